"""What the CLI, the explorer (API and pages) and `warta.Corpus` ask of a store, answered once.

Every interface validates what a user typed here, with the same message
text (a bad `--label` on the command line and a bad `label=` in the API are
rejected by `valid_label`), queries through these functions and exports
through `export_articles` / `export_events`. The interfaces only parse their
own syntax (options, query strings) and present the result.

Functions take the store (already locked by the caller, for the explorer)
and return plain dicts or the store's own records. Nothing here writes to
the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from warta.search.index import Filters
from warta.store.explorer import ArticleFilter
from warta.vocabulary import ENTITY_LABELS, EVENT_TYPES, QUOTE_KINDS

#: Hard maximum page size of every paginated list of the explorer, API and pages alike.
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


# -- validation of what a user typed ------------------------------------------------


class InvalidInput(ValueError):
    """A value a user gave that warta cannot take; the message says what it can.

    `field` names the parameter without any interface's syntax (`label`,
    `since`): the CLI shows it as `--label`, the API as `label`.
    """

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class NotFound(LookupError):
    """The id or name names nothing in this store."""


def one_of(value: str | None, valid: tuple[str, ...], field: str,
           normal: Callable[[str], str] = str.upper) -> str | None:
    """`value` normalised if it is one of `valid`; None for no value. A typo
    must be an error naming the valid values, not an empty result."""
    if value is None or not value.strip():
        return None
    if normal(value.strip()) not in valid:
        raise InvalidInput(field, f"{value!r} is not one of {', '.join(valid)}")
    return normal(value.strip())


def valid_label(value: str | None) -> str | None:
    """`per` -> PER; `PERSON` is an error."""
    return one_of(value, ENTITY_LABELS, "label")


def valid_quote_kind(value: str | None) -> str | None:
    """`Direct` -> direct; `langsung` is an error."""
    return one_of(value, QUOTE_KINDS, "kind", str.lower)


def valid_event_type(value: str | None, field: str = "type") -> str | None:
    """`consult` -> CONSULT; `MEET` is an error."""
    return one_of(value, EVENT_TYPES, field)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_MESSAGE = "expects a date as YYYY-MM-DD"


def valid_day(value: str | date | None, field: str) -> date | None:
    """A date given as YYYY-MM-DD exactly: not `20250101`, not a time, not `0`."""
    if value is None or isinstance(value, date):
        return value
    try:
        if ISO_DATE.fullmatch(value.strip()):
            return date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise InvalidInput(field, f"{DATE_MESSAGE}, got {value!r}")


# -- addresses and date histograms of the explorer ---------------------------------------


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe=":")


def story_url(story_id: str) -> str:
    return f"/stories/{story_id}"


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


@dataclass
class Bucket:
    label: str
    since: date
    until: date
    count: int
    href: str | None = None


def _month_start(d: date) -> date:
    return d.replace(day=1)


def next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def date_buckets(days: list[tuple[str, int]], max_bars: int = 120) -> tuple[str, list[Bucket]]:
    """Group (ISO day, count) into days, months or years, with empty buckets filled in."""
    parsed = []
    for day, count in days:
        try:
            parsed.append((date.fromisoformat(day), count))
        except (TypeError, ValueError):
            continue
    if not parsed:
        return "month", []
    first, last = parsed[0][0], parsed[-1][0]
    span = (last - first).days
    if span <= 62:
        unit = "day"
    elif (last.year - first.year) * 12 + last.month - first.month < max_bars:
        unit = "month"
    else:
        unit = "year"
    counts: dict[date, int] = {}
    for d, count in parsed:
        key = d if unit == "day" else _month_start(d) if unit == "month" else date(d.year, 1, 1)
        counts[key] = counts.get(key, 0) + count
    buckets = []
    cursor = first if unit == "day" else _month_start(first) if unit == "month" else date(first.year, 1, 1)
    while cursor <= last:
        if unit == "day":
            end, label, following = cursor, cursor.isoformat(), cursor + timedelta(days=1)
        elif unit == "month":
            following = next_month(cursor)
            end, label = following - timedelta(days=1), cursor.strftime("%Y-%m")
        else:
            following = date(cursor.year + 1, 1, 1) if cursor.year < 9999 else date.max
            end, label = date(cursor.year, 12, 31), str(cursor.year)
        buckets.append(Bucket(label, cursor, end, counts.get(cursor, 0)))
        if following <= cursor:
            break
        cursor = following
    return unit, buckets



# -- queries ----------------------------------------------------------------------


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
    speaker, place, event_type = _clean(speaker), _clean(place), valid_event_type(event_type, "event_type")
    entity_ids = resolve_entity(store, entity)
    speaker_ids = resolve_entity(store, speaker)
    place_ids = resolve_place(store, place)
    flt = ArticleFilter(since, until, section, source, entity_ids, speaker_ids, place_ids, event_type)
    result: dict[str, Any] = {
        "query": q or "", "mode": "search" if q else "browse", "approximate": False,
        "filters": {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None,
                    "section": section, "source": source, "entity": entity, "speaker": speaker, "place": place,
                    "event_type": event_type,
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



def articles(store, since: date | None = None, until: date | None = None, section: str | None = None,
             source: str | None = None, entity: str | None = None, speaker: str | None = None,
             place: str | None = None, event_type: str | None = None, limit: int = 20, offset: int = 0,
             order: str = "newest") -> dict:
    """Current articles filtered like a search without a query, newest (or oldest) first."""
    flt = ArticleFilter(since, until, _clean(section), _clean(source), resolve_entity(store, entity),
                        resolve_entity(store, speaker), resolve_place(store, place),
                        valid_event_type(event_type, "event_type"))
    total, rows = store.list_articles(flt, limit, offset, order)
    items = [summary(r) for r in rows]
    return {**page_meta(total, limit, offset, len(items)), "items": items}


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


def quote_row(row: dict) -> dict:
    out = dict(row)
    out["url"] = article_url(row["article_id"])
    if row.get("speaker_id"):
        out["speaker_url"] = entity_url(row["speaker_id"])
    return out


def quote_rows(store, speaker: str | None = None, kind: str | None = None, since: str | date | None = None,
               until: str | date | None = None, limit: int = 50, offset: int = 0,
               distinct: bool = False) -> list[dict]:
    """Quotes, newest article first: the store's rows, filters validated."""
    return store.quotes(speaker=_clean(speaker), kind=valid_quote_kind(kind), since=valid_day(since, "since"),
                        until=valid_day(until, "until"), limit=limit, offset=offset, distinct=distinct)


