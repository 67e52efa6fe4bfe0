"""Server-side rendering helpers: annotated article text and inline SVG charts.

Everything returned here is `Markup` built from escaped pieces: article text,
names and values from the store go through `escape` on the way in, so text
such as `<script>` in an article is shown as text, never run.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from markupsafe import Markup, escape

from warta.model import Analysis, Article
from warta.service import Bucket, date_buckets, entity_url, next_month

_CLASS_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def css_token(value: object) -> str:
    """A value made safe to use inside a class name."""
    return _CLASS_SAFE.sub("_", str(value or "x"))[:40] or "x"


# -- annotated article text ------------------------------------------------------


@dataclass
class Span:
    """An element to wrap around text[start:end]. Parts (title, paragraphs) always sit outermost."""

    start: int
    end: int
    kind: str  # part | quote | time | count | mention
    classes: str
    attrs: dict[str, str] = field(default_factory=dict)
    opened: int = 0

    @property
    def rank(self) -> int:
        return _RANK[self.kind]


_RANK = {"part": 0, "quote": 1, "time": 2, "event": 3, "count": 4, "mention": 5}


def _open_tag(span: Span) -> str:
    attrs = {"class": span.classes, **span.attrs}
    if span.kind != "part":
        attrs["data-start"] = str(span.start)
        attrs["data-end"] = str(span.end)
    if span.opened:
        attrs["data-continued"] = "1"
    elif span.kind != "part":
        attrs["data-first"] = "1"
    span.opened += 1
    rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items())
    return f"<span {rendered}>"


def annotation_spans(article: Article, analysis: Analysis | None) -> list[Span]:
    """The spans to draw for an article: its parts, and the analysis's mentions, quotes, times and counts."""
    spans: list[Span] = []
    for section in article.sections():
        name = section.name.split(".", 1)[0]
        spans.append(Span(section.start, section.end, "part", f"part part-{css_token(name)}",
                          {"data-part": section.name}))
    if analysis is None:
        return spans
    for q in analysis.quotes:
        speaker = q.speaker or ""
        spans.append(Span(q.start, q.end, "quote", f"quote quote-{css_token(q.kind)}",
                          {"data-kind": q.kind, "data-speaker": speaker, "data-speaker-id": q.speaker_id or "",
                           "title": f"{speaker or '?'} ({q.kind}{', ' + q.cue if q.cue else ''})"}))
    for t in analysis.times:
        spans.append(Span(t.start, t.end, "time", f"timex timex-{css_token(t.type)}",
                          {"data-value": t.value, "data-type": t.type,
                           "title": f"{t.value} ({t.type}{', ' + t.mod if t.mod else ''})"}))
    for c in analysis.counts:
        what = " ".join(str(x) for x in (c.unit, c.category) if x)
        value = f"{c.value:g}" if isinstance(c.value, (int, float)) else str(c.value)
        spans.append(Span(c.start, c.end, "count", "numex",
                          {"data-value": value, "title": f"{'≈' if c.approximate else ''}{value} {what}".strip()}))
    for ev in getattr(analysis, "events", None) or []:
        who = " → ".join(a.name for a in (ev.source, ev.target) if a is not None)
        spans.append(Span(ev.trigger_start, ev.trigger_end, "event", f"trigger trigger-{css_token(ev.type)}",
                          {"data-type": ev.type, "title": f"{ev.type}{' ' + ev.cameo if ev.cameo else ''}"
                                                          f" · {ev.modality}{' · ' + who if who else ''}"}))
    for entity in analysis.entities:
        for m in entity.mentions:
            spans.append(Span(m.start, m.end, "mention",
                              f"ent ent-{css_token(entity.label)}" + (" ent-role" if m.source == "role" else ""),
                              {"data-entity": entity.id, "data-label": entity.label, "data-source": m.source,
                               "title": f"{entity.name} · {entity.label}" + (f" · {m.role}" if m.role else "")}))
    return spans


