-- Where a happening's date comes from: the text ("pada hari Rabu") or, failing
-- that, the publication date. A text date replaces a publication date when a
-- mention that states one joins the happening.
ALTER TABLE event_clusters ADD COLUMN date_source TEXT NOT NULL DEFAULT 'published';
