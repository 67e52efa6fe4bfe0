"""Indonesian syntax: the tagger (UPOS) and dependency parser shipped in `models/parser`.

Event actors are found by grammatical role (subject, object, agent of a
passive, oblique after a preposition), so the pipeline parses every sentence.
The model (`models/parser`, trained by `training/parser/train.py` on the
Universal Dependencies treebanks, see docs/parser.md) is three spaCy
components sharing one small CNN `tok2vec`: `tok2vec`, `morphologizer`
(`token.pos_`) and `parser` (`token.dep_`, `token.head`). They go after
`warta_sentences` and keep its boundaries: spaCy's parser never moves a
sentence start that is already set, and warta sets every token's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from spacy.language import Language
from spacy.pipeline import Tok2Vec, TrainablePipe
from spacy.util import load_config

PARSER_MODEL = Path(__file__).parent / "models" / "parser"
#: The model's components, in pipeline order.
COMPONENTS = ("tok2vec", "morphologizer", "parser")


def parser_model_path() -> Path:
    """The shipped model, or another one named by WARTA_PARSER_MODEL (a folder like models/parser)."""
    return Path(os.environ.get("WARTA_PARSER_MODEL") or PARSER_MODEL)


def add_parser(nlp: Language, model: Path | None = None) -> bool:
    """Add the tagger and parser to `nlp` after `warta_sentences` (or at the end).

    The components are built from the model's config and their weights read
    straight into `nlp`: `spacy.load` would first build a second Indonesian
    tokenizer, which costs seconds at start-up. The tagger and parser listen
    to the one `tok2vec`, so it runs once per document. False when the model
    is missing (a source checkout without it still runs, without syntax).
    """
    folder = model or parser_model_path()
    if not (folder / "config.cfg").exists():
        return False
    config = load_config(folder / "config.cfg", interpolate=True)
    previous = "warta_sentences" if "warta_sentences" in nlp.pipe_names else None
    for name in COMPONENTS:
        settings = {k: v for k, v in config["components"][name].items() if k != "factory"}
        component = nlp.add_pipe(config["components"][name]["factory"], name=name, config=settings, after=previous)
        cast(TrainablePipe, component).from_disk(folder / name, exclude=["vocab"])
        previous = name
    tok2vec = cast(Tok2Vec, nlp.get_pipe("tok2vec"))
    for name in COMPONENTS[1:]:
        tok2vec.find_listeners(nlp.get_pipe(name))
    return True
