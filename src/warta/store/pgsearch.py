"""Full-text search inside PostgreSQL, with warta's own stems and query language.

The same IndexTerms the tantivy index is fed (warta.search.index: Indonesian
stems from warta's stemmer, the title counted twice, lower-cased words for
exact phrases) go into two columns: `terms`, a tsvector of the stems with
their positions, written as a literal so no PostgreSQL text search
configuration re-tokenizes them, and `words`, the words as plain text
(migration 007). A parsed query becomes a tsquery over the stems the same
way (clauses ANDed, alternatives ORed, excluded terms negated); a quoted
phrase is looked up by its stems in the index and then checked word for
word in `words`, so "pasukan khusus" matches only those two words in that
order, as in the tantivy index.

Why phrases are not in the index: with the words beside the stems the
tsvector had twice the lexemes, and parsing them at each insert and putting
them in the RUM index was most of the database's work during ingest, for
the few queries that have quotes.

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

#: The columns of `search_docs` a write fills, in the order of its rows.
SEARCH_COLUMNS = ("article_id", "terms", "words", "published", "section", "source", "entities", "speakers",
                  "places", "mentioned")


def lexeme(token: str) -> str:
    """A token quoted for a tsvector or tsquery literal."""
    if "\\" in token or "'" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return "'" + token + "'"


def tsvector(terms: IndexTerms) -> str:
    """The tsvector literal of an article's stems, each with its positions.

    Runs once per stored article (a third of PostgreSQL ingest time before it
    was made this plain): positions come in increasing order from one token
    sequence, so they need no sorting; past MAX_POSITION they collapse into
    one, as PostgreSQL would.
    """
    positions: dict[str, list[str]] = {}
    for number, token in enumerate(terms.stems.split(), start=1):
        kept = positions.get(token)
        if kept is None:
            positions[token] = [str(number)]
        elif len(kept) < MAX_POSITIONS and number <= MAX_POSITION:
            kept.append(str(number))
    return " ".join(lexeme(token) + ":" + ",".join(places) for token, places in positions.items()
                    if len(token) * 4 <= MAX_LEXEME_BYTES or len(token.encode("utf-8")) <= MAX_LEXEME_BYTES)


def words_column(terms: IndexTerms) -> str:
    """The `words` value: the words with a space at each end, so that strpos(words, ' a b ') finds a phrase."""
    return " " + terms.words + " "


def _term(term: Term, stemmer: Stemmer) -> str:
    """A term in the index's tsquery: a word's stems in a row, a phrase's stems all present (it is
    checked word for word on `words` after)."""
    if term.phrase:
        tokens = [lexeme(stem) for stem in dict.fromkeys(stemmer.stem(token) for token in term.tokens)]
        return tokens[0] if len(tokens) == 1 else "(" + " & ".join(tokens) + ")"
    tokens = [lexeme(token) for token in term.tokens]
    return tokens[0] if len(tokens) == 1 else "(" + " <-> ".join(tokens) + ")"


def tsquery(parsed: ParsedQuery, stemmer: Stemmer | None = None) -> str:
    """The tsquery literal of a parsed query, over the stems.

    Every article the query matches matches this; with quoted phrases it may
    match more (the same stems, other words or order), which `phrase_filter`
    leaves out. An excluded phrase is left to `phrase_filter` alone."""
    stemmer = stemmer or default_stemmer()
    parts = []
    for clause in parsed.clauses:
        alternatives = [_term(term, stemmer) for term in clause]
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")")
    parts += ["!" + _term(term, stemmer) for term in parsed.excluded if not term.phrase]
    return " & ".join(parts)


def _phrase(term: Term) -> str:
    return " " + " ".join(term.tokens) + " "


def phrase_filter(parsed: ParsedQuery, stemmer: Stemmer | None = None) -> tuple[str, list[Any]]:
    """The SQL condition (and its parameters) that checks a query's phrases word for word; ('', []) without any.

    A clause with a phrase among its alternatives is checked whole: each
    word alternative by the index's own operator, each phrase on `words`."""
    conditions: list[str] = []
    params: list[Any] = []
    for clause in parsed.clauses:
        if not any(term.phrase for term in clause):
            continue
        alternatives = []
        for term in clause:
            if term.phrase:
                alternatives.append("strpos(words, ?) > 0")
                params.append(_phrase(term))
            else:
                alternatives.append("terms @@ ?::tsquery")
                params.append(_term(term, stemmer or default_stemmer()))
        conditions.append("(" + " OR ".join(alternatives) + ")")
    for term in parsed.excluded:
        if term.phrase:
            conditions.append("strpos(words, ?) = 0")
            params.append(_phrase(term))
    return " AND ".join(conditions), params


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
            rows.append((article.id, terms.vector or tsvector(terms), words_column(terms),
                         day_number(article.published), (article.section or "").lower(),
                         (article.source or "").lower(), list(terms.entities), list(terms.speakers),
                         list(terms.places), list(terms.mentioned)))
        # Loaded with COPY into a scratch table, then moved in one statement that
        # keeps the upsert (an article indexed again replaces its row).
        columns = ", ".join(SEARCH_COLUMNS)
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS search_docs_load (LIKE search_docs)")
        self.db.copy_rows(f"COPY search_docs_load ({columns}) FROM STDIN", rows)
        self.db.execute(
            f"WITH loaded AS (DELETE FROM search_docs_load RETURNING *) "
            f"INSERT INTO search_docs ({columns}) SELECT {columns} FROM loaded ON CONFLICT (article_id) DO UPDATE SET "
            + ", ".join(f"{column} = excluded.{column}" for column in SEARCH_COLUMNS[1:]))

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
        params: list[Any] = [tsquery(parsed, self.stemmer)]
        phrases, phrase_params = phrase_filter(parsed, self.stemmer)
        if phrases:
            clauses.append(phrases)
            params += phrase_params
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
