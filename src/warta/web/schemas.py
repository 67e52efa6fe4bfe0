"""Response models of the REST API: they are the OpenAPI schema clients see.

Models that mirror analysis records (quotes, times, counts, events, places)
allow extra fields, so a field added to the analysis later shows up in the
API without breaking clients or the schema.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


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


class MentionOut(Open):
    start: int
    end: int
    text: str
    source: str | None = None
    role: str | None = None
    role_start: int | None = None
    label: str | None = None


class EntityOut(Open):
    id: str
    label: str
    name: str
    roles: list[str] = []
    attributes: dict[str, Any] = {}
    mentions: list[MentionOut]
    url: str


class SpanOut(Open):
    start: int
    end: int


class TimeOut(Open):
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    anchor: Literal["published", "narrative", "absolute"] = "absolute"
    mod: str | None = None
    timezone: str | None = Field(None, description="zone stated for a clock time: WIB, WITA, WIT, UTC, GMT, "
                                                   "or local (`waktu setempat`); null when not stated")


class AnalysisOut(Open):
    schema_version: str
    pipeline: dict[str, Any]
    sentences: list[SpanOut]
    entities: list[EntityOut]
    quotes: list[Open] = []
    times: list[TimeOut] = []
    counts: list[Open] = []
    places: list[Open] = []
    events: list[Open] = []


class QuoteItem(Open):
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker_id: str | None = None
    speaker: str | None = None
    cue: str | None = None
    title: str = Field(description="title of the article")
    published: str
    url: str = Field(description="web page of the article")
    speaker_url: str | None = None


class QuoteList(Page):
    items: list[QuoteItem]


class EventItem(Open):
    id: int
    type: str
    mode: str | None = None
    cameo: str | None = None
    modality: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    date: str | None = None
    place_id: str | None = None
    place: str | None = None
    mentions: int = Field(description="event mentions merged into this happening")
    articles: int
    evidence: list[Open] = Field(description="each mention: article, trigger and evidence sentence")


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


class ArticleDetail(Open):
    id: str
    external_id: str | None = None
    content_hash: str
    published: str
    section: str | None = None
    source: str | None = None
    title: str
    subtitle: str | None = None
    caption: str | None = None
    caption_credit: str | None = None
    dateline: str | None = None
    body: list[str]
    text: str = Field(description="canonical text: every offset in the analysis points into it")
    url: str
    version: int
    supersedes: str | None = None
    superseded_by: str | None = None
    ingested_at: str
    analysis: AnalysisOut | None = Field(description="null when the article has not been analysed")


class EntitySummary(BaseModel):
    id: str
    label: str
    name: str
    mentions: int
    articles: int
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
