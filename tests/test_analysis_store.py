"""The whole analysis of an article: acceptance facts on the reference sample,
places with coordinates, and a faithful round trip through the store."""

from __future__ import annotations

import math

import pytest

import warta
from conftest import ARTICLE, SAMPLE
from warta.formats.wartatext import parse
from warta.ingest import prepare
from warta.nlp.analysis import analyze
from warta.search.index import Filters
from warta.store import open_store


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def sample():
    if not SAMPLE.exists():
        pytest.skip(f"needs {SAMPLE} (../shared is not present in this checkout)")
    return warta.analyze(str(SAMPLE))


@pytest.mark.parametrize("name,lat,lon", [("Beijing", 39.9042, 116.4074), ("Kursk", 51.7373, 36.1874),
                                          ("Vladivostok", 43.1155, 131.8855), ("Pyongyang", 39.0392, 125.7625)])
def test_sample_places_have_coordinates_within_50_km(sample, name, lat, lon):
    place = next(p for p in sample.places if p.name == name)
    assert km(place.lat, place.lon, lat, lon) < 50


def test_sample_capital_as_actor_is_a_metonym(sample):
    pyongyang = next(p for p in sample.places if p.name == "Pyongyang")
    assert any(m.metonym_for == "PRK" for m in pyongyang.mentions)


def test_sample_count_of_soldiers_lost_reported_by_south_korea(sample):
    count = next(c for c in sample.counts if c.value == 2000)
    assert (count.unit, count.category, count.approximate) == ("tentara", "killed", True)
    assert count.reported_by == "Korea Selatan"


@pytest.mark.parametrize("text,value", [("pada hari Rabu", "2025-09-03"), ("Juni tahun lalu", "2024-06"),
                                        ("September 2023", "2023-09"), ("tahun 2019", "2019"),
                                        ("2,5 jam", "PT2H30M"), ("4 September 2025", "2025-09-04")])
def test_sample_time_values(sample, text, value):
    found = [t for t in sample.times if text.endswith(t.text) or t.text.endswith(text.split(" ", 1)[-1])]
    assert value in {t.value for t in found}, [(t.text, t.value) for t in sample.times]


def _stored_analysis(db_url, article):
    """The analysis of `article` as the store gives it back after an ingest with analysis."""
    with open_store(db_url) as store:
        store.ingest(prepare([article], analyze=True))
        return store.analysis(article.id)


def test_analysis_round_trips_through_the_store(db_url):
    article = parse(ARTICLE, "007_00112233aabbccdd.txt")
    stored = _stored_analysis(db_url, article)
    fresh = analyze(article)
    assert stored is not None
    assert [(q.start, q.end, q.kind, q.speaker) for q in stored.quotes] == \
        [(q.start, q.end, q.kind, q.speaker) for q in fresh.quotes]
    assert stored.times == fresh.times
    assert stored.counts == fresh.counts
    assert [(p.id, len(p.mentions)) for p in stored.places] == [(p.id, len(p.mentions)) for p in fresh.places]
    assert [(e.type, e.trigger_start, e.source, e.target) for e in stored.events] == \
        [(e.type, e.trigger_start, e.source, e.target) for e in fresh.events]
    assert {(e.id, len(e.mentions)) for e in stored.entities} == {(e.id, len(e.mentions)) for e in fresh.entities}


def _article(day: int, paragraph: str):
    from datetime import date

    from warta.model import Article

    return Article(published=date(2025, 9, day), title="Berita dunia", body=[paragraph])


def _people_of_later(db_url, first: str, later: str) -> dict[str, str]:
    """Ingest two articles in order; the people of the second, name -> id."""
    earlier, then = _article(3, first), _article(5, later)
    with open_store(db_url) as store:
        store.ingest(prepare([earlier], analyze=True))
        store.ingest(prepare([then], analyze=True))
        return {e.name: e.id for e in store.analysis(then.id).entities if e.label == "PER"}


def test_a_person_named_by_one_word_is_the_stored_person_of_that_full_name(db_url):
    people = _people_of_later(db_url, "Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Beijing pada hari Rabu.",
                              "Putin mengatakan kepada wartawan di Moskow bahwa kerja sama itu akan berlanjut.")
    assert people == {"Vladimir Putin": "per:vladimir-putin"}


def test_a_one_word_name_shared_by_two_stored_people_stays_as_written(db_url):
    people = _people_of_later(
        db_url, "Pemimpin Korea Utara Kim Jong-un dan adiknya Kim Yo-jong menghadiri parade di Pyongyang.",
        "Kim mengatakan bahwa latihan militer itu adalah ancaman.")
    assert set(people) == {"Kim"}


def test_time_zones_round_trip_through_the_store(db_url):
    article = _article(4, "Rapat dimulai pukul 14.00 WIB di Jakarta, Kamis (4/9). Di Tokyo, upacara digelar "
                          "pukul 09.00 waktu setempat.")
    stored = _stored_analysis(db_url, article)
    zones = {t.text: t.timezone for t in stored.times if t.type == "TIME"}
    assert zones == {"pukul 14.00 WIB": "WIB", "pukul 09.00 waktu setempat": "local"}, zones


