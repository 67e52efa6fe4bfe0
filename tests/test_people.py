"""Public figures named by a nickname or initials are one entity with their full name (lexicons/people.tsv)."""

from __future__ import annotations

import pytest

from warta import lexicon
from warta.nlp import gazetteer, load_cached

ROWS = lexicon.table("people.tsv")


@pytest.mark.parametrize("row", ROWS, ids=[row["name"] for row in ROWS])
def test_the_example_names_the_person_by_the_full_name(row):
    doc = load_cached()(row["example"])
    forms = {row["name"], *gazetteer.people()[ROWS.index(row)].aliases}
    people = [(e.text, e._.canonical) for e in doc.ents if e.label_ == "PER" and e.text in forms]
    assert people, f"no person mention of {row['name']} in {row['example']!r}: {[(e.text, e.label_) for e in doc.ents]}"
    assert all(canonical == row["name"] for _, canonical in people), people


def test_a_nickname_and_the_full_name_are_one_entity_in_an_article():
    doc = load_cached()("Presiden Joko Widodo meresmikan bendungan di Jawa Tengah. "
                        "Jokowi mengatakan bendungan itu akan mengairi 20.000 hektare sawah.")
    ids = {e.text: e._.entity_id for e in doc.ents if e.label_ == "PER"}
    assert ids["Jokowi"] == ids["Joko Widodo"] == "per:joko-widodo"


def test_no_alias_names_two_people():
    seen: dict[str, str] = {}
    for person in gazetteer.people():
        for alias in (person.name, *person.aliases):
            assert seen.setdefault(alias, person.name) == person.name, f"{alias} names {seen[alias]} and {person.name}"


def test_an_alias_is_not_a_common_first_name_alone():
    """A first name many people share (`Andi`, `Arief`, `Retno`) is not an alias: it would merge strangers."""
    aliases = {alias for person in gazetteer.people() for alias in person.aliases}
    assert not aliases & {"Andi", "Arief", "Retno", "Susi", "Ani", "Lee", "Ridwan", "Gatot", "Hatta", "Dahlan", "Ratna"}
