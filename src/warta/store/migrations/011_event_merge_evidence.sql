-- Event merging (issue #18): why the mentions of a happening were merged.
-- `merge_evidence`: a JSON list, one entry per merge of a mention into the cluster
-- ({"articles": [a, b], "why": "same type ASSAULT, same target id ..."}),
-- written by warta.store.sql with the reasons of warta.event_merge.same_happening.
ALTER TABLE event_clusters ADD COLUMN merge_evidence TEXT;
