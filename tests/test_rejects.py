"""Bad input becomes a Reject naming the file and the reason; never a crash."""

from __future__ import annotations

import pytest

from conftest import ARTICLE, EXAMPLES
from warta.formats import read_file, read_paths
from warta.model import Article, Reject


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t\n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("no_header.txt", ARTICLE.split("\n", 1)[1].encode(), "no_header"),
    ("bad_date.txt", ARTICLE.replace("2025-03-13", "2025-02-30").encode(), "bad_date"),
    ("header_only.txt", b" date 2025-03-13 NASIONAL\nBanjir rendam rumah\n", "no_body"),
    ("not_article.csv.txt", b"nama,harga\nberas,12000\ngula,15000\n", "no_header"),
    ("mojibake.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 40) + "é".encode("latin-1") * 50, "encoding"),
    ("controls.txt", (" date 2025-03-13 X\nJudul\n\n" + "\x01\x02\x03\x04" * 20).encode(), "binary"),
])
def test_bad_file_is_rejected_with_path_and_reason(write, name, content, reason):
    path = write(name, content)
    reject = only(read_file(path))
    assert isinstance(reject, Reject)
    assert reject.path == str(path)
    assert reject.reason == reason, reject.detail
    assert reject.detail


def test_too_large_file_is_rejected_before_reading(write):
    path = write("big.txt", ARTICLE + "Paragraf tambahan.\n\n" * 2000)
    reject = only(read_file(path, max_bytes=10_000))
    assert reject.reason == "too_large" and "10,000" in reject.detail


def test_missing_file_is_rejected(tmp_path):
    reject = only(read_paths([tmp_path / "tidak-ada.txt"]))
    assert reject.reason == "unreadable" and "tidak-ada.txt" in reject.path


def test_unreadable_file_is_rejected(tmp_path):
    folder_named_like_a_file = tmp_path / "001_1111111111111111.txt"
    folder_named_like_a_file.mkdir()
    reject = only(read_file(folder_named_like_a_file))
    assert reject.reason == "unreadable" and "cannot read" in reject.detail


@pytest.mark.parametrize("encoding,extra", [("cp1252", "150 personel – café"), ("latin-1", "150 personel, café")])
def test_legacy_encoding_is_decoded_not_rejected(write, encoding, extra):
    text = ARTICLE.replace("Asep Suryana", "José Ramos-Horta").replace("150 personel", extra)
    path = write("legacy.txt", text, encoding=encoding)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    article = only(read_file(path))
    assert isinstance(article, Article), article
    assert "José Ramos-Horta" in article.text and extra in article.text
    assert article.id == only(read_file(write("utf8.txt", text))).id


def test_bad_files_do_not_stop_the_good_ones(write):
    write("a/001_1111111111111111.txt", ARTICLE)
    write("a/002_bad.txt", b"\x00\x01binary")
    write("a/003_2222222222222222.txt", ARTICLE.replace("150", "175"))
    items = list(read_paths([write("a/x.txt", ARTICLE.replace("150", "99")).parent]))
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Article", "Article"]


def test_every_file_in_examples_bad_is_rejected():
    files = sorted(p for p in (EXAMPLES / "bad").iterdir() if p.suffix == ".txt")
    assert len(files) >= 6
    for path in files:
        items = list(read_file(path))
        assert items and all(isinstance(i, Reject) for i in items), (path, items)


def test_every_file_in_examples_corpus_is_read():
    files = sorted((EXAMPLES / "corpus").glob("*.txt"))
    assert len(files) >= 30
    for path in files:
        article = only(read_file(path))
        assert isinstance(article, Article), (path, article)
        assert article.external_id and article.section and len(article.body) >= 3
