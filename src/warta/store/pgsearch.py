"""Full-text search inside PostgreSQL, with warta's own stems and query language.

The same IndexTerms the tantivy index is fed (warta.search.index: Indonesian
stems from warta's stemmer, the title counted twice, lower-cased words for
exact phrases) become one tsvector per article, written as a literal so no
PostgreSQL text search configuration re-tokenizes them: stems as they are,
words prefixed with `=` (so the phrase "pasukan khusus" is `'=pasukan' <->
'=khusus'` and never matches stems). A parsed query becomes a tsquery the
same way: clauses ANDed, alternatives ORed, excluded terms negated.

Ranking: with the RUM index (migration 003), `ORDER BY terms <=> query
LIMIT k` is answered from the index (RUM keeps positions and ranks inside
the index); the score is 1 / that distance. Without RUM, matches are ranked
by ts_rank. Both weigh a term by how often it occurs, so a word in the
headline (indexed twice) ranks higher, as with BM25.
"""

from __future__ import annotations

from typing import Any

from warta.model import Article
from warta.search.index import Filters, IndexTerms, day_number, index_terms
from warta.search.query import ParsedQuery, Term
from warta.search.stemmer import Stemmer, default_stemmer

#: PostgreSQL keeps positions 1..16383 and at most 255 of them per lexeme;
#: a lexeme is at most 2047 bytes.
MAX_POSITION = 16383
MAX_POSITIONS = 255
MAX_LEXEME_BYTES = 2047

#: The prefix that keeps a phrase word apart from a stem in one tsvector.
WORD_PREFIX = "="


def lexeme(token: str) -> str:
    """A token quoted for a tsvector or tsquery literal."""
    if "\\" in token or "'" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return "'" + token + "'"


def tsvector(terms: IndexTerms) -> str:
    """The tsvector literal of an article's terms: stems, then `=`words, each with its positions.

    Runs once per stored article (a third of PostgreSQL ingest time before it
    was made this plain): positions come in increasing order from one token
    sequence per lexeme, so they need no sorting; past MAX_POSITION they
    collapse into one, as PostgreSQL would.
    """
    positions: dict[str, list[str]] = {}
    for tokens, prefix in ((terms.stems.split(), ""), (terms.words.split(), WORD_PREFIX)):
        for number, token in enumerate(tokens, start=1):
            kept = positions.get(prefix + token)
            if kept is None:
                positions[prefix + token] = [str(number)]
            elif len(kept) < MAX_POSITIONS and number <= MAX_POSITION:
                kept.append(str(number))
    return " ".join(lexeme(token) + ":" + ",".join(places) for token, places in positions.items()
                    if len(token) * 4 <= MAX_LEXEME_BYTES or len(token.encode("utf-8")) <= MAX_LEXEME_BYTES)


def _term(term: Term) -> str:
    prefix = WORD_PREFIX if term.phrase else ""
    tokens = [lexeme(prefix + token) for token in term.tokens]
    return tokens[0] if len(tokens) == 1 else "(" + " <-> ".join(tokens) + ")"


def tsquery(parsed: ParsedQuery) -> str:
    """The tsquery literal of a parsed query."""
    parts = []
    for clause in parsed.clauses:
        alternatives = [_term(term) for term in clause]
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")")
    parts += ["!" + _term(term) for term in parsed.excluded]
    return " & ".join(parts)


