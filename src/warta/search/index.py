"""The full-text index: a tantivy index beside the database.

Why tantivy and not SQLite FTS5: BM25 top-10 over FTS5 must score every
matching row, so a common word at 100,000 articles costs hundreds of
milliseconds; tantivy's block-max WAND answers the same query in a few
(benchmarks/ingest.py measures it). The database stays the source of truth:
the index holds only what search needs and can be rebuilt from the store at
any time (`warta reindex`).

Two text fields: `stems` (Indonesian stems, so `bertemu` finds `pertemuan`)
and `words` (lower-cased words, for exact "phrases"). Both are written
pre-tokenized and split on whitespace only, so the index sees exactly the
tokens warta's own tokenizer made.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import tantivy

from warta import glued
from warta.model import Analysis, Article
from warta.search.query import ParsedQuery, Term
from warta.search.stemmer import WORD, Stemmer, default_stemmer

EPOCH = date(1970, 1, 1)
#: Bump when the index layout changes: an old index is then rebuilt.
INDEX_LAYOUT = "3"


def day_number(value: date) -> int:
    return (value - EPOCH).days


@dataclass(frozen=True)
class IndexTerms:
    """What the index stores of an article's text, as space-separated tokens.

    Computing these (stemming) is most of the cost of ingest, so it is done
    where the article is read, which may be a worker process.
    """

    stems: str
    words: str
    entities: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    #: First days (as day numbers) of the dates the article mentions.
    mentioned: tuple[int, ...] = ()
    #: The tsvector literal of `stems` and `words` (warta.store.pgsearch.tsvector) when the
    #: store is PostgreSQL: made by the worker that stemmed the article, so the one process
    #: that writes to the store does not (a third of its time otherwise).
    vector: str | None = None


@dataclass(frozen=True)
class PreparedArticle:
    """An article with its index terms (and, if asked for, its analysis) computed."""

    article: Article
    terms: IndexTerms
    analysis: Analysis | None = None
    #: The MinHash signature for copy detection (warta.store.copies), made by
    #: the worker that read the article so the store's process does not.
    signature: bytes | None = None


def index_terms(article: Article, stemmer: Stemmer, analysis: Analysis | None = None) -> IndexTerms:
    words = WORD.findall(article.text)
    if glued.anywhere(article.text):  # `Sitorusmengatakan` is found by `Sitorus`
        words = [piece for word in words for piece in glued.pieces(word)]
    # The title is indexed twice in `stems` (it is also the first part of
    # the text): a word in the headline weighs more than one in paragraph 9.
    title_words = WORD.findall(article.title)
    if glued.anywhere(article.title):  # else no title word has a piece to split off
        title_words = [piece for word in title_words for piece in glued.pieces(word)]
    stems = stemmer.stems(title_words + words)
    if analysis is None:
        return IndexTerms(" ".join(stems), " ".join(words).lower())
    return IndexTerms(
        " ".join(stems), " ".join(words).lower(),
        entities=tuple(sorted({e.id for e in analysis.entities})),
        speakers=tuple(sorted({q.speaker_id for q in analysis.quotes if q.speaker_id})),
        places=tuple(sorted({p.id for p in analysis.places})),
        mentioned=tuple(sorted({day for t in analysis.times
                                if t.type == "DATE" and (day := _first_day(t.value)) is not None})),
    )


_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _first_day(value: str) -> int | None:
    """`2025-09-03`, `2024-06`, `2019` -> day number of the period's first day."""
    match = _DATE_VALUE.match(value)
    if not match:
        return None
    try:
        return day_number(date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)))
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    section: str | None = None
    source: str | None = None
    #: Any of these entity ids must be mentioned / quoted / any of these places.
    entities: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    #: The article mentions a date in this range (`Rabu (8/2/2017)`, `Juni tahun lalu`).
    mentioned_since: date | None = None
    mentioned_until: date | None = None


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("stems", tokenizer_name="whitespace")
    builder.add_text_field("words", tokenizer_name="whitespace")
    builder.add_integer_field("published", indexed=True, fast=True)
    builder.add_text_field("section", tokenizer_name="raw")
    builder.add_text_field("source", tokenizer_name="raw")
    builder.add_text_field("entity", tokenizer_name="raw")  # entity ids, e.g. per:vladimir-putin
    builder.add_text_field("speaker", tokenizer_name="raw")  # entity ids of quoted speakers
    builder.add_text_field("place", tokenizer_name="raw")  # gazetteer ids, e.g. geo:1871859
    builder.add_integer_field("mentioned", indexed=True, fast=True)  # dates the text mentions
    return builder.build()


