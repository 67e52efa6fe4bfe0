"""The article-pair gold for copies and stories: the file is sound, variants
regenerate as their recipe says, the scorer counts what it should, and
warta's figures on the dev and held-out parts do not drop.

The labels are ours (tests/gold/stories/pairs.jsonl, guidelines in
docs/annotation-stories.md); the texts are IndoSum's and stay in
../shared/data, so the tests that need them skip, naming the path, when it
is absent.
"""

from __future__ import annotations

from collections import Counter

from conftest import ROOT, SHARED, requires_shared
from warta.gold.stories import (
    EDITS,
    LABELS,
    Pair,
    evaluate,
    part,
    part_of,
    precision_recall,
    read_corpus,
    read_pairs,
    validate,
    variant_text,
)

GOLD = ROOT / "tests" / "gold" / "stories" / "pairs.jsonl"
CORPUS = SHARED / "data" / "corpus" / "indosum-dev" / "articles.jsonl"

#: The figures warta reached when the threshold and cut-offs were fixed (dev)
#: and on the held-out part after that; a drop below them fails. One held-out
#: same-story pair of CNN Indonesia articles reusing half their text (exact
#: Jaccard 0.38) sits at the 0.40 copy threshold: its MinHash estimate fell
#: above it with the first shingle hashing (copy precision 0.9688) and below
#: it with the final one (1.0), so the gate allows that one pair
#: (docs/stories.md).
GATES = {
    "dev": {"copy": (1.0, 1.0), "story": (0.9265, 0.863)},
    "heldout": {"copy": (0.9688, 1.0), "story": (0.9524, 0.8163)},
}

ARTICLE = ("Jakarta (ANTARA News) - Banjir merendam 1.200 rumah di Kabupaten Cianjur, Jawa Barat, pada Rabu malam.\n\n"
           "\"Kami mengerahkan 150 personel,\" kata Kepala BPBD Cianjur Asep Suryana.\n\n"
           "Para pengungsi ditampung di gedung sekolah dan masjid terdekat.\n\n"
           "Hujan diperkirakan masih turun hingga akhir pekan.")


# -- the file ---------------------------------------------------------------------

def test_the_gold_file_is_sound_and_large_enough():
    pairs = read_pairs(GOLD)
    assert validate(pairs) == []
    assert len(pairs) >= 300
    labels = Counter(pair.label for pair in pairs)
    assert set(labels) == set(LABELS) and min(labels.values()) >= 40


def test_the_validator_names_what_is_wrong():
    pairs = [Pair("x", "x", "copy"), Pair("a", "b", "duplicate"), Pair("a", "b", "copy"),
             Pair("a", {"variant_of": "a", "seed": 1, "recipe": ["translate"]}, "copy")]
    problems = validate(pairs, corpus_ids={"a", "b"})
    assert any("paired with itself" in p for p in problems)
    assert any("'duplicate' is not one of" in p for p in problems)
    assert any("listed twice" in p for p in problems)
    assert any("unknown edits ['translate']" in p for p in problems)
    assert any("x is not in the corpus" in p for p in problems)


def test_the_split_is_fixed_by_the_pair_and_near_sixty_forty():
    pairs = read_pairs(GOLD)
    assert part_of("a|b") == part_of("a|b")
    dev, heldout = part(pairs, "dev"), part(pairs, "heldout")
    assert len(dev) + len(heldout) == len(pairs)
    assert 0.5 < len(dev) / len(pairs) < 0.7
    for label in LABELS:
        assert any(p.label == label for p in heldout)


@requires_shared(CORPUS)
def test_every_article_of_the_gold_is_in_the_corpus():
    assert validate(read_pairs(GOLD), corpus_ids=set(read_corpus(CORPUS))) == []


# -- the light edits ------------------------------------------------------------------

def test_a_new_dateline_replaces_the_old_one():
    edited = variant_text(ARTICLE, 3, ["dateline"])
    assert not edited.startswith("Jakarta (ANTARA News)")
    assert "Banjir merendam 1.200 rumah" in edited.split("\n\n")[0][:60]


def test_a_byline_is_added_as_a_last_line():
    edited = variant_text(ARTICLE, 3, ["byline"]).split("\n\n")
    assert edited[:-1] == ARTICLE.split("\n\n") and len(edited[-1]) < 30


def test_dropping_a_paragraph_keeps_the_lead():
    edited = variant_text(ARTICLE, 3, ["drop_paragraph"]).split("\n\n")
    assert len(edited) == 3 and edited[0] == ARTICLE.split("\n\n")[0]


def test_reordering_swaps_two_paragraphs_after_the_lead():
    original, edited = ARTICLE.split("\n\n"), variant_text(ARTICLE, 3, ["reorder"]).split("\n\n")
    assert sorted(edited) == sorted(original) and edited != original and edited[0] == original[0]


def test_word_edits_change_a_few_words_only():
    original, edited = ARTICLE.split(), variant_text(ARTICLE, 3, ["word_edits"]).split()
    assert edited != original
    assert 0 < sum((Counter(original) - Counter(edited)).values()) <= 4


def test_a_variant_is_regenerated_identically_from_its_seed_and_recipe():
    recipe = sorted(EDITS)
    assert variant_text(ARTICLE, 11, recipe) == variant_text(ARTICLE, 11, recipe)
    assert variant_text(ARTICLE, 11, recipe) != variant_text(ARTICLE, 12, recipe)


# -- the scorer ---------------------------------------------------------------------------

def _record(text: str) -> dict:
    return {"text": text, "url": "", "approx_date_from_id_epoch": "2017-10-23T08:00:00Z"}


def test_the_scorer_counts_copies_and_stories_by_hand():
    corpus = {"a": _record(ARTICLE), "b": _record("Lain."), "c": _record("Lain lagi."), "d": _record("Beda.")}
    pairs = [Pair("a", {"variant_of": "a", "seed": 1, "recipe": ["byline"]}, "copy"),
             Pair("a", "b", "same_story"), Pair("a", "c", "same_story"), Pair("b", "d", "unrelated")]
    answers = {"b": "same_story", "c": "unrelated", "d": "copy"}

    def predict(first, second):
        return answers.get(second.id, "copy")

    result = precision_recall(pairs, predict, corpus)
    # copy: predicted for the variant (right) and for b-d (wrong); one gold copy.
    assert result["copy"] == {"precision": 0.5, "recall": 1.0, "tp": 1, "fp": 1, "fn": 0}
    # story: positives are the copy and two same_story pairs; a-c is missed, b-d is wrong.
    assert result["story"] == {"precision": round(2 / 3, 4), "recall": round(2 / 3, 4), "tp": 2, "fp": 1, "fn": 1}
    assert len(result["errors"]) == 2


# -- warta on the gold ------------------------------------------------------------------

def _check(name: str) -> dict:
    result = evaluate(GOLD, CORPUS, name)
    for level, (precision, recall) in GATES[name].items():
        assert result[level]["precision"] >= precision, (level, result[level], result["errors"])
        assert result[level]["recall"] >= recall, (level, result[level], result["errors"])
    return result


@requires_shared(CORPUS)
def test_warta_on_the_dev_pairs():
    _check("dev")


@requires_shared(CORPUS)
def test_warta_on_the_held_out_pairs():
    _check("heldout")


def test_the_dev_gates_meet_the_targets():
    gates = GATES["dev"]
    assert gates["copy"][0] >= 0.98 and gates["copy"][1] >= 0.95
    assert gates["story"][0] >= 0.90 and gates["story"][1] >= 0.80
