"""Full-text search: Indonesian stemming, phrases, operators, filters, snippets, errors."""

from __future__ import annotations

from datetime import date

import pytest

from warta.model import Article
from warta.search.index import Filters
from warta.search.query import QueryError, parse
from warta.store import open_store

STORIES = {
    "temu": Article(published=date(2025, 9, 4), section="DUNIA", source="AA", title="Putin dan Kim gelar pertemuan di Beijing",
                    body=["Pertemuan kedua pemimpin berlangsung selama 2,5 jam di Beijing.",
                          "Kedua pemimpin juga membahas kerja sama militer."]),
    "tanda": Article(published=date(2025, 6, 19), section="DUNIA", source="Reuters", title="Perjanjian kemitraan strategis",
                     body=["Perjanjian itu ditandatangani di Pyongyang oleh kedua negara.",
                           "Pasukan khusus Korea Utara kemudian dikirim ke wilayah Kursk."]),
    "banjir": Article(published=date(2025, 3, 13), section="NASIONAL", source="ANTARA", title="Banjir rendam Cianjur",
                      body=["Banjir merendam 1.200 rumah. Petugas mengerahkan pasukan SAR.",
                            "Bupati berniat bertemu warga yang mengungsi."]),
    "ekonomi": Article(published=date(2025, 4, 8), section="EKONOMI", source="ANTARA", title="Rupiah menguat terhadap dolar AS",
                       body=["Bank Indonesia mencatat rupiah menguat 0,5 persen.", "Investor asing kembali masuk ke pasar obligasi."]),
}


@pytest.fixture
def store(db_url):
    with open_store(db_url) as store:
        store.ingest(STORIES.values())
        yield store


def ids(results):
    names = {a.id: name for name, a in STORIES.items()}
    return [names[h.id] for h in results.hits]


def test_bertemu_finds_pertemuan(store):
    assert set(ids(store.search("bertemu"))) == {"temu", "banjir"}


def test_menandatangani_finds_ditandatangani(store):
    assert ids(store.search("menandatangani")) == ["tanda"]


def test_pasukan_is_not_overstemmed(store):
    # Sastrawi alone stems `pasukan` to `pasu`; it must stay a word of its own.
    assert set(ids(store.search("pasukan"))) == {"tanda", "banjir"}
    assert ids(store.search("pasu")) == []


def test_exact_phrase_in_quotes(store):
    assert ids(store.search('"pasukan khusus"')) == ["tanda"]
    assert ids(store.search('"khusus pasukan"')) == []
    # A phrase is exact, not stemmed: "bertemu warga" is in the banjir story only.
    assert ids(store.search('"bertemu warga"')) == ["banjir"]
    assert ids(store.search('"pertemuan warga"')) == []


def test_a_phrase_among_alternatives_and_an_excluded_phrase(store):
    assert set(ids(store.search('"pasukan khusus" OR Cianjur'))) == {"tanda", "banjir"}
    assert set(ids(store.search('"khusus pasukan" OR Cianjur'))) == {"banjir"}
    # `pasukan` is in both stories; only tanda has the two words in that order.
    assert ids(store.search('pasukan -"pasukan khusus"')) == ["banjir"]
    assert set(ids(store.search('pasukan -"khusus pasukan"'))) == {"tanda", "banjir"}


def test_words_are_anded(store):
    assert ids(store.search("pemimpin Beijing")) == ["temu"]
    assert ids(store.search("pemimpin Cianjur")) == []


def test_or_and_exclusion(store):
    assert set(ids(store.search("Cianjur OR Pyongyang"))) == {"banjir", "tanda"}
    assert ids(store.search("bertemu -Beijing")) == ["banjir"]
    assert ids(store.search("bertemu NOT Beijing")) == ["banjir"]
    assert set(ids(store.search("pemimpin AND militer"))) == {"temu"}


def test_headline_words_rank_higher(store):
    # `pertemuan` is in the temu headline, only in the body of nothing else; `bertemu` is in banjir's body.
    assert ids(store.search("pertemuan"))[0] == "temu"


def test_filters(store):
    assert ids(store.search("pasukan", Filters(section="nasional"))) == ["banjir"]
    assert ids(store.search("pasukan", Filters(source="Reuters"))) == ["tanda"]
    assert ids(store.search("pasukan", Filters(since=date(2025, 6, 1)))) == ["tanda"]
    assert ids(store.search("pasukan", Filters(until=date(2025, 6, 1)))) == ["banjir"]
    assert ids(store.search("pasukan", Filters(since=date(2025, 6, 19), until=date(2025, 6, 19)))) == ["tanda"]


def test_numbers_in_indonesian_format_are_one_word(store):
    assert ids(store.search("1.200")) == ["banjir"]
    assert ids(store.search("2,5")) == ["temu"]


def test_snippet_highlights_the_matched_words(store):
    hit = store.search("menandatangani").hits[0]
    assert "<mark>ditandatangani</mark>" in hit.snippet_html
    article = STORIES["tanda"]
    assert [article.text[s:e] for s, e in hit.highlights] == ["ditandatangani"]


def test_snippet_escapes_html(db_url):
    evil = Article(published=date(2025, 1, 1), title="Uji <script>alert(1)</script>", body=["Teks <b>tebal</b> uji."])
    with open_store(db_url) as store:
        store.ingest([evil])
        hit = store.search("uji").hits[0]
    assert "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html


def test_total_and_paging(store):
    first = store.search("pasukan OR rupiah OR pemimpin", limit=2)
    second = store.search("pasukan OR rupiah OR pemimpin", limit=2, offset=2)
    assert first.total == 4 and len(first.hits) == 2 and len(second.hits) == 2
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


@pytest.mark.parametrize("query,message", [
    ('"pasukan khusus', "unbalanced quote at position 1"),
    ('Putin "bertemu', "unbalanced quote at position 7"),
    ("OR Putin", "OR at position 1"),
    ("Putin OR", "OR at position 7"),
    ("Putin OR OR Kim", "OR at position"),
    ("AND", "AND at position 1"),
    ("-", "not a word"),
    ("Putin NOT", "NOT/- at position 7"),
    ("-Putin", "only excludes"),
    ("", "empty"),
    ("   ", "empty"),
    ('""', "empty phrase"),
    ("*", "not a word"),
])
def test_malformed_queries_give_clear_errors(store, query, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        store.search(query)


def test_parse_keeps_terms_and_stems():
    parsed = parse('Rusia OR Moskow -Ukraina "pasukan khusus" pertemuan')
    assert [[t.text for t in clause] for clause in parsed.clauses] == [["Rusia", "Moskow"], ["pasukan khusus"], ["pertemuan"]]
    assert parsed.clauses[2][0].tokens == ("temu",)
    assert parsed.clauses[1][0].phrase and parsed.clauses[1][0].tokens == ("pasukan", "khusus")
    assert [t.text for t in parsed.excluded] == ["Ukraina"]
