-- Analyses, entities, quotes, times, counts, places and events: the
-- PostgreSQL twin of SQLite migrations 002-009, columns in the order the
-- SQLite migrations leave them.
CREATE TABLE analyses (
    article_id      TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    schema_version  TEXT NOT NULL,
    pipeline        TEXT NOT NULL,
    sentences       TEXT NOT NULL,
    analyzed_at     TEXT NOT NULL
);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    name        TEXT NOT NULL,
    attributes  TEXT
);
CREATE INDEX entities_name ON entities (lower(name));

CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id   TEXT NOT NULL REFERENCES entities (id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    source      TEXT NOT NULL,
    role        TEXT,
    role_start  INTEGER,
    label       TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);
CREATE INDEX mentions_text ON mentions (lower(text));

CREATE TABLE person_names (
    part TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (part, entity_id)
);

CREATE TABLE quotes (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    speaker_id  TEXT REFERENCES entities (id),
    speaker     TEXT,
    cue         TEXT,
    cue_start   INTEGER,
    via_id      TEXT,
    via         TEXT,
    PRIMARY KEY (article_id, start, "end", kind)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id);

CREATE TABLE times (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL,
    anchor      TEXT NOT NULL,
    mod         TEXT,
    timezone    TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX times_value ON times (type, value);

CREATE TABLE counts (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    unit           TEXT,
    category       TEXT,
    approximate    INTEGER NOT NULL DEFAULT 0,
    lower_bound    INTEGER NOT NULL DEFAULT 0,
    currency       TEXT,
    reported_by    TEXT,
    reported_by_id TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX counts_category ON counts (category);

CREATE TABLE places (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL
);
CREATE INDEX places_name ON places (lower(name));

CREATE TABLE place_mentions (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id    TEXT NOT NULL REFERENCES places (id),
    entity_id   TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    metonym_for TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX place_mentions_place ON place_mentions (place_id, article_id);
CREATE INDEX place_mentions_text ON place_mentions (lower(text));

CREATE TABLE event_clusters (
    id           BIGSERIAL PRIMARY KEY,
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
    "symmetric"  INTEGER NOT NULL DEFAULT 0,
    date         TEXT,
    date_day     INTEGER,
    place_id     TEXT,
    place        TEXT,
    date_source  TEXT NOT NULL DEFAULT 'published'
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
    counts         TEXT NOT NULL,
    quotes         TEXT NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    cluster_id     BIGINT REFERENCES event_clusters (id),
    PRIMARY KEY (article_id, trigger_start, type)
);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_source ON events (source_id);
CREATE INDEX events_target ON events (target_id);

-- The whole-word test of `--name BI` (warta.store.matching.contains_words,
-- which SQLite calls as a Python function): the words of `query`, in order,
-- among the words of `text`, without regard to case.
CREATE FUNCTION contains_words(haystack TEXT, needle TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN haystack IS NULL OR needle IS NULL
                  OR btrim(regexp_replace(lower(needle), '\W+', ' ', 'g')) = '' THEN false
           ELSE position(' ' || btrim(regexp_replace(lower(needle), '\W+', ' ', 'g')) || ' '
                         IN ' ' || btrim(regexp_replace(lower(haystack), '\W+', ' ', 'g')) || ' ') > 0 END
$$;
