"""Article in, Analysis out: the pure function the rest of warta maps over.

`analyze` runs the pipeline on the article's canonical text and turns the
spaCy Doc into warta's own data classes, so that nothing downstream (store,
API, exports) depends on spaCy objects.

A news article is a few thousand characters. Scrapers also deliver the odd
megabyte-long page dump; such text is analysed in parts (split at paragraph
breaks, or inside a paragraph at a sentence end) whose offsets are shifted
back into the whole text, so spaCy's `max_length` is never hit and cost
stays linear. Beyond `MAX_ANALYSIS_CHARS` an article is stored without
analysis (`too_long`). `analyze_each` turns any failure of one article into a
Reject, so a batch always goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from warta import __version__
from warta.model import Analysis, Article, Entity, Event, Mention, Place, Reject, Sentence
from warta.nlp import extensions, load_cached, ner_model_path
from warta.nlp.entities import PLACE_LABELS


def pipeline_info(nlp: Language) -> dict:
    info = {"warta": __version__, "components": list(nlp.pipe_names)}
    meta = ner_model_path() / "meta.json"
    if "ner" in nlp.pipe_names and meta.exists():
        import json

        data = json.loads(meta.read_text())
        info["ner_model"] = f"{data.get('name', 'ner')}-{data.get('version', '?')}"
    return info


def doc_to_analysis(doc: Doc, article: Article, nlp: Language) -> Analysis:
    sentences = [Sentence(s.start_char, _trim_end(s)) for s in doc.sents if s.text.strip()]
    entities: dict[str, Entity] = {}
    for span in doc.ents:
        entity = entities.get(span._.entity_id)
        if entity is None:
            label = "LOC" if span.label_ in PLACE_LABELS else span.label_  # one place, however used
            entity = entities[span._.entity_id] = Entity(span._.entity_id, label, span._.canonical,
                                                          attributes=dict(span._.attributes or {}))
        entity.mentions.append(Mention(span.start_char, span.end_char, span.text, span._.source,
                                       span._.role, span._.role_start, span.label_))
        if span._.role and span._.role not in entity.roles:
            entity.roles.append(span._.role)
    for reference in doc._.role_mentions or ():
        entity = entities.get(reference.entity_id)
        if entity is not None:
            entity.mentions.append(Mention(reference.start_char, reference.end_char, reference.text, "role"))
    for entity in entities.values():
        entity.mentions.sort(key=lambda m: m.start)
    ordered = sorted(entities.values(), key=lambda e: (-len(e.mentions), e.mentions[0].start))
    quotes = list(extensions.items(doc, "quotes"))
    return Analysis(article, sentences, ordered, pipeline_info(nlp),
                    quotes=quotes, times=list(extensions.items(doc, "times")),
                    counts=_attributed(list(extensions.items(doc, "counts")), quotes),
                    places=list(extensions.items(doc, "places")),
                    events=list(extensions.items(doc, "events")))


def _attributed(counts: list, quotes: list) -> list:
    """A number inside what someone said is that speaker's number."""
    out = []
    for count in counts:
        speaker = next((q for q in quotes if q.speaker and q.kind in ("direct", "indirect")
                        and q.start <= count.start < q.end), None)
        out.append(replace(count, reported_by=speaker.speaker, reported_by_id=speaker.speaker_id)
                   if speaker and not count.reported_by else count)
    return out


def make_doc(nlp: Language, article: Article) -> Doc:
    """A Doc of the article's text that knows when the article was published."""
    doc = nlp.make_doc(article.text)
    doc._.published = article.published  # registered by warta.nlp.timex
    return doc


def _trim_end(sentence) -> int:
    """Sentence end without the paragraph break that follows it."""
    return sentence.start_char + len(sentence.text.rstrip())


#: Articles longer than this are analysed in parts of at most this size. Far
#: above any real article, small enough that no step of the pipeline that
#: looks across the whole document (quotes, roles, actors) grows costly.
PART_CHARS = 20_000
#: Longer text is stored but not analysed: it is a dump, not an article.
MAX_ANALYSIS_CHARS = 2_000_000


def _part_limit(nlp: Language) -> int:
    """The longest text analysed in one piece."""
    return min(PART_CHARS, nlp.max_length)


