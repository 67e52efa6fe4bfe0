"""The data classes every layer of warta shares.

`Article` is what a reader produces and the store keeps. Its `text` is the
canonical text: every character offset any later analysis reports (mentions,
quotes, time expressions, events) points into it, so it must be rebuilt
exactly the same way from the same fields, always. Changing how it is built is
a schema change and needs a migration.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import typing
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from warta.vocabulary import ENTITY_LABELS, EVENT_TYPES, QUOTE_KINDS

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
    value = unicodedata.normalize("NFC", value)
    return (_LINE_BREAKS.sub(" ", value) if "\n" in value else value).strip()  # most parts are one line already


# -- records and their JSON ------------------------------------------------------
#
# The data classes below are the one definition of each record. The analysis
# JSON Schema (warta.schema), the API's response models (warta.web.schemas)
# and the store's column lists (warta.store.tables) are derived from their
# fields; a field's metadata says what it means and how JSON Schema narrows it.


def described(text: str, **keywords: Any) -> dict[str, Any]:
    """Field metadata: what the field means, plus JSON Schema keywords that
    narrow its values (`enum`, `pattern`, `format`, `minimum`, `minItems`).

    The schema and the API documentation read it; nothing checks it at run
    time, so a description is written once, next to the field.
    """
    return {"description": " ".join(text.split()), **keywords}


def _start(what: str = "the span") -> dict[str, Any]:
    return described(f"Character offset in article.text where {what} starts.", minimum=0)


def _end(what: str = "the span") -> dict[str, Any]:
    return described(f"Character offset in article.text where {what} ends (exclusive).", minimum=0)


@functools.cache
def json_fields(record: type) -> tuple[dataclasses.Field, ...]:
    """A record's fields in the order its JSON has them: its own values
    first, then its lists of records (an entity's name before its mentions)."""
    hints = typing.get_type_hints(record)
    own = dataclasses.fields(record)
    nested = [f for f in own if _is_record_list(hints[f.name])]
    return tuple(f for f in own if f not in nested) + tuple(nested)


def _is_record_list(hint: Any) -> bool:
    args = typing.get_args(hint)
    return typing.get_origin(hint) is list and bool(args) and dataclasses.is_dataclass(args[0])


def field_names(record: type) -> tuple[str, ...]:
    """Names of a record's fields, in JSON order: what column lists derive from."""
    return tuple(f.name for f in json_fields(record))


def to_json(value: Any) -> Any:
    """The JSON form of a record (or of a value inside one).

    Fields come in `json_fields` order, dates as ISO strings, tuples as
    lists. A record class with `OMIT_NONE` leaves out its unset optional
    fields (an analysis holds hundreds of mentions).
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        omit_none = getattr(value, "OMIT_NONE", False)
        out = {}
        for f in json_fields(type(value)):
            item = to_json(getattr(value, f.name))
            if item is None and omit_none:
                continue
            out[f.name] = item
        return out
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    return value



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
    text: str = field(init=False, metadata=described(
        "Canonical text: title, subtitle, caption, dateline and paragraphs joined by blank lines."))
    content_hash: str = field(init=False, metadata=described(
        "SHA-256 of what the article says and when.", pattern="^[0-9a-f]{64}$"))
    id: str = field(init=False, metadata=described(
        "The first 16 characters of content_hash.", pattern="^[0-9a-f]{16}$"))

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
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from `to_dict` output (derived fields are recomputed)."""
        init: dict[str, Any] = {f.name: data[f.name] for f in dataclasses.fields(cls) if f.init and f.name in data}
        init["published"] = date.fromisoformat(str(data["published"])[:10])
        article = cls(**init)
        stored = data.get("content_hash")
        if stored and stored != article.content_hash:
            raise ValueError(f"content hash mismatch for article {data.get('id')}")
        return article


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
ANALYSIS_SCHEMA_VERSION = "1.3"

#: What found a mention (Mention.source).
MENTION_SOURCES = ("model", "gazetteer", "consistency", "title", "unit", "cue", "role")
#: An entity's own label: a place or state is one LOC entity however its
#: mentions use it (Mention.label tells LOC from GPE).
ENTITY_OWN_LABELS = tuple(label for label in ENTITY_LABELS if label != "GPE")
#: TIMEX3 types (TimeExpression.type).
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: What a time value was computed from (TimeExpression.anchor).
TIME_ANCHORS = ("published", "narrative", "absolute")
#: Zones the text may state for a clock time (TimeExpression.timezone).
TIME_ZONES = ("WIB", "WITA", "WIT", "UTC", "GMT", "local")
#: Gazetteer entry kinds (Place.kind; warta.nlp.gazetteer.KINDS).
PLACE_KINDS = ("country", "region", "city", "facility")
#: Where an event's date comes from (Event.date_source).
DATE_SOURCES = ("text", "narrative", "published", "none")
#: How the text presents an event (Event.modality).
MODALITIES = ("asserted", "intended", "requested", "negated", "hypothetical", "reported")
#: Modalities of acts that neither happened nor were meant to (an ability, a possibility, a
#: condition): warta marks them so that a user can leave them out, and the annotation guidelines
#: leave them out of the gold (docs/annotation.md, "Not events"), so scoring against the gold does.
UNSCORED_MODALITIES = frozenset({"hypothetical"})


@dataclass(frozen=True)
class Sentence:
    """One sentence of the canonical text."""

    start: int = field(metadata=_start("the sentence"))
    end: int = field(metadata=_end("the sentence"))


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

    #: Unset optional fields are left out of the JSON.
    OMIT_NONE: ClassVar[bool] = True

    start: int = field(metadata=_start())
    end: int = field(metadata=_end())
    text: str = field(metadata=described("Exactly article.text[start:end]."))
    source: str = field(default="model", metadata=described(
        "What found it: the statistical model, the gazetteer, document consistency (a short form of a name given "
        "in full), a name right after a title, a unit of an organisation or of an area (Fraksi PAN, Polres Jakarta "
        "Utara), 'cue': a name right after a reporting verb after a quotation (\"...,\" ketus Darmin), or 'role': "
        "a title standing in for the person (Presiden Rusia).",
        enum=MENTION_SOURCES))
    role: str | None = field(default=None, metadata=described(
        "The title the text gives the entity right there, e.g. 'Presiden Rusia'."))
    role_start: int | None = field(default=None, metadata=_start("the title"))
    label: str | None = field(default=None, metadata=described(
        "How the text uses the name here. For a place entity: LOC where it is a place ('di Rusia'), GPE where the "
        "state acts or qualifies ('Rusia menolak', 'militer Rusia'). The entity's own label stays LOC.",
        enum=ENTITY_LABELS))


@dataclass
class Entity:
    """A real-world person, organisation or place, with all its mentions.

    `id` is stable across articles: the same canonical name and label give the
    same id, which is what cross-article pages and counts hang off.
    """

    id: str = field(metadata=described("Stable across articles: label and canonical name.",
                                       pattern="^(per|org|loc):[a-z0-9-]+$"))
    label: str = field(metadata=described(
        "PER, ORG or LOC (a place or state, however a mention uses it; see mentions[].label).",
        enum=ENTITY_OWN_LABELS))
    name: str = field(metadata=described(
        "Canonical name (full person name; gazetteer name for places and organisations)."))
    mentions: list[Mention] = field(default_factory=list, metadata=described(
        "Where the text names it, in text order.", minItems=1))
    roles: list[str] = field(default_factory=list, metadata=described(
        "Titles the article gives the entity, e.g. 'Presiden Rusia'."))
    attributes: dict[str, Any] = field(default_factory=dict, metadata=described(
        "Gazetteer facts: place_id, kind, country (ISO 3166-1 alpha-3), lat, lon for places; type and country for "
        "organisations."))


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

    A range (`10-12 Mei 2025`, `periode 2019-2024`, `2-3 hari`, `Senin (12/5)
    hingga Rabu (14/5)`) is two expressions, each with its exact offsets, that
    both carry `begin_point` and `end_point`: the start offsets of the range's
    first and last expression. They play the part of TimeML's `beginPoint` and
    `endPoint` (which name the two end points' ids), the start offset being an
    expression's id within its article; an expression is the range's begin
    when `start == begin_point`. Both are None outside a range.
    """

    start: int = field(metadata=_start())
    end: int = field(metadata=_end())
    text: str
    type: str = field(metadata=described("TIMEX3 type.", enum=TIME_TYPES))
    value: str = field(metadata=described("ISO 8601 / TIMEX3 value: 2025-09-03, 2024-06, PT2H30M, XXXX-WXX-1."))
    anchor: str = field(default="absolute", metadata=described(
        "What the value was computed from: the publication date, the date the narrative had moved to, or nothing "
        "(the text states it in full).", enum=TIME_ANCHORS))
    mod: str | None = field(default=None, metadata=described("TIMEX3 modifier: START, MID, END, APPROX."))
    timezone: str | None = field(default=None, metadata=described(
        "Zone the text states for a clock time: WIB, WITA, WIT, UTC, GMT, or local for `waktu setempat`.",
        enum=TIME_ZONES))
    begin_point: int | None = field(default=None, metadata=described(
        "In a range (`10-12 Mei 2025`, `2-3 hari`): the start offset of the expression that begins it (TimeML "
        "beginPoint); the same on both ends. None outside a range.", minimum=0))
    end_point: int | None = field(default=None, metadata=described(
        "In a range: the start offset of the expression that ends it (TimeML endPoint); the same on both ends. "
        "None outside a range.", minimum=0))


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

    start: int = field(metadata=_start())
    end: int = field(metadata=_end())
    text: str
    value: float = field(metadata=described("The number as written: 2.000 -> 2000, 1,2 juta -> 1200000."))
    unit: str | None = field(default=None, metadata=described("The head noun counted, or the currency."))
    category: str | None = field(default=None, metadata=described(
        "What happened to them when the sentence says so: killed, wounded, missing, deployed, arrested, displaced, "
        "evacuated, affected, money."))
    approximate: bool = field(default=False, metadata=described("sekitar, hampir, lebih dari."))
    lower_bound: bool = field(default=False, metadata=described("A vague plural: ribuan -> at least 1000."))
    currency: str | None = None
    reported_by: str | None = field(default=None, metadata=described("Who gives the number, when the text says."))
    reported_by_id: str | None = field(default=None, metadata=described("Entity id of reported_by."))


@dataclass(frozen=True)
class Quote:
    """Something a speaker said, with the cue that says so.

    `kind`: `direct` ("..." kata Putin), `partial` (a quoted phrase inside
    reported speech), `indirect` (Putin mengatakan bahwa ...) or `headline`
    (a title ending in ": Putin"). `speaker_id` is None when the text does not
    say who spoke: warta never guesses. `via` is the outlet the quote was
    relayed through (seperti dikutip oleh RIA Novosti).
    """

    start: int = field(metadata=_start())
    end: int = field(metadata=_end())
    text: str
    kind: str = field(metadata=described("direct, partial, indirect or headline.", enum=QUOTE_KINDS))
    speaker_id: str | None = field(default=None, metadata=described(
        "Entity id of the speaker; null when the text does not say who spoke."))
    speaker: str | None = None
    cue: str | None = field(default=None, metadata=described("The words that say so: kata, mengatakan, ..."))
    cue_start: int | None = field(default=None, metadata=_start("the cue"))
    via_id: str | None = None
    via: str | None = field(default=None, metadata=described(
        "The outlet the quote was relayed through (seperti dikutip oleh RIA Novosti)."))


@dataclass(frozen=True)
class PlaceMention:
    """One place in the text that names a place."""

    start: int = field(metadata=_start())
    end: int = field(metadata=_end())
    text: str
    metonym_for: str | None = field(default=None, metadata=described(
        "ISO3 of the state when the place stands for it as an actor (`Pyongyang mengerahkan ribuan tentara`, "
        "`Menurut Korea Selatan, ...`)."))


@dataclass
class Place:
    """A location the article mentions, resolved to a gazetteer entry."""

    id: str = field(metadata=described("Gazetteer id: iso:PRK, geo:1871859, adm:RU-KRS, reg:..., fac:..."))
    entity_id: str
    name: str
    kind: str = field(metadata=described("Gazetteer entry kind.", enum=PLACE_KINDS))
    country: str = field(metadata=described("ISO 3166-1 alpha-3, empty for areas across borders."))
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
    (`date_source: "text"`), the date of the sentence before when this one
    refers back to it (`"narrative"`), the publication date for a headline
    (`"published"`), else none (`"none"`).
    `modality`: asserted, intended, requested, negated, hypothetical or reported.
    `counts` and `quotes` hold the start offsets of the linked counts and
    quotes of the same analysis.
    """

    type: str = field(metadata=described("PLOVER event type.", enum=EVENT_TYPES))
    trigger: str
    trigger_start: int = field(metadata=_start("the trigger"))
    trigger_end: int = field(metadata=_end("the trigger"))
    sentence_start: int = field(metadata=_start("the evidence sentence"))
    sentence_end: int = field(metadata=_end("the evidence sentence"))
    source: Actor | None = None
    target: Actor | None = None
    mode: str | None = None
    cameo: str | None = None
    place_id: str | None = None
    place: str | None = None
    date: str | None = None
    date_source: str = field(default="none", metadata=described(
        "text when the sentence gives the date, narrative when the sentence before, the act told before "
        "(serangan itu) or the speaker's dated words (for an act done by speaking) do, "
        "published for a headline, else none.", enum=DATE_SOURCES))
    modality: str = field(default="asserted", metadata=described("How the text presents it.", enum=MODALITIES))
    counts: tuple[int, ...] = field(default=(), metadata=described("Start offsets of the linked counts."))
    quotes: tuple[int, ...] = field(default=(), metadata=described("Start offsets of the linked quotes."))
    confidence: float = 0.5


@dataclass
class Analysis:
    """What warta's pipeline found in one article. Every start/end pair is a [start, end) character offset into
    article.text. Version 1.x adds fields without breaking; consumers must ignore fields they do not know."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity] = field(metadata=described("Entities, most-mentioned first."))
    pipeline: dict[str, Any] = field(default_factory=dict, metadata=described(
        "Versions of warta and its models that produced this analysis.",
        properties={"warta": {"type": "string"}, "components": {"type": "array", "items": {"type": "string"}},
                    "ner_model": {"type": "string"}},
        required=["warta", "components"]))
    quotes: list[Quote] = field(default_factory=list, metadata=described(
        "Who said what. speaker_id is null when the text does not say who spoke."))
    times: list[TimeExpression] = field(default_factory=list, metadata=described(
        "TIMEX3-style time expressions normalised against the publication date."))
    counts: list[Count] = field(default_factory=list, metadata=described("Numbers and what they count."))
    places: list[Place] = field(default_factory=list, metadata=described("Locations resolved to gazetteer entries."))
    events: list[Event] = field(default_factory=list, metadata=described(
        "PLOVER/CAMEO events with their evidence sentence."))

    def to_dict(self) -> dict[str, Any]:
        """The analysis JSON (data/analysis.schema.json): what made it first, then the records."""
        return {"schema_version": ANALYSIS_SCHEMA_VERSION, "pipeline": self.pipeline,
                **{f.name: to_json(getattr(self, f.name)) for f in json_fields(Analysis) if f.name != "pipeline"}}
