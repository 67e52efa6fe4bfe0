"""Response models of the REST API: they are the OpenAPI schema clients see.

The models of warta's records (an article, its analysis: entities, mentions,
quotes, times, counts, places, events) are built from the data classes in
warta.model by `record_model`, so a field added there is in the API and its
documentation with nothing to change here. The other models describe rows the
store aggregates (entity counts, merged events, search hits);
tests/test_drift.py checks them against the records and tables they come from.

Models of records allow extra fields, so what the API adds to a record (an
entity's `url`, an event's `sentence`) never breaks clients or the schema.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from warta.model import (
    Actor,
    Analysis,
    Article,
    Count,
    Entity,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    Sentence,
    TimeExpression,
    json_fields,
)
from warta.store.base import StoredArticle


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


#: The response model of each record class `record_model` has built, for
#: records nested in others (an entity's mentions, an event's actors).
RECORD_MODELS: dict[type, type[BaseModel]] = {}

#: A field the API adds to (or redefines in) a record: (annotation, pydantic Field).
Added = tuple[Any, Any]


def record_model(name: str, *records: type, omit: tuple[str, ...] = (), before: dict[str, Added] | None = None,
                 replace: dict[str, Added] | None = None, after: dict[str, Added] | None = None) -> type[BaseModel]:
    """A response model with the fields of `records` (in JSON order), less `omit`.

    Each field keeps its record's type (dates as ISO strings, tuples as
    lists, nested records as their models), default and description; its JSON
    Schema keywords (enum, pattern, minimum) document the API without being
    enforced on responses. `before`, `after` and `replace` are what the API
    shape adds or means differently (an article's `url` is its web page here).
    """
    fields: dict[str, Any] = dict(before or {})
    for record in records:
        hints = typing.get_type_hints(record)
        for f in json_fields(record):
            if f.name in omit:
                continue
            if replace and f.name in replace:
                fields[f.name] = replace[f.name]
                continue
            metadata = dict(f.metadata)
            annotation = _api_type(hints[f.name])
            if "enum" in metadata and type(None) in typing.get_args(hints[f.name]):
                metadata["enum"] = [*metadata["enum"], None]
            if f.default is not dataclasses.MISSING:
                default: Any = list(f.default) if isinstance(f.default, tuple) else f.default
            elif f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            else:
                default = ...
            fields[f.name] = (annotation, Field(default, description=metadata.pop("description", None),
                                                json_schema_extra=metadata or None))
    fields.update(after or {})
    model = create_model(name, __base__=Open, **fields)
    if len(records) == 1:
        RECORD_MODELS.setdefault(records[0], model)
    return model


def _api_type(hint: Any) -> Any:
    """The annotation a record field has in a response model."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        converted = [_api_type(arg) for arg in args]
        result = converted[0]
        for arg in converted[1:]:
            result = result | arg
        return result
    if origin in (list, tuple):
        return list.__class_getitem__(_api_type(args[0]))  # list[X] with X known at run time
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return RECORD_MODELS[hint]
    if hint is date or (isinstance(hint, type) and issubclass(hint, date)):
        return str
    return hint


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="machine-readable: bad_query, not_found, invalid_parameter, unauthorized, ...")
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class Page(BaseModel):
    total: int | None = Field(description="matches in all pages")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null on the last one")


class ArticleSummary(BaseModel):
    id: str
    external_id: str | None = None
    published: str
    section: str | None = None
    source: str | None = None
    title: str
    subtitle: str | None = None
    url: str = Field(description="web page of the article")
    api_url: str


class ArticleList(Page):
    items: list[ArticleSummary]


class SearchHit(BaseModel):
    id: str
    score: float | None = None
    title: str
    published: str
    section: str | None = None
    source: str | None = None
    snippet: str | None = None
    snippet_html: str | None = Field(None, description="the snippet, HTML-escaped, with matches in <mark>")
    highlights: list[list[int]] = []
    subtitle: str | None = None
    external_id: str | None = None
    url: str
    api_url: str


