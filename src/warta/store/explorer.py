"""Read-only queries the explorer (REST API and web UI) needs, as a mixin of SQLiteStore.

Kept apart from the ingest and core read paths in sqlite.py so the web layer's
needs (facets, timelines, co-mentions) grow here without touching them.
Every method only reads, through `self.db` (a sqlite3 connection with
Row factory).

Quotes, events and places get their own tables in later migrations. Until a
table exists the matching method returns `None` ("not available in this
database"), never invented rows; once it exists the method reads it, using
only the columns it finds (see `_optional_table`), so the pages and the API
light up as soon as another component starts writing the data.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Columns of `articles` the explorer lists (never the full text).
ARTICLE_LIST_COLUMNS = "a.id, a.external_id, a.published, a.section, a.source, a.title, a.subtitle"


@dataclass(frozen=True)
class ArticleFilter:
    """Which current articles a listing, a facet or a histogram is about."""

    since: date | None = None
    until: date | None = None
    section: str | None = None
    source: str | None = None
    #: Any of these entity ids must be mentioned (empty: no entity filter).
    entities: tuple[str, ...] = ()
    #: Only these article ids (e.g. the best search matches); None: no restriction.
    ids: tuple[str, ...] | None = None

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        clauses, params = [f"{alias}.superseded_by IS NULL"], []
        if self.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append(f"{alias}.published <= ?")
            params.append(self.until.isoformat())
        if self.section:
            clauses.append(f"{alias}.section = ?")
            params.append(self.section.upper())
        if self.source:
            clauses.append(f"{alias}.source = ? COLLATE NOCASE")
            params.append(self.source)
        if self.entities:
            marks = ",".join("?" * len(self.entities))
            clauses.append(f"{alias}.id IN (SELECT article_id FROM mentions WHERE entity_id IN ({marks}))")
            params.extend(self.entities)
        if self.ids is not None:
            if not self.ids:
                clauses.append("0")
            else:
                clauses.append(f"{alias}.id IN ({','.join('?' * len(self.ids))})")
                params.extend(self.ids)
        return " AND ".join(clauses), params


@dataclass
class OptionalRows:
    """Rows of a table that may not exist yet: `available` says whether it does."""

    available: bool
    total: int = 0
    items: list[dict] = field(default_factory=list)
    note: str | None = None
    source: str | None = None


def _plain(value: Any) -> Any:
    """A value JSON can carry (BLOBs become None: the explorer never shows raw bytes)."""
    return None if isinstance(value, (bytes, bytearray, memoryview)) else value


def _row(row: sqlite3.Row) -> dict:
    return {key: _plain(row[key]) for key in row.keys()}


class ExplorerQueries:
    db: sqlite3.Connection

    # -- schema introspection ------------------------------------------------

    def has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (name,)).fetchone() is not None

    def table_columns(self, name: str) -> list[str]:
        if not self.has_table(name):
            return []
        return [row[1] for row in self.db.execute(f'PRAGMA table_info("{name}")')]

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

    def article_summaries(self, ids: list[str]) -> dict[str, dict]:
        """Listing columns of the given articles, by id."""
        if not ids:
            return {}
        rows = self.db.execute(f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles a WHERE a.id IN "
                               f"({','.join('?' * len(ids))})", ids).fetchall()
        return {r["id"]: _row(r) for r in rows}

    def search_article_ids(self, query: str, filters: Any, limit: int) -> list[str]:
        """Ids of the best `limit` matches of a search (for facets); raises QueryError."""
        from warta.search import query as query_language

        index = getattr(self, "index")
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
            f"SELECT a.{column} AS value, COUNT(*) AS count FROM articles a WHERE {where} "
            f"GROUP BY a.{column} ORDER BY count DESC, value LIMIT ?", (*params, limit)).fetchall()
        return [{"value": r["value"], "count": r["count"]} for r in rows]

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
        where, params = ["a.superseded_by IS NULL"], []
        if label:
            where.append("e.label = ?")
            params.append(label.upper())
        if name:
            where.append("(e.name LIKE ? OR e.id IN (SELECT entity_id FROM mentions WHERE text LIKE ?))")
            params += [f"%{name}%", f"%{name}%"]
        if since:
            where.append("a.published >= ?")
            params.append(since.isoformat())
        if until:
            where.append("a.published <= ?")
            params.append(until.isoformat())
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
                      MIN(a.published) AS first, MAX(a.published) AS last
               FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND a.superseded_by IS NULL""", (entity_id,)).fetchone()
        try:
            attributes = json.loads(row["attributes"]) if row["attributes"] else {}
        except ValueError:
            attributes = {}
        return {"id": row["id"], "label": row["label"], "name": row["name"],
                "attributes": attributes if isinstance(attributes, dict) else {}, **_row(totals)}

    def entity_aliases(self, entity_id: str, limit: int = 50) -> list[dict]:
        """Distinct texts the entity is mentioned by, most frequent first."""
        return [_row(r) for r in self.db.execute(
            """SELECT m.text, COUNT(*) AS count FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND a.superseded_by IS NULL
               GROUP BY m.text ORDER BY count DESC, m.text LIMIT ?""", (entity_id, limit))]

    def entity_roles(self, entity_id: str, limit: int = 50) -> list[dict]:
        """Titles the text gives the entity (`Presiden Rusia`), most frequent first."""
        return [_row(r) for r in self.db.execute(
            """SELECT m.role, COUNT(*) AS count FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND m.role IS NOT NULL AND a.superseded_by IS NULL
               GROUP BY m.role ORDER BY count DESC, m.role LIMIT ?""", (entity_id, limit))]

    def entity_timeline(self, entity_id: str) -> list[dict]:
        """Mentions and articles per month (YYYY-MM), only months that have any, oldest first."""
        return [_row(r) for r in self.db.execute(
            """SELECT substr(a.published, 1, 7) AS month, COUNT(*) AS mentions,
                      COUNT(DISTINCT m.article_id) AS articles
               FROM mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.entity_id = ? AND a.superseded_by IS NULL
               GROUP BY month ORDER BY month""", (entity_id,))]

    def co_mentions(self, entity_id: str, limit: int = 15) -> list[dict]:
        """Entities mentioned in the same current articles, by number of shared articles."""
        return [_row(r) for r in self.db.execute(
            """WITH arts AS (SELECT DISTINCT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id
                             WHERE m.entity_id = ? AND a.superseded_by IS NULL)
               SELECT e.id, e.label, e.name, COUNT(DISTINCT m.article_id) AS articles, COUNT(*) AS mentions
               FROM mentions m JOIN arts ON arts.article_id = m.article_id JOIN entities e ON e.id = m.entity_id
               WHERE m.entity_id != ?
               GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ?""",
            (entity_id, entity_id, limit))]

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

    # -- quotes, events, places (tables arrive with later migrations) -------------

    def _optional_table(self, table: str, flt: ArticleFilter, filters: dict[str, tuple[tuple[str, ...], Any]],
                        order: tuple[str, ...], limit: int, offset: int) -> OptionalRows:
        """Rows of `table` joined to current articles, or unavailable if the table is not there.

        `filters` maps a filter name to (candidate columns, value): the value
        is matched against whichever candidate columns the table has (any of
        them). A filter whose columns the table lacks matches nothing rather
        than being silently dropped.
        """
        columns = self.table_columns(table)
        if not columns:
            return OptionalRows(False, note=f"this database has no {table} table yet: the analysis that fills it "
                                            "has not been stored (no data is shown rather than invented data)")
        if "article_id" not in columns:
            return OptionalRows(False, note=f"the {table} table has no article_id column; this explorer "
                                            "version cannot read it")
        where, params = flt.where("a")
        clauses = [where]
        for _name, (candidates, value) in filters.items():
            if value is None or value == () or value == "":
                continue
            present = [c for c in candidates if c in columns]
            if not present:
                clauses.append("0")
                continue
            values = value if isinstance(value, tuple) else (value,)
            marks = ",".join("?" * len(values))
            clauses.append("(" + " OR ".join(f't."{c}" IN ({marks})' for c in present) + ")")
            for _ in present:
                params.extend(values)
        ordering = ", ".join(f't."{c}"' for c in order if c in columns)
        order_sql = "a.published DESC, a.seq DESC" + (f", {ordering}" if ordering else "")
        sql_where = " AND ".join(clauses)
        try:
            total = self.db.execute(
                f"SELECT COUNT(*) FROM {table} t JOIN articles a ON a.id = t.article_id WHERE {sql_where}",
                params).fetchone()[0]
            rows = self.db.execute(
                f"""SELECT t.*, a.published AS published, a.title AS article_title
                    FROM {table} t JOIN articles a ON a.id = t.article_id
                    WHERE {sql_where} ORDER BY {order_sql} LIMIT ? OFFSET ?""",
                (*params, limit, offset)).fetchall()
        except sqlite3.Error as exc:
            return OptionalRows(False, note=f"the {table} table could not be read by this explorer version: {exc}")
        return OptionalRows(True, total, [_row(r) for r in rows], source=table)

    def quotes(self, flt: ArticleFilter = ArticleFilter(), speakers: tuple[str, ...] = (),
               kind: str | None = None, limit: int = 20, offset: int = 0) -> OptionalRows:
        return self._optional_table(
            "quotes", flt, {"speaker": (("speaker_id",), speakers), "kind": (("kind",), kind)},
            ("start",), limit, offset)

    def events(self, flt: ArticleFilter = ArticleFilter(), actors: tuple[str, ...] = (),
               event_type: str | None = None, limit: int = 20, offset: int = 0) -> OptionalRows:
        return self._optional_table(
            "events", flt,
            {"actor": (("source_id", "target_id", "actor_id", "actor1_id", "actor2_id"), actors),
             "type": (("type", "event_type", "plover", "root"), event_type.upper() if event_type else None)},
            ("start",), limit, offset)

    def places(self, flt: ArticleFilter = ArticleFilter(), country: str | None = None,
               limit: int = 100, offset: int = 0) -> OptionalRows:
        """Places with coordinates and how many current articles mention them.

        Until a `places` table exists, the places are the LOC entities whose
        gazetteer attributes carry coordinates (`lat`, `lon`): real data the
        entity stage already stores, reported with `source='entities'`.
        """
        columns = self.table_columns("places")
        if columns and {"article_id", "lat", "lon"} <= set(columns):
            key = next((c for c in ("place_id", "entity_id", "name") if c in columns), None)
            if key is not None:
                return self._places_from_table(columns, key, flt, country, limit, offset)
        where, params = flt.where("a")
        clauses = [where, "e.label = 'LOC'", "json_valid(e.attributes)",
                   "json_type(e.attributes, '$.lat') IN ('real', 'integer')",
                   "json_type(e.attributes, '$.lon') IN ('real', 'integer')"]
        if country:
            clauses.append("json_extract(e.attributes, '$.country') = ? COLLATE NOCASE")
            params.append(country)
        sql_where = " AND ".join(clauses)
        base = f"""FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
                   WHERE {sql_where}"""
        total = self.db.execute(f"SELECT COUNT(DISTINCT e.id) {base}", params).fetchone()[0]
        rows = self.db.execute(
            f"""SELECT e.id, e.name, e.attributes, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                       MIN(a.published) AS first, MAX(a.published) AS last
                {base} GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ? OFFSET ?""",
            (*params, limit, offset)).fetchall()
        items = []
        for r in rows:
            attributes = json.loads(r["attributes"])
            items.append({"id": r["id"], "entity_id": r["id"], "name": r["name"],
                          "kind": attributes.get("kind"), "country": attributes.get("country") or None,
                          "lat": float(attributes["lat"]), "lon": float(attributes["lon"]),
                          "mentions": r["mentions"], "articles": r["articles"], "first": r["first"],
                          "last": r["last"]})
        return OptionalRows(True, total, items, source="entities",
                            note="places are the LOC entities whose gazetteer entry has coordinates; "
                                 "a dedicated places table has not been stored yet")

    def _places_from_table(self, columns: list[str], key: str, flt: ArticleFilter, country: str | None,
                           limit: int, offset: int) -> OptionalRows:
        where, params = flt.where("a")
        clauses = [where, "t.lat IS NOT NULL", "t.lon IS NOT NULL"]
        if country:
            if "country" not in columns:
                clauses.append("0")
            else:
                clauses.append("t.country = ? COLLATE NOCASE")
                params.append(country)
        name = "t.name" if "name" in columns else f"t.{key}"
        extra = ", ".join(f"MAX(t.{c}) AS {c}" for c in ("kind", "country", "entity_id")
                          if c in columns and c != key)
        sql_where = " AND ".join(clauses)
        base = f"FROM places t JOIN articles a ON a.id = t.article_id WHERE {sql_where}"
        try:
            total = self.db.execute(f"SELECT COUNT(DISTINCT t.{key}) {base}", params).fetchone()[0]
            rows = self.db.execute(
                f"""SELECT t.{key} AS id, MAX({name}) AS name, AVG(t.lat) AS lat, AVG(t.lon) AS lon,
                           COUNT(*) AS mentions, COUNT(DISTINCT t.article_id) AS articles,
                           MIN(a.published) AS first, MAX(a.published) AS last{', ' + extra if extra else ''}
                    {base} GROUP BY t.{key} ORDER BY articles DESC, mentions DESC LIMIT ? OFFSET ?""",
                (*params, limit, offset)).fetchall()
        except sqlite3.Error as exc:
            return OptionalRows(False, note=f"the places table could not be read by this explorer version: {exc}")
        return OptionalRows(True, total, [_row(r) for r in rows], source="places")