class AnalysisError(ValueError):
    """An article that cannot be analysed, with a reject reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def analyze(article: Article, nlp: Language | None = None) -> Analysis:
    """The analysis of one article (in parts if it is long); raises AnalysisError if too long."""
    nlp = nlp or load_cached()
    size = len(article.text)
    if size > MAX_ANALYSIS_CHARS:
        raise AnalysisError("too_long", f"{size:,} characters is over the analysis limit of "
                                        f"{MAX_ANALYSIS_CHARS:,}; the article is stored without analysis")
    limit = _part_limit(nlp)
    if size <= limit:
        return doc_to_analysis(nlp(make_doc(nlp, article)), article, nlp)
    parts = []
    for start, end in split_parts(article.text, limit):
        doc = nlp.make_doc(article.text[start:end])
        doc._.published = article.published
        parts.append((start, doc_to_analysis(nlp(doc), article, nlp)))
    return _joined(article, parts)


_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def split_parts(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) spans of `text` of at most `limit` characters.

    Cut at the last paragraph break before the limit; a paragraph longer than
    the limit at its last sentence end, else at its last white space, else
    (one endless word) at the limit itself.
    """
    spans, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n\n")
        if cut <= 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else 0
        if cut <= 0:
            spaces = [m.end() for m in _SPACE.finditer(window)]
            cut = spaces[-1] if spaces else limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


#: Fields of the analysis data classes that hold a character offset.
_OFFSETS = {"start", "end", "role_start", "cue_start", "trigger_start", "trigger_end", "sentence_start",
            "sentence_end"}


def _shifted(item, delta: int):
    """A copy of an analysis object with every character offset moved by `delta`."""
    changes: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name in _OFFSETS and isinstance(value, int):
            changes[f.name] = value + delta
        elif isinstance(item, Event) and f.name in ("counts", "quotes"):
            changes[f.name] = tuple(v + delta for v in value)  # start offsets of the linked items
        elif isinstance(value, list) and value and is_dataclass(value[0]):
            changes[f.name] = [_shifted(v, delta) for v in value]
    return replace(item, **changes)


def _joined(article: Article, parts: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis of the whole text from the analyses of its parts."""
    entities: dict[str, Entity] = {}
    places: dict[str, Place] = {}
    whole = Analysis(article, [], [], parts[0][1].pipeline)
    for offset, part in parts:
        moved = _shifted(part, offset)
        whole.sentences += moved.sentences
        for name in ("quotes", "times", "counts", "events"):
            getattr(whole, name).extend(getattr(moved, name))
        for entity in moved.entities:
            known = entities.setdefault(entity.id, replace(entity, mentions=[], roles=[], attributes={}))
            known.mentions += entity.mentions
            known.roles += [r for r in entity.roles if r not in known.roles]
            known.attributes = {**entity.attributes, **known.attributes}
        for place in moved.places:
            places.setdefault(place.id, replace(place, mentions=[])).mentions.extend(place.mentions)
    whole.entities = sorted(entities.values(), key=lambda e: (-len(e.mentions), e.mentions[0].start))
    whole.places = list(places.values())
    return whole


def failure_path(article: Article) -> str:
    """What an analysis reject is filed under: the article's source, else its id."""
    return article.path or f"article:{article.id}"


def analysis_reject(article: Article, exc: Exception) -> Reject:
    if isinstance(exc, AnalysisError):
        return Reject(failure_path(article), exc.reason, exc.detail)
    return Reject(failure_path(article), "analysis_failed",
                  f"article {article.id} is stored without analysis: {type(exc).__name__}: {exc}")


def analyze_each(articles: Iterable[Article], nlp: Language | None = None,
                 batch_size: int = 32) -> Iterator[Analysis | Reject]:
    """An Analysis, or a Reject saying why there is none, per article, in input order.

    Articles of ordinary length go through `nlp.pipe` in batches; if a batch
    fails, its articles are analysed one by one, so only the one that fails
    is without analysis.
    """
    nlp = nlp or load_cached()
    limit = _part_limit(nlp)
    pending = iter(articles)
    while batch := list(islice(pending, batch_size)):
        short = [a for a in batch if len(a.text) <= limit]
        try:
            done = {id(a): result for a, result in zip(short, analyze_many(short, nlp, batch_size=batch_size))}
        except Exception:  # noqa: BLE001 - one bad article: find it below, article by article
            done = {}
        for article in batch:
            result: Analysis | Reject | None = done.get(id(article))
            if result is None:
                try:
                    result = analyze(article, nlp)
                except Exception as exc:  # noqa: BLE001 - the batch goes on
                    result = analysis_reject(article, exc)
            yield result


def analyze_many(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 32,
                 n_process: int = 1) -> Iterator[Analysis]:
    """Analyses in input order, through `nlp.pipe` (optionally several processes)."""
    nlp = nlp or load_cached()
    pending = ((make_doc(nlp, a), a) for a in articles)
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield doc_to_analysis(doc, article, nlp)


def read_article(source: str | os.PathLike) -> Article:
    """An Article from a path, or from warta text given directly."""
    from warta.formats import read_file
    from warta.formats.wartatext import parse
    from warta.model import Reject

    text = str(source)
    if "\n" not in text and Path(text).exists():
        item = next(iter(read_file(text)))
        if isinstance(item, Reject):
            raise ValueError(f"{item.path}: {item.detail}")
        return item
    return parse(text)
