-- How the text uses a name at each mention: a place entity's mention is LOC
-- where it is a place ("di Rusia") and GPE where the state acts or qualifies
-- ("Rusia menolak", "militer Rusia"). NULL for analyses made before 1.1.
ALTER TABLE mentions ADD COLUMN label TEXT;