class Filters(BaseModel):
    since: str | None = None
    until: str | None = None
    section: str | None = None
    source: str | None = None
    entity: str | None = None
    speaker: str | None = None
    place: str | None = None
    event_type: str | None = None
    entity_ids: list[str] = Field(description="entity ids the `entity` filter resolved to (empty: none)")
    speaker_ids: list[str] = Field(description="entity ids the `speaker` filter resolved to")
    place_ids: list[str] = Field(description="gazetteer ids the `place` filter resolved to")


class FacetCount(BaseModel):
    value: str | None
    count: int


class EntityCount(BaseModel):
    id: str
    label: str
    name: str
    articles: int
    mentions: int
    url: str


class HistogramBucket(BaseModel):
    label: str
    since: date = Field(description="first day of the bucket: use as the `since` filter")
    until: date = Field(description="last day of the bucket: use as the `until` filter")
    count: int


class Histogram(BaseModel):
    unit: Literal["day", "month", "year"]
    buckets: list[HistogramBucket]


class Facets(BaseModel):
    sections: list[FacetCount]
    sources: list[FacetCount]
    entities: list[EntityCount]
    histogram: Histogram
    sample: int = Field(description="how many articles the entity facet was counted over")
    sampled: bool = Field(description="true when there were more matches than `sample`")


class SearchResponse(Page):
    query: str
    mode: Literal["search", "browse"] = Field(description="browse: no query, newest articles first")
    approximate: bool = Field(description="true when speaker/place/event_type filters were applied to the "
                                          "best 1,000 matches only and there were more")
    filters: Filters
    hits: list[SearchHit]
    facets: Facets | None = None


MentionOut = record_model("MentionOut", Mention)
SpanOut = record_model("SpanOut", Sentence)
TimeOut = record_model("TimeOut", TimeExpression)
QuoteOut = record_model("QuoteOut", Quote)
CountOut = record_model("CountOut", Count)
PlaceMentionOut = record_model("PlaceMentionOut", PlaceMention)
PlaceOut = record_model("PlaceOut", Place)
ActorOut = record_model("ActorOut", Actor)
EventOut = record_model("EventOut", Event, after={
    "sentence": (str | None, Field(None, description="the evidence sentence: text[sentence_start:sentence_end]"))})
EntityOut = record_model("EntityOut", Entity, after={"url": (str, Field(description="web page of the entity"))})
AnalysisOut = record_model("AnalysisOut", Analysis, omit=("article",), before={"schema_version": (str, ...)})

if typing.TYPE_CHECKING:  # to the type checker, a model built at run time is an open model
    QuoteItem = Open
else:
    QuoteItem = record_model(
        "QuoteItem", Quote,
        before={"article_id": (str, ...)},
        after={"title": (str, Field(description="title of the article")),
               "published": (str, ...),
               "copies": (int, Field(1, description="articles carrying this text: the size of the "
                                                    "article's copy group, 1 without copies")),
               "url": (str, Field(description="web page of the article")),
               "speaker_url": (str | None, None)})


class QuoteList(Page):
    items: list[QuoteItem]


class MergeLink(Open):
    """Why one mention was merged into a happening (warta.event_merge.same_happening's reasons)."""

    articles: list[str] = Field(description="the article of the mention it matched, then its own article")
    why: str = Field(description='e.g. "same type ASSAULT, same target id per:x (X), dates 1 day apart"')


class EventItem(Open):
    """A happening: event mentions merged by warta.event_merge (table event_clusters)."""

    id: int
    type: str
    mode: str | None = None
    cameo: str | None = None
    modality: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    source_code: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    target_code: str | None = None
    symmetric: bool = Field(False, description="true when both actors play the same part (a meeting, a fight)")
    date: str | None = None
    date_source: str | None = None
    place_id: str | None = None
    place: str | None = None
    mentions: int = Field(description="event mentions merged into this happening")
    articles: int
    sources: int | None = Field(None, description="distinct sources: articles, copies of one text counted once")
    outlets: int | None = Field(None, description="distinct outlets (article `source`) reporting it")
    evidence: list[Open] = Field(description="each mention: article, trigger and evidence sentence")
    merge_evidence: list[MergeLink] = Field(default_factory=list,
                                            description="why the mentions were merged, one entry per merge")


