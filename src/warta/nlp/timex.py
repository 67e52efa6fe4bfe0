"""Time expressions in Indonesian news, TIMEX3-style.

`find_times(text, published)` returns every date, time, duration and set
expression in `text`, normalised against the publication date, sorted by
start, non-overlapping (the longest candidate wins) and with exact character
offsets (`text[t.start:t.end] == t.text`).

The recogniser is a set of precompiled regular expressions (one per
expression class) plus a few normalisation rules. Month and day names come
from Babel's CLDR data for `id`; everything dateparser gets wrong for
Indonesian news (weekdays with `pada hari`, `Juni tahun lalu`, number words,
`pekan lalu`, `lusa`, `awal bulan ini`, `tahun 2019` filled with today's day
and month, `2,5 jam` read as a date) is done here by rule. dateparser is not
used at run time: it is ~0.5 ms per call and would still need all these rules.

Conventions (see docs/times-and-counts.md for the full list):

- Extents leave out prepositions (`pada`, `sejak`, `hingga`, `selama`,
  `dalam`, `mulai`) but keep `hari`/`tanggal`/`tahun` and modifiers
  (`sekitar` -> mod APPROX, `hampir` -> LESS_THAN, `lebih dari` ->
  MORE_THAN, `sedikitnya` -> EQUAL_OR_MORE, `awal`/`pertengahan`/`akhir` ->
  START/MID/END).
- A bare weekday is the most recent such day on or before publication
  (`Kamis` in an article of Thursday is the publication day), unless the
  sentence before it is future-marked (`akan`, `dijadwalkan`, ...): then the
  next such day on or after publication.
- A month without a year is the most recent such month not after the
  publication month (future-marked sentences: the next one not before it);
  `Juni lalu` is strictly before, `Juni mendatang` strictly after.
- A day and month without a year (`(9/2)`, `9 Februari`): a given weekday
  picks the year (among last, this and next year, near publication) in which
  it matches; otherwise the publication year, unless that lands more than 7
  days (`(9/2)`) or 150 days (`9 Februari`) after publication (then the year
  before), or, in a future-marked sentence, more than 60 days before
  publication (then the year after).
- Parts of day (TimeML): pagi and dini hari -> MO, siang -> MI, sore -> AF,
  petang -> EV, malam -> NI (`Senin (27/4) malam` -> TIME `2025-04-27TNI`).
- Clock values carry no zone offset (`pukul 14.00 WIB` -> `...T14:00`).
- Reference words: `saat ini`/`kini`/`sekarang` PRESENT_REF, `saat itu`/`dulu`
  PAST_REF, `nanti`/`ke depan` FUTURE_REF.
- Reference time: the expressions are walked in order, keeping the latest
  explicit date the narrative moved to; `sehari kemudian`, `keesokan harinya`,
  `hari yang sama`, `tiga minggu kemudian`, `sehari sebelumnya` (DATEs),
  `saat itu` (that date, else PAST_REF) and bare weekdays are normalised
  against it (anchor `narrative`), else the publication date (`published`).
- A clock time without a date takes the nearest day in its sentence,
  else the last day mentioned before it, else the publication date; a
  small-hours time after an evening one is on the next day.
- `hari ini`, `kemarin`, `besok` inside a direct quote count from the day the
  words were said (the attribution's date, else the last day mentioned, if
  within the week before publication).
- Ranges (`10-12 Mei 2025`, `2019-2024`, `2-3 hari`, `Senin hingga Rabu`) are
  two expressions, one per end point, so both ends keep exact offsets; both
  carry `begin_point` / `end_point` (TimeML beginPoint / endPoint).
- Law and decree citations (`UU Nomor 12 Tahun 2011`) are not times; Hijri
  years are the Gregorian year of their middle (`1437H` -> 2016); seasons
  take TimeML codes (`musim panas` -> SU).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from babel.dates import get_day_names, get_month_names

from warta import lexicon
from warta.model import TimeExpression
from warta.nlp.scoring import score_extents
from warta.nlp.sentences import SentenceBounds

__all__ = ["find_times", "score_times", "parse_number_words", "to_dicts", "NUMBER_WORDS_PATTERN"]

# -- vocabulary ------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _num, _name in get_month_names("wide", locale="id").items():
    _MONTHS[_name.lower()] = _num
_SPELLINGS = lexicon.table("calendar_spellings.tsv")
_MONTHS.update({row["form"]: int(row["number"]) for row in _SPELLINGS if row["kind"] == "month"})
_MONTH_ABBR: dict[str, int] = {}
for _num, _name in get_month_names("abbreviated", locale="id").items():
    _MONTH_ABBR[_name.lower().rstrip(".")] = _num
_MONTH_ABBR.update({row["form"]: int(row["number"]) for row in _SPELLINGS if row["kind"] == "month_abbr"})

#: weekday name -> Python weekday (Monday = 0)
_WEEKDAYS: dict[str, int] = {}
for _num, _name in get_day_names("wide", locale="id").items():
    _WEEKDAYS[_name] = _num
_WEEKDAYS.update({row["form"]: int(row["number"]) for row in _SPELLINGS if row["kind"] == "weekday"})

#: part of the day -> TimeML code
_PARTS = {row["part"]: row["code"] for row in lexicon.table("parts_of_day.tsv")}
#: word taking part of a date -> TimeML mod (`akhir Maret`)
_MODS = {row["word"]: row["mod"] for row in lexicon.table("time_modifiers.tsv")}
#: hedge -> TimeML mod (`sekitar pukul 09.00`)
_QMODS = {row["hedge"]: row["mod"] for row in lexicon.table("time_hedges.tsv")}
#: duration unit -> (designator, multiplier); designators starting with T are time units
_UNITS = {row["unit"]: (row["designator"], int(row["multiplier"])) for row in lexicon.table("duration_units.tsv")}
_ORDINALS = {row["ordinal"]: int(row["number"]) for row in lexicon.table("ordinals.tsv")}


def _number_value(text: str) -> float:
    """`3` -> 3, `0.5` -> 0.5 (whole numbers stay ints)."""
    value = float(text)
    return int(value) if value == int(value) else value


_UNIT_WORDS = {row["word"]: _number_value(row["value"]) for row in lexicon.table("number_words.tsv")
               if row["kind"] == "unit"}
#: relative day -> days from publication (`kemarin` -1, `besok lusa` +2)
_RELDAY = {row["phrase"]: int(row["days"]) for row in lexicon.table("relative_days.tsv")}
_SE_WORDS = {row["word"]: _number_value(row["value"]) for row in lexicon.table("number_words.tsv")
             if row["kind"] == "se"}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# -- regular expressions -----------------------------------------------------------

_W = r"[^\S\n]+"          # inline whitespace (expressions never cross a paragraph break)
_OW = r"[^\S\n]*"
_DASH = r"[-\u2013\u2014]"


def _phrases(phrases) -> str:
    """Like `_alt`, with a space inside a phrase matching any inline whitespace."""
    return _alt(phrases).replace(r"\ ", _W)


_MONTH = rf"(?i:{_alt(_MONTHS)})"
_MONABBR = rf"(?:{_alt(w.capitalize() for w in _MONTH_ABBR)})\.?"
_WD = rf"(?:{_alt(_WEEKDAYS)})"
#: A part of the day (the keys of `_PARTS`; `dini hari` also written `dinihari`)
_PART = rf"(?:dini{_OW}hari|{_alt(part for part in _PARTS if not part.startswith('dini'))})"
_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
_DAYN = r"(?:[12]\d|3[01]|0?[1-9])"
_MON_N = r"(?:1[0-2]|0?[1-9])"
_UNITW = _alt(_UNIT_WORDS)
_NUMWORD_ATOM = rf"(?:(?:{_UNITW})(?:{_W}(?:{lexicon.alternation('number_multipliers')}))?|{_alt(_SE_WORDS)})"
#: Indonesian number words: `tiga`, `dua belas`, `dua puluh lima`, `seratus`, `satu setengah`
NUMBER_WORDS_PATTERN = rf"(?i:\b{_NUMWORD_ATOM}(?:{_W}{_NUMWORD_ATOM})*\b)"
_DIGITS = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_NUM = rf"(?:(?<![\w.,/\-\u2013]){_DIGITS}(?![\d]|[.,]\d)|{NUMBER_WORDS_PATTERN})"
_VAGUE = rf"(?i:{lexicon.alternation('vague_amounts')})"
_UNIT = rf"(?i:{_alt(_UNITS)})\b"
_SE_UNIT = rf"(?i:\bse(?:{_alt(_UNITS)})\b(?!-))"
_QMOD = rf"(?i:\b(?:{_alt(_QMODS)}))"
_MOD = rf"(?i:\b(?:{_alt(_MODS)}))"
_CLOCK = (rf"(?i:pukul|jam|pk\.?){_W}(?P<h>2[0-4]|[01]?\d)(?!\d)(?:[.:](?P<mi>[0-5]\d))?(?:[.:][0-5]\d)?"
          rf"(?:{_OW}{_DASH}{_OW}(?P<h2>2[0-4]|[01]?\d)[.:](?P<mi2>[0-5]\d))?"
          rf"(?:{_OW}(?P<tz>(?i:WIB|WITA|WIT|UTC|GMT))\b)?(?:{_W}(?P<ws>waktu{_W}setempat))?")
_CLOCK_RE = re.compile(_CLOCK)

_RULES: list[tuple[str, re.Pattern]] = []


def _rule(name: str, pattern: str) -> None:
    # every expression starts at a word start: `(?<!\w)` lets the engine skip mid-word positions fast
    _RULES.append((name, re.compile(rf"(?<!\w)(?:{pattern})")))


# weekday phrases: `hari Rabu`, `Rabu (8/2/2017)`, `hari Rabu sore (22/10/14)`, `Rabu pekan lalu`,
# `Kamis sore pukul 17.00 WIB`, `pagi Selasa`, `Rabu, 4 September 2025`
_PDATE = (rf"\({_OW}(?P<{{p}}d>{_DAYN}){_OW}/{_OW}(?P<{{p}}m>{_MON_N})"
          rf"(?:{_OW}/{_OW}(?P<{{p}}y>\d{{{{4}}}}|\d{{{{2}}}}))?{_OW}\)")
_rule("weekday",
      rf"(?:(?P<part0>pagi|siang|sore|malam){_W})?(?:(?P<hari>(?i:hari)){_W})?(?<![\w'])(?P<wd>{_WD})(?![\w'])"
      rf"(?:{_OW},?{_OW}" + _PDATE.format(p="p") + rf"(?:{_W}(?i:kemarin|lalu)\b)?"
      rf"|{_OW},?{_W}(?P<ad>{_DAYN}){_W}(?P<am>{_MONTH})(?:{_W}(?P<ay>{_YEAR}))?\b"
      rf"|{_W}(?P<wrel>(?:pekan|minggu){_W}(?:lalu|depan|ini|kemarin)|{lexicon.alternation('weekday_relatives')})\b)?"
      rf"(?:{_W}(?P<part>{_PART})\b(?:{_W}hari\b)?)?"
      rf"(?:{_OW}" + _PDATE.format(p="q") + ")?"
      rf"(?:{_W}(?P<clk>(?:{_QMOD}{_W})?(?:pukul|jam){_W}\d{{1,2}}(?:[.:]\d\d)?(?:{_OW}(?:WIB|WITA|WIT)\b)?))?")

# day-month(-year) dates, ranges of days: `4 September 2025`, `11-16 Maret`, `Selasa`-less `(12/3)`
_rule("daymonth",
      rf"(?:(?P<mod>{_MOD}){_W})?(?:(?P<tgl>(?i:tanggal|tgl\.?)){_W})?(?<![\w.,/])"
      rf"(?:(?P<d1>{_DAYN}){_OW}{_DASH}{_OW})?(?P<d>{_DAYN}){_W}(?P<mon>{_MONTH}\b|{_MONABBR}(?=\s+\d))"
      rf"(?:{_W}(?P<y>{_YEAR})\b(?![.,]\d)|{_W}(?P<yrel>tahun{_W}(?:lalu|ini|depan)|{lexicon.alternation('date_relatives')})\b)?")
#: Range connectives (`hingga`, `sampai dengan`, `s.d.`): `7 hingga 9 jam` is a range of durations.
_RANGE_WORDS = _phrases(row["connective"] for row in lexicon.table("time_range_connectives.tsv"))
# a day of the month alone: `tanggal 24 kemarin`, `tanggal 5 mendatang`, `tanggal 17` (not `tanggal 4 - 10 Agustus`)
_rule("dayofmonth",
      rf"(?i:tanggal|tgl\.?){_W}(?P<d>{_DAYN})(?![\w/\-\u2013]|[.,]\d|{_OW}{_DASH}|{_W}{_MONTH}\b|{_W}{_MONABBR}"
      rf"|{_W}[A-Z])"  # `tanggal 1 Syawal`: a month of another calendar
      rf"(?:{_W}(?P<rel>(?i:{lexicon.alternation('date_relatives')}|nanti))\b)?")
#: The month a listed day shares with the days after it: `tanggal 1 sampai 2 September`, `tanggal 30 dan 31 Desember`
_DAY_LIST_MONTH = re.compile(rf"(?:{_OW}(?:{_DASH}|,|(?i:dan|{_RANGE_WORDS})(?!\w)){_OW}{_DAYN}(?!\d))+"
                             rf"{_W}(?P<mon>{_MONTH})\b(?:{_W}(?P<y>{_YEAR})\b)?")
_rule("numeric",
      rf"(?<![\w.,/])(?:(?P<d>{_DAYN})(?P<sep>[/.-])(?P<m>{_MON_N})(?P=sep)(?P<y>\d{{4}})"
      rf"|(?P<iy>{_YEAR})-(?P<im>{_MON_N})-(?P<id>{_DAYN}))(?![\w/.,-]?\d)")
_rule("paren", _PDATE.format(p="p").replace("{{", "{").replace("}}", "}"))

# months: `September 2023`, `Juni tahun lalu`, `akhir Maret lalu`, `Oktober mendatang`, bare `Juni`
_rule("month",
      rf"(?:(?P<mod>{_MOD}){_W})?(?:(?i:bulan){_W})?(?<![\w-])(?P<mon>{_MONTH})\b"
      rf"(?:{_OW}{_DASH}{_OW}(?P<mon2>{_MONTH})\b)?"
      rf"(?:{_W}(?:tahun{_W})?(?P<y>{_YEAR})\b(?![.,]\d)"
      rf"|{_W}(?P<yrel>tahun{_W}(?:lalu|ini|depan|kemarin)|{lexicon.alternation('month_relatives')})\b)?")

# years: `tahun 2019`, `pada 2019` (extent `2019`), `awal tahun 2020`, `2019-2024`, `1990-an`
_rule("year",
      rf"(?:(?P<mod>{_MOD}){_W})?(?:(?P<tahun>(?i:tahun)(?:{_W}(?:anggaran|ajaran|buku))?|(?i:era)){_W})?"
      rf"(?<![\w.,/$\u20ac\u00a3\-])(?P<y>{_YEAR}|(?<=tahun )\d0(?=-an))(?P<an>-an)?"
      rf"(?:{_OW}{_DASH}{_OW}(?P<y2>{_YEAR}|\d\d)(?![\d]))?(?![\w]|[.,]\d|{_OW}[-\u2013/]{_OW}\d)"
      rf"(?:{_W}(?P<ago>(?i:lalu|silam|kemarin))\b)?")
# Hijri years: `1437H`, `1446 Hijriah` (a DATE with the Gregorian year most of it falls in)
_rule("hijri", rf"(?:(?i:tahun){_W})?(?<![\w.,/])(?P<hy>1[34]\d\d){_OW}(?:H\b|(?i:hijriah|hijriyah)\b)")
#: Temperate seasons: `musim panas` -> (SU, June), lexicons/seasons.tsv
_SEASONS = {row["season"]: (row["code"], int(row["first_month"])) for row in lexicon.table("seasons.tsv")}
# seasons: `musim panas mendatang`, `musim dingin 2025`, `musim gugur tahun ini`, `akhir musim semi lalu`
_rule("season",
      rf"(?:(?P<mod>{_MOD}){_W})?(?i:musim){_W}(?P<s>(?i:{_alt(_SEASONS)}))\b"
      rf"(?:{_W}(?:(?i:tahun){_W})?(?P<y>{_YEAR})\b(?![.,]\d)"
      rf"|{_W}(?P<rel>(?i:tahun{_W}(?:lalu|ini|depan)|{lexicon.alternation('date_relatives')})))?\b")
_rule("century", rf"(?i:\babad{_W}ke-?{_OW}(?P<c>\d{{1,2}}))\b")
_rule("quarter",
      rf"(?:(?P<mod>{_MOD}){_W})?(?i:\b(?P<k>triwulan|kuartal|caturwulan|semester)){_W}"
      rf"(?P<o>(?i:{_alt(word for word in _ORDINALS if word.isalpha() and set(word) - set('iv'))})|IV|I{{1,3}}|[1-4])\b"
      rf"(?:{_W}(?:(?i:tahun){_W})?(?P<y>{_YEAR})\b|{_W}(?i:tahun){_W}(?P<r>ini|lalu|depan)\b)?"
      rf"(?:{_W}(?P<ini>(?i:ini))\b)?")

# relative days: `kemarin`, `hari ini`, `besok pagi`, `lusa`, `kemarin lusa`, `pagi ini`
_rule("relday",
      rf"(?i:\b(?P<rd>{_phrases(_RELDAY)})\b)"
      rf"(?:{_W}(?P<part>{_PART})\b)?")

# relative periods: `pekan lalu`, `sepekan lalu`, `4 tahun lalu`, `dua hari yang lalu`, `akhir bulan ini`
_rule("relperiod",
      rf"(?:(?P<q>{_QMOD}){_W})?(?:(?P<mod>{_MOD}){_W})?(?:(?P<n>{_NUM}){_W}|(?P<se>(?i:\bse))|(?<![\w-]))"
      rf"(?P<unit>(?i:{lexicon.alternation('period_units')}))"
      rf"{_W}(?P<rel>(?i:yang{_W}lalu|{lexicon.alternation('relative_period_words')}))\b")
_rule("weekend",
      rf"(?:(?P<mod>(?i:\bakhir|\bawal|\bpertengahan)){_W})(?P<unit>(?i:pekan|minggu|bulan|tahun))\b"
      rf"(?!{_W}(?i:anggaran|ajaran|buku)\b)"
      rf"(?:{_W}(?P<rel>(?i:lalu|ini|depan|mendatang))\b)?")

#: `berhari-hari`, `bertahun-tahun`
_REDUPLICATED = "|".join(f"{unit}-{unit}" for unit in sorted(lexicon.words("reduplicated_units")))
# durations: `2,5 jam`, `tiga hari`, `sepekan`, `3 x 24 jam`, `tiga tahun enam bulan`, `beberapa hari ke depan`
_DUR_ATOM = rf"(?:{_NUM}|{_VAGUE}|(?i:hitungan)){_W}{_UNIT}"
_rule("duration",
      rf"(?:(?P<q>{_QMOD}){_W})?"
      rf"(?P<body>(?:(?<![\w.,/\-\u2013])(?P<x1>\d+){_OW}[x\u00d7]{_OW}(?P<x2>\d+){_W}{_UNIT}"
      rf"|(?P<r1>{_NUM})(?:{_OW}{_DASH}{_OW}|{_W}(?i:{_RANGE_WORDS}){_W})(?P<r2>\d+(?:,\d+)?|{NUMBER_WORDS_PATTERN}){_W}{_UNIT}"
      rf"|{_DUR_ATOM}|{_SE_UNIT}|(?i:\bber(?:{_REDUPLICATED})\b))"
      rf"(?:{_W}(?:dan{_W})?(?:{_NUM}){_W}{_UNIT})*)"
      rf"(?:{_W}(?P<tail>(?i:terakhir|ke{_W}depan|belakangan(?:{_W}ini)?))\b)?")

_CALENDAR_UNITS = lexicon.words("calendar_units")
# sets: `setiap Senin`, `setiap tahun`, `per hari`, `tahunan`, `setiap dua tahun`, `dua kali setahun`
_rule("set",
      rf"(?i:\b(?P<q>setiap|tiap-tiap|tiap|saban)){_W}(?:(?P<n>{_NUM}){_W})?"
      rf"(?P<u>(?i:{lexicon.alternation('set_units')})(?:nya)?\b|{_WD}(?![\w'])|{_MONTH}\b|(?i:pagi|siang|sore|malam)\b)"
      rf"|(?i:\bper){_W}(?P<pu>(?i:{lexicon.alternation('per_units')}))\b"
      rf"|(?:(?i:secara){_W})?(?<![\w-])(?P<adj>tahunan|bulanan|mingguan|harian)\b(?!-)"
      rf"|(?P<kn>{_NUM}){_W}(?i:kali){_W}(?:(?i:dalam|per){_W})?"
      rf"(?P<ku>(?i:{_alt(_CALENDAR_UNITS | {'se' + unit for unit in _CALENDAR_UNITS})}))\b")

# reference values: `saat ini`, `kini`, `sekarang` (PRESENT_REF); `saat itu`, `dulu` (PAST_REF); `nanti`, `ke depan`
_REFS = {row["phrase"]: row["value"] for row in lexicon.table("time_references.tsv")}
_rule("ref",
      rf"(?i:\b(?P<ref>{_phrases(_REFS)})\b)(?!-)")
#: `dulu` is "formerly" after these words or at a sentence start; elsewhere it is mostly "first" (`tunggu dulu`)
_DULU_BEFORE = re.compile(rf"(?i)\b(?:{lexicon.alternation('formerly_before')})[^\S\n]+$")


#: `<number> <unit> <word>`: word -> sign (`sehari kemudian` +1 day, `tiga minggu kemudian` +21 days)
_SHIFT_WORDS = {row["word"]: int(row["sign"]) for row in lexicon.table("time_shift_words.tsv")}
#: Expressions counted from the reference time (the date the narrative has moved to, else publication):
#: phrase -> (unit, signed amount).
_SHIFT_PHRASES = {row["phrase"]: (row["unit"], int(row["amount"])) for row in lexicon.table("time_shifts.tsv")}
# counted from the reference time: `sehari kemudian`, `tiga minggu kemudian`, `keesokan harinya`, `hari yang sama`
_rule("shift",
      rf"(?i:(?:(?P<n>{_NUM}){_W}|\b(?P<se>se))(?P<unit>{lexicon.alternation('calendar_units')})"
      rf"{_W}(?P<rel>{_alt(_SHIFT_WORDS)})\b"
      rf"|\b(?P<phrase>{_phrases(_SHIFT_PHRASES)})\b)")


# clock times: `pukul 09.00 WIB`, `sekitar pukul 21.30 waktu setempat`, `pukul 12.00 WITA hari ini`, `10.00 WIB`
_rule("clock",
      rf"(?:(?P<q>{_QMOD}){_W})?(?<![\w.])(?:{_CLOCK}"
      rf"|(?P<bh>2[0-4]|[01]?\d)[.:](?P<bm>[0-5]\d){_OW}(?P<btz>(?i:WIB|WITA|WIT))\b|(?P<tm>(?i:tengah{_W}malam)))"
      rf"(?:{_W}(?P<part>{_PART})\b(?:{_W}(?P<pd>(?i:ini|tadi))\b)?)?"
      rf"(?:{_W}(?P<day>(?i:hari{_W}ini|kemarin|besok))\b)?")

_LAW_BEFORE = re.compile(r"(?i)(?:\b(?:nomor|nomer|no\.?|nr\.?)\s*\d+\s*(?:tahun|thn\.?|/)?\s*$|\bUU\s*\d+\s*/\s*$"
                         # a decree's identifier: `nomor M.HH-01.AH.11.01 tahun 2018`
                         r"|\b(?:nomor|nomer|no\.)[^\S\n]*[A-Z0-9]+[./][\w./]*(?:[^\S\n]*-[^\S\n]*[\w./]+)*[^\S\n]+"
                         r"(?:tahun[^\S\n]+)?$)")
#: The capitalised word just before a bare year, and what precedes that word
#: (a sentence boundary makes the capital mean nothing).
_NAME_BEFORE = re.compile(r"(?P<pre>^|.)[^\S\n]*\b(?P<name>[A-Z][\w&.-]*)[^\S\n]+$", re.S)
_CALENDAR_NAMES = frozenset(row["name"] for row in lexicon.table("calendar_names.tsv"))
_MONEY_BEFORE = re.compile(r"(?i)(?:\brp\.?|us\$|\$|s\$|sgd|usd|idr|€|£|\bke-|\bkm|\bno\.?|\bnomor|#)\s*$")
_COUNT_AFTER = re.compile(rf"(?i)[^\S\n]+(?:{lexicon.alternation('units_after_number')}|%)\b")
_AGE_BEFORE = re.compile(rf"(?i)\b(?:{lexicon.alternation('age_words')})[^\S\n]+$")
_LAW_NUMBER = re.compile(r"(?i)\b(?:nomor|nomer|no\.?|nr\.?)[^\S\n]*$")
_PAST_PREP = re.compile(rf"(?i)\b(?:{lexicon.alternation('since_words')})[^\S\n]+(?:(?:hari|tanggal|bulan)[^\S\n]+)?$")
_FUTURE = re.compile(rf"(?i)\b(?:{lexicon.alternation('future_markers')})\b")
_SAID = re.compile(rf"[,.!?]?[\"\u201d][^\S\n]*,?[^\S\n]*(?i:{lexicon.alternation('said_stems')})\w*\b")
_TRAIL_PART = re.compile(rf"{_W}(?P<part>{_PART})\b(?:{_W}hari\b)?")
_TRAIL_ZONE = re.compile(rf"{_W}(WIB|WITA|WIT)\b")
_TRAIL_LOCAL = re.compile(rf"{_W}waktu{_W}setempat\b")
_JOIN = re.compile(r"[^\S\n]*,?[^\S\n]*")
_NOT_A_DAY = re.compile(r"(?:\b(?i:salat|shalat|sholat|solat)|\bPasar)[^\S\n]+$")  # `salat Jumat`, `Pasar Minggu`
_FUTURE_PREP = re.compile(r"(?i)\b(?:sebelum|menjelang)[^\S\n]+(?:(?:bulan|tanggal)[^\S\n]+)?$")


# -- numbers -----------------------------------------------------------------------

def parse_number_words(words: str) -> float | None:
    """`dua puluh lima` -> 25, `seratus` -> 100, `satu setengah` -> 1.5, `sepuluh ribu` -> 10000."""
    total, current, last = 0.0, 0.0, 0.0
    seen = False
    for token in words.lower().split():
        if token in _UNIT_WORDS:
            last = _UNIT_WORDS[token]
            current += last
        elif token == "belas":
            current += 10
            last = 0
        elif token == "puluh":
            current += last * 9
            last = 0
        elif token == "ratus":
            current += last * 99
            last = 0
        elif token in ("ribu", "seribu"):
            total += (current or 1) * 1000 if token == "ribu" else 1000
            current, last = 0.0, 0.0
        elif token in ("juta", "sejuta"):
            total = (total + (current or 1)) * 1_000_000 if token == "juta" else total + 1_000_000
            current, last = 0.0, 0.0
        elif token == "setengah":
            current += 0.5
            last = 0
        elif token in _SE_WORDS:
            last = _SE_WORDS[token]
            current += last
        else:
            return None
        seen = True
    return total + current if seen else None


def _number(text: str) -> float | None:
    text = text.strip()
    if text and text[0].isdigit():
        return float(text.replace(".", "").replace(",", "."))
    return parse_number_words(text)


def _fmt(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


# -- internal representation ----------------------------------------------------------

class _Skip(Exception):
    """A candidate that needs the publication date when there is none, or is not a time."""


@dataclass
class _T:
    start: int
    end: int
    type: str
    value: str = ""
    anchor: str = "absolute"
    mod: str | None = None
    day: date | None = None        # day-precision date, for merging and clock anchoring
    clock: str | None = None       # "HH:MM" waiting for a date
    part: str | None = None        # TIMEX3 part of day (MO, AF, EV, NI)
    unknown_year: bool = False     # value like XXXX-MM-DD (no publication date)
    priority: int = 0
    explicit: bool = False         # the text states the day or month (`Sabtu (14/6)`, `14 Juni`): moves the narrative
    bare_weekday: int | None = None  # a weekday without a date, to normalise against the reference time
    shift: tuple[str, int] | None = None  # (unit, signed amount) from the reference time: `sehari kemudian`
    timezone: str | None = None    # WIB, WITA, WIT, UTC, GMT; `local` for `waktu setempat`
    then: bool = False             # `saat itu`: the reference time if the narrative has one, else PAST_REF
    range_end: _T | None = None    # on a range's first expression: the one that ends it (`10-12 Mei`)
    quoted_days: int | None = None  # `hari ini` inside a direct quote: days from the day the words were said

    def final_value(self) -> str:
        if self.day is not None or self.unknown_year:
            base = self.day.isoformat() if not self.unknown_year and self.day is not None else self.value
            if self.clock:
                return f"{base}T{self.clock}"
            if self.part:
                return f"{base}T{self.part}"
            return base
        return self.value


class _Ctx:
    def __init__(self, text: str, published: date | None, sentences: SentenceBounds | None = None):
        self.text = text
        self.pub = published
        self._sentences = sentences

    @property
    def sentences(self) -> SentenceBounds:
        """The text's sentences: the Doc's when given, else segmented on first use."""
        if self._sentences is None:
            self._sentences = SentenceBounds.of_text(self.text)
        return self._sentences

    def sentence_initial(self, pos: int) -> bool:
        return self.sentences.start(pos) == pos

    def need_pub(self) -> date:
        if self.pub is None:
            raise _Skip
        return self.pub

    def future(self, start: int) -> bool:
        """Is the clause before `start` future-marked (`akan`, `dijadwalkan`...)?"""
        text = self.text
        if _PAST_PREP.search(text, max(0, start - 20), start):
            return False
        if _FUTURE_PREP.search(text, max(0, start - 20), start):
            return True
        lo = self.sentences.start(start)
        for said in _SAID.finditer(text, lo, start):  # `... nanti," kata Menkumham, Selasa.`: the quote's tense
            lo = said.end()                             # is not the reporting clause's
        return bool(_FUTURE.search(text, lo, start))


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _valid(year: int, month: int, day: int) -> date | None:
    if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def _infer_year(month: int, day: int, pub: date, weekday: int | None, future: bool,
                ahead: int = 7) -> date | None:
    """The year of a day and month written without one.

    A weekday picks the year in which it matches (near publication); else the
    publication year, unless the date would be more than `ahead` days after
    publication (then the year before) or, in a future-marked sentence, more
    than 60 days before it (then the year after).
    """
    candidates = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _valid(y, month, day))]
    if not candidates:
        return None
    if weekday is not None:
        # only near publication: `Senin (27/4)` in September is the past April, not next year's
        matching = [d for d in candidates if d.weekday() == weekday and -270 <= (d - pub).days <= 90]
        if matching:
            return min(matching, key=lambda d: abs((d - pub).days))
    this_year = _valid(pub.year, month, day)
    if this_year is None:  # 29 February
        return min(candidates, key=lambda d: abs((d - pub).days))
    if future:
        return this_year if this_year >= pub - timedelta(days=60) else _valid(pub.year + 1, month, day)
    return this_year if this_year <= pub + timedelta(days=ahead) else _valid(pub.year - 1, month, day)


#: a `9 Februari` without a year may lie this far (days) after publication and still be this year's;
#: a parenthesised report date `(9/2)` only 7 days
_PROSE_AHEAD = 150


def _month_year(month: int, pub: date, rel: str | None, future: bool) -> int:
    rel = (rel or "").lower()
    rel = re.sub(r"\s+", " ", rel)
    if rel in ("tahun lalu", "tahun kemarin"):
        return pub.year - 1
    if rel == "tahun ini" or rel == "ini":
        return pub.year
    if rel == "tahun depan":
        return pub.year + 1
    if rel in ("lalu", "kemarin", "silam"):  # `Januari lalu` in a January article: earlier this month
        return pub.year if month <= pub.month else pub.year - 1
    if rel in ("mendatang", "depan"):
        return pub.year if month > pub.month else pub.year + 1
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _two_digit_year(value: str, pub: date | None) -> int:
    if len(value) == 4:
        return int(value)
    year = 2000 + int(value)
    limit = (pub.year if pub else date.today().year) + 5
    return year if year <= limit else year - 100


def _qmod(value: str | None) -> str | None:
    return _QMODS.get(re.sub(r"\s+", " ", value.lower())) if value else None


def _mod(value: str | None) -> str | None:
    return _MODS.get(value.lower()) if value else None


# -- rule handlers: match -> list of _T --------------------------------------------------

def _h_weekday(m: re.Match, ctx: _Ctx) -> list[_T]:
    text = ctx.text
    wd_name = m.group("wd")
    weekday = _WEEKDAYS[wd_name]
    start = m.start()
    wrel = m.group("wrel")
    if _NOT_A_DAY.search(text, max(0, start - 12), start):
        raise _Skip
    if wd_name == "Minggu" and wrel and wrel.lower() in ("lalu", "depan", "ini") and \
            ctx.sentence_initial(m.start("wd")):
        raise _Skip  # sentence-initial `Minggu lalu` is "last week"
    pd, qd = m.group("pd"), m.group("qd")
    t = _T(start, m.end(), "DATE")
    prefix = "p" if pd else ("q" if qd else None)
    t.explicit = bool(prefix or m.group("ad"))
    if prefix:
        d, mo, y = int(m.group(prefix + "d")), int(m.group(prefix + "m")), m.group(prefix + "y")
        if y:
            t.day = _valid(_two_digit_year(y, ctx.pub), mo, d)
            if t.day is None:
                raise _Skip
        elif ctx.pub is None:
            t.value, t.unknown_year = f"XXXX-{mo:02d}-{d:02d}", True
        else:
            t.day = _infer_year(mo, d, ctx.pub, weekday, ctx.future(start))
            t.anchor = "published"
            if t.day is None:
                raise _Skip
    elif m.group("ad"):
        mo, d, y = _MONTHS[m.group("am").lower()], int(m.group("ad")), m.group("ay")
        if y:
            t.day = _valid(int(y), mo, d)
        elif ctx.pub is None:
            t.value, t.unknown_year = f"XXXX-{mo:02d}-{d:02d}", True
        else:
            t.day = _infer_year(mo, d, ctx.pub, weekday, ctx.future(start), ahead=_PROSE_AHEAD)
            t.anchor = "published"
        if t.day is None and not t.unknown_year:
            raise _Skip
    else:
        pub = ctx.need_pub()
        t.anchor = "published"
        rel = re.sub(r"\s+", " ", (wrel or "").lower())
        monday = pub - timedelta(days=pub.weekday())
        if rel in ("pekan lalu", "minggu lalu", "pekan kemarin", "minggu kemarin"):
            t.day = monday - timedelta(days=7) + timedelta(days=weekday)
        elif rel in ("pekan depan", "minggu depan"):
            t.day = monday + timedelta(days=7 + weekday)
        elif rel in ("pekan ini", "minggu ini", "ini"):
            t.day = monday + timedelta(days=weekday)
        elif rel in ("lalu", "kemarin"):
            t.day = pub - timedelta(days=((pub.weekday() - weekday) % 7) or 7)
        elif rel in ("depan", "mendatang", "nanti", "besok", "esok"):
            t.day = pub + timedelta(days=((weekday - pub.weekday()) % 7) or 7)
        elif ctx.future(start):
            t.day = pub + timedelta(days=(weekday - pub.weekday()) % 7)
            t.bare_weekday = weekday
        else:
            t.day = pub - timedelta(days=(pub.weekday() - weekday) % 7)
            t.bare_weekday = weekday
    part = m.group("part") or m.group("part0")
    if part:
        t.part = _PARTS[re.sub(r"\s+", " ", part.lower())]
        t.type = "TIME"
    clk = m.group("clk")
    if clk:
        cm = re.search(_CLOCK, clk)
        q = re.match(rf"{_QMOD}", clk)
        if cm is None:
            raise _Skip
        t.clock = _clock_value(cm.group("h"), cm.group("mi"), part)
        t.type, t.mod = "TIME", _qmod(q.group(0)) if q else None
        t.timezone = _zone(cm.group("tz"), cm.group("ws"))
    return [t]


def _zone(tz: str | None, local: str | None = None) -> str | None:
    """`WIB` -> WIB, `waktu setempat` -> local, nothing -> None."""
    if tz:
        return tz.upper()
    return "local" if local else None


def _clock_value(hour: str, minute: str | None, part: str | None) -> str:
    """`HH:MM` on the 24-hour clock. No zone offset: TIMEX3 values carry none
    (TimeML); the zone is the expression's `timezone` attribute."""
    h, mi = int(hour), int(minute or 0)
    part = (part or "").lower()
    if part in ("sore", "petang", "malam") and h < 12 and not (part == "malam" and h <= 3):
        h += 12
    elif part == "siang" and h < 6:
        h += 12
    return f"{h:02d}:{mi:02d}"


