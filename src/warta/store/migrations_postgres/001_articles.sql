-- Articles, rejects and meta: the PostgreSQL twin of migrations/001_articles.sql.
-- Columns keep SQLite's types (dates as ISO text, JSON as text) so both
-- backends read and write rows with the same code (warta.store.tables).
-- `id` is the primary key (the content-derived id every table refers to);
-- `seq` orders ingestion.
CREATE TABLE articles (
    seq            BIGSERIAL NOT NULL UNIQUE,
    id             TEXT PRIMARY KEY,
    content_hash   TEXT NOT NULL UNIQUE,
    external_id    TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    supersedes     TEXT,
    superseded_by  TEXT,
    published      TEXT NOT NULL,
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
    text           TEXT NOT NULL,
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_external_id ON articles (external_id);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_section ON articles (section);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_id_prefix ON articles (id text_pattern_ops);

CREATE TABLE rejects (
    id          BIGSERIAL PRIMARY KEY,
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
