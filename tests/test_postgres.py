"""What only the PostgreSQL backend has to show: the same knowledge as SQLite from the
same input, safe concurrent writers, its own migrations, a RUM-ranked search, clear errors.

Runs against the session's throwaway server (conftest.pg_server): no mocks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import ARTICLE, EXAMPLES
from warta.formats import expand_paths
from warta.formats.wartatext import parse
from warta.ingest import read_prepared
from warta.store import StoreError, open_store
from warta.store.migrate import migrations

CORPUS = EXAMPLES / "corpus"


def knowledge(location: str) -> dict:
    """Counts and identities of everything the store derived from its input."""
    with open_store(location) as store:
        db = store.db  # type: ignore[attr-defined]
        rows = lambda sql: sorted(tuple(r) for r in db.execute(sql, ()).fetchall())  # noqa: E731
        return {
            "articles": rows("SELECT id, content_hash, version, supersedes, superseded_by FROM articles"),
            "entities": rows("SELECT id, label, name FROM entities"),
            "mentions": rows('SELECT article_id, entity_id, start, "end" FROM mentions'),
            "quotes": rows('SELECT article_id, start, "end", kind, speaker_id FROM quotes'),
            "places": rows("SELECT place_id, article_id, start FROM place_mentions"),
            "events": rows("SELECT article_id, trigger_start, type, cluster_id FROM events"),
            "happenings": rows('SELECT id, type, source_id, target_id, date, place_id, "symmetric" '
                               "FROM event_clusters"),
            "person_names": rows("SELECT part, entity_id FROM person_names"),
            "rejects": rows("SELECT path, reason, times FROM rejects"),
            "search": [(h.id, h.title) for h in store.search("presiden OR menteri", limit=100).hits],
        }


@pytest.fixture(scope="module")
def corpus_files() -> list[str]:
    return [str(p) for p in expand_paths([str(EXAMPLES)])]


def test_same_input_two_backends_same_knowledge(pg_server, tmp_path, corpus_files):
    for location in (str(tmp_path / "warta.db"), pg_server.new_database()):
        with open_store(location) as store:
            store.ingest(read_prepared(corpus_files, analyze=True, workers=1))
    sqlite, postgres = knowledge(str(tmp_path / "warta.db")), knowledge(location)
    counts = {name: len(rows) for name, rows in sqlite.items()}
    assert counts["articles"] >= 30 and counts["entities"] > 100 and counts["quotes"] > 50 and \
        counts["happenings"] > 50, counts
    for name in sqlite:
        if name == "search":  # both rankings are frequency-based; the set of matches must agree
            assert sorted(sqlite[name]) == sorted(postgres[name])
        else:
            assert sqlite[name] == postgres[name], name


WRITER = textwrap.dedent("""
    import sys
    from warta.ingest import read_prepared
    from warta.store import open_store
    url, files = sys.argv[1], sys.argv[2:]
    with open_store(url) as store:
        report = store.ingest(read_prepared(files, analyze=True, workers=1), batch_size=3)
    print(report.ingested, report.duplicates)
