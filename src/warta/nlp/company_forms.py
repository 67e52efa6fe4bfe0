"""Company legal forms after an organisation's name: `PT Pertamina (Persero)`, `PT Bank Mandiri (Persero) Tbk`.

The form is part of how the company writes its name, so it belongs to the organisation's mention; the model
stops before it (`PT Bank Mandiri`) and may read `Persero` in its parentheses as an organisation of its own.
The forms are data (lexicons/company_forms.tsv), one row each with an example that a test runs.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from warta import lexicon

_PIECES = re.compile(r"\w+|[^\w\s]")


@cache
def forms() -> tuple[tuple[str, ...], ...]:
    """Each form as the tokenizer splits it (`(Persero)` -> `(`, `Persero`, `)`), longest first."""
    return tuple(sorted((tuple(_PIECES.findall(row["form"])) for row in lexicon.table("company_forms.tsv")),
                        key=len, reverse=True))


def form_end(doc: Doc, end: int) -> int:
    """Where the legal forms written from token `end` on stop (`end` itself where none is): `(Persero) Tbk`
    is two forms in a row. Only on one line: a form never opens the next paragraph."""
    while True:
        for form in forms():
            stop = end + len(form)
            if stop <= len(doc) and tuple(t.text for t in doc[end:stop]) == form \
                    and not any(t.is_space for t in doc[end:stop]):
                end = stop
                break
        else:
            return end


def without_forms(name: str) -> str:
    """The name before its legal forms (`PT Bank Mandiri (Persero) Tbk` -> `PT Bank Mandiri`): the forms are
    part of the mention, not of the company's identity, so one company keeps one canonical name."""
    words = name.split()
    while True:
        for form in forms():
            written = "".join(form) if form[0] == "(" else " ".join(form)
            if len(words) > 1 and words[-1] == written:
                words = words[:-1]
                break
        else:
            return " ".join(words)
