"""Sentence boundaries for Indonesian news.

Rules, in order:
- a paragraph break (a whitespace token holding a newline) always ends a
  sentence: headline, caption and paragraphs never run together;
- `.`, `!`, `?` or `…`, with any closing quotes or brackets after it, ends a
  sentence only if the next word starts like a sentence (capital letter,
  digit, opening quote or bracket). So `"Kami menunggu Anda. Datanglah." kata
  Putin.` is one sentence: the quote is what Putin said, `kata Putin` belongs
  to it;
- inside a quotation that closes within the same paragraph there is no
  break: `"Kami menunggu Anda. Datanglah."` is one sentence, so a quote and
  its speaker stay in one evidence sentence. A quotation left open at the end
  of a paragraph (it continues in the next one) does not get this treatment;
- abbreviations (`Dr.`, `Jl.`, `dll.`) are single tokens from the tokenizer
  and never end a sentence.

This is warta's one definition of a sentence. Components read it from the
Doc (`doc.sents`, `token.sent`, or :class:`SentenceBounds` for character
offsets); code that works on plain text without a Doc (`find_times(text)`,
`find_counts(text)`) gets the same bounds from :meth:`SentenceBounds.of_text`,
which runs this segmentation on the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import cast

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from warta.nlp import tokenizer as _tokenizer  # noqa: F401  (registers warta.Tokenizer.v1)

FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSING = {'"', "”", "’", "'", ")", "]", "»"}
OPENING = {'"', "“", "‘", "'", "(", "[", "«"}


class SentenceBounds:
    """Character offsets of a text's sentences, for code that works on offsets.

    `start(pos)`/`end(pos)` give the bounds of the sentence holding the
    character at `pos` (a position in the space between two sentences belongs
    to the one before it).
    """

    def __init__(self, bounds: Sequence[tuple[int, int]]):
        self._starts = [start for start, _ in bounds]
        self._ends = [end for _, end in bounds]

    @classmethod
    def of_doc(cls, doc: Doc) -> SentenceBounds:
        """The sentences `warta_sentences` set on `doc`."""
        return cls([(sentence.start_char, sentence.end_char) for sentence in doc.sents] if len(doc) else [])

    @classmethod
    def of_text(cls, text: str) -> SentenceBounds:
        """The sentences of plain `text`, segmented exactly as the pipeline does."""
        return cls.of_doc(_segmenter()(text))

    def _index(self, pos: int) -> int:
        return bisect_right(self._starts, pos) - 1

    def start(self, pos: int) -> int:
        index = self._index(pos)
        return self._starts[index] if index >= 0 else 0

    def end(self, pos: int) -> int:
        """End of the sentence holding the character before `pos` (`pos` is an exclusive end)."""
        index = self._index(max(pos - 1, 0))
        return self._ends[index] if index >= 0 else pos


@cache
def _segmenter() -> Language:
    """The pipeline's tokenizer and `warta_sentences`, nothing else."""
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "warta.Tokenizer.v1"}}})
    nlp.add_pipe("warta_sentences")
    return nlp


@Language.component("warta_sentences", assigns=["token.is_sent_start", "doc.sents"])
def set_sentences(doc: Doc) -> Doc:
    length = len(doc)
    if not length:
        return doc
    starts = [False] * length
    starts[0] = True
    quoted = _inside_balanced_quotes(doc)
    i = 0
    while i < length:
        token = doc[i]
        if token.is_space and "\n" in token.text:
            if i + 1 < length:
                starts[i + 1] = True
        elif (token.text in CLOSING and i > 0 and quoted[i - 1] and doc[i - 1].text in FINAL
              and i + 1 < length and _starts_sentence(doc[i + 1].text)):
            starts[i + 1] = True  # "Ya." Ia pergi.
        elif token.text in FINAL and not quoted[i]:
            j = i + 1
            while j < length and doc[j].text in CLOSING and not _opens_quote(doc, j):
                j += 1
            while j < length and doc[j].is_space and "\n" not in doc[j].text:
                j += 1
            if j < length and _starts_sentence(doc[j].text):
                starts[j] = True
            i = j - 1
        i += 1
    # All boundaries in one write: assigning `token.is_sent_start` token by
    # token makes spaCy check the whole Doc for a parse each time, which made
    # this component quadratic in the length of the article.
    values = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype(numpy.int64).view(numpy.uint64)
    doc.from_array([SENT_START], cast(Ints2d, values.reshape(-1, 1)))
    return doc


def _inside_balanced_quotes(doc: Doc) -> list[bool]:
    """Per token: inside a double quotation that closes in the same paragraph."""
    inside = [False] * len(doc)
    paragraph: list[int] = []

    def close_paragraph() -> None:
        opened = None
        for index in paragraph:
            text = doc[index].text
            if opened is None and (text == "“" or text == '"'):
                opened = index
            elif opened is not None and (text == "”" or text == '"'):
                for k in range(opened + 1, index):
                    inside[k] = True
                opened = None
        paragraph.clear()

    for index, token in enumerate(doc):
        if token.is_space and "\n" in token.text:
            close_paragraph()
        elif token.text in {'"', "“", "”"}:
            paragraph.append(index)
    close_paragraph()
    return inside


def _opens_quote(doc: Doc, i: int) -> bool:
    """A straight quote right after sentence punctuation closes a quote unless
    whitespace precedes it and a word follows it directly."""
    token = doc[i]
    if token.text not in {'"', "'"}:
        return False
    previous = doc[i - 1]
    return bool(previous.whitespace_) and i + 1 < len(doc) and not doc[i].whitespace_


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in OPENING or first in OPENING
