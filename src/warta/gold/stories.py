"""The article-pair gold for copies and stories, and scoring warta against it.

Each line of `tests/gold/stories/pairs.jsonl` names two articles of the
IndoSum corpus (kept outside the repository in `../shared/data/corpus`) and
says whether they are a `copy` (the same text up to light edits), the
`same_story` (different texts about one happening) or `unrelated`.

Real republications are rare in one outlet sample, so the gold also holds
light-edit *variants* of real articles: the gold stores the recipe and its
seed, never the text, and `variant_text` regenerates the text from the corpus
at test time. A variant spec is `{"variant_of": ID, "seed": N, "recipe":
["drop_paragraph", ...]}`; its publication is the original's.

The part (dev or held-out) of a pair is fixed by a hash of its key, so adding
pairs never moves old ones between parts.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from warta.copies import CopyIndex
from warta.gold.corpus import published_of
from warta.stories import NameFrequency, Report, same_story

LABELS = ("copy", "same_story", "unrelated")
PARTS = ("dev", "heldout")
#: Out of 100 hash buckets, the ones below this go to dev (a 60/40 split).
DEV_SHARE = 60

Side = str | dict[str, Any]


@dataclass(frozen=True)
class Pair:
    """One labelled pair; `a` and `b` are article ids or variant specs."""

    a: Side
    b: Side
    label: str
    note: str = ""

    @property
    def key(self) -> str:
        return f"{side_key(self.a)}|{side_key(self.b)}"

    @property
    def part(self) -> str:
        return part_of(self.key)


def side_key(side: Side) -> str:
    """A stable text name of one side: the id, or `ID~seed~recipe` for a variant."""
    if isinstance(side, str):
        return side
    return f"{side['variant_of']}~{side['seed']}~{'+'.join(side['recipe'])}"


def part_of(key: str) -> str:
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 100
    return "dev" if bucket < DEV_SHARE else "heldout"


# -- light edits, the recipes of variants --------------------------------------
#
# Each edit takes the paragraphs and a seeded random generator and returns the
# edited paragraphs. They imitate what a republishing outlet does to wire copy.

_DATELINES = (
    "Jakarta, CNN Indonesia --",
    "JAKARTA, KOMPAS.com -",
    "Jakarta (ANTARA News) -",
    "Merdeka.com -",
    "Suara.com -",
    "JAKARTA (Pos Kota) –",
)
_BYLINES = ("(ant/dan)", "Editor: Ruslan Burhani", "(Antara)", "Pewarta: Rina Wahyuni", "[ary]", "(asa/kid)")
#: Word swaps an editor might make; the second word replaces the first.
_SWAPS = (
    ("mengatakan", "menyatakan"), ("ujar", "kata"), ("kata", "ujar"), ("yang", "yang"),
    ("tersebut", "itu"), ("akan", "bakal"), ("namun", "tetapi"), ("juga", "pun"),
    ("saat", "ketika"), ("dan", "serta"), ("telah", "sudah"), ("hanya", "cuma"),
)
#: A dateline: a place and an outlet before a dash (`Jakarta, CNN Indonesia - -`,
#: `JAKARTA (Pos Kota) –`, `Merdeka.com -`, `Rimanews -`).
_DATELINE_PATTERN = re.compile(
    r"^(?:[^\n\-–—]{0,40}(?:,|\(|\.com|\.net)[^\n\-–—]{0,30}?|[A-Z][\w.]*)\s?[-–—]+(?:\s?[-–—]+)*\s")


def _dateline(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Replace the dateline (or add one) as another outlet's desk would."""
    first = _DATELINE_PATTERN.sub("", paragraphs[0], count=1)
    return [f"{rng.choice(_DATELINES)} {first}", *paragraphs[1:]]


def _byline(paragraphs: list[str], rng: random.Random) -> list[str]:
    return [*paragraphs, rng.choice(_BYLINES)]


