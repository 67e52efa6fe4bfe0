"""The one reader of language data: tables and word sets, and the errors a bad file gives."""

import pytest

from warta.nlp import lexicon


def test_word_set_is_read_from_its_file_without_comments():
    negations = lexicon.words("negations")
    assert {"tidak", "belum"} <= negations
    assert not any(word.startswith("#") for word in negations)


def test_table_rows_are_keyed_by_header():
    rows = lexicon.table("roles.tsv")
    assert rows and {"title", "example"} <= set(rows[0])


def test_missing_file_is_named():
    with pytest.raises(lexicon.LexiconError, match="words/no_such_set.txt"):
        lexicon.words("no_such_set")


def test_row_with_wrong_field_count_names_file_and_row(tmp_path, monkeypatch):
    bad = tmp_path / "lexicons"
    bad.mkdir()
    (bad / "bad.tsv").write_text("# comment\nword\tkind\nsatu\tA\ndua\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "path", lambda name: bad / name)
    lexicon.table.cache_clear()
    with pytest.raises(lexicon.LexiconError, match=r"bad.tsv: data row 3 has 1 fields, expected 2"):
        lexicon.table("bad.tsv")
    lexicon.table.cache_clear()


def test_every_word_set_file_is_distinct():
    """No set is defined twice under two names."""
    folder = lexicon.path("words")
    seen: dict[frozenset[str], str] = {}
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".txt"):
            continue
        content = lexicon.words(file.name[:-4])
        assert content, f"{file.name} is empty"
        assert content not in seen, f"{file.name} repeats {seen.get(content)}"
        seen[content] = file.name