class SearchIndex:
    """Add, delete and search articles; commit makes changes durable."""

    def __init__(self, path: str | os.PathLike, owner: str, stemmer: Stemmer | None = None):
        """`owner` identifies the database this index belongs to: an index
        left behind by a deleted database of the same name is thrown away."""
        self.path = Path(path)
        self.stemmer = stemmer or default_stemmer()
        self.schema = _schema()
        stamp_file = self.path / "warta-index"
        stamp = f"layout {INDEX_LAYOUT}\nowner {owner}\n"
        if self.path.exists() and (not stamp_file.exists() or stamp_file.read_text() != stamp):
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        # Searchers follow commits made by any process (a `warta ingest` while
        # `warta serve` runs) within about half a second, without a restart.
        self.index.config_reader(reload_policy="OnCommit")
        if not stamp_file.exists():
            stamp_file.write_text(stamp)
        self._writer: tantivy.IndexWriter | None = None

    @property
    def is_new(self) -> bool:
        return self.index.searcher().num_docs == 0

    # -- writing -----------------------------------------------------------

    def writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=50_000_000, num_threads=1)
        return self._writer

    def add(self, article: Article, terms: IndexTerms | None = None, replace: bool = False) -> None:
        """Add an article; `terms` if they were already computed (by a worker)."""
        writer = self.writer()
        if replace:
            writer.delete_documents_by_term("id", article.id)
        terms = terms or index_terms(article, self.stemmer)
        writer.add_document(tantivy.Document(
            id=article.id,
            stems=terms.stems,
            words=terms.words,
            published=day_number(article.published),
            section=(article.section or "").lower(),
            source=(article.source or "").lower(),
            entity=list(terms.entities),
            speaker=list(terms.speakers),
            place=list(terms.places),
            mentioned=list(terms.mentioned),
        ))

    def delete(self, article_id: str) -> None:
        self.writer().delete_documents_by_term("id", article_id)

    def flush(self) -> None:
        """Commit what was added so far and keep the writer (and its lock):
        the middle of a long ingest, made searchable."""
        if self._writer is not None:
            self._writer.commit()
        self.index.reload()

    def commit(self) -> None:
        """Commit, wait for merges and let go of the writer: the end of a write."""
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    def close(self) -> None:
        """Drop what was not committed and stop touching the folder: wait for the writer's merges
        and stop the reader's watch for commits. Either would otherwise go on reading or writing
        files in the index folder after the store is closed, and race whoever removes the folder
        (a temporary store's cleanup failed once with `Directory not empty`)."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.config_reader(reload_policy="Manual")

    def clear(self) -> None:
        writer = self.writer()
        writer.delete_all_documents()

    # -- reading -----------------------------------------------------------

    def search(self, parsed: ParsedQuery, filters: Filters = Filters(), limit: int = 10,
               offset: int = 0, count: bool = True) -> tuple[list[tuple[float, str]], int | None]:
        """(score, article id) best first, and the number of matches."""
        query = self._query(parsed, filters)
        searcher = self.index.searcher()
        result = searcher.search(query, limit=limit, offset=offset, count=count)
        hits = [(score, searcher.doc(address)["id"][0]) for score, address in result.hits]
        return hits, result.count if count else None  # type: ignore[attr-defined]  # missing from the stub only

    def _term_query(self, term: Term) -> tantivy.Query:
        field = "words" if term.phrase else "stems"
        if len(term.tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, term.tokens[0])
        return tantivy.Query.phrase_query(self.schema, field, list(term.tokens))

    def _query(self, parsed: ParsedQuery, filters: Filters) -> tantivy.Query:
        Occur = tantivy.Occur
        parts = []
        for clause in parsed.clauses:
            if len(clause) == 1:
                parts.append((Occur.Must, self._term_query(clause[0])))
            else:
                alternatives = [(Occur.Should, self._term_query(t)) for t in clause]
                parts.append((Occur.Must, tantivy.Query.boolean_query(alternatives)))
        for term in parsed.excluded:
            parts.append((Occur.MustNot, self._term_query(term)))
        if filters.since or filters.until:
            parts.append((Occur.Must, tantivy.Query.range_query(
                self.schema, "published", tantivy.FieldType.Integer,
                day_number(filters.since) if filters.since else None,
                day_number(filters.until) if filters.until else None,
            )))
        for name in ("section", "source"):
            value = getattr(filters, name)
            if value:
                parts.append((Occur.Must, tantivy.Query.term_query(self.schema, name, value.lower())))
        for field, values in (("entity", filters.entities), ("speaker", filters.speakers), ("place", filters.places)):
            if values:
                parts.append((Occur.Must, tantivy.Query.boolean_query(
                    [(Occur.Should, tantivy.Query.term_query(self.schema, field, v)) for v in values])))
        if filters.mentioned_since or filters.mentioned_until:
            parts.append((Occur.Must, tantivy.Query.range_query(
                self.schema, "mentioned", tantivy.FieldType.Integer,
                day_number(filters.mentioned_since) if filters.mentioned_since else None,
                day_number(filters.mentioned_until) if filters.mentioned_until else None,
            )))
        return tantivy.Query.boolean_query(parts)
