"""What the API and the pages both need, computed once from the store.

Each function takes the store (already locked by the caller) and returns
plain dicts: the API validates them into its response models, the templates
render them. Nothing here writes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from warta.search.index import Filters
from warta.store.explorer import ArticleFilter
from warta.web.render import article_url, date_buckets, entity_url

#: Hard maximum page size of every paginated list, API and pages alike.
MAX_LIMIT = 100
#: Highest offset accepted (deeper pages are not useful and cost the index).
MAX_OFFSET = 100_000
#: Facets of a search, and the speaker/place/event-type filters of a search,
#: are computed over at most this many best matches.
SEARCH_SAMPLE = 1000
#: Top entities of a browse listing are counted over this many latest articles.
ENTITY_FACET_SAMPLE = 1000
#: Co-mentioned entities shown on an entity page (and nodes in its graph).
CO_MENTIONS = 15


class NotFound(LookupError):
    """The id names nothing in this store."""


def page_meta(total: int | None, limit: int, offset: int, shown: int, more: bool | None = None) -> dict:
    if more is None:
        more = (offset + shown < total) if total is not None else shown == limit
    return {"total": total, "limit": limit, "offset": offset,
            "next_offset": offset + shown if more and shown else None}


def resolve_entity(store, entity: str | None) -> tuple[str, ...]:
    """Entity ids a filter value (id or name) means; () for no filter; ('',) when it means nothing."""
    if not entity or not entity.strip():
        return ()
    ids = store.resolve_entities(entity.strip())
    return tuple(ids) if ids else ("",)


def resolve_place(store, place: str | None) -> tuple[str, ...]:
    if not place or not place.strip():
        return ()
    ids = store.resolve_places(place.strip())
    return tuple(ids) if ids else ("",)


def _clean(value: str | None) -> str | None:
    return (value.strip() or None) if value else None


def summary(row: dict) -> dict:
    out = dict(row)
    out["url"] = article_url(row["id"])
    out["api_url"] = "/api" + article_url(row["id"])
    return out


def histogram(store, flt: ArticleFilter, link=None) -> dict:
    unit, buckets = date_buckets(store.published_days(flt))
    if link:
        for bucket in buckets:
            bucket.href = link(bucket)
    return {"unit": unit, "buckets": buckets}


def facets(store, flt: ArticleFilter, entity_sample: list[str], sampled: bool, link=None) -> dict:
    return {
        "sections": store.facet_counts(flt, "section"),
        "sources": store.facet_counts(flt, "source"),
        "entities": [dict(e, url=entity_url(e["id"])) for e in store.top_entities_of(entity_sample, 10)],
        "histogram": histogram(store, flt, link),
        "sample": len(entity_sample),
        "sampled": sampled,
    }


def search(store, q: str | None, since: date | None = None, until: date | None = None, section: str | None = None,
           source: str | None = None, entity: str | None = None, limit: int = 20, offset: int = 0,
           with_facets: bool = False, histogram_link=None, speaker: str | None = None, place: str | None = None,
           event_type: str | None = None) -> dict:
    """Full-text search when `q` is given, else the newest articles; both filtered the same way.

    `speaker`, `place` and `event_type` are not in the search index: with a
    query they are applied to its best SEARCH_SAMPLE matches (`approximate`
    says when there were more). Raises QueryError for a malformed query.
    """
    section, source, entity = _clean(section), _clean(source), _clean(entity)
    speaker, place, event_type = _clean(speaker), _clean(place), _clean(event_type)
    entity_ids = resolve_entity(store, entity)
    speaker_ids = resolve_entity(store, speaker)
    place_ids = resolve_place(store, place)
    flt = ArticleFilter(since, until, section, source, entity_ids, speaker_ids, place_ids, event_type)
    result: dict[str, Any] = {
        "query": q or "", "mode": "search" if q else "browse", "approximate": False,
        "filters": {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None,
                    "section": section, "source": source, "entity": entity, "speaker": speaker, "place": place,
                    "event_type": event_type.upper() if event_type else None,
                    "entity_ids": [e for e in entity_ids if e], "speaker_ids": [e for e in speaker_ids if e],
                    "place_ids": [p for p in place_ids if p]},
    }
    if q:
        filters = Filters(since, until, section, source, entity_ids)
        if flt.needs_sql:
            total, cut, rows = store.search_filtered(q, filters, flt, limit, offset, SEARCH_SAMPLE)
            result["approximate"] = cut
        else:
            found = store.search(q, filters, limit=limit, offset=offset)
            total, rows = found.total, [hit.to_dict() for hit in found.hits]
        hits = [summary(row) for row in rows]
        result.update(page_meta(total, limit, offset, len(hits)), hits=hits)
        if with_facets:
            ids = store.search_article_ids(q, filters, SEARCH_SAMPLE)
            sample_flt = ArticleFilter(speakers=speaker_ids, places=place_ids, event_type=event_type, ids=tuple(ids))
            if flt.needs_sql:
                ids = store.latest_article_ids(sample_flt, SEARCH_SAMPLE)
            result["facets"] = facets(store, sample_flt, ids, (total or 0) > len(ids), histogram_link)
    else:
        total, rows = store.list_articles(flt, limit, offset)
        hits = [summary(r) for r in rows]
        result.update(page_meta(total, limit, offset, len(hits)), hits=hits)
        if with_facets:
            ids = store.latest_article_ids(flt, ENTITY_FACET_SAMPLE)
            result["facets"] = facets(store, flt, ids, total > len(ids), histogram_link)
    return result



def analysis_dict(analysis) -> dict | None:
    if analysis is None:
        return None
    data = analysis.to_dict()
    data.pop("article", None)
    for entity in data["entities"]:
        entity["url"] = entity_url(entity["id"])
    text = analysis.article.text
    for event in data.get("events", []):
        start, end = event.get("sentence_start"), event.get("sentence_end")
        if isinstance(start, int) and isinstance(end, int):
            event["sentence"] = text[start:end]
    return data


def article(store, article_id: str) -> dict:
    stored = store.get(article_id)
    if stored is None:
        raise NotFound(f"no article {article_id!r}")
    analysis = store.analysis(stored.id)
    data = stored.to_dict()
    data["url"] = article_url(stored.id)
    data["analysis"] = analysis_dict(analysis)
    return {"stored": stored, "analysis_obj": analysis, "data": data}


def _limited(rows: list[dict], limit: int) -> tuple[list[dict], bool]:
    """A page from `limit + 1` rows: (the page, whether there is more)."""
    return rows[:limit], len(rows) > limit


def quote_row(row: dict) -> dict:
    out = dict(row)
    out["url"] = article_url(row["article_id"])
    if row.get("speaker_id"):
        out["speaker_url"] = entity_url(row["speaker_id"])
    return out


def quotes(store, speaker: str | None, kind: str | None, since: date | None, until: date | None,
           limit: int, offset: int) -> dict:
    speaker, kind = _clean(speaker), _clean(kind)
    speaker_ids = resolve_entity(store, speaker)
    if speaker and speaker_ids == ("",):
        return {**page_meta(0, limit, offset, 0), "items": []}
    rows = store.quotes(speaker=speaker, kind=kind, since=since, until=until, limit=limit, offset=offset)
    total = store.quotes_total(speaker_ids, kind, since, until)
    items = [quote_row(r) for r in rows]
    return {**page_meta(total, limit, offset, len(items)), "items": items}


def event_row(row: dict) -> dict:
    out = dict(row)
    for side in ("source", "target"):
        if row.get(f"{side}_id"):
            out[f"{side}_url"] = entity_url(row[f"{side}_id"])
    for evidence in out.get("evidence") or []:
        if isinstance(evidence, dict) and evidence.get("article_id"):
            evidence["url"] = article_url(evidence["article_id"])
    return out


def events(store, actor: str | None, event_type: str | None, since: date | None, until: date | None,
           place: str | None, limit: int, offset: int) -> dict:
    """Merged events (one per happening), most reported first."""
    filters = dict(actor=_clean(actor), type=_clean(event_type), since=since, until=until, place=_clean(place))
    rows = store.events(**filters, limit=limit, offset=offset)
    items = [event_row(r) for r in rows]
    return {**page_meta(store.count_events(**filters), limit, offset, len(items)), "items": items}


def places(store, since: date | None, until: date | None, country: str | None, kind: str | None,
           limit: int, offset: int, section: str | None = None, source: str | None = None,
           entity: str | None = None) -> dict:
    flt = ArticleFilter(since, until, _clean(section), _clean(source), resolve_entity(store, entity))
    total, rows = store.places_filtered(flt, _clean(country), _clean(kind), limit, offset)
    items = [dict(r, url=entity_url(r["entity_id"]) if r.get("entity_id") else None) for r in rows]
    return {**page_meta(total, limit, offset, len(items)), "items": items}


def entity(store, entity_id: str, limit: int = 20, offset: int = 0) -> dict:
    found = store.entity(entity_id)
    if found is None:
        ids = store.resolve_entities(entity_id)
        if len(ids) == 1:
            found = store.entity(ids[0])
    if found is None:
        raise NotFound(f"no entity {entity_id!r}")
    eid = found["id"]
    profile = store.entity_profile(eid, co_mentions=CO_MENTIONS, quotes=0) or {}
    total, rows = store.entity_articles(eid, limit, offset)
    articles = [summary(r) for r in rows]
    co = [dict(c, url=entity_url(c["id"])) for c in profile.get("co_mentions", [])]
    links = store.co_mention_links(eid, [c["id"] for c in co])
    return {
        **found,
        "url": entity_url(eid),
        "aliases": profile.get("aliases", []),
        "roles": profile.get("roles", []),
        "timeline": profile.get("timeline", []),
        "co_mentions": co,
        "co_mention_links": links,
        "articles_page": {**page_meta(total, limit, offset, len(articles)), "items": articles},
        "quotes": quotes(store, eid, None, None, None, 20, 0),
        "events": events(store, eid, None, None, None, None, 20, 0),
    }


def entities(store, label: str | None, name: str | None, since: date | None, until: date | None,
             limit: int, offset: int) -> dict:
    label, name = _clean(label), _clean(name)
    rows = store.entities(label, name, since, until, limit, offset)
    total = store.entities_total(label, name, since, until)
    items = [dict(r, url=entity_url(r["id"])) for r in rows]
    return {**page_meta(total, limit, offset, len(items)), "items": items}


def stats(store) -> dict:
    data = store.stats()
    # The server's file system layout is nobody's business: keep the file name only.
    data["database"] = str(data.get("database", "")).replace("\\", "/").rsplit("/", 1)[-1]
    data["entity_labels"] = store.entity_labels()
    data["analysis_rows"] = store.analysis_totals()
    data["event_types"] = store.event_types()
    return data
