"""The store's logic, written once for every SQL engine (SQLite, PostgreSQL).

Everything that decides what is stored lives here, so both backends produce
the same identities from the same input: the article versioning and
duplicate rules, cross-article entity linking (`Putin` is the stored
`Vladimir Putin`), event merging into happenings, and the rows each record
becomes (warta.store.tables). The backends (warta.store.sqlite,
warta.store.postgres) add only how to connect, how to migrate, and where the
search index lives; where the engines' SQL differs a Dialect says how.

Writes run in one transaction per batch, opened with the dialect's `begin`
statements, so concurrent writers take turns; inserts are upserts keyed on
the content hash and the entity, place and name keys, so a row written twice
is kept once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Protocol

from warta.event_merge import Mention, same_happening
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
from warta.search.index import Filters, IndexTerms, PreparedArticle, index_terms
from warta.search.query import ParsedQuery
from warta.search.snippet import make_snippet
from warta.search.stemmer import Stemmer
from warta.store.base import (
    IngestReport,
    ProgressCallback,
    SearchHit,
    SearchResults,
    Store,
    StoredArticle,
    StoredReject,
)
from warta.store.copies import CopyStore
from warta.store.dialect import Dialect
from warta.store.explorer import ExplorerQueries, dated
from warta.store.matching import merge_spellings
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

#: Make a batch searchable once this many seconds have passed since the last
#: time, whichever comes first with the batch size: a long ingest (with the
#: NLP pipeline, a few articles a second) is searchable as it goes.
#: `WARTA_INDEX_COMMIT_SECONDS` overrides it (a larger value: fewer, fuller batches).
INDEX_COMMIT_SECONDS = float(os.environ.get("WARTA_INDEX_COMMIT_SECONDS", "2.0"))
#: Values per `IN (...)` list (SQLite allows 32,766 parameters per statement).
CHUNK = 500

#: The WHERE clause (with `copies c` LEFT JOINed on the article) that keeps one
#: article of each copy group, its original, and every article without copies.
ONE_TEXT_PER_COPY_GROUP = "(c.original_id IS NULL OR c.original_id = a.id)"


def _in_chunks(db: Database, query: str, values: Sequence[Any]) -> Iterator[Any]:
    """The rows of `query`, whose `{marks}` is an `IN (...)` list, for every value, CHUNK values a statement."""
    for start in range(0, len(values), CHUNK):
        chunk = list(values[start:start + CHUNK])
        yield from db.execute(query.format(marks=",".join("?" * len(chunk))), chunk)


def _move_person(db: Database, from_id: str, to_id: str, to_name: str, article_id: str | None = None) -> None:
    """Give a person's mentions, quotes and event roles (in one article, or everywhere) to another entity."""
    where, scope = ("AND article_id = ?", (article_id,)) if article_id else ("", ())
    db.execute(f"UPDATE mentions SET entity_id = ? WHERE entity_id = ? {where}", (to_id, from_id, *scope))
    db.execute(f"UPDATE quotes SET speaker_id = ?, speaker = ? WHERE speaker_id = ? {where}",
               (to_id, to_name, from_id, *scope))
    for side in ("source", "target"):
        db.execute(f"UPDATE events SET {side}_id = ?, {side}_name = ? WHERE {side}_id = ? {where}",
                   (to_id, to_name, from_id, *scope))


#: Two articles may spell one entity id differently (`Persib`, `PERSIB`). The stored name must not depend on
#: which came first: a name in mixed case beats one in capitals, then the bytewise smaller one wins.
_MIXED = "CASE WHEN {0}.name <> upper({0}.name) THEN 1 ELSE 0 END"


def keep_the_better_name(dialect: Dialect) -> str:
    mixed, stored = _MIXED.format("excluded"), _MIXED.format("entities")
    return (f"ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE {mixed} > {stored} OR "
            f"({mixed} = {stored} AND {dialect.bytewise('excluded.name')} < {dialect.bytewise('entities.name')})")


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """A DB-API connection taking `?` placeholders, whose rows read by name and by position."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...


class Searcher(Protocol):
    """What the shared code asks of a backend's full-text index."""

    stemmer: Stemmer

    def search(self, parsed: ParsedQuery, filters: Filters = Filters(), limit: int = 10,
               offset: int = 0, count: bool = True) -> tuple[list[tuple[float, str]], int | None]: ...


