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


SPACED = "Sidang perkara itu di Pengadilan Negeri (PN)   Jakarta Pusat ditunda oleh   hakim. Polisi menangkap tiga tersangka."


def _words(doc):
    """Each word's text, tag, relation and head word (by position among the words), whitespace left out."""
    position = {t.i: n for n, t in enumerate(t for t in doc if not t.is_space)}
    return [(t.text, t.pos_, t.dep_, position[t.head.i]) for t in doc if not t.is_space]


def test_a_run_of_spaces_parses_like_a_single_space(nlp):
    spaced = nlp(SPACED)
    single = nlp(" ".join(SPACED.split()))
    assert any(t.is_space for t in spaced)
    assert _words(spaced) == _words(single)
    assert [s.text.split() for s in spaced.sents] == [s.text.split() for s in single.sents]


def test_whitespace_tokens_are_no_words_in_the_parse(nlp):
    doc = nlp("  \n\nPolisi menangkap tiga tersangka.\n\nMereka   ditahan di Polres   Bogor.  ")
    for token in doc:
        if token.is_space:
            assert (token.pos_, token.dep_) == ("SPACE", "dep")
            assert token.head.sent == token.sent
            assert not token.head.is_space or token.head == token
        else:
            assert not token.head.is_space and token.pos_ != "SPACE"
    assert doc[0].head == doc[0]  # a paragraph break ends a sentence: this one has no word
    assert nlp("  Polisi menangkap dia.")[0].head.text == "Polisi"  # whitespace opening a sentence
    gap = next(t for t in doc if t.text == "  ")
    assert gap.head == doc[gap.i - 1]
    assert [(t.pos_, t.dep_) for t in nlp("   ")] == [("SPACE", "dep")]


@pytest.mark.parametrize("text", [SPACED, "  \n\n" + SPACED + "\n\n   Keduanya   ditahan.  \n"])
def test_skipping_whitespace_keeps_wartas_sentence_boundaries(nlp, text):
    without = warta.nlp.load()
    for name in ("parser", "morphologizer", "tok2vec"):
        without.remove_pipe(name)
    assert [s.start for s in nlp(text).sents] == [s.start for s in without(text).sents]
