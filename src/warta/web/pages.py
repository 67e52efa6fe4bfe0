"""The web UI: server-rendered pages over the same service functions as the API.

URLs are stable and linkable: `/` (search: `/?q=...&since=...&section=...`),
`/articles/{id}`, `/entities`, `/entities/{id}`, `/events`, `/stories`, `/stories/{id}`, `/map`. Page
parameters are read leniently (a bad date is reported on the page, numbers
are clamped), so a hand-edited URL shows a message, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warta import service
from warta.search.query import QueryError
from warta.web.render import (
    Node,
    bar_chart,
    css_token,
    entity_url,
    fit_bbox,
    map_svg,
    month_buckets,
    network_svg,
    render_article,
    safe_snippet,
)
from warta.web.state import get_explorer
from warta.web.timeline import timeline_svg

router = APIRouter(include_in_schema=False)

#: Filters the search page keeps in its links.
SEARCH_PARAMS = ("q", "since", "until", "section", "source", "entity", "speaker", "place", "event_type", "limit")


class PageError(ValueError):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@contextmanager
def invalid_input_as_page_error() -> Iterator[None]:
    """The service's InvalidInput (a label, kind or type that names nothing) as the page's 422."""
    try:
        yield
    except service.InvalidInput as exc:
        raise PageError(422, f"{exc.field}: {exc}") from None


def _param(request: Request, name: str, max_length: int = 1000) -> str | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > max_length:
        raise PageError(422, f"{name}: too long (at most {max_length} characters)")
    return value


def _date(request: Request, name: str) -> date | None:
    value = _param(request, name, 40)
    if value is None:
        return None
    try:
        return service.valid_day(value, name)
    except service.InvalidInput as exc:
        raise PageError(422, f"{name}: {exc}") from None


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    value = _param(request, name, 20)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise PageError(422, f"{name}: expected a whole number, got {value!r}") from None
    return max(low, min(high, number))


def link_builder(request: Request, keep: tuple[str, ...] | None = None):
    """link(**changes) -> the current URL with some query parameters changed (None removes one)."""

    def link(_path: str | None = None, **changes: Any) -> str:
        params = {k: v for k, v in request.query_params.items() if keep is None or k in keep or k == "lang"}
        params.pop("lang", None)
        if any(k != "offset" for k in changes):
            params.pop("offset", None)
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = value.isoformat() if isinstance(value, date) else str(value)
        path = _path if _path is not None else request.url.path
        query = urlencode(params)
        return path + ("?" + query if query else "")

    return link


def unique_evidence(event: dict, limit: int = 2) -> list[dict]:
    """An event's evidence with each (article, sentence) once: several triggers can share a sentence."""
    seen, out = set(), []
    for evidence in event.get("evidence") or []:
        key = (evidence.get("article_id"), evidence.get("sentence_start"))
        if key not in seen:
            seen.add(key)
            out.append(evidence)
    return out[:limit]


def render(request: Request, template: str, status: int = 200, keep: tuple[str, ...] | None = None,
           **context: Any) -> HTMLResponse:
    web = request.app.state.web
    lang = web.language(request)
    link = link_builder(request, keep)
    html = web.templates.get_template(template).render(
        request=request, t=web.labels(lang), lang=lang, link=link,
        lang_link=lambda code: request.url.path + "?" + urlencode({**request.query_params, "lang": code}),
        unique_evidence=unique_evidence,
        entity_url=entity_url, css_token=css_token, **context)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in ("id", "en"):
        response.set_cookie("lang", request.query_params["lang"], max_age=365 * 24 * 3600, samesite="lax",
                            httponly=True)
    return response


def error_page(request: Request, status: int, message: str, headers=None) -> HTMLResponse:
    response = render(request, "error.html", status=status, status_code=status, message=message)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


