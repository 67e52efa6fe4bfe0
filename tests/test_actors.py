"""Event actors by grammatical role: every row of lexicons/actor_roles.tsv and of
lexicons/actor_phrases.tsv, and the words that give an event its modality
(lexicons/event_modality.tsv)."""

from __future__ import annotations

from datetime import date

import pytest

from warta import lexicon
from warta.model import Article
from warta.nlp.analysis import analyze

ROLES = lexicon.table("actor_roles.tsv")
MODALITY = lexicon.table("event_modality.tsv")
PHRASES = lexicon.table("actor_phrases.tsv")


def events_of(text: str):
    return analyze(Article(published=date(2025, 9, 4), title="Berita uji", body=[text])).events


@pytest.mark.parametrize("row", ROLES, ids=[f"{r['voice']}-{r['relation']}-{r['preposition'] or 'none'}"
                                             for r in ROLES])
def test_each_grammatical_role_gives_the_actor_its_place_in_the_event(row):
    pairs = {((e.source.name if e.source else ""), (e.target.name if e.target else ""))
             for e in events_of(row["example"])}
    expected = row[row["role"]]
    assert expected, "each row's example names the actor of its role"
    assert any(pair[0 if row["role"] == "source" else 1] == expected for pair in pairs), pairs


@pytest.mark.parametrize("row", PHRASES, ids=[r["rule"] for r in PHRASES])
def test_each_phrase_rule_names_the_actors_its_example_needs(row):
    found = [(e.type, e.source.name if e.source else "", e.target.name if e.target else "")
             for e in events_of(row["example"])]
    assert (row["type"], row["source"], row["target"]) in found, found
    if row["absent"]:
        assert row["absent"] not in {kind for kind, _, _ in found}, found


@pytest.mark.parametrize("row", MODALITY, ids=[r["word"] for r in MODALITY])
def test_each_modality_word_marks_the_event_as_not_simply_happened(row):
    modalities = {e.modality for e in events_of(row["example"])}
    assert row["modality"] in modalities, modalities


def test_the_outlet_and_place_of_a_dateline_are_never_actors():
    [event] = [e for e in events_of("Jakarta, CNN Indonesia -- Komisi Pemberantasan Korupsi meminta "
                                    "Setya Novanto memenuhi panggilan penyidik.") if e.type == "REQUEST"]
    assert event.source is not None and event.source.name == "Komisi Pemberantasan Korupsi"


def test_the_subject_of_a_controlled_clause_is_the_one_asked():
    events = events_of("Presiden Joko Widodo meminta Komisi Pemberantasan Korupsi untuk menangkap Setya Novanto.")
    [arrest] = [e for e in events if e.type == "COERCE"]
    assert (arrest.source.name, arrest.target.name, arrest.modality) == \
        ("Komisi Pemberantasan Korupsi", "Setya Novanto", "requested")


@pytest.mark.parametrize("text", [
    "Polisi menangkap RO (53), warga Sudimara, karena mencabuli lima gadis cilik.",
    "Kepolisian Resor Bogor menangkap Rudi Hartono karena diduga menganiaya seorang sopir angkot.",
])
def test_the_reason_an_arrest_gives_is_the_act_of_the_one_arrested(text):
    [assault] = [e for e in events_of(text) if e.type == "ASSAULT"]
    [arrest] = [e for e in events_of(text) if e.type == "COERCE"]
    assert assault.source is not None and assault.source.name == arrest.target.name


@pytest.mark.parametrize("text, kind, source, target", [
    ("Dukungan terhadap Joko Widodo disampaikan oleh Ketua Umum Partai Golkar Setya Novanto.", "SUPPORT",
     "Setya Novanto", "Joko Widodo"),
])
def test_the_one_who_puts_forward_an_act_named_as_a_noun_does_it(text, kind, source, target):
    found = [(e.source.name if e.source else None, e.target.name if e.target else None)
             for e in events_of(text) if e.type == kind]
    assert found == [(source, target)], found


def test_a_phrase_that_gives_a_name_after_berinisial_stands_for_that_person():
    [killing] = [e for e in events_of("Krisna Wahyu Nurachmad dibunuh oleh temannya satu barak berinisial AMR (16).")
                 if e.type == "ASSAULT"]
    assert (killing.source.name, killing.target.name) == ("AMR", "Krisna Wahyu Nurachmad")


def test_body_with_bracketed_acronym_before_a_name_is_the_persons_title():
    [support] = [e for e in events_of("Ketua Dewan Kehormatan Penyelenggara Pemilu (DKPP) Jimly Asshiddiqie "
                                      "mendukung permintaan Kepolisian Daerah Metro Jaya.") if e.type == "SUPPORT"]
    assert support.source.name == "Jimly Asshiddiqie"


