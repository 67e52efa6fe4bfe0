-- Analyses and entities (issue: NLP core).
-- One analysis per article version; entities are shared across articles
-- (their id is stable: label + canonical name); mentions tie them together
-- with character offsets into articles.text.
CREATE TABLE analyses (
    article_id      TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    schema_version  TEXT NOT NULL,
    pipeline        TEXT NOT NULL,   -- JSON: warta version, components, model
    sentences       TEXT NOT NULL,   -- JSON: [[start, end], ...]
    analyzed_at     TEXT NOT NULL
);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,    -- e.g. per:vladimir-putin
    label       TEXT NOT NULL,
    name        TEXT NOT NULL,
    attributes  TEXT                 -- JSON: gazetteer facts
);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id   TEXT NOT NULL REFERENCES entities (id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    source      TEXT NOT NULL,
    role        TEXT,
    role_start  INTEGER,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);
CREATE INDEX mentions_text ON mentions (text COLLATE NOCASE);