class EventList(Page):
    items: list[EventItem]


class PlaceItem(Open):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    lat: float
    lon: float
    mentions: int
    articles: int
    as_actor: int | None = Field(None, description="mentions where the place stands for its state")
    entity_id: str | None = None
    url: str | None = Field(None, description="entity page of the place")


class PlaceList(Page):
    items: list[PlaceItem]


ArticleDetail = record_model(
    "ArticleDetail", Article, StoredArticle, omit=("article", "seq"),
    replace={"url": (str, Field(description="web page of the article"))},
    after={"analysis": (AnalysisOut | None, Field(description="null when the article has not been analysed"))})


class EntitySummary(BaseModel):
    id: str
    label: str
    name: str
    mentions: int
    articles: int
    sources: int = Field(description="articles counted once per copy group (ten outlets running one wire text "
                                     "are one source)")
    first: str | None = None
    last: str | None = None
    url: str


class EntityList(Page):
    items: list[EntitySummary]


class Alias(BaseModel):
    text: str
    mentions: int


class Role(BaseModel):
    role: str
    mentions: int


class Month(BaseModel):
    month: str
    mentions: int
    articles: int


class CoMention(BaseModel):
    id: str
    label: str
    name: str
    articles: int = Field(description="articles mentioning both")
    url: str


class CoMentionLink(BaseModel):
    source: str
    target: str
    articles: int


class EntityArticle(ArticleSummary):
    mentions: int


class EntityArticles(Page):
    items: list[EntityArticle]


class EntityDetail(BaseModel):
    id: str
    label: str
    name: str
    attributes: dict[str, Any]
    mentions: int
    articles: int
    sources: int = Field(description="articles counted once per copy group")
    first: str | None = None
    last: str | None = None
    url: str
    aliases: list[Alias] = Field(description="distinct texts the entity is mentioned by")
    roles: list[Role]
    timeline: list[Month] = Field(description="mentions per month (months without any are left out)")
    co_mentions: list[CoMention]
    co_mention_links: list[CoMentionLink] = Field(description="shared articles between pairs of co_mentions")
    articles_page: EntityArticles
    quotes: QuoteList = Field(description="latest quotes with this entity as the speaker (first page)")
    events: EventList = Field(description="events with this entity as source or target (first page)")


class IngestResult(BaseModel):
    status: Literal["ingested", "updated", "duplicate"]
    id: str
    title: str
    url: str
    api_url: str
    analyzed: bool
    entities: int


class StorySummary(Open):
    """Articles about one happening (docs/stories.md); the id is its earliest article's."""

    id: str
    title: str
    first_published: str
    last_published: str
    articles: int
    outlets: int
    url: str


class StoryList(Page):
    items: list[StorySummary]


class StoryArticle(Open):
    id: str
    title: str
    published: str
    source: str | None = None
    section: str | None = None
    copy_of: str | None = Field(None, description="the original when this article is a copy of another")
    url: str


class StoryEvent(Open):
    id: int
    type: str
    sources: int = Field(description="distinct sources: articles, copies of one text counted once")
    outlets: int
    articles: int
    mentions: int
    evidence: list[Open]


class StoryDetail(Open):
    id: str
    title: str
    first_published: str
    last_published: str
    article_count: int
    outlet_count: int
    sources: int = Field(description="articles, copies of one text counted once")
    url: str
    articles: list[StoryArticle]
    outlets: list[Open]
    events: list[StoryEvent]
    quotes: list[Open] = Field(description="quotes, one per text: `articles` says how many copies carry it")
