"""The gazetteer and lexicon data (`warta.lexicons`) and their loader.

Data files are reviewed like code: every hand-written entry carries an
Indonesian example sentence, and these tests check that each sentence really
contains its entry. They also pin facts the pipeline relies on (Moskow is
Moscow, Korut is North Korea, `AS` is the United States and case-sensitive).
"""

from __future__ import annotations

import csv
import math
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warta.nlp import gazetteer
from warta.nlp.gazetteer import case_sensitive, demonyms, organizations, place_index, places, roles, stop_entities

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "src" / "warta" / "lexicons"
TRAINING = ROOT / "training" / "lexicons"


def read_rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def split(aliases: str) -> list[str]:
    return [a.strip() for a in (aliases or "").split("|") if a.strip()]


def mentions(sentence: str, surface: str) -> bool:
    """Case-sensitive match of `surface` on word boundaries."""
    return re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", sentence) is not None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def best(surface: str) -> gazetteer.Place:
    found = place_index().get(surface.lower())
    assert found, f"{surface!r} is not in the gazetteer"
    return found[0]


# --------------------------------------------------------------------------- example sentences

HAND_WRITTEN = [
    (LEXICONS / "organizations.tsv", "name", "aliases"),
    (LEXICONS / "roles.tsv", "title", "aliases"),
    (LEXICONS / "demonyms.tsv", "demonym", None),
    (TRAINING / "city_exonyms.tsv", "name", "aliases"),
    (TRAINING / "id_provinces.tsv", "name", "aliases"),
    (TRAINING / "regions.tsv", "name", "aliases"),
]


@pytest.mark.parametrize("path,name_col,alias_col", HAND_WRITTEN, ids=lambda v: getattr(v, "name", None))
def test_every_example_contains_its_entry(path, name_col, alias_col):
    rows = read_rows(path)
    assert rows, f"{path.name} is empty"
    bad = []
    for row in rows:
        surfaces = [row[name_col], *split(row.get(alias_col) if alias_col else "")]
        example = row.get("example") or ""
        if not example.strip() or not any(mentions(example, s) for s in surfaces if s):
            bad.append(f"{row[name_col]}: {example!r}")
    assert not bad, f"{path.name}: examples that do not contain their entry:\n" + "\n".join(bad)


def test_country_variant_examples_contain_a_name_of_their_country():
    by_id = {p.id: p for p in places()}
    bad = []
    for row in read_rows(TRAINING / "country_variants.tsv"):
        place = by_id[f"iso:{row['iso3']}"]
        surfaces = [place.name, *place.aliases]
        if not any(mentions(row["example"], s) for s in surfaces):
            bad.append(f"{row['iso3']}: {row['example']!r}")
    assert not bad, "\n".join(bad)


def test_minimum_sizes():
    assert len(organizations()) >= 120
    assert len(roles()) >= 80
    assert len(demonyms()) >= 30
    assert len(stop_entities()) >= 150
    assert len([p for p in places() if p.kind == "country"]) >= 249


# --------------------------------------------------------------------------- places: facts

@pytest.mark.parametrize(
    "surface,country,lat,lon",
    [
        ("Moskow", "RUS", 55.7558, 37.6173),
        ("Moskwa", "RUS", 55.7558, 37.6173),
        ("Beijing", "CHN", 39.9042, 116.4074),
        ("Pyongyang", "PRK", 39.0392, 125.7625),
        ("Vladivostok", "RUS", 43.1155, 131.8855),
        ("Kursk", "RUS", 51.7373, 36.1874),
        ("wilayah Kursk", "RUS", 51.7373, 36.1874),
        ("Kiev", "UKR", 50.4501, 30.5234),
        ("Kyiv", "UKR", 50.4501, 30.5234),
        ("Jenewa", "CHE", 46.2044, 6.1432),
        ("Den Haag", "NLD", 52.0705, 4.3007),
        ("Timur Jauh Rusia", "RUS", 43.1155, 131.8855),
        ("Jakarta", "IDN", -6.2088, 106.8456),
        ("Surabaya", "IDN", -7.2575, 112.7521),
        ("Makassar", "IDN", -5.1477, 119.4327),
        ("Jayapura", "IDN", -2.5337, 140.7181),
    ],
)
def test_place_facts(surface, country, lat, lon):
    place = best(surface)
    assert place.country == country, place
    assert km(place.lat, place.lon, lat, lon) < 50, place