def _range(first: _T, last: _T) -> list[_T]:
    """The two end points of a range written as one phrase (`10-12 Mei`, `2019-2024`, `2-3 hari`), linked."""
    first.range_end = last
    return [first, last]


def _h_daymonth(m: re.Match, ctx: _Ctx) -> list[_T]:
    mon_text = m.group("mon").rstrip(".").lower()
    month = _MONTHS.get(mon_text) or _MONTH_ABBR.get(mon_text)
    if month is None or not m.group("mon")[0].isupper():
        raise _Skip
    d = int(m.group("d"))
    y, yrel = m.group("y"), m.group("yrel")
    anchor = "absolute"
    unknown = False
    if y:
        year = int(y)
    elif yrel:
        pub = ctx.need_pub()
        anchor = "published"
        year = _month_year(month, pub, yrel, False)
    elif ctx.pub is None:
        year, unknown = 0, True
    else:
        inferred = _infer_year(month, d, ctx.pub, None, ctx.future(m.start()), ahead=_PROSE_AHEAD)
        if inferred is None:
            raise _Skip
        year, anchor = inferred.year, "published"
    mod = _mod(m.group("mod"))

    def make(first: int, last: int, day_text: str) -> _T:
        t = _T(first, last, "DATE", anchor=anchor, mod=mod, explicit=True)
        if unknown:
            t.value, t.unknown_year = f"XXXX-{month:02d}-{int(day_text):02d}", True
        else:
            t.day = _valid(year, month, int(day_text))
            if t.day is None:
                raise _Skip
        return t

    if m.group("d1"):  # `11-16 Maret`: two dates, the first is just the number
        return _range(make(m.start(), m.end("d1"), m.group("d1")), make(m.start("d"), m.end(), m.group("d")))
    return [make(m.start(), m.end(), m.group("d"))]


