"""The data classes every layer of warta shares.

`Article` is what a reader produces and the store keeps. Its `text` is the
canonical text: every character offset any later analysis reports (mentions,
quotes, time expressions, events) points into it, so it must be rebuilt
exactly the same way from the same fields, always. Changing how it is built is
a schema change and needs a migration.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

#: Separator between the parts of the canonical text (title, subtitle,
#: caption, dateline, paragraphs). A blank line, as in the source format, so
#: sentence splitters never join two parts into one sentence.
PART_SEPARATOR = "\n\n"


_LINE_BREAKS = re.compile(r"\s*\n\s*")


def normalize_text(value: str) -> str:
    """NFC-normalise, trim and fold line breaks, so one part is one line.

    Keeping every part on one line is what lets the canonical text be split
    back into its parts at PART_SEPARATOR.
    """
    return _LINE_BREAKS.sub(" ", unicodedata.normalize("NFC", value)).strip()


@dataclass(frozen=True)
class Section:
    """A named stretch of the canonical text, e.g. the title or paragraph 3."""

    name: str
    start: int
    end: int


@dataclass
class Article:
    """One news article, as read from a file, a JSONL line or an HTML page.

    `id` and `content_hash` are derived from the content, never supplied:
    the same text read from anywhere is the same article.
    """

    published: date
    title: str
    body: list[str]
    section: str | None = None
    subtitle: str | None = None
    caption: str | None = None
    caption_credit: str | None = None
    dateline: str | None = None
    source: str | None = None
    external_id: str | None = None
    path: str | None = None
    url: str | None = None
    format: str = "warta"
    text: str = field(init=False)
    content_hash: str = field(init=False)
    id: str = field(init=False)

    def __post_init__(self) -> None:
        self.title = normalize_text(self.title)
        self.body = [normalize_text(p) for p in self.body if p and p.strip()]
        for name in ("subtitle", "caption", "caption_credit", "dateline", "source", "section"):
            value = getattr(self, name)
            if value is not None:
                value = normalize_text(value)
                setattr(self, name, value or None)
        if self.section:
            self.section = self.section.upper()
        self.text = PART_SEPARATOR.join(part for _, part in self._parts())
        self.content_hash = content_hash(self)
        self.id = self.content_hash[:16]

    def _parts(self) -> list[tuple[str, str]]:
        parts = [("title", self.title)]
        for name in ("subtitle", "caption", "dateline"):
            value = getattr(self, name)
            if value:
                parts.append((name, value))
        parts.extend((f"body.{i}", p) for i, p in enumerate(self.body))
        return parts

    def sections(self) -> list[Section]:
        """Where each part (title, caption, paragraph N...) sits in `text`."""
        out, offset = [], 0
        for name, part in self._parts():
            out.append(Section(name, offset, offset + len(part)))
            offset += len(part) + len(PART_SEPARATOR)
        return out

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from `to_dict` output (derived fields are recomputed)."""
        init = {k: data.get(k) for k in _INIT_FIELDS if k in data}
        init["published"] = date.fromisoformat(str(data["published"])[:10])
        article = cls(**init)
        stored = data.get("content_hash")
        if stored and stored != article.content_hash:
            raise ValueError(f"content hash mismatch for article {data.get('id')}")
        return article


_INIT_FIELDS = (
    "published", "title", "body", "section", "subtitle", "caption", "caption_credit",
    "dateline", "source", "external_id", "path", "url", "format",
)


