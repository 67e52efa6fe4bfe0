"""Whether two event mentions tell one happening: the merge rule of `event_clusters`.

Ten outlets report one arrest, one attack, one meeting; warta counts it once
(a cluster) with ten mentions. Merging too eagerly is worse than merging too
little: two arrests by "the police" of unnamed suspects a day apart are two
happenings, and a count of happenings that swallows them is wrong in a way no
reader can see. So two mentions are one happening only when all of these hold:

- **the type agrees** (`ASSAULT` and `ASSAULT`);
- **the modality is compatible**: asserted, reported and intended mentions
  can tell one happening (announced the day before, done, recalled);
  negated, hypothetical and requested ones only match their own kind;
- **the actors are the same identities**: source with source and target
  with target (either way round for symmetric types such as meetings), an
  actor missing on one side being no contradiction, but a *specific*
  identity must be shared: the target (either party, for symmetric types),
  or the source when both name the same target too (two bodies of one
  state's police, `Polri` and `Polda Metro Jaya`, are one force as agents
  and no contradiction, though never enough on their own). A missing actor or a
  generic one (`massa`, `warga`, `polisi`, `pemerintah`: the table
  `lexicons/generic_actors.tsv`) never suffices on its own, and neither does
  an agent alone: KPK or the police act on many people every week, so "KPK
  arrested" twice with no one named is two arrests;
- **the places are compatible**: the same place or one of them unknown;
- **the dates fall within a window**: dates the texts give are at most
  `DATE_WINDOW` days apart (a month or a year must contain the other's day;
  a week, season or `PAST_REF` must be the same value);
  a mention without a date is placed in the `RECALL_DAYS` before its
  article's publication, since news reports what has happened; for an act
  done to a person once (`ditetapkan sebagai tersangka`: the steps of a case
  marked `once` in `lexicons/case_steps.tsv`), at any day before it, when
  both mentions are such acts with the same specific target;
- **the steps of a case agree**: an examination, an indictment and a verdict
  of one person are three happenings (`lexicons/case_steps.tsv`).

Within **one article** the actors need less: a story that tells an act and
then comes back to it (`KPK menangkap Rico ...`, later `penangkapan itu ...`,
`KPK kembali menangkap ...`) names the same parties, so two mentions of one
article are one happening when no actor contradicts the other (each role the
same identity or missing on one side) and at least one specific actor is
shared (`same_article_actors`). Type, modality, place and date are checked
as above. The article's analysis keeps each mention in its own sentence (the
gold scores events sentence by sentence); the happening holds both evidence
sentences.

`same_happening` answers with a `Verdict` that says why, in words stored with
the cluster and shown wherever events are (`warta events`, the API, the
explorer). The store (`SqlStore._cluster_for`) and the gold scorer
(`training/event_pairs/score.py`) both call it, so the figures measured on
the event-pair gold are those of the production rule. The relation is
symmetric and depends on the two mentions only, so the clusters (its
connected components) do not depend on the order articles arrive in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import cache

from warta import lexicon as language_data
from warta.model import Actor, Event
from warta.vocabulary import SYMMETRIC_EVENT_TYPES

#: Days two dates given by the texts may differ (a report written across midnight, a time zone).
DATE_WINDOW = 1
#: Days before its publication a mention without a date of its own may tell of.
RECALL_DAYS = 14
_CASE_STEP_ROWS = language_data.table("case_steps.tsv")
#: The step of a legal case each trigger reports (`didakwa`: indictment), and the steps done to a person once.
CASE_STEPS = {row["trigger"]: row["step"] for row in _CASE_STEP_ROWS}
ONCE_ONLY_ACTS = frozenset(row["trigger"] for row in _CASE_STEP_ROWS if row["once"] == "yes")
#: Modalities that can tell the same happening; the others only match their own kind.
COMPATIBLE_MODALITIES = frozenset({"asserted", "reported", "intended"})


@cache
def generic_actors() -> frozenset[str]:
    """Case-folded actor names that name no one in particular (lexicons/generic_actors.tsv)."""
    return frozenset(row["actor"].casefold() for row in language_data.table("generic_actors.tsv")
                     if row["actor"] != "-")


def identity(actor: Actor | None) -> str | None:
    """What makes two actors the same: the entity id, else the case-folded name."""
    if actor is None:
        return None
    return actor.entity_id or actor.name.casefold()


#: How alike two long words of two spellings of one name must be (difflib's ratio: `Masitha` and `Mashita`
#: 0.86, `Muhammaf` and `Muhammad` 0.88; `Hasan` and `Husin` are short and must be equal).
SPELLING_RATIO = 0.8
#: Words shorter than this must be spelt alike in both names.
SPELLING_MIN_LENGTH = 6


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def same_person(first: Actor, second: Actor) -> bool:
    """Whether two people's names are one name as two outlets spell it: the same first and last word and
    middle words that agree or are initials (`Miryam S Haryani`, `Miryam H S Haryani`), or as many words, each
    the same but for a slip in a long word (`Siti Masitha Soeparno`, `Siti Mashita Soeparno`). Cross-article
    linking keeps them apart (their canonical names differ); one happening told by both is still one."""
    if not ((first.entity_id or "").startswith("per:") and (second.entity_id or "").startswith("per:")):
        return False
    a, b = first.name.casefold().split(), second.name.casefold().split()
    if len(a) < 2 or len(b) < 2:
        return False
    if a[0] == b[0] and a[-1] == b[-1]:
        shorter, longer = sorted((a[1:-1], b[1:-1]), key=len)
        if all(word in longer or _initial(word) for word in shorter) \
                and all(word in shorter or _initial(word) for word in longer):
            return True
    if len(a) != len(b) or sum(x == y for x, y in zip(a, b)) < len(a) - 1:
        return False
    return all(x == y or (len(x) >= SPELLING_MIN_LENGTH and x[0] == y[0]
                          and SequenceMatcher(None, x, y).ratio() >= SPELLING_RATIO) for x, y in zip(a, b))


def _same(first: Actor, second: Actor) -> bool:
    return identity(first) == identity(second) or same_person(first, second)


#: Sectors whose bodies of one state are one force: the national police and its regional and
#: central units (`Polri`, `Polda Metro Jaya`, `Bareskrim Polri`, all `IDN POL`) report and act for one
#: another, so as the agents of one act to the same target they do not contradict each other.
ONE_FORCE_SECTORS = frozenset({"POL"})


def one_force(first: Actor, second: Actor) -> bool:
    """Two bodies of one state's force in ONE_FORCE_SECTORS (the same code, `IDN POL`)."""
    return first.code is not None and first.code == second.code and first.code.split()[-1] in ONE_FORCE_SECTORS