def annotate(text: str, spans: list[Span]) -> Markup:
    """`text` as HTML with every span wrapped in an element, properly nested.

    The text is cut at every span boundary; each piece is wrapped in the
    spans that cover it, longer spans outside shorter ones (parts always
    outermost). A span that crosses another one is drawn in several pieces,
    each with the span's own `data-start`/`data-end`, so the offsets on the
    page are always exactly the analysis's.
    """
    length = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= length]
    for s in valid:
        s.opened = 0
    bounds = sorted({0, length, *(s.start for s in valid), *(s.end for s in valid)})
    by_start = sorted(valid, key=lambda s: s.start)
    active: list[Span] = []
    stack: list[Span] = []
    out: list[str] = []
    next_span = 0
    for left, right in zip(bounds, bounds[1:]):
        active = [s for s in active if s.end > left]
        while next_span < len(by_start) and by_start[next_span].start <= left:
            if by_start[next_span].end > left:
                active.append(by_start[next_span])
            next_span += 1
        wanted = sorted(active, key=lambda s: (s.kind != "part", -(s.end - s.start), s.rank, s.start))
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        out.extend(_open_tag(s) for s in wanted[keep:])
        stack = wanted
        out.append(str(escape(text[left:right])))
    out.append("</span>" * len(stack))
    return Markup("".join(out))


def render_article(article: Article, analysis: Analysis | None) -> Markup:
    return annotate(article.text, annotation_spans(article, analysis))


def safe_snippet(snippet_html: str) -> Markup:
    """A search snippet with only its <mark> tags kept: everything else re-escaped."""
    import html

    pieces = re.split(r"(</?mark>)", snippet_html or "")
    out = []
    for piece in pieces:
        if piece in ("<mark>", "</mark>"):
            out.append(piece)
        else:
            out.append(str(escape(html.unescape(piece))))
    # Balance the marks whatever the input was.
    opened = 0
    balanced = []
    for piece in out:
        if piece == "<mark>":
            if opened:
                continue
            opened = 1
        elif piece == "</mark>":
            if not opened:
                continue
            opened = 0
        balanced.append(piece)
    if opened:
        balanced.append("</mark>")
    return Markup("".join(balanced))


# -- date buckets and bar charts ------------------------------------------------


