"""Lines that sites insert into an article's body but that are not the article.

The patterns are data (`warta/lexicons/boilerplate.tsv`, read through `warta.lexicon`, one reviewed pattern per
line with an example it drops), not code. Readers drop these lines before
the Article is built, so the canonical text never holds them and every
analysis offset points into the text as stored.
"""

from __future__ import annotations

import re
from functools import cache

from warta import lexicon


@cache
def patterns() -> list[tuple[re.Pattern, str]]:
    """(compiled pattern, example line) for each row of the data file."""
    return [(re.compile(row["pattern"], re.IGNORECASE), row["example"]) for row in lexicon.table("boilerplate.tsv")]


@cache
def _combined() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in patterns()), re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    return _combined().fullmatch(line.strip()) is not None


def without_boilerplate(lines: list[str]) -> list[str]:
    return [line for line in lines if not is_boilerplate(line)]
