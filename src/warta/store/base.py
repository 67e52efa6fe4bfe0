"""The store interface every backend implements, and what it returns.

The CLI, the exports, and later the API and web UI talk only to this
interface. A backend keeps articles (with versions), rejects and the search
index consistent with each other across crashes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from warta.model import Analysis, Article, Reject
from warta.search.index import Filters, PreparedArticle


class StoreError(RuntimeError):
    """The store cannot be opened or written (not bad input: that is a Reject)."""


@dataclass
class IngestReport:
    ingested: int = 0
    updated: int = 0  # new versions of an article already stored (same external id)
    duplicates: int = 0
    rejected: int = 0
    analysis_failed: int = 0  # stored, but without analysis (too long, or the pipeline failed)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.ingested + self.updated + self.duplicates + self.rejected

    def add(self, other: IngestReport) -> None:
        self.ingested += other.ingested
        self.updated += other.updated
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.analysis_failed += other.analysis_failed


@dataclass
class StoredArticle:
    article: Article
    seq: int
    version: int
    supersedes: str | None
    superseded_by: str | None
    ingested_at: datetime

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict:
        data = self.article.to_dict()
        data.update(version=self.version, supersedes=self.supersedes, superseded_by=self.superseded_by,
                    ingested_at=self.ingested_at.isoformat(timespec="seconds"))
        return data


@dataclass
class StoredReject:
    path: str
    reason: str
    detail: str
    first_seen: datetime
    last_seen: datetime
    times: int

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason, "detail": self.detail,
                "first_seen": self.first_seen.isoformat(timespec="seconds"),
                "last_seen": self.last_seen.isoformat(timespec="seconds"), "times": self.times}


@dataclass
class SearchHit:
    id: str
    score: float
    title: str
    published: date
    section: str | None
    source: str | None
    snippet: str
    snippet_html: str
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "score": round(self.score, 4), "title": self.title,
                "published": self.published.isoformat(), "section": self.section, "source": self.source,
                "snippet": self.snippet, "snippet_html": self.snippet_html,
                "highlights": [list(h) for h in self.highlights]}


@dataclass
class SearchResults:
    query: str
    total: int | None
    hits: list[SearchHit]
    offset: int = 0

    def to_dict(self) -> dict:
        return {"query": self.query, "total": self.total, "offset": self.offset,
                "hits": [hit.to_dict() for hit in self.hits]}


#: Called after each committed batch with (report so far, items read so far).
ProgressCallback = Callable[[IngestReport, int], None]


class Store(ABC):
    """A warta knowledge base. Use as a context manager, or call close()."""

    @abstractmethod
    def ingest(self, items: Iterable[Article | PreparedArticle | Reject], batch_size: int = 500,
               progress: ProgressCallback | None = None) -> IngestReport:
        """Store articles and rejects, one transaction per batch.

        Idempotent: an article whose content is already stored is counted as a
        duplicate; an article whose external id is stored with other content
        becomes the new current version of it.
        """

    def stored_ids(self) -> frozenset[str]:
        """Ids of every stored article (all versions): ingest skips analysing these."""
        return frozenset()

    @abstractmethod
    def get(self, article_id: str) -> StoredArticle | None:
        """By article id, unique id prefix, or external id (current version)."""

    @abstractmethod
    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, offset: int = 0) -> SearchResults:
        """Current versions matching the query, best first. Raises QueryError."""

    @abstractmethod
    def save_analyses(self, analyses: Iterable[Analysis]) -> int:
        """Store analyses of stored articles, replacing older ones."""

    @abstractmethod
    def unanalyzed(self) -> Iterator[StoredArticle]:
        """Current articles that have no analysis of the current schema version."""

    @abstractmethod
    def analysis(self, article_id: str) -> Analysis | None: ...

    @abstractmethod
    def entities(self, label: str | None = None, name: str | None = None, since: date | None = None,
                 until: date | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Most-mentioned entities first: id, label, name, mentions, articles, sources (copies once), first, last."""

    @abstractmethod
    def resolve_entities(self, name: str) -> list[str]:
        """Entity ids a user's NAME may mean (canonical name, id, or a mention's text)."""

    @abstractmethod
    def quotes(self, speaker: str | None = None, kind: str | None = None, since: date | None = None,
               until: date | None = None, limit: int = 50, offset: int = 0, distinct: bool = False) -> list[dict]:
        """Quotes, newest article first, with the article's title and date and how many copies carry it.

        `distinct`: one row per copy group (the original's quotes), not one per article."""

    @abstractmethod
    def entity_profile(self, name_or_id: str, co_mentions: int = 10, quotes: int = 10) -> dict | None:
        """Aliases, roles, mentions per month, co-mentioned entities and latest quotes of one entity."""

    @abstractmethod
    def events(self, actor: str | None = None, type: str | None = None, since: date | None = None,
               until: date | None = None, place: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Merged events with mention counts and evidence sentences."""

    @abstractmethod
    def count_events(self, actor: str | None = None, type: str | None = None, since: date | None = None,
                     until: date | None = None, place: str | None = None) -> int:
        """How many merged events `events()` lists with the same filters."""

    @abstractmethod
    def places(self, limit: int = 1000, offset: int = 0) -> list[dict]:
        """Places with coordinates and mention counts, most mentioned first."""

    @abstractmethod
    def resolve_places(self, name: str) -> list[str]:
        """Gazetteer ids a user's place NAME may mean."""

    @abstractmethod
    def articles(self, current_only: bool = True) -> Iterator[StoredArticle]:
        """Every article, in ingest order, streamed."""

    @abstractmethod
    def rejects(self, limit: int | None = None) -> list[StoredReject]: ...

    @abstractmethod
    def stats(self) -> dict: ...

    @abstractmethod
    def relink(self, reindex: bool = True) -> int:
        """Link lone person names across the whole store (see warta.store.sql); how many were linked.
        With `reindex=False` the caller rebuilds the search index itself (warta.cluster does, in parallel)."""

    @abstractmethod
    def reindex(self) -> int:
        """Rebuild the search index from the stored articles; returns how many."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