def quotes(store, speaker: str | None, kind: str | None, since: date | None, until: date | None,
           limit: int, offset: int, distinct: bool = False) -> dict:
    """A page of quotes with its total and links."""
    speaker, kind = _clean(speaker), valid_quote_kind(kind)
    speaker_ids = resolve_entity(store, speaker)
    if speaker and speaker_ids == ("",):
        return {**page_meta(0, limit, offset, 0), "items": []}
    rows = quote_rows(store, speaker, kind, since, until, limit, offset, distinct)
    total = store.quotes_total(speaker_ids, kind, since, until, distinct)
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


def _event_filters(actor: str | None, event_type: str | None, since: str | date | None,
                   until: str | date | None, place: str | None) -> dict:
    return dict(actor=_clean(actor), type=valid_event_type(event_type), since=valid_day(since, "since"),
                until=valid_day(until, "until"), place=_clean(place))


def event_rows(store, actor: str | None = None, event_type: str | None = None, since: str | date | None = None,
               until: str | date | None = None, place: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict]:
    """Merged events (one per happening), most reported first: the store's rows, filters validated."""
    return store.events(**_event_filters(actor, event_type, since, until, place), limit=limit, offset=offset)


def events(store, actor: str | None, event_type: str | None, since: date | None, until: date | None,
           place: str | None, limit: int, offset: int) -> dict:
    """A page of merged events with its total and links."""
    filters = _event_filters(actor, event_type, since, until, place)
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


