-- Event merging (issue #18): the PostgreSQL twin of migrations/011_event_merge_evidence.sql.
-- `merge_evidence`: a JSON list, one entry per merge of a mention into the cluster
-- ({"articles": [a, b], "why": "same type ASSAULT, same target id ..."}),
-- written by warta.store.sql with the reasons of warta.event_merge.same_happening.
-- The merge candidates of a new mention are the stored mentions of its type
-- with the same target (or either party, for symmetric types), by id or, for
-- an actor without an entity, by name: the names get indexes like the ids.
ALTER TABLE event_clusters ADD COLUMN merge_evidence TEXT;
CREATE INDEX events_source_name ON events (source_name);
CREATE INDEX events_target_name ON events (target_name);