def is_generic(actor: Actor | None) -> bool:
    """A missing actor, or one named by a generic word (`massa`, `polisi`)."""
    return actor is None or actor.name.casefold() in generic_actors()


@dataclass(frozen=True)
class Mention:
    """An event as one article reports it, with the day the article was published."""

    event: Event
    published: date | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class Verdict:
    """The answer of `same_happening`: whether, and the reasons (or the first reason not)."""

    same: bool
    reasons: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.same

    @property
    def evidence(self) -> str:
        return ", ".join(self.reasons)


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO date, month or year (`2017-08-01`, `2017-08`, `2017`)."""
    match = _DATE.match((value or "")[:10])
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None and month is not None:
            return date(year, month, day), date(year, month, day)  # type: ignore[arg-type]
        if month is not None:
            first = date(year, month, 1)  # type: ignore[arg-type]
            return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)  # type: ignore[arg-type]
    except ValueError:
        return None


def when(mention: Mention, recall_days: int | None = RECALL_DAYS) -> tuple[date, date, bool] | None:
    """The days the mention may tell of, and whether its text gives them.

    A date the text gives (`date_source` text or narrative) is taken as it
    is; otherwise the mention tells of the `recall_days` before publication
    (any day before it when `recall_days` is None).
    """
    event = mention.event
    if event.date_source in ("text", "narrative"):
        period = _period(event.date)
        if period:
            return period[0], period[1], True
    if mention.published is None:
        return None
    earliest = date.min if recall_days is None else mention.published - timedelta(days=recall_days)
    return earliest, mention.published, False


def once_only(x: Event, y: Event) -> bool:
    """Both mentions tell an act done to a person once, and name the same specific target."""
    if x.target is None or y.target is None or is_generic(x.target):
        return False
    return x.trigger.casefold() in ONCE_ONLY_ACTS and y.trigger.casefold() in ONCE_ONLY_ACTS \
        and _same(x.target, y.target)


def _gap(a: tuple[date, date, bool], b: tuple[date, date, bool]) -> int:
    return max(0, (a[0] - b[1]).days, (b[0] - a[1]).days)


def _actor_words(actor: Actor) -> str:
    return f"id {actor.entity_id} ({actor.name})" if actor.entity_id else f"name {actor.name}"


def _common_actors(x: Event, y: Event) -> list[str] | None:
    """The actors two events share, in words, or None when they differ or share no specific target."""
    symmetric = x.type in SYMMETRIC_EVENT_TYPES
    pairings = [((x.source, y.source), (x.target, y.target))]
    if symmetric:
        pairings.append(((x.source, y.target), (x.target, y.source)))
    for pairing in pairings:
        words: list[str] = []
        shared: dict[str, Actor] = {}
        for role, (first, second) in zip(("source", "target"), pairing):
            if first is None or second is None:
                continue
            if not _same(first, second):
                if role == "source" and one_force(first, second):
                    words.append(f"sources of one force {first.code} ({first.name}, {second.name})")
                    continue
                break
            shared[role] = first
            words.append(f"same {role} {_actor_words(first)}" + (" (generic)" if is_generic(first) else ""))
        else:
            specific = [role for role, actor in shared.items() if not is_generic(actor)]
            # A specific target (a party, for symmetric types), or a specific agent acting on the same target.
            if "target" in specific or (specific and (symmetric or "target" in shared)):
                return words
    return None


def same_article_actors(x: Event, y: Event) -> list[str] | None:
    """The actors two mentions of one article share, in words, or None when a role names two
    identities or no specific actor is shared (see the module)."""
    pairings = [((x.source, y.source), (x.target, y.target))]
    if x.type in SYMMETRIC_EVENT_TYPES:
        pairings.append(((x.source, y.target), (x.target, y.source)))
    for pairing in pairings:
        words: list[str] = []
        specific = False
        for role, (first, second) in zip(("source", "target"), pairing):
            if first is None or second is None:
                continue
            if not _same(first, second):
                break
            specific = specific or not is_generic(first)
            words.append(f"same {role} {_actor_words(first)}" + (" (generic)" if is_generic(first) else ""))
        else:
            if specific:
                return [*words, "same article"]
    return None


def _dates(a: Mention, b: Mention) -> tuple[bool, str]:
    """Whether the two mentions' days fit (see `when`), and why in words.

    A date the text gives that names no days (`2025-W23`, `2025-Q3`,
    `PAST_REF`, `XXXX-06`) only fits the same value.
    """
    given = [m.event.date if m.event.date_source in ("text", "narrative") else None for m in (a, b)]
    if any(value and _period(value) is None for value in given):
        if given[0] == given[1]:
            return True, f"same date {given[0]}"
        return False, f"dates differ ({given[0] or 'none'}, {given[1] or 'none'})"
    recall_days = None if once_only(a.event, b.event) else RECALL_DAYS
    first, second = when(a, recall_days), when(b, recall_days)
    if first is None or second is None:
        return False, "no date to compare"
    gap = _gap(first, second)
    if first[2] and second[2]:
        if gap > DATE_WINDOW:
            return False, f"dates {gap} days apart"
        if gap:
            return True, f"dates {gap} day{'s' * (gap != 1)} apart"
        return True, "same date" if first[:2] == second[:2] else "dates overlap"
    if gap > 0:
        return False, f"{gap} days between the dates and the reports"
    if not first[2] and not second[2]:
        return True, f"undated, published {abs((first[1] - second[1]).days)} days apart"
    if recall_days is None:
        return True, "undated report of an act done once, after the date"
    return True, f"undated report within {RECALL_DAYS} days after the date"


def same_happening(a: Mention, b: Mention) -> Verdict:
    """Whether two event mentions tell one happening, with the reasons (see the module)."""
    x, y = a.event, b.event
    if x.type != y.type:
        return Verdict(False, (f"types differ ({x.type}, {y.type})",))
    if x.modality != y.modality and not {x.modality, y.modality} <= COMPATIBLE_MODALITIES:
        return Verdict(False, (f"modalities differ ({x.modality}, {y.modality})",))
    steps = CASE_STEPS.get(x.trigger.casefold()), CASE_STEPS.get(y.trigger.casefold())
    if None not in steps and steps[0] != steps[1]:
        return Verdict(False, (f"steps of a case differ ({steps[0]}, {steps[1]})",))
    one_article = a.article_id is not None and a.article_id == b.article_id
    actors = same_article_actors(x, y) if one_article else _common_actors(x, y)
    if actors is None:
        return Verdict(False, ("actors differ, or no specific actor in common beside an agent alone",))
    reasons = [f"same type {x.type}", *actors]
    if x.place_id and y.place_id and x.place_id != y.place_id:
        return Verdict(False, (f"places differ ({x.place}, {y.place})",))
    if x.place_id and x.place_id == y.place_id:
        reasons.append(f"same place {x.place}")
    fits, why = _dates(a, b)
    if not fits:
        return Verdict(False, (why,))
    return Verdict(True, (*reasons, why))
