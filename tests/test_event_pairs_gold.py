"""The cross-article event-pair gold: the file is sound, its split is fixed,
and the merge scorer counts what it should.

The labels are ours (tests/gold/event_pairs.jsonl, guidelines in
docs/annotation-event-pairs.md); the texts are IndoSum's and stay in
../shared/data, so the tests that need them skip, naming the path, when it
is absent.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import ROOT, SHARED, requires_shared
from warta.event_merge import Mention
from warta.gold.corpus import article_of, records_by_id
from warta.gold.event_pairs import (
    LABELS,
    EventPair,
    GoldEvent,
    match_event,
    merge_scores,
    part,
    part_of,
    read_event_pairs,
    sentences,
    validate,
)
from warta.model import Actor, Event

GOLD = ROOT / "tests" / "gold" / "event_pairs.jsonl"
CORPUS = SHARED / "data" / "corpus" / "indosum-dev" / "articles.jsonl"


# -- the file ----------------------------------------------------------------------

def test_the_gold_file_is_sound():
    pairs = read_event_pairs(GOLD)
    assert validate(pairs) == []
    labels = Counter(pair.label for pair in pairs)
    assert set(labels) == set(LABELS) and min(labels.values()) >= 80 and len(pairs) >= 170
    # Hard negatives: most `different` pairs share the event type.
    different = [p for p in pairs if p.label == "different"]
    assert sum(p.event_a.type == p.event_b.type for p in different) >= 0.9 * len(different)


def test_the_split_is_fixed_by_the_pair_and_near_sixty_forty():
    pairs = read_event_pairs(GOLD)
    assert part_of("a@1|b@2") == part_of("a@1|b@2")
    dev, heldout = part(pairs, "dev"), part(pairs, "heldout")
    assert len(dev) + len(heldout) == len(pairs)
    assert 0.5 < len(dev) / len(pairs) < 0.7
    assert [p.key for p in part(read_event_pairs(GOLD), "dev")] == [p.key for p in dev]
    for label in LABELS:
        assert any(p.label == label for p in heldout)


@requires_shared(CORPUS)
def test_every_sentence_lies_on_sentence_boundaries_of_its_article():
    pairs = read_event_pairs(GOLD)
    records = records_by_id(CORPUS, {i for p in pairs for i in (p.a, p.b)})
    texts = {id_: article_of(record).text for id_, record in records.items()}
    assert validate(pairs, texts) == []


def _row(**change) -> dict:
    event = {"sentence": [0, 12], "type": "COERCE", "source": "ORG:Komisi Pemberantasan Korupsi",
             "target": None, "place": None, "date": None, "modality": "asserted"}
    row = {"a": "x", "b": "y", "event_a": event, "event_b": dict(event, sentence=[13, 20]), "label": "same"}
    row.update(change)
    return row


def test_the_loader_and_validator_name_the_line(tmp_path):
    path = tmp_path / "pairs.jsonl"
    bad = dict(_row()["event_a"], type="ARREST", source="Komisi")
    rows = [_row(), _row(label="maybe"), _row(b="x"), _row(event_b=bad), _row()]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    problems = validate(read_event_pairs(path), {"x": "Kalimat satu. Dua tiga.\n\nLain", "y": "pendek"})
    assert any(p.startswith("line 2") and "'maybe' is not one of" in p for p in problems)
    assert any(p.startswith("line 3") and "one article" in p for p in problems)
    assert any(p.startswith("line 4") and "'ARREST' is not a PLOVER type" in p for p in problems)
    assert any(p.startswith("line 4") and "not a LABEL:Name key" in p for p in problems)
    assert any(p.startswith("line 5") and "listed twice" in p for p in problems)
    assert any("runs past the text" in p for p in problems)
    path.write_text(json.dumps({"a": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pairs.jsonl:1: missing field"):
        read_event_pairs(path)


def test_sentences_split_on_stops_but_not_on_abbreviations():
    text = "(tanpa judul)\n\nKPK menahan Bupati. Ia diperiksa Irjen. Pol Budi di Jakarta.\n\nAkhir"
    spans = [text[s:e] for s, e in sentences(text)]
    assert spans == ["(tanpa judul)", "KPK menahan Bupati.", "Ia diperiksa Irjen. Pol Budi di Jakarta.", "Akhir"]


# -- the scorer --------------------------------------------------------------------------

def _event(type_: str, start: int, end: int, source: str | None, target: str | None) -> Event:
    return Event(type=type_, trigger="x", trigger_start=start, trigger_end=start + 1, sentence_start=start,
                 sentence_end=end, source=Actor(source) if source else None,
                 target=Actor(target) if target else None)


class _Analysis:
    def __init__(self, *events: Event):
        self.events = list(events)


def _pair(a: str, b: str, span_a: tuple[int, int], span_b: tuple[int, int], label: str,
          type_: str = "COERCE") -> EventPair:
    return EventPair(a, b, GoldEvent(*span_a, type_), GoldEvent(*span_b, type_), label)


def test_a_gold_event_matches_the_overlapping_event_of_its_type():
    events = [_event("ACCUSE", 0, 50, "KPK", None), _event("COERCE", 40, 90, "KPK", "Budi"),
              _event("COERCE", 0, 45, "Polri", "Budi")]
    assert match_event(events, GoldEvent(0, 50, "COERCE")).source.name == "Polri"
    assert match_event(events, GoldEvent(60, 80, "COERCE")).source.name == "KPK"
    assert match_event(events, GoldEvent(100, 120, "COERCE")) is None


def test_the_scorer_counts_merges_by_hand():
    analyses = {
        "a": _Analysis(_event("COERCE", 0, 10, "KPK", "Budi"), _event("ACCUSE", 11, 20, "KPK", "Ani")),
        "b": _Analysis(_event("COERCE", 0, 10, "KPK", "Budi"), _event("COERCE", 11, 20, "KPK", "Budi")),
        "c": _Analysis(_event("ACCUSE", 0, 10, "KPK", "Ani")),
    }
    pairs = [
        _pair("a", "b", (0, 10), (0, 10), "same"),                 # merged: tp
        _pair("a", "b", (0, 10), (11, 20), "different"),           # merged: fp
        _pair("a", "c", (11, 20), (0, 10), "same", "ACCUSE"),      # merged: tp
        _pair("a", "c", (0, 10), (0, 10), "same"),                 # no COERCE in c: unmatched, fn
        _pair("b", "c", (30, 40), (0, 10), "different"),           # unmatched, tn
    ]

    def decide(first: Mention, second: Mention) -> bool:
        return first.event.type == second.event.type and first.event.target == second.event.target

    result = merge_scores(pairs, decide, analyses)  # type: ignore[arg-type]
    assert (result["tp"], result["fp"], result["fn"], result["tn"]) == (2, 1, 1, 1)
    assert result["precision"] == round(2 / 3, 4) and result["recall"] == round(2 / 3, 4)
    assert result["unmatched_same"] == 1 and result["unmatched_different"] == 1
    assert len(result["errors"]) == 1 and result["errors"][0]["gold"] == "different"
