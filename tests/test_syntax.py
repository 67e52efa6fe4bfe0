"""The tagger and dependency parser shipped in models/parser, inside warta's pipeline."""

from __future__ import annotations

import json

import pytest

import warta.nlp
from warta.nlp.syntax import PARSER_MODEL


@pytest.fixture(scope="module")
def nlp():
    return warta.nlp.load()


def test_the_parser_runs_after_the_sentence_splitter_and_before_the_entities(nlp):
    names = nlp.pipe_names
    assert names.index("warta_sentences") < names.index("tok2vec") < names.index("morphologizer") \
        < names.index("parser") < names.index("ner")


def test_every_token_gets_a_part_of_speech_a_head_and_a_relation(nlp):
    doc = nlp("Polisi menangkap tiga tersangka di Jakarta.")
    assert all(t.pos_ and t.dep_ for t in doc)
    verb = doc[1]
    assert verb.pos_ == "VERB" and verb.dep_ == "ROOT"
    assert {(c.text, c.dep_) for c in verb.children} >= {("Polisi", "nsubj"), ("tersangka", "obj")}


def test_the_parser_keeps_wartas_sentence_boundaries(nlp):
    text = ("Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Bogor, Senin (12/2). Keduanya membahas "
            "perbatasan. \"Kami sepakat,\" kata Jokowi. Pertemuan berlangsung dua jam")
    without = warta.nlp.load()
    for name in ("parser", "morphologizer", "tok2vec"):
        without.remove_pipe(name)
    assert [s.start for s in nlp(text).sents] == [s.start for s in without(text).sents]


def test_the_model_is_small_and_says_how_well_it_parses():
    size = sum(p.stat().st_size for p in PARSER_MODEL.rglob("*") if p.is_file())
    assert size < 20e6
    scores = json.loads((PARSER_MODEL / "meta.json").read_text())["warta_eval"]
    assert scores["upos_acc"] > 0.9 and scores["las"] > 0.7 and scores["uas"] > scores["las"]
