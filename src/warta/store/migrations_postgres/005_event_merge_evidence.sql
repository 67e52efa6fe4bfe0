-- Event merging (issue #18): the PostgreSQL twin of migrations/011_event_merge_evidence.sql.
-- `merge_evidence`: a JSON list, one entry per merge of a mention into the cluster
-- ({"articles": [a, b], "why": "same type ASSAULT, same target id ..."}),
-- written by warta.store.sql with the reasons of warta.event_merge.same_happening.
ALTER TABLE event_clusters ADD COLUMN merge_evidence TEXT;
