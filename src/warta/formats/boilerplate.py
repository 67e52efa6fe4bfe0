"""Lines that sites insert into an article's body but that are not the article.

The patterns are data (`warta/data/boilerplate.tsv`, one reviewed pattern per
line with an example it drops), not code. Readers drop these lines before
the Article is built, so the canonical text never holds them and every
analysis offset points into the text as stored.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def patterns() -> list[tuple[re.Pattern, str]]:
    """(compiled pattern, example line) for each line of the data file."""
    out = []
    text = resources.files("warta").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, _, example = line.partition("\t")
        out.append((re.compile(pattern, re.IGNORECASE), example))
    return out


@cache
def _combined() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in patterns()), re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    return _combined().fullmatch(line.strip()) is not None


def without_boilerplate(lines: list[str]) -> list[str]:
    return [line for line in lines if not is_boilerplate(line)]
