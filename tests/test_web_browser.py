"""The web UI in a real browser: Playwright driving Debian's Chromium, headless.

Every test fails on a console error, an uncaught page error, a failed
request, a response with status >= 400, or any request that leaves the
server (the UI must work offline: no CDN, no external font). Each page is
screenshotted into a temporary folder; set WARTA_SCREENSHOTS=docs/screenshots
to refresh the README's pictures (tracked files change only on request).

Every test runs on both backends (a SQLite file, and a PostgreSQL database on
the session's throwaway server, skipped with a message when PostgreSQL is not
installed). Needs /usr/bin/chromium (Debian: `apt-get install chromium`); without it the
tests are skipped with that message. Playwright's own browser download is
not used.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from conftest import analysed_corpus

CHROMIUM = Path(os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium"))
#: Where page screenshots go: a temporary folder unless asked for explicitly.
SCREENSHOTS = Path(os.environ["WARTA_SCREENSHOTS"]) if os.environ.get("WARTA_SCREENSHOTS") else None

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"needs Chromium at {CHROMIUM} (Debian: apt-get install chromium)")

XSS_ARTICLE = """\
 date 2025-12-05 DUNIA
Uji keamanan <script>window.__xss=1</script> dan <img src=x onerror="window.__xss=2"> di Jakarta
Presiden Indonesia berbicara di Jakarta tentang <b>tebal</b> & "kutipan".

"Kami menolak <script>window.__xss=3</script> semua bentuk serangan," kata juru bicara Kementerian Luar Negeri di Jakarta pada hari Kamis.

Pernyataan itu disampaikan <img src=x onerror=alert(1)> setelah pertemuan di Tokyo, Jepang.

SUMBER:ANTARA
"""


TOKEN = "browser-token-0123456789"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(request, tmp_path_factory):
    """The explorer over a private copy of the analysed corpus: a SQLite file, or a PostgreSQL database."""
    from warta.web.testing import LiveServer

    db = analysed_corpus(request, tmp_path_factory, "browser")
    with LiveServer(db, token=TOKEN) as live:
        yield live


@pytest.fixture(scope="module")
def xss_id(api):
    """An article whose title and body hold HTML and scripts, ingested through the API."""
    response = api.post("/api/articles", content=XSS_ARTICLE.encode(), headers={"Authorization": f"Bearer {TOKEN}"},
                        timeout=120)
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, failed requests and HTTP errors are collected."""

    def __init__(self, page, origin: str, scratch: Path):
        self.page = page
        self.scratch = scratch
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: r.url.startswith((origin, "data:", "about:"))
                or self.problems.append(f"request left the server: {r.url}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def shot(self, name: str, full_page: bool = False) -> None:
        folder = SCREENSHOTS or self.scratch
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / name), full_page=full_page)


@pytest.fixture
def watched(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server.url,
                                  locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20_000)
    watcher = Watched(page, server.url, tmp_path / "screenshots")
    yield watcher
    context.close()
    assert not watcher.problems, "\n".join(watcher.problems)
    assert not watcher.dialogs, f"a dialog opened: {watcher.dialogs}"


