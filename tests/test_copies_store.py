"""Copies at ingest: signatures are stored, copy groups are the same whatever
the ingest order, re-ingesting duplicates nothing, a new version leaves its group."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from story_articles import all_articles, flood_copy_one, flood_copy_two, flood_wire
from warta.copies import NUM_PERM, BandIndex, signature_bytes, signature_values
from warta.model import Article
from warta.store import open_store
from warta.store.copies import are_copy_signatures, signature_text


def test_same_groups_whatever_the_order(new_db):
    articles = all_articles()
    groups = []
    for number, seed in enumerate((None, 1, 2)):
        order = list(articles)
        if seed is not None:
            random.Random(seed).shuffle(order)
        with open_store(new_db(str(number))) as store:
            for item in order:  # one article per batch: the LSH sees them one by one
                store.ingest([item])
            groups.append((store.copy_group_members(), store.copy_originals(a.id for a in articles)))
    assert groups[0] == groups[1] == groups[2]
    members, originals = groups[0]
    assert members == [sorted([flood_wire().id, flood_copy_one().id, flood_copy_two().id])]
    # The wire story is the earliest (same day as copy one, smaller id breaks the tie only on equal dates).
    earliest = min([flood_wire(), flood_copy_one()], key=lambda a: (a.published, a.id))
    assert originals[flood_copy_two().id] == earliest.id


def test_reingest_and_reanalysis_do_not_duplicate(new_db):
    with open_store(new_db("w")) as store:
        store.ingest(all_articles())
        before = store.copy_group_members()
        report = store.ingest(all_articles())
        assert report.duplicates == len(all_articles())
        assert store.copy_group_members() == before
        signatures = store.db.execute("SELECT COUNT(*) FROM signatures").fetchone()[0]
        assert signatures == len(all_articles())
    with open_store(new_db("w")) as store:  # a new process loads the LSH from the stored signatures
        store.ingest([flood_copy_two()])
        assert store.copy_group_members() == before


def test_new_version_leaves_its_group(new_db):
    wire, one, two = flood_wire(), flood_copy_one(), flood_copy_two()
    with open_store(new_db("v")) as store:
        store.ingest([replace(wire, external_id="ant-1"), one, two])
        assert len(store.copy_group_members()[0]) == 3
        rewritten = Article(wire.published, wire.title, ["Berita ini telah dicabut atas permintaan narasumber."],
                            source="ANTARA", external_id="ant-1")
        store.ingest([rewritten])
        assert store.copy_group_members() == [sorted([one.id, two.id])]
        assert store.copy_group(rewritten.id) is None
        group = store.copy_group(two.id)
        assert group is not None and group["original"] == one.id


def test_stores_made_before_signatures_are_signed_once(tmp_path):
    with open_store(tmp_path / "old.db") as store:
        store.ingest(all_articles())
        store.db.execute("DELETE FROM copies")
        store.db.execute("DELETE FROM signatures")
    with open_store(tmp_path / "old.db") as store:
        # The catch-up before the next batch signs and groups the stored articles.
        store.ingest([Article(flood_wire().published, "Lain", ["Teks lain sama sekali tentang pasar."])])
        assert len(store.copy_group_members()) == 1
        assert store.db.execute("SELECT COUNT(*) FROM signatures").fetchone()[0] == len(all_articles()) + 1


def test_copy_relation_is_symmetric_and_needs_a_shared_band():
    a, b = (signature_bytes(signature_text(x)) for x in (flood_wire(), flood_copy_one()))
    assert are_copy_signatures(a, b) and are_copy_signatures(b, a)
    unrelated = signature_bytes(signature_text(all_articles()[-1]))
    assert not are_copy_signatures(a, unrelated)


def test_band_index_finds_the_same_candidates_after_merging():
    rng = np.random.default_rng(3)
    index = BandIndex()
    index.PENDING, index.SMALL = 370, 740  # sort every ten articles, merge the levels every twenty
    values = rng.integers(0, 2**32, size=(50, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    for number, row in enumerate(values):
        index.add(f"a{number}", row)
    near = values[7].copy()
    near[40:] = rng.integers(0, 2**32, size=NUM_PERM - 40, dtype=np.uint64).astype(np.uint32)
    assert index.candidates(near) == {"a7"}
    index.remove("a7")
    assert index.candidates(near) == set() and "a7" not in index and len(index) == 49
    with pytest.raises(ValueError):
        index.add("a3", values[3])
    assert signature_values(values[3].astype("<u4").tobytes()).tolist() == values[3].tolist()
    copy = values[3].copy()
    copy[100:] = 0
    index.set_group(["a3", "a9"], "a9")
    index.add("b", copy)
    assert [(group, list(found)) for group, found in index.candidate_groups(copy)] == [("a9", ["a3"]), ("b", ["b"])]
    index.set_group(["b"], "a9")
    assert [(group, list(found)) for group, found in index.candidate_groups(copy)] == [("a9", ["a3", "b"])]
    index.reset_groups()
    assert [group for group, _ in index.candidate_groups(copy)] == ["a3", "b"]


def test_a_batch_located_at_once_finds_what_one_at_a_time_finds():
    """Ingest looks a whole batch's band keys up in one sorted search (`locate`), then adds the batch
    without sorting it in; each article must get the candidates the one-at-a-time search gives it."""
    from warta.copies import band_keys

    rng = np.random.default_rng(5)
    seeds = rng.integers(0, 2**32, size=(12, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    rows = seeds[rng.integers(0, 12, size=300)].copy()  # 300 texts, copies of 12
    rows[:, 60:] = rng.integers(0, 2**32, size=(300, NUM_PERM - 60), dtype=np.uint64).astype(np.uint32)
    one, many = BandIndex(), BandIndex()
    for index in (one, many):
        index.PENDING, index.SMALL = 370, 740  # both levels and the pending keys in use
    for start in range(0, 300, 50):
        batch, keys = rows[start:start + 50], band_keys(rows[start:start + 50])
        located = many.locate(keys)
        for row, (values, key) in enumerate(zip(batch, keys)):
            expected = [(group, list(found)) for group, found in one.candidate_groups(values)]
            assert [(group, list(found)) for group, found in many.candidate_groups(values, key, located[row])] \
                == expected
            one.add(f"a{start + row}", values)
            many.add(f"a{start + row}", values, key, flush=False)
        many.flush()
    assert one.candidates(rows[0]) == many.candidates(rows[0]) and len(one.candidates(rows[0])) > 10


def test_a_full_bucket_of_keys_not_yet_sorted_in_gives_its_first_articles_in_the_order_added():
    """Keys not yet sorted into a level are looked up like the levels' ones: a bucket of more than
    BUCKET_LIMIT articles gives its first BUCKET_LIMIT, in the order they were added, alone or in a batch."""
    from warta.copies import band_keys

    rng = np.random.default_rng(7)
    text = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    index = BandIndex()
    index.PENDING = 10**6  # nothing sorted in
    limit = index.BUCKET_LIMIT
    for number in range(limit + 30):
        index.add(f"a{number:03}", text)
    first = {f"a{number:03}" for number in range(limit)}
    assert index.candidates(text) == first
    batch = np.stack([text, text])
    located = index.locate(band_keys(batch))
    assert {index.ids[n] for n in located[0]} == first == {index.ids[n] for n in located[1]}
    small = BandIndex()
    small.PENDING = 10**6
    small.add("x", text)
    located = small.locate(band_keys(batch))  # the batch's second row finds its first, added before it
    assert [small.ids[n] for n in np.unique(located[0])] == ["x"]
    small.add("y", text, flush=False)
    assert sorted({small.ids[n] for n in located[1]}) == ["x", "y"]


def test_numpy_signature_equals_datasketch():
    """Ingest signs with numpy alone; the values must be datasketch's MinHash ones (the gold was scored with them)."""
    from warta.copies import signature, signature_array

    for text in ["\n".join(a.body) for a in all_articles()] + ["", "satu dua", "Banjir di Cianjur."]:
        assert signature_array(text).tolist() == signature(text).hashvalues.tolist()


def test_signing_many_texts_at_once_gives_each_text_its_own_signature():
    """Reader workers sign a chunk of articles together; no shingle may straddle two texts, and a text
    too short for a shingle, an empty one or one of symbols only must come out as when signed alone."""
    from warta.copies import SIGNING_CHUNK, signature_array, signature_arrays

    texts = ["\n".join(a.body) for a in all_articles()]
    odd = ["", "satu dua", "Jakarta (Antara) - tiga kata saja", "(ant/dan)", "…", "“Kami siap” – ujar Asep\u00a0±5°C"]
    mixed = [text for _ in range(5) for pair in zip(texts, odd * len(texts)) for text in pair] + texts[:3]
    assert len(mixed) > 2 * SIGNING_CHUNK
    together = signature_arrays(mixed)
    assert together.shape == (len(mixed), NUM_PERM)
    assert [row.tolist() for row in together] == [signature_array(text).tolist() for text in mixed]