def test_pronoun_subject_of_a_reporting_cue_is_the_speaker_the_quotes_resolved():
    article = Article(published=date(2025, 9, 4), title="Berita uji", body=[
        "Menko Polhukam Wiranto menyatakan kasus Panglima TNI Gatot Nurmantyo sudah selesai.",
        "Dia mengimbau Kepolisian Negara Republik Indonesia untuk menjaga keamanan."])
    [request] = [e for e in analyze(article).events if e.type == "REQUEST"]
    assert request.source.name.endswith("Wiranto")


def test_bare_polisi_is_the_police_unit_the_story_named():
    article = Article(published=date(2025, 9, 4), title="Berita uji", body=[
        "Polda Metro Jaya memeriksa Rizieq Shihab pada Senin.", "Polisi kemudian menahan Rizieq Shihab."])
    [arrest] = [e for e in analyze(article).events if e.type == "COERCE"]
    assert arrest.source.name == "Kepolisian Daerah Metro Jaya"


def test_bare_polisi_without_a_named_unit_is_the_national_police():
    [arrest] = [e for e in events_of("Pada Senin malam, polisi menahan Rizieq Shihab.") if e.type == "COERCE"]
    assert arrest.source.name == "Kepolisian Negara Republik Indonesia"


UNIT_HEADS = lexicon.table("unit_heads.tsv")


@pytest.mark.parametrize("row", UNIT_HEADS, ids=[r["title"] for r in UNIT_HEADS])
def test_an_officer_heading_a_unit_speaks_for_it(row):
    sources = [e.source.name for e in events_of(row["example"]) if e.source]
    assert row["body"] in sources, sources


@pytest.mark.parametrize("text, kind, source", [
    ("Warta Harian - Polisi menangkap seorang pengedar sabu di Cilincing.", "COERCE",
     "Kepolisian Negara Republik Indonesia"),
    ("Jakarta, Warta Harian -- Pemerintah menolak permintaan Malaysia.", "REJECT", "Indonesia"),
])
def test_a_generic_actor_right_after_the_dateline_opens_the_story(text, kind, source):
    [event] = [e for e in events_of(text) if e.type == kind]
    assert event.source is not None and event.source.name == source


@pytest.mark.parametrize("row", lexicon.table("investigators.tsv"), ids=lambda row: row["noun"])
def test_an_investigator_noun_stands_for_the_body_the_story_named_last(row):
    first, second = row["example"].split(". ", 1)
    sources = [e.source.name if e.source else None for e in events_of(row["example"])
               if e.trigger in second and e.trigger not in first]
    assert row["body"] in sources, sources


@pytest.mark.parametrize("row", lexicon.table("suspects.tsv"), ids=lambda row: row["noun"])
def test_a_suspect_noun_stands_for_the_person_the_story_named_as_suspect(row):
    first, second = row["example"].split(". ", 1)
    actors = [getattr(e, row["role"]) for e in events_of(row["example"]) if e.trigger in second and e.trigger not in first]
    assert row["suspect"] in [a.name for a in actors if a is not None], actors


def test_an_arrest_told_without_its_agent_is_by_the_body_the_story_named():
    events = events_of("Polres Bogor membuka posko pengaduan bagi korban arisan bodong. "
                       "Sri Rahayu diamankan karena diduga membawa kabur uang arisan.")
    [arrest] = [e for e in events if e.type == "COERCE"]
    assert (arrest.source.name, arrest.target.name) == ("Kepolisian Resor Bogor", "Sri Rahayu")


@pytest.mark.parametrize("text, kind, source", [
    # the dateline says where the story is from
    ("Islamabad (Warta Harian) - Polisi menangkap tiga tersangka pembakaran kuil di Sargodha.", "COERCE", "Pakistan"),
    # no dateline: the state its places name most often
    ("Kericuhan terjadi di Yangon, Myanmar, pada Minggu. Pemerintah menuduh kelompok oposisi memicu kericuhan di "
     "Yangon dan Mandalay.", "ACCUSE", "Myanmar"),
    # an outlet dates foreign news from Jakarta: such a dateline decides nothing
    ("Jakarta, Warta Harian -- Kericuhan pecah di Yangon, Myanmar. Pemerintah menuduh oposisi memicu kericuhan di "
     "Yangon dan Mandalay.", "ACCUSE", "Myanmar"),
    # a story at home keeps Indonesia's
    ("Bandung (Warta Harian) - Polisi menangkap tiga pelaku pembakaran gudang di Cimahi.", "COERCE",
     "Kepolisian Negara Republik Indonesia"),
])
def test_an_unqualified_authority_is_that_of_the_state_the_story_is_about(text, kind, source):
    assert source in [e.source.name for e in events_of(text) if e.type == kind and e.source is not None]


@pytest.mark.parametrize("row", lexicon.table("unnamed_forces.tsv"), ids=lambda row: row["noun"])
def test_an_unnamed_force_is_the_army_of_the_state_the_story_is_about(row):
    sources = [e.source.name for e in events_of(row["example"]) if e.source is not None]
    assert row["source"] in sources, sources
