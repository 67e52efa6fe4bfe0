"""Stories from the store: the same whatever the ingest order, found by any member,
filtered by entity, place and dates, with events and quotes counted once per source."""

from __future__ import annotations

import random
from datetime import date

import pytest

from story_articles import (
    all_articles,
    court_first,
    court_second,
    flood_copy_one,
    flood_copy_two,
    flood_follow_up,
    flood_wire,
    match_report,
)
from warta.ingest import prepare
from warta.store import open_store

FLOOD = sorted(a.id for a in (flood_wire(), flood_copy_one(), flood_copy_two(), flood_follow_up()))
COURT = sorted(a.id for a in (court_first(), court_second()))


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """A store of the story articles with their analyses (events, quotes, places)."""
    path = tmp_path_factory.mktemp("stories") / "w.db"
    with open_store(path) as store:
        store.ingest(prepare(all_articles(), analyze=True))
    return path


def members(store) -> list[list[str]]:
    _, rows = store.stories()
    return sorted(sorted(a["id"] for a in store.story(row["id"])["articles"]) for row in rows)


def test_same_stories_whatever_the_order(new_db):
    found = []
    for seed in (0, 1, 2):
        order = all_articles()
        random.Random(seed).shuffle(order)
        with open_store(new_db(str(seed))) as store:
            for article in order:
                store.ingest([article])
                store.stories()  # recomputed after each article: must not depend on what came first
            found.append((members(store), store.stories()[1]))
    assert found[0] == found[1] == found[2]
    assert found[0][0] == sorted([FLOOD, COURT])


def test_story_id_title_span_outlets(analysed):
    with open_store(analysed) as store:
        earliest = min([flood_wire(), flood_copy_one()], key=lambda a: (a.published, a.id))
        story = store.story(earliest.id)
        assert story is not None
        assert story["id"] == earliest.id and story["title"] == earliest.title
        assert (story["first_published"], story["last_published"]) == ("2024-03-07", "2024-03-08")
        assert story["article_count"] == 4 and story["outlet_count"] == 4 and story["sources"] == 2
        assert {o["name"] for o in story["outlets"]} == {"ANTARA", "Suara", "Pikiran Rakyat", "Kompas"}
        copies = {a["id"]: a["copy_of"] for a in story["articles"]}
        assert copies[flood_follow_up().id] is None
        assert sum(1 for value in copies.values() if value == earliest.id) == 2
        # Any member finds the story; an article in no story finds none.
        assert store.story(flood_follow_up().id)["id"] == earliest.id
        assert store.story(match_report().id) is None
        assert store.story("0000000000000000") is None
        assert store.story_id_of(match_report().id) is None


def test_filters(analysed):
    with open_store(analysed) as store:
        flood_id = store.story_id_of(flood_wire().id)
        court_id = store.story_id_of(court_first().id)
        assert store.stories()[0] == 2
        assert [s["id"] for s in store.stories(entity="Asep Suryana")[1]] == [flood_id]
        assert [s["id"] for s in store.stories(place="Cianjur")[1]] == [flood_id]
        assert store.stories(entity="Nama Yang Tidak Ada") == (0, [])
        assert [s["id"] for s in store.stories(since=date(2024, 5, 15))[1]] == [court_id]
        assert [s["id"] for s in store.stories(until=date(2024, 3, 7))[1]] == [flood_id]
        # A story overlapping the range matches: the flood ran 7-8 March.
        assert [s["id"] for s in store.stories(since=date(2024, 3, 8), until=date(2024, 3, 8))[1]] == [flood_id]
        total, page = store.stories(limit=1, offset=1)
        assert total == 2 and [s["id"] for s in page] == [flood_id]


def test_events_and_quotes_counted_once_per_source(analysed):
    with open_store(analysed) as store:
        story = store.story(flood_wire().id)
        wire_events = [e for e in story["events"] if e["articles"] >= 3]
        assert wire_events, story["events"]
        for event in wire_events:  # the wire text and its copies: three articles, one source, three outlets
            assert event["sources"] < event["articles"] and event["outlets"] == event["articles"]
        quoted = [q for q in story["quotes"] if q["text"].startswith("Kami sudah mengerahkan")]
        assert len(quoted) == 1 and quoted[0]["articles"] == 3
        # The merged-event listing says the same.
        listed = {e["id"]: e for e in store.events(limit=100)}
        for event in wire_events:
            assert (listed[event["id"]]["sources"], listed[event["id"]]["outlets"]) == (
                event["sources"], event["outlets"])


def test_new_articles_recompute_stories(new_db):
    with open_store(new_db("w")) as store:
        store.ingest([court_first(), match_report()])
        assert store.stories() == (0, [])
        store.ingest([court_second()])
        assert members(store) == [COURT]
        assert not store.refresh_stories()  # nothing new: not recomputed


def test_entities_and_quotes_count_a_wire_text_once(new_db):
    """Kepala BPBD Asep Suryana is quoted by the ANTARA wire text, two copies of it and one own report:
    four articles, two sources; his wire quote is one statement in three articles."""
    with open_store(new_db("w")) as store:
        store.ingest(prepare(all_articles(), analyze=True))
        asep = next(e for e in store.entities(name="Asep Suryana", limit=5) if e["label"] == "PER")
        assert (asep["articles"], asep["sources"]) == (4, 2)
        assert store.entity(asep["id"])["sources"] == 2

        every = [q for q in store.quotes(limit=200) if q["text"].startswith("Kami sudah mengerahkan")]
        assert len(every) == 3 and {q["copies"] for q in every} == {3}
        once = [q for q in store.quotes(limit=200, distinct=True) if q["text"].startswith("Kami sudah mengerahkan")]
        assert [q["article_id"] for q in once] == [min([flood_wire(), flood_copy_one()],
                                                       key=lambda a: (a.published, a.id)).id]
        assert store.quotes_total(distinct=True) == len(store.quotes(limit=500, distinct=True))
        assert store.quotes_total() - store.quotes_total(distinct=True) >= 2
        # A quote in an article without copies is kept and counted once.
        court = [q for q in store.quotes(limit=200, distinct=True) if q["article_id"] == court_first().id]
        assert court and all(q["copies"] == 1 for q in court)
