"""The real-text gold: its files are valid, its scorer counts what it should,
and warta's figures on it do not drop.

The annotations are ours (tests/gold/real); the article texts are IndoSum's
and stay in ../shared/data, so the tests that need them skip, saying so, when
it is absent. The headline cases are our own writing and always run.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import ROOT, SHARED, requires_shared
from warta.gold.annotations import check_headlines, load_gold, read_headlines, validate
from warta.gold.score import GATED, _actor_key, _without_texts, b_cubed, evaluate_parts, score_events, score_quotes

GOLD = ROOT / "tests" / "gold" / "real"
CORPUS = SHARED / "data" / "corpus" / "indosum-dev" / "articles.jsonl"
RECORDED = GOLD / "scores.json"
#: How far a gated figure may fall below the recorded one before the gate fails.
TOLERANCE = 0.02


# -- the scorer on small cases we can count by hand -------------------------------

def test_b_cubed_of_a_perfect_clustering_is_one():
    items = [("Joko Widodo", "e1"), ("Joko Widodo", "e1"), ("KPK", "e2")]
    assert b_cubed(items)["f1"] == 1.0


def test_b_cubed_punishes_merging_two_people():
    # Jokowi and Prabowo fused into one predicted entity: each of the three items
    # has 3 items in its predicted cluster, of which 2, 2 and 1 share its gold cluster.
    items = [("Joko Widodo", "e1"), ("Joko Widodo", "e1"), ("Prabowo Subianto", "e1")]
    result = b_cubed(items)
    assert result["recall"] == 1.0
    assert result["precision"] == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4)


def test_a_quote_matches_by_overlap_and_its_speaker_by_identity():
    gold = [{"start": 10, "end": 50, "text": "pemerintah akan menambah kuota", "kind": "indirect",
             "speaker": "PER:Sri Wahyuni"}]
    predicted = [{"start": 5, "end": 50, "text": "bahwa pemerintah akan menambah kuota", "kind": "indirect",
                  "speaker": "PER:Budi"}]
    result = score_quotes([(gold, predicted)])
    assert result["extent"]["recall"] == 1.0
    assert result["speaker_accuracy"] == 0.0
    assert result["recall_by_kind"]["indirect"]["found"] == 1


def test_a_held_out_result_keeps_its_figures_and_loses_every_quoted_text():
    gold = [{"start": 0, "end": 30, "text": "harga beras akan turun bulan depan", "kind": "indirect",
             "speaker": "PER:Sri Wahyuni"}]
    predicted = [{**gold[0], "speaker": "PER:Budi"}]
    result = {"part": "held-out", "quotes": score_quotes([(gold, predicted)])}
    assert result["quotes"]["speaker_errors"], "the dev listing names the wrong speaker"
    shown = _without_texts(result)
    assert "harga beras" not in json.dumps(shown)
    assert shown["quotes"]["speaker_accuracy"] == 0.0


def test_an_event_counts_only_in_its_own_sentence_and_symmetric_types_ignore_order():
    gold = [{"type": "CONSULT", "sentence": 0, "source": "PER:A", "target": "PER:B", "date": "2017-03-27"}]
    swapped = [{"type": "CONSULT", "sentence": 0, "source": "PER:B", "target": "PER:A", "date": "2017-03-27",
                "date_source": "text"}]
    elsewhere = [{**swapped[0], "sentence": 99}]
    assert score_events([(gold, swapped, "2017-03-28")])["type+actors+date"]["recall"] == 1.0
    assert score_events([(gold, elsewhere, "2017-03-28")])["type"]["recall"] == 0.0


def test_an_unnamed_group_is_no_actor_and_a_named_one_keeps_its_name():
    """`Massa melempari aparat`: the real-text gold gives no source where the text names nobody."""
    from warta.model import Actor

    assert _actor_key(Actor("massa"), {}) is None
    assert _actor_key(Actor("militan taliban"), {}) is None
    assert _actor_key(Actor("Kepolisian Negara Republik Indonesia"), {}) == "?Kepolisian Negara Republik Indonesia"
    assert _actor_key(Actor("polisi", entity_id="org:polri"), {"org:polri": "ORG:Polri"}) == "ORG:Polri"


def test_a_date_that_fell_back_to_publication_matches_only_a_gold_publication_date():
    gold = [{"type": "COERCE", "sentence": 0, "source": "ORG:KPK", "target": "PER:X", "date": "2017-03-27"}]
    fallback = [{"type": "COERCE", "sentence": 0, "source": "ORG:KPK", "target": "PER:X", "date": "2017-03-28",
                 "date_source": "published"}]
    assert score_events([(gold, fallback, "2017-03-28")])["type+actors+date"]["recall"] == 0.0


def test_validation_names_the_record_and_the_problem():
    text = "(tanpa judul)\n\nKetua MPR Zulkifli Hasan menyesalkan kisruh itu."
    data = {"entities": [{"text": "Zulkifli Hasan", "label": "PER", "key": "Zulkifli"}]}
    problems = validate(data, text)
    assert problems == ["entities[0] 'Zulkifli Hasan': key 'Zulkifli' is not a key like 'PER:Full Name'"]
    assert data["entities"][0]["start"] == text.index("Zulkifli")


def test_validation_rejects_an_annotation_in_the_placeholder_title():
    text = "(tanpa judul)\n\nKPK menahan Bupati Klaten."
    problems = validate({"entities": [{"text": "judul", "label": "ORG", "key": "ORG:Judul"}]}, text)
    assert any("placeholder title" in p for p in problems)


# -- our own headline cases -----------------------------------------------------------

HEADLINES = GOLD / "headlines.jsonl"


@pytest.mark.skipif(not HEADLINES.exists(), reason=f"{HEADLINES} not written yet")
def test_headline_cases_are_valid_and_enough():
    assert check_headlines(HEADLINES) == []
    cases = read_headlines(HEADLINES)
    assert len(cases) >= 40
    assert sum(1 for c in cases if c["quotes"]) >= 25, "most cases should carry a headline attribution"
    assert all(date.fromisoformat(c["published"]) for c in cases)


# -- the real articles ------------------------------------------------------------------

@requires_shared(CORPUS)
def test_every_annotation_file_is_valid_against_its_article():
    golds = load_gold(GOLD, "all", CORPUS)  # raises, naming the file and record, on any problem
    index = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))["articles"]
    assert {g.article.external_id for g in golds} == {a["id"] for a in index}, "an article is not annotated"


@requires_shared(CORPUS)
def test_the_gold_is_as_large_as_promised():
    golds = load_gold(GOLD, "all", CORPUS)
    total = {layer: sum(len(g.records[layer]) for g in golds) for layer in ("entities", "quotes", "times", "events")}
    assert len(golds) >= 80
    assert total["entities"] >= 1500 and total["quotes"] >= 400
    assert total["times"] >= 300 and total["events"] >= 250
    parts = {g.part for g in golds}
    assert parts == {"dev", "held-out"}


EXTRA = ROOT / "training" / "ner" / "extra"


@requires_shared(CORPUS)
def test_the_extra_event_index_lists_every_article_whose_events_are_annotated():
    import sys

    sys.path.insert(0, str(ROOT / "training" / "ner"))
    import extra_index

    written = json.loads((EXTRA / "articles.json").read_text(encoding="utf-8"))
    assert written == extra_index.index(), "run python training/ner/extra_index.py"
    assert len(written["articles"]) >= 80


@requires_shared(CORPUS)
def test_every_extra_annotation_file_is_valid_against_its_article():
    golds = load_gold(EXTRA, "all", CORPUS)  # the event-annotated ones, through the index
    assert sum(len(g.records["events"]) for g in golds) >= 2_000
    assert {g.part for g in golds} == {"dev", "held-out", "train"}
    assert sum(g.part == "held-out" for g in golds) == 80  # the held-out part never grows by re-indexing


@pytest.fixture(scope="module")
def measured() -> dict:
    return evaluate_parts(GOLD, CORPUS)


@requires_shared(CORPUS)
@pytest.mark.parametrize("part", ["held-out", "dev", "headlines"])
def test_no_figure_drops_below_the_recorded_one(measured, part):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))[part]
    now = measured[part]
    if part != "headlines":
        assert set(recorded) == set(GATED)
    dropped = {name: (recorded[name], round(now[name], 4)) for name in recorded
               if now[name] < recorded[name] - TOLERANCE}
    assert not dropped, f"{part}: figures below the recorded ones (recorded, now): {dropped}"


def test_the_real_gold_leaves_out_what_its_guidelines_call_no_event():
    from warta.gold.score import NOT_GOLD_MODALITIES

    # docs/annotation.md, "Not events": the content of a request and acts that neither happened nor were meant to
    assert {"requested", "hypothetical"} <= NOT_GOLD_MODALITIES
    assert not {"asserted", "intended", "negated", "reported"} & NOT_GOLD_MODALITIES