def _h_dayofmonth(m: re.Match, ctx: _Ctx) -> list[_T]:
    """`tanggal 24 kemarin`: the 24th of the latest month that has it before publication (`lalu`,
    `kemarin`, or a bare day in a past sentence), of the next one after it (`mendatang`, `depan`, `nanti`,
    or a future-marked sentence); `ini` is this month's."""
    d = int(m.group("d"))
    listed = _DAY_LIST_MONTH.match(ctx.text, m.end("d"))
    if listed and not m.group("rel"):  # `tanggal 1 sampai 2 September`: September's first
        month = _MONTHS[listed.group("mon").lower()]
        if listed.group("y"):
            listed_day = _valid(int(listed.group("y")), month, d)
            anchor = "absolute"
        else:
            pub = ctx.need_pub()
            listed_day = _infer_year(month, d, pub, None, ctx.future(m.start()), ahead=_PROSE_AHEAD)
            anchor = "published"
        if listed_day is None:
            raise _Skip
        return [_T(m.start(), m.end("d"), "DATE", day=listed_day, anchor=anchor, explicit=True)]
    pub = ctx.need_pub()
    rel = (m.group("rel") or "").lower()
    if rel == "ini":
        day = _valid(pub.year, pub.month, d)
    else:
        ahead = rel in ("mendatang", "depan", "nanti") or (not rel and ctx.future(m.start()))
        step = 1 if ahead else -1
        year, month = pub.year, pub.month
        day = None
        for _ in range(3):
            day = _valid(year, month, d)
            if day is not None and (day > pub if ahead else (day < pub if rel else day <= pub)):
                break
            year, month = _add_months(year, month, step)
            day = None
    if day is None:
        raise _Skip
    return [_T(m.start(), m.end(), "DATE", day=day, anchor="published", explicit=True)]


