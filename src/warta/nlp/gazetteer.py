"""Gazetteer and lexicon data for warta's Indonesian NLP pipeline.

Plain Python (standard library only): the data files live in
``warta/lexicons/`` and are read once per process.

==========================  ===============================================
``places.tsv``              countries, regions, cities, facilities (built by
                            ``training/lexicons/build_places.py`` from CLDR,
                            ISO 3166 and GeoNames data plus reviewed lists)
``organizations.tsv``       international bodies, state institutions,
                            parties, media, companies (hand-written)
``roles.tsv``               titles and roles before a person's name
``demonyms.tsv``            nationality words (``WNI`` -> ``IDN``)
``stop_entities.txt``       capitalised words that are never an entity alone
``case_sensitive.txt``      surface forms to match only exactly as written
``place_cues.txt``          words after which a state's name is a place
==========================  ===============================================

Lookups by surface form are case-insensitive (``place_index()`` keys are
lower-cased); :func:`case_sensitive` says which surface forms a matcher must
only accept exactly as written (``AS`` is the United States, ``as`` is not).
A surface form in :func:`stop_entities` is never an entity on its own even
when a place bears that name (``Lima``, ``Negara``): the stop list wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from warta import lexicon

__all__ = [
    "Place",
    "Organization",
    "Role",
    "places",
    "place_index",
    "place_by_id",
    "organizations",
    "roles",
    "demonyms",
    "stop_entities",
    "case_sensitive",
    "place_cues",
    "COORDINATORS",
]

KINDS = ("country", "region", "city", "facility")
ORG_TYPES = ("GOV", "MIL", "POL", "PTY", "MED", "IGO", "BUS", "JUD", "LEG", "NGO")
SECTORS = ("GOV", "MIL", "POL", "JUD", "LEG", "BUS", "MED", "REL", "SPORT", "OTHER")

#: An all-capitals word of at most this many letters is case-sensitive.
_MAX_CAPS_LETTERS = 4


@dataclass(frozen=True)
class Place:
    id: str  # geo:<geonameid> | iso:<ISO3> | adm:<ISO 3166-2> | reg:<slug> | fac:<slug>
    name: str  # canonical Indonesian name
    kind: str  # country | region | city | facility
    country: str  # ISO 3166-1 alpha-3; "" for areas spanning several countries
    lat: float
    lon: float
    population: int  # 0 when unknown
    aliases: tuple[str, ...]
    capital: str = ""  # ISO3 of the state whose capital this city is


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    type: str  # one of ORG_TYPES
    country: str | None  # ISO3, None for international bodies


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    title: str
    aliases: tuple[str, ...]
    sector: str  # one of SECTORS
    takes_country: bool  # "Presiden Rusia", "Ketua KPK"


# --------------------------------------------------------------------------- reading


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split("|") if a.strip())


def _place_rank(place: Place) -> tuple:
    """Best first: countries, then larger population, then kind, then id (stable)."""
    return (place.kind != "country", -place.population, KINDS.index(place.kind), place.id)


# --------------------------------------------------------------------------- API


@cache
def places() -> list[Place]:
    """Every place in ``lexicons/places.tsv``, best first.

    The order is the ranking of :func:`place_index`: countries first, then by
    population (largest first). So a consumer that keeps the *last* place it
    sees for a surface form, iterating ``reversed(places())``, keeps the best
    one. Treat the list as read-only: it is cached and shared.
    """
    out = []
    for row in lexicon.table("places.tsv"):
        out.append(
            Place(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                country=row["country"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=int(row["population"] or 0),
                aliases=_aliases(row["aliases"]),
                capital=row.get("capital") or "",
            )
        )
    out.sort(key=_place_rank)
    return out


@cache
def place_by_id() -> dict[str, Place]:
    """Gazetteer id (`iso:PRK`, `geo:1871859`) -> place."""
    return {place.id: place for place in places()}


@cache
def place_index() -> dict[str, list[Place]]:
    """Lower-cased surface form (name or alias) -> places, best first.

    ``place_index()["moskow"][0]`` is Moscow. Places that share a name are all
    kept; the first is the country if one bears the name, otherwise the most
    populous place. Check :func:`case_sensitive` before accepting a match on
    text that is not written exactly like the alias (``AS`` vs ``as``).
    """
    index: dict[str, list[Place]] = {}
    for place in places():  # already best first
        seen = set()
        for surface in (place.name, *place.aliases):
            key = surface.lower()
            if key in seen:
                continue
            seen.add(key)
            index.setdefault(key, []).append(place)
    return index


@cache
def organizations() -> list[Organization]:
    """Organisations from ``lexicons/organizations.tsv``, in file order."""
    return [
        Organization(
            name=row["name"],
            aliases=_aliases(row["aliases"]),
            type=row["type"],
            country=row["country"] or None,
        )
        for row in lexicon.table("organizations.tsv")
    ]


@cache
def people() -> list[Person]:
    """Public figures named by a nickname or initials, from ``lexicons/people.tsv`` (``Jokowi``, ``SBY``)."""
    return [Person(name=row["name"], aliases=_aliases(row["aliases"])) for row in lexicon.table("people.tsv")]


@cache
def roles() -> list[Role]:
    """Titles and roles from ``lexicons/roles.tsv``, in file order."""
    return [
        Role(
            title=row["title"],
            aliases=_aliases(row["aliases"]),
            sector=row["sector"],
            takes_country=row["takes_country"].lower() == "yes",
        )
        for row in lexicon.table("roles.tsv")
    ]


@cache
def role_forms() -> dict[str, Role]:
    """Every way of writing a title, lower case -> its Role (`menkumham` and `menteri hukum dan ham` ->
    Menteri Hukum dan Hak Asasi Manusia); the later row wins a form two rows share."""
    return {surface.lower(): role for role in roles() for surface in (role.title, *role.aliases) if surface}


@cache
def title_starts() -> frozenset[str]:
    """The first word of every way of writing a title, lower case (`deputi`, `kepala`, `kapolres`)."""
    return frozenset(form.split()[0] for form in role_forms())


@cache
def demonyms() -> dict[str, str]:
    """Surface form -> ISO3 (``WNI`` -> ``IDN``, ``Korut`` -> ``PRK``).

    The value is ``""`` for a people or group that is not one state's nationals
    (``Yahudi``, ``Arab``, ``Tionghoa``, ``WNA``).
    """
    return {row["demonym"]: row["country"] for row in lexicon.table("demonyms.tsv")}


@cache
def stop_entities() -> frozenset[str]:
    """Capitalised words that are never an entity on their own (``Pernyataan``, ``Rabu``)."""
    return frozenset(lexicon.entries("stop_entities.txt"))


#: Words joining a list of names: a state after one of these, right after a
#: place, is a place too ("di Kuala Lumpur, Malaysia").
COORDINATORS = lexicon.words("name_coordinators")


@cache
def place_cues() -> frozenset[str]:
    """Words after which a state's name is a place, not an actor (``di``, ``ke``, ``wilayah``)."""
    return frozenset(lexicon.entries("place_cues.txt"))


@cache
def _case_sensitive_list() -> frozenset[str]:
    return frozenset(lexicon.entries("case_sensitive.txt"))


def case_sensitive(surface: str) -> bool:
    """True when `surface` must be matched exactly as written.

    That is every all-capitals short form (each word at most four letters:
    ``AS``, ``UE``, ``MA``, ``MK``, ``PAN``, ``BI``, ``KPK``, ``DK PBB``,
    ``PDI-P``), which lower-cased is an ordinary word or means something else,
    plus the forms listed in ``lexicons/case_sensitive.txt`` (``Antara``,
    ``Tempo``, ``Paus``: names that are also common words).
    """
    if surface in _case_sensitive_list():
        return True
    words = surface.split()
    if not words:
        return False
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if not letters or len(letters) > _MAX_CAPS_LETTERS or not all(ch.isupper() for ch in letters):
            return False
    return True
