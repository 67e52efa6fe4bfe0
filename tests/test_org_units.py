"""A unit word and the body or area it belongs to are one organisation (lexicons/org_units.tsv)."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import jsonschema
import pytest

from warta import lexicon
from warta.model import Article
from warta.nlp import load_cached
from warta.nlp.analysis import analyze

ROWS = lexicon.table("org_units.tsv")


@pytest.mark.parametrize("row", ROWS, ids=[row["unit"] for row in ROWS])
def test_the_unit_and_what_it_belongs_to_are_one_organisation(row):
    doc = load_cached()(row["example"])
    found = [(e.text, e.label_) for e in doc.ents]
    assert (row["organisation"], "ORG") in found, found


@pytest.mark.parametrize("sentence,name", [
    ("Anggota DPR Fraksi PAN Yandri Susanto ditunjuk menyampaikan sikap fraksi.", "Fraksi PAN"),
    ("Ketua Komisi XI DPR RI Melchias Marcus Mekeng memimpin rapat.", "Komisi XI DPR RI"),
    ("Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Argo Yuwono menjelaskan kronologi.",
     "Bidang Humas Polda Metro Jaya"),
])
def test_a_title_after_the_organisation_stays_out_of_it(sentence, name):
    doc = load_cached()(sentence)
    assert name in [e.text for e in doc.ents if e.label_ == "ORG"], [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("sentence,name", [
    ("Rapat paripurna DPRD Kota Surabaya membahas anggaran perubahan tahun ini.", "DPRD Kota Surabaya"),
    ("Kepala Dinas Kesehatan Kabupaten Bogor meminta warga menguras bak mandi seminggu sekali.",
     "Dinas Kesehatan Kabupaten Bogor"),
])
def test_an_area_opened_by_an_area_word_belongs_to_the_body_before_it(sentence, name):
    doc = load_cached()(sentence)
    found = [(e.text, e.label_) for e in doc.ents]
    assert (name, "ORG") in found and not any(label == "PER" for _, label in found), found


def test_a_regulations_number_is_no_area_of_the_body_that_issued_it():
    doc = load_cached()("Syarat itu diatur dalam Peraturan KPU Nomor 7 Tahun 2017 tentang tahapan pemilu.")
    assert ("KPU", "ORG") in [(e.text, e.label_) for e in doc.ents], [(e.text, e.label_) for e in doc.ents]


def test_a_unit_word_alone_is_no_organisation():
    doc = load_cached()("Komisi itu akan memanggil menteri pekan depan.")
    assert not [e for e in doc.ents if e.text.startswith("Komisi")]


@pytest.mark.parametrize("sentence,club", [
    ("Liverpool meraih kemenangan pertama musim ini setelah menaklukkan Tottenham di babak kedua.", "Liverpool"),
    ("Pelatih itu menilai Barcelona tampil buruk sepanjang babak pertama pertandingan.", "Barcelona"),
])
def test_in_a_sports_story_a_city_that_plays_is_its_club(sentence, club):
    doc = load_cached()(sentence)
    assert (club, "ORG") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("sentence,place", [
    ("Timnas berlatih di Madrid menjelang babak kualifikasi pertandingan persahabatan.", "Madrid"),
    ("Presiden bertemu wali kota Madrid membahas kerja sama kota kembar.", "Madrid"),
])
def test_a_city_stays_a_place_after_a_place_word_and_outside_sport(sentence, place):
    doc = load_cached()(sentence)
    assert place in [e.text for e in doc.ents if e.label_ in ("LOC", "GPE")], [(e.text, e.label_) for e in doc.ents]


def test_an_analysis_with_units_follows_the_published_schema():
    schema = json.loads(resources.files("warta.data").joinpath("analysis.schema.json").read_text())
    article = Article(published=date(2017, 7, 21), title="Fraksi PAN tolak perppu",
                      body=["Ketua Fraksi PAN menyampaikan sikap fraksinya, sementara Polres Jakarta Utara "
                            "mengamankan jalannya rapat."])
    data = analyze(article).to_dict()
    jsonschema.validate(data, schema)
    assert {"Fraksi PAN", "Kepolisian Resor Jakarta Utara"} <= {e["name"] for e in data["entities"]}


@pytest.mark.parametrize("sentence,place", [
    ("Deddy Mizwar menjadi bakal calon di Pilgub Jawa Barat tahun depan.", "Jawa Barat"),
    ("Sidang ditunda sampai Pilkada Sumatera Utara selesai.", "Sumatera Utara"),
])
def test_an_election_is_no_entity_but_its_place_is(sentence, place):
    doc = load_cached()(sentence)
    found = [(e.text, e.label_) for e in doc.ents]
    assert place in [text for text, label in found if label in ("LOC", "GPE")], found
    assert not [text for text, _ in found if text.startswith(("Pilgub", "Pilkada"))], found


@pytest.mark.parametrize("sentence,name", [
    ("Pelaku dapat dikenakan Pasal 30 UU RI Nomor 44 Tahun 2008 tentang pornografi.", "UU RI"),
    ("Liverpool akan kembali bertanding pada laga Premier League berikutnya.", "Premier League"),
    ("Persib menjuarai Piala Presiden setelah menang adu penalti.", "Piala Presiden"),
])
def test_laws_and_competitions_are_no_entities(sentence, name):
    doc = load_cached()(sentence)
    assert name not in [e.text for e in doc.ents]


@pytest.mark.parametrize("row", [row for row in ROWS if row["full"]], ids=lambda row: row["unit"])
def test_a_unit_written_short_and_in_full_is_one_entity(row):
    short = row["organisation"]
    spelled = short.replace(row["unit"], row["full"], 1)
    ids = {e._.entity_id for e in load_cached()(f"{short} menggelar rapat. {spelled} menutup rapat itu.").ents
           if e.label_ == "ORG"}
    assert len(ids) == 1, ids


@pytest.mark.parametrize("sentence, name, canonical", [
    ("Ratna bertandang ke Pengadilan Negeri (PN) Jakarta Pusat untuk menggugat KPK.",
     "Pengadilan Negeri (PN) Jakarta Pusat", "Pengadilan Negeri Jakarta Pusat"),
    ("Boy Rafli Amar mengatakan pihak Kepolisian Daerah (Polda) Metro Jaya sudah siap.",
     "Kepolisian Daerah (Polda) Metro Jaya", "Kepolisian Daerah Metro Jaya"),
])
def test_an_acronym_in_parentheses_between_unit_and_area_stays_inside(sentence, name, canonical):
    found = [(e.text, e._.canonical) for e in load_cached()(sentence).ents if e.label_ == "ORG"]
    assert (name, canonical) in found, found
