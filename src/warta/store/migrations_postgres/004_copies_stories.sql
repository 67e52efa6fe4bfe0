-- Copies and stories: the PostgreSQL twin of migrations/010_copies_stories.sql.
-- `signatures`: each article's MinHash signature (128 little-endian 32-bit
-- values), written at ingest; the LSH bands are rebuilt from it in memory.
-- `copies`: one row per article that belongs to a group of copies, naming the
-- group's original (the earliest published, then the smallest id); articles
-- without a copy have no row.
-- `stories` / `story_articles`: stories of two or more articles, recomputed
-- from the stored articles whenever articles were added (meta `stories_seq`).
CREATE TABLE signatures (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash     BYTEA NOT NULL
);

CREATE TABLE copies (
    article_id   TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id  TEXT NOT NULL
);
CREATE INDEX copies_original ON copies (original_id);

CREATE TABLE stories (
    id              TEXT PRIMARY KEY,   -- the id of the story's earliest article
    title           TEXT NOT NULL,
    first_published TEXT NOT NULL,
    last_published  TEXT NOT NULL,
    articles        INTEGER NOT NULL,
    outlets         INTEGER NOT NULL
);
CREATE INDEX stories_last ON stories (last_published);

CREATE TABLE story_articles (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);