""")


def test_two_processes_ingesting_the_same_files_at_once_lose_and_duplicate_nothing(pg_server, corpus_files):
    alone = pg_server.new_database()
    with open_store(alone) as store:
        store.ingest(read_prepared(corpus_files, analyze=True, workers=1), batch_size=3)
    together = pg_server.new_database()
    # Both start on a database nobody has migrated yet, and write in small batches.
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, together, *files], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
               for files in (corpus_files, list(reversed(corpus_files)))]
    results = [writer.communicate(timeout=600) for writer in writers]
    assert all(w.returncode == 0 for w in writers), [err for _, err in results]
    reports = [tuple(map(int, out.split())) for out, _ in results]
    # A lone name (`Galih`) is linked at ingest to a full name stored before it, so which writer got
    # there first decides it; `relink` makes identities independent of arrival order, in both stores.
    for url in (alone, together):
        with open_store(url) as store:
            store.relink()
    expected, concurrent = knowledge(alone), knowledge(together)
    articles = len(expected["articles"])
    assert sum(ingested for ingested, _ in reports) == articles
    assert sum(duplicates for _, duplicates in reports) == articles
    # Every article, entity, mention, quote and place once; happenings are merged
    # in whichever order the articles arrived, so compare what they join.
    for name in ("articles", "entities", "mentions", "quotes", "places", "person_names"):
        assert concurrent[name] == expected[name], name
    # A bad file is one reject, seen by both writers.
    assert concurrent["rejects"] == [(path, reason, 2) for path, reason, _ in expected["rejects"]]
    assert [e[:3] for e in concurrent["events"]] == [e[:3] for e in expected["events"]]
    assert len(concurrent["happenings"]) == len(expected["happenings"])
    assert sorted((h[1:] for h in concurrent["happenings"]), key=repr) == \
        sorted((h[1:] for h in expected["happenings"]), key=repr)


def test_new_database_has_every_postgres_migration_and_a_rum_index(pg_server):
    with open_store(pg_server.new_database()) as store:
        assert store.schema_version == migrations("migrations_postgres")[-1][0]  # type: ignore[attr-defined]
        assert store.index.method == "rum"  # type: ignore[attr-defined]


def test_ranked_top_k_is_answered_from_the_rum_index(pg_server, corpus_files):
    with open_store(pg_server.new_database()) as store:
        store.ingest(read_prepared(corpus_files, workers=1))
        db = store.db  # type: ignore[attr-defined]
        db.execute("SET enable_seqscan = off")  # 33 articles: make the planner show the index path it has
        plan = "\n".join(r[0] for r in db.execute(
            "EXPLAIN SELECT article_id FROM search_docs WHERE terms @@ ?::tsquery "
            "ORDER BY terms <=> ?::tsquery LIMIT 10", ("'temu'", "'temu'")).fetchall())
    assert "Index Scan using search_docs_terms" in plan and "Sort" not in plan, plan


def test_migration_007_moves_phrase_words_out_of_the_search_index(pg_server, corpus_files):
    """A store written before migration 007 (stems and `=`words in one tsvector, no `words`
    column) gets its words back in order and its index of stems only, and searches the same."""
    from warta.search.index import IndexTerms
    from warta.store.pgsearch import tsvector

    location = pg_server.new_database()
    queries = ("presiden", '"Korea Utara"', 'menteri -"Korea Utara"', '"utara korea"')
    with open_store(location) as store:
        store.ingest(read_prepared(corpus_files, workers=1))
        db = store.db  # type: ignore[attr-defined]
        ranked = lambda q: sorted((h.id, round(h.score, 6)) for h in store.search(q, limit=50).hits)  # noqa: E731
        expected = {q: ranked(q) for q in queries}  # all matches (ties may come in another order)
        now = dict(db.execute("SELECT article_id, terms::text || '|' || words FROM search_docs", ()).fetchall())
        for article_id, words in db.execute("SELECT article_id, words FROM search_docs", ()).fetchall():
            old = tsvector(IndexTerms(" ".join("=" + word for word in words.split()), ""))
            db.execute("UPDATE search_docs SET terms = (terms::text || ' ' || ?)::tsvector WHERE article_id = ?",
                       (old, article_id))
        db.execute("ALTER TABLE search_docs DROP COLUMN words")
        db.execute("UPDATE warta_schema SET version = 6")
    with open_store(location) as store:
        db = store.db  # type: ignore[attr-defined]
        assert store.schema_version == 7 and store.index.current_method() == "rum"  # type: ignore[attr-defined]
        after = dict(db.execute("SELECT article_id, terms::text || '|' || words FROM search_docs", ()).fetchall())
        assert after == now and len(now) > 30
        ranked = lambda q: sorted((h.id, round(h.score, 6)) for h in store.search(q, limit=50).hits)  # noqa: E731
        assert {q: ranked(q) for q in queries} == expected
    assert expected['"Korea Utara"'] and not expected['"utara korea"']


def _search_state(store) -> tuple[str, str | None, list]:
    db = store.db
    method = store.index.current_method()
    deferred = db.execute("SELECT value FROM meta WHERE key = 'deferred_search_index'", ()).fetchone()
    hits = [(h.id, round(h.score, 6)) for q in ("presiden", "menteri OR bertemu", '"Korea Utara"')
            for h in store.search(q, limit=10).hits]
    return method, deferred[0] if deferred else None, hits


def test_a_bulk_load_builds_the_search_index_once_and_searches_as_row_by_row(pg_server, corpus_files):
    """Into an empty store the RUM index is dropped and built when the ingest ends; the result
    searches exactly as a store that maintained it row by row (a second ingest, not empty)."""
    row_by_row = pg_server.new_database()
    with open_store(row_by_row) as store:
        store.ingest(read_prepared(corpus_files[:1], workers=1))  # not empty any more: no bulk load
        store.ingest(read_prepared(corpus_files[1:], workers=1))
        expected = _search_state(store)
    bulk = pg_server.new_database()
    with open_store(bulk) as store:
        store.ingest(read_prepared(corpus_files, workers=1))
        assert _search_state(store) == expected
    assert expected[0] == "rum" and expected[1] is None and len(expected[2]) >= 10


def test_a_bulk_load_killed_before_its_index_is_built_has_it_built_by_the_next_write(pg_server, corpus_files):
    location = pg_server.new_database()
    killed = subprocess.run([sys.executable, "-c", KILLED_LOAD, location, *corpus_files],
                            capture_output=True, text=True, timeout=600)
    assert killed.returncode == -9, killed.stderr
    with open_store(location) as store:
        method, deferred, hits = _search_state(store)
        assert (method, deferred) == ("none", "rum") and hits  # searchable meanwhile, ranking every match
        report = store.ingest(read_prepared(corpus_files, workers=1))
        assert report.ingested == 0 and report.duplicates == store.stats()["articles"] > 30
        assert _search_state(store)[:2] == ("rum", None)


#: Ingests into an empty store and is killed (SIGKILL) after its last batch, before the index is built.
KILLED_LOAD = textwrap.dedent("""
    import os, signal, sys
    from warta.ingest import read_prepared
    from warta.store import open_store
    with open_store(sys.argv[1]) as store:
        store._build_deferred_index = lambda: os.kill(os.getpid(), signal.SIGKILL) \
            if store._deferred_index else None
        store.ingest(read_prepared(sys.argv[2:], workers=1))
