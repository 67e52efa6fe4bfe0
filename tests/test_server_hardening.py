"""The explorer under conditions a real deployment meets: another process
writing the same database, a browser tricked by DNS rebinding, HEAD
requests, and a long ingest running while people search.

Everything runs for real: `python -m warta.web` (or `warta serve`) on a free
loopback port, SQLite locks taken by a second Python process, an ingest in a
third one.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import date

import httpx
import pytest

from conftest import ARTICLE, warta_command
from warta.model import Article
from warta.store import open_store
from warta.web.testing import LiveServer

TOKEN = "token-uji-0123456789"


def small_db(path, titles=("Banjir rendam ratusan rumah di Cianjur",)):
    """A database with a few short articles (no NLP analysis: quick to build)."""
    with open_store(path) as store:
        store.ingest([Article(published=date(2025, 3, 13), title=title, section="NASIONAL", source="ANTARA",
                              body=[f"{title}. Warga mengungsi ke gedung sekolah terdekat."])
                      for title in titles])
    return path


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    with LiveServer(small_db(tmp_path_factory.mktemp("rw") / "warta.db"), token=TOKEN) as server:
        yield server


@pytest.fixture(scope="module")
def client(writable):
    with httpx.Client(base_url=writable.url, timeout=60) as client:
        yield client


def post_article(client: httpx.Client, title: str) -> httpx.Response:
    body = ARTICLE.replace("Banjir rendam 1.200 rumah di Kabupaten Cianjur: BPBD", title)
    return client.post("/api/articles", content=body.encode(), headers={"Authorization": f"Bearer {TOKEN}"})


class Holder:
    """A second process that holds a lock on the store until told to let go."""

    def __init__(self, script: str):
        self.process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "holding", "the second process did not get its lock"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(30)


# -- another process writing ------------------------------------------------------------------


def test_a_write_while_another_process_holds_a_write_transaction_is_503_then_works(client, writable):
    assert post_article(client, "Gempa guncang Garut, warga berhamburan").status_code == 201  # the pipeline is warm
    holder = Holder(f"""
        import sqlite3, sys
        db = sqlite3.connect({str(writable.db)!r}, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO meta (key, value) VALUES ('uji', 'kunci') ON CONFLICT(key) DO NOTHING")
        print("holding", flush=True)
        sys.stdin.read()
        db.execute("ROLLBACK")
    """)
    try:
        started = time.monotonic()
        response = post_article(client, "Longsor tutup jalan Puncak, ribuan kendaraan tertahan")
        waited = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert int(response.headers["retry-after"]) > 0
        assert response.json()["error"]["code"] == "busy"
        assert waited < 15, f"a locked store kept the request waiting {waited:.0f}s"
        assert client.get("/api/articles").status_code == 200  # reads go on meanwhile
    finally:
        holder.release()
    retried = post_article(client, "Longsor tutup jalan Puncak, ribuan kendaraan tertahan")
    assert retried.status_code == 201, retried.text
    found = client.get("/api/search", params={"q": "longsor Puncak"}).json()
    assert retried.json()["id"] in [hit["id"] for hit in found["hits"]]


def test_a_write_while_another_process_holds_the_index_writer_is_503(client, writable):
    holder = Holder(f"""
        import sys
        from warta.store import open_store
        store = open_store({str(writable.db)!r})
        store.index.writer()
        print("holding", flush=True)
        sys.stdin.read()
        store.close()
    """)
    try:
        response = post_article(client, "Kebakaran hanguskan pasar tradisional di Medan")
        assert response.status_code == 503, response.text
        assert "retry-after" in response.headers
    finally:
        holder.release()
    assert post_article(client, "Kebakaran hanguskan pasar tradisional di Medan").status_code == 201


# -- Host header ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST."])
def test_loopback_host_names_are_answered(client, writable, host):
    for suffix in ("", f":{writable.port}"):
        assert client.get("/api/stats", headers={"Host": host + suffix}).status_code == 200, host + suffix


@pytest.mark.parametrize("host", ["penyerang.example", "penyerang.example:80", "127.0.0.1.nip.io", "10.0.0.1", ""])
def test_other_host_names_get_400_so_dns_rebinding_cannot_read_the_api(client, host):
    api = client.get("/api/articles", headers={"Host": host})
    assert api.status_code == 400
    assert api.json()["error"]["code"] == "bad_host"
    assert "Banjir" not in api.text
    page = client.get("/", headers={"Host": host})
    assert page.status_code == 400 and "Banjir" not in page.text


def test_warta_serve_allow_host_adds_names(tmp_path):
    db = small_db(tmp_path / "warta.db")
    with LiveServer(db, command=[*warta_command(), "serve"], args=["--allow-host", "berita.example",
                                                                     "--allow-host", "arsip.example"]) as server:
        for host in ("berita.example", "arsip.example:8000", "localhost"):
            assert httpx.get(server.url + "/api/stats", headers={"Host": host}).status_code == 200, host
        assert httpx.get(server.url + "/api/stats", headers={"Host": "lain.example"}).status_code == 400


# -- HEAD and /api/ ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/entities", "/events", "/map", "/api/docs", "/api/", "/api/stats",
                                 "/api/articles", "/api/search?q=banjir", "/api/openapi.json", "/favicon.ico"])
def test_head_answers_like_get_without_a_body(client, url):
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200, url
    assert head.status_code == 200, (url, head.text)
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_head_of_an_article_has_its_length(client):
    article_id = client.get("/api/articles").json()["items"][0]["id"]
    for url in (f"/api/articles/{article_id}", f"/articles/{article_id}"):
        get, head = client.get(url), client.head(url)
        assert head.status_code == 200
        assert head.headers["content-length"] == get.headers["content-length"] == str(len(get.content))


def test_api_index_lists_every_endpoint_with_links(client):
    index = client.get("/api/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("application/json")
    body = index.json()
    paths = {endpoint["path"] for endpoint in body["endpoints"]}
    assert {"/api/search", "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/quotes",
            "/api/events", "/api/places", "/api/stats"} <= paths
    stats = next(e for e in body["endpoints"] if e["path"] == "/api/stats")
    assert client.get(stats["url"]).status_code == 200
    assert client.get(body["docs"]).status_code == 200
    assert client.get(body["openapi"]).json()["info"]["title"] == "warta"
    assert client.get("/api", follow_redirects=True).json() == body


# -- search during a long ingest --------------------------------------------------------------


def test_search_sees_new_articles_within_seconds_during_a_long_ingest(tmp_path):
    db = small_db(tmp_path / "warta.db")
    ingest = textwrap.dedent(f"""
        import time
        from datetime import date
        from warta.model import Article
        from warta.store import open_store

        def slowly():
            for n in range(60):
                word = "Tanjungmerak" if n == 0 else f"desa{{n}}"
                yield Article(published=date(2025, 4, 1), title=f"Nelayan {{word}} panen ikan tongkol",
                              body=[f"Nelayan di {{word}} menangkap ikan tongkol sebanyak {{n}} ton."])
                time.sleep(0.25)

        with open_store({str(db)!r}) as store:
            print("started", flush=True)
            store.ingest(slowly(), batch_size=500)
    """)
    with LiveServer(db) as server:
        assert httpx.get(server.url + "/api/search", params={"q": "Tanjungmerak"}).json()["total"] == 0
        process = subprocess.Popen([sys.executable, "-c", ingest], stdout=subprocess.PIPE, text=True)
        try:
            assert process.stdout.readline().strip() == "started"
            started = time.monotonic()
            found = 0
            while not found and time.monotonic() - started < 8:
                time.sleep(0.2)
                found = httpx.get(server.url + "/api/search", params={"q": "Tanjungmerak"}).json()["total"]
            seen_after = time.monotonic() - started
            still_ingesting = process.poll() is None
        finally:
            process.wait(60)
        assert found == 1, "the first article of the ingest was not searchable within 8 seconds"
        assert still_ingesting, f"found only after the ingest ended ({seen_after:.1f}s)"
        assert process.returncode == 0
        after = httpx.get(server.url + "/api/search", params={"q": "tongkol", "limit": 1}).json()["total"]
        deadline = time.monotonic() + 5
        while after < 60 and time.monotonic() < deadline:
            time.sleep(0.2)
            after = httpx.get(server.url + "/api/search", params={"q": "tongkol", "limit": 1}).json()["total"]
        assert after == 60
