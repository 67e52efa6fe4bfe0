"""`--cluster`: ingest, reanalysis and relinking as Dask tasks whose workers write to PostgreSQL.

Real local Dask clusters (worker processes) on the session's throwaway
PostgreSQL server; the knowledge they store is compared with a plain
single-process run over the same input (tests/test_postgres.knowledge).
"""

from __future__ import annotations

import os
import signal

import pytest

from conftest import EXAMPLES
from test_postgres import knowledge
from warta.formats import expand_paths
from warta.ingest import read_prepared
from warta.store import open_store

distributed = pytest.importorskip("distributed", reason="--cluster needs Dask: pip install 'warta[cluster]'")

from warta import cluster  # noqa: E402  (after the skip: it needs Dask at run time)

#: What a run in any order must reproduce exactly. Happenings and event rows
#: are compared without their ids, which are numbered in arrival order.
EXACT = ("articles", "entities", "mentions", "quotes", "places", "person_names")


def same_knowledge(got: dict, expected: dict, replayed: bool = False) -> None:
    for name in EXACT:
        assert got[name] == expected[name], name
    if replayed:
        # A task replayed after its worker died reads its bad files again: the same rejects,
        # each counted as seen once more at most.
        assert [r[:2] for r in got["rejects"]] == [r[:2] for r in expected["rejects"]]
        assert all(e[2] <= g[2] <= e[2] + 1 for g, e in zip(got["rejects"], expected["rejects"]))
    else:
        assert got["rejects"] == expected["rejects"]
    assert [e[:3] for e in got["events"]] == [e[:3] for e in expected["events"]]
    assert sorted((h[1:] for h in got["happenings"]), key=repr) == \
        sorted((h[1:] for h in expected["happenings"]), key=repr)
    assert sorted(got["search"]) == sorted(expected["search"])


def copies(location: str) -> dict:
    """Copy groups and signatures: kept per process in memory at ingest (warta.store.copies),
    so workers must see each other's articles for the groups to come out the same."""
    with open_store(location) as store:
        db = store.db  # type: ignore[attr-defined]
        return {"copies": sorted(tuple(r) for r in db.execute("SELECT article_id, original_id FROM copies", ())),
                "signatures": sorted(r[0] for r in db.execute("SELECT article_id FROM signatures", ()))}


@pytest.fixture(scope="module")
def corpus_files() -> list[str]:
    return [str(p) for p in expand_paths([str(EXAMPLES)])]


def plain_ingest(location: str, files: list[str]) -> None:
    with open_store(location) as store:
        store.ingest(read_prepared(files, analyze=True, workers=1))


def test_cluster_needs_a_postgresql_store(run_warta, tmp_path):
    for command in (["ingest", str(EXAMPLES / "corpus")], ["reanalyze"], ["relink"]):
        result = run_warta(*command, "--cluster", "local:2", "--db", str(tmp_path / "warta.db"), check=False)
        assert result.returncode == 2
        assert "--cluster needs a shared PostgreSQL store: --db postgresql://..." in result.stderr
    assert not (tmp_path / "warta.db").exists()


def test_a_cluster_address_that_is_neither_local_nor_a_scheduler_is_refused(run_warta, pg_server):
    result = run_warta("ingest", str(EXAMPLES / "corpus"), "--cluster", "2", "--db", pg_server.new_database(),
                       check=False)
    assert result.returncode == 2 and "give local:N" in result.stderr


