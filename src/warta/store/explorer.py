"""Read-only queries the explorer (REST API and web UI) needs, as a mixin of the SQL stores.

Kept apart from the ingest and core read paths in sqlite.py so the web layer's
needs (facets, histograms, pagination totals, filtered listings) grow here
without touching them. Every method only reads, through `self.db` (a
connection taking `?` placeholders whose rows read by name) and, for search,
`self.index`; the SQL is what both SQLite and PostgreSQL accept, or asked of
`self.dialect`.

The store interface (`quotes`, `events`, `places`, `entity_profile`, ...)
stays the first way in; these methods add what a browsing UI needs on top:
filters that combine, totals for pagination, facets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from warta.store.dialect import Dialect
from warta.store.matching import merge_spellings

#: Columns of `articles` the explorer lists (never the full text).
ARTICLE_LIST_COLUMNS = "a.id, a.external_id, a.published, a.section, a.source, a.title, a.subtitle"


def dated(since: date | None, until: date | None, first: str, last: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses (and their parameters) keeping rows dated within [since, until]: one date column
    (`first`), or a span (`first` to `last`, as a story's) that meets the range."""
    clauses: list[str] = []
    params: list[Any] = []
    if since:
        clauses.append(f"{last or first} >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append(f"{first} <= ?")
        params.append(until.isoformat())
    return clauses, params


@dataclass(frozen=True)
class ArticleFilter:
    """Which current articles a listing, a facet or a histogram is about."""

    since: date | None = None
    until: date | None = None
    section: str | None = None
    source: str | None = None
    #: Any of these entity ids must be mentioned (empty: no entity filter).
    entities: tuple[str, ...] = ()
    #: Any of these entity ids must be quoted as the speaker.
    speakers: tuple[str, ...] = ()
    #: Any of these gazetteer place ids must be mentioned.
    places: tuple[str, ...] = ()
    #: An event of this PLOVER type must be coded in the article.
    event_type: str | None = None
    #: Only these article ids (e.g. the best search matches); None: no restriction.
    ids: tuple[str, ...] | None = None

    @property
    def needs_sql(self) -> bool:
        """True when a filter goes beyond what the search index can apply itself."""
        return bool(self.speakers or self.places or self.event_type)

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        clauses, params = dated(self.since, self.until, f"{alias}.published")
        clauses.insert(0, f"{alias}.superseded_by IS NULL")
        if self.section:
            clauses.append(f"{alias}.section = ?")
            params.append(self.section.upper())
        if self.source:
            clauses.append(f"lower({alias}.source) = lower(?)")
            params.append(self.source)
        for values, sql in ((self.entities, "SELECT article_id FROM mentions WHERE entity_id IN ({})"),
                            (self.speakers, "SELECT article_id FROM quotes WHERE speaker_id IN ({})"),
                            (self.places, "SELECT article_id FROM place_mentions WHERE place_id IN ({})")):
            if values:
                clauses.append(f"{alias}.id IN ({sql.format(','.join('?' * len(values)))})")
                params.extend(values)
        if self.event_type:
            clauses.append(f"{alias}.id IN (SELECT article_id FROM events WHERE type = ?)")
            params.append(self.event_type.upper())
        if self.ids is not None:
            if not self.ids:
                clauses.append("1 = 0")
            else:
                clauses.append(f"{alias}.id IN ({','.join('?' * len(self.ids))})")
                params.extend(self.ids)
        return " AND ".join(clauses), params


def _plain(value: Any) -> Any:
    """A value JSON can carry (BLOBs become None: the explorer never shows raw bytes)."""
    return None if isinstance(value, (bytes, bytearray, memoryview)) else value


def _row(row: Any) -> dict:
    return {key: _plain(row[key]) for key in row.keys()}


class ExplorerQueries:
    db: Any
    index: Any
    dialect: Dialect

    # -- schema introspection ------------------------------------------------

    def has_table(self, name: str) -> bool:
        return self.db.execute(self.dialect.table_exists, (name,)).fetchone() is not None

    # -- articles --------------------------------------------------------------

    def list_articles(self, flt: ArticleFilter = ArticleFilter(), limit: int = 20, offset: int = 0,
                      order: str = "newest") -> tuple[int, list[dict]]:
        """(total, one page of current articles) newest first (or `oldest`)."""
        where, params = flt.where()
        total = self.db.execute(f"SELECT COUNT(*) FROM articles a WHERE {where}", params).fetchone()[0]
        direction = "ASC" if order == "oldest" else "DESC"
        rows = self.db.execute(
            f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles a WHERE {where} "
            f"ORDER BY a.published {direction}, a.seq {direction} LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()
        return total, [_row(r) for r in rows]

    def search_article_ids(self, query: str, filters: Any, limit: int) -> list[str]:
        """Ids of the best `limit` matches of a search (for facets); raises QueryError."""
        from warta.search import query as query_language

        index = self.index
        parsed = query_language.parse(query, index.stemmer)
        ranked, _ = index.search(parsed, filters, limit=limit, offset=0, count=False)
        return [article_id for _, article_id in ranked]

    def latest_article_ids(self, flt: ArticleFilter, limit: int) -> list[str]:
        where, params = flt.where()
        return [row[0] for row in self.db.execute(
            f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.published DESC, a.seq DESC LIMIT ?",
            (*params, limit))]

    # -- facets ------------------------------------------------------------------

    def facet_counts(self, flt: ArticleFilter, column: str, limit: int = 20) -> list[dict]:
        """Counts of `section` or `source` values among the filtered articles."""
        if column not in ("section", "source"):
            raise ValueError(f"no facet on {column!r}")
        where, params = flt.where()
        rows = self.db.execute(
            f"SELECT a.{column} AS value, COUNT(*) AS count FROM articles a WHERE {where} GROUP BY a.{column}",
            params).fetchall()
        return [{"value": value, "count": count} for value, count in merge_spellings(rows)[:limit]]

    def published_days(self, flt: ArticleFilter) -> list[tuple[str, int]]:
        """(ISO day, number of articles) for every day with articles, oldest first."""
        where, params = flt.where()
        return [(r[0], r[1]) for r in self.db.execute(
            f"SELECT a.published, COUNT(*) FROM articles a WHERE {where} GROUP BY a.published ORDER BY a.published",
            params)]

    def top_entities_of(self, article_ids: list[str], limit: int = 10) -> list[dict]:
        """Entities mentioned in the most of the given articles."""
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = self.db.execute(
            f"""SELECT e.id, e.label, e.name, COUNT(DISTINCT m.article_id) AS articles, COUNT(*) AS mentions
                FROM mentions m JOIN entities e ON e.id = m.entity_id
                WHERE m.article_id IN ({marks})
                GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ?""",
            (*article_ids, limit)).fetchall()
        return [_row(r) for r in rows]

    # -- entities ----------------------------------------------------------------

    def entities_total(self, label: str | None = None, name: str | None = None, since: date | None = None,
                       until: date | None = None) -> int:
        """How many entities `entities()` would list with the same filters, all pages."""
        from warta.store.sql import entity_filter

        where, params = entity_filter(label, name, since, until, self.dialect)
        return self.db.execute(
            f"""SELECT COUNT(DISTINCT e.id) FROM mentions m JOIN entities e ON e.id = m.entity_id
                JOIN articles a ON a.id = m.article_id WHERE {' AND '.join(where)}""", params).fetchone()[0]

    def entity_labels(self) -> list[dict]:
        return [_row(r) for r in self.db.execute(
            "SELECT label, COUNT(*) AS entities FROM entities GROUP BY label ORDER BY entities DESC, label")]

    def entity(self, entity_id: str) -> dict | None:
        """One entity with its totals over current articles, or None."""
        row = self.db.execute("SELECT id, label, name, attributes FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        totals = self.db.execute(
            """SELECT COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                      COUNT(DISTINCT COALESCE(c.original_id, m.article_id)) AS sources,
                      MIN(a.published) AS first, MAX(a.published) AS last
               FROM mentions m JOIN articles a ON a.id = m.article_id
               LEFT JOIN copies c ON c.article_id = m.article_id
               WHERE m.entity_id = ? AND a.superseded_by IS NULL""", (entity_id,)).fetchone()
        try:
            attributes = json.loads(row["attributes"]) if row["attributes"] else {}
        except ValueError:
            attributes = {}
        return {"id": row["id"], "label": row["label"], "name": row["name"],
                "attributes": attributes if isinstance(attributes, dict) else {}, **_row(totals)}

    def co_mention_links(self, entity_id: str, others: list[str]) -> list[dict]:
        """Shared-article counts between pairs of `others`, within the articles that mention `entity_id`."""
        if len(others) < 2:
            return []
        marks = ",".join("?" * len(others))
        rows = self.db.execute(
            f"""WITH arts AS (SELECT DISTINCT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id
                              WHERE m.entity_id = ? AND a.superseded_by IS NULL),
                     em AS (SELECT DISTINCT m.article_id, m.entity_id FROM mentions m
                            JOIN arts ON arts.article_id = m.article_id WHERE m.entity_id IN ({marks}))
                SELECT x.entity_id AS source, y.entity_id AS target, COUNT(*) AS articles
                FROM em x JOIN em y ON x.article_id = y.article_id AND x.entity_id < y.entity_id
                GROUP BY x.entity_id, y.entity_id""", (entity_id, *others)).fetchall()
        return [_row(r) for r in rows]

    def entity_articles(self, entity_id: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
        """(total, one page of current articles mentioning the entity), newest first, with mention counts."""
        total = self.db.execute(
            """SELECT COUNT(DISTINCT m.article_id) FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND a.superseded_by IS NULL""", (entity_id,)).fetchone()[0]
        rows = self.db.execute(
            f"""SELECT {ARTICLE_LIST_COLUMNS}, COUNT(*) AS mentions
                FROM mentions m JOIN articles a ON a.id = m.article_id
                WHERE m.entity_id = ? AND a.superseded_by IS NULL
                GROUP BY a.id ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?""",
            (entity_id, limit, offset)).fetchall()
        return total, [_row(r) for r in rows]

    # -- search with filters the index does not hold ---------------------------------

    def search_filtered(self, query: str, filters: Any, flt: ArticleFilter, limit: int, offset: int,
                        sample: int) -> tuple[int, bool, list[dict]]:
        """Search, then keep the matches that pass `flt` (speaker, place, event type).

        The index ranks at most `sample` best matches; those are filtered in
        SQL, in rank order. Returns (total after filtering, whether the sample
        was cut short, one page of hits with snippets). Raises QueryError.
        """
        from warta.search import query as query_language
        from warta.search.snippet import make_snippet

        index = self.index
        parsed = query_language.parse(query, index.stemmer)
        ranked, total = index.search(parsed, filters, limit=sample, offset=0, count=True)
        if not ranked:
            return 0, False, []
        scores = {article_id: score for score, article_id in ranked}
        where, params = ArticleFilter(speakers=flt.speakers, places=flt.places, event_type=flt.event_type,
                                      ids=tuple(scores)).where()
        kept = {row[0] for row in self.db.execute(f"SELECT a.id FROM articles a WHERE {where}", params)}
        ordered = [article_id for _, article_id in ranked if article_id in kept]
        page = ordered[offset:offset + limit]
        rows = {}
        if page:
            rows = {r["id"]: r for r in self.db.execute(
                f"SELECT {ARTICLE_LIST_COLUMNS}, a.text FROM articles a WHERE a.id IN ({','.join('?' * len(page))})",
                page)}
        hits = []
        for article_id in page:
            row = rows.get(article_id)
            if row is None:
                continue
            snippet = make_snippet(row["text"], parsed, stemmer=index.stemmer)
            hit = {k: _plain(row[k]) for k in row.keys() if k != "text"}
            hit.update(score=round(scores[article_id], 4), snippet=snippet.text, snippet_html=snippet.html,
                       highlights=[list(h) for h in snippet.highlights])
            hits.append(hit)
        return len(ordered), (total or 0) > len(ranked), hits

    # -- places, quotes, events: what the store interface does not filter or count ---

    def places_filtered(self, flt: ArticleFilter = ArticleFilter(), country: str | None = None,
                        kind: str | None = None, limit: int = 1000, offset: int = 0) -> tuple[int, list[dict]]:
        """(total, places) mentioned in the filtered current articles, most mentioned first.

        Same rows as the store's `places()` (place columns, mentions, articles,
        as_actor), with article filters, a country and a kind filter, and a total.
        """
        where, params = flt.where("a")
        clauses = [where]
        if country:
            clauses.append("lower(p.country) = lower(?)")
            params.append(country)
        if kind:
            clauses.append("lower(p.kind) = lower(?)")
            params.append(kind)
        base = f"""FROM places p JOIN place_mentions m ON m.place_id = p.id JOIN articles a ON a.id = m.article_id
                   WHERE {' AND '.join(clauses)}"""
        total = self.db.execute(f"SELECT COUNT(DISTINCT p.id) {base}", params).fetchone()[0]
        rows = self.db.execute(
            f"""SELECT p.*, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                       COUNT(m.metonym_for) AS as_actor, MIN(m.entity_id) AS entity_id
                {base} GROUP BY p.id ORDER BY mentions DESC, p.name LIMIT ? OFFSET ?""",
            (*params, limit, offset)).fetchall()
        return total, [_row(r) for r in rows]

    def quotes_total(self, speakers: tuple[str, ...] = (), kind: str | None = None, since: date | None = None,
                     until: date | None = None, distinct: bool = False) -> int:
        """How many quotes the store's `quotes()` lists with the same filters (speaker already resolved)."""
        from warta.store.sql import ONE_TEXT_PER_COPY_GROUP

        where, params = ArticleFilter(since, until).where("a")
        clauses = [where]
        if distinct:
            clauses.append(ONE_TEXT_PER_COPY_GROUP)
        if speakers:
            clauses.append(f"q.speaker_id IN ({','.join('?' * len(speakers))})")
            params.extend(speakers)
        if kind:
            clauses.append("q.kind = ?")
            params.append(kind)
        return self.db.execute(f"SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
                               f"LEFT JOIN copies c ON c.article_id = q.article_id "
                               f"WHERE {' AND '.join(clauses)}", params).fetchone()[0]

    def event_types(self) -> list[dict]:
        """PLOVER types with how many current event mentions have each."""
        return [_row(r) for r in self.db.execute(
            """SELECT e.type, COUNT(*) AS mentions FROM events e JOIN articles a ON a.id = e.article_id
               WHERE a.superseded_by IS NULL GROUP BY e.type ORDER BY mentions DESC, e.type""")]

    def analysis_totals(self) -> dict[str, int]:
        """Rows of each analysis table, for the stats page."""
        out = {}
        for table in ("quotes", "times", "counts", "places", "place_mentions", "events", "event_clusters"):
            out[table] = self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] if self.has_table(table) else 0
        return out