def _h_numeric(m: re.Match, ctx: _Ctx) -> list[_T]:
    if m.group("iy"):
        day = _valid(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        day = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("sep") == "." and int(m.group("y")) < 1900:
            raise _Skip
    if day is None:
        raise _Skip
    return [_T(m.start(), m.end(), "DATE", day=day, explicit=True)]


def _h_paren(m: re.Match, ctx: _Ctx) -> list[_T]:
    d, mo, y = int(m.group("pd")), int(m.group("pm")), m.group("py")
    t = _T(m.start(), m.end(), "DATE", explicit=True)
    if y:
        t.day = _valid(_two_digit_year(y, ctx.pub), mo, d)
    elif ctx.pub is None:
        t.value, t.unknown_year = f"XXXX-{mo:02d}-{d:02d}", True
    else:
        t.day, t.anchor = _infer_year(mo, d, ctx.pub, None, ctx.future(m.start())), "published"
    if t.day is None and not t.unknown_year:
        raise _Skip
    t.priority = -1
    return [t]


def _h_month(m: re.Match, ctx: _Ctx) -> list[_T]:
    if not m.group("mon")[0].isupper():
        raise _Skip
    y, yrel = m.group("y"), m.group("yrel")
    mod = _mod(m.group("mod"))
    months = [(m.group("mon"), m.start("mon"), m.end("mon"))]
    if m.group("mon2"):
        months.append((m.group("mon2"), m.start("mon2"), m.end("mon2")))
    out = []
    for index, (name, start, end) in enumerate(months):
        month = _MONTHS[name.lower()]
        t = _T(m.start() if index == 0 else start, m.end() if index == len(months) - 1 else end, "DATE", mod=mod,
               explicit=True)
        if y:
            t.value = f"{int(y):04d}-{month:02d}"
        elif ctx.pub is None:
            if yrel:
                raise _Skip
            t.value = f"XXXX-{month:02d}"
        else:
            year = _month_year(month, ctx.pub, yrel, ctx.future(m.start()))
            t.value, t.anchor = f"{year:04d}-{month:02d}", "published"
        out.append(t)
    return _range(*out) if len(out) == 2 else out


def _h_year(m: re.Match, ctx: _Ctx) -> list[_T]:
    text = ctx.text
    y_start = m.start("y")
    tahun = m.group("tahun")
    before = text[max(0, m.start() - 40):m.start()]
    if _LAW_BEFORE.search(before) or (tahun and re.search(r"(?i)\b(?:nomor|no\.?)\s*\d+\s*$", before)):
        raise _Skip
    if not tahun and _in_a_name(text, m):
        raise _Skip
    if not tahun and not m.group("mod"):
        if _MONEY_BEFORE.search(text, max(0, y_start - 6), y_start):
            raise _Skip
        if _COUNT_AFTER.match(text, m.end()):
            raise _Skip
        if re.search(r"\d[^\S\n]*[)\-]?[^\S\n]*$", text[max(0, y_start - 3):y_start]) or \
                re.match(r"[^\S\n]+\d{3,}", text[m.end():m.end() + 5]):
            raise _Skip  # inside a phone number or a list of digits
    if m.group("an"):
        digits = m.group("y")
        if len(digits) == 2:  # `tahun 80-an`
            digits = "19" + digits
        return [_T(m.start(), m.end(), "DATE", value=digits[:3])]
    mod = _mod(m.group("mod"))
    y = int(m.group("y"))
    if not m.group("y2"):
        return [_T(m.start(), m.end(), "DATE", value=f"{y:04d}", mod=mod)]
    if m.group("ago"):
        raise _Skip  # `2017-2018 lalu`: too rare to guess
    y2_text = m.group("y2")
    y2 = int(y2_text) if len(y2_text) == 4 else (y // 100) * 100 + int(y2_text)
    if y2 <= y:
        raise _Skip
    return _range(_T(m.start(), m.end("y"), "DATE", value=f"{y:04d}", mod=mod),
                  _T(m.start("y2"), m.end(), "DATE", value=f"{y2:04d}"))


#: The first day of the Hijri calendar (1 Muharram 1 AH) and the mean length of its year in days
_HIJRI_EPOCH, _HIJRI_YEAR = date(622, 7, 19), 354.36667


def _h_hijri(m: re.Match, ctx: _Ctx) -> list[_T]:
    """`musim haji 1437H`: TimeML values are Gregorian, so the year in which the middle of the Hijri year
    falls (1437 AH ran from October 2015 to October 2016: 2016)."""
    middle = _HIJRI_EPOCH + timedelta(days=(int(m.group("hy")) - 1) * _HIJRI_YEAR + _HIJRI_YEAR / 2)
    return [_T(m.start(), m.end(), "DATE", value=f"{middle.year:04d}")]


def _h_season(m: re.Match, ctx: _Ctx) -> list[_T]:
    """`musim panas mendatang` -> 2026-SU (TimeML season codes SP, SU, FA, WI). A bare season or `ini` is the
    publication year's (the winter that began last December in January and February); `lalu` the latest
    one over by publication, `mendatang`/`depan` the next one not yet begun. `kemarin` after a season is "recent"
    (`bursa transfer musim dingin kemarin`): the season as read bare, not yesterday."""
    code, first = _SEASONS[m.group("s").lower()]
    t = _T(m.start(), m.end(), "DATE", mod=_mod(m.group("mod")))
    if m.group("y"):
        t.value = f"{m.group('y')}-{code}"
        return [t]
    pub = ctx.need_pub()
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    year = pub.year - 1 if first == 12 and pub.month < 3 else pub.year
    begins = date(year, first, 1)
    ends_year, ends_month = _add_months(year, first, 3)
    if rel == "lalu" and date(ends_year, ends_month, 1) > pub:
        year -= 1
    elif rel in ("mendatang", "depan") and begins <= pub:
        year += 1
    elif rel.startswith("tahun"):
        year = pub.year + {"tahun lalu": -1, "tahun ini": 0, "tahun depan": 1}[rel]
    t.value, t.anchor = f"{year:04d}-{code}", "published"
    return [t]


def _in_a_name(text: str, m: re.Match) -> bool:
    """A bare year inside a name: `Pilpres 2019`, `ASEAN Games 2018`, `UU KPK 2000`, `Jawa Tengah 2018`.

    The year names an edition of an event, a law or an award, not a time of
    its own; the gold and TimeML leave it out. A capitalised word opening a
    sentence (`Pada 2019`, `Awal 2020`) says nothing, and the calendar's own
    names keep their year (`Ramadan 2017`, lexicons/calendar_names.tsv).
    """
    start = m.start() if m.group("mod") and m.group("mod")[0].isupper() else m.start("y")
    found = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if found is None or found.group("name") in _CALENDAR_NAMES or found.group("name").lower() in _MONTHS:
        return False
    return found.group("pre") not in ("", ".", "!", "?", "\"", "\u201c", "\n")


def _h_century(m: re.Match, ctx: _Ctx) -> list[_T]:
    c = int(m.group("c"))
    if not 1 <= c <= 22:
        raise _Skip
    return [_T(m.start(), m.end(), "DATE", value=f"{c - 1:02d}")]


def _h_quarter(m: re.Match, ctx: _Ctx) -> list[_T]:
    kind = m.group("k").lower()
    n = _ORDINALS.get(m.group("o").lower())
    limit = {"semester": 2, "caturwulan": 3}.get(kind, 4)
    if n is None or n > limit:
        raise _Skip
    code = {"semester": "H", "caturwulan": "T"}.get(kind, "Q")
    t = _T(m.start(), m.end(), "DATE", mod=_mod(m.group("mod")))
    if m.group("y"):
        year = int(m.group("y"))
    else:
        pub = ctx.need_pub()
        year = pub.year + {"lalu": -1, "depan": 1}.get((m.group("r") or "").lower(), 0)
        t.anchor = "published"
    t.value = f"{year:04d}-{code}{n}"
    return [t]




def _h_relday(m: re.Match, ctx: _Ctx) -> list[_T]:
    pub = ctx.need_pub()
    rd = re.sub(r"\s+", " ", m.group("rd").lower())
    t = _T(m.start(), m.end(), "DATE", anchor="published", day=pub + timedelta(days=_RELDAY[rd]))
    if _quote_close(ctx.text, m.start()) is not None:
        t.quoted_days = _RELDAY[rd]
    part = m.group("part")
    words = rd.split()
    if rd == "semalam":
        if re.search(r"(?i)\b(?:menginap|bermalam|selama|hanya|cuma)[^\S\n]+$",
                     ctx.text[max(0, m.start() - 12):m.start()]):
            raise _Skip  # `menginap semalam`: one night, not last night
        if part is not None:
            raise _Skip  # `semalam suntuk`-like phrases are not this
        part = "malam"
    if part is None and words[0] in _PARTS:
        part = words[0]
    elif part is None and words[-1] in _PARTS:
        part = words[-1]
    if part:
        t.part, t.type = _PARTS[re.sub(r"\s+", " ", part.lower())], "TIME"
    return [t]


def _quote_close(text: str, pos: int) -> int | None:
    """Where the direct quote around `pos` closes, or None when `pos` is not inside one (within its paragraph)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end == -1 else end
    before = text[start:pos]
    if before.count('"') % 2 == 1:
        close = text.find('"', pos, end)
    elif before.rfind("\u201c") > before.rfind("\u201d"):
        close = text.find("\u201d", pos, end)
    else:
        return None
    return end if close == -1 else close


def _h_relperiod(m: re.Match, ctx: _Ctx) -> list[_T]:
    unit = m.group("unit").lower()
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    n_text, se = m.group("n"), m.group("se")
    if se and m.start("unit") != m.end("se"):
        raise _Skip
    n = 1.0 if se else (_number(n_text) if n_text else None)
    if n is None and rel in ("lagi",):
        raise _Skip
    if n is not None and n != int(n):
        raise _Skip
    if unit in ("pekan", "minggu") and m.group("mod"):
        raise _Skip  # `akhir pekan lalu` is a weekend: see _h_weekend
    if unit == "hari" and n is None and rel != "ini":
        raise _Skip  # `hari lalu` alone is not a date
    if rel == "kemarin" and unit not in ("tahun", "bulan", "pekan", "minggu"):
        raise _Skip
    if unit == "minggu" and m.group("unit")[0].isupper() and \
            not ctx.sentence_initial(m.start("unit")):
        raise _Skip  # capitalised mid-sentence `Minggu` is Sunday
    pub = ctx.need_pub()
    sign = {"yang lalu": -1, "lalu": -1, "silam": -1, "kemarin": -1, "depan": 1, "mendatang": 1, "ini": 0,
            "lagi": 1}[rel]
    k = int(n) if n is not None else 1
    if rel == "ini":
        if n is not None and not se:
            raise _Skip
        if se and unit == "hari":
            raise _Skip  # `sehari ini` is not said
        k = 0
    delta = sign * k
    # `sekitar enam bulan lalu`: about six months ago (APPROX), not a six-month duration
    t = _T(m.start(), m.end(), "DATE", anchor="published", mod=_mod(m.group("mod")) or _qmod(m.group("q")))
    if unit == "hari":
        t.day = pub + timedelta(days=delta)
    elif unit in ("pekan", "minggu"):
        t.value = _week_value(pub + timedelta(days=7 * delta))
    elif unit == "bulan":
        year, month = _add_months(pub.year, pub.month, delta)
        t.value = f"{year:04d}-{month:02d}"
    elif unit == "tahun":
        t.value = f"{pub.year + delta:04d}"
    elif unit == "dekade":
        t.value = f"{(pub.year + 10 * delta) // 10:03d}"
    if t.mod and t.day is not None:
        raise _Skip
    return [t]


def _h_weekend(m: re.Match, ctx: _Ctx) -> list[_T]:
    pub = ctx.need_pub()
    unit = m.group("unit").lower()
    mod_word = m.group("mod").lower()
    rel = (m.group("rel") or "ini").lower()
    if unit == "minggu" and m.group("unit")[0].isupper():
        raise _Skip
    delta = {"lalu": -1, "ini": 0, "depan": 1, "mendatang": 1}[rel]
    t = _T(m.start(), m.end(), "DATE", anchor="published")
    if unit in ("pekan", "minggu"):
        week = _week_value(pub + timedelta(days=7 * delta))
        if mod_word == "akhir":
            t.value = f"{week}-WE"
        else:
            t.value, t.mod = week, _MODS[mod_word]
    elif unit == "bulan":
        year, month = _add_months(pub.year, pub.month, delta)
        t.value, t.mod = f"{year:04d}-{month:02d}", _MODS[mod_word]
    else:
        t.value, t.mod = f"{pub.year + delta:04d}", _MODS[mod_word]
    t.priority = -1
    return [t]


def _amount(value: float | None) -> str:
    """A duration's number, `X` when it is vague (`beberapa hari` -> `PXD`)."""
    return "X" if value is None else _fmt(value)


def _found(match: re.Match[str] | None) -> re.Match[str]:
    """A match a rule's own groups guarantee; a rule that misfires finds nothing rather than failing."""
    if match is None:
        raise _Skip
    return match


def _duration_value(parts: list[tuple[float | None, str]]) -> str:
    amounts: dict[str, float | None] = {}
    for n, unit in parts:
        designator, factor = _UNITS[unit.lower()]
        if n is None:
            amounts[designator] = None
        elif designator in amounts and amounts[designator] is None:
            continue
        else:
            amounts[designator] = (amounts.get(designator) or 0) + n * factor
    for big, small in (("TH", "TM"), ("TM", "TS")):  # `1,5 jam` -> PT1H30M (TimeML writes no fraction of an hour)
        amount = amounts.get(big)
        if amount is not None and amount != int(amount) and amounts.get(small, 0) is not None:
            rest = round((amount - int(amount)) * 60, 6)
            if rest == int(rest):
                amounts[big] = float(int(amount))
                amounts[small] = (amounts.get(small) or 0) + rest
                if not amounts[big]:
                    del amounts[big]
    date_part = "".join(_amount(amounts[d]) + d for d in "YMWD" if d in amounts)
    time_part = "".join(_amount(amounts["T" + d]) + d for d in "HMS" if "T" + d in amounts)
    return "P" + date_part + ("T" + time_part if time_part else "")


_ATOM_RE = re.compile(rf"(?:(?P<n>{_NUM}|{_VAGUE}|(?i:hitungan)){_W}(?P<u>{_UNIT})|(?P<se>{_SE_UNIT}))")
_BER_RE = re.compile(rf"(?i)ber({lexicon.alternation('reduplicated_units')})-")


def _h_duration(m: re.Match, ctx: _Ctx) -> list[_T]:
    body = m.group("body")
    mod = _qmod(m.group("q"))
    if _LAW_NUMBER.search(ctx.text, max(0, m.start() - 12), m.start()):
        raise _Skip  # `Nomor 35 Tahun 2009`
    if not m.group("q") and (_AGE_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()) or
                             (ctx.text[m.start() - 1:m.start()] == "(" and ctx.text[m.end():m.end() + 1] == ")")):
        raise _Skip  # ages: `berusia 49 tahun`, `Oy Bcan (55 tahun)`
    if m.group("x1"):
        unit = _found(re.search(_UNIT, body)).group(0)
        n = float(m.group("x1")) * float(m.group("x2"))
        return [_T(m.start(), m.end(), "DURATION", value=_duration_value([(n, unit)]), mod=mod)]
    if m.group("r1"):
        unit = _found(re.search(rf"{_UNIT}$", body)).group(0)
        lo, hi = _number(m.group("r1")), _number(m.group("r2"))
        if lo is None or hi is None or hi <= lo:
            raise _Skip
        first = _T(m.start(), m.end("r1"), "DURATION", value=_duration_value([(lo, unit)]), mod=mod)
        return _range(first, _T(m.start("r2"), m.end(), "DURATION", value=_duration_value([(hi, unit)])))
    ber = _BER_RE.match(body)
    if ber:
        return [_T(m.start(), m.end(), "DURATION", value=_duration_value([(None, ber.group(1))]), mod=mod)]
    parts: list[tuple[float | None, str]] = []
    for atom in _ATOM_RE.finditer(body):
        if atom.group("se"):
            parts.append((1.0, atom.group("se")[2:]))
            continue
        n_text = atom.group("n")
        amount = None if re.fullmatch(rf"{_VAGUE}|(?i:hitungan)", n_text) else _number(n_text)
        parts.append((amount, atom.group("u")))
    if not parts:
        raise _Skip
    return [_T(m.start(), m.end(), "DURATION", value=_duration_value(parts), mod=mod)]


def _h_set(m: re.Match, ctx: _Ctx) -> list[_T]:
    t = _T(m.start(), m.end(), "SET")
    if m.group("adj"):
        t.value = {"tahunan": "P1Y", "bulanan": "P1M", "mingguan": "P1W", "harian": "P1D"}[m.group("adj")]
        return [t]
    if m.group("pu"):
        t.value = _duration_value([(1.0, m.group("pu"))])
        return [t]
    if m.group("kn"):
        unit = m.group("ku").lower()
        unit = {"sehari": "hari", "sepekan": "pekan", "seminggu": "minggu", "sebulan": "bulan",
                "setahun": "tahun"}.get(unit, unit)
        t.value = _duration_value([(1.0, unit)])
        return [t]
    u = m.group("u")
    if u.lower().endswith("nya"):  # `setiap tahunnya`
        u = u[:-3]
    n = _number(m.group("n")) if m.group("n") else 1.0
    if u in _WEEKDAYS:
        if m.group("n"):
            raise _Skip
        t.value = f"XXXX-WXX-{_WEEKDAYS[u] + 1}"
    elif u.lower() in _MONTHS:
        if m.group("n") or not u[0].isupper():
            raise _Skip
        t.value = f"XXXX-{_MONTHS[u.lower()]:02d}"
    elif u.lower() in _PARTS:
        t.value = f"XXXX-XX-XXT{_PARTS[u.lower()]}"
    else:
        t.value = _duration_value([(n, u)])
    return [t]


def _h_clock(m: re.Match, ctx: _Ctx) -> list[_T]:
    mod = _qmod(m.group("q"))
    part = m.group("part")
    t = _T(m.start(), m.end(), "TIME", mod=mod)
    if m.group("tm"):
        t.clock = "24:00"
    elif m.group("bh"):
        t.clock = _clock_value(m.group("bh"), m.group("bm"), part)
    else:
        keyword = _found(re.search(r"(?i)\b(pukul|jam|pk)", m.group(0))).group(1).lower()
        if keyword == "jam" and not (m.group("mi") or m.group("tz") or part):
            raise _Skip  # `jam 3` alone is too ambiguous
        t.clock = _clock_value(m.group("h"), m.group("mi"), part)
    t.timezone = _zone(m.group("tz") or m.group("btz"), m.group("ws"))
    out = [t]
    if m.group("h2"):
        # `pukul 09.00-12.00 WIB`: two times, the time zone belongs to both
        t.end = m.end("mi") if m.group("mi") else m.end("h")
        out.append(_T(m.start("h2"), m.end(), "TIME", clock=_clock_value(m.group("h2"), m.group("mi2"), part),
                      timezone=t.timezone))
        t.clock = _clock_value(m.group("h"), m.group("mi"), part)
        _range(*out)
    day_word = re.sub(r"\s+", " ", (m.group("day") or m.group("pd") or "").lower())
    if day_word:
        pub = ctx.need_pub()
        offset = {"kemarin": -1, "besok": 1}.get(day_word, 0)
        if day_word == "tadi" and part and part.lower() == "malam":
            offset = -1
        for item in out:
            item.day, item.anchor = pub + timedelta(days=offset), "published"
    return out


def _h_shift(m: re.Match, ctx: _Ctx) -> list[_T]:
    if m.group("phrase"):
        unit, amount = _SHIFT_PHRASES[re.sub(r"\s+", " ", m.group("phrase").lower())]
    else:
        if m.group("se") and m.start("unit") != m.end("se"):
            raise _Skip
        n = 1.0 if m.group("se") else _number(m.group("n"))
        if n is None or n != int(n):
            raise _Skip
        unit, amount = m.group("unit").lower(), int(n) * _SHIFT_WORDS[m.group("rel").lower()]
    ctx.need_pub()
    t = _T(m.start(), m.end(), "DATE", anchor="published", shift=(unit, amount), value="shift")
    # `sore harinya`, `keesokan paginya`: that day, at that part of it
    words = [re.sub(r"nya$", "", w) for w in m.group(0).lower().split()]
    part = next((w for w in words if w in _PARTS), None)
    if m.group("phrase") and part is not None:
        t.part, t.type = _PARTS[part], "TIME"
    return [t]


def _h_ref(m: re.Match, ctx: _Ctx) -> list[_T]:
    text = ctx.text
    key = re.sub(r"\s+", " ", m.group("ref").lower())
    start = m.start()
    if key in ("dulu", "dahulu"):
        if not (_DULU_BEFORE.search(text, max(0, start - 12), start) or ctx.sentence_initial(start)):
            raise _Skip
    if key == "tadi" and re.search(r"(?i)\b(?:pertemuan|rapat|acara|sidang|diskusi|kunjungan|pidato|pembicaraan|"
                                   r"pertanyaan|pernyataan|kejadian|peristiwa|yang)[^\S\n]+$",
                                   text[max(0, start - 14):start]):
        raise _Skip  # `pertemuan tadi`: "the meeting just now" names the event, not a time
    if key == "nanti" and re.match(r"[^\S\n]+(?:malam|pagi|siang|sore)\b", text[m.end():m.end() + 8]):
        raise _Skip  # `nanti malam` is a time of today
    if key == "tadi" and re.search(r"(?i)\b(?:pagi|siang|sore|petang|malam)[^\S\n]+$", text[max(0, start - 8):start]):
        raise _Skip  # `Selasa (27/2) sore tadi`: part of the dated time before it, no reference of its own
    if key in ("ke depan", "ke depannya") and re.search(r"(?i)\b(?:maju|tampil|keluar|datang|muka)[^\S\n]+$",
                                                         text[max(0, start - 10):start]):
        raise _Skip  # `maju ke depan` is a direction
    if key == "masa depan" and not re.search(r"(?i)\bdi[^\S\n]+$", text[max(0, start - 4):start]):
        raise _Skip  # `masa depan bangsa` is a noun; `di masa depan` is a time
    return [_T(start, m.end(), "DATE", value=_REFS[key], anchor="published", priority=-2,
               then=key in _THEN)]


#: `saat itu` and its kin point at the time the narrative is about
_THEN = lexicon.words("narrative_then")



_HANDLERS = {"weekday": (_h_weekday, 3), "daymonth": (_h_daymonth, 2), "dayofmonth": (_h_dayofmonth, 2),
             "numeric": (_h_numeric, 2), "paren": (_h_paren, 0), "month": (_h_month, 1), "year": (_h_year, 0),
             "century": (_h_century, 1), "hijri": (_h_hijri, 1), "season": (_h_season, 1), "quarter": (_h_quarter, 2),
             "relday": (_h_relday, 2), "relperiod": (_h_relperiod, 2), "weekend": (_h_weekend, 1),
             "duration": (_h_duration, 1), "set": (_h_set, 2), "clock": (_h_clock, 2), "ref": (_h_ref, 0),
             "shift": (_h_shift, 3)}


# -- the recogniser ---------------------------------------------------------------
#
# Speed: running fourteen rich patterns over every position of a long text is
# slow (~0.7 MB/s). Every expression contains an anchor word (a month or
# weekday name, a time unit, `pukul`, `kemarin`, a four-digit year, a digit
# before `/`...), so one pass of `\w+` over the text finds the anchors, and
# each rule only runs in windows around its own anchors.

_BACK, _FORWARD = 64, 64
_UNIT_SET = set(_UNITS) | {"se" + u for u in _UNITS}
_UNIT_SET |= {"ber" + u for u in lexicon.words("reduplicated_units")}
_ANCHOR_RULES: dict[str, tuple[str, ...]] = {}


def _anchor(words, *rules: str) -> None:
    for word in words:
        _ANCHOR_RULES[word] = tuple(sorted(set(_ANCHOR_RULES.get(word, ())) | set(rules)))


_anchor(_MONTHS, "daymonth", "month")
_anchor(_MONTH_ABBR, "daymonth")
_anchor(_UNIT_SET, "duration")
for _row in lexicon.table("time_anchors.tsv"):
    _anchor(_row["anchors"].split(), _row["rule"])
_WEEKDAY_LOWER = {w.lower().split("'")[0].split("\u2019")[0] for w in _WEEKDAYS}
_anchor(_WEEKDAY_LOWER, "weekday")
_REL_WORDS = lexicon.words("relative_period_words")
_PERIOD_UNITS = lexicon.words("period_units")
_PERIOD_UNITS |= {"se" + u for u in _PERIOD_UNITS}
_DAY_PARTS = lexicon.words("day_parts")
_WORD = re.compile(r"\w+")


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the merged stretches of `text` around its anchor words."""
    hits: dict[str, list[tuple[int, int]]] = {}
    low = text.lower()
    prev = prev2 = ""
    prev_start = prev2_start = 0
    for m in _WORD.finditer(low):
        word, start, end = m.group(), m.start(), m.end()
        rules: tuple[str, ...] = _ANCHOR_RULES.get(word, ())
        if word[0].isdigit():
            extra = []
            if len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2199:
                extra += ["year", "numeric"]
            elif word[:4].isdigit() and word[4:] in ("", "h") and 1300 <= int(word[:4]) <= 1499:
                extra.append("hijri")
            nxt = low[end:end + 3]
            if nxt[:1] == "/":
                extra += ["paren", "numeric"]
            elif nxt == "-an":
                extra.append("year")
            if extra:
                rules = rules + tuple(extra)
        elif word in _REL_WORDS:
            unit_start = prev_start if prev in _PERIOD_UNITS else (
                prev2_start if prev == "yang" and prev2 in _PERIOD_UNITS else None)
            if unit_start is not None:
                for rule in ("relperiod", "weekend"):
                    hits.setdefault(rule, []).append((unit_start, end))
            if word == "ini" and prev in _DAY_PARTS:
                hits.setdefault("relday", []).append((prev_start, end))
        elif word in _PERIOD_UNITS and prev in ("akhir", "awal", "pertengahan"):
            hits.setdefault("weekend", []).append((prev_start, end))
        elif word == "malam" and prev == "tengah":
            hits.setdefault("clock", []).append((prev_start, end))
        for rule in rules:
            hits.setdefault(rule, []).append((start, end))
        prev2, prev2_start, prev, prev_start = prev, prev_start, word, start
    size = len(text)
    out: dict[str, list[tuple[int, int]]] = {}
    for rule, spans in hits.items():
        spans.sort()
        merged: list[list[int]] = []
        for start, end in spans:
            lo, hi = max(0, start - _BACK), min(size, end + _FORWARD)
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for window in merged:  # never cut a word at the right edge
            while window[1] < size and not text[window[1]].isspace():
                window[1] += 1
        out[rule] = [(lo, hi) for lo, hi in merged]
    return out


def _coerce_date(published: Any) -> date | None:
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return date.fromisoformat(str(published)[:10])


def find_times(text: str, published: date | datetime | str | None = None,
               sentences: SentenceBounds | None = None) -> list[TimeExpression]:
    """Every time expression in `text`, normalised against `published`.

    `sentences` are the text's sentence bounds (the pipeline passes the Doc's);
    without them the text is segmented by `warta.nlp.sentences` when a rule
    needs a sentence.

    With `published=None` the expressions that only make sense relative to a
    publication date (`kemarin`, `pekan lalu`, a bare weekday) are skipped;
    dates missing their year get `XXXX` (`(9/2)` -> `XXXX-02-09`).
    """
    ctx = _Ctx(text, _coerce_date(published), sentences)
    candidates: list[tuple[int, int, int, list[_T]]] = []
    windows = _windows(text)
    for name, pattern in _RULES:
        handler, priority = _HANDLERS[name]
        for lo, hi in windows.get(name, ()):
            for m in pattern.finditer(text, lo, hi):
                if m.end() == m.start():
                    continue
                try:
                    items = handler(m, ctx)
                except _Skip:
                    continue
                if items:
                    start = min(i.start for i in items)
                    end = max(i.end for i in items)
                    candidates.append((start, end, priority + items[0].priority, items))
    # longest wins, then rule priority, then leftmost
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    # Characters already claimed by a chosen candidate: one lookup per
    # candidate instead of a scan of every earlier choice, which was
    # quadratic in the length of the article.
    taken = bytearray(len(text))
    chosen: list[_T] = []
    for start, end, _, items in candidates:
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.extend(items)
    chosen.sort(key=lambda t: t.start)
    chosen = _merge(chosen, text)
    _track_reference(chosen, ctx)
    chosen = [t for t in chosen if t.final_value()]
    _link_ranges(chosen, text)
    points = _range_points(chosen)
    return [TimeExpression(t.start, t.end, text[t.start:t.end], t.type, t.final_value(), t.anchor, t.mod,
                           t.timezone, *points.get(id(t), (None, None)))
            for t in chosen]


#: What may stand between the two end points of a range: a dash or a connective (`hingga`, `s.d.`).
_RANGE_GAP = re.compile(rf"[^\S\n]*(?:{_DASH}|(?i:{_RANGE_WORDS})(?!\w))[^\S\n]*")
_POINT_TYPES = {"DATE": "point", "TIME": "point", "DURATION": "duration"}


def _link_ranges(items: list[_T], text: str) -> None:
    """Link two neighbouring expressions joined by a dash or a range connective (`Senin (12/5) hingga Rabu
    (14/5)`, `1 Juli sampai dengan 15 Juli`): the first begins the range, the second ends it.

    Both must be dates or times, or both durations, with the first not after the second; reference values
    (`saat itu`) and sets are never end points. Ranges written as one phrase (`10-12 Mei`) are linked by
    their rule already.
    """
    for first, last in zip(items, items[1:]):
        if first.range_end is not None or any(o.range_end is first for o in items):
            continue
        kinds = _POINT_TYPES.get(first.type), _POINT_TYPES.get(last.type)
        if kinds[0] is None or kinds[0] != kinds[1] or not _RANGE_GAP.fullmatch(text, first.end, last.start):
            continue
        if first.final_value().endswith("_REF") or last.final_value().endswith("_REF"):
            continue
        _share_year(first, last)
        first.timezone = first.timezone or (last.timezone if first.clock and last.clock else None)
        a, b = first.final_value(), last.final_value()
        n = min(len(a), len(b))
        if kinds[0] == "point" and a[:1].isdigit() and b[:1].isdigit() and a[:n] > b[:n]:
            continue
        first.range_end = last


def _share_year(first: _T, last: _T) -> None:
    """A range's first end point without a year takes the year of its last (`Oktober s.d. Desember 2024`),
    the year before when that would put it after the last (`Desember hingga Februari 2025`)."""
    if not (first.explicit and first.anchor == "published" and last.anchor == "absolute"):
        return
    if last.day is not None:
        year = last.day.year
    elif re.fullmatch(r"\d{4}-\d\d", last.value):
        year = int(last.value[:4])
    else:
        return
    if first.day is not None:
        day = _valid(year, first.day.month, first.day.day)
        if day is not None and day > (last.day or date(year, 12, 31)):
            day = _valid(year - 1, first.day.month, first.day.day)
        if day is not None:
            first.day, first.anchor = day, "absolute"
    elif re.fullmatch(r"\d{4}-\d\d", first.value):
        month = int(first.value[5:])
        last_month = last.day.month if last.day is not None else int(last.value[5:])
        first.value = f"{year - (month > last_month):04d}-{month:02d}"
        first.anchor = "absolute"


def _range_points(items: list[_T]) -> dict[int, tuple[int, int]]:
    """(begin_point, end_point) for each expression in a range whose two ends are both kept."""
    kept = {id(t) for t in items}
    points: dict[int, tuple[int, int]] = {}
    for t in items:
        last = t.range_end
        if last is not None and id(last) in kept:
            points[id(t)] = points[id(last)] = (t.start, last.start)
    return points


def _merge(items: list[_T], text: str) -> list[_T]:
    """Join a day with an adjacent clock time; attach trailing parts of day and `waktu setempat`."""
    merged: list[_T] = []
    for t in items:
        if merged:
            prev = merged[-1]
            gap = text[prev.end:t.start]
            if _JOIN.fullmatch(gap):
                prev_day = prev.day is not None or prev.unknown_year
                t_day = t.day is not None or t.unknown_year
                if prev_day and not prev.clock and t.clock and not t_day:
                    prev.end, prev.clock, prev.type = t.end, t.clock, "TIME"
                    prev.mod, prev.timezone = prev.mod or t.mod, prev.timezone or t.timezone
                    continue
                if t_day and not t.clock and prev.clock and not prev_day and gap.strip() in ("", ","):
                    prev.end, prev.day, prev.anchor = t.end, t.day, t.anchor
                    prev.value, prev.unknown_year = t.value, t.unknown_year
                    continue
        merged.append(t)
    for t in merged:
        if (t.day is not None or t.unknown_year) and not t.clock and not t.part:
            m = _TRAIL_PART.match(text, t.end)
            if m and not _overlaps_next(t, m.end(), merged):
                t.end, t.part, t.type = m.end(), _PARTS[re.sub(r"\s+", " ", m.group("part").lower())], "TIME"
        if t.part and not t.clock and not t.timezone:  # `Rabu (21/2) pagi WIB`
            m = _TRAIL_ZONE.match(text, t.end)
            if m and not _overlaps_next(t, m.end(), merged):
                t.end, t.timezone = m.end(), m.group(1).upper()
        if t.day is not None or t.unknown_year or t.clock:
            m = _TRAIL_LOCAL.match(text, t.end)
            if m and not _overlaps_next(t, m.end(), merged):
                t.end = m.end()
                t.timezone = t.timezone or "local"
    return merged


def _overlaps_next(t: _T, end: int, items: list[_T]) -> bool:
    return any(o is not t and o.start < end and t.end <= o.start for o in items)


def _has_day(t: _T) -> bool:
    return t.type in ("DATE", "TIME") and (
        t.day is not None or (t.unknown_year and len(t.value) == 10 and "XX-XX" not in t.value))


def _is_evening(t: _T) -> bool:
    return t.part in ("EV", "NI") or (t.clock is not None and "18:00" <= t.clock[:5] < "24:00")


def _track_reference(items: list[_T], ctx: _Ctx) -> None:
    """Normalise the expressions that depend on the reference time, walking the article in order.

    The reference time is the latest explicit date the narrative has moved to
    (`Sabtu (14/6)`, `14 Juni`, `sehari kemudian`), else the publication date.
    It resolves `sehari kemudian` and its kin, `saat itu` (PAST_REF without
    one), a bare weekday (the same week as the reference date) and a clock
    time without a day (the nearest day in its sentence, else the last day
    mentioned); a small-hours clock time after an evening one is on the next
    day. `anchor` says which reference was used: `published`, `narrative` or
    `absolute`.
    """
    days = [t for t in items if _has_day(t)]
    narrative: _T | None = None       # latest explicit day- or month-precision date
    last_day: _T | None = None        # latest date with a day, of any kind
    year: _T | None = None            # latest bare year (`pada 2007`)
    for t in items:
        if t.shift is not None:
            # `Selasa sore ... sore harinya`, `pada hari yang sama`: the same day is the last day named,
            # even one counted from publication
            same_day = t.shift == ("hari", 0) and last_day is not None and last_day.day is not None
            _resolve_shift(t, last_day if same_day else narrative, ctx)
        elif t.then and (then := _latest(narrative, year)) is not None and _moved(then, ctx):
            # `pada 2007. Kala itu, ...`: that year, when it was named after the last day or month
            t.value = then.final_value()[:10] if then.day is not None else then.value
            t.anchor, t.type, t.part, t.clock = "narrative", "DATE", None, None
        elif t.bare_weekday is not None and narrative is not None and narrative.day is not None \
                and ctx.pub is not None and narrative.day < ctx.pub - timedelta(days=1):
            ref = narrative.day
            offset = (t.bare_weekday - ref.weekday()) % 7
            if t.day is None or ctx.pub is None or t.day <= ctx.pub:  # a future-marked weekday stays ahead of it
                offset = offset if offset <= 3 else offset - 7
            t.day = ref + timedelta(days=offset)
            t.anchor = "narrative"
        elif t.clock and t.day is None and not t.unknown_year:
            _resolve_clock(t, days, last_day, ctx)
        elif t.quoted_days is not None:
            _resolve_quoted(t, days, last_day, ctx)
        if t.explicit and (t.day is not None or (not t.unknown_year and re.fullmatch(r"\d{4}-\d\d", t.value))):
            narrative = t
        elif t.shift is not None and t.day is not None and t.shift[1] >= 0:
            narrative = t  # `sehari kemudian` moves the narrative on; `sehari sebelumnya` is a look back
        if _has_day(t):
            last_day = t
        if t.type == "DATE" and t.anchor == "absolute" and re.fullmatch(r"\d{4}", t.value) and not t.mod:
            year = t


def _latest(*found: _T | None) -> _T | None:
    """The one of `found` the text named last."""
    named = [t for t in found if t is not None]
    return max(named, key=lambda t: t.start) if named else None


def _moved(narrative: _T, ctx: _Ctx) -> bool:
    """Has the narrative moved away from the news day (publication or the day before)?"""
    pub = ctx.pub
    if pub is None:
        return True
    if narrative.day is not None:
        return narrative.day not in (pub, pub - timedelta(days=1))
    if len(narrative.value) == 4:  # a bare year
        return narrative.value != f"{pub.year:04d}"
    return narrative.value != f"{pub.year:04d}-{pub.month:02d}"


def _resolve_shift(t: _T, narrative: _T | None, ctx: _Ctx) -> None:
    if t.shift is None:
        return
    unit, amount = t.shift
    pub = ctx.need_pub()
    if narrative is not None and (narrative.day is not None or unit not in ("hari", "pekan", "minggu")):
        t.anchor = "narrative"
        ref = narrative.day or date(int(narrative.value[:4]), int(narrative.value[5:7]), 1)
    else:
        t.anchor, ref = "published", pub
    t.value = ""
    if unit == "hari":
        t.day = ref + timedelta(days=amount)
    elif unit in ("pekan", "minggu"):
        if amount % 1 == 0 and narrative is not None and narrative.day is not None and amount > 0:
            t.day = ref + timedelta(days=7 * amount)  # `tiga minggu kemudian`: that day three weeks on
        else:
            t.value = _week_value(ref + timedelta(days=7 * amount))
    elif unit == "bulan":
        year, month = _add_months(ref.year, ref.month, amount)
        if narrative is not None and narrative.day is not None and amount > 0:
            t.day = _valid(year, month, min(ref.day, calendar.monthrange(year, month)[1]))
        else:
            t.value = f"{year:04d}-{month:02d}"
    else:
        t.value = f"{ref.year + amount:04d}"


#: How many days before publication words may have been said for `hari ini` in them to mean that day
_SPEECH_DAYS = 7


def _resolve_quoted(t: _T, days: list[_T], last_day: _T | None, ctx: _Ctx) -> None:
    """`"... hari ini," kata Fahri, Selasa (22/8).`: a relative day inside a direct quote counts from the day
    the words were said (the date of the attribution after the quote, else the last day mentioned) when that
    is in the week before publication; reports often appear a day or more after the statement."""
    close = _quote_close(ctx.text, t.start)
    if close is None or ctx.pub is None or t.quoted_days is None:
        return
    paragraph_end = ctx.text.find("\n", close)
    paragraph_end = len(ctx.text) if paragraph_end == -1 else paragraph_end
    after = [d for d in days if close < d.start and d.end <= paragraph_end and d.day is not None]
    said = after[0] if after else last_day
    if said is None or said.day is None or not ctx.pub - timedelta(days=_SPEECH_DAYS) <= said.day < ctx.pub:
        return
    t.day, t.anchor = said.day + timedelta(days=t.quoted_days), "narrative"


def _resolve_clock(t: _T, days: list[_T], last_day: _T | None, ctx: _Ctx) -> None:
    s0, s1 = ctx.sentences.start(t.start), ctx.sentences.end(t.end)
    same = [d for d in days if d is not t and s0 <= d.start and d.end <= s1]
    source = None
    if same:
        source = min(same, key=lambda d: d.start - t.end if d.start >= t.end else t.start - d.end)
    elif last_day is not None:
        source = last_day
    if source is not None:
        t.day, t.anchor = source.day, "narrative"
        if source.day is None:
            t.value, t.unknown_year = source.value[:10], True
        elif _is_evening(source) and t.clock is not None and t.clock < "06:00":
            t.day = source.day + timedelta(days=1)  # `4 November malam ... pukul 00.30`: past midnight
    elif ctx.pub is not None:
        t.day, t.anchor = ctx.pub, "published"
    else:
        t.value, t.unknown_year = "XXXX-XX-XX", True


# -- evaluation -------------------------------------------------------------------------

def to_dicts(times: list[TimeExpression], article: str) -> list[dict]:
    """Time expressions as gold-file-style dicts."""
    return [{"article": article, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
             "value": t.value, "mod": t.mod} for t in times]


def score_times(gold: list[dict], predicted: list[dict]) -> dict:
    """Extent precision/recall/F1 (exact offsets and relaxed = any overlap) and value accuracy.

    Both lists hold dicts with `article`, `start`, `end` (and `value`, `type`).
    Value accuracy (and type accuracy) is measured over the exact-extent matches.
    """
    same_value = lambda g, p: p.get("value") == g.get("value")  # noqa: E731
    result = score_extents(gold, predicted, {"value": same_value, "type": lambda g, p: p.get("type") == g.get("type")},
                           mismatch_on=("value",), relaxed_checks={"value": same_value})
    result["value_mismatches"] = result.pop("mismatches")
    return result


# -- spaCy component ------------------------------------------------------------------

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from warta.nlp import extensions  # noqa: E402

extensions.register("published", "times")


@Language.component("warta_times", requires=["doc.sents"], assigns=["doc._.times"])
def warta_times(doc: Doc) -> Doc:
    """Store `find_times(doc.text, doc._.published)` in `doc._.times`, in the Doc's sentences."""
    doc._.times = find_times(doc.text, doc._.published, SentenceBounds.of_doc(doc))
    return doc