def test_an_unreachable_scheduler_is_one_line(run_warta, pg_server):
    result = run_warta("ingest", str(EXAMPLES / "corpus"), "--cluster", "tcp://127.0.0.1:9", "--db",
                       pg_server.new_database(), check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"), result.stderr
    assert "Traceback" not in result.stderr


def test_jsonl_byte_ranges_read_the_same_articles_and_line_numbers_as_one_read(tmp_path):
    from warta.formats import read_file

    path = tmp_path / "export.jsonl"
    lines = [f'{{"id": "n{i}", "title": "Judul {i}", "body": "Isi berita nomor {i} di Jakarta."}}' for i in range(9)]
    lines.insert(4, "")  # a blank line keeps its number
    lines.insert(6, "{not json")  # a bad line is a reject named by its line number
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tasks = list(cluster.plan([str(path)], analyze=False, per_task=3))
    assert len(tasks) == 4 and all(isinstance(t, cluster.Lines) for t in tasks)
    settings = cluster.Settings("postgresql://unused", analyze=False)
    by_ranges = [item for task in tasks for item in task.items(settings)]
    whole = list(read_file(path))
    assert [(type(i).__name__, getattr(i, "id", None), getattr(i, "path", None)) for i in by_ranges] == \
        [(type(i).__name__, getattr(i, "id", None), getattr(i, "path", None)) for i in whole]
    # And through an fsspec URL, as a remote worker reads it.
    url_tasks = list(cluster.plan(["file://" + str(path)], analyze=False, per_task=3))
    assert [(t.start, t.end, t.first_number) for t in url_tasks] == [(t.start, t.end, t.first_number) for t in tasks]
    assert [getattr(i, "id", None) for t in url_tasks for i in t.items(settings)] == \
        [getattr(i, "id", None) for i in whole]


def test_fsspec_urls_expand_like_paths(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/1.txt", "a/2.html", "a/.hidden.txt", "a/notes.md", "b.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = cluster.input_names(["file://" + str(tmp_path / "a"), "file://" + str(tmp_path / "*.jsonl")])
    assert found == ["file://" + str(tmp_path / "a/1.txt"), "file://" + str(tmp_path / "a/2.html"),
                     "file://" + str(tmp_path / "b.jsonl")]


def retitled_copies(files: list[str], folder) -> list[str]:
    """Wire copy: three articles again under another headline (same body, so copies of the first)."""
    made = []
    for number, source in enumerate(f for f in files if f.endswith(".txt") and "/corpus/" in f):
        if number == 3:
            break
        lines = open(source, encoding="utf-8").read().split("\n")
        lines[1] = "Dimuat ulang: " + lines[1]
        made.append(str(folder / f"copy_{number}.txt"))
        open(made[-1], "w", encoding="utf-8").write("\n".join(lines))
    return made


@pytest.mark.slow
def test_a_worker_killed_mid_ingest_loses_and_duplicates_nothing(pg_server, corpus_files, tmp_path):
    corpus_files = corpus_files + retitled_copies(corpus_files, tmp_path)
    alone = pg_server.new_database()
    plain_ingest(alone, corpus_files)
    url = pg_server.new_database()
    open_store(url).close()  # migrated by the client, as `warta ingest` does
    killed: list[int] = []

    with cluster.connect("local:2") as client:
        def kill_a_busy_worker(report) -> None:
            if killed:
                return
            busy = {address for address, keys in client.processing().items() if keys}
            pids = client.run(os.getpid, workers=list(busy))
            address, pid = sorted(pids.items())[0]
            os.kill(pid, signal.SIGKILL)  # mid-task: it was processing one
            killed.append(pid)

        report = cluster.ingest(client, corpus_files, cluster.Settings(url, analyze=True), on_task=kill_a_busy_worker,
                                per_task=2)
        assert killed and killed[0] not in client.run(os.getpid).values()  # the worker was really replaced
    expected = knowledge(alone)
    # Every article stored once: the killed worker's task ran again elsewhere (any of its articles
    # committed before the kill would count as duplicates the second time).
    assert report.ingested + report.duplicates >= len(expected["articles"])
    same_knowledge(knowledge(url), expected, replayed=True)
    assert copies(url) == copies(alone) and len(copies(alone)["copies"]) == 6  # 3 groups of 2


@pytest.mark.slow
def test_cli_ingest_reanalyze_and_relink_on_a_cluster_match_a_single_process(pg_server, run_warta, corpus_files):
    from dask.distributed import LocalCluster

    corpus = str(EXAMPLES / "corpus")
    # Ingest without analysis on the cluster, then reanalyse and relink there: through a running
    # scheduler's address (a cluster Dask itself started) and through --cluster local:2.
    on_cluster = pg_server.new_database()
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as running:
        address = running.scheduler_address
        assert address.startswith("tcp://")
        result = run_warta("ingest", corpus, "--no-analyze", "--cluster", address, "--db", on_cluster)
        assert "33 ingested" in result.stdout and "ingest" in result.stderr and "tasks/s" in result.stderr
        run_warta("relink", "--cluster", address, "--db", on_cluster)  # nothing analysed: nothing to link
        result = run_warta("reanalyze", "--cluster", "local:2", "--db", on_cluster)
        assert "analysed 33 articles" in result.stdout
        run_warta("relink", "--cluster", address, "--db", on_cluster)
    # The same three commands in one process.
    alone = pg_server.new_database()
    run_warta("ingest", corpus, "--no-analyze", "--workers", "1", "--db", alone)
    run_warta("reanalyze", "--db", alone)
    run_warta("relink", "--db", alone)
    same_knowledge(knowledge(on_cluster), knowledge(alone))
    # A second reanalysis on the cluster finds nothing to do.
    assert "analysed 0 articles" in run_warta("reanalyze", "--cluster", "local:1", "--db", on_cluster).stdout


@pytest.mark.slow
def test_relink_on_a_cluster_links_and_reindexes_like_one_process(pg_server):
    """Lone names stored before their full names: relinking has work to do, and the search rows
    (rebuilt by reindex tasks on the workers) must then name the full-name entity."""
    from conftest import ARTICLE
    from warta.formats.wartatext import parse
    from warta.ingest import prepare

    first = parse(ARTICLE.replace("Kepala BPBD Cianjur Asep Suryana", "Asep"), "/in/a.txt")
    second = parse(ARTICLE.replace("Banjir rendam", "Banjir kembali rendam"), "/in/b.txt")
    locations = [pg_server.new_database(), pg_server.new_database()]
    for location in locations:
        with open_store(location) as store:
            store.ingest(prepare([first, second], analyze=True))
    with open_store(locations[0]) as store:
        alone = store.relink()
    with cluster.connect("local:2") as client, open_store(locations[1]) as store:
        together = cluster.relink(client, store, locations[1])
    assert alone == together >= 1
    expected, got = knowledge(locations[0]), knowledge(locations[1])
    same_knowledge(got, expected)
    search_rows = []
    for location in locations:
        with open_store(location) as store:
            search_rows.append([tuple(row) for row in store.db.execute(  # type: ignore[attr-defined]
                "SELECT article_id, terms::text, entities, speakers FROM search_docs ORDER BY article_id",
                ()).fetchall()])
    assert search_rows[1] == search_rows[0]
    linked_to = {entity for *_, entities, _ in search_rows[1] for entity in entities}
    assert not any(entity.endswith(":asep") for entity in linked_to), linked_to
