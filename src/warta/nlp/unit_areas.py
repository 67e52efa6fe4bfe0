"""The area between a regional unit head's title and the holder's rank: `Kapolres Kotim AKBP Abdul Aziz`.

A head of a regional unit (lexicons/unit_heads.tsv: `Kapolda`, `Kapolres`, ...) is written with the unit's
area, then his rank, then his name. The area is a place (docs/annotation.md), though an area the gazetteer does
not know (`Kotim`, `Dharmasraya`) reads to the model like the first word of the holder's name. The rank closing
the area is a police or military title that takes no area (lexicons/roles.tsv: `AKBP`, `Kombes Pol`, `Irjen`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from warta import lexicon
from warta.nlp import gazetteer

MAX_AREA_WORDS = 4


@cache
def regional_titles() -> frozenset[str]:
    """Titles (lower case) written before their unit's area: those whose unit is a regional unit of
    lexicons/org_units.tsv (`kapolres` heads a `Polres`), not a whole body (`kapolri`)."""
    regional_units = {row["unit"] for row in lexicon.table("org_units.tsv") if row["full"]}
    return frozenset(row["title"] for row in lexicon.table("unit_heads.tsv") if row["unit"] in regional_units)


@cache
def ranks() -> dict[tuple[str, ...], int]:
    """Every way of writing a police or military rank, as lower-case words -> its length."""
    return {tuple(form.split()): len(form.split()) for form, role in gazetteer.role_forms().items()
            if role.sector in ("POL", "MIL") and not role.takes_country}


def rank_at(doc: Doc, start: int) -> int:
    """The length of the rank written from token `start` on (the longest form), 0 where none is."""
    for size in sorted({*ranks().values()}, reverse=True):
        if tuple(t.lower_ for t in doc[start:start + size]) in ranks():
            return size
    return 0


def areas_before_ranks(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each area written between a regional title and a rank: `Kotim` in `Kapolres Kotim
    AKBP Abdul Aziz`. Capitalised words only, at most four, on the title's line."""
    found = []
    for token in doc:
        if token.lower_ not in regional_titles():
            continue
        start = end = token.i + 1
        while end < len(doc) and end - start < MAX_AREA_WORDS and doc[end].text[:1].isupper() \
                and doc[end].is_alpha and not rank_at(doc, end):
            end += 1
        if end > start and end < len(doc) and rank_at(doc, end):
            found.append((start, end))
    return found