def content_hash(article: Article) -> str:
    """SHA-256 over what the article says and when, not where it was found.

    The path, file format and external id are left out: the same story read
    from a .txt file and from a JSONL export is one article.
    """
    payload = {
        "published": article.published.isoformat(),
        "section": article.section,
        "text": article.text,
        "caption_credit": article.caption_credit,
        "source": article.source,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Reject:
    """Input that could not become an article, with the reason why.

    `path` names the file (and `#line` for JSONL), `reason` is a short
    machine-readable code, `detail` the sentence a person reads.
    """

    path: str
    reason: str
    detail: str


#: Reject reason codes, each with what it means. The CLI prints these.
REJECT_REASONS = {
    "empty": "the file is empty or contains only whitespace",
    "too_large": "the file is larger than the configured size limit",
    "binary": "the file holds binary data, not text",
    "encoding": "the bytes cannot be decoded as text safely",
    "no_header": "no ' date YYYY-MM-DD SECTION' header line",
    "bad_date": "the publication date is not a valid calendar date",
    "no_title": "no headline after the header",
    "no_body": "no body paragraphs",
    "bad_json": "the JSONL line is not a valid JSON object",
    "missing_field": "a required field is missing",
    "unreadable": "the file could not be read",
    "not_article": "no article text could be extracted",
    "bad_field": "a JSONL field has the wrong type (a number or a list where text belongs)",
    "too_long": "the article is stored, but too long to analyse",
    "analysis_failed": "the article is stored, but the NLP pipeline failed on it",
}

#: Reasons filed for an article that is stored but has no analysis; the
#: others mean the input was not stored at all.
ANALYSIS_REJECT_REASONS = ("too_long", "analysis_failed")


# -- analysis ------------------------------------------------------------------
#
# What the NLP pipeline says about an article. Every span is a [start, end)
# pair of character offsets into `Article.text`.

#: Version of the analysis JSON contract (`warta schema` prints it). Bump the
#: minor number for added fields, the major number for anything that breaks.
ANALYSIS_SCHEMA_VERSION = "1.1"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """One place in the text that names an entity.

    `role` is the title the text gives the entity right there (`Presiden
    Rusia` in `Presiden Rusia Vladimir Putin`); `source` says what found it:
    the statistical `model`, the `gazetteer`, or document `consistency` (a
    short form of a name found elsewhere in full). `label` is how the text
    uses the name right there: a place entity's mention is `LOC` where it is a
    place (`di Rusia`) and `GPE` where the state acts or qualifies (`Rusia
    menolak`, `militer Rusia`).
    """

    start: int
    end: int
    text: str
    source: str = "model"
    role: str | None = None
    role_start: int | None = None
    label: str | None = None


@dataclass
class Entity:
    """A real-world person, organisation or place, with all its mentions.

    `id` is stable across articles: the same canonical name and label give the
    same id, which is what cross-article pages and counts hang off.
    """

    id: str
    label: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TimeExpression:
    """A date, time, duration or set expression, TIMEX3-style.

    `type` is DATE, TIME, DURATION or SET; `value` an ISO 8601 / TIMEX3 value
    (`2025-09-03`, `2024-06`, `2019`, `2025-09-04T09:00`, `PT2H30M`, `P3D`,
    `XXXX-WXX-1` for "setiap Senin"). `anchor` is `published` when the value
    was computed from the publication date (`kemarin`, `pada hari Rabu`),
    `absolute` when the text states it in full. `mod` is the TIMEX3 modifier
    (START, MID, END, APPROX) for `awal bulan ini`, `akhir tahun`, `sekitar`.
    `anchor` is `narrative` when the value was computed from the date the
    narrative had moved to (`Sabtu (14/6) ... sehari kemudian`). `timezone` is
    the zone the text states for a clock time: `WIB`, `WITA`, `WIT` (also
    `UTC`, `GMT`), or `local` for `waktu setempat`; None when not stated.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str = "absolute"
    mod: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class Count:
    """A number attached to what it counts, GDELT-counts style.

    `value` is the number as written (`2.000` -> 2000, `1,2 juta` -> 1200000);
    `approximate` for `sekitar`, `hampir`, `lebih dari`; `lower_bound` for
    vague plurals (`ribuan` -> at least 1000); `unit` is the head noun counted
    (`tentara`, `rumah`, `orang`) or the currency (`IDR`, `USD`); `category`
    is what happened to them when the sentence says so (killed, wounded,
    missing, deployed, arrested, displaced, evacuated, affected, money).
    `reported_by` names who gives the number when the text attributes it
    (`Menurut Korea Selatan, Pyongyang kehilangan sekitar 2.000 tentara`).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    category: str | None = None
    approximate: bool = False
    lower_bound: bool = False
    currency: str | None = None
    reported_by: str | None = None
    reported_by_id: str | None = None


@dataclass(frozen=True)
class Quote:
    """Something a speaker said, with the cue that says so.

    `kind`: `direct` ("..." kata Putin), `partial` (a quoted phrase inside
    reported speech), `indirect` (Putin mengatakan bahwa ...) or `headline`
    (a title ending in ": Putin"). `speaker_id` is None when the text does not
    say who spoke: warta never guesses. `via` is the outlet the quote was
    relayed through (seperti dikutip oleh RIA Novosti).
    """

    start: int
    end: int
    text: str
    kind: str
    speaker_id: str | None = None
    speaker: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    via_id: str | None = None
    via: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    #: ISO3 of the state when the place stands for it as an actor
    #: (`Pyongyang mengerahkan ribuan tentara`, `Menurut Korea Selatan, ...`).
    metonym_for: str | None = None


@dataclass
class Place:
    """A location the article mentions, resolved to a gazetteer entry."""

    id: str  # gazetteer id: iso:PRK, geo:1871859, adm:RU-KRS, reg:..., fac:...
    entity_id: str
    name: str
    kind: str  # country | region | city | facility
    country: str  # ISO 3166-1 alpha-3, "" for areas across borders
    lat: float
    lon: float
    mentions: list[PlaceMention] = field(default_factory=list)


@dataclass(frozen=True)
class Actor:
    """Who does or undergoes an event. `code` is CAMEO-style: the state's
    ISO 3166-1 alpha-3 code and a sector (`RUS GOV`, `PRK MIL`), when known."""

    name: str
    entity_id: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, where and when, with the sentence that says so.

    `type`/`mode` follow PLOVER, `cameo` is the CAMEO code where one applies.
    `date` is the event's own date when the sentence gives one
    (`date_source: "text"`), else the publication date (`"published"`).
    `modality`: asserted, intended, requested, negated or reported.
    `counts` and `quotes` hold the start offsets of the linked counts and
    quotes of the same analysis.
    """

    type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    source: Actor | None = None
    target: Actor | None = None
    mode: str | None = None
    cameo: str | None = None
    place_id: str | None = None
    place: str | None = None
    date: str | None = None
    date_source: str = "published"
    modality: str = "asserted"
    counts: tuple[int, ...] = ()
    quotes: tuple[int, ...] = ()
    confidence: float = 0.5


@dataclass
class Analysis:
    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    pipeline: dict[str, Any] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": ANALYSIS_SCHEMA_VERSION,
            "pipeline": self.pipeline,
            "article": self.article.to_dict(),
            "sentences": [asdict(s) for s in self.sentences],
            "entities": [
                {"id": e.id, "label": e.label, "name": e.name, "roles": e.roles, "attributes": e.attributes,
                 "mentions": [{k: v for k, v in asdict(m).items() if v is not None} for m in e.mentions]}
                for e in self.entities
            ],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [asdict(t) for t in self.times],
            "counts": [asdict(c) for c in self.counts],
            "places": [asdict(p) for p in self.places],
            "events": [{**asdict(e), "counts": list(e.counts), "quotes": list(e.quotes)} for e in self.events],
        }
