-- The time zone a time expression states (WIB, WITA, WIT, UTC, GMT, or local
-- for `waktu setempat`). NULL when the text states none, and for analyses
-- made before this column existed.
ALTER TABLE times ADD COLUMN timezone TEXT;
