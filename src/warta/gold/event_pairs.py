"""The cross-article event-pair gold, and scoring warta's event merging against it.

Each line of `tests/gold/event_pairs.jsonl` names two IndoSum articles (the
texts stay in `../shared/data/corpus`), one event in each (the `[start, end)`
offsets of its sentence in the text `warta.gold.corpus.article_of` builds,
its PLOVER type, source, target, place, date and modality, keys as in
docs/annotation.md) and whether the two are the `same` happening or a
`different` one. Guidelines: docs/annotation-event-pairs.md.

`score_merges(decide, part)` asks a merge rule, for every gold pair, whether
warta's events in those two sentences are one happening, and reports
precision and recall of `same`. The production rule is
`warta.event_merge.same_happening`; `training/event_pairs/score.py` scores it.

The part of a pair (dev or held-out) is fixed by a hash of its two article
ids and two sentence offsets, so adding pairs never moves old ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.event_merge import Mention
from warta.gold.corpus import article_of, default_corpus_path, records_by_id
from warta.gold.stories import part, part_of
from warta.model import MODALITIES, Analysis, Event
from warta.vocabulary import EVENT_TYPES

GOLD = Path(__file__).resolve().parents[3] / "tests" / "gold" / "event_pairs.jsonl"
LABELS = ("same", "different")


@dataclass(frozen=True)
class GoldEvent:
    """One side of a pair: the sentence that reports the event and what it says."""

    start: int
    end: int
    type: str
    source: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    modality: str = "asserted"


@dataclass(frozen=True)
class EventPair:
    a: str
    b: str
    event_a: GoldEvent
    event_b: GoldEvent
    label: str
    note: str = ""
    story_label: str | None = None
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.a}@{self.event_a.start}|{self.b}@{self.event_b.start}"

    @property
    def part(self) -> str:
        return part_of(self.key)


def _event(row: Any) -> GoldEvent:
    if not isinstance(row, dict):
        raise ValueError("an event must be an object")
    sentence = row["sentence"]
    if not (isinstance(sentence, list) and len(sentence) == 2 and all(isinstance(x, int) for x in sentence)):
        raise ValueError(f"sentence must be [start, end], not {sentence!r}")
    return GoldEvent(sentence[0], sentence[1], row["type"], row.get("source"), row.get("target"),
                     row.get("place"), row.get("date"), row.get("modality") or "asserted")


def read_event_pairs(path: Path = GOLD) -> list[EventPair]:
    """The pairs of a gold file; a malformed line raises ValueError naming it."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pairs.append(EventPair(row["a"], row["b"], _event(row["event_a"]), _event(row["event_b"]),
                                   row["label"], row.get("note", ""), row.get("story_label"), number))
        except KeyError as missing:
            raise ValueError(f"{path}:{number}: missing field {missing}") from None
        except (ValueError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from None
    return pairs


def validate(pairs: Iterable[EventPair], texts: Mapping[str, str] | None = None) -> list[str]:
    """The problems of the gold, one message each naming its line; empty when it is sound.

    With `texts` (article id to the text warta sees) it also checks that each
    sentence lies inside its text, starts a sentence (after a paragraph break
    or a sentence-final stop) and ends one (at a stop or the paragraph's end).
    """
    problems = []
    seen: set[frozenset[tuple[str, int]]] = set()
    for pair in pairs:
        where = f"line {pair.line} ({pair.key})"
        if pair.label not in LABELS:
            problems.append(f"{where}: label {pair.label!r} is not one of {LABELS}")
        if pair.a == pair.b:
            problems.append(f"{where}: both events come from one article")
        for side, event in ((pair.a, pair.event_a), (pair.b, pair.event_b)):
            if event.type not in EVENT_TYPES:
                problems.append(f"{where}: type {event.type!r} is not a PLOVER type")
            if event.modality not in MODALITIES:
                problems.append(f"{where}: modality {event.modality!r} is not one of {MODALITIES}")
            for role in ("source", "target", "place"):
                key = getattr(event, role)
                if key is not None and (":" not in key or key.split(":", 1)[0] not in ("PER", "ORG", "LOC")):
                    problems.append(f"{where}: {role} {key!r} is not a LABEL:Name key")
            if not 0 <= event.start < event.end:
                problems.append(f"{where}: sentence [{event.start}, {event.end}) is empty or negative")
                continue
            if texts is None:
                continue
            if side not in texts:
                problems.append(f"{where}: {side} is not in the corpus")
                continue
            problems += [f"{where}: {side}: {p}" for p in _sentence_problems(texts[side], event.start, event.end)]
        unordered = frozenset(((pair.a, pair.event_a.start), (pair.b, pair.event_b.start)))
        if unordered in seen:
            problems.append(f"{where}: pair listed twice")
        seen.add(unordered)
    return problems


def _sentence_problems(text: str, start: int, end: int) -> list[str]:
    if end > len(text):
        return [f"sentence [{start}, {end}) runs past the text ({len(text)} characters)"]
    span = text[start:end]
    problems = []
    if "\n" in span:
        problems.append(f"sentence [{start}, {end}) crosses a paragraph break")
    if span != span.strip():
        problems.append(f"sentence [{start}, {end}) starts or ends with white space")
    before = text[:start].rstrip(" ")
    if before and not before.endswith("\n") and before[-1] not in ".!?\"”’')]":
        problems.append(f"sentence [{start}, {end}) starts inside a sentence")
    after = text[end:end + 1]
    if after not in ("", "\n", " ") or (after == " " and span[-1] not in ".!?\"”’')]"):
        problems.append(f"sentence [{start}, {end}) ends inside a sentence")
    return problems


#: Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    "dr drs ir h hj st no jl kol brigjen irjen komjen jend pol prof dll dkk tsb sdr mr mrs ms vs bpk kh ny "
    "sh mh se mm mt mba ak kombes akbp akp ajun letjen mayjen laksma marsma bripka aiptu ipda iptu aipda "
    "u.s a.s inc ltd co tbk pt".split())
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """`[start, end)` spans of the sentences of an article text, paragraph by paragraph.

    A sentence ends at `.`, `!` or `?` (with any closing quote or bracket)
    before a space and a capital or a digit, unless the word before the stop
    is an abbreviation or a single letter (`H.`, `Irjen.`); a paragraph
    always ends one.
    """
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        while start < paragraph.end() and text[start].isspace():
            start += 1
        for stop in _END.finditer(text, paragraph.start(), paragraph.end()):
            word = re.search(r"(\S+?)[.!?]*$", text[start:stop.start() + 1])
            last = (word.group(1) if word else "").strip("\"“(").casefold()
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            spans.append((start, stop.end()))
            start = stop.end()
            while start < paragraph.end() and text[start].isspace():
                start += 1
        end = paragraph.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


