-- Who gives a number, when the text attributes it ("Menurut Korea Selatan, ... 2.000 tentara").
ALTER TABLE counts ADD COLUMN reported_by TEXT;
ALTER TABLE counts ADD COLUMN reported_by_id TEXT;
