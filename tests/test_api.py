"""The explorer's REST API (and its pages), over real HTTP against a real server.

Two `python -m warta.web` processes serve copies of the analysed sample
corpus on free loopback ports (once over SQLite files, once over PostgreSQL
databases): one read-only, one with WARTA_TOKEN set so
that POST /api/articles can be tested end to end (parse, analyse, store,
index, then find it again).
"""

from __future__ import annotations

import re

import httpx
import pytest

from conftest import ARTICLE, EXAMPLES, analysed_corpus
from warta.web.testing import LiveServer

TOKEN = "test-token-0123456789"
MAX = 100


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def servers(request, tmp_path_factory):
    """Both servers over a private copy of the corpus: a SQLite file, or a PostgreSQL database."""
    ro = LiveServer(analysed_corpus(request, tmp_path_factory, "api-ro")).start()
    try:
        rw = LiveServer(analysed_corpus(request, tmp_path_factory, "api-rw"), token=TOKEN).start()
    except BaseException:
        ro.stop()
        raise
    yield ro, rw
    ro.stop()
    rw.stop()


@pytest.fixture(scope="module")
def api(servers):
    with httpx.Client(base_url=servers[0].url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def writer(servers):
    with httpx.Client(base_url=servers[1].url, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def sample(api):
    """Ids the other tests look at: an article with quotes, an entity with co-mentions."""
    quotes = api.get("/api/quotes", params={"limit": MAX}).json()["items"]
    quote = next((q for q in quotes if q["speaker_id"]), quotes[0])
    entity = api.get("/api/entities", params={"label": "LOC", "limit": 1}).json()["items"][0]
    return {"article": quote["article_id"], "entity": entity["id"], "quote": quote}


def error_of(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] and error["message"]
    return error


# -- every URL ----------------------------------------------------------------------


def test_every_read_url_answers_json(api, sample):
    urls = ["/api/search?q=bertemu", "/api/articles", f"/api/articles/{sample['article']}", "/api/entities",
            f"/api/entities/{sample['entity']}", "/api/quotes", "/api/events", "/api/places", "/api/stats",
            "/api/openapi.json"]
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, (url, response.text)
        assert response.headers["content-type"].startswith("application/json"), url
        assert response.headers["x-content-type-options"] == "nosniff"


def test_openapi_lists_every_endpoint_and_docs_are_local(api):
    spec = api.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/search", "/api/articles", "/api/articles/{article_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/quotes", "/api/events", "/api/places", "/api/stats"):
        assert "get" in spec["paths"][path], path
    assert "post" in spec["paths"]["/api/articles"]
    docs = api.get("/api/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    for path in ("/api/search", "/api/entities/{entity_id}"):
        assert path in docs.text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", docs.text), "the docs page loads something remote"
    assert api.get("/api/redoc").status_code == 404


def test_stats(api):
    stats = api.get("/api/stats").json()
    assert stats["articles"] == len(list(EXAMPLES.joinpath("corpus").glob("*.txt")))
    assert stats["analyzed"] == stats["articles"]
    assert stats["entities"] > 0 and stats["mentions"] > 0
    assert "/" not in stats["database"], "the server's paths are not exposed"
    assert {"quotes", "times", "places", "events"} <= set(stats["analysis_rows"])


# -- search ---------------------------------------------------------------------------


def test_search_finds_stems_and_marks_matches(api):
    body = api.get("/api/search", params={"q": "bertemu", "facets": "true"}).json()
    assert body["mode"] == "search" and body["total"] >= 2
    hit = body["hits"][0]
    assert {"id", "title", "published", "snippet", "snippet_html", "url", "api_url", "score"} <= set(hit)
    assert "<mark>" in hit["snippet_html"]
    assert any("pertemuan" in h["snippet_html"].lower() for h in body["hits"]), "stems: bertemu finds pertemuan"
    facets = body["facets"]
    assert sum(s["count"] for s in facets["sections"]) == body["total"]
    assert sum(b["count"] for b in facets["histogram"]["buckets"]) == body["total"]
    assert facets["entities"] and all(e["url"].startswith("/entities/") for e in facets["entities"])


def test_search_filters(api, sample):
    everything = api.get("/api/search", params={"q": "Indonesia", "limit": MAX}).json()
    dunia = api.get("/api/search", params={"q": "Indonesia", "section": "dunia", "limit": MAX}).json()
    assert 0 < dunia["total"] < everything["total"]
    assert {h["section"] for h in dunia["hits"]} == {"DUNIA"}
    dated = api.get("/api/search", params={"q": "Indonesia", "since": "2025-06-01", "until": "2025-06-30"}).json()
    assert dated["hits"] and all("2025-06-01" <= h["published"] <= "2025-06-30" for h in dated["hits"])
    antara = api.get("/api/search", params={"q": "Indonesia", "source": "antara", "limit": MAX}).json()
    assert antara["hits"] and {h["source"].upper() for h in antara["hits"]} == {"ANTARA"}
    by_entity = api.get("/api/search", params={"q": "Indonesia", "entity": sample["entity"], "limit": MAX}).json()
    assert by_entity["filters"]["entity_ids"] == [sample["entity"]] and by_entity["hits"]
    nobody = api.get("/api/search", params={"q": "Indonesia", "entity": "no such entity anywhere"}).json()
    assert nobody["total"] == 0 and nobody["hits"] == []
    quote = sample["quote"]
    if quote.get("speaker_id"):
        spoken = api.get("/api/search", params={"q": "Indonesia OR kata", "speaker": quote["speaker_id"],
                                                "limit": MAX}).json()
        assert spoken["filters"]["speaker_ids"] == [quote["speaker_id"]]
        for hit in spoken["hits"]:
            quotes = api.get(f"/api{hit['url']}").json()["analysis"]["quotes"]
            assert any(q["speaker_id"] == quote["speaker_id"] for q in quotes)
    place = api.get("/api/places", params={"limit": 1}).json()["items"][0]
    placed = api.get("/api/articles", params={"place": place["id"], "limit": MAX}).json()
    assert placed["total"] == place["articles"]


def test_search_pagination(api):
    first = api.get("/api/search", params={"q": "Indonesia", "limit": 3}).json()
    second = api.get("/api/search", params={"q": "Indonesia", "limit": 3, "offset": first["next_offset"]}).json()
    assert first["next_offset"] == 3 and len(first["hits"]) == 3
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    last = api.get("/api/search", params={"q": "Indonesia", "limit": MAX}).json()
    assert last["next_offset"] is None and len(last["hits"]) == last["total"]


@pytest.mark.parametrize("query", ['"unclosed', "OR", "Rusia OR", "-Ukraina", "NOT", "((", "*"])
def test_malformed_query_is_400_with_the_reason(api, query):
    error = error_of(api.get("/api/search", params={"q": query}), 400)
    assert error["code"] == "bad_query" and "bad query" in error["message"]


# -- pagination limits and parameter errors -----------------------------------------------


@pytest.mark.parametrize("url", ["/api/search?q=Indonesia", "/api/articles", "/api/entities", "/api/quotes",
                                 "/api/events", "/api/places"])
def test_page_size_has_a_hard_maximum(api, url):
    join = "&" if "?" in url else "?"
    ok = api.get(f"{url}{join}limit={MAX}")
    assert ok.status_code == 200
    body = ok.json()
    assert len(body.get("items", body.get("hits"))) <= MAX and body["limit"] == MAX
    for bad in (f"limit={MAX + 1}", "limit=0", "limit=-1", "limit=abc", "offset=-1", "offset=1e3",
                "offset=99999999999999999999999"):
        error = error_of(api.get(f"{url}{join}{bad}"), 422)
        assert error["code"] == "invalid_parameter" and error["details"], bad


@pytest.mark.parametrize("params", [{"since": "yesterday"}, {"since": "0"}, {"until": "2025-02-30"},
                                    {"until": "2025-01-01T10:00"}, {"facets": "maybe"}, {"section": "x" * 101},
                                    {"q": ""}, {"q": "x" * 1001}, {}])
def test_bad_search_parameters_are_422(api, params):
    full = {"q": "Indonesia", **params} if params else {}
    if "q" in params:
        full["q"] = params["q"]
    error = error_of(api.get("/api/search", params=full), 422)
    assert error["code"] == "invalid_parameter"


def test_bad_list_parameters_are_422(api):
    error_of(api.get("/api/articles", params={"order": "sideways"}), 422)
    error_of(api.get("/api/events", params={"format": "xml"}), 422)
    error_of(api.get("/api/entities", params={"label": "x" * 21}), 422)
    error_of(api.get(f"/api/articles/{'a' * 201}"), 422)


def test_unknown_ids_and_urls_are_404(api):
    assert error_of(api.get("/api/articles/ffffffffffffffff"), 404)["code"] == "not_found"
    assert error_of(api.get("/api/entities/per:nobody-at-all"), 404)["code"] == "not_found"
    error_of(api.get("/api/no-such-endpoint"), 404)
    error_of(api.get("/api/articles/%25%25%25%25"), 404)


def test_wrong_method_is_405_with_allow(api):
    response = api.delete("/api/articles/abc")
    error_of(response, 405)
    assert response.headers["allow"] == "GET"
    assert api.put("/api/articles").headers["allow"] == "GET, POST"


@pytest.mark.parametrize("url", [
    "/api/search?q=%00", "/api/search?q=%ED%A0%80", "/api/search?q=%FF%FE", "/api/search?q=a&entity=%00",
    "/api/search?q=%F0%9F%98%80+Jakarta", "/api/search?q=a&section=%27%3B+DROP+TABLE+articles%3B--",
    "/api/articles/%00", "/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles/%ED%A0%80",
    "/api/entities/%ED%A0%80", "/api/entities?name=%25_%25", "/api/entities?name=%ED%A0%80",
    "/api/quotes?speaker=%00", "/api/events?actor=%ED%A0%80&type=%00", "/api/places?country=%ED%A0%80",
    "/api/search?q=Indonesia&offset=100000&limit=100", "/api/search?q=Indonesia&since=9999-12-31",
    "/api/search?q=Indonesia&since=0001-01-01&until=0001-01-02",
    "/api/search?q=Indonesia&since=2025-12-01&until=2025-01-01",
])
def test_odd_input_never_gives_a_500(api, url):
    response = api.get(url)
    assert response.status_code < 500, (url, response.text)
    assert response.headers["content-type"].startswith("application/json")
    if response.status_code >= 400:
        error_of(response, response.status_code)


# -- articles ---------------------------------------------------------------------------------


def test_article_list_paginates_through_everything(api):
    total = api.get("/api/stats").json()["articles"]
    seen, offset = [], 0
    while offset is not None:
        page = api.get("/api/articles", params={"limit": 10, "offset": offset}).json()
        assert page["total"] == total and len(page["items"]) <= 10
        seen += [item["id"] for item in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == total
    newest = api.get("/api/articles", params={"limit": 1}).json()["items"][0]
    oldest = api.get("/api/articles", params={"limit": 1, "order": "oldest"}).json()["items"][0]
    assert newest["published"] >= oldest["published"]
    section = api.get("/api/articles", params={"section": "EKONOMI", "limit": MAX}).json()
    assert section["total"] == len(section["items"]) > 0 and {i["section"] for i in section["items"]} == {"EKONOMI"}


def test_article_with_full_analysis_and_exact_offsets(api, sample):
    article = api.get(f"/api/articles/{sample['article']}").json()
    text, analysis = article["text"], article["analysis"]
    assert article["id"] == sample["article"] and article["title"] in text
    assert analysis["sentences"] and analysis["entities"]
    for entity in analysis["entities"]:
        assert entity["url"] == f"/entities/{entity['id']}"
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for quote in analysis["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(text)
    assert analysis["quotes"], "the sample article has quotes"
    for time in analysis["times"]:
        assert text[time["start"]:time["end"]] == time["text"] and time["value"]
    for key in ("counts", "places", "events"):
        assert isinstance(analysis[key], list)


def test_article_by_prefix_and_external_id(api, sample):
    full = api.get(f"/api/articles/{sample['article']}").json()
    assert api.get(f"/api/articles/{sample['article'][:8]}").json()["id"] == full["id"]
    if full["external_id"]:
        assert api.get(f"/api/articles/{full['external_id']}").json()["id"] == full["id"]


# -- entities ------------------------------------------------------------------------------------


def test_entity_list_with_counts_and_filters(api):
    body = api.get("/api/entities", params={"limit": MAX}).json()
    items = body["items"]
    assert body["total"] >= len(items) > 0
    assert [i["mentions"] for i in items] == sorted((i["mentions"] for i in items), reverse=True)
    assert all(i["articles"] <= i["mentions"] for i in items)
    locs = api.get("/api/entities", params={"label": "loc", "limit": MAX}).json()
    assert locs["items"] and {i["label"] for i in locs["items"]} == {"LOC"}
    named = api.get("/api/entities", params={"name": "jakarta"}).json()
    assert named["items"] and all("jakarta" in i["name"].lower() or i["id"] for i in named["items"])
    later = api.get("/api/entities", params={"since": "2025-10-01", "limit": MAX}).json()
    assert all(i["last"] >= "2025-10-01" for i in later["items"])
    pages = [api.get("/api/entities", params={"limit": 5, "offset": o}).json()["items"] for o in (0, 5)]
    assert not {i["id"] for i in pages[0]} & {i["id"] for i in pages[1]}


def test_entity_detail(api, sample):
    entity = api.get(f"/api/entities/{sample['entity']}").json()
    assert entity["id"] == sample["entity"] and entity["label"] == "LOC"
    assert sum(a["mentions"] for a in entity["aliases"]) == entity["mentions"]
    assert sum(m["mentions"] for m in entity["timeline"]) == entity["mentions"]
    assert [m["month"] for m in entity["timeline"]] == sorted(m["month"] for m in entity["timeline"])
    assert entity["co_mentions"] and all(c["id"] != entity["id"] for c in entity["co_mentions"])
    assert all(c["articles"] <= entity["articles"] for c in entity["co_mentions"])
    page = entity["articles_page"]
    assert page["total"] == entity["articles"] and len(page["items"]) <= page["limit"]
    for quote in entity["quotes"]["items"]:
        assert quote["speaker_id"] == entity["id"]
    second = api.get(f"/api/entities/{sample['entity']}", params={"limit": 2, "offset": 2}).json()["articles_page"]
    assert second["offset"] == 2 and len(second["items"]) <= 2
    by_name = api.get(f"/api/entities/{entity['name']}").json()
    assert by_name["id"] == entity["id"], "an unambiguous name finds the entity too"


# -- quotes, events, places --------------------------------------------------------------------------


def test_quotes(api, sample):
    body = api.get("/api/quotes", params={"limit": 5}).json()
    assert body["total"] >= len(body["items"]) > 0
    for quote in body["items"]:
        assert {"article_id", "start", "end", "text", "kind", "title", "published", "url"} <= set(quote)
    speaker = sample["quote"].get("speaker_id")
    if speaker:
        by = api.get("/api/quotes", params={"speaker": speaker, "limit": MAX}).json()
        assert by["total"] == len(by["items"]) and {q["speaker_id"] for q in by["items"]} == {speaker}
    direct = api.get("/api/quotes", params={"kind": "direct", "limit": MAX}).json()
    assert {q["kind"] for q in direct["items"]} <= {"direct"}
    none = api.get("/api/quotes", params={"speaker": "nobody-at-all"}).json()
    assert none == {"total": 0, "limit": 20, "offset": 0, "next_offset": None, "items": []}


def test_events_json_and_csv(api):
    body = api.get("/api/events", params={"limit": 5}).json()
    assert {"total", "limit", "offset", "next_offset", "items"} <= set(body)
    assert body["next_offset"] == 5
    listed, offset = 0, 0
    while offset is not None:  # the total is what paging through yields
        page = api.get("/api/events", params={"limit": MAX, "offset": offset}).json()
        assert page["total"] == body["total"]
        listed, offset = listed + len(page["items"]), page["next_offset"]
    assert listed == body["total"] > 5
    meetings = api.get("/api/events", params={"type": "CONSULT", "limit": MAX}).json()
    assert 0 < meetings["total"] == len(meetings["items"]) < body["total"]
    for event in body["items"]:
        assert event["type"] and event["evidence"] and event["mentions"] >= 1
        for evidence in event["evidence"]:
            assert evidence["sentence"] and evidence["url"].startswith("/articles/")
    csv_response = api.get("/api/events", params={"format": "csv", "limit": 5})
    assert csv_response.status_code == 200
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_response.headers["content-disposition"]
    lines = csv_response.text.splitlines()
    assert lines[0].startswith("id,date,type,") and len(lines) >= len(body["items"]) + 1


def test_places(api):
    body = api.get("/api/places", params={"limit": MAX}).json()
    assert body["items"] and body["total"] >= len(body["items"])
    for place in body["items"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180 and place["articles"] >= 1
    indonesian = api.get("/api/places", params={"country": "idn", "limit": MAX}).json()["items"]
    assert indonesian and {p["country"] for p in indonesian} == {"IDN"}
    dated = api.get("/api/places", params={"since": "2025-11-01"}).json()
    assert dated["total"] < body["total"]


# -- writes ---------------------------------------------------------------------------------------


NEW_ARTICLE = ARTICLE.replace("2025-03-13", "2025-12-02").replace("1.200 rumah", "1.350 rumah")


def test_post_is_forbidden_without_a_configured_token(api):
    error = error_of(api.post("/api/articles", content=NEW_ARTICLE), 403)
    assert error["code"] == "read_only"
    error_of(api.post("/api/articles", content=NEW_ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}), 403)


def test_post_needs_the_right_token(writer):
    response = writer.post("/api/articles", content=NEW_ARTICLE)
    error_of(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    for header in (f"Bearer {TOKEN}x", "Bearer", f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN[:-1]}", b"Bearer \xe9t\xe9"):
        error_of(writer.post("/api/articles", content=NEW_ARTICLE, headers={"Authorization": header}), 401)
    assert writer.get("/api/search", params={"q": "1.350"}).json()["total"] == 0, "nothing was stored"


def test_post_ingests_analyses_and_indexes(writer):
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"}
    response = writer.post("/api/articles", content=NEW_ARTICLE.encode(), headers=auth)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "ingested" and created["analyzed"] and created["entities"] > 0
    assert response.headers["location"] == created["api_url"]
    stored = writer.get(created["api_url"]).json()
    assert stored["published"] == "2025-12-02" and stored["analysis"]["entities"]
    assert created["id"] in [h["id"] for h in writer.get("/api/search", params={"q": "Cianjur"}).json()["hits"]]
    again = writer.post("/api/articles", content=NEW_ARTICLE.encode(), headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"


def test_post_file_upload_and_json(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = NEW_ARTICLE.replace("2025-12-02", "2025-12-03")
    upload = writer.post("/api/articles", headers=auth,
                         files={"file": ("099_00112233aabbccdd.txt", text.encode(), "text/plain")})
    assert upload.status_code == 201, upload.text
    stored = writer.get(upload.json()["api_url"]).json()
    assert stored["external_id"] == "00112233aabbccdd"
    record = {"published": "2025-12-04", "title": "Banjir di Garut", "section": "NASIONAL", "source": "ANTARA",
              "body": ["Banjir merendam puluhan rumah di Kabupaten Garut, Jawa Barat, pada hari Rabu."]}
    as_json = writer.post("/api/articles", headers=auth, json=record)
    assert as_json.status_code == 201, as_json.text


def test_post_rejects_bad_bodies(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert error_of(writer.post("/api/articles", headers=auth, content=b"hello"), 422)["code"] == "no_header"
    error_of(writer.post("/api/articles", headers=auth, content=b""), 422)
    error_of(writer.post("/api/articles", headers=auth, content=b"\x00\x01binary" * 10), 422)
    error_of(writer.post("/api/articles", headers=auth, json=[1, 2]), 422)
    error_of(writer.post("/api/articles", headers={**auth, "Content-Type": "application/json"}, content=b"{nope"), 422)
    error_of(writer.post("/api/articles", headers=auth, files={"other": ("a.txt", b"x")}), 422)
    error_of(writer.post("/api/articles", headers=auth, content=b"a" * 2_100_000), 413)
    broken = writer.post("/api/articles", headers={**auth, "Content-Type": "multipart/form-data; boundary=x"},
                         content=b"--x\r\nbroken")
    assert broken.status_code in (400, 422)


# -- pages over HTTP (the browser tests look at them more closely) -------------------------------------


def test_pages_are_html_with_a_strict_policy(api, sample):
    urls = ["/", "/?q=bertemu", "/?section=DUNIA", f"/articles/{sample['article']}", "/entities",
            f"/entities/{sample['entity']}", "/events", "/map", "/map?region=indonesia", "/api/docs"]
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text), f"{url} loads something remote"
    assert api.get("/static/style.css").status_code == 200
    assert api.get("/static/world.geojson").status_code == 200
    assert api.get("/favicon.ico").status_code == 200


def test_page_errors(api):
    missing = api.get("/articles/ffffffffffffffff")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    bad = api.get("/", params={"q": '"unclosed'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text
    assert api.get("/", params={"since": "nope"}).status_code == 422
    assert api.get("/entities/per:nobody-at-all").status_code == 404


def test_language_switch(api):
    assert 'lang="id"' in api.get("/").text and "Cari" in api.get("/").text
    english = api.get("/", params={"lang": "en"})
    assert 'lang="en"' in english.text and ">Search<" in english.text
    assert "lang=en" in english.headers["set-cookie"]
    with httpx.Client(base_url=str(api.base_url), cookies={"lang": "en"}) as client:
        assert 'lang="en"' in client.get("/map").text


# -- the command --------------------------------------------------------------------------------------


def test_warta_serve_prints_its_url_and_serves(tmp_path, servers):
    import os
    import subprocess

    from conftest import warta_command

    help_text = subprocess.run([*warta_command(), "serve", "--help"], capture_output=True, text=True, timeout=60)
    if help_text.returncode != 0:
        pytest.skip("`warta serve` is not registered in warta/cli.py yet")
    missing = subprocess.run([*warta_command(), "serve", "--db", str(tmp_path / "none.db")], capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode == 1 and "no warta database" in missing.stderr
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("WARTA_TOKEN", None)
    process = subprocess.Popen([*warta_command(), "serve", "--db", str(servers[0].db), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        assert httpx.get(url.group(0) + "api/stats", timeout=30).json()["articles"] > 0
        assert "read-only" in process.stdout.readline()
    finally:
        process.terminate()
        process.wait(10)


def test_a_time_range_reaches_the_api_and_the_article_page(writer):
    # `10-12 Mei 2025` is two time expressions linked as one range (TimeML beginPoint / endPoint).
    auth = {"Authorization": f"Bearer {TOKEN}"}
    record = {"published": "2025-05-02", "title": "Konferensi iklim di Bali", "section": "NASIONAL",
              "body": ["Konferensi iklim digelar 10-12 Mei 2025 di Nusa Dua, Bali, kata panitia, Jumat (2/5)."]}
    created = writer.post("/api/articles", headers=auth, json=record)
    assert created.status_code == 201, created.text
    stored = writer.get(created.json()["api_url"]).json()
    text, times = stored["text"], stored["analysis"]["times"]
    ranged = [t for t in times if t.get("begin_point") is not None]
    assert [(t["text"], t["value"]) for t in ranged] == [("10", "2025-05-10"), ("12 Mei 2025", "2025-05-12")]
    assert {(t["begin_point"], t["end_point"]) for t in ranged} == {(ranged[0]["start"], ranged[1]["start"])}
    assert text[ranged[0]["begin_point"]:].startswith("10-12 Mei")
    assert all(t.get("begin_point") is None for t in times if t["text"] == "Jumat (2/5)")
    page = writer.get(f"/articles/{stored['id']}", params={"lang": "en"}).text
    assert re.findall(r'<span class="time-range">([^<]+)</span>', page) == ["range begins", "range ends"]
