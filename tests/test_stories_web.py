"""Stories and copies for users: `warta stories` / `warta story`, /api/stories, the
story and story-list pages, copies and story links on article pages, and the
story timeline in a real browser (one mark per article)."""

from __future__ import annotations

import json

import httpx
import pytest

from story_articles import all_articles, court_first, flood_copy_one, flood_copy_two, flood_follow_up, flood_wire
from test_web_browser import CHROMIUM, Watched
from warta.ingest import prepare
from warta.store import open_store
from warta.web.testing import LiveServer

EARLIEST = min([flood_wire(), flood_copy_one()], key=lambda a: (a.published, a.id))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def story_db(request, tmp_path_factory):
    """The story articles, analysed, in a SQLite file or a PostgreSQL database (every test runs on both)."""
    if request.param == "postgres":
        path = request.getfixturevalue("pg_server").new_database()
    else:
        path = tmp_path_factory.mktemp("story-web") / "w.db"
    with open_store(path) as store:
        store.ingest(prepare(all_articles(), analyze=True))
    return path


@pytest.fixture(scope="module")
def live(story_db):
    with LiveServer(story_db) as server:
        yield server


@pytest.fixture(scope="module")
def http(live):
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


# -- CLI ---------------------------------------------------------------------------------------


def test_cli_stories_and_story(run_warta, story_db):
    env = {"WARTA_DB": str(story_db)}
    listed = json.loads(run_warta("stories", "--json", env=env).stdout)
    assert listed["total"] == 2 and {s["articles"] for s in listed["items"]} == {2, 4}
    by_entity = json.loads(run_warta("stories", "--entity", "Asep Suryana", "--json", env=env).stdout)
    assert [s["id"] for s in by_entity["items"]] == [EARLIEST.id]
    by_place = json.loads(run_warta("stories", "--place", "Cianjur", "--json", env=env).stdout)
    assert [s["id"] for s in by_place["items"]] == [EARLIEST.id]
    by_date = json.loads(run_warta("stories", "--since", "2024-05-01", "--until", "2024-05-31", "--json",
                                   env=env).stdout)
    assert [s["title"] for s in by_date["items"]] == [court_first().title]
    table = run_warta("stories", env=env).stdout
    assert EARLIEST.title in table and court_first().title in table

    story = json.loads(run_warta("story", flood_follow_up().id, "--json", env=env).stdout)
    assert story["id"] == EARLIEST.id and story["article_count"] == 4 and story["sources"] == 2
    shown = run_warta("story", EARLIEST.id, env=env).stdout
    assert EARLIEST.title in shown and "copy of" in shown and "Asep Suryana" in shown


def test_cli_bad_input_is_a_clear_error(run_warta, story_db):
    env = {"WARTA_DB": str(story_db)}
    missing = run_warta("story", "ffffffffffffffff", check=False, env=env)
    assert missing.returncode == 1 and "no story 'ffffffffffffffff'" in missing.stderr
    bad_date = run_warta("stories", "--since", "7 Maret", check=False, env=env)
    assert bad_date.returncode == 2 and "--since" in bad_date.stderr and "YYYY-MM-DD" in bad_date.stderr
    unknown = run_warta("stories", "--entity", "Tokoh Yang Tidak Ada", check=False, env=env)
    assert unknown.returncode == 1 and "no entity called" in unknown.stderr


def test_cli_events_count_sources(run_warta, story_db):
    events = json.loads(run_warta("events", "--json", env={"WARTA_DB": str(story_db)}).stdout)
    wire = [e for e in events if e["articles"] == 3]
    assert wire and all(e["sources"] == 1 and e["outlets"] == 3 for e in wire)


def test_cli_entities_and_quotes_count_copies_once(run_warta, story_db):
    env = {"WARTA_DB": str(story_db)}
    entities = json.loads(run_warta("entities", "--name", "Asep Suryana", "--json", env=env).stdout)
    asep = next(e for e in entities if e["label"] == "PER")
    assert (asep["articles"], asep["sources"]) == (4, 2)
    table = run_warta("entities", "--name", "Asep Suryana", env=env).stdout
    assert "(2)" in table and "copies of one text count as one source" in table

    every = json.loads(run_warta("quotes", "--speaker", asep["id"], "--json", "-n", "50", env=env).stdout)
    once = json.loads(run_warta("quotes", "--speaker", asep["id"], "--distinct", "--json", "-n", "50",
                                env=env).stdout)
    assert len(once) < len(every) and max(q["copies"] for q in every) == 3
    assert {q["article_id"] for q in once} <= {EARLIEST.id, flood_follow_up().id}
    assert "in 3 copies" in run_warta("quotes", "--speaker", asep["id"], "--distinct", env=env).stdout


# -- API -----------------------------------------------------------------------------------------


def test_api_entities_and_quotes_count_copies_once(http):
    asep = next(e for e in http.get("/api/entities", params={"name": "Asep Suryana"}).json()["items"]
                if e["label"] == "PER")
    assert (asep["articles"], asep["sources"]) == (4, 2)
    assert http.get(f"/api/entities/{asep['id']}").json()["sources"] == 2
    every = http.get("/api/quotes", params={"speaker": asep["id"], "limit": 100}).json()
    once = http.get("/api/quotes", params={"speaker": asep["id"], "limit": 100, "distinct": "true"}).json()
    assert once["total"] == len(once["items"]) < every["total"] == len(every["items"])
    assert all(q["copies"] >= 1 for q in every["items"]) and any(q["copies"] == 3 for q in once["items"])