""")


def test_a_newer_schema_is_refused(pg_server):
    url = pg_server.new_database()
    open_store(url).close()
    with open_store(url) as store:
        store.db.execute("UPDATE warta_schema SET version = 999")  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="newer than this warta"):
        open_store(url)


def test_an_empty_database_is_not_a_warta_database_when_not_creating(pg_server):
    with pytest.raises(StoreError, match="no warta database"):
        open_store(pg_server.new_database(), create=False)


def test_an_unreachable_server_is_one_line_naming_the_url_without_its_password(run_warta):
    url = "postgresql://warta:rahasia@127.0.0.1:1/berita"
    result = run_warta("stats", "--db", url, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "postgresql://warta:***@127.0.0.1:1/berita" in result.stderr and "rahasia" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_ingest_summary_and_stats_never_show_the_password(pg_server, run_warta, write):
    url = pg_server.url(pg_server.new_database().split("?")[0].rsplit("/", 1)[1]).replace(
        "postgres@", "postgres:rahasia@")  # trust authentication ignores the password
    path = write("001_00112233aabbccdd.txt", ARTICLE)
    summary = json.loads(run_warta("ingest", str(path), "--json", "--db", url).stdout)
    assert summary["ingested"] == 1 and "rahasia" not in json.dumps(summary)
    stats = json.loads(run_warta("stats", "--json", "--db", url).stdout)
    assert stats["articles"] == 1 and "rahasia" not in stats["database"]
    assert parse(ARTICLE, str(path)).id in run_warta("search", "banjir", "--db", url).stdout


def test_warta_serve_with_two_worker_processes_on_postgresql(pg_server):
    """`warta serve --workers 2` over PostgreSQL: two uvicorn worker processes answer over real HTTP,
    and an article stored by another process meanwhile is seen by both (no per-process cache)."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    import psutil

    from conftest import warta_command
    from warta.web.testing import LiveServer, corpus_database

    url = corpus_database(pg_server, corpus=CORPUS)
    with LiveServer(url, args=["--workers", "2"], command=[*warta_command(), "serve"]) as server:
        assert server.process is not None
        workers = [child for child in psutil.Process(server.process.pid).children(recursive=True)
                   if "spawn_main" in " ".join(child.cmdline())]
        assert len(workers) == 2, [c.cmdline() for c in workers]
        with httpx.Client(base_url=server.url, timeout=30) as client:
            before = client.get("/api/stats").json()["articles"]
            new = parse(ARTICLE, "/served/new.txt")
            with open_store(url) as store:
                store.ingest([new])
            with ThreadPoolExecutor(8) as pool:
                answers = list(pool.map(lambda _: client.get("/api/stats"), range(40)))
            assert {a.status_code for a in answers} == {200}
            assert {a.json()["articles"] for a in answers} == {before + 1}
            with ThreadPoolExecutor(8) as pool:
                found = list(pool.map(lambda _: client.get("/api/search", params={"q": '"Asep Suryana"'}), range(8)))
            assert all([hit["id"] for hit in f.json()["hits"]] == [new.id] for f in found), found[0].json()
