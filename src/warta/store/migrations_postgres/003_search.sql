-- The search index, inside the database: one row per current article.
-- `terms` is a tsvector warta builds itself (warta.store.pgsearch): the
-- Indonesian stems of the title and text (the title twice, as in the
-- tantivy index) and, prefixed with `=`, the lower-cased words for exact
-- phrases, each with its positions. No PostgreSQL text search configuration
-- touches them (they are written as a tsvector literal, the `simple` way).
-- The filters search supports are columns beside it.
CREATE TABLE search_docs (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    terms       TSVECTOR NOT NULL,
    published   INTEGER NOT NULL,      -- day number (days since 1970-01-01)
    section     TEXT NOT NULL,         -- lower-cased, '' when none
    source      TEXT NOT NULL,
    entities    TEXT[] NOT NULL,
    speakers    TEXT[] NOT NULL,
    places      TEXT[] NOT NULL,
    mentioned   INTEGER[] NOT NULL     -- day numbers of the dates the text mentions
);
CREATE INDEX search_docs_published ON search_docs (published);
CREATE INDEX search_docs_entities ON search_docs USING gin (entities);
CREATE INDEX search_docs_speakers ON search_docs USING gin (speakers);
CREATE INDEX search_docs_places ON search_docs USING gin (places);

-- RUM when the extension is installed (`postgresql-15-rum`): it keeps
-- positions in the index, so `ORDER BY terms <=> query LIMIT k` returns the
-- best k from the index. GIN otherwise (every match is ranked).
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS rum;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'rum is not available (%): search uses a GIN index', SQLERRM;
    END;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') THEN
        EXECUTE 'CREATE INDEX search_docs_terms ON search_docs USING rum (terms rum_tsvector_ops)';
    ELSE
        EXECUTE 'CREATE INDEX search_docs_terms ON search_docs USING gin (terms)';
    END IF;
END
$$;
