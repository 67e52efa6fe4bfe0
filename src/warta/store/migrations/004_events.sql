-- Events (issue: PLOVER/CAMEO event coding).
-- `events` holds every coded event mention with its evidence sentence;
-- `event_clusters` holds the happenings they describe: mentions of the same
-- type, actors, modality and date (within a day), at the same or an unknown
-- place, from any article, share one cluster (GDELT's events vs mentions,
-- without its duplicate inflation).
CREATE TABLE event_clusters (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    type         TEXT NOT NULL,
    mode         TEXT,
    cameo        TEXT,
    modality     TEXT NOT NULL,
    source_id    TEXT,
    source_name  TEXT,
    source_code  TEXT,
    target_id    TEXT,
    target_name  TEXT,
    target_code  TEXT,
    symmetric    INTEGER NOT NULL DEFAULT 0,
    date         TEXT,
    date_day     INTEGER,           -- first day of `date` as a day number, for the ±1 day match
    place_id     TEXT,
    place        TEXT
);
CREATE INDEX event_clusters_key ON event_clusters (type, modality, date_day);

CREATE TABLE events (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    type           TEXT NOT NULL,
    mode           TEXT,
    cameo          TEXT,
    source_id      TEXT,
    source_name    TEXT,
    source_code    TEXT,
    target_id      TEXT,
    target_name    TEXT,
    target_code    TEXT,
    place_id       TEXT,
    place          TEXT,
    date           TEXT,
    date_source    TEXT NOT NULL,
    modality       TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    counts         TEXT NOT NULL,    -- JSON: start offsets of linked counts
    quotes         TEXT NOT NULL,    -- JSON: start offsets of linked quotes
    confidence     REAL NOT NULL,
    cluster_id     INTEGER REFERENCES event_clusters (id),
    PRIMARY KEY (article_id, trigger_start, type)
);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_source ON events (source_id);
CREATE INDEX events_target ON events (target_id);
