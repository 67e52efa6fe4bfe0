-- A range of times (`10-12 Mei 2025`, `periode 2019-2024`, `2-3 hari`) is two
-- rows, one per end point, linked by the start offsets of its first and last
-- expression (TimeML beginPoint / endPoint); both are set on both rows. NULL
-- outside a range, and for analyses made before these columns existed.
ALTER TABLE times ADD COLUMN begin_point INTEGER;
ALTER TABLE times ADD COLUMN end_point INTEGER;
