"""A story's timeline as inline SVG: one row per outlet, one mark per article.

Server-rendered like the explorer's other charts (render.py), so the page
needs no script. The x axis runs over the story's days; articles of one
outlet on one day sit side by side. A copy of another article (same text) is
drawn hollow, so a wire story and its republications stand apart from the
outlets' own reporting. Each mark links to its article.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

#: Layout, in px.
ROW_HEIGHT = 26
LABEL_WIDTH = 140
DAY_WIDTH = 90
MARK_RADIUS = 6
MARK_STEP = 15
TOP = 22


def timeline_svg(articles: list[dict]) -> Markup:
    """`articles`: dicts with id, title, published (YYYY-MM-DD), source, copy_of and url, earliest first."""
    if not articles:
        return Markup("")
    days = [date.fromisoformat(a["published"][:10]) for a in articles]
    first, last = min(days), max(days)
    span = (last - first).days + 1
    outlets: list[str] = []
    for article in articles:
        name = article.get("source") or "?"
        if name not in outlets:
            outlets.append(name)
    per_cell: dict[tuple[str, int], int] = {}
    for article, day in zip(articles, days):
        key = (article.get("source") or "?", (day - first).days)
        per_cell[key] = per_cell.get(key, 0) + 1
    day_width = max(DAY_WIDTH, max(per_cell.values()) * MARK_STEP + 20)
    width = LABEL_WIDTH + span * day_width + 10
    height = TOP + len(outlets) * ROW_HEIGHT + 8
    parts = [f'<svg class="story-timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="timeline">']
    for number in range(span):
        x = LABEL_WIDTH + number * day_width
        label = date.fromordinal(first.toordinal() + number).isoformat()
        parts.append(f'<line class="day" x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{height - 4}"/>'
                     f'<text class="tick" x="{x + 4}" y="{TOP - 9}">{escape(label)}</text>')
    for row, outlet in enumerate(outlets):
        y = TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2
        parts.append(f'<text class="outlet" x="4" y="{y + 4}">{escape(outlet[:22])}</text>'
                     f'<line class="lane" x1="{LABEL_WIDTH}" y1="{y}" x2="{width - 10}" y2="{y}"/>')
    placed: dict[tuple[str, int], int] = {}
    for article, day in zip(articles, days):
        outlet = article.get("source") or "?"
        key = (outlet, (day - first).days)
        slot = placed.get(key, 0)
        placed[key] = slot + 1
        x = LABEL_WIDTH + key[1] * day_width + 12 + slot * MARK_STEP
        y = TOP + outlets.index(outlet) * ROW_HEIGHT + ROW_HEIGHT / 2
        kind = "copy" if article.get("copy_of") else "own"
        title = escape(f"{article['published']} · {outlet} · {article['title']}"
                       + (" (salinan / copy)" if article.get("copy_of") else ""))
        parts.append(f'<a href="{escape(article["url"])}" class="mark-link">'
                     f'<circle class="mark mark-{kind}" cx="{x}" cy="{y}" r="{MARK_RADIUS}" '
                     f'data-article="{escape(article["id"])}"><title>{title}</title></circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
