"""Article in, Analysis out: the pure function the rest of warta maps over.

`analyze` runs the pipeline on the article's canonical text and turns the
spaCy Doc into warta's own data classes, so that nothing downstream (store,
API, exports) depends on spaCy objects.
"""

from __future__ import annotations

import os
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from warta import __version__
from warta.model import Analysis, Article, Entity, Mention, Sentence
from warta.nlp import extensions
from warta.nlp import load_cached, ner_model_path
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
                    counts=_attributed(list(extensions.items(doc, "counts")), quotes), places=list(extensions.items(doc, "places")),
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


def analyze(article: Article, nlp: Language | None = None) -> Analysis:
    nlp = nlp or load_cached()
    return doc_to_analysis(nlp(make_doc(nlp, article)), article, nlp)


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