def entity_rows(store, label: str | None = None, name: str | None = None, since: str | date | None = None,
                until: str | date | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Entities by number of mentions: the store's rows, filters validated."""
    return store.entities(valid_label(label), _clean(name), valid_day(since, "since"), valid_day(until, "until"),
                          limit, offset)


def entities(store, label: str | None, name: str | None, since: date | None, until: date | None,
             limit: int, offset: int) -> dict:
    """A page of entities with its total and links."""
    label, name = valid_label(label), _clean(name)
    rows = entity_rows(store, label, name, since, until, limit, offset)
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


# -- what the command line and Python ask (the store's own records) -------------------------------


def named(store, value: str | None, what: str) -> tuple[str, ...]:
    """Ids of the entity (or, for `place`, the place) called `value`; () for no value.

    Unlike the explorer's filters, which show an empty page, a name that
    matches nothing raises NotFound: on the command line it is a typo.
    """
    if not value:
        return ()
    found = tuple(store.resolve_places(value) if what == "place" else store.resolve_entities(value))
    if not found:
        raise NotFound(f"no {what} called {value!r}")
    return found


def find_articles(store, query: str, since: str | date | None = None, until: str | date | None = None,
                  section: str | None = None, source: str | None = None, entity: str | None = None,
                  speaker: str | None = None, place: str | None = None, mentioned_since: str | date | None = None,
                  mentioned_until: str | date | None = None, limit: int = 10, offset: int = 0):
    """Full-text search, best matches first: the store's SearchResults.

    Raises InvalidInput for a malformed date, NotFound for an entity, speaker
    or place that names nothing, QueryError for a malformed query.
    """
    filters = Filters(valid_day(since, "since"), valid_day(until, "until"), section, source,
                      entities=named(store, entity, "entity"), speakers=named(store, speaker, "speaker"),
                      places=named(store, place, "place"),
                      mentioned_since=valid_day(mentioned_since, "mentioned_since"),
                      mentioned_until=valid_day(mentioned_until, "mentioned_until"))
    return store.search(query, filters, limit=limit, offset=offset)


def stored_article(store, article_id: str):
    """(the stored article, its analysis or None); NotFound when the id names nothing."""
    stored = store.get(article_id)
    if stored is None:
        raise NotFound(f"no article {article_id!r}")
    return stored, store.analysis(stored.id)


def entity_profile(store, name: str) -> tuple[dict, list[dict]]:
    """The most mentioned entity called `name` with its profile, and every entity the name matches."""
    profile = store.entity_profile(name)
    if profile is None:
        raise NotFound(f"no entity called {name!r}")
    return profile, store.entity_summaries(store.resolve_entities(name))


# -- exports ------------------------------------------------------------------------------

#: What can be exported, and in which formats.
EXPORT_FORMATS = {"articles": ("jsonl", "csv", "parquet"), "events": ("jsonl", "csv", "parquet", "gdelt")}


def check_export(what: str, format: str) -> None:
    """InvalidInput unless `what` can be exported as `format`."""
    if what not in EXPORT_FORMATS:
        raise InvalidInput("what", f"nothing called {what!r} to export: use articles or events")
    if format not in EXPORT_FORMATS[what]:
        raise InvalidInput("format", f"unknown format {format!r} for {what}: use one of "
                                     f"{', '.join(sorted(EXPORT_FORMATS[what]))}")


def export(store, what: str, format: str, target: Path | TextIO | None, all_versions: bool = False) -> int:
    """Write every stored article (current ones unless `all_versions`) or every merged event; how many.

    `target` is a path (written whole or not at all), an open text stream, or
    None for standard output. Raises InvalidInput for an unknown `what` or
    format, OSError when the target cannot be written.
    """
    from warta import export as exporters

    check_export(what, format)
    if what == "articles":
        return exporters.write_articles(store.articles(current_only=not all_versions), target, format)
    places = {place["id"]: place for place in store.places(limit=1_000_000)}
    return exporters.write_events(store.events(limit=10_000_000), target, format, places)


def events_csv(items: Iterable[dict]) -> str:
    """Events (a page of them, as the explorer downloads) as CSV text, formulas defused."""
    import io

    from warta import export as exporters

    buffer = io.StringIO()
    exporters.write_events(items, buffer, "csv")
    return buffer.getvalue()


# -- stories (docs/stories.md) ------------------------------------------------------


def stories(store, entity: str | None = None, place: str | None = None, since: str | date | None = None,
            until: str | date | None = None, limit: int = 20, offset: int = 0) -> dict:
    """A page of stories, newest first, with its total and links; filters validated."""
    since, until = valid_day(since, "since"), valid_day(until, "until")
    if since and until and since > until:
        raise InvalidInput("since", f"is after --until ({since} > {until})")
    total, rows = store.stories(_clean(entity), _clean(place), since, until, limit, offset)
    items = [dict(row, url=story_url(row["id"])) for row in rows]
    return {**page_meta(total, limit, offset, len(items)), "items": items}


def story(store, story_id: str) -> dict:
    """One story with its articles, outlets, events and quotes, and links."""
    found = store.story(story_id) if story_id and story_id.strip() else None
    if found is None:
        raise NotFound(f"no story {story_id!r} (a story id, or the id of one of its articles; see `warta stories`)")
    found["url"] = story_url(found["id"])
    for article in found["articles"]:
        article["url"] = article_url(article["id"])
    found["events"] = [event_row(event) for event in found["events"]]
    found["quotes"] = [quote_row(quote) for quote in found["quotes"]]
    return found