def test_moskow_is_moscow():
    moscow = place_index()["moskow"][0]
    assert moscow.id == "geo:524901"
    assert moscow.kind == "city" and moscow.country == "RUS"
    assert "Moscow" in moscow.aliases


def test_countries_and_their_variants():
    assert best("Korea Utara").id == "iso:PRK" and best("Korea Utara").kind == "country"
    assert best("Korut").country == "PRK"
    assert best("Korsel").country == "KOR"
    assert best("AS").country == "USA" and best("Amerika Serikat").country == "USA"
    assert case_sensitive("AS")
    assert best("Tiongkok").country == "CHN" and best("China").country == "CHN" and best("RRT").country == "CHN"
    assert best("Rusia").country == "RUS"
    assert best("Inggris").country == "GBR" and best("Britania Raya").country == "GBR"
    assert best("Arab Saudi").country == "SAU"
    assert best("Timor Leste").country == "TLS"
    assert best("Palestina").country == "PSE"
    assert best("Ukraina").country == "UKR"
    assert "uni eropa" not in place_index(), "the EU is not a country"


def test_countries_rank_before_cities_of_the_same_name():
    assert best("Singapura").kind == "country"
    assert best("Kuwait").kind == "country"


def test_indonesian_provinces():
    provinces = [p for p in places() if p.id.startswith("adm:ID-") and p.population > 0 and p.kind == "region"]
    codes = {p.id for p in provinces}
    assert len([c for c in codes if c not in {"adm:ID-JW", "adm:ID-SM", "adm:ID-KA", "adm:ID-SL", "adm:ID-ML",
                                               "adm:ID-NU", "adm:ID-PP"}]) == 38
    for surface, code in [("Jawa Barat", "ID-JB"), ("DKI Jakarta", "ID-JK"), ("Papua Tengah", "ID-PT"),
                          ("Sulawesi Tengah", "ID-ST"), ("Nusa Tenggara Timur", "ID-NT"), ("NTT", "ID-NT"),
                          ("Daerah Istimewa Yogyakarta", "ID-YO"), ("DIY", "ID-YO"), ("Jatim", "ID-JI")]:
        assert any(p.id == f"adm:{code}" for p in place_index()[surface.lower()]), surface


def test_sample_article_places_resolve():
    """Every place named in the Anadolu sample article is in the gazetteer."""
    for surface, country in [("Korea Utara", "PRK"), ("Ukraina", "UKR"), ("Rusia", "RUS"), ("Beijing", "CHN"),
                             ("China", "CHN"), ("Moskow", "RUS"), ("Kursk", "RUS"), ("Vladivostok", "RUS"),
                             ("Timur Jauh Rusia", "RUS"), ("Pyongyang", "PRK"), ("Korea Selatan", "KOR"),
                             ("Kiev", "UKR"), ("Diaoyutai State Guesthouse", "CHN")]:
        assert best(surface).country == country, surface


# --------------------------------------------------------------------------- places: file shape

def test_places_file_shape():
    path = LEXICONS / "places.tsv"
    assert path.stat().st_size < 3_000_000
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == "id\tname\tkind\tcountry\tlat\tlon\tpopulation\taliases\tcapital"
    countries = {p.country for p in places() if p.kind == "country"}
    ids = [p.id for p in places()]
    assert len(ids) == len(set(ids))
    for p in places():
        assert re.fullmatch(r"(geo|iso|adm|reg|fac):[\w.-]+", p.id), p.id
        assert p.kind in gazetteer.KINDS, p
        assert p.country == "" or p.country in countries, p
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p
        assert p.name and p.population >= 0, p
        assert len(set(a.lower() for a in p.aliases)) == len(p.aliases), p