def test_api_stories_list_filters_and_paging(http):
    page = http.get("/api/stories", params={"limit": 1}).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["next_offset"] == 1
    second = http.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None and second["items"][0]["id"] != page["items"][0]["id"]
    assert [s["id"] for s in http.get("/api/stories", params={"entity": "Asep Suryana"}).json()["items"]] == [
        EARLIEST.id]
    assert http.get("/api/stories", params={"place": "Cianjur"}).json()["total"] == 1
    assert http.get("/api/stories", params={"entity": "Tokoh Yang Tidak Ada"}).json()["total"] == 0
    assert http.get("/api/stories", params={"since": "2024-06-01"}).json()["total"] == 0
    bad = http.get("/api/stories", params={"until": "kemarin"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_parameter"


def test_api_story_detail_and_404(http):
    story = http.get(f"/api/stories/{flood_copy_two().id}").json()
    assert story["id"] == EARLIEST.id and story["url"] == f"/stories/{EARLIEST.id}"
    assert [a["published"] for a in story["articles"]] == sorted(a["published"] for a in story["articles"])
    assert all(a["url"] == f"/articles/{a['id']}" for a in story["articles"])
    assert any(e["sources"] < e["articles"] for e in story["events"])
    missing = http.get("/api/stories/ffffffffffffffff")
    assert missing.status_code == 404
    assert missing.json()["error"] == {"status": 404, "code": "not_found", "details": None, "message":
                                       "no story 'ffffffffffffffff' (a story id, or the id of one of its "
                                       "articles; see `warta stories`)"}
    listed = {e["id"]: e for e in http.get("/api/events", params={"limit": 100}).json()["items"]}
    assert all("sources" in e and "outlets" in e for e in listed.values())
    csv = http.get("/api/events", params={"format": "csv"}).text
    assert csv.splitlines()[0].split(",")[17:19] == ["sources", "outlets"]


def test_api_index_lists_the_story_endpoints(http):
    paths = {e["path"] for e in http.get("/api/").json()["endpoints"]}
    assert {"/api/stories", "/api/stories/{story_id}"} <= paths


# -- pages ---------------------------------------------------------------------------------------


def test_story_pages_over_http(http):
    listing = http.get("/stories")
    assert listing.status_code == 200 and f'href="/stories/{EARLIEST.id}"' in listing.text
    filtered = http.get("/stories", params={"entity": "Rudi Hartono"})
    assert court_first().title in filtered.text and EARLIEST.title not in filtered.text
    assert http.get("/stories", params={"since": "bukan tanggal"}).status_code == 422

    page = http.get(f"/stories/{EARLIEST.id}")
    assert page.status_code == 200
    assert page.text.count('class="mark ') == 4 and page.text.count("mark-copy") == 2
    for article in (flood_wire(), flood_copy_one(), flood_copy_two(), flood_follow_up()):
        assert f'href="/articles/{article.id}"' in page.text
    assert 'class="num event-sources">1<' in page.text
    # A member's id leads to the story's one URL; an unknown id is a 404 page.
    moved = http.get(f"/stories/{flood_follow_up().id}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/stories/{EARLIEST.id}"
    missing = http.get("/stories/ffffffffffffffff")
    assert missing.status_code == 404 and "no story" in missing.text


def test_article_page_shows_copies_and_story(http):
    page = http.get(f"/articles/{flood_copy_two().id}").text
    assert 'class="copies-list"' in page
    for other in (flood_wire(), flood_copy_one()):
        assert f'<li class="copy-item" data-id="{other.id}">' in page
    assert f'href="/stories/{EARLIEST.id}"' in page
    own_words = http.get(f"/articles/{flood_follow_up().id}").text
    assert 'class="copies-list"' not in own_words and f'href="/stories/{EARLIEST.id}"' in own_words
    events = http.get("/events").text
    assert 'class="num event-sources">1<' in events and 'class="num event-outlets">3<' in events
    entities = http.get("/entities", params={"name": "Asep Suryana"}).text
    assert 'class="num entity-sources">2<' in entities


# -- browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"needs Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield launched
        launched.close()


def test_story_timeline_in_the_browser(browser, live, http, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=live.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    watched = Watched(page, live.url, tmp_path / "screenshots")
    try:
        page.goto("/stories")
        page.locator(f'tr.story-row[data-id="{EARLIEST.id}"] a').click()
        page.wait_for_url(f"**/stories/{EARLIEST.id}")
        story = http.get(f"/api/stories/{EARLIEST.id}").json()
        timeline = page.locator("svg.story-timeline")
        box = timeline.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 40
        marks = page.locator("svg.story-timeline circle.mark")
        assert marks.count() == len(story["articles"]) == 4
        shown = sorted(marks.evaluate_all("els => els.map(e => e.dataset.article)"))
        assert shown == sorted(a["id"] for a in story["articles"])
        for index in range(marks.count()):  # every mark is drawn, with a size
            mark = marks.nth(index).bounding_box()
            assert mark is not None and mark["width"] > 4
        lanes = page.locator("svg.story-timeline text.outlet").evaluate_all("els => els.map(e => e.textContent)")
        assert sorted(lanes) == sorted(o["name"] for o in story["outlets"])
        assert page.locator(".story-events .event-row").count() == len(story["events"])
        assert page.locator(".story-quotes .quote-item").count() == len(story["quotes"])
        watched.shot("story.png", full_page=True)
        # A mark leads to its article, which links back to the story.
        page.locator(f'svg.story-timeline circle[data-article="{flood_follow_up().id}"]').click()
        page.wait_for_url(f"**/articles/{flood_follow_up().id}")
        page.locator(".story-link a").click()
        page.wait_for_url(f"**/stories/{EARLIEST.id}")
    finally:
        context.close()
    assert not watched.problems, "\n".join(watched.problems)
