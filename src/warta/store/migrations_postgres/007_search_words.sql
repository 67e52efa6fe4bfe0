-- Exact phrases move out of the search index: `terms` keeps the stems only,
-- and `words` is the article's lower-cased words as plain text, space-
-- separated with a space at each end, so a phrase is found with strpos()
-- (' pasukan khusus '). Before, `terms` also held every word prefixed with
-- `=` for phrases: twice the lexemes to parse at each insert and to put in
-- the RUM index, for the few queries with quotes. A phrase is now looked up
-- in the index by its stems and checked exactly on `words`.
--
-- Existing rows get their words back from the `=` lexemes in position order
-- (exact but for articles past PostgreSQL's 16,383 positions, or with a word
-- more than 255 times; `warta reindex` rebuilds them from the articles).
-- The search index is built again once, not updated row by row.
ALTER TABLE search_docs ADD COLUMN words TEXT NOT NULL DEFAULT '';

DO $$
DECLARE
    method TEXT;
BEGIN
    SELECT am.amname INTO method FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'search_docs_terms';
    DROP INDEX IF EXISTS search_docs_terms;
    UPDATE search_docs SET
        words = COALESCE((SELECT ' ' || string_agg(substr(entry.lexeme, 2), ' ' ORDER BY place) || ' '
                          FROM unnest(terms) AS entry, unnest(entry.positions) AS place
                          WHERE entry.lexeme LIKE '=%'), ''),
        terms = ts_delete(terms, ARRAY(SELECT lexeme FROM unnest(tsvector_to_array(terms)) AS lexeme
                                       WHERE lexeme LIKE '=%'))
    WHERE EXISTS (SELECT 1 FROM unnest(tsvector_to_array(terms)) AS lexeme WHERE lexeme LIKE '=%');
    IF method = 'rum' THEN
        EXECUTE 'CREATE INDEX search_docs_terms ON search_docs USING rum (terms rum_tsvector_ops)';
    ELSIF method = 'gin' THEN
        EXECUTE 'CREATE INDEX search_docs_terms ON search_docs USING gin (terms)';
    END IF;  -- none: a bulk load put it off and builds it when it ends
END
$$;
