"""Counts in Indonesian news: numbers attached to what they count, GDELT-counts style.

`find_counts(text)` returns every number written in Indonesian format
(`2.000`, `2,5`, `1,2 juta`, `tiga`, `dua puluh lima`, `ribuan`) that counts
something: people and things (`sekitar 2.000 tentara`), money (`Rp1,5
triliun`, `US$3 miliar`, `3 miliar dolar AS`) and percentages (`5,2
persen`). Each count gets its value, the counted unit, what happened to the
counted things when the sentence says so (`category`, from the reviewed data
file `lexicons/count_categories.tsv`), and whether it is approximate or a
lower bound.

Conventions (see docs/times-and-counts.md):

- The extent runs from a hedge (`sekitar`, `lebih dari`, `sedikitnya`...) or
  a currency sign through the number, its scale word (`juta`, `miliar`) and
  the counted head noun: `sekitar 2.000 tentara`, `Rp 250 miliar`,
  `3 miliar dolar AS`, `5,2 persen`, `empat perahu` (of `empat perahu karet`).
- A classifier (`orang`, `buah`, `ekor`, `unit`, `kali`...) followed by a noun
  hands the unit to that noun (`tiga orang warga` -> `warga`, `312 unit
  komputer` -> `komputer`); followed by anything else it is the unit itself
  (`lima orang tewas` -> `orang`).
- `57 lainnya` (`57 others`) and a number directly followed by what happened
  (`puluhan terluka`, `214 rusak berat`) take the unit of the previous count
  in the same sentence.
- Numbers that count nothing are left out: numbers inside time expressions
  (dates, clock times, durations: `2,5 jam` is a DURATION, not a count),
  ordinals (`keempat`, `ke-11`), identifiers (`Pasal 114`, `No. 45`,
  `KM 70`), ranks (`peringkat 9`), magnitudes (`magnitudo 6,2`), scores
  (`21-18`), phone numbers, and numbers followed by no unit.
- Ranges (`8-11 persen`) are two counts; the first borrows the second's
  scale and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from babel.numbers import NumberFormatError, parse_decimal

from warta import lexicon
from warta.model import Count, TimeExpression
from warta.nlp.scoring import score_extents
from warta.nlp.sentences import SentenceBounds
from warta.nlp.timex import NUMBER_WORDS_PATTERN, find_times, parse_number_words

__all__ = ["find_counts", "score_counts", "to_dicts", "load_categories", "CATEGORIES_FILE"]

#: The cue table, read through warta.lexicon.
CATEGORIES_FILE = "count_categories.tsv"

# -- vocabulary -----------------------------------------------------------------------

#: scale word -> factor (`2,5 juta`)
_SCALES = {row["word"]: float(row["factor"]) for row in lexicon.table("count_scales.tsv")}
#: vague amount -> the least it means (`puluhan` 10, `belasan` 11)
_VAGUE = {row["phrase"]: float(row["value"]) for row in lexicon.table("count_vague.tsv")}
#: hedge -> (approximate, lower_bound)
_HEDGES = {row["hedge"]: (row["approximate"] == "yes", row["lower_bound"] == "yes")
           for row in lexicon.table("count_hedges.tsv")}
#: currency written before the number (`Rp`, `US$`) or as a word after it (`dolar AS`) -> ISO 4217 code
_CURRENCY_PREFIX = {row["form"]: row["currency"] for row in lexicon.table("currencies.tsv")
                    if row["position"] == "prefix"}
_CURRENCY_WORDS = [(row["form"], row["currency"]) for row in lexicon.table("currencies.tsv")
                   if row["position"] == "after"]
_CLASSIFIERS = lexicon.words("count_classifiers")
#: words that never are the counted noun
_STOP = lexicon.words("count_not_units")
#: words starting like verbs that are nouns
_NOUNS_LIKE_VERBS = lexicon.words("nouns_like_verbs")
_VERBISH = re.compile(r"^(?:me(?:m|n|ng|ny)?[a-z]{3,}|ber[a-z]{3,}|ter[a-z]{3,}|di[a-z]{3,}(?:kan|i))$")
#: the word before a number that makes it an identifier, a rank or a measure, not a count
_NOT_COUNT_BEFORE = re.compile(
    rf"(?i)(?:\b(?:{lexicon.alternation('not_count_before', space=' ')})\.?|#|\bke-)[^\S\n]*$")
#: units a person-category (killed, wounded, missing, arrested, displaced, evacuated) can apply to
_PEOPLE = lexicon.words("people_units")
#: agent nouns `pe(N)-...` without `-an` (pencuri, penyelam, pengunjuk rasa) are people too
_AGENT = re.compile(r"^pe(?:ng|ny|m|n|r|l)?[a-z]{3,}$")


def _is_person(unit: str) -> bool:
    return unit in _PEOPLE or (bool(_AGENT.match(unit)) and not unit.endswith("an") and unit not in _EQUIPMENT)
#: what can be deployed besides people
_EQUIPMENT = lexicon.words("equipment_units")
#: what can be affected besides people
_AFFECTABLE = _PEOPLE | lexicon.words("affectable_units")
_ALLOWED_UNITS = {"killed": _PEOPLE, "wounded": _PEOPLE, "missing": _PEOPLE, "arrested": _PEOPLE,
                  "displaced": _PEOPLE, "evacuated": _PEOPLE, "deployed": _PEOPLE | _EQUIPMENT,
                  "affected": _AFFECTABLE}

_W = r"[^\S\n]+"
_OW = r"[^\S\n]*"
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", _W) for w in sorted(words, key=len, reverse=True))


_NUMBER_RE = re.compile(
    rf"(?<![\w.,/\-\u2013$\u20ac\u00a3\u00a5])"
    rf"(?:(?P<hedge>(?i:{_alt(_HEDGES)})){_W})?"
    rf"(?:(?P<cur>(?i:rp\.?|idr|usd|sgd|eur|rm)(?![a-z])|US\$|S\$|A\$|\$|\u20ac|\u00a3|\u00a5){_OW}"
    rf"|(?<![\w.,\-\u2013]))"
    rf"(?P<num>(?:{_DIGITS})(?![\d]|[.,]\d)|(?i:\b(?:{_alt(_VAGUE)})\b)|{NUMBER_WORDS_PATTERN})"
    rf"(?:{_OW}[-\u2013]{_OW}(?P<num2>(?:{_DIGITS})(?![\d]|[.,]\d)))?"
    rf"(?:{_OW}(?P<scale>(?i:{_alt(_SCALES)}))\b)?"
    rf"(?:{_OW}(?P<pct>(?i:persen\b)|%))?")
_WORD_AFTER = re.compile(r"[^\S\n]*(?P<w>[A-Za-z][A-Za-z-]*|%)")
_CURRENCY_AFTER = re.compile(rf"{_W}(?P<c>(?i:{_alt(w for w, _ in _CURRENCY_WORDS)}))\b")
_RELATIVE = re.compile(rf"(?i)\byang(?:[^\S\n]+(?:{lexicon.alternation('relative_auxiliaries')}))?[^\S\n]+$")
_CLAUSE_BREAK = re.compile(rf"[,;:()]|\b(?:{lexicon.alternation('clause_breaks')})\b")
#: `214 orang ditangkap termasuk 178 warga asing`, `121 warga Tiongkok, 34 warga Vietnam`:
#: a count with no cue of its own shares the category of the count it belongs to or is listed with
_LISTED_WITH = re.compile(r"(?i)^[^,.;:!?()\n\d]{0,40}(?:,[^\S\n]*(?:dan|serta)?|[^\S\n](?:dan|serta))[^\S\n]*$")
_MEMBER_OF = re.compile(r"(?i)^[^.;!?\n]{0,60}\b(?:termasuk|terdiri[^\S\n]+atas|terdiri[^\S\n]+dari"
                        r"|di[^\S\n]+antaranya|antara[^\S\n]+lain|yakni|yaitu)\b[^\S\n]*$")


# -- the category lexicon -----------------------------------------------------------------

@dataclass(frozen=True)
class _Cue:
    cue: str
    category: str
    example: str
    units: frozenset[str] | None = None
    side: str | None = None        # "before": the cue precedes the count; "after": it follows; None: either


def load_categories(name: str = CATEGORIES_FILE) -> list[_Cue]:
    """The cues of `lexicons/count_categories.tsv` (columns cue, category, example).

    A cue may carry markers: `[unit:orang,warga]` limits the counted nouns it
    applies to, `[before]`/`[after]` says on which side of the number it stands.
    """
    cues = []
    for row in lexicon.table(name):
        cue, category, example = row["cue"], row["category"], row["example"]
        units, side = None, None
        constraint = re.search(r"\[unit:([^\]]*)\]", cue)
        if constraint:
            units = frozenset(u.strip().lower() for u in constraint.group(1).split(",") if u.strip())
        marker = re.search(r"\[(before|after)\]", cue)
        if marker:
            side = marker.group(1)
        cue = re.sub(r"\[[^\]]*\]", "", cue)
        cues.append(_Cue(re.sub(r"\s+", " ", cue.strip().lower()), category, example, units, side))
    return cues


_CUES = load_categories()
_CUE_BY_TEXT: dict[str, list[_Cue]] = {}
for _cue in _CUES:
    _CUE_BY_TEXT.setdefault(_cue.cue, []).append(_cue)
_CUE_RE = re.compile(rf"(?i)(?<![\w-])(?:{_alt(_CUE_BY_TEXT)})(?![\w-])")
#: single-word cues that are not nouns: `214 rusak berat` means 214 of the unit counted before
_CUE_WORDS = {cue for cue in _CUE_BY_TEXT if " " not in cue} - {"tersangka", "pengungsi", "jenazah", "evakuasi"}


# -- helpers ---------------------------------------------------------------------------------

def _value(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.strip())
    if text[:1].isdigit():
        try:
            return float(parse_decimal(text, locale="id"))
        except (NumberFormatError, ValueError, ArithmeticError):
            return None
    lower = text.lower()
    if lower in _VAGUE:
        return float(_VAGUE[lower])
    return parse_number_words(lower)


def _nounish(word: str) -> bool:
    lower = word.lower()
    if lower in _STOP or len(word) < 2:
        return False
    if word.isupper() and 2 <= len(word) <= 6 and word.isalpha():
        return True  # WNI, GPU, ASN
    if lower in _NOUNS_LIKE_VERBS and word == lower:
        return True
    if word != lower or lower in _STOP or lower in _CUE_WORDS or lower in _SCALES:
        return False
    return not (_VERBISH.match(lower) and not lower.endswith("si"))


def _lemma(word: str) -> str:
    """`penggunanya` -> `pengguna`: the counted noun without the possessive `-nya`."""
    return word[:-3] if word.endswith("nya") and len(word) > 6 else word


@dataclass
class _C:
    start: int
    end: int
    value: float
    unit: str | None = None
    category: str | None = None
    approximate: bool = False
    lower_bound: bool = False
    currency: str | None = None
    percent: bool = False
    borrow: bool = False                 # take the unit of the previous count in the sentence
    word_one: bool = False               # the word `satu`: kept only with a category
    range_partner: _C | None = field(default=None, repr=False)


# -- the recogniser -------------------------------------------------------------------------

_TIME_DATE = date(2000, 1, 1)


def find_counts(text: str, times: list[TimeExpression] | None = None,
                sentences: SentenceBounds | None = None) -> list[Count]:
    """Every count in `text`, sorted by start.

    `times` are the time expressions of the same text (found here if not
    given): numbers inside them are dates, times or durations, not counts.
    `sentences` are the text's sentence bounds (the pipeline passes the
    Doc's; without them the text is segmented by `warta.nlp.sentences`).
    """
    bounds = sentences if sentences is not None else SentenceBounds.of_text(text)
    if times is None:
        times = find_times(text, _TIME_DATE, bounds)
    blocked = sorted((t.start, t.end) for t in times)
    found: list[_C] = []
    for m in _NUMBER_RE.finditer(text):
        num_start = m.start("num")
        end_of_numbers = m.end("num2") if m.group("num2") else m.end("num")
        if any(s < end_of_numbers and num_start < e for s, e in blocked):
            continue
        for item in _make(m, text):
            found.append(item)
    _borrow_units(found, bounds)
    found = [c for c in found if c.unit is not None]
    previous: _C | None = None
    for c in found:
        if c.currency:
            c.category = "money"
        elif not c.percent:
            c.category = _category(c, text, bounds)
            if c.category is None and previous is not None and previous.category and not previous.currency \
                    and previous.end >= bounds.start(c.start) \
                    and (_MEMBER_OF.match(text[previous.end:c.start])
                         or (_LISTED_WITH.match(text[previous.end:c.start])
                             and not _CUE_RE.search(text, previous.end, c.start))) \
                    and ((c.unit or "").lower() in _ALLOWED_UNITS.get(previous.category, frozenset())
                         or (_PEOPLE <= _ALLOWED_UNITS.get(previous.category, frozenset())
                             and _is_person((c.unit or "").lower()))):
                c.category = previous.category
        previous = c
    out = []
    for c in found:
        if c.word_one and c.category is None:
            continue  # `satu arah`, `satu generasi`, `satu warga pun`: "one" is rarely a count
        out.append(Count(c.start, c.end, text[c.start:c.end], c.value, c.unit, c.category, c.approximate,
                         c.lower_bound, c.currency))
    return out


def _make(m: re.Match, text: str) -> list[_C]:
    num_text = m.group("num")
    num_start = m.start("num")
    before = text[max(0, num_start - 25):num_start]
    if m.group("cur") is None and _NOT_COUNT_BEFORE.search(before):
        return []
    lower = num_text.lower()
    if lower.startswith("satu") and re.match(r"(?i)satu(?:-satunya|[^\S\n]+(?:pun|sama|per|persatu)\b)",
                                             text[num_start:num_start + 14]):
        return []
    if re.search(r"(?i)\bsalah[^\S\n]+$", before):
        return []  # `salah satu`
    if num_text[:1] == "0" and len(num_text) > 1 and (num_text[1:2].isdigit() or num_text[1:2] == "."):
        return []  # phone numbers, codes, `0.410` (not Indonesian format)
    value = _value(num_text)
    if not value:
        return []
    vague = lower in _VAGUE
    scale = m.group("scale")
    factor = _SCALES[scale.lower()] if scale else 1.0
    hedge = m.group("hedge")
    approximate, lower_bound = (False, False)
    if hedge:
        approximate, lower_bound = _HEDGES.get(re.sub(r"\s+", " ", hedge.lower()), (False, False))
    if vague:
        approximate, lower_bound = True, True
    cur = m.group("cur")
    currency = _CURRENCY_PREFIX.get(cur.lower().rstrip(".")) if cur else None
    end = m.end()
    unit = None
    percent = bool(m.group("pct"))
    if percent:
        unit = "%"
    if not percent:
        after = _CURRENCY_AFTER.match(text, end)
        if after and (currency is None or after.group("c").lower() == "rupiah"):
            currency = currency or dict(_CURRENCY_WORDS)[re.sub(r"\s+", " ", after.group("c").lower())]
            end = after.end()
    if currency:
        unit = currency
    borrow = False
    if unit is None:
        unit, end, borrow = _unit_after(text, end)
    if m.group("num2"):  # a range or a score
        second = _value(m.group("num2"))
        if second is None or second <= value or (scale is None and unit is None and not percent):
            return []
        first = _C(m.start(), m.end("num"), value * factor, unit, None, approximate, lower_bound, currency,
                   percent, borrow)
        second_c = _C(m.start("num2"), end, second * factor, unit, None, False, False, currency, percent, borrow)
        return [first, second_c]
    start = m.start()
    if hedge is None and cur is None:
        start = num_start
    one = _C(start, end, value * factor, unit, None, approximate, lower_bound, currency, percent, borrow)
    one.word_one = lower == "satu"
    return [one]


def _unit_after(text: str, pos: int) -> tuple[str | None, int, bool]:
    """The counted noun after a number: (unit, end of the extent, borrow-from-previous)."""
    m = _WORD_AFTER.match(text, pos)
    if not m:
        return None, pos, False
    word = m.group("w")
    lower = word.lower()
    if lower in ("lainnya", "lagi"):
        return None, m.end(), True
    if lower in _CLASSIFIERS and word == lower:
        following = _WORD_AFTER.match(text, m.end())
        if following and _nounish(following.group("w")) and following.group("w").lower() not in _CLASSIFIERS:
            noun = following.group("w")
            return (noun if noun.isupper() else _lemma(noun.lower())), following.end(), False
        if lower == "kali":
            return None, pos, False  # `dua kali lipat`, `tiga kali`: how often, not how many
        return lower, m.end(), False
    if _nounish(word):
        following = _WORD_AFTER.match(text, m.end())
        if lower == "metrik" and following and following.group("w").lower() == "ton":
            return "ton", following.end(), False
        return (word if word.isupper() else _lemma(lower)), m.end(), False
    if lower in _CUE_WORDS and word == lower:
        return None, pos, True
    return None, pos, False


def _borrow_units(found: list[_C], sentences: SentenceBounds) -> None:
    """`57 lainnya`, `puluhan terluka`: the unit of the previous count in the same sentence."""
    for index, c in enumerate(found):
        if not c.borrow or c.unit is not None:
            continue
        s0 = sentences.start(c.start)
        for prev in reversed(found[:index]):
            if prev.end <= s0:
                break
            if prev.unit and not prev.currency and not prev.percent:
                c.unit = prev.unit
                break


def _distance(text: str, a: int, b: int) -> int:
    """Characters between two positions, plus 40 for every clause break in between."""
    lo, hi = min(a, b), max(a, b)
    return (hi - lo) + 15 * len(_CLAUSE_BREAK.findall(text, lo, hi))


def _category(c: _C, text: str, sentences: SentenceBounds) -> str | None:
    s0, s1 = sentences.start(c.start), sentences.end(c.end)
    best: tuple[int, str] | None = None
    for m in _CUE_RE.finditer(text, s0, s1):
        cue_text = re.sub(r"\s+", " ", m.group(0).lower())
        unit = (c.unit or "").lower()
        for cue in _CUE_BY_TEXT.get(cue_text, ()):
            allowed = cue.units if cue.units is not None else _ALLOWED_UNITS.get(cue.category)
            if allowed is not None and unit not in allowed and not (
                    cue.units is None and allowed is not None and _PEOPLE <= allowed and _is_person(unit)):
                continue
            if m.start() >= c.end:
                if cue.side == "before":
                    continue
                distance = _distance(text, c.end, m.start())
            elif m.end() <= c.start:
                if cue.side == "after" and not _RELATIVE.search(text, max(0, m.start() - 12), m.start()):
                    continue  # `tewas` before a count; but `lahan yang terbakar mencapai 12.500 hektare`
                distance = _distance(text, m.end(), c.start)
            else:
                distance = 0  # the cue is the counted noun itself (`147 tersangka`)
            if best is None or distance < best[0]:
                best = (distance, cue.category)
    return best[1] if best else None


# -- evaluation ---------------------------------------------------------------------------------

def to_dicts(counts: list[Count], article: str) -> list[dict]:
    """Counts as gold-file-style dicts."""
    return [{"article": article, "start": c.start, "end": c.end, "text": c.text, "value": c.value,
             "unit": c.unit, "category": c.category, "approximate": c.approximate,
             "lower_bound": c.lower_bound, "currency": c.currency} for c in counts]


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a == b
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))


def score_counts(gold: list[dict], predicted: list[dict]) -> dict:
    """Extent precision/recall/F1 (exact and relaxed = overlap); value, unit,
    category and approximate accuracy over the exact-extent matches."""
    return score_extents(gold, predicted, {
        "value": lambda g, p: _same_value(g.get("value"), p.get("value")),
        "unit": lambda g, p: (g.get("unit") or None) == (p.get("unit") or None),
        "category": lambda g, p: (g.get("category") or None) == (p.get("category") or None),
        "approximate": lambda g, p: bool(g.get("approximate")) == bool(p.get("approximate")),
    })


# -- spaCy component ------------------------------------------------------------------------

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from warta.nlp import extensions  # noqa: E402

extensions.register("published", "times", "counts")


@Language.component("warta_counts", requires=["doc.sents", "doc._.times"], assigns=["doc._.counts"])
def warta_counts(doc: Doc) -> Doc:
    """Store `find_counts(doc.text)` in `doc._.counts`, in the Doc's sentences (reusing `doc._.times` when set)."""
    doc._.counts = find_counts(doc.text, doc._.times, SentenceBounds.of_doc(doc))
    return doc
