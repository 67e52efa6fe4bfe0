"""Stories kept in the store: recomputed from the stored articles, read with their events and quotes.

A mixin of the store (like `CopyStore`), in plain SQL over the tables of
migration 010 so that another backend reuses it as it is.

Whether two articles tell one story depends on the whole archive (a name is
rare or common among all articles), so stories are not patched one article at
a time: `refresh_stories` recomputes them all from the current articles with
`warta.stories.group_stories` whenever articles were added or replaced since
the last time (meta `stories_seq`), and every read calls it first. The result
depends only on which articles are stored, never on the order they came in.

A story's id is the id of its earliest article (by published date, then id);
any member's id finds the story too.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from warta.model import PART_SEPARATOR
from warta.store.explorer import dated
from warta.stories import StoryItem, group_stories

#: Articles whose text is read per query when stories are recomputed.
READ_CHUNK = 2000


def _marks(values: Iterable[Any]) -> str:
    return ",".join("?" for _ in values)


def outlet_key(source: str | None) -> str:
    """Spellings of one outlet (`ANTARA`, `Antara`, ` antara `) count once."""
    return " ".join((source or "").lower().split())


class StoryStore:
    """Stories; mixed into a store that has `self.db` and the copy mixin's `copy_originals`."""

    db: Any

    if TYPE_CHECKING:  # provided by CopyStore and by the store itself
        def copy_originals(self, ids: Iterable[str]) -> dict[str, str]: ...

        def get(self, article_id: str) -> Any: ...

        def transaction(self) -> AbstractContextManager[Any]: ...

        def resolve_entities(self, name: str) -> list[str]: ...

        def resolve_places(self, name: str) -> list[str]: ...

    # -- recomputing -------------------------------------------------------------------

    def _stories_seq(self) -> tuple[int, int]:
        newest = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        row = self.db.execute("SELECT value FROM meta WHERE key = 'stories_seq'").fetchone()
        return newest, int(row[0]) if row else -1

    def refresh_stories(self, force: bool = False) -> bool:
        """Recompute the stories if articles changed since the last time; True when it did."""
        newest, done = self._stories_seq()
        if newest == done and not force:
            return False
        items: list[StoryItem] = []
        rows = self.db.execute("SELECT id, published, text, title, subtitle, caption, dateline FROM articles "
                               "WHERE superseded_by IS NULL ORDER BY id").fetchall()
        originals = self.copy_originals(row["id"] for row in rows)
        for row in rows:
            parts = row["text"].split(PART_SEPARATOR)
            front = 1 + sum(1 for name in ("subtitle", "caption", "dateline") if row[name])
            body = "\n".join(parts[front:]) or row["title"]
            items.append(StoryItem(row["id"], body, datetime.fromisoformat(row["published"]), originals[row["id"]]))
        stories = group_stories(items)
        with self.transaction():
            self.db.execute("DELETE FROM story_articles")
            self.db.execute("DELETE FROM stories")
            for members in stories:
                self._write_story(members)
            self.db.execute("DELETE FROM meta WHERE key = 'stories_seq'")
            self.db.execute("INSERT INTO meta (key, value) VALUES ('stories_seq', ?)", (str(newest),))
        return True

    def _write_story(self, members: list[str]) -> None:
        rows = self.db.execute(
            f"SELECT id, title, published, source FROM articles WHERE id IN ({_marks(members)}) "
            "ORDER BY published, id", members).fetchall()
        first = rows[0]
        outlets = {outlet_key(row["source"]) for row in rows if row["source"]}
        self.db.execute(
            "INSERT INTO stories (id, title, first_published, last_published, articles, outlets) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (first["id"], first["title"], first["published"], max(row["published"] for row in rows), len(rows),
             len(outlets)))
        self.db.executemany("INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)",
                            [(row["id"], first["id"]) for row in rows])

    # -- reading -----------------------------------------------------------------------

    def _story_filter(self, entity: str | None, place: str | None, since: date | None,
                      until: date | None) -> tuple[list[str], list[Any]] | None:
        """WHERE clauses over stories `s`; None when a name matches nothing (so no story can)."""
        where: list[str] = []
        params: list[Any] = []
        if entity:
            ids = self.resolve_entities(entity)
            if not ids:
                return None
            where.append(f"s.id IN (SELECT sa.story_id FROM story_articles sa JOIN mentions m "
                         f"ON m.article_id = sa.article_id WHERE m.entity_id IN ({_marks(ids)}))")
            params += ids
        if place:
            ids = self.resolve_places(place)
            if not ids:
                return None
            where.append(f"s.id IN (SELECT sa.story_id FROM story_articles sa JOIN place_mentions p "
                         f"ON p.article_id = sa.article_id WHERE p.place_id IN ({_marks(ids)}))")
            params += ids
        clauses, values = dated(since, until, "s.first_published", "s.last_published")
        return where + clauses, params + values

    def stories(self, entity: str | None = None, place: str | None = None, since: date | None = None,
                until: date | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        """(total, a page of stories): newest first, then largest. A story overlapping
        [since, until] matches; `entity` and `place` are names or ids one of its articles mentions."""
        self.refresh_stories()
        found = self._story_filter(entity, place, since, until)
        if found is None:
            return 0, []
        where, params = found
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        total = self.db.execute(f"SELECT COUNT(*) FROM stories s {clause}", params).fetchone()[0]
        rows = self.db.execute(
            f"SELECT s.* FROM stories s {clause} ORDER BY s.last_published DESC, s.articles DESC, s.id "
            "LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
        return total, [dict(row) for row in rows]

    def stories_by_id(self, ids: list[str]) -> list[dict]:
        """The listing rows of these stories, in the order asked (stories not found left out)."""
        rows = {row["id"]: dict(row) for row in self.db.execute(
            f"SELECT * FROM stories WHERE id IN ({_marks(ids)})", ids)}
        return [rows[story_id] for story_id in ids if story_id in rows]

    def story_id_of(self, article_id: str) -> str | None:
        """The story an article belongs to (None when it is in none)."""
        self.refresh_stories()
        row = self.db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def story(self, story_id: str) -> dict | None:
        """One story: its articles (with their copy originals), outlets, merged events and quotes.

        `story_id` may also be the id (or a unique id prefix, or external id)
        of any of its articles.
        """
        self.refresh_stories()
        key = story_id.strip()
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (key,)).fetchone()
        if row is None:
            stored = self.get(key) if key else None
            found = stored and self.story_id_of(stored.id)
            if not found:
                return None
            row = self.db.execute("SELECT * FROM stories WHERE id = ?", (found,)).fetchone()
        story = dict(row)
        articles = [dict(r) for r in self.db.execute(
            "SELECT a.id, a.title, a.published, a.source, a.section FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.published, a.id",
            (story["id"],))]
        ids = [a["id"] for a in articles]
        originals = self.copy_originals(ids)
        for article in articles:
            article["copy_of"] = originals[article["id"]] if originals[article["id"]] != article["id"] else None
        outlets: dict[str, dict] = {}
        for article in articles:
            name = article["source"] or "(unknown)"
            entry = outlets.setdefault(outlet_key(name), {"name": name, "articles": 0})
            entry["articles"] += 1
        story["article_count"], story["outlet_count"] = story.pop("articles"), story.pop("outlets")
        story["articles"] = articles
        story["outlets"] = sorted(outlets.values(), key=lambda o: (-o["articles"], o["name"]))
        story["sources"] = len(set(originals.values()))
        story["events"] = self._story_events(ids, originals, {a["id"]: a for a in articles})
        story["quotes"] = self._story_quotes(ids, originals)
        return story

    def _story_events(self, ids: list[str], originals: dict[str, str], articles: dict[str, dict]) -> list[dict]:
        """The story's merged events, each with how many mentions, articles, sources and outlets report it."""
        rows = self.db.execute(
            f"""SELECT c.id, c.type, c.cameo, c.modality, c.source_name, c.target_name, c.date, c.place,
                       e.article_id, e.trigger, substr(a.text, e.sentence_start + 1,
                       e.sentence_end - e.sentence_start) AS sentence
                FROM events e JOIN event_clusters c ON c.id = e.cluster_id JOIN articles a ON a.id = e.article_id
                WHERE e.article_id IN ({_marks(ids)}) ORDER BY a.published, e.article_id, e.trigger_start""",
            ids).fetchall()
        merged: dict[int, dict] = {}
        for row in rows:
            event = merged.get(row["id"])
            if event is None:
                event = merged[row["id"]] = {
                    key: row[key] for key in ("id", "type", "cameo", "modality", "source_name", "target_name",
                                              "date", "place")}
                event.update(mentions=0, article_ids=set(), originals=set(), outlet_keys=set(), evidence=[])
            event["mentions"] += 1
            event["article_ids"].add(row["article_id"])
            event["originals"].add(originals[row["article_id"]])
            event["outlet_keys"].add(outlet_key(articles[row["article_id"]]["source"]))
            if len(event["evidence"]) < 3 and originals[row["article_id"]] not in {
                    e["original"] for e in event["evidence"]}:
                event["evidence"].append({"article_id": row["article_id"], "trigger": row["trigger"],
                                          "sentence": row["sentence"], "original": originals[row["article_id"]]})
        out = []
        for event in merged.values():
            event["articles"] = len(event.pop("article_ids"))
            event["sources"] = len(event.pop("originals"))
            event["outlets"] = len(event.pop("outlet_keys"))
            for evidence in event["evidence"]:
                evidence.pop("original")
            out.append(event)
        return sorted(out, key=lambda e: (-e["sources"], -e["mentions"], e["id"]))

    def _story_quotes(self, ids: list[str], originals: dict[str, str]) -> list[dict]:
        """The story's quotes, a quote repeated by copies of one text listed once (with how many carry it)."""
        rows = self.db.execute(
            f"""SELECT q.article_id, q.text, q.kind, q.speaker_id, q.speaker, a.published, a.source
                FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.article_id IN ({_marks(ids)})
                ORDER BY a.published, q.article_id, q.start""", ids).fetchall()
        quotes: dict[tuple[str, str], dict] = {}
        for row in rows:
            key = (originals[row["article_id"]], " ".join(row["text"].lower().split()))
            quote = quotes.get(key)
            if quote is None:
                quote = quotes[key] = {name: row[name] for name in
                                       ("article_id", "text", "kind", "speaker_id", "speaker", "published",
                                        "source")}
                quote["articles"] = 0
            quote["articles"] += 1
        return list(quotes.values())
