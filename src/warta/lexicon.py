"""The one reader of warta's Indonesian language data.

Everything warta knows about Indonesian as words rather than as code lives in
reviewed data files under ``warta/lexicons/`` (like spaCy's ``lang/id``),
for the pipeline, the search stemmer and the readers alike (this module imports
no spaCy):

``lexicons/<name>.tsv``        tables: ``#`` comment lines, then a header row,
                               then one tab-separated row per entry, usually
                               with an ``example`` sentence that a test runs.
``lexicons/words/<name>.txt``  word sets: one word or phrase per line; ``#``
                               starts a comment (whole line or trailing). The
                               file's opening comment says what the set is for
                               and who reads it.

Components call :func:`table` and :func:`words` (and :func:`alternation` to
build a regex from a word set); nothing else opens these
files, so a malformed row fails the same way wherever it is read, naming the
file and the row. Both are cached: a file is parsed once per process.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

PACKAGE = "warta"
FOLDER = "lexicons"


class LexiconError(ValueError):
    """A language data file is missing or malformed; the message names the file and the row."""


def path(name: str) -> Traversable:
    """Where lexicon ``name`` (``"events.tsv"``, ``"words/negations.txt"``) lives inside the package."""
    return resources.files(PACKAGE).joinpath(FOLDER, *name.split("/"))


def text(name: str) -> str:
    found = path(name)
    if not found.is_file():
        raise LexiconError(f"{FOLDER}/{name}: no such language data file")
    return found.read_text(encoding="utf-8")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV lexicon as dicts keyed by its header, fields stripped.

    ``#`` lines are comments; the first other line is the header. A row with
    a different number of fields than the header is an error, not a guess.
    """
    lines = [line for line in text(name).splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise LexiconError(f"{FOLDER}/{name}: no header row")
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [column.strip() for column in next(reader)]
    rows = []
    for number, fields in enumerate(reader, start=2):
        if len(fields) != len(header):
            raise LexiconError(f"{FOLDER}/{name}: data row {number} has {len(fields)} fields, "
                               f"expected {len(header)} ({', '.join(header)})")
        rows.append(dict(zip(header, (field.strip() for field in fields))))
    return tuple(rows)


@cache
def entries(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line lexicon in file order (duplicates kept once)."""
    found: dict[str, None] = {}
    for line in text(name).splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            found[entry] = None
    return tuple(found)


@cache
def words(name: str) -> frozenset[str]:
    """A word set from ``lexicons/words/<name>.txt``: ``words("negations")``."""
    return frozenset(entries(f"words/{name}.txt"))


def alternation(name: str, space: str = r"\s+") -> str:
    r"""The word set `name` as a regex alternation, longest first, for ``(?:...)``.

    ``re.compile(rf"\b(?:{alternation('negations')})\b")``: longest first so a
    phrase wins over its first word; a space inside a phrase matches `space`.
    """
    ordered = sorted(words(name), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", space) for word in ordered)


@cache
def root_words() -> frozenset[str]:
    """Indonesian root words, from the dictionary PySastrawi ships: `diskusi` and `memoar` are nouns of their
    own, not `di-`/`me-` forms of a verb, whatever their first letters say."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words())