def svg_size(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not rendered"
    return box


# -- search ----------------------------------------------------------------------------------


def test_search_shows_results_facets_and_a_clickable_histogram(watched, api):
    page = watched.page
    page.goto("/")
    assert page.locator(".hit").count() > 0, "the front page lists the latest articles"
    page.fill("#q", "bertemu")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=bertemu*")
    hits = page.locator(".hit")
    expected = api.get("/api/search", params={"q": "bertemu"}).json()
    assert hits.count() == len(expected["hits"]) > 0
    assert page.locator(".hit .snippet mark").count() > 0
    assert page.locator(".hit-title").first.inner_text() == expected["hits"][0]["title"]
    for facet in ("sections", "sources", "entities"):
        assert page.locator(f".facet-{facet} li").count() > 0, facet
    histogram = svg_size(page, "svg.histogram")
    assert histogram["width"] > 0 and histogram["height"] > 0
    watched.shot("search.png")

    bars = page.locator("svg.histogram a.bar-link")
    assert bars.count() > 0
    href = bars.first.get_attribute("href")
    assert "since=" in href and "until=" in href and "q=bertemu" in href
    bars.first.locator("rect.bar-target").click()
    page.wait_for_url("**since=*")
    filtered = page.locator(".hit")
    assert 0 < filtered.count() <= hits.count() or filtered.count() > 0
    chip = page.locator(".chips .chip").first
    assert chip.is_visible()
    since = page.locator("input[name=since]").input_value()
    for published in page.locator(".hit time").all_inner_texts():
        assert published >= since


# -- article -------------------------------------------------------------------------------------


def test_article_highlights_are_exactly_the_analysed_mentions(watched, api):
    quotes = api.get("/api/quotes", params={"limit": 100}).json()["items"]
    article_id = next(q["article_id"] for q in quotes if q["speaker_id"])
    article = api.get(f"/api/articles/{article_id}").json()
    analysis = article["analysis"]
    page = watched.page
    page.goto(f"/articles/{article_id}")

    text_box = page.locator("#article-text")
    assert text_box.evaluate("el => el.textContent") == article["text"], "the page shows the canonical text"

    expected = {(m["start"], m["end"]): (e["label"], e["id"], m["text"])
                for e in analysis["entities"] for m in e["mentions"]}
    shown = page.eval_on_selector_all(
        "#article-text .ent",
        "els => els.map(el => [+el.dataset.start, +el.dataset.end, el.dataset.entity, el.className, el.textContent])")
    spans: dict[tuple[int, int], list] = {}
    for start, end, entity_id, classes, text in shown:
        spans.setdefault((start, end), []).append((entity_id, classes, text))
    assert set(spans) == set(expected), "highlighted spans differ from the analysis"
    for offsets, pieces in spans.items():
        label, entity_id, mention_text = expected[offsets]
        assert all(p[0] == entity_id and f"ent-{label}" in p[1].split() for p in pieces)
        assert "".join(p[2] for p in pieces) == mention_text == article["text"][offsets[0]:offsets[1]]

    quote_marks = page.eval_on_selector_all(
        "#article-text .quote[data-first]", "els => els.map(el => [+el.dataset.start, el.dataset.speaker])")
    assert sorted(quote_marks) == sorted([q["start"], q["speaker"] or ""] for q in analysis["quotes"])
    times = page.eval_on_selector_all("#article-text .timex",
                                      "els => els.map(el => [+el.dataset.start, el.getAttribute('title')])")
    by_start = {t["start"]: t["value"] for t in analysis["times"]}
    assert {start for start, _ in times} == set(by_start)
    assert all(title.startswith(by_start[start]) for start, title in times), "normalized value on hover"
    assert page.locator(".quotes-list .quote-item").count() == len(analysis["quotes"])
    watched.shot("article.png", full_page=True)

    # Clicking a highlighted mention opens its entity page.
    first = page.locator("#article-text .ent").first
    entity_id = first.get_attribute("data-entity")
    first.click()
    page.wait_for_url(f"**/entities/{entity_id}")


# -- entity -------------------------------------------------------------------------------------------


def test_entity_page_renders_its_chart_and_graph(watched, api):
    entity_id = api.get("/api/entities", params={"limit": 1}).json()["items"][0]["id"]
    entity = api.get(f"/api/entities/{entity_id}").json()
    page = watched.page
    page.goto(f"/entities/{entity_id}")
    assert page.locator("h1").inner_text().strip() == entity["name"]

    timeline = svg_size(page, "svg.timeline")
    assert timeline["width"] > 50 and timeline["height"] > 20
    bars = page.locator("svg.timeline rect.bar")
    counts = [int(c) for c in bars.evaluate_all("els => els.map(el => el.dataset.count)")]
    assert sum(counts) == entity["mentions"]
    assert max(bar.bounding_box()["height"] for bar in bars.all()) > 10

    graph = svg_size(page, "svg.network")
    assert graph["width"] > 200 and graph["height"] > 100
    nodes = page.locator("svg.network circle.node")
    assert nodes.count() == 1 + len(entity["co_mentions"])
    assert page.locator("svg.network line.edge").count() >= len(entity["co_mentions"])
    for node in nodes.all():
        box = node.bounding_box()
        assert box and box["width"] > 0 and graph["x"] - 1 <= box["x"] <= graph["x"] + graph["width"]
    assert page.locator(".alias-list li").count() == len(entity["aliases"])
    watched.shot("entity.png", full_page=True)

    neighbour = entity["co_mentions"][0]["id"]
    page.locator(f'svg.network circle[data-entity="{neighbour}"]').click()
    page.wait_for_url(f"**/entities/{neighbour}")
    assert page.locator("svg.network").count() == 1


# -- events and map --------------------------------------------------------------------------------------


def test_events_page_with_csv_download(watched, api):
    page = watched.page
    page.goto("/events")
    assert page.locator("table.events-table").is_visible()
    events = api.get("/api/events", params={"limit": 50}).json()["items"]
    assert page.locator("table.events-table tr.event-row").count() == len(events)
    csv_link = page.locator("a.csv")
    href = csv_link.get_attribute("href")
    assert href.startswith("/api/events?") and "format=csv" in href
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text().splitlines()[0].startswith("id,date,type")
    watched.shot("events.png")
    page.fill("input[name=actor]", "Indonesia")
    page.click("form.filter-form button[type=submit]")
    page.wait_for_url("**/events?actor=Indonesia*")


def test_map_shows_places_over_country_outlines(watched, api):
    places = api.get("/api/places", params={"limit": 100}).json()
    page = watched.page
    page.goto("/map")
    box = svg_size(page, "svg.map")
    assert box["width"] > 600 and box["height"] > 200
    assert page.locator("svg.map .countries path").count() > 150, "country outlines ship with warta"
    markers = page.locator("svg.map circle.marker")
    assert markers.count() == places["total"] > 0
    assert all((m.bounding_box() or {}).get("width", 0) > 0 for m in markers.all()[:20])
    watched.shot("map.png")
    page.click("nav.regions a:has-text('indonesia')")
    page.wait_for_url("**region=indonesia*")
    assert page.locator("svg.map circle.marker").count() == places["total"]


# -- safety and language --------------------------------------------------------------------------------------


def test_article_html_is_shown_as_text_never_run(watched, xss_id):
    page = watched.page
    page.goto(f"/articles/{xss_id}")
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__xss=1</script>" in text
    assert '<img src=x onerror="window.__xss=2">' in text
    assert "<script>window.__xss=3</script>" in text
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#article-text img, #article-text script, #article-text b").count() == 0
    assert "<script>" in page.title()

    page.goto("/?q=keamanan")
    title = page.locator(f'.hit[data-id="{xss_id}"] .hit-title')
    assert "<script>window.__xss=1</script>" in title.inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator(".hits img, .hits script").count() == 0

    page.goto("/?q=%3Cscript%3Ewindow.__xss%3D4%3C%2Fscript%3E+keamanan")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("main script").count() == 0


def test_language_switch_sticks(watched):
    page = watched.page
    page.goto("/")
    assert page.locator("header nav a").first.inner_text() == "Cari"
    page.click("header .lang a[hreflang=en]")
    page.wait_for_url("**lang=en*")
    assert page.locator("header nav a").first.inner_text() == "Search"
    page.click("header nav a[href='/map']")
    page.wait_for_url("**/map")
    assert page.locator("h1").inner_text() == "Map"