# -- search -----------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request):
    explorer = get_explorer(request)
    context: dict[str, Any] = {"error": None, "result": None, "entity_names": {}}
    status = 200
    link = link_builder(request, SEARCH_PARAMS)
    try:
        q = _param(request, "q")
        since, until = _date(request, "since"), _date(request, "until")
        section, source = _param(request, "section", 100), _param(request, "source", 100)
        entity = _param(request, "entity", 200)
        speaker, place = _param(request, "speaker", 200), _param(request, "place", 200)
        event_type = _param(request, "event_type", 40)
        limit = _int(request, "limit", 20, 1, service.MAX_LIMIT)
        offset = _int(request, "offset", 0, 0, service.MAX_OFFSET)
        context.update(q=q, since=since, until=until, section=section, source=source, entity=entity, limit=limit)
        with invalid_input_as_page_error(), explorer.reading() as store:
            try:
                result = service.search(store, q, since, until, section, source, entity, limit, offset,
                                        with_facets=True,
                                        histogram_link=lambda b: link(since=b.since, until=b.until),
                                        speaker=speaker, place=place, event_type=event_type)
            except QueryError as exc:
                raise PageError(400, f"{exc}") from None
            for hit in result["hits"]:
                if hit.get("snippet_html"):
                    hit["snippet_markup"] = safe_snippet(hit["snippet_html"])
            context["entity_names"] = {
                e: (store.entity(e) or {}).get("name", e)
                for e in result["filters"]["entity_ids"] + result["filters"]["speaker_ids"]}
        context["result"] = result
        histogram = result["facets"]["histogram"]
        context["histogram_svg"] = bar_chart(histogram["buckets"], "histogram", unit_label="artikel")
    except PageError as exc:
        status = exc.status
        context["error"], context["error_status"] = str(exc), exc.status
        context.setdefault("q", request.query_params.get("q"))
    return render(request, "search.html", status=status, keep=SEARCH_PARAMS, **context)


# -- articles --------------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    explorer = get_explorer(request)
    with explorer.reading() as store:
        try:
            found = service.article(store, article_id)
        except service.NotFound as exc:
            return error_page(request, 404, str(exc))
        stored, analysis = found["stored"], found["analysis_obj"]
        if stored.id != article_id and request.method == "GET":
            # A prefix or an external id: send the reader to the one stable URL.
            return RedirectResponse(f"/articles/{stored.id}", status_code=307)
        copies = store.copy_group(stored.id)
        story_id = store.story_id_of(stored.id)
        story = store.stories_by_id([story_id])[0] if story_id else None
    legend: dict[str, list] = {}
    places, events, small_map = [], [], None
    if analysis is not None:
        for e in analysis.entities:
            legend.setdefault(e.label, []).append(e)
        text = stored.article.text
        for ev in analysis.events:
            events.append({"event": ev, "sentence": text[ev.sentence_start:ev.sentence_end]})
        places = [{"id": p.id, "entity_id": p.entity_id, "name": p.name, "kind": p.kind, "country": p.country,
                   "lat": p.lat, "lon": p.lon, "articles": len(p.mentions), "mentions": len(p.mentions)}
                  for p in analysis.places]
        if places:
            small_map = map_svg(places, width=300, bbox=fit_bbox(places))
    return render(request, "article.html", stored=stored, article=stored.article, analysis=analysis,
                  text=render_article(stored.article, analysis), legend=legend, events=events, places=places,
                  small_map=small_map, copies=copies, story=story, story_url=service.story_url, keep=())


# -- entities ------------------------------------------------------------------------------


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request):
    explorer = get_explorer(request)
    status, error, result = 200, None, None
    try:
        label = _param(request, "label", 20)
        name = _param(request, "name", 200)
        limit = _int(request, "limit", 50, 1, service.MAX_LIMIT)
        offset = _int(request, "offset", 0, 0, service.MAX_OFFSET)
        with invalid_input_as_page_error(), explorer.reading() as store:
            result = service.entities(store, label, name, None, None, limit, offset)
            labels = store.entity_labels()
    except PageError as exc:
        status, error, labels, label, name = exc.status, str(exc), [], None, None
    return render(request, "entities.html", status=status, error=error, result=result, labels=labels,
                  label=label, name=name, keep=("label", "name"))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str):
    explorer = get_explorer(request)
    try:
        offset = _int(request, "offset", 0, 0, service.MAX_OFFSET)
    except PageError as exc:
        return error_page(request, exc.status, str(exc))
    with explorer.reading() as store:
        try:
            entity = service.entity(store, entity_id, 20, offset)
        except service.NotFound as exc:
            return error_page(request, 404, str(exc))
    if entity["id"] != entity_id:
        return RedirectResponse(entity_url(entity["id"]), status_code=307)
    timeline = bar_chart(month_buckets(entity["timeline"]), "timeline", height=120, target_width=520,
                         unit_label="sebutan")
    nodes = [Node(entity["id"], entity["name"], entity["label"], entity["articles"], center=True)]
    index = {entity["id"]: 0}
    for co in entity["co_mentions"]:
        index[co["id"]] = len(nodes)
        nodes.append(Node(co["id"], co["name"], co["label"], co["articles"]))
    edges = [(0, index[co["id"]], co["articles"]) for co in entity["co_mentions"]]
    for link in entity["co_mention_links"]:
        if link["source"] in index and link["target"] in index:
            edges.append((index[link["source"]], index[link["target"]], link["articles"]))
    graph = network_svg(nodes, edges)
    return render(request, "entity.html", entity=entity, timeline_svg=timeline, network_svg=graph, keep=())


