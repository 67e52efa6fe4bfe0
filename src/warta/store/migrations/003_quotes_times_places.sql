-- Quotes, time expressions, counts and places (issue: who said what, when and where).
-- All offsets are into articles.text; all rows belong to one article version
-- and go with it.
CREATE TABLE quotes (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,       -- direct | partial | indirect | headline
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
    type        TEXT NOT NULL,       -- DATE | TIME | DURATION | SET
    value       TEXT NOT NULL,
    anchor      TEXT NOT NULL,
    mod         TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX times_value ON times (type, value);

CREATE TABLE counts (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL NOT NULL,
    unit        TEXT,
    category    TEXT,
    approximate INTEGER NOT NULL DEFAULT 0,
    lower_bound INTEGER NOT NULL DEFAULT 0,
    currency    TEXT,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX counts_category ON counts (category);

CREATE TABLE places (
    id          TEXT PRIMARY KEY,    -- gazetteer id: iso:PRK, geo:1871859, ...
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT NOT NULL,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL
);

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