def _drop_paragraph(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Drop one paragraph other than the lead, as a trimmed republication does."""
    if len(paragraphs) < 3:
        return paragraphs
    drop = rng.randrange(1, len(paragraphs))
    return [p for i, p in enumerate(paragraphs) if i != drop]


def _trim_tail(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Cut the last paragraph (a shortened wire story)."""
    return paragraphs[:-1] if len(paragraphs) > 3 else paragraphs


def _reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Swap two neighbouring paragraphs after the lead."""
    if len(paragraphs) < 4:
        return paragraphs
    i = rng.randrange(1, len(paragraphs) - 1)
    edited = list(paragraphs)
    edited[i], edited[i + 1] = edited[i + 1], edited[i]
    return edited


def _word_edits(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A few word-level edits: synonyms swapped, a word deleted."""
    words = "\n\n".join(paragraphs).split(" ")
    for _ in range(4):
        i = rng.randrange(len(words))
        for old, new in _SWAPS:
            if words[i] == old:
                words[i] = new
                break
        else:
            if len(words[i]) > 3 and "\n" not in words[i]:
                del words[i]
    return " ".join(words).split("\n\n")


def _retitle(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Put a headline of the outlet's own above the text (the lead's first words)."""
    lead = _DATELINE_PATTERN.sub("", paragraphs[0], count=1)
    head = " ".join(lead.split()[:8]).rstrip(",.").title()
    return [head, *paragraphs]


EDITS: Mapping[str, Callable[[list[str], random.Random], list[str]]] = {
    "dateline": _dateline,
    "byline": _byline,
    "drop_paragraph": _drop_paragraph,
    "trim_tail": _trim_tail,
    "reorder": _reorder,
    "word_edits": _word_edits,
    "retitle": _retitle,
}


def variant_text(text: str, seed: int, recipe: Iterable[str]) -> str:
    """The text of a light-edit variant, regenerated from the original and the recipe."""
    rng = random.Random(seed)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for edit in recipe:
        paragraphs = EDITS[edit](paragraphs, rng)
    return "\n\n".join(paragraphs)


# -- reading and checking the gold ---------------------------------------------

def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            pairs.append(Pair(row["a"], row["b"], row["label"], row.get("note", "")))
        except KeyError as missing:
            raise ValueError(f"{path}:{number}: missing field {missing}") from None
    return pairs


def validate(pairs: list[Pair], corpus_ids: set[str] | None = None) -> list[str]:
    """The problems of a gold file, one message each; empty when it is sound."""
    problems = []
    seen: set[frozenset[str]] = set()
    for number, pair in enumerate(pairs, 1):
        where = f"pair {number} ({pair.key})"
        if pair.label not in LABELS:
            problems.append(f"{where}: label {pair.label!r} is not one of {LABELS}")
        for side in (pair.a, pair.b):
            if isinstance(side, dict):
                unknown = [edit for edit in side.get("recipe", []) if edit not in EDITS]
                if set(side) - {"variant_of", "seed", "recipe"} or not isinstance(side.get("seed"), int):
                    problems.append(f"{where}: a variant needs exactly variant_of, seed (int) and recipe")
                if unknown:
                    problems.append(f"{where}: unknown edits {unknown}")
            if corpus_ids is not None:
                base = side if isinstance(side, str) else side.get("variant_of")
                if base not in corpus_ids:
                    problems.append(f"{where}: {base} is not in the corpus")
        if side_key(pair.a) == side_key(pair.b):
            problems.append(f"{where}: an article paired with itself")
        unordered = frozenset((side_key(pair.a), side_key(pair.b)))
        if unordered in seen:
            problems.append(f"{where}: pair listed twice")
        seen.add(unordered)
    return problems


@dataclass(frozen=True)
class Text:
    """One side of a pair as warta sees it: an id, the text and when it was published."""

    id: str
    text: str
    published: datetime


def read_corpus(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as lines:
        return {record["id"]: record for record in map(json.loads, lines)}


def published_at(record: dict) -> datetime:
    """The publication as a time: the URL's date when it states one (at the epoch's time of day)."""
    day, _ = published_of(record)
    approx = datetime.fromisoformat(record["approx_date_from_id_epoch"].replace("Z", "+00:00"))
    at: time = approx.timetz() if approx.date() == day else time(12, tzinfo=UTC)
    return datetime.combine(day, at)


def resolve(side: Side, corpus: Mapping[str, dict]) -> Text:
    if isinstance(side, str):
        record = corpus[side]
        return Text(side, record["text"], published_at(record))
    record = corpus[side["variant_of"]]
    text = variant_text(record["text"], side["seed"], side["recipe"])
    # A republication appears a little after the original.
    return Text(side_key(side), text, published_at(record) + timedelta(hours=1 + side["seed"] % 5))


# -- scoring --------------------------------------------------------------------

def precision_recall(pairs: Iterable[Pair], predict: Callable[[Text, Text], str],
                     corpus: Mapping[str, dict]) -> dict[str, Any]:
    """Precision and recall of `copy` and of `story` over the pairs.

    `predict` answers `copy`, `same_story` or `unrelated` for two texts. The
    story level counts a copy as the same story too: two copies certainly tell
    one happening, so at that level a pair is positive when its label is
    `copy` or `same_story`.
    """
    tallies = {level: {"tp": 0, "fp": 0, "fn": 0} for level in ("copy", "story")}
    errors = []
    for pair in pairs:
        predicted = predict(resolve(pair.a, corpus), resolve(pair.b, corpus))
        for level, positive in (("copy", {"copy"}), ("story", {"copy", "same_story"})):
            gold, guess = pair.label in positive, predicted in positive
            tally = tallies[level]
            tally["tp"] += gold and guess
            tally["fp"] += guess and not gold
            tally["fn"] += gold and not guess
        if predicted != pair.label:
            errors.append({"pair": pair.key, "gold": pair.label, "predicted": predicted})
    result: dict[str, Any] = {}
    for level, tally in tallies.items():
        predicted_n, gold_n = tally["tp"] + tally["fp"], tally["tp"] + tally["fn"]
        result[level] = {
            "precision": round(tally["tp"] / predicted_n, 4) if predicted_n else 1.0,
            "recall": round(tally["tp"] / gold_n, 4) if gold_n else 1.0,
            **tally,
        }
    result["errors"] = errors
    return result


class _Labelled(Protocol):
    @property
    def part(self) -> str: ...


Labelled = TypeVar("Labelled", bound=_Labelled)


def part(pairs: Iterable[Labelled], name: str) -> list[Labelled]:
    """The pairs of one part (`dev`, `heldout`) or `all`; shared by every pair gold (stories, event pairs)."""
    if name == "all":
        return list(pairs)
    if name not in PARTS:
        raise ValueError(f"part {name!r} is not one of {PARTS} or 'all'")
    return [pair for pair in pairs if pair.part == name]

def warta_predictor(corpus: Mapping[str, dict]) -> Callable[[Text, Text], str]:
    """warta's answer for a pair: the copy index, then the story test.

    Each pair gets its own copy index, so the answer goes through the same
    signatures and LSH that ingest uses; rare names are counted over the
    whole corpus, the archive the articles come from.
    """
    frequency = NameFrequency.of(record["text"] for record in corpus.values())

    def predict(a: Text, b: Text) -> str:
        index = CopyIndex()
        index.add(a.id, a.text, a.published)
        if index.add(b.id, b.text, b.published):
            return "copy"
        if same_story(Report(a.text, a.published), Report(b.text, b.published), frequency):
            return "same_story"
        return "unrelated"

    return predict


def evaluate(gold: Path, corpus_path: Path, name: str = "dev") -> dict[str, Any]:
    """warta's precision and recall for copies and stories on one part of the gold."""
    corpus = read_corpus(corpus_path)
    pairs = part(read_pairs(gold), name)
    return precision_recall(pairs, warta_predictor(corpus), corpus)