# -- events and map -------------------------------------------------------------------------


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    explorer = get_explorer(request)
    status, error, result, types = 200, None, None, []
    filters: dict[str, Any] = {}
    limit = 50
    try:
        filters = {"type": _param(request, "type", 40), "actor": _param(request, "actor", 200),
                   "place": _param(request, "place", 200), "since": _date(request, "since"),
                   "until": _date(request, "until")}
        offset = _int(request, "offset", 0, 0, service.MAX_OFFSET)
        with invalid_input_as_page_error(), explorer.reading() as store:
            result = service.events(store, filters["actor"], filters["type"], filters["since"], filters["until"],
                                    filters["place"], limit, offset)
            types = store.event_types()
    except PageError as exc:
        status, error = exc.status, str(exc)
    csv_params = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in filters.items() if v}
    csv_url = "/api/events?" + urlencode({**csv_params, "format": "csv", "limit": service.MAX_LIMIT})
    return render(request, "events.html", status=status, error=error, result=result, types=types,
                  filters=filters, csv_url=csv_url, keep=("type", "actor", "place", "since", "until"))


# -- stories ---------------------------------------------------------------------------------


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request):
    explorer = get_explorer(request)
    status, error, result = 200, None, None
    filters: dict[str, Any] = {}
    try:
        filters = {"entity": _param(request, "entity", 200), "place": _param(request, "place", 200),
                   "since": _date(request, "since"), "until": _date(request, "until")}
        offset = _int(request, "offset", 0, 0, service.MAX_OFFSET)
        with invalid_input_as_page_error(), explorer.reading() as store:
            result = service.stories(store, filters["entity"], filters["place"], filters["since"],
                                     filters["until"], 50, offset)
    except PageError as exc:
        status, error = exc.status, str(exc)
    return render(request, "stories.html", status=status, error=error, result=result, filters=filters,
                  keep=("entity", "place", "since", "until"))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str):
    explorer = get_explorer(request)
    with explorer.reading() as store:
        try:
            story = service.story(store, story_id)
        except service.NotFound as exc:
            return error_page(request, 404, str(exc))
    if story["id"] != story_id:
        return RedirectResponse(story["url"], status_code=307)
    return render(request, "story.html", story=story, timeline=timeline_svg(story["articles"]), keep=())


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    from warta.web.render import REGIONS

    explorer = get_explorer(request)
    status, error = 200, None
    region = request.query_params.get("region", "world")
    if region not in REGIONS:
        region = "world"
    places: dict[str, Any] = {"items": [], "total": 0}
    filters: dict[str, Any] = {}
    try:
        filters = {"since": _date(request, "since"), "until": _date(request, "until"),
                   "country": _param(request, "country", 10), "kind": _param(request, "kind", 20),
                   "section": _param(request, "section", 100), "source": _param(request, "source", 100)}
        with explorer.reading() as store:
            places = service.places(store, filters["since"], filters["until"], filters["country"], filters["kind"],
                                    1000, 0, filters["section"], filters["source"])
    except PageError as exc:
        status, error = exc.status, str(exc)
    return render(request, "map.html", status=status, error=error, places=places, region=region,
                  regions=list(REGIONS), map_svg=map_svg(places["items"], region), filters=filters,
                  keep=("since", "until", "country", "kind", "section", "source", "region"))


# -- API docs (local, no CDN) and favicon -------------------------------------------------


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                kinds = [s.get("format") or s.get("type") for s in schema.get("anyOf", [schema])
                         if s.get("type") != "null"]
                limits = ", ".join(f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema)
                if "enum" in schema:
                    limits = " | ".join(map(str, schema["enum"]))
                params.append({"name": p["name"], "in": p["in"], "required": p.get("required", False),
                               "type": "/".join(k for k in kinds if k) or "string", "limits": limits,
                               "default": schema.get("default"), "description": p.get("description", "")})
            body = op.get("requestBody", {}).get("content", {})
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "description": op.get("description", ""), "params": params,
                               "body": list(body), "responses": sorted(op.get("responses", {}))})
    return render(request, "api_docs.html", operations=operations, title=spec["info"]["title"],
                  version=spec["info"]["version"], description=spec["info"].get("description", ""), keep=())


@router.get("/favicon.ico")
def favicon() -> Response:
    from importlib import resources

    data = resources.files("warta.web").joinpath("static", "favicon.svg").read_bytes()
    return Response(data, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})
