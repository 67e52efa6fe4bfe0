"""Copies kept in the store: signatures written at ingest, copy groups kept up to date.

A mixin of the store (like `ExplorerQueries`), apart from the ingest and
read paths in sqlite.py so that another backend reuses it as it is: it only
needs `self.db` (a DB-API connection taking `?` parameters, rows readable by
column name) and plain SQL over the tables of migration 010.

At ingest each article's MinHash signature (`warta.copies`) is stored, and an
in-memory LSH (`BandIndex`, rebuilt from the stored signatures when a store
is first written to in a process) proposes the few stored articles that may
be copies of it. Two articles are copies when their signatures share a band
and agree on at least `COPY_THRESHOLD` of their values: a symmetric relation,
so the groups (its connected components) are the same whatever order the
articles arrive in, and each group's original is its earliest article (by
published date, then id). Superseded versions leave their group, which is
then worked out again from its remaining members.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

import numpy as np

from warta.copies import (
    BANDS,
    COPY_THRESHOLD,
    NUM_PERM,
    ROWS,
    BandIndex,
    band_keys,
    signature_bytes,
    signature_values,
)
from warta.model import Article

#: Articles per query when reading many ids at once (SQLite allows 999 parameters).
CHUNK = 500


def signature_text(article: Article) -> str:
    """What is compared: the paragraphs, without the headline (outlets retitle wire copy)."""
    return "\n".join(article.body) if article.body else article.title


def are_copy_signatures(a: bytes, b: bytes) -> bool:
    """The copy relation on stored signatures: a shared LSH band and an estimate >= COPY_THRESHOLD."""
    return are_copy_values(signature_values(a), signature_values(b))


def are_copy_values(first: np.ndarray, second: np.ndarray) -> bool:
    """`are_copy_signatures` on signatures read already (NUM_PERM values each)."""
    equal = first == second
    if np.count_nonzero(equal) < COPY_THRESHOLD * NUM_PERM:
        return False
    # A shared band: all ROWS values of one of the BANDS bands equal.
    return bool(equal[: BANDS * ROWS].reshape(BANDS, ROWS).all(axis=1).any())


def _marks(values: Iterable[Any]) -> str:
    return ",".join("?" for _ in values)


class CopyStore:
    """Signatures and copy groups; mixed into a store that has `self.db`."""

    db: Any
    #: The LSH over current articles' signatures, built on first use.
    _bands: BandIndex | None = None
    #: The largest article `seq` the LSH has seen.
    _bands_seq: int = 0
    #: The copy groups as stored (original -> members, member -> original),
    #: kept in memory so that a new copy of a large group costs one lookup and
    #: one INSERT, not a read of the whole group. None: reload from the store.
    _groups: dict[str, list[str]] | None = None
    _original: dict[str, str]
    _dates: dict[str, str]
    #: The published date (ISO text, as stored) of every article the LSH holds,
    #: so that joining a lone article's group needs no query for its date (on
    #: PostgreSQL each query is a round trip; most copies at ingest join one).
    _published: dict[str, str]

    def _load_groups(self) -> None:
        self._groups, self._original = {}, {}
        #: Published dates of the groups' originals, so a copy joining a group needs no query.
        self._dates = {row[0]: row[1] for row in self.db.execute(
            "SELECT DISTINCT c.original_id, a.published FROM copies c JOIN articles a ON a.id = c.original_id")}
        for article_id, original in self.db.execute("SELECT article_id, original_id FROM copies ORDER BY article_id"):
            self._groups.setdefault(original, []).append(article_id)
            self._original[article_id] = original
        if self._bands is not None:
            self._bands.reset_groups()
            for original, members in self._groups.items():
                self._bands.set_group(members, original)

    # -- ingest hooks (called inside the store's batch transaction) -----------------

    def _copies_begin(self) -> None:
        """Before a batch: bring the LSH up to what the store holds.

        The first time, it loads every stored signature; afterwards, only those
        other processes wrote since. Current articles stored without a
        signature (by a warta older than migration 010) are signed and grouped
        here, once.
        """
        if self._bands is None:
            self._bands, self._bands_seq, self._published = BandIndex(), 0, {}
        newest = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        if newest <= self._bands_seq and self._groups is not None:
            return
        self._load_groups()
        if newest <= self._bands_seq:
            return
        rows = self.db.execute(
            "SELECT a.id, s.minhash, a.published FROM articles a JOIN signatures s ON s.article_id = a.id "
            "WHERE a.seq > ? AND a.superseded_by IS NULL ORDER BY a.seq", (self._bands_seq,)).fetchall()
        self._published.update((row[0], row[2]) for row in rows)
        if rows:
            values = np.stack([signature_values(bytes(row[1])) for row in rows])
            self._bands.add_many([row[0] for row in rows], values)
        unsigned = self.db.execute(
            "SELECT a.id, a.seq FROM articles a LEFT JOIN signatures s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL AND a.seq > ? AND a.superseded_by IS NULL ORDER BY a.seq",
            (self._bands_seq,)).fetchall()
        for article_id, seq in unsigned:
            stored = self.get(article_id)  # type: ignore[attr-defined]
            self._record_copies(stored.article, seq)
        self._bands_seq = newest

    def _record_copies(self, article: Article, seq: int, superseded: str | None = None,
                       signature: bytes | None = None) -> None:
        """After an article is stored: keep its signature and join it to the copies it has."""
        self._record_copies_batch([(article, seq, superseded, signature)])

    def _record_copies_batch(self, stored: list[tuple[Article, int, str | None, bytes | None]]) -> None:
        """After a batch's articles are stored (article, seq, superseded id, signature): keep their
        signatures and join each, in order, to the copies it has.

        The same steps as one article at a time, with the band keys of the
        whole batch computed at once, candidates confirmed against the
        signatures the LSH keeps in memory, and the rows written in runs
        (`_write`): on PostgreSQL a batch costs a few round trips, not
        several per article.
        """
        assert self._bands is not None, "_copies_begin runs before a batch"
        if not stored:
            return
        signatures = [signature if signature is not None else signature_bytes(signature_text(article))
                      for article, _, _, signature in stored]
        all_values = np.stack([signature_values(data) for data in signatures])
        all_keys = band_keys(all_values)
        self._write("INSERT INTO signatures (article_id, minhash) VALUES (?, ?)",
                    *[(article.id, data) for (article, *_), data in zip(stored, signatures)])
        located = self._bands.locate(all_keys)
        for row, ((article, seq, superseded, _), values, keys) in enumerate(zip(stored, all_values, all_keys)):
            if superseded:
                self._bands.remove(superseded)
                self._leave_group(superseded)
            # Candidates by the group they are in: one confirmed copy in a group
            # is enough to join it, so a group of thousands costs one comparison.
            joined = []
            for group, candidates in self._bands.candidate_groups(values, keys, located[row]):
                original = self._original.get(group, group)
                for candidate in candidates:
                    other = self._bands.values_of(candidate)
                    if other is not None and are_copy_values(values, other):
                        joined.append(original)
                        break
            self._bands.add(article.id, values, keys, flush=False)  # the levels stay as located
            self._bands_seq = max(self._bands_seq, seq)
            published = self._published[article.id] = article.published.isoformat()
            if joined:
                self._join_groups(article.id, joined, published)
        self._bands.flush()
        self._flush_writes()

    #: Writes waiting to be sent, in order: (statement, parameter rows).
    _pending_writes: list[tuple[str, list[tuple]]] | None = None

    def _write(self, sql: str, *rows: tuple) -> None:
        """Queue a write; consecutive writes of one statement go as one `executemany` (`_flush_writes`)."""
        if self._pending_writes is None:
            self._pending_writes = []
        pending = self._pending_writes
        if pending and pending[-1][0] == sql:
            pending[-1][1].extend(rows)
        else:
            pending.append((sql, list(rows)))

    def _flush_writes(self) -> None:
        """Send the queued writes (before anything reads the copies back, and at the end of a batch)."""
        pending, self._pending_writes = self._pending_writes, None
        if not pending:
            return
        pipeline = getattr(self.db, "pipeline", None)  # PostgreSQL: one round trip for the lot
        with pipeline() if pipeline is not None and len(pending) > 1 else nullcontext():
            for sql, rows in pending:
                if len(rows) == 1:
                    self.db.execute(sql, rows[0])
                else:
                    self.db.executemany(sql, rows)

    def _signatures(self, ids: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(ids), CHUNK):
            part = ids[start:start + CHUNK]
            found.update((row[0], bytes(row[1])) for row in self.db.execute(
                f"SELECT article_id, minhash FROM signatures WHERE article_id IN ({_marks(part)})", part))
        return found

    def _earliest(self, ids: Iterable[str]) -> str:
        ids = sorted(set(ids))
        return self.db.execute(
            f"SELECT id FROM articles WHERE id IN ({_marks(ids)}) ORDER BY published, id LIMIT 1", ids).fetchone()[0]

    def _write_group(self, members: set[str], old_originals: Iterable[str] = ()) -> None:
        olds = sorted(set(old_originals))
        if olds:
            self.db.execute(f"DELETE FROM copies WHERE original_id IN ({_marks(olds)})", olds)
        ordered = sorted(members)
        self.db.execute(f"DELETE FROM copies WHERE article_id IN ({_marks(ordered)})", ordered)
        if len(members) > 1:
            original = self._earliest(members)
            self.db.executemany("INSERT INTO copies (article_id, original_id) VALUES (?, ?)",
                                [(member, original) for member in ordered])

    def _join_groups(self, article_id: str, originals: list[str], published: str) -> None:
        """Join a new article and the groups (named by their originals, or lone articles) it copies.

        The merged group's original is the earliest of the new article and the
        groups' originals; only the rows whose original changes are rewritten,
        so a copy arriving after its original costs one INSERT.
        """
        assert self._groups is not None
        known = self._published
        dates = {article_id: published,
                 **{o: date for o in originals if (date := self._dates.get(o) or known.get(o)) is not None}}
        if len(dates) == len(originals) + 1:  # every date known: no query (a copy joining a group)
            original = min(dates, key=lambda member: (dates[member], member))
        else:
            original = self._earliest([article_id, *originals])
        if original not in self._dates:
            if original in dates:
                self._dates[original] = dates[original]
            else:
                row = self.db.execute("SELECT published FROM articles WHERE id = ?", (original,)).fetchone()
                self._dates[original] = row[0]
        members = self._groups.setdefault(original, [])
        if not members:  # the earliest was a lone article (or the new one): it opens the group
            members.append(original)
            self._original[original] = original
            self._write("INSERT INTO copies (article_id, original_id) VALUES (?, ?)", (original, original))
        for other in [article_id, *originals]:
            if other == original:
                continue
            group = self._groups.pop(other, None)
            if group:
                self._write("UPDATE copies SET original_id = ? WHERE original_id = ?", (original, other))
            else:
                group = [other]
                self._write("INSERT INTO copies (article_id, original_id) VALUES (?, ?)", (other, original))
            for member in group:
                self._original[member] = original
            members.extend(group)
        if self._bands is not None:
            self._bands.set_group(members if len(originals) > 1 or original == article_id else [article_id],
                                  original)

    def _leave_group(self, article_id: str) -> None:
        """Take a superseded article out of its group and split what remains into its components."""
        self._flush_writes()  # the copies rows of the batch's earlier articles
        row = self.db.execute("SELECT original_id FROM copies WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return
        original = row[0]
        rest = sorted(r[0] for r in self.db.execute(
            "SELECT article_id FROM copies WHERE original_id = ? AND article_id != ?", (original, article_id)))
        self.db.execute("DELETE FROM copies WHERE original_id = ?", (original,))
        signatures = self._signatures(rest)
        parent = {member: member for member in rest}

        def root(member: str) -> str:
            while parent[member] != member:
                member = parent[member]
            return member

        for i, first in enumerate(rest):
            for second in rest[i + 1:]:
                if are_copy_signatures(signatures[first], signatures[second]):
                    parent[root(second)] = root(first)
        components: dict[str, set[str]] = {}
        for member in rest:
            components.setdefault(root(member), set()).add(member)
        for component in components.values():
            if len(component) > 1:
                self._write_group(component)
        self._load_groups()

    # -- reading -----------------------------------------------------------------------

    def copy_originals(self, ids: Iterable[str]) -> dict[str, str]:
        """The original of each article's copy group; an article without copies is its own."""
        ids = sorted(set(ids))
        originals = {article_id: article_id for article_id in ids}
        for start in range(0, len(ids), CHUNK):
            part = ids[start:start + CHUNK]
            for row in self.db.execute(
                    f"SELECT article_id, original_id FROM copies WHERE article_id IN ({_marks(part)})", part):
                originals[row[0]] = row[1]
        return originals

    def copy_group(self, article_id: str) -> dict | None:
        """The copy group of an article: its original and every member, earliest first; None without copies."""
        row = self.db.execute("SELECT original_id FROM copies WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        members = [dict(r) for r in self.db.execute(
            "SELECT a.id, a.title, a.published, a.source FROM copies c JOIN articles a ON a.id = c.article_id "
            "WHERE c.original_id = ? ORDER BY a.published, a.id", (row[0],))]
        return {"original": row[0], "articles": members}

    def copy_groups(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Copy groups, largest first: original and size."""
        return [dict(r) for r in self.db.execute(
            "SELECT original_id AS original, COUNT(*) AS articles FROM copies GROUP BY original_id "
            "ORDER BY COUNT(*) DESC, original_id LIMIT ? OFFSET ?", (limit, offset))]

    def copy_group_members(self) -> list[list[str]]:
        """Every group's member ids, sorted; groups in a stable order (for tests and evaluation)."""
        groups: dict[str, list[str]] = {}
        for row in self.db.execute("SELECT article_id, original_id FROM copies ORDER BY article_id"):
            groups.setdefault(row[1], []).append(row[0])
        return sorted(groups.values())

    def count_sources(self, events: list[dict]) -> list[dict]:
        """Add to each merged event (with its `evidence`) how many distinct sources and outlets report it.

        A source is an article counted once across its copies (ten outlets
        running one wire text are one source); an outlet is a distinct
        `source` spelling, case and spacing ignored.
        """
        ids = sorted({e["article_id"] for event in events for e in event.get("evidence") or []})
        originals = self.copy_originals(ids)
        outlets: dict[str, str] = {}
        for start in range(0, len(ids), CHUNK):
            part = ids[start:start + CHUNK]
            outlets.update((row[0], " ".join((row[1] or "").lower().split())) for row in self.db.execute(
                f"SELECT id, source FROM articles WHERE id IN ({_marks(part)})", part))
        for event in events:
            reported = {e["article_id"] for e in event.get("evidence") or []}
            event["sources"] = len({originals[article] for article in reported})
            event["outlets"] = len({outlets.get(article, "") for article in reported})
        return events