# -- scoring ----------------------------------------------------------------------------

#: A merge rule: are these two mentions (event, publication day, article) one happening?
Decide = Callable[[Mention, Mention], Any]


def match_event(events: Iterable[Event], gold: GoldEvent) -> Event | None:
    """warta's event for a gold one: same type, sentence overlapping the gold sentence (most overlap first)."""
    best, best_overlap = None, 0
    for event in events:
        overlap = min(event.sentence_end, gold.end) - max(event.sentence_start, gold.start)
        if event.type == gold.type and overlap > best_overlap:
            best, best_overlap = event, overlap
    return best


def merge_scores(pairs: Iterable[EventPair], decide: Decide, analyses: Mapping[str, Analysis]) -> dict[str, Any]:
    """Precision and recall of `same` when `decide` merges warta's matched events.

    `decide` gets the two events as `Mention`s (with their articles' id and
    publication day) and answers truthy to merge them.

    A pair where warta found no matching event on one side or both is never
    merged: a missed `same` pair (counted in `unmatched_same`), a `different`
    pair correctly kept apart (counted in `unmatched_different`).
    """
    tally = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    unmatched = {"same": 0, "different": 0}
    errors = []
    for pair in pairs:
        first = match_event(analyses[pair.a].events, pair.event_a) if pair.a in analyses else None
        second = match_event(analyses[pair.b].events, pair.event_b) if pair.b in analyses else None
        if first is None or second is None:
            unmatched[pair.label] += 1
            merged = False
        else:
            merged = bool(decide(_mention(first, analyses[pair.a], pair.a), _mention(second, analyses[pair.b], pair.b)))
        gold = pair.label == "same"
        tally["tp" if gold and merged else "fp" if merged else "fn" if gold else "tn"] += 1
        if merged != gold and first is not None and second is not None:
            errors.append({"pair": pair.key, "gold": pair.label, "merged": merged})
    predicted, positive = tally["tp"] + tally["fp"], tally["tp"] + tally["fn"]
    return {"pairs": sum(tally.values()),
            "precision": round(tally["tp"] / predicted, 4) if predicted else 1.0,
            "recall": round(tally["tp"] / positive, 4) if positive else 1.0,
            **tally, "unmatched_same": unmatched["same"], "unmatched_different": unmatched["different"],
            "errors": errors}




def _mention(event: Event, analysis: Analysis, article_id: str) -> Mention:
    article = getattr(analysis, "article", None)
    return Mention(event, article.published if article is not None else None, article_id)


def analyse(ids: Iterable[str], corpus: Path | None = None) -> dict[str, Analysis]:
    """warta's analyses of the gold articles (all in one fresh store, as ingest stores them)."""
    from warta.gold.score import analyse_in_store

    records = records_by_id(corpus or default_corpus_path(), set(ids))
    articles = [article_of(record) for record in records.values()]
    analyses = analyse_in_store(articles)
    return {article.external_id or article.id: analyses[article.id] for article in articles}


def score_merges(decide: Decide, part_name: str = "dev", *, gold: Path = GOLD, corpus: Path | None = None,
                 analyses: Mapping[str, Analysis] | None = None) -> dict[str, Any]:
    """Merge precision/recall of `decide` on one part (`dev`, `heldout` or `all`) of the gold."""
    pairs = part(read_event_pairs(gold), part_name)
    if analyses is None:
        analyses = analyse({id_ for pair in pairs for id_ in (pair.a, pair.b)}, corpus)
    return merge_scores(pairs, decide, analyses)