@dataclass(frozen=True)
class IndexChange:
    """An article the search index must (re)index, and the older version it replaces."""

    seq: int
    article: Article
    terms: IndexTerms | None
    previous_id: str | None = None
    replace: bool = False


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLStore(CopyStore, StoryStore, ExplorerQueries, Store):
    """A warta store over a SQL database; subclasses connect and keep the search index."""

    db: Database
    dialect: Dialect
    index: Searcher
    #: Whether articles prepared for this store should carry their tsvector (`IndexTerms.vector`).
    search_vectors = False

    # -- what a backend provides ---------------------------------------------------

    def _index_in_transaction(self, changes: list[IndexChange]) -> None:
        """Index these articles inside the batch's transaction (an index kept in the database)."""

    def _index_after_commit(self, changes: list[IndexChange]) -> None:
        """Index these articles once their batch is committed (an index kept beside the database)."""

    def _commit_index(self, keep_writer: bool = False) -> None:
        """Make what was indexed so far durable and searchable."""

    def _start_writing(self) -> None:
        """Called before an ingest writes anything (take the index writer)."""

    def _storage(self) -> dict:
        """`stats()` entries about where and how big the store is."""
        return {}

    # -- transactions -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One write transaction: committed whole, or rolled back whole.

        BEGIN is inside the `try`: a Ctrl-C that lands between BEGIN and the
        body must still roll back, or the next write would find a transaction
        left open ("cannot start a transaction within a transaction")."""
        db = self.db
        try:
            for statement in self.dialect.begin:
                db.execute(statement)
            yield db
            db.execute("COMMIT")
        except BaseException:
            try:
                db.execute("ROLLBACK")
            except Exception:  # interrupted before BEGIN ran: there is nothing to roll back
                pass
            raise

    def _meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # -- ingest ----------------------------------------------------------------

    def ingest(self, items: Iterable[Article | PreparedArticle | Reject], batch_size: int = 500,
               progress: ProgressCallback | None = None) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        self._start_writing()
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
                    if batches % self.index_commit_every == 0 or overdue:
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

    #: Commit the search index after this many batches (and at the end of a run).
    index_commit_every = 20

    def _ingest_batch(self, batch: list[Article | PreparedArticle | Reject], report: IngestReport) -> None:
        stamp = now()
        added: list[IndexChange] = []
        #: Paths of stored articles: no longer rejects (deleted together, one statement per batch).
        fixed: list[str] = []
        try:
            with self.transaction() as db:
                self._write_batch(db, batch, report, stamp, added, fixed)
        except BaseException:
            self._bands = self._groups = None  # may hold the rolled-back batch: rebuilt on next use
            self._pending_writes = None
            raise
        self._index_after_commit(added)

    def _write_batch(self, db: Database, batch: list[Article | PreparedArticle | Reject], report: IngestReport,
                     stamp: str, added: list[IndexChange], fixed: list[str]) -> None:
        self._copies_begin()
        # The current version of every external id in the batch, looked up at once
        # (inside the transaction: another writer's batch cannot change it meanwhile).
        current = self._current_versions(db, batch)
        stored = self._store_articles(db, batch, current, report, stamp)
        #: Stored articles whose copies are recorded once the batch's articles are in.
        signed: list[tuple[Article, int, str | None, bytes | None]] = []
        for position, item in enumerate(batch):
            if isinstance(item, Reject):
                if item.path in fixed:  # the same file stored, then rejected, in one batch
                    self._clear_rejects(db, fixed)
                db.execute(
                    "INSERT INTO rejects (path, reason, detail, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (path, reason) DO UPDATE SET detail = excluded.detail, "
                    "last_seen = excluded.last_seen, times = rejects.times + 1",
                    (item.path, item.reason, item.detail, stamp, stamp))
                if item.reason in ANALYSIS_REJECT_REASONS:
                    report.analysis_failed += 1  # the article itself was stored
                else:
                    report.rejected += 1
                continue
            if position not in stored:
                continue  # a duplicate
            seq, previous_id = stored[position]
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
            if analysis is not None:
                self._save_analysis(analysis, stamp)
            if item.path:  # a file that now reads fine is no longer a reject
                fixed.append(item.path)
            signed.append((item, seq, previous_id, signature))
            added.append(IndexChange(seq, item, terms, previous_id))
        self._record_copies_batch(signed)
        self._clear_rejects(db, fixed)
        self._index_in_transaction(added)

    @staticmethod
    def _store_articles(db: Database, batch: list[Article | PreparedArticle | Reject],
                        current: dict[str, tuple[str, int]], report: IngestReport,
                        stamp: str) -> dict[int, tuple[int, str | None]]:
        """Insert the batch's new articles and versions in one `executemany`, in batch order.

        Returns, by position in the batch, each stored article's `seq` and the
        id of the version it supersedes. An article whose id is stored already
        (or earlier in the batch) is a duplicate; `current` (external id ->
        current id and version) is kept up to date as the batch goes. Run inside
        the batch's write transaction, so no other writer stores anything between
        the look-up and the insert; the insert is keyed on the content hash all the same.
        """
        articles = {position: item.article if isinstance(item, PreparedArticle) else item
                    for position, item in enumerate(batch) if not isinstance(item, Reject)}
        ids = sorted({article.id for article in articles.values()})
        seen = {row[0] for row in _in_chunks(db, "SELECT id FROM articles WHERE id IN ({marks})", ids)}
        rows, supersede, planned = [], [], {}
        for position, article in articles.items():
            previous = current.get(article.external_id) if article.external_id else None
            if article.id in seen or (previous and previous[0] == article.id):
                report.duplicates += 1
                continue
            seen.add(article.id)
            version = previous[1] + 1 if previous else 1
            rows.append((*ARTICLES.values(article), version, previous[0] if previous else None, stamp))
            if previous:
                supersede.append((article.id, previous[0]))
                report.updated += 1
            else:
                report.ingested += 1
            if article.external_id:
                current[article.external_id] = (article.id, version)
            planned[position] = (article.id, previous[0] if previous else None)
        if not rows:
            return {}
        db.executemany(ARTICLES.insert("version", "supersedes", "ingested_at", verb="INSERT",
                                       then="ON CONFLICT DO NOTHING"), rows)
        if supersede:
            db.executemany("UPDATE articles SET superseded_by = ? WHERE id = ?", supersede)
        new_ids = [article_id for article_id, _ in planned.values()]
        seqs = {row[0]: row[1] for row in _in_chunks(db, "SELECT id, seq FROM articles WHERE id IN ({marks})",
                                                     new_ids)}
        return {position: (seqs[article_id], previous_id) for position, (article_id, previous_id) in planned.items()}

    @staticmethod
    def _current_versions(db: Database, batch: list[Article | PreparedArticle | Reject]) -> dict[str, tuple[str, int]]:
        """external id -> (id, version) of its current stored version, for the batch's articles."""
        wanted = sorted({article.external_id for item in batch if not isinstance(item, Reject)
                         if (article := item.article if isinstance(item, PreparedArticle) else item).external_id})
        return {row[0]: (row[1], row[2]) for row in _in_chunks(
            db, "SELECT external_id, id, version FROM articles WHERE superseded_by IS NULL "
                "AND external_id IN ({marks})", wanted)}

    @staticmethod
    def _clear_rejects(db: Database, paths: list[str]) -> None:
        """Forget the rejects of these paths (their files now read fine), and empty the list."""
        for start in range(0, len(paths), CHUNK):
            chunk = paths[start:start + CHUNK]
            db.execute(f"DELETE FROM rejects WHERE path IN ({','.join('?' * len(chunk))})", chunk)
        paths.clear()

    def relink(self, reindex: bool = True) -> int:
        """Link, over the whole store, each person stored under one name only (`Trump`) to the one stored
        person whose full name it is part of (`Donald Trump`): what ingest does for an article whose full
        name was stored before it, done again once everything is stored, so the result no longer depends
        on which article came first. A name two stored people share (`Kim`) stays as written. Mentions,
        quotes and event actors move to the full name; the search index is rebuilt when anything moved.
        Returns how many lone names were linked.

        It also undoes what ingest linked on evidence that no longer holds: an
        article that names a person by one word only, linked at ingest to the
        one full name stored then, goes back to its own lone entity once that
        word is part of two stored full names (`Melania Trump` arrived), as
        if the second name had come first."""
        with self.transaction() as db:
            unlinked = self._unlink_shared_words(db)
        linked = 0
        with self.transaction() as db:
            lone = db.execute("SELECT id, name FROM entities WHERE label = 'PER' AND name NOT LIKE '% %' "
                              "ORDER BY id").fetchall()
            for entity_id, name in lone:
                found = db.execute(
                    "SELECT e.id, e.name FROM person_names p JOIN entities e ON e.id = p.entity_id "
                    "WHERE p.part = ? AND e.label = 'PER' LIMIT 2", (name.lower(),)).fetchall()
                if len(found) != 1 or found[0][0] == entity_id:
                    continue
                _move_person(db, entity_id, found[0][0], found[0][1])
                db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
                linked += 1
        if (linked or unlinked) and reindex:
            self.reindex()
        return linked

    def _unlink_shared_words(self, db: Any) -> int:
        """Move each article whose only mentions of a full name are one word that two stored people
        share back to that word's own entity; returns how many articles moved."""
        from warta.nlp.entities import entity_id  # the pipeline's ids; spaCy loads only when needed

        moved = 0
        shared = [row[0] for row in db.execute(
            "SELECT part FROM person_names GROUP BY part HAVING COUNT(DISTINCT entity_id) > 1 ORDER BY part")]
        for part in shared:
            rows = db.execute(
                """SELECT m.entity_id, m.article_id, MIN(m.text) AS text FROM mentions m
                   JOIN person_names p ON p.entity_id = m.entity_id AND p.part = ?
                   GROUP BY m.entity_id, m.article_id
                   HAVING MAX(CASE WHEN LOWER(m.text) = ? THEN 0 ELSE 1 END) = 0
                   ORDER BY m.entity_id, m.article_id""", (part, part)).fetchall()
            for full_id, article_id, text in rows:
                lone = Entity(entity_id("PER", text), "PER", text, [], [], {})
                if lone.id == full_id:
                    continue
                db.execute(ENTITIES.insert(verb="INSERT", then="ON CONFLICT DO NOTHING"), ENTITIES.values(lone))
                _move_person(db, full_id, lone.id, lone.name, article_id)
                moved += 1
        return moved

    def _link_across(self, analysis: Analysis) -> Analysis:
        """Give a person named by one name only (`Putin`) the id of the one
        stored person whose full name it is part of (`Vladimir Putin`)."""
        mapping: dict[str, tuple[str, str]] = {}
        # a lone name the article's own people share (`Arief` beside `Arief Setiabudi` and `Bung Arief`) was
        # left apart by the analysis: the store does not decide it either, in whatever order articles come
        own_parts = {part.lower() for e in analysis.entities if e.label == "PER" and " " in e.name
                     for part in e.name.split()}
        for entity in analysis.entities:
            if entity.label != "PER" or " " in entity.name or entity.name.lower() in own_parts:
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

    def _save_analysis(self, analysis: Analysis, stamp: str) -> None:
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
            "ON CONFLICT (article_id) DO UPDATE SET schema_version = excluded.schema_version, "
            "pipeline = excluded.pipeline, sentences = excluded.sentences, analyzed_at = excluded.analyzed_at",
            (article_id, ANALYSIS_SCHEMA_VERSION, json.dumps(analysis.pipeline),
             json.dumps([[s.start, s.end] for s in analysis.sentences]), stamp))
        ignore = "ON CONFLICT DO NOTHING"
        for entity in analysis.entities:
            db.execute(ENTITIES.insert(verb="INSERT", then=keep_the_better_name(self.dialect)), ENTITIES.values(entity))
            if entity.label == "PER" and " " in entity.name:
                words = entity.name.lower().split()
                db.executemany(f"INSERT INTO person_names (part, entity_id) VALUES (?, ?) {ignore}",
                               [(words[0], entity.id), (words[-1], entity.id)])
            db.executemany(MENTIONS.insert(verb="INSERT", then=ignore),
                           [MENTIONS.values(m, article_id, entity.id) for m in entity.mentions])
        spans: tuple[tuple[Table, list[Any]], ...] = (
            (QUOTES, list(analysis.quotes)), (TIMES, list(analysis.times)), (COUNTS, list(analysis.counts)))
        for kind, records in spans:
            if records:
                db.executemany(kind.insert(verb="INSERT", then=ignore),
                               [kind.values(record, article_id) for record in records])
        for place in analysis.places:
            db.execute(PLACES.insert(verb="INSERT", then=ignore), PLACES.values(place))
            db.executemany(PLACE_MENTIONS.insert(verb="INSERT", then=ignore),
                           [PLACE_MENTIONS.values(m, article_id, place.id, place.entity_id) for m in place.mentions])
        for event in analysis.events:
            self._save_event(article_id, event, analysis.article.published)
        db.execute("DELETE FROM event_clusters "
                   "WHERE id NOT IN (SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL)")

    def _save_event(self, article_id: str, event: Event, published: date | None = None) -> None:
        cluster, merged = self._cluster_for(Mention(event, published, article_id))
        self.db.execute(EVENTS.insert("cluster_id", verb="INSERT", then="ON CONFLICT DO NOTHING"),
                        (*EVENTS.values(event, article_id), cluster))
        if merged:
            self._represent(cluster)

    def _cluster_for(self, mention: Mention) -> tuple[int, bool]:
        """The id of the happening this event mention describes (made if new), and whether it joined one.

        The query only gathers candidates (stored mentions of the same type
        and the same target id or name, or either party for symmetric types,
        a person's also under a name with the same first or last word, and
        those of the same article);
        the decision is warta.event_merge.same_happening's, and its reasons
        are kept in `merge_evidence`. A mention joins every cluster one of
        whose mentions it matches, so clusters it bridges become one (the
        smallest id): clusters are the connected components of the rule,
        whatever the order of ingest.
        """
        event = mention.event
        # The rule never merges without the same target (either party, for symmetric types): ask for those.
        parties = [a for a in ((event.source, event.target) if event.type in SYMMETRIC_EVENT_TYPES
                               else (event.target,)) if a is not None]
        sides = ("source", "target") if event.type in SYMMETRIC_EVENT_TYPES else ("target",)
        near, params = [], []
        for actor in parties:
            column = "id" if actor.entity_id else "name"
            near += [f"e.{side}_{column} = ?" for side in sides]
            params += [actor.entity_id or actor.name] * len(sides)
            person = actor.entity_id or ""
            words = person.removeprefix("per:").split("-") if person.startswith("per:") else []
            if len(words) >= 2:
                # a person's name as another outlet spells it (event_merge.same_person) shares its first or last word
                for side in sides:
                    near += [f"e.{side}_id LIKE ?", f"e.{side}_id LIKE ?"]
                    params += [f"per:{words[0]}-%", f"per:%-{words[-1]}"]
        if mention.article_id is not None:
            # within one article a shared agent is enough (event_merge.same_article_actors)
            near.append("e.article_id = ?")
            params.append(mention.article_id)
        links: dict[int, dict] = {}
        if near:
            rows = self.db.execute(
                "SELECT e.*, a.published AS article_published FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE e.type = ? AND e.cluster_id IS NOT NULL AND ({' OR '.join(near)}) "
                "ORDER BY e.cluster_id, e.article_id, e.trigger_start", (event.type, *params)).fetchall()
            for row in rows:
                if row["cluster_id"] in links:
                    continue
                other = Mention(EVENTS.read(row), date.fromisoformat(str(row["article_published"])[:10]),
                                row["article_id"])
                verdict = same_happening(mention, other)
                if verdict:
                    links[row["cluster_id"]] = {"articles": [other.article_id, mention.article_id],
                                                "why": verdict.evidence}
        if links:
            keep, *others = sorted(links)
            evidence: list = []
            for cluster in (keep, *others):
                stored = self.db.execute("SELECT merge_evidence FROM event_clusters WHERE id = ?",
                                         (cluster,)).fetchone()[0]
                evidence += json.loads(stored or "[]")
            evidence += [links[cluster] for cluster in sorted(links)]
            if others:
                marks = ", ".join("?" * len(others))
                self.db.execute(f"UPDATE events SET cluster_id = ? WHERE cluster_id IN ({marks})", (keep, *others))
                self.db.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", others)
            self.db.execute("UPDATE event_clusters SET merge_evidence = ? WHERE id = ?",
                            (json.dumps(evidence, ensure_ascii=False), keep))
            return keep, True
        source = (event.source.entity_id or event.source.name) if event.source else None
        target = (event.target.entity_id or event.target.name) if event.target else None
        created = self.db.execute(
            "INSERT INTO event_clusters (type, mode, cameo, modality, source_id, source_name, source_code, target_id, "
            "target_name, target_code, \"symmetric\", date, date_day, place_id, place, date_source, merge_evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]') RETURNING id",
            (event.type, event.mode, event.cameo, event.modality, source, event.source and event.source.name,
             event.source and event.source.code, target, event.target and event.target.name,
             event.target and event.target.code, int(event.type in SYMMETRIC_EVENT_TYPES), event.date,
             _first_day(event.date), event.place_id, event.place, event.date_source)).fetchone()
        return created[0], False

    def _represent(self, cluster: int) -> None:
        """Describe a cluster by its best-described mention (a date from the text, a place, both actors),
        chosen by content, not by arrival, so the description does not depend on the ingest order."""
        rows = self.db.execute("SELECT * FROM events WHERE cluster_id = ?", (cluster,)).fetchall()
        best = min(rows, key=lambda r: (r["date_source"] not in ("text", "narrative"), r["date"] is None,
                                        r["place_id"] is None, r["target_name"] is None, r["source_name"] is None,
                                        r["article_id"], r["trigger_start"]))
        self.db.execute(
            "UPDATE event_clusters SET mode = ?, cameo = ?, modality = ?, source_id = ?, source_name = ?, "
            "source_code = ?, target_id = ?, target_name = ?, target_code = ?, date = ?, date_day = ?, place_id = ?, "
            "place = ?, date_source = ? WHERE id = ?",
            (best["mode"], best["cameo"], best["modality"], best["source_id"] or best["source_name"],
             best["source_name"], best["source_code"], best["target_id"] or best["target_name"], best["target_name"],
             best["target_code"], best["date"], _first_day(best["date"]), best["place_id"], best["place"],
             best["date_source"], cluster))

    def save_analyses(self, analyses: Iterable[Analysis], batch_size: int = 200) -> int:
        """Store (re)analyses of articles already in the store; reindexes their entities."""
        count = 0
        batch: list[Analysis] = []

        def flush() -> None:
            stamp = now()
            with self.transaction():
                linked = [self._link_across(analysis) for analysis in batch]
                for analysis in linked:
                    self._save_analysis(analysis, stamp)
                changes = []
                for analysis in linked:
                    stored = self.get(analysis.article.id)
                    if stored and not stored.superseded_by:
                        changes.append(IndexChange(stored.seq, analysis.article,
                                                   index_terms(analysis.article, self.index.stemmer, analysis),
                                                   replace=True))
                self._index_in_transaction(changes)
            self._index_after_commit(changes)
            batch.clear()

        self._start_writing()
        try:
            for analysis in analyses:
                batch.append(analysis)
                count += 1
                if len(batch) >= batch_size:
                    flush()
            if batch:
                flush()
        finally:
            self._commit_index()
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

    # -- reading ---------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[StoredArticle]:
        cursor = self.db.execute(sql, params)
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield stored_article(row)

    def get(self, article_id: str) -> StoredArticle | None:
        key = article_id.strip()
        for sql in ("SELECT * FROM articles WHERE id = ?",
                    "SELECT * FROM articles WHERE external_id = ? AND superseded_by IS NULL"):
            row = self.db.execute(sql, (key,)).fetchone()
            if row:
                return stored_article(row)
        if len(key) >= 4:
            rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? || '%' LIMIT 2", (key.lower(),)).fetchall()
            if len(rows) == 1:
                return stored_article(rows[0])
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
        """Entities by number of mentions in current articles, with filters.

        `sources` counts the articles once per copy group (ten outlets running
        one wire text are one source), so a name carried by syndicated copy
        does not look more widely reported than it is.
        """
        where, params = entity_filter(label, name, since, until, self.dialect)
        rows = self.db.execute(
            f"""SELECT e.id, e.label, e.name, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                       COUNT(DISTINCT COALESCE(c.original_id, m.article_id)) AS sources,
                       MIN(a.published) AS first, MAX(a.published) AS last
                FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
                LEFT JOIN copies c ON c.article_id = m.article_id
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
               until: date | None = None, limit: int = 50, offset: int = 0, distinct: bool = False) -> list[dict]:
        """Quotes in current articles, newest first; `speaker` is a name or entity id.

        Each row says in how many articles its text appears (`copies`: the
        size of the article's copy group, 1 for an article without copies).
        `distinct` lists a copy group once, through its original's quotes,
        so one statement run by ten outlets is one row, not ten.
        """
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
        if distinct:
            where.append(ONE_TEXT_PER_COPY_GROUP)
        clauses, values = dated(since, until, "a.published")
        where += clauses
        params += values
        rows = self.db.execute(
            f"""SELECT q.*, a.title, a.published,
                       CASE WHEN c.original_id IS NULL THEN 1
                            ELSE (SELECT COUNT(*) FROM copies g WHERE g.original_id = c.original_id) END AS copies
                FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN copies c ON c.article_id = q.article_id
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
            where.append(f"(c.source_id IN ({marks}) OR c.target_id IN ({marks}) OR lower(c.source_name) = lower(?) "
                         "OR lower(c.target_name) = lower(?))")
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
            where.append(f"(c.place_id IN ({','.join('?' * len(ids))}) OR lower(c.place) = lower(?))")
            params += [*ids, place]
        return where, params

    def events(self, actor: str | None = None, type: str | None = None, since: date | None = None,
               until: date | None = None, place: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Happenings (merged event mentions), most-reported first, with their evidence.

        `actor` is a name or entity id (source or target), `place` a place name
        or gazetteer id; `since`/`until` filter on the event's date.
        """
        where, params = self._event_filter(actor, type, since, until, place)
        d = self.dialect
        evidence = d.json_list({
            "article_id": "e.article_id", "title": "a.title", "published": "a.published", "trigger": "e.trigger",
            "sentence": "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)",
            "sentence_start": "e.sentence_start", "sentence_end": "e.sentence_end", "date_source": "e.date_source",
            "counts": d.json_text("e.counts"), "quotes": d.json_text("e.quotes")})
        rows = self.db.execute(
            f"""SELECT c.*, COUNT(*) AS mentions, COUNT(DISTINCT e.article_id) AS articles,
                       MIN(a.published) AS first_published, MAX(e.confidence) AS confidence,
                       {evidence} AS evidence
                FROM event_clusters c JOIN events e ON e.cluster_id = c.id JOIN articles a ON a.id = e.article_id
                WHERE {' AND '.join(where)}
                GROUP BY c.id ORDER BY mentions DESC, c.date DESC NULLS LAST, c.id LIMIT ? OFFSET ?""",
            (*params, limit, offset)).fetchall()
        out = []
        for row in rows:
            data = dict(row)
            data["evidence"] = json.loads(data["evidence"])
            data["merge_evidence"] = json.loads(data.get("merge_evidence") or "[]")
            data["symmetric"] = bool(data["symmetric"])
            data.pop("date_day", None)
            out.append(data)
        return self.count_sources(out)

    def places(self, limit: int = 1000, offset: int = 0) -> list[dict]:
        """Places mentioned in current articles: coordinates, kind, mention and article counts."""
        rows = self.db.execute(
            """SELECT p.*, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles,
                      COUNT(m.metonym_for) AS as_actor
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
            f"SELECT id FROM {table} WHERE id = ? OR {self.dialect.ieq('name')} "
            f"UNION SELECT DISTINCT {column} FROM {mentions} WHERE {self.dialect.ieq('text')}",
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
        return {
            "database": self.location,
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
            **self._storage(),
            "analyzed": one("SELECT COUNT(*) FROM analyses n JOIN articles a ON a.id = n.article_id "
                            "WHERE a.superseded_by IS NULL"),
            "entities": one("SELECT COUNT(*) FROM entities"),
            "mentions": one("SELECT COUNT(*) FROM mentions"),
        }

    #: Where the store is, as shown to users (never with a password).
    location: str = ""

    @property
    def schema_version(self) -> int:
        raise NotImplementedError


def entity_filter(label: str | None, name: str | None, since: date | None,
                  until: date | None, dialect: Dialect) -> tuple[list[str], list]:
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
        where.append(f"((e.name {dialect.like} ? AND contains_words(e.name, ?)) OR e.id IN "
                     f"(SELECT entity_id FROM mentions WHERE text {dialect.like} ? AND contains_words(text, ?)))")
        params += [like, name, like, name]
    clauses, values = dated(since, until, "a.published")
    return where + clauses, params + values


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


def stored_article(row: Any) -> StoredArticle:
    parts = row["text"].split(PART_SEPARATOR)
    front = 1 + sum(1 for name in ("subtitle", "caption", "dateline") if row[name])
    return StoredArticle(ARTICLES.read(row, body=parts[front:]), row["seq"], row["version"], row["supersedes"],
                         row["superseded_by"], datetime.fromisoformat(row["ingested_at"]))

