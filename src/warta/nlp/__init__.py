"""warta's Indonesian NLP pipeline: a spaCy `Language` built on `spacy.blank("id")`.

    import warta.nlp
    nlp = warta.nlp.load()
    doc = nlp("Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Beijing.")
    [(e.text, e.label_, e._.role) for e in doc.ents]

Components (each registered with spaCy, so it can be removed, replaced or
reordered like any other): `warta_sentences` (sentence boundaries), `ner`
(the statistical model shipped in `models/ner`), `warta_entities`
(gazetteers, roles, stop list, document consistency, canonical names),
`warta_quotes` (quotes and speakers), `warta_times` (time expressions
normalised against the publication date), `warta_counts` (numbers and what
they count).
`warta.nlp.analyze()` turns an Article into an Analysis.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config

from warta.nlp import counts as _counts  # noqa: F401  (registers warta_counts)
from warta.nlp import entities as _entities  # noqa: F401  (registers warta_entities)
from warta.nlp import events as _events  # noqa: F401  (registers warta_events)
from warta.nlp import places as _places  # noqa: F401  (registers warta_places)
from warta.nlp import quotes as _quotes  # noqa: F401  (registers warta_quotes)
from warta.nlp import sentences as _sentences  # noqa: F401  (registers warta_sentences)
from warta.nlp import syntax as _syntax  # tagger and dependency parser (models/parser)
from warta.nlp import serialization as _serialization  # noqa: F401  (Docs with warta objects cross processes)
from warta.nlp import timex as _timex  # noqa: F401  (registers warta_times and Doc._.published)
from warta.nlp import tokenizer as _tokenizer  # noqa: F401  (registers warta.Tokenizer.v1)

NER_MODEL = Path(__file__).parent / "models" / "ner"

__all__ = ["load", "load_cached", "NER_MODEL"]


def ner_model_path() -> Path:
    """The shipped model, or another one named by WARTA_NER_MODEL (a spaCy pipeline folder)."""
    return Path(os.environ.get("WARTA_NER_MODEL") or NER_MODEL)


def load(ner: bool = True) -> Language:
    """A fresh pipeline. `ner=False` leaves out the statistical model."""
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "warta.Tokenizer.v1"}}})
    nlp.add_pipe("warta_sentences")
    _syntax.add_parser(nlp)
    model = ner_model_path()
    if ner and (model / "meta.json").exists():
        _add_trained(nlp, model)
    nlp.add_pipe("warta_entities")
    nlp.add_pipe("warta_places")
    for name in ("warta_quotes", "warta_times", "warta_counts", "warta_events"):
        nlp.add_pipe(name)
    return nlp


def _add_trained(nlp: Language, model: Path) -> None:
    """Add the trained components of the spaCy pipeline folder `model`.

    The shipped model is a single self-contained `ner`: it is built from its
    config and its weights read straight into `nlp`. Going through
    `spacy.load` would first build a second Indonesian tokenizer with its
    32,000 exception entries, which took 3 of the 4.5 seconds `warta analyze`
    needed to start. Any other pipeline folder is loaded and sourced whole.
    """
    config = load_config(model / "config.cfg", interpolate=True)
    names = list(config["nlp"]["pipeline"])
    if names == ["ner"]:
        settings = {k: v for k, v in config["components"]["ner"].items() if k != "factory"}
        nlp.add_pipe("ner", config=settings).from_disk(model / "ner", exclude=["vocab"])
        return
    trained = spacy.load(model, exclude=["tokenizer"])
    for name in trained.pipe_names:
        nlp.add_pipe(name, source=trained)


@cache
def load_cached() -> Language:
    """One shared pipeline per process (loading takes a second)."""
    return load()
