"""The REST API under /api: read-only, paginated, JSON errors, never a 500.

Every list has `limit` (1..100, the hard maximum page size) and `offset`;
the response says `total` and `next_offset`. Errors are
`{"error": {"status", "code", "message", "details"}}` with 400 for a
malformed search query, 404 for an unknown id, 422 for a bad parameter.
Writes (`POST /api/articles`) exist only when the server was started with
WARTA_TOKEN set, and need `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BeforeValidator

from warta import service
from warta.web import schemas
from warta.web.errors import ApiError
from warta.web.state import Explorer, get_explorer

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorResponse, "description": "Malformed search query"},
    404: {"model": schemas.ErrorResponse, "description": "Unknown id"},
    422: {"model": schemas.ErrorResponse, "description": "Invalid parameter"},
}

router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=service.MAX_LIMIT, description=f"page size, at most {service.MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=service.MAX_OFFSET, description="items to skip")]


def iso_date(value):
    """Only YYYY-MM-DD, checked by the service as everywhere: pydantic alone would also take `0` (a Unix
    time) or `2025-01-01T00:00`."""
    if isinstance(value, str):
        service.valid_day(value, "date")
    return value


IsoDate = Annotated[date, BeforeValidator(iso_date)]
Since = Annotated[IsoDate | None, Query(description="published on or after (YYYY-MM-DD)")]
Until = Annotated[IsoDate | None, Query(description="published on or before (YYYY-MM-DD)")]
Section = Annotated[str | None, Query(max_length=100, description="section, e.g. DUNIA (case-insensitive)")]
Source = Annotated[str | None, Query(max_length=100, description="source agency, e.g. ANTARA (case-insensitive)")]
EntityFilter = Annotated[str | None, Query(max_length=200, description="only articles mentioning this entity "
                                                                       "(id, canonical name or a mention's text)")]
Speaker = Annotated[str | None, Query(max_length=200, description="only articles quoting this speaker "
                                                                  "(entity id or name)")]
Place = Annotated[str | None, Query(max_length=200, description="only articles mentioning this place "
                                                                "(name or gazetteer id, e.g. iso:IDN)")]
EventType = Annotated[str | None, Query(max_length=40, description="only articles with an event of this "
                                                                   "PLOVER type, e.g. CONSULT")]
ExplorerDep = Annotated[Explorer, Depends(get_explorer)]


@router.get("/", summary="This index: every endpoint, with links")
def index(request: Request) -> dict:
    """What `/api/` offers, made from the OpenAPI schema so it is never out of date."""
    base = str(request.base_url).rstrip("/")
    endpoints = [{"path": path, "methods": sorted(method.upper() for method in operations),
                  "summary": next(iter(operations.values())).get("summary", ""), "url": base + path}
                 for path, operations in request.app.openapi().get("paths", {}).items() if path != "/api/"]
    return {"name": "warta", "version": request.app.version, "docs": base + "/api/docs",
            "openapi": base + request.app.openapi_url, "endpoints": endpoints}


@router.get("/search", response_model=schemas.SearchResponse, summary="Full-text search with filters")
def search(
    explorer: ExplorerDep,
    q: Annotated[str, Query(min_length=1, max_length=1000,
                            description='words (stemmed), "exact phrases", OR, -exclude')],
    since: Since = None, until: Until = None, section: Section = None, source: Source = None,
    entity: EntityFilter = None, speaker: Speaker = None, place: Place = None, event_type: EventType = None,
    limit: Limit = 20, offset: Offset = 0,
    facets: Annotated[bool, Query(description="also return facets (sections, sources, top entities, "
                                              "date histogram) of the best matches")] = False,
):
    with explorer.reading() as store:
        return service.search(store, q, since, until, section, source, entity, limit, offset, with_facets=facets,
                              speaker=speaker, place=place, event_type=event_type)


@router.get("/articles", response_model=schemas.ArticleList, summary="Current articles, newest first")
def list_articles(
    explorer: ExplorerDep,
    since: Since = None, until: Until = None, section: Section = None, source: Source = None,
    entity: EntityFilter = None, speaker: Speaker = None, place: Place = None, event_type: EventType = None,
    limit: Limit = 20, offset: Offset = 0,
    order: Annotated[Literal["newest", "oldest"], Query()] = "newest",
):
    with explorer.reading() as store:
        return service.articles(store, since, until, section, source, entity, speaker, place, event_type, limit,
                                offset, order)


ArticleId = Annotated[str, PathParam(min_length=1, max_length=200,
                                     description="article id, a unique prefix of it (4+ characters), "
                                                 "or the external id")]


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail,
            summary="One article with its full analysis")
def get_article(explorer: ExplorerDep, article_id: ArticleId):
    with explorer.reading() as store:
        try:
            return service.article(store, article_id)["data"]
        except service.NotFound as exc:
            raise ApiError(404, "not_found", str(exc)) from None


@router.get("/entities", response_model=schemas.EntityList, summary="Entities by number of mentions")
def list_entities(
    explorer: ExplorerDep,
    label: Annotated[str | None, Query(max_length=20, description="PER, ORG, LOC, ...")] = None,
    name: Annotated[str | None, Query(max_length=200, description="name or a mention contains these words "
                                                                   "(whole words: BI does not find Subianto)")] = None,
    since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0,
):
    with explorer.reading() as store:
        return service.entities(store, label, name, since, until, limit, offset)


@router.get("/entities/{entity_id}", response_model=schemas.EntityDetail,
            summary="One entity: aliases, roles, timeline, co-mentions, articles, quotes, events")
def get_entity(
    explorer: ExplorerDep,
    entity_id: Annotated[str, PathParam(min_length=1, max_length=300, description="e.g. loc:indonesia")],
    limit: Annotated[int, Query(ge=1, le=service.MAX_LIMIT, description="page size of `articles_page`")] = 20,
    offset: Annotated[int, Query(ge=0, le=service.MAX_OFFSET, description="offset into `articles_page`")] = 0,
):
    with explorer.reading() as store:
        try:
            return service.entity(store, entity_id, limit, offset)
        except service.NotFound as exc:
            raise ApiError(404, "not_found", str(exc)) from None


@router.get("/quotes", response_model=schemas.QuoteList, summary="Quotes, newest article first")
def list_quotes(
    explorer: ExplorerDep,
    speaker: Annotated[str | None, Query(max_length=200, description="speaker entity id or name")] = None,
    kind: Annotated[str | None, Query(max_length=20, description="direct, indirect, partial, headline")] = None,
    since: Since = None, until: Until = None, limit: Limit = 20, offset: Offset = 0,
    distinct: Annotated[bool, Query(description="one row per copy group (the original's quotes), so a wire "
                                                "text run by ten outlets counts once")] = False,
):
    with explorer.reading() as store:
        return service.quotes(store, speaker, kind, since, until, limit, offset, distinct)


@router.get("/events", response_model=schemas.EventList, summary="Events (PLOVER), most reported first",
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                             "description": "JSON, or CSV with format=csv"}})
def list_events(
    explorer: ExplorerDep,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="source or target: entity id or name")] = None,
    place: Place = None,
    since: Annotated[IsoDate | None, Query(description="event date on or after (YYYY-MM-DD)")] = None,
    until: Annotated[IsoDate | None, Query(description="event date on or before (YYYY-MM-DD)")] = None,
    limit: Limit = 20, offset: Offset = 0,
    format: Annotated[Literal["json", "csv"], Query(description="csv: this page as a CSV file")] = "json",
):
    with explorer.reading() as store:
        result = service.events(store, actor, type, since, until, place, limit, offset)
    if format == "csv":
        return Response(service.events_csv(result["items"]), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="warta-events.csv"'})
    return result


@router.get("/places", response_model=schemas.PlaceList, summary="Places with coordinates, most mentioned first")
def list_places(
    explorer: ExplorerDep,
    country: Annotated[str | None, Query(max_length=10, description="ISO 3166 alpha-3 code, e.g. IDN")] = None,
    kind: Annotated[str | None, Query(max_length=20, description="country, region, city, facility")] = None,
    since: Since = None, until: Until = None, section: Section = None, source: Source = None,
    entity: EntityFilter = None, limit: Limit = 100, offset: Offset = 0,
):
    with explorer.reading() as store:
        return service.places(store, since, until, country, kind, limit, offset, section, source, entity)


@router.get("/stories", response_model=schemas.StoryList,
            summary="Stories (articles about one happening), newest first")
def list_stories(
    explorer: ExplorerDep,
    entity: Annotated[str | None, Query(max_length=200, description="only stories with an article mentioning "
                                                                    "this entity (id or name)")] = None,
    place: Place = None,
    since: Annotated[IsoDate | None, Query(description="stories running on or after (YYYY-MM-DD)")] = None,
    until: Annotated[IsoDate | None, Query(description="stories running on or before (YYYY-MM-DD)")] = None,
    limit: Limit = 20, offset: Offset = 0,
):
    with explorer.reading() as store:
        return service.stories(store, entity, place, since, until, limit, offset)


StoryId = Annotated[str, PathParam(min_length=1, max_length=200,
                                   description="story id (its earliest article's id) or any of its articles' ids")]


@router.get("/stories/{story_id}", response_model=schemas.StoryDetail,
            summary="One story: its articles, outlets, merged events and quotes")
def get_story(explorer: ExplorerDep, story_id: StoryId):
    with explorer.reading() as store:
        try:
            return service.story(store, story_id)
        except service.NotFound as exc:
            raise ApiError(404, "not_found", str(exc)) from None


@router.get("/stats", summary="Counts, date range, sections, sources, sizes")
def stats(explorer: ExplorerDep) -> dict:
    with explorer.reading() as store:
        return service.stats(store)


# -- writes -----------------------------------------------------------------------

INGEST_BODY = {
    "requestBody": {
        "required": True,
        "description": "One article: warta text (text/plain), a JSON object with the JSONL fields "
                       "(application/json), or a file upload (multipart/form-data, field `file`; "
                       ".txt, .html or .jsonl with one record).",
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                               "properties": {"file": {"type": "string", "format": "binary"}}}},
        },
    }
}


def check_token(request: Request, explorer: ExplorerDep) -> None:
    if not explorer.token:
        raise ApiError(403, "read_only", "this server is read-only: start it with WARTA_TOKEN set to allow writes")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8", "surrogatepass"),
                                                            explorer.token.encode("utf-8")):
        raise ApiError(401, "unauthorized", "a valid token is needed: Authorization: Bearer <WARTA_TOKEN>",
                       headers={"WWW-Authenticate": "Bearer"})


@router.post("/articles", status_code=201, response_model=schemas.IngestResult, openapi_extra=INGEST_BODY,
             summary="Ingest one article (only with WARTA_TOKEN)",
             responses={200: {"model": schemas.IngestResult, "description": "Already stored (duplicate)"},
                        401: {"model": schemas.ErrorResponse, "description": "Missing or wrong token"},
                        403: {"model": schemas.ErrorResponse, "description": "Writes are disabled"},
                        413: {"model": schemas.ErrorResponse, "description": "Body too large"}},
             dependencies=[Depends(check_token)])
async def post_article(request: Request, explorer: ExplorerDep):
    from starlette.concurrency import run_in_threadpool

    from warta.web.upload import read_upload

    name, data = await read_upload(request)
    result = await run_in_threadpool(explorer.ingest_bytes, name, data)
    status = 200 if result["status"] == "duplicate" else 201
    result.update(url=service.article_url(result["id"]), api_url="/api" + service.article_url(result["id"]))
    return JSONResponse(schemas.IngestResult(**result).model_dump(), status_code=status,
                        headers={"Location": result["api_url"]})
