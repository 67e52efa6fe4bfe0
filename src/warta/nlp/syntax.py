"""Indonesian syntax: the tagger (UPOS) and dependency parser shipped in `models/parser`.

Event actors are found by grammatical role (subject, object, agent of a
passive, oblique after a preposition), so the pipeline parses every sentence.
The model (`models/parser`, trained by `training/parser/train.py` on the
Universal Dependencies treebanks, see docs/parser.md) is three spaCy
components sharing one small CNN `tok2vec`: `tok2vec`, `morphologizer`
(`token.pos_`) and `parser` (`token.dep_`, `token.head`). `config.cfg` adds
them as the `syntax` entry (`source = "models/parser"`) after
`warta_sentences`, and they keep its boundaries: spaCy's parser never moves a
sentence start that is already set, and warta sets every token's.
`WARTA_PARSER_MODEL` names another folder.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

PARSER_MODEL = Path(__file__).parent / "models" / "parser"


def add_parser(nlp: Language, model: Path = PARSER_MODEL) -> bool:
    """Add the tagger and parser of `model` at the end of `nlp` (for evaluating a model alone).

    False when the model is missing (a source checkout without it still runs, without syntax).
    """
    from warta.nlp import _add_trained

    if not (model / "config.cfg").exists():
        return False
    _add_trained(nlp, model)
    return True
