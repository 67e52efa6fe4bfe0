"""The in-domain NER training data (training/ner/gold_data.py) reads the real-text gold's dev part and
the extra articles only (never the held-out part), and turns their mentions into token tags without
losing or moving any."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from warta.gold.corpus import default_corpus_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training" / "ner"))

import gold_data  # noqa: E402

INDEX = json.loads((gold_data.GOLD_DIR / "articles.json").read_text(encoding="utf-8"))["articles"]
needs_corpus = pytest.mark.skipif(not default_corpus_path().exists(), reason="needs ../shared/data/corpus")


def test_dev_ids_are_the_dev_part_only():
    ids = gold_data.dev_ids()
    assert set(ids) == {a["id"] for a in INDEX if a["part"] == "dev"}
    assert not set(ids) & {a["id"] for a in INDEX if a["part"] != "dev"}


def test_a_held_out_article_is_refused_before_its_file_is_opened():
    held_out = next(a["id"] for a in INDEX if a["part"] == "held-out")
    with pytest.raises(ValueError, match="is a held-out article"):
        gold_data.read_annotations([held_out])


def test_a_held_out_article_copied_among_the_extra_ones_is_refused(tmp_path):
    held_out = next(a["id"] for a in INDEX if a["part"] == "held-out")
    (tmp_path / f"{held_out}.json").write_text(json.dumps({"article": held_out, "entities": []}))
    with pytest.raises(ValueError, match="is a held-out article"):
        gold_data.read_annotations([held_out], extra_dir=tmp_path)


def test_the_extra_articles_are_outside_the_gold_and_drawn_as_documented():
    extra = gold_data.extra_ids()
    assert len(extra) >= 160
    assert not set(extra) & {a["id"] for a in INDEX}
    if default_corpus_path().exists():
        import extra_sample

        assert set(extra) <= set(extra_sample.sample(len(extra)))


def test_the_extra_articles_folded_for_entities_are_the_80_of_the_events_dev_part():
    folded = gold_data.extra_dev_ids()
    assert len(folded) == 80
    assert set(folded) < set(gold_data.extra_ids())


def test_folds_partition_the_articles():
    ids = gold_data.dev_ids()
    parts = gold_data.folds(ids, 4, seed=0)
    assert sorted(x for p in parts for x in p) == sorted(ids)
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert parts == gold_data.folds(list(reversed(ids)), 4, seed=0)


@needs_corpus
def test_every_mention_becomes_one_tagged_span_with_its_text():
    article_id = "1473969616-kejaksaan-agung-meminta-filipina-selesaikan-kasus-"
    gold = gold_data.read_annotations([article_id])[article_id]["entities"]
    stats: Counter = Counter()
    sents = gold_data.sentences([article_id], stats)
    found = []
    for words, spaces, tags in sents:
        assert len(words) == len(spaces) == len(tags)
        text = "".join(w + (" " if s else "") for w, s in zip(words, spaces))
        offsets, at = [], 0
        for w, s in zip(words, spaces):
            offsets.append(at)
            at += len(w) + (1 if s else 0)
        i = 0
        while i < len(tags):
            if tags[i].startswith("B-"):
                j = i + 1
                while j < len(tags) and tags[j] == "I-" + tags[i][2:]:
                    j += 1
                found.append((text[offsets[i]:offsets[j - 1] + len(words[j - 1])], tags[i][2:]))
                i = j
            else:
                assert not tags[i].startswith("I-")
                i += 1
    label = {"GPE": "LOC"}
    assert Counter((t, label.get(lab, lab)) for t, lab in found) == Counter((m["text"], m["label"]) for m in gold)
    assert stats["mentions"] == len(gold) and not stats["mentions_skipped"]
    # `Filipina` asked to act is a state in its political role: GPE for the model, LOC for the gold
    assert ("Filipina", "GPE") in found
