-- Articles and rejects: the foundation every later table hangs off.
-- `seq` orders ingestion (the search index catches up from it);
-- `id` is the content-derived article id every other table refers to.
CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    content_hash   TEXT NOT NULL UNIQUE,
    external_id    TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    supersedes     TEXT,            -- id of the previous version, if any
    superseded_by  TEXT,            -- id of the newer version; NULL while current
    published      TEXT NOT NULL,   -- ISO date
    section        TEXT,
    title          TEXT NOT NULL,
    subtitle       TEXT,
    caption        TEXT,
    caption_credit TEXT,
    dateline       TEXT,
    source         TEXT,
    path           TEXT,
    url            TEXT,
    format         TEXT NOT NULL,
    text           TEXT NOT NULL,   -- canonical text; offsets point into it
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_external_id ON articles (external_id);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_section ON articles (section);
CREATE INDEX articles_source ON articles (source);

CREATE TABLE rejects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    path        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    times       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (path, reason)
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