class PostgresSearch:
    """Search and index writes over `search_docs` (run inside the store's transactions)."""

    def __init__(self, db: Any, stemmer: Stemmer | None = None):
        self.db = db
        self.stemmer = stemmer or default_stemmer()
        #: `rum` or `gin`: which index answers the searches; `none` while a bulk load has put it off.
        self.method: str = self.current_method()

    def current_method(self) -> str:
        row = self.db.execute("SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                              "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'search_docs_terms'",
                              ()).fetchone()
        return row[0] if row else "none"

    # -- writing (inside the caller's transaction) --------------------------------

    def write(self, documents: list[tuple[Article, IndexTerms | None]]) -> None:
        """Add or replace these articles' search rows."""
        if not documents:
            return
        rows = []
        for article, terms in documents:
            terms = terms or index_terms(article, self.stemmer)
            rows.append((article.id, terms.vector or tsvector(terms), day_number(article.published),
                         (article.section or "").lower(), (article.source or "").lower(), list(terms.entities),
                         list(terms.speakers), list(terms.places), list(terms.mentioned)))
        self.db.executemany(
            "INSERT INTO search_docs (article_id, terms, published, section, source, entities, speakers, places, "
            "mentioned) VALUES (?, ?::tsvector, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?::integer[]) "
            "ON CONFLICT (article_id) DO UPDATE SET terms = excluded.terms, published = excluded.published, "
            "section = excluded.section, source = excluded.source, entities = excluded.entities, "
            "speakers = excluded.speakers, places = excluded.places, mentioned = excluded.mentioned", rows)

    def delete(self, article_ids: list[str]) -> None:
        if article_ids:
            self.db.executemany("DELETE FROM search_docs WHERE article_id = ?", [(i,) for i in article_ids])

    # -- reading ---------------------------------------------------------------

    def search(self, parsed: ParsedQuery, filters: Filters = Filters(), limit: int = 10,
               offset: int = 0, count: bool = True) -> tuple[list[tuple[float, str]], int | None]:
        """(score, article id) best first, and the number of matches (None unless `count`)."""
        if self.method == "none":  # a bulk load may have built the index since
            self.method = self.current_method()
        where, params = self._where(parsed, filters)
        if self.method == "rum":
            sql = (f"SELECT article_id, terms <=> ?::tsquery AS distance FROM search_docs WHERE {where} "
                   "ORDER BY terms <=> ?::tsquery LIMIT ? OFFSET ?")
            query = params[0]
            rows = self.db.execute(sql, (query, *params, query, limit, offset)).fetchall()
            hits = [(0.0 if not row[1] or row[1] == float("inf") else 1.0 / row[1], row[0]) for row in rows]
        else:
            sql = (f"SELECT article_id, ts_rank(terms, ?::tsquery) AS score FROM search_docs WHERE {where} "
                   "ORDER BY score DESC, published DESC, article_id LIMIT ? OFFSET ?")
            rows = self.db.execute(sql, (params[0], *params, limit, offset)).fetchall()
            hits = [(float(row[1]), row[0]) for row in rows]
        total = None
        if count:
            total = self.db.execute(f"SELECT COUNT(*) FROM search_docs WHERE {where}", params).fetchone()[0]
        return hits, total

    def _where(self, parsed: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
        clauses: list[str] = ["terms @@ ?::tsquery"]
        params: list[Any] = [tsquery(parsed)]
        if filters.since:
            clauses.append("published >= ?")
            params.append(day_number(filters.since))
        if filters.until:
            clauses.append("published <= ?")
            params.append(day_number(filters.until))
        for name in ("section", "source"):
            value = getattr(filters, name)
            if value:
                clauses.append(f"{name} = ?")
                params.append(value.lower())
        for column, values in (("entities", filters.entities), ("speakers", filters.speakers),
                               ("places", filters.places)):
            if values:
                clauses.append(f"{column} && ?::text[]")
                params.append(list(values))
        if filters.mentioned_since or filters.mentioned_until:
            low = day_number(filters.mentioned_since) if filters.mentioned_since else -(2 ** 31)
            high = day_number(filters.mentioned_until) if filters.mentioned_until else 2 ** 31 - 1
            clauses.append("EXISTS (SELECT 1 FROM unnest(mentioned) AS day WHERE day BETWEEN ? AND ?)")
            params += [low, high]
        return " AND ".join(clauses), params

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM search_docs", ()).fetchone()[0]
