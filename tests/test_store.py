"""The store: idempotent ingest, versions, rejects (on both backends), then SQLite's migrations and index upkeep."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from conftest import ARTICLE
from warta.formats import read_paths
from warta.formats.wartatext import parse
from warta.model import Reject
from warta.store import StoreError, open_store
from warta.store.sqlite import migrations


def article(path="001_00112233aabbccdd.txt", **changes):
    text = ARTICLE
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return parse(text, path)


def test_same_article_twice_is_stored_once(db_url):
    with open_store(db_url) as store:
        first = store.ingest([article()])
        again = store.ingest([article(), article(path="elsewhere/copy.txt")])
        assert (first.ingested, first.duplicates) == (1, 0)
        assert (again.ingested, again.duplicates) == (0, 2)
        assert store.stats()["articles"] == 1
        assert store.stats()["indexed_documents"] == 1


def test_changed_article_with_same_external_id_becomes_a_new_version(db_url):
    old, new = article(), article(**{"150 personel": "175 personel"})
    with open_store(db_url) as store:
        store.ingest([old])
        report = store.ingest([new])
        assert (report.ingested, report.updated) == (0, 1)
        current = store.get("00112233aabbccdd")
        assert current.id == new.id and current.version == 2 and current.supersedes == old.id
        previous = store.get(old.id)
        assert previous.superseded_by == new.id
        assert [a.id for a in store.articles()] == [new.id]
        assert len(list(store.articles(current_only=False))) == 2
        # Search sees only the current version.
        assert [h.id for h in store.search("personel").hits] == [new.id]
        assert store.stats()["indexed_documents"] == 1


def test_article_found_by_id_prefix_and_external_id(db_url):
    a = article()
    with open_store(db_url) as store:
        store.ingest([a])
        assert store.get(a.id).id == a.id
        assert store.get(a.id[:6]).id == a.id
        assert store.get("00112233aabbccdd").id == a.id
        assert store.get("ffffffff") is None


def test_stored_article_reads_back_identical(db_url):
    a = article()
    with open_store(db_url) as store:
        store.ingest([a])
        back = store.get(a.id).article
    assert back.to_dict() == a.to_dict()


def test_rejects_are_recorded_once_per_path_and_reason_and_cleared_when_fixed(db_url, write):
    bad = write("001_00112233aabbccdd.txt", b"\x00\x01\x02")
    with open_store(db_url) as store:
        store.ingest(read_paths([bad]))
        store.ingest(read_paths([bad]))
        [reject] = store.rejects()
        assert (reject.path, reject.reason, reject.times) == (str(bad), "binary", 2)
        bad.write_text(ARTICLE)
        report = store.ingest(read_paths([bad]))
        assert report.ingested == 1
        assert store.rejects() == []


def test_reject_only_batch_is_kept(db_url):
    with open_store(db_url) as store:
        report = store.ingest([Reject("x.txt", "empty", "the file is empty")])
        assert report.rejected == 1 and store.stats()["rejects_by_reason"] == {"empty": 1}


def test_new_database_has_the_newest_schema_and_wal(db_path):
    with open_store(db_path) as store:
        assert store.schema_version == migrations()[-1][0]
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_from_a_newer_warta_is_refused(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as db:
        db.execute("PRAGMA user_version = 999")
    with pytest.raises(StoreError, match="newer than this warta"):
        open_store(db_path)


def test_old_database_is_migrated_on_open(db_path):
    # A database at version 0 (created before any migration) is brought up to date.
    sqlite3.connect(db_path).close()
    with open_store(db_path) as store:
        assert store.schema_version == migrations()[-1][0]
        store.ingest([article()])


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "warta.db"
    path.write_text("ini bukan basis data SQLite, hanya teks biasa " * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(path)


def test_missing_database_is_a_store_error_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="no warta database"):
        open_store(tmp_path / "none.db", create=False)


def test_lost_index_is_rebuilt_on_open(db_path):
    with open_store(db_path) as store:
        store.ingest([article(), article("002_aaaaaaaaaaaaaaaa.txt", Cianjur="Garut")])
    shutil.rmtree(str(db_path) + ".index")
    with open_store(db_path) as store:
        assert store.stats()["indexed_documents"] == 2
        assert store.search("Garut").total == 1


def test_index_left_by_a_deleted_database_is_not_reused(db_path):
    with open_store(db_path) as store:
        store.ingest([article()])
    db_path.unlink()
    with open_store(db_path) as store:
        store.ingest([article("002_aaaaaaaaaaaaaaaa.txt", Cianjur="Garut")])
        assert store.stats()["indexed_documents"] == 1
        assert store.search("Garut").total == 1
        assert store.search("personel").total == 1


def _times_columns_after_opening_a_database_made_before(db_path, migration: int) -> set[str]:
    """Make a database with the migrations before `migration`, open it as a store (which migrates it to the
    latest version), and return its times table's columns."""
    with sqlite3.connect(db_path) as db:
        for number, _, sql in migrations():
            if number < migration:
                db.executescript(f"{sql}\nPRAGMA user_version = {number};")
    with open_store(db_path) as store:
        assert store.schema_version == migrations()[-1][0]
    with sqlite3.connect(db_path) as db:
        return {row[1] for row in db.execute("PRAGMA table_info(times)")}


def test_database_before_time_zones_gets_the_column(db_path):
    # A database made before migration 009 opens, and its times table gains `timezone`.
    assert "timezone" in _times_columns_after_opening_a_database_made_before(db_path, 9)


def test_database_before_time_ranges_gets_the_range_columns(db_path):
    # A database made before migration 012 opens, and its times table gains `begin_point` and `end_point`.
    assert {"begin_point", "end_point"} <= _times_columns_after_opening_a_database_made_before(db_path, 12)
