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
`WARTA_PARSER_MODEL` names another folder. The three see the sentences
without their whitespace tokens: `warta_skip_spaces` and
`warta_restore_spaces` (below) stand on either side of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import numpy
from spacy.attrs import DEP, HEAD, MORPH, NORM, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import SPACE
from spacy.tokens import Doc
from thinc.types import Ints2d

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


# Whitespace tokens and the parse
# -------------------------------
# Scraped news has runs of spaces inside sentences (`(PN)   Jakarta Pusat`)
# and every paragraph break is a whitespace token. spaCy 3 gives whitespace
# no special treatment in the tagger or parser (only the NER refuses to start
# an entity on one), and the treebanks the model learnt from have none, so a
# run of spaces became a word with a role (`nsubj:pass`) that the event actor
# rules then read. `warta_skip_spaces` hands the syntax components a Doc of
# the non-space tokens only (same words, same sentence starts);
# `warta_restore_spaces` copies their POS, morphology, heads, relations and
# token vectors back to the original Doc by index and returns it, so every
# later component sees the full text again. A whitespace token gets POS
# `SPACE`, relation `dep` and, as in spaCy's own English models, the previous
# word of its sentence as head (the next word when it opens the sentence;
# itself when the sentence has no word), so no tree crosses a sentence
# boundary and `warta_sentences`' boundaries stay where they are.

#: Key, in the compact Doc's `user_data`, of the original Doc and the indices of its words.
_ORIGINAL = "warta_spaces_original"
SPACE_DEP = "dep"


@Language.component("warta_skip_spaces", requires=["token.is_sent_start"])
def skip_spaces(doc: Doc) -> Doc:
    """The Doc without its whitespace tokens, for the syntax components (the Doc itself if it has none).

    A Doc of whitespace only becomes an empty Doc: its tokens are no words either.
    """
    keep = [token.i for token in doc if not token.is_space]
    if len(keep) == len(doc):
        return doc
    sent_starts = doc.to_array(SENT_START).view(numpy.int64)
    starts: list[bool | int | None] = []
    opened = False
    for token in doc:
        # A sentence opened by whitespace starts at its first word.
        opened = opened or sent_starts[token.i] == 1
        if not token.is_space:
            starts.append(1 if opened else -1)
            opened = False
    spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space) for i in keep]
    compact = Doc(doc.vocab, words=[doc[i].text for i in keep], spaces=spaces,
                  sent_starts=starts)
    # Tokenizer exceptions can give a token a norm of its own; the tagger reads NORM.
    compact.from_array([NORM], cast(Ints2d, doc.to_array([NORM])[keep]))
    compact.user_data[_ORIGINAL] = (doc, keep)
    return compact


@Language.component("warta_restore_spaces", assigns=["token.pos", "token.morph", "token.dep", "token.head"])
def restore_spaces(compact: Doc) -> Doc:
    """The original Doc of a `warta_skip_spaces` Doc, with the compact Doc's syntax copied onto its tokens."""
    original = compact.user_data.pop(_ORIGINAL, None)
    if original is None:
        return compact
    doc, keep = original
    index = numpy.asarray(keep, dtype=numpy.int64)
    words = numpy.zeros(len(doc), dtype=bool)
    words[index] = True
    attrs = [POS, MORPH]
    values = numpy.zeros((len(doc), len(attrs)), dtype=numpy.uint64)
    values[:, 0] = SPACE
    values[index] = compact.to_array(attrs)
    doc.from_array(attrs, values)
    if compact.has_annotation("DEP") or not len(compact):
        heads = _space_heads(doc, words)
        compact_heads = compact.to_array([HEAD]).view(numpy.int64).reshape(-1) + numpy.arange(len(keep))
        heads[index] = index[compact_heads]
        deps = numpy.full(len(doc), doc.vocab.strings.add(SPACE_DEP), dtype=numpy.uint64)
        deps[index] = compact.to_array([DEP]).reshape(-1)
        relative = (heads - numpy.arange(len(doc))).astype(numpy.uint64)
        doc.from_array([HEAD, DEP], numpy.stack([relative, deps], axis=1))
    if compact.tensor is not None and len(compact.tensor):
        tensor = numpy.zeros((len(doc), compact.tensor.shape[1]), dtype=compact.tensor.dtype)
        tensor[index] = compact.tensor
        doc.tensor = tensor
    return doc


def _space_heads(doc: Doc, words: numpy.ndarray) -> numpy.ndarray:
    """Absolute heads for the whitespace tokens (the words' entries are overwritten by the caller)."""
    heads = numpy.arange(len(doc), dtype=numpy.int64)
    for sentence in doc.sents:
        last_word = -1
        pending: list[int] = []
        for i in range(sentence.start, sentence.end):
            if words[i]:
                if last_word < 0:
                    heads[pending] = i  # whitespace opening the sentence leans on its first word
                    pending = []
                last_word = i
            elif last_word >= 0:
                heads[i] = last_word
            else:
                pending.append(i)
    return heads