def test_time_ranges_round_trip_through_the_store(db_url):
    # Each range is two rows that both name their begin and end point (migration 012 / postgres 006).
    article = _article(4, "Konferensi digelar 10-12 Mei 2025 di Bali. Pemulihan butuh 2-3 hari, kata panitia, "
                          "Kamis (4/9). Pendaftaran dibuka Senin (8/9) hingga Rabu (10/9).")
    stored = _stored_analysis(db_url, article)
    text = article.text
    ranges = {(text[t.begin_point:].split()[0], t.text, t.value) for t in stored.times if t.begin_point is not None}
    assert ranges == {("10-12", "10", "2025-05-10"), ("10-12", "12 Mei 2025", "2025-05-12"),
                      ("2-3", "2", "P2D"), ("2-3", "3 hari", "P3D"),
                      ("Senin", "Senin (8/9)", "2025-09-08"), ("Senin", "Rabu (10/9)", "2025-09-10")}, ranges
    by_start = {t.start: t for t in stored.times}
    for t in stored.times:
        if t.begin_point is not None:
            assert t.start in (t.begin_point, t.end_point)
            assert by_start[t.begin_point].end_point == t.end_point
    assert all(t.end_point is None for t in stored.times if t.text == "Kamis (4/9)")


@pytest.mark.parametrize("order", ["capitals first", "mixed case first"])
def test_the_stored_name_of_an_entity_does_not_depend_on_which_article_came_first(db_url, order):
    from dataclasses import replace

    shouted = analyze(_article(3, "Budi Hartono memimpin rapat warga di balai desa."))
    plain = analyze(_article(4, "Budi Hartono menutup rapat warga di balai desa."))
    person = next(e for e in shouted.entities if e.label == "PER")
    shouted = replace(shouted, entities=[replace(e, name="BUDI HARTONO") if e is person else e
                                         for e in shouted.entities])
    pair = [shouted, plain] if order == "capitals first" else [plain, shouted]
    with open_store(db_url) as store:
        store.ingest(prepare([a.article for a in pair]))
        for analysis in pair:
            store.save_analyses([analysis])
        names = {e["name"] for e in store.entities(name="Budi Hartono")}
    assert names == {"Budi Hartono"}


def _identities(store) -> dict[str, set[str]]:
    """Each stored article's people, by id."""
    return {a.article.title + a.article.body[0][:10]: {e.id for e in store.analysis(a.article.id).entities
                                                       if e.label == "PER"}
            for a in store.articles()}


def _relinked_in_orders(new_db, orders: dict[str, list]) -> dict[str, dict[str, set[str]]]:
    """For each named ingest order, a fresh store's people per article after `relink`."""
    seen = {}
    for name, order in orders.items():
        with open_store(new_db(name.replace(" ", "-"))) as store:
            for article in order:
                store.ingest(prepare([article], analyze=True))
            store.relink()
            seen[name] = _identities(store)
    return seen


def test_relink_makes_identities_the_same_whatever_came_first(new_db):
    lone = _article(3, "Trump mengatakan kepada wartawan bahwa tarif impor akan dinaikkan pekan depan.")
    full = _article(5, "Presiden Amerika Serikat Donald Trump bertemu Perdana Menteri Jepang di Gedung Putih.")
    seen = {}
    for name, order in (("full first", [full, lone]), ("lone first", [lone, full])):
        with open_store(new_db(name.replace(" ", "-"))) as store:
            for article in order:
                store.ingest(prepare([article], analyze=True))
            store.relink()
            by_person = store.search("tarif", Filters(entities=("per:donald-trump",)))
            seen[name] = (_identities(store), {e["id"] for e in store.entities(label="PER")}, by_person.total)
    assert seen["lone first"] == seen["full first"]
    assert seen["lone first"][1] == {"per:donald-trump"}
    assert seen["lone first"][2] == 1, "the search index knows the relinked person"


def test_relink_undoes_a_link_that_a_later_namesake_makes_doubtful(new_db):
    """`Wiratama` alone was linked to `Hendra Wiratama` while he was the only Wiratama stored; once
    `Sinta Wiratama` is stored too, the lone name is as doubtful as if she had come first."""
    hendra = _article(5, "Menteri Perindustrian Hendra Wiratama meresmikan pabrik baru di Karawang.")
    lone = _article(6, "\"Pabrik ini menyerap 500 pekerja,\" kata Wiratama kepada wartawan.")
    sinta = _article(7, "Ketua DPRD Sinta Wiratama menerima para demonstran di Surabaya.")
    seen = _relinked_in_orders(new_db, {"hendra first": [hendra, lone, sinta], "sinta first": [sinta, hendra, lone]})
    assert seen["hendra first"] == seen["sinta first"]
    assert seen["hendra first"]["Berita dunia\"Pabrik in"] == {"per:wiratama"}


def test_relink_leaves_a_name_two_stored_people_share(new_db):
    with open_store(new_db("kim")) as store:
        for article in (_article(3, "Kim mengatakan latihan militer itu adalah ancaman bagi negaranya."),
                        _article(4, "Pemimpin Korea Utara Kim Jong-un dan adiknya Kim Yo-jong menghadiri parade.")):
            store.ingest(prepare([article], analyze=True))
        assert store.relink() == 0
        assert "Kim" in {e["name"] for e in store.entities(label="PER")}


def test_a_lone_name_two_people_of_its_own_article_share_is_not_linked_whatever_came_first(new_db):
    """The article names `Hendra Wiratama` and `Sinta Wiratama` and then `Wiratama` alone: the analysis
    cannot tell which, so the store does not tell either, even when only Hendra was stored before."""
    hendra = _article(5, "Menteri Perindustrian Hendra Wiratama meresmikan pabrik baru di Karawang.")
    both = _article(6, "Ketua DPRD Sinta Wiratama dan Menteri Perindustrian Hendra Wiratama meninjau pabrik itu. "
                       "\"Pabrik ini menyerap 500 pekerja,\" kata Wiratama kepada wartawan.")
    seen = _relinked_in_orders(new_db, {"hendra first": [hendra, both], "both first": [both, hendra]})
    assert seen["hendra first"] == seen["both first"]
    assert seen["hendra first"]["Berita duniaKetua DPRD"] == {"per:sinta-wiratama", "per:hendra-wiratama",
                                                              "per:wiratama"}