def bar_chart(buckets: list[Bucket], css_class: str, height: int = 90, bar_width: int | None = None,
              unit_label: str = "", target_width: int = 300) -> Markup:
    """Vertical bars as inline SVG; a bucket with an href becomes a link.

    Bars share `target_width` (each 3 to 40 px wide); ticks show each year,
    and each month's number when there are few bars.
    """
    if not buckets:
        return Markup("")
    if bar_width is None:
        bar_width = max(3, min(40, target_width // len(buckets)))
    top = max(b.count for b in buckets) or 1
    gap = 2 if bar_width > 4 else 0
    chart_height = height - 18
    width = max(len(buckets) * bar_width, 120)
    parts = [f'<svg class="{css_class}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" preserveAspectRatio="xMinYMin meet">']
    parts.append(f'<line class="axis" x1="0" y1="{chart_height}" x2="{width}" y2="{chart_height}"/>')
    previous_year = None
    for i, b in enumerate(buckets):
        x = i * bar_width
        h = max(round(chart_height * b.count / top, 1), 1 if b.count else 0)
        title = escape(f"{b.label}: {b.count} {unit_label}".strip())
        rect = (f'<rect class="bar" x="{x + gap / 2}" y="{chart_height - h}" width="{bar_width - gap}" '
                f'height="{h}" data-count="{b.count}" data-since="{b.since.isoformat()}" '
                f'data-until="{b.until.isoformat()}"><title>{title}</title></rect>')
        if b.href and b.count:
            # A transparent full-height target makes even small bars easy to click.
            parts.append(f'<a href="{escape(b.href)}" class="bar-link">'
                         f'<rect class="bar-target" x="{x}" y="0" width="{bar_width}" height="{chart_height}">'
                         f'<title>{title}</title></rect>{rect}</a>')
        else:
            parts.append(rect)
        year = b.label[:4]
        if len(buckets) <= 16 and len(b.label) > 4 and bar_width >= 14:
            parts.append(f'<text class="tick" x="{x + bar_width / 2}" y="{chart_height + 9}" text-anchor="middle">'
                         f'{escape(b.label[5:])}</text>')
        if year != previous_year:
            parts.append(f'<text class="tick year" x="{x}" y="{height - 1}">{escape(year)}</text>')
            previous_year = year
    parts.append(f'<text class="tick max" x="{width - 2}" y="10" text-anchor="end">{top}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def month_buckets(rows: list[dict]) -> list[Bucket]:
    """Monthly rows ({month: 'YYYY-MM', mentions}) with empty months filled in (years when > 240 months)."""
    days = []
    for row in rows:
        try:
            days.append((f"{row['month']}-01", int(row["mentions"])))
        except (KeyError, TypeError, ValueError):
            continue
    if not days:
        return []
    first, last = date.fromisoformat(days[0][0]), date.fromisoformat(days[-1][0])
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    unit, buckets = date_buckets(days, max_bars=240)
    if unit == "day":  # a short span: still one bar per month
        counts: dict[str, int] = {}
        for d, c in days:
            counts[d[:7]] = counts.get(d[:7], 0) + c
        buckets, cursor = [], first
        for _ in range(months):
            following = next_month(cursor)
            buckets.append(Bucket(cursor.strftime("%Y-%m"), cursor, following - timedelta(days=1),
                                  counts.get(cursor.strftime("%Y-%m"), 0)))
            cursor = following
    return buckets


# -- co-mention network ----------------------------------------------------------


@dataclass
class Node:
    id: str
    name: str
    label: str
    weight: int
    x: float = 0.0
    y: float = 0.0
    center: bool = False


def layout(nodes: list[Node], edges: list[tuple[int, int, int]], iterations: int = 150) -> None:
    """Fruchterman-Reingold with the first node pinned at the centre; deterministic."""
    n = len(nodes)
    if not n:
        return
    for i, node in enumerate(nodes):
        if i == 0:
            node.x = node.y = 0.0
        else:
            angle = 2 * math.pi * (i - 1) / max(n - 1, 1)
            node.x, node.y = math.cos(angle), math.sin(angle)
    k = 1.2 / math.sqrt(max(n, 1)) * 1.6
    temperature = 0.3
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            for j in range(i + 1, n):
                ddx, ddy = nodes[i].x - nodes[j].x, nodes[i].y - nodes[j].y
                dist = math.hypot(ddx, ddy) or 0.01
                force = k * k / dist
                dx[i] += ddx / dist * force
                dy[i] += ddy / dist * force
                dx[j] -= ddx / dist * force
                dy[j] -= ddy / dist * force
        for a, b, w in edges:
            ddx, ddy = nodes[a].x - nodes[b].x, nodes[a].y - nodes[b].y
            dist = math.hypot(ddx, ddy) or 0.01
            force = dist * dist / k * (1 + math.log1p(w)) * 0.5
            dx[a] -= ddx / dist * force
            dy[a] -= ddy / dist * force
            dx[b] += ddx / dist * force
            dy[b] += ddy / dist * force
        for i in range(1, n):
            step = math.hypot(dx[i], dy[i]) or 0.01
            nodes[i].x += dx[i] / step * min(step, temperature)
            nodes[i].y += dy[i] / step * min(step, temperature)
        temperature = max(temperature * 0.97, 0.01)


def network_svg(nodes: list[Node], edges: list[tuple[int, int, int]], width: int = 640, height: int = 420) -> Markup:
    if not nodes:
        return Markup("")
    # Every edge to the centre, and only the strongest links among the others.
    central = [e for e in edges if 0 in (e[0], e[1])]
    others = sorted((e for e in edges if 0 not in (e[0], e[1])), key=lambda e: -e[2])[:2 * len(nodes)]
    edges = central + others
    layout(nodes, edges)
    margin_x, margin_y = 90, 30
    xs = [n.x for n in nodes]
    ys = [n.y for n in nodes]
    span_x = (max(xs) - min(xs)) or 1
    span_y = (max(ys) - min(ys)) or 1

    def px(node: Node) -> tuple[float, float]:
        x = margin_x + (node.x - min(xs)) / span_x * (width - 2 * margin_x) if len(nodes) > 1 else width / 2
        y = margin_y + (node.y - min(ys)) / span_y * (height - 2 * margin_y) if len(nodes) > 1 else height / 2
        return round(x, 1), round(y, 1)

    top_weight = max(e[2] for e in edges) if edges else 1
    top_node = max(n.weight for n in nodes) or 1
    parts = [f'<svg class="network" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    for a, b, w in edges:
        (x1, y1), (x2, y2) = px(nodes[a]), px(nodes[b])
        stroke = round(0.8 + 4 * w / top_weight, 2)
        parts.append(f'<line class="edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{stroke}">'
                     f'<title>{escape(nodes[a].name)} — {escape(nodes[b].name)}: {w}</title></line>')
    for node in nodes:
        x, y = px(node)
        r = round(6 + 10 * math.sqrt(node.weight / top_node), 1)
        cls = f"node node-{css_token(node.label)}" + (" node-center" if node.center else "")
        parts.append(f'<a href="{escape(entity_url(node.id))}" class="node-link">'
                     f'<circle class="{cls}" cx="{x}" cy="{y}" r="{r}" data-entity="{escape(node.id)}">'
                     f'<title>{escape(node.name)} ({escape(node.label)}): {node.weight}</title></circle>'
                     f'<text class="node-label" x="{x}" y="{round(y - r - 3, 1)}" text-anchor="middle">'
                     f'{escape(node.name)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


# -- map -----------------------------------------------------------------------

#: Named views of the map: (west lon, north lat, east lon, south lat).
REGIONS = {
    "world": (-180.0, 85.0, 180.0, -60.0),
    "asia": (60.0, 55.0, 160.0, -15.0),
    "indonesia": (93.0, 8.0, 143.0, -12.0),
}


@lru_cache(maxsize=1)
def world_features() -> list[tuple[str, str]]:
    """(country name, SVG path data in lon/-lat units) for each country outline shipped with warta."""
    source = resources.files("warta.web").joinpath("static", "world.geojson").read_text(encoding="utf-8")
    out = []
    for feature in json.loads(source)["features"]:
        name = feature["properties"].get("name") or ""
        if name == "Antarctica":
            continue
        commands = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                points = " ".join(f"{lon:g} {-lat:g}" for lon, lat in ring)
                commands.append(f"M{points}Z")
        out.append((name, "".join(commands)))
    return out


def fit_bbox(places: list[dict], pad: float = 6.0) -> tuple[float, float, float, float]:
    """A view (west, north, east, south) around the places, at least 30° by 18°."""
    lats = [float(p["lat"]) for p in places if p.get("lat") is not None]
    lons = [float(p["lon"]) for p in places if p.get("lon") is not None]
    if not lats:
        return REGIONS["world"]
    west, east = min(lons) - pad, max(lons) + pad
    south, north = min(lats) - pad, max(lats) + pad
    if east - west < 30:
        middle = (east + west) / 2
        west, east = middle - 15, middle + 15
    if north - south < 18:
        middle = (north + south) / 2
        south, north = middle - 9, middle + 9
    if east - west < 1.3 * (north - south):  # keep the view wider than tall
        middle, half = (east + west) / 2, 0.65 * (north - south)
        west, east = middle - half, middle + half
    return (max(west, -180.0), min(north, 85.0), min(east, 180.0), max(south, -60.0))


def map_svg(places: list[dict], region: str = "world", width: int = 960,
            bbox: tuple[float, float, float, float] | None = None) -> Markup:
    """An equirectangular map: country outlines, a 30° graticule, one marker per place."""
    west, north, east, south = bbox or REGIONS.get(region, REGIONS["world"])
    view_w, view_h = east - west, north - south
    height = round(width * view_h / view_w)
    scale = view_w / 360
    parts = [f'<svg class="map" viewBox="{west} {-north} {view_w} {view_h}" width="{width}" height="{height}" '
             f'role="img" preserveAspectRatio="xMidYMid meet">',
             f'<rect class="sea" x="{west}" y="{-north}" width="{view_w}" height="{view_h}"/>',
             '<g class="graticule">']
    for meridian in range(-180, 181, 30):
        parts.append(f'<line x1="{meridian}" y1="-90" x2="{meridian}" y2="90"/>')
    for parallel in range(-90, 91, 30):
        parts.append(f'<line x1="-180" y1="{-parallel}" x2="180" y2="{-parallel}"/>')
    parts.append('</g><g class="countries">')
    for name, path in world_features():
        parts.append(f'<path d="{path}"><title>{escape(name)}</title></path>')
    parts.append('</g><g class="markers">')
    top = max((p.get("articles") or 1 for p in places), default=1)
    for place in sorted(places, key=lambda p: -(p.get("articles") or 0)):
        try:
            lat, lon = float(place["lat"]), float(place["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        r = round((1.2 + 3.5 * math.sqrt((place.get("articles") or 1) / top)) * scale, 3)
        title = escape(f"{place.get('name')}: {place.get('articles')} × {place.get('mentions')}")
        place_id = escape(place.get("id") or "")
        circle = (f'<circle class="marker" cx="{lon:g}" cy="{-lat:g}" r="{r}" data-place="{place_id}">'
                  f'<title>{title}</title></circle>')
        entity_id = place.get("entity_id")
        if not isinstance(entity_id, str) or not entity_id:
            entity_id = None
        parts.append(f'<a href="{escape(entity_url(entity_id))}">{circle}</a>' if entity_id else circle)
    parts.append("</g></svg>")
    return Markup("".join(parts))