def test_places_sorted_by_population_within_a_name():
    rows = read_rows(LEXICONS / "places.tsv")
    last: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["kind"], row["name"].casefold())
        population = int(row["population"])
        assert population <= last.get(key, population), row
        last[key] = population


def test_place_index_is_best_first():
    for surface, found in place_index().items():
        ranks = [(p.kind != "country", -p.population) for p in found]
        assert ranks == sorted(ranks), surface


# --------------------------------------------------------------------------- short forms, stop list

def test_no_short_alias_unless_case_sensitive():
    surfaces = []
    for p in places():
        surfaces += [p.name, *p.aliases]
    for o in organizations():
        surfaces += [o.name, *o.aliases]
    for r in roles():
        surfaces += [r.title, *r.aliases]
    surfaces += list(demonyms())
    short = sorted({s for s in surfaces if len(s) < 3 and not case_sensitive(s)})
    assert not short, short


def test_case_sensitive():
    for surface in ("AS", "UE", "MA", "MK", "PAN", "BI", "KPK", "RI", "PDI-P", "DK PBB", "Antara", "Paus"):
        assert case_sensitive(surface), surface
    for surface in ("Korut", "Jakarta", "Amerika Serikat", "ASEAN", "Presiden", ""):
        assert not case_sensitive(surface), surface


def test_stop_entities():
    stop = stop_entities()
    for word in ("Pernyataan", "Sebelumnya", "Kemudian", "Rabu", "September", "Menurut", "Namun", "Ia", "Mereka",
                 "Minggu", "Januari"):
        assert word in stop, word
    assert "Putin" not in stop and "Korea" not in stop


# --------------------------------------------------------------------------- organisations, roles, demonyms

def test_organization_fields():
    names = [o.name for o in organizations()]
    assert len(names) == len(set(names))
    countries = {p.country for p in places() if p.kind == "country"}
    for o in organizations():
        assert o.type in gazetteer.ORG_TYPES, o
        assert o.country is None or o.country in countries, o
    by_surface = {s: o for o in organizations() for s in (o.name, *o.aliases)}
    assert by_surface["PBB"].type == "IGO"
    assert by_surface["KPK"].country == "IDN"
    assert by_surface["RIA Novosti"].type == "MED"
    assert by_surface["AA"].name == "Anadolu"
    assert by_surface["Kremlin"].country == "RUS"


def test_role_fields():
    titles = [r.title for r in roles()]
    assert len(titles) == len(set(titles))
    for r in roles():
        assert r.sector in gazetteer.SECTORS, r
    by_surface = {s: r for r in roles() for s in (r.title, *r.aliases)}
    assert by_surface["Presiden"].takes_country
    assert by_surface["Menlu"].title == "Menteri Luar Negeri"
    assert by_surface["Kapolri"].sector == "POL"
    assert by_surface["Dubes"].title == "Duta Besar"


def test_raw_flags_are_yes_or_no():
    for row in read_rows(LEXICONS / "roles.tsv"):
        assert row["takes_country"] in ("yes", "no"), row


def test_demonyms():
    countries = {p.country for p in places() if p.kind == "country"}
    d = demonyms()
    assert d["WNI"] == "IDN" and d["Korut"] == "PRK" and d["Rusia"] == "RUS"
    assert d["Yahudi"] == "" and d["WNA"] == ""
    assert all(v == "" or v in countries for v in d.values())


# --------------------------------------------------------------------------- loading

def test_loading_everything_is_fast():
    for fn in (places, place_index, organizations, roles, demonyms, stop_entities, gazetteer._case_sensitive_list):
        fn.cache_clear()
    start = time.perf_counter()
    places(), place_index(), organizations(), roles(), demonyms(), stop_entities(), case_sensitive("AS")
    assert time.perf_counter() - start < 0.5


@pytest.mark.slow
def test_places_tsv_is_up_to_date():
    """`build_places.py --check` rebuilds from the installed packages and compares."""
    done = subprocess.run([sys.executable, str(TRAINING / "build_places.py"), "--check"],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
