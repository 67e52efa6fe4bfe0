"""The default store: one SQLite file (WAL) plus its search index folder.

Crash safety, in the order things are written:
1. each batch of articles and rejects is one SQLite transaction, so a kill
   leaves either all of a batch or none of it;
2. the search index (`<db>.index/`) is written after the batch commits and
   committed every few batches; `meta.index_seq` records the last article
   `seq` the index has durably seen;
3. on open, rows past `index_seq` are (re)indexed, deleting any copy the
   index may already hold, so a kill between 1 and 2 loses nothing and a
   kill between the index commit and the `index_seq` update duplicates
   nothing.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from warta.model import (
    ANALYSIS_REJECT_REASONS,
    ANALYSIS_SCHEMA_VERSION,
    PART_SEPARATOR,
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Place,
    Reject,
    Sentence,
)
from warta.search import query as query_language
from warta.search.index import Filters, IndexTerms, PreparedArticle, SearchIndex, index_terms
from warta.search.snippet import make_snippet
from warta.store.base import (
    IngestReport,
    ProgressCallback,
    SearchHit,
    SearchResults,
    Store,
    StoredArticle,
    StoredReject,
    StoreError,
)
from warta.store.copies import CopyStore
from warta.store.explorer import ExplorerQueries
from warta.store.matching import contains_words, merge_spellings
from warta.store.stories import StoryStore
from warta.store.tables import (
    ARTICLES,
    COUNTS,
    ENTITIES,
    EVENTS,
    MENTIONS,
    PLACE_MENTIONS,
    PLACES,
    QUOTES,
    REJECTS,
    TIMES,
    Table,
)
from warta.vocabulary import SYMMETRIC_EVENT_TYPES

#: Commit the search index after this many batches (and at the end of a run)...
INDEX_COMMIT_EVERY = 20
#: ... or once this many seconds have passed since the last commit, whichever
#: comes first; a batch is stored early after as long. A long ingest (with the
#: NLP pipeline, a few articles a second) is thus searchable as it goes, not
#: only every 10,000 articles.
INDEX_COMMIT_SECONDS = 2.0



def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in store/migrations, in order."""
    folder = resources.files("warta.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(CopyStore, StoryStore, ExplorerQueries, Store):
    def __init__(self, path: str, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no warta database at {self.path} (run `warta ingest` first, or pass --db)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.create_function("contains_words", 2, contains_words, deterministic=True)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a warta database: {exc}") from exc
        self.index = SearchIndex(str(self.path) + ".index", owner=self._identity())
        #: `seq` of the last article handed to the index writer.
        self._indexed_seq = 0
        self._catch_up_index()

    # -- schema ----------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        available = migrations()
        newest = available[-1][0] if available else 0
        current = self.schema_version
        if current > newest:
            raise StoreError(f"{self.path} has schema version {current}, newer than this warta knows ({newest}): "
                             "upgrade warta")
        for number, name, sql in available:
            if number <= current:
                continue
            try:
                # One script, one transaction: a migration applies whole or not at all.
                self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path}: {exc}") from exc

    def _identity(self) -> str:
        """A random id made when the database is created, kept in `meta`."""
        identity = self._meta("store_id")
        if identity is None:
            identity = uuid.uuid4().hex
            self.db.execute("BEGIN IMMEDIATE")
            self._set_meta("store_id", identity)
            self.db.execute("COMMIT")
        return identity

    def _meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # -- ingest ----------------------------------------------------------------

    def ingest(self, items: Iterable[Article | PreparedArticle | Reject], batch_size: int = 500,
               progress: ProgressCallback | None = None) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        try:
            self.index.writer()
        except ValueError:
            raise StoreError(f"another warta process is writing to {self.path}; wait for it to finish") from None
        batch: list[Article | PreparedArticle | Reject] = []
        read = batches = 0
        committed = time.monotonic()
        try:
            for item in items:
                batch.append(item)
                read += 1
                overdue = time.monotonic() - committed >= INDEX_COMMIT_SECONDS
                if len(batch) >= batch_size or overdue:
                    self._ingest_batch(batch, report)
                    batch, batches = [], batches + 1
                    if batches % INDEX_COMMIT_EVERY == 0 or overdue:
                        self._commit_index(keep_writer=True)
                        committed = time.monotonic()
                    if progress:
                        progress(report, read)
            if batch:
                self._ingest_batch(batch, report)
                if progress:
                    progress(report, read)
        finally:
            self._commit_index()
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_batch(self, batch: list[Article | PreparedArticle | Reject], report: IngestReport) -> None:
        now = _now()
        added: list[tuple[int, Article, IndexTerms | None, str | None]] = []
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            self._copies_begin()
            for item in batch:
                if isinstance(item, Reject):
                    db.execute(
                        "INSERT INTO rejects (path, reason, detail, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT(path, reason) DO UPDATE SET detail = excluded.detail, "
                        "last_seen = excluded.last_seen, times = times + 1",
                        (item.path, item.reason, item.detail, now, now))
                    if item.reason in ANALYSIS_REJECT_REASONS:
                        report.analysis_failed += 1  # the article itself was stored
                    else:
                        report.rejected += 1
                    continue
                terms: IndexTerms | None = None
                analysis: Analysis | None = None
                signature: bytes | None = None
                if isinstance(item, PreparedArticle):
                    terms, analysis, signature = item.terms, item.analysis, item.signature
                    item = item.article
                    if analysis is not None and terms is not None:
                        analysis = self._link_across(analysis)
                        terms = replace(terms, entities=tuple(sorted({e.id for e in analysis.entities})),
                                        speakers=tuple(sorted({q.speaker_id for q in analysis.quotes if q.speaker_id})))
                if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (item.content_hash,)).fetchone():
                    report.duplicates += 1
                    continue
                previous = None
                if item.external_id:
                    previous = db.execute(
                        "SELECT id, version FROM articles WHERE external_id = ? AND superseded_by IS NULL",
                        (item.external_id,)).fetchone()
                version = previous["version"] + 1 if previous else 1
                cursor = db.execute(
                    ARTICLES.insert("version", "supersedes", "ingested_at", verb="INSERT"),
                    (*ARTICLES.values(item), version, previous["id"] if previous else None, now))
                if previous:
                    db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", (item.id, previous["id"]))
                    report.updated += 1
                else:
                    report.ingested += 1
                if analysis is not None:
                    self._save_analysis(analysis, now)
                if item.path:  # a file that now reads fine is no longer a reject
                    db.execute("DELETE FROM rejects WHERE path = ?", (item.path,))
                seq = cursor.lastrowid
                assert seq is not None  # set by every INSERT
                self._record_copies(item, seq, previous["id"] if previous else None, signature)
                added.append((seq, item, terms, previous["id"] if previous else None))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            self._bands = self._groups = None  # may hold the rolled-back batch: rebuilt on next use
            raise
        for seq, article, terms, previous_id in added:
            if previous_id:
                self.index.delete(previous_id)
            self.index.add(article, terms)
            self._indexed_seq = seq

    def _link_across(self, analysis: Analysis) -> Analysis:
        """Give a person named by one name only (`Putin`) the id of the one
        stored person whose full name it is part of (`Vladimir Putin`)."""
        mapping: dict[str, tuple[str, str]] = {}
        for entity in analysis.entities:
            if entity.label != "PER" or " " in entity.name:
                continue
            rows = self.db.execute(
                "SELECT e.id, e.name FROM person_names p JOIN entities e ON e.id = p.entity_id "
                "WHERE p.part = ? AND e.label = 'PER' LIMIT 2", (entity.name.lower(),)).fetchall()
            if len(rows) == 1:
                mapping[entity.id] = (rows[0]["id"], rows[0]["name"])
        if not mapping:
            return analysis
        merged: dict[str, Entity] = {}
        for entity in analysis.entities:
            new_id, new_name = mapping.get(entity.id, (entity.id, entity.name))
            target = merged.get(new_id)
            if target is None:
                merged[new_id] = Entity(new_id, entity.label, new_name, list(entity.mentions), list(entity.roles),
                                        dict(entity.attributes))
            else:
                target.mentions = sorted(target.mentions + entity.mentions, key=lambda m: m.start)
                target.roles += [r for r in entity.roles if r not in target.roles]
        quotes = [replace(q, speaker_id=mapping[q.speaker_id][0], speaker=mapping[q.speaker_id][1])
                  if q.speaker_id in mapping else q for q in analysis.quotes]

        def relinked(actor: Actor | None) -> Actor | None:
            if actor is None or actor.entity_id not in mapping:
                return actor
            return replace(actor, entity_id=mapping[actor.entity_id][0], name=mapping[actor.entity_id][1])

        events = [replace(e, source=relinked(e.source), target=relinked(e.target)) for e in analysis.events]
        return replace(analysis, entities=list(merged.values()), quotes=quotes, events=events)

    def _save_analysis(self, analysis: Analysis, now: str) -> None:
        """Write one analysis (inside the caller's transaction), replacing any older one."""
        db = self.db
        article_id = analysis.article.id
        # Analysed now: no longer listed as stored without analysis (the key is
        # warta.nlp.analysis.failure_path).
        reasons = ", ".join("?" * len(ANALYSIS_REJECT_REASONS))
        db.execute(f"DELETE FROM rejects WHERE path = ? AND reason IN ({reasons})",
                   (analysis.article.path or f"article:{article_id}", *ANALYSIS_REJECT_REASONS))
        for table in ("mentions", "quotes", "times", "counts", "place_mentions", "events"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        db.execute(
            "INSERT INTO analyses (article_id, schema_version, pipeline, sentences, analyzed_at) "
            "VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET schema_version = excluded.schema_version, "
            "pipeline = excluded.pipeline, sentences = excluded.sentences, analyzed_at = excluded.analyzed_at",
            (article_id, ANALYSIS_SCHEMA_VERSION, json.dumps(analysis.pipeline),
             json.dumps([[s.start, s.end] for s in analysis.sentences]), now))
        for entity in analysis.entities:
            db.execute(ENTITIES.insert(verb="INSERT", then="ON CONFLICT(id) DO NOTHING"), ENTITIES.values(entity))
            if entity.label == "PER" and " " in entity.name:
                words = entity.name.lower().split()
                db.executemany("INSERT OR IGNORE INTO person_names (part, entity_id) VALUES (?, ?)",
                               [(words[0], entity.id), (words[-1], entity.id)])
            db.executemany(MENTIONS.insert(), [MENTIONS.values(m, article_id, entity.id) for m in entity.mentions])
        spans: tuple[tuple[Table, list[Any]], ...] = (
            (QUOTES, list(analysis.quotes)), (TIMES, list(analysis.times)), (COUNTS, list(analysis.counts)))
        for kind, records in spans:
            db.executemany(kind.insert(), [kind.values(record, article_id) for record in records])
        for place in analysis.places:
            db.execute(PLACES.insert(verb="INSERT", then="ON CONFLICT(id) DO NOTHING"), PLACES.values(place))
            db.executemany(PLACE_MENTIONS.insert(),
                           [PLACE_MENTIONS.values(m, article_id, place.id, place.entity_id) for m in place.mentions])
        for event in analysis.events:
            self._save_event(article_id, event)
        db.execute("DELETE FROM event_clusters "
                   "WHERE id NOT IN (SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL)")

    def _save_event(self, article_id: str, event: Event) -> None:
        cluster = self._cluster_for(event)
        self.db.execute(EVENTS.insert("cluster_id"), (*EVENTS.values(event, article_id), cluster))

    def _cluster_for(self, event: Event) -> int:
        """The id of the happening this event mention describes (made if new)."""
        source = (event.source.entity_id or event.source.name) if event.source else None
        target = (event.target.entity_id or event.target.name) if event.target else None
        day = _first_day(event.date)
        rows = self.db.execute(
            "SELECT * FROM event_clusters WHERE type = ? AND modality = ? AND "
            "((date_day IS NOT NULL AND ? IS NOT NULL AND date_day BETWEEN ? - 1 AND ? + 1) OR date IS ?)",
            (event.type, event.modality, day, day, day, event.date)).fetchall()
        for row in rows:
            same = (row["source_id"] == source and row["target_id"] == target) or \
                   (row["symmetric"] and row["source_id"] == target and row["target_id"] == source)
            place_fits = row["place_id"] is None or event.place_id is None or row["place_id"] == event.place_id
            if same and place_fits and _same_precision(row["date"], event.date):
                if row["place_id"] is None and event.place_id:
                    self.db.execute("UPDATE event_clusters SET place_id = ?, place = ? WHERE id = ?",
                                    (event.place_id, event.place, row["id"]))
                if row["date_source"] == "published" and event.date_source == "text":
                    self.db.execute("UPDATE event_clusters SET date = ?, date_day = ?, date_source = 'text' "
                                    "WHERE id = ?", (event.date, day, row["id"]))
                return row["id"]
        cursor = self.db.execute(
            "INSERT INTO event_clusters (type, mode, cameo, modality, source_id, source_name, source_code, target_id, "
            "target_name, target_code, symmetric, date, date_day, place_id, place, date_source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event.type, event.mode, event.cameo, event.modality, source, event.source and event.source.name,
             event.source and event.source.code, target, event.target and event.target.name,
             event.target and event.target.code, int(event.type in SYMMETRIC_EVENT_TYPES), event.date, day,
             event.place_id, event.place, event.date_source))
        assert cursor.lastrowid is not None  # set by every INSERT
        return cursor.lastrowid

    def save_analyses(self, analyses: Iterable[Analysis], batch_size: int = 200) -> int:
        """Store (re)analyses of articles already in the store; reindexes their entities."""
        count = 0
        batch: list[Analysis] = []

        def flush() -> None:
            now = _now()
            self.db.execute("BEGIN IMMEDIATE")
            try:
                linked = [self._link_across(analysis) for analysis in batch]
                for analysis in linked:
                    self._save_analysis(analysis, now)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            for analysis in linked:
                stored = self.get(analysis.article.id)
                if stored and not stored.superseded_by:
                    self.index.add(analysis.article, index_terms(analysis.article, self.index.stemmer, analysis),
                                   replace=True)
            batch.clear()

        try:
            for analysis in analyses:
                batch.append(analysis)
                count += 1
                if len(batch) >= batch_size:
                    flush()
            if batch:
                flush()
        finally:
            self.index.commit()
        return count

    def stored_ids(self) -> frozenset[str]:
        return frozenset(row[0] for row in self.db.execute("SELECT id FROM articles"))

    def unanalyzed(self) -> Iterator[StoredArticle]:
        """Current articles with no analysis, or one from an older schema version."""
        return self._rows(
            "SELECT a.* FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
            "WHERE a.superseded_by IS NULL AND (n.article_id IS NULL OR n.schema_version != ?) ORDER BY a.seq",
            (ANALYSIS_SCHEMA_VERSION,))

    def _terms_of(self, stored: StoredArticle) -> IndexTerms:
        return index_terms(stored.article, self.index.stemmer, self.analysis(stored.id))

    def _commit_index(self, keep_writer: bool = False) -> None:
        """Commit the index, then record how far it got: never further."""
        if keep_writer:
            self.index.flush()
        else:
            self.index.commit()
        if self._indexed_seq > int(self._meta("index_seq") or 0):
            self.db.execute("BEGIN IMMEDIATE")
            self._set_meta("index_seq", str(self._indexed_seq))
            self.db.execute("COMMIT")

    def _catch_up_index(self) -> None:
        """Index whatever a crash left unindexed (see the module docstring)."""
        indexed = int(self._meta("index_seq") or 0)
        newest = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        if newest and self.index.is_new and indexed:
            indexed = 0  # the index folder was lost or rebuilt: start over
            self._reset_index_seq()
        if newest <= indexed:
            return
        try:
            self.index.writer()
        except ValueError:
            return  # another process holds the index writer and will catch up itself
        for stored in self._rows("SELECT * FROM articles WHERE seq > ? ORDER BY seq", (indexed,)):
            if stored.supersedes:
                self.index.delete(stored.supersedes)
            if stored.superseded_by:
                self.index.delete(stored.id)
            else:
                terms = self._terms_of(stored)
                self.index.add(stored.article, terms, replace=True)
            self._indexed_seq = stored.seq
        self._commit_index()

    def _reset_index_seq(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self._set_meta("index_seq", "0")
        self.db.execute("COMMIT")

    def reindex(self) -> int:
        self._reset_index_seq()
        self.index.clear()
        count = 0
        for stored in self.articles():
            terms = self._terms_of(stored)
            self.index.add(stored.article, terms)
            count += 1
        self._indexed_seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        self._commit_index()
        return count

    # -- reading ---------------------------------------------------------------

    def _rows(self, sql: str, params: tuple = ()) -> Iterator[StoredArticle]:
        cursor = self.db.execute(sql, params)
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield _stored(row)

    def get(self, article_id: str) -> StoredArticle | None:
        key = article_id.strip()
        for sql in ("SELECT * FROM articles WHERE id = ?",
                    "SELECT * FROM articles WHERE external_id = ? AND superseded_by IS NULL"):
            row = self.db.execute(sql, (key,)).fetchone()
            if row:
                return _stored(row)
        if len(key) >= 4:
            rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? || '%' LIMIT 2", (key.lower(),)).fetchall()
            if len(rows) == 1:
                return _stored(rows[0])
        return None

    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, offset: int = 0) -> SearchResults:
        parsed = query_language.parse(query, self.index.stemmer)
        ranked, total = self.index.search(parsed, filters, limit=limit, offset=offset)
        if not ranked:
            return SearchResults(query, total, [], offset)
        ids = [article_id for _, article_id in ranked]
        placeholders = ",".join("?" * len(ids))
        rows = {row["id"]: row for row in self.db.execute(
            f"SELECT id, title, published, section, source, text FROM articles WHERE id IN ({placeholders})", ids)}
        hits = []
        for score, article_id in ranked:
            row = rows.get(article_id)
            if row is None:
                continue
            snippet = make_snippet(row["text"], parsed, stemmer=self.index.stemmer)
            hits.append(SearchHit(article_id, score, row["title"], date.fromisoformat(row["published"]),
                                  row["section"], row["source"], snippet.text, snippet.html, snippet.highlights))
        return SearchResults(query, total, hits, offset)

    # -- entities --------------------------------------------------------------

    def entities(self, label: str | None = None, name: str | None = None, since: date | None = None,
                 until: date | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Entities by number of mentions in current articles, with filters."""
        where, params = entity_filter(label, name, since, until)
        rows = self.db.execute(
            f"""SELECT e.id, e.label, e.name, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                       MIN(a.published) AS first, MAX(a.published) AS last
                FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
                WHERE {' AND '.join(where)}
                GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?""",
            (*params, limit, offset)).fetchall()
        return [dict(row) for row in rows]

    def entity_summaries(self, ids: Iterable[str]) -> list[dict]:
        """id, label, name and mentions (in current articles) of these entities, most mentioned first."""
        ids = list(ids)
        rows = self.db.execute(
            f"""SELECT e.id, e.label, e.name,
                       (SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id
                        AND a.superseded_by IS NULL WHERE m.entity_id = e.id) AS mentions
                FROM entities e WHERE e.id IN ({','.join('?' * len(ids))}) ORDER BY mentions DESC, e.name""",
            ids).fetchall()
        return [dict(row) for row in rows]

    def resolve_entities(self, name: str) -> list[str]:
        """Entity ids whose canonical name or any mention is `name` (case-insensitive), or the id itself."""
        return self._ids_named(name, "entities", "mentions", "entity_id")

    def quotes(self, speaker: str | None = None, kind: str | None = None, since: date | None = None,
               until: date | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Quotes in current articles, newest first; `speaker` is a name or entity id."""
        where, params = ["a.superseded_by IS NULL"], []
        if speaker:
            ids = self.resolve_entities(speaker)
            if not ids:
                return []
            where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
            params += ids
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        if since:
            where.append("a.published >= ?")
            params.append(since.isoformat())
        if until:
            where.append("a.published <= ?")
            params.append(until.isoformat())
        rows = self.db.execute(
            f"""SELECT q.*, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id
                WHERE {' AND '.join(where)} ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?""",
            (*params, limit, offset)).fetchall()
        return [dict(row) for row in rows]

    def entity_profile(self, name_or_id: str, co_mentions: int = 10, quotes: int = 10) -> dict | None:
        """One entity across the store: aliases, roles, mentions per month, co-mentions, latest quotes."""
        ids = self.resolve_entities(name_or_id)
        if not ids:
            return None
        # The entity most mentioned among those the name may mean.
        counted = self.db.execute(
            f"SELECT entity_id, COUNT(*) FROM mentions WHERE entity_id IN ({','.join('?' * len(ids))}) "
            "GROUP BY entity_id ORDER BY COUNT(*) DESC", ids).fetchall()
        entity_id = counted[0][0] if counted else ids[0]
        entity = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        current = "JOIN articles a ON a.id = m.article_id AND a.superseded_by IS NULL"
        aliases = [dict(r) for r in self.db.execute(
            f"SELECT m.text, COUNT(*) AS mentions FROM mentions m {current} WHERE m.entity_id = ? "
            "GROUP BY m.text ORDER BY COUNT(*) DESC", (entity_id,))]
        roles = [dict(r) for r in self.db.execute(
            f"SELECT m.role, COUNT(*) AS mentions FROM mentions m {current} "
            "WHERE m.entity_id = ? AND m.role IS NOT NULL GROUP BY m.role ORDER BY COUNT(*) DESC", (entity_id,))]
        timeline = [dict(r) for r in self.db.execute(
            f"SELECT substr(a.published, 1, 7) AS month, COUNT(*) AS mentions, COUNT(DISTINCT a.id) AS articles "
            f"FROM mentions m {current} WHERE m.entity_id = ? GROUP BY month ORDER BY month", (entity_id,))]
        together = [dict(r) for r in self.db.execute(
            f"""SELECT e.id, e.label, e.name, COUNT(DISTINCT o.article_id) AS articles
                FROM mentions m {current}
                JOIN mentions o ON o.article_id = m.article_id AND o.entity_id != m.entity_id
                JOIN entities e ON e.id = o.entity_id
                WHERE m.entity_id = ? GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?""",
            (entity_id, co_mentions))]
        articles = self.db.execute(
            f"SELECT COUNT(DISTINCT m.article_id) FROM mentions m {current} WHERE m.entity_id = ?",
            (entity_id,)).fetchone()[0]
        return {
            "id": entity["id"], "label": entity["label"], "name": entity["name"],
            "attributes": json.loads(entity["attributes"] or "{}"),
            "mentions": sum(a["mentions"] for a in aliases), "articles": articles,
            "aliases": aliases, "roles": roles, "timeline": timeline, "co_mentions": together,
            "quotes": self.quotes(speaker=entity_id, limit=quotes),
        }

    def count_events(self, actor: str | None = None, type: str | None = None, since: date | None = None,
                     until: date | None = None, place: str | None = None) -> int:
        """How many happenings `events()` would list with the same filters."""
        where, params = self._event_filter(actor, type, since, until, place)
        return self.db.execute(
            f"""SELECT COUNT(DISTINCT c.id) FROM event_clusters c JOIN events e ON e.cluster_id = c.id
                JOIN articles a ON a.id = e.article_id WHERE {' AND '.join(where)}""", params).fetchone()[0]

    def _event_filter(self, actor, type, since, until, place) -> tuple[list[str], list]:
        where, params = ["a.superseded_by IS NULL"], []
        if actor:
            ids = self.resolve_entities(actor)
            names = [actor]
            marks = ",".join("?" * len(ids)) or "NULL"
            where.append(f"(c.source_id IN ({marks}) OR c.target_id IN ({marks}) OR c.source_name = ? COLLATE NOCASE "
                         "OR c.target_name = ? COLLATE NOCASE)")
            params += [*ids, *ids, *names, *names]
        if type:
            where.append("c.type = ?")
            params.append(type.upper())
        if since:
            where.append("c.date >= ?")
            params.append(since.isoformat()[:len("YYYY-MM-DD")])
        if until:
            where.append("substr(c.date, 1, 10) <= ?")
            params.append(until.isoformat())
        if place:
            ids = self.resolve_places(place) or [place]
            where.append(f"(c.place_id IN ({','.join('?' * len(ids))}) OR c.place = ? COLLATE NOCASE)")
            params += [*ids, place]
        return where, params

    def events(self, actor: str | None = None, type: str | None = None, since: date | None = None,
               until: date | None = None, place: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Happenings (merged event mentions), most-reported first, with their evidence.

        `actor` is a name or entity id (source or target), `place` a place name
        or gazetteer id; `since`/`until` filter on the event's date.
        """
        where, params = self._event_filter(actor, type, since, until, place)
        rows = self.db.execute(
            f"""SELECT c.*, COUNT(*) AS mentions, COUNT(DISTINCT e.article_id) AS articles,
                       MIN(a.published) AS first_published, MAX(e.confidence) AS confidence,
                       json_group_array(json_object('article_id', e.article_id, 'title', a.title,
                           'published', a.published, 'trigger', e.trigger,
                           'sentence', substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start),
                           'sentence_start', e.sentence_start, 'sentence_end', e.sentence_end,
                           'date_source', e.date_source, 'counts', json(e.counts),
                           'quotes', json(e.quotes))) AS evidence
                FROM event_clusters c JOIN events e ON e.cluster_id = c.id JOIN articles a ON a.id = e.article_id
                WHERE {' AND '.join(where)}
                GROUP BY c.id ORDER BY mentions DESC, c.date DESC LIMIT ? OFFSET ?""",
            (*params, limit, offset)).fetchall()
        out = []
        for row in rows:
            data = dict(row)
            data["evidence"] = json.loads(data["evidence"])
            data["symmetric"] = bool(data["symmetric"])
            data.pop("date_day", None)
            out.append(data)
        return self.count_sources(out)

    def places(self, limit: int = 1000, offset: int = 0) -> list[dict]:
        """Places mentioned in current articles: coordinates, kind, mention and article counts."""
        rows = self.db.execute(
            """SELECT p.*, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                      SUM(m.metonym_for IS NOT NULL) AS as_actor
               FROM places p JOIN place_mentions m ON m.place_id = p.id
               JOIN articles a ON a.id = m.article_id AND a.superseded_by IS NULL
               GROUP BY p.id ORDER BY mentions DESC, p.name LIMIT ? OFFSET ?""", (limit, offset)).fetchall()
        return [dict(row) for row in rows]

    def resolve_places(self, name: str) -> list[str]:
        """Gazetteer ids of stored places called `name` (or with that id)."""
        return self._ids_named(name, "places", "place_mentions", "place_id")

    def _ids_named(self, name: str, table: str, mentions: str, column: str) -> list[str]:
        """Ids in `table` with this id or canonical name, or mentioned as `name` in `mentions`."""
        rows = self.db.execute(
            f"SELECT id FROM {table} WHERE id = ? OR name = ? COLLATE NOCASE "
            f"UNION SELECT DISTINCT {column} FROM {mentions} WHERE text = ? COLLATE NOCASE",
            (name, name, name)).fetchall()
        return sorted(row[0] for row in rows)

    def analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article, rebuilt as warta's data classes."""
        stored = self.get(article_id)
        if stored is None:
            return None
        row = self.db.execute("SELECT * FROM analyses WHERE article_id = ?", (stored.id,)).fetchone()
        if row is None:
            return None
        known = {r["id"]: r for r in self.db.execute(
            "SELECT * FROM entities WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = ?)", (stored.id,))}
        entities: dict[str, Entity] = {}
        for m in self.db.execute("SELECT * FROM mentions WHERE article_id = ? ORDER BY start", (stored.id,)):
            entity = entities.get(m["entity_id"])
            if entity is None:
                entity = entities[m["entity_id"]] = ENTITIES.read(known[m["entity_id"]])
            mention = MENTIONS.read(m)
            entity.mentions.append(mention)
            if mention.role and mention.role not in entity.roles:
                entity.roles.append(mention.role)
        ordered = sorted(entities.values(), key=lambda e: (-len(e.mentions), e.mentions[0].start))
        sentences = [Sentence(a, b) for a, b in json.loads(row["sentences"])]
        rows = lambda table: self.db.execute(  # noqa: E731
            f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {'trigger_start' if table == 'events' else 'start'}",
            (stored.id,)).fetchall()
        quotes = [QUOTES.read(r) for r in rows("quotes")]
        times = [TIMES.read(r) for r in rows("times")]
        counts = [COUNTS.read(r) for r in rows("counts")]
        gazetteer = {r["id"]: r for r in self.db.execute(
            "SELECT * FROM places WHERE id IN (SELECT place_id FROM place_mentions WHERE article_id = ?)",
            (stored.id,))}
        places: dict[str, Place] = {}
        for r in rows("place_mentions"):
            place = places.get(r["place_id"])
            if place is None:
                place = places[r["place_id"]] = PLACES.read(gazetteer[r["place_id"]], entity_id=r["entity_id"])
            place.mentions.append(PLACE_MENTIONS.read(r))
        events = [EVENTS.read(r) for r in rows("events")]
        return Analysis(stored.article, sentences, ordered, json.loads(row["pipeline"]), quotes=quotes, times=times,
                        counts=counts, places=list(places.values()), events=events)

    def articles(self, current_only: bool = True) -> Iterator[StoredArticle]:
        where = "WHERE superseded_by IS NULL" if current_only else ""
        return self._rows(f"SELECT * FROM articles {where} ORDER BY seq")

    def rejects(self, limit: int | None = None) -> list[StoredReject]:
        sql = "SELECT * FROM rejects ORDER BY last_seen DESC, id DESC"
        rows = self.db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
        return [REJECTS.read(r) for r in rows]

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        current = "FROM articles WHERE superseded_by IS NULL"
        counts = lambda column: {  # noqa: E731
            (value or "(none)"): count for value, count in merge_spellings(self.db.execute(
                f"SELECT {column}, COUNT(*) {current} GROUP BY {column}"))}
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        index_size = sum(p.stat().st_size for p in Path(self.index.path).rglob("*") if p.is_file())
        return {
            "database": str(self.path),
            "schema_version": self.schema_version,
            "articles": one(f"SELECT COUNT(*) {current}"),
            "versions": one("SELECT COUNT(*) FROM articles"),
            "rejects": one("SELECT COUNT(*) FROM rejects"),
            "rejects_by_reason": {row[0]: row[1] for row in self.db.execute(
                "SELECT reason, COUNT(*) FROM rejects GROUP BY reason ORDER BY COUNT(*) DESC")},
            "published_first": one(f"SELECT MIN(published) {current}"),
            "published_last": one(f"SELECT MAX(published) {current}"),
            "sections": counts("section"),
            "sources": counts("source"),
            "database_bytes": size,
            "index_bytes": index_size,
            "indexed_documents": self.index.index.searcher().num_docs,
            "analyzed": one("SELECT COUNT(*) FROM analyses n JOIN articles a ON a.id = n.article_id "
                            "WHERE a.superseded_by IS NULL"),
            "entities": one("SELECT COUNT(*) FROM entities"),
            "mentions": one("SELECT COUNT(*) FROM mentions"),
        }

    def close(self) -> None:
        try:
            self.index.rollback()
        finally:
            self.db.close()


def entity_filter(label: str | None, name: str | None, since: date | None,
                  until: date | None) -> tuple[list[str], list]:
    """WHERE clauses and parameters over mentions m, entities e and articles a
    for the entity listings (current articles only)."""
    where, params = ["a.superseded_by IS NULL"], []
    if label:
        where.append("e.label = ?")
        params.append(label.upper())
    if name:
        # LIKE narrows cheaply (a whole word is also a substring), then
        # contains_words keeps whole words only: `BI` is not in `Subianto`.
        like = "%" + max(name.split() or [name], key=len) + "%"
        where.append("((e.name LIKE ? AND contains_words(e.name, ?)) OR e.id IN "
                     "(SELECT entity_id FROM mentions WHERE text LIKE ? AND contains_words(text, ?)))")
        params += [like, name, like, name]
    if since:
        where.append("a.published >= ?")
        params.append(since.isoformat())
    if until:
        where.append("a.published <= ?")
        params.append(until.isoformat())
    return where, params


def _first_day(value: str | None) -> int | None:
    """`2025-09-03` / `2025-09` / `2025` -> day number of the first day; None otherwise."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        month, day = (numbers[1] if len(numbers) > 1 else 1), (numbers[2] if len(numbers) > 2 else 1)
        return date(numbers[0], month, day).toordinal()
    except (ValueError, IndexError):
        return None


def _same_precision(a: str | None, b: str | None) -> bool:
    """Day-level dates match within a day; coarser ones (2024-06, 2019) must be equal."""
    if a is None or b is None:
        return a == b
    if len(a) >= 10 and len(b) >= 10:
        return True
    return a == b


def _stored(row: sqlite3.Row) -> StoredArticle:
    parts = row["text"].split(PART_SEPARATOR)
    front = 1 + sum(1 for name in ("subtitle", "caption", "dateline") if row[name])
    return StoredArticle(ARTICLES.read(row, body=parts[front:]), row["seq"], row["version"], row["supersedes"],
                         row["superseded_by"], datetime.fromisoformat(row["ingested_at"]))
