"""One bad file, line or article never stops an ingest: it becomes a named
reject, and the good input beside it is stored."""

from __future__ import annotations

import json
import os
import signal
import tempfile
from datetime import date
from pathlib import Path

import pytest

import warta_in_process
from conftest import ARTICLE
from warta.formats import expand_paths, read_file, read_paths
from warta.formats.wartatext import parse
from warta.ingest import _Lines, _tasks, read_prepared
from warta.model import Analysis, Article, Reject
from warta.nlp import load
from warta.nlp.analysis import MAX_ANALYSIS_CHARS, analyze, analyze_each, split_parts
from warta.search.index import PreparedArticle
from warta.store import open_store

#: `warta` in this process (Typer's runner) instead of a subprocess per command.
run_warta = warta_in_process.run_warta

GOOD = {"published": "2025-03-13", "title": "Banjir rendam rumah warga di Cianjur",
        "body": ["Banjir merendam ratusan rumah di Kabupaten Cianjur pada hari Rabu.",
                 "Warga mengungsi ke balai desa dan masjid terdekat."]}


def line(**changes) -> str:
    return json.dumps({**GOOD, **changes}, ensure_ascii=False)


def kinds(items) -> list[str]:
    return [i.reason if isinstance(i, Reject) else "article" for i in items]


@pytest.fixture(scope="module")
def nlp():
    return load()


# -- 1. long text and failing analysis -----------------------------------------

def test_text_over_max_length_is_analysed_in_parts_with_exact_offsets(nlp):
    base = parse(ARTICLE)
    one_line = " ".join(base.body) + " "
    article = Article(published=base.published, title=base.title, body=[one_line * 40] + base.body * 20)
    nlp.max_length = 5_000  # a real pipeline with a small limit stands in for a 1.5 MB article
    try:
        result = analyze(article, nlp)
    finally:
        nlp.max_length = 1_000_000
    assert len(article.text) > 4 * 5_000
    assert len(split_parts(article.text, 5_000)) > 5
    mentions = [m for e in result.entities for m in e.mentions]
    assert mentions and all(article.text[m.start:m.end] == m.text for m in mentions)
    assert all(article.text[q.start:q.end] == q.text for q in result.quotes)
    assert all(article.text[t.start:t.end] == t.text for t in result.times)
    assert sum("Asep Suryana" == m.text for m in mentions) >= 60  # every part was analysed
    ends = [s.end for s in result.sentences]
    assert ends == sorted(ends) and ends[-1] <= len(article.text)


def test_part_cuts_fall_on_paragraph_breaks_or_sentence_ends():
    text = "Warga mengungsi. " * 1000 + "\n\n" + "Hujan turun lagi. " * 10
    spans = split_parts(text, 2_000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(end - start <= 2_000 for start, end in spans)
    assert all(text[:end].endswith((". ", "\n\n")) for _, end in spans[:-1])
    assert split_parts("x" * 5_000, 2_000) == [(0, 2_000), (2_000, 4_000), (4_000, 5_000)]


@pytest.mark.slow
def test_article_of_one_and_a_half_megabytes_on_one_line_is_analysed(nlp):
    sentence = "Petugas BPBD Cianjur mengevakuasi 150 warga dari Desa Sukamaju pada hari Rabu. "
    article = Article(published=date(2025, 3, 13), title="Banjir", body=[sentence * (1_500_000 // len(sentence))])
    assert len(article.text) > nlp.max_length
    result = analyze(article, nlp)
    assert len(result.sentences) > 15_000


def test_failing_analysis_is_a_reject_and_the_batch_goes_on():
    nlp = load(ner=False)

    @nlp.component("fails_on_banjir_bandang")
    def fails(doc):
        if "bandang" in doc.text:
            raise ValueError("komponen gagal")
        return doc

    nlp.add_pipe("fails_on_banjir_bandang", first=True)
    articles = [parse(ARTICLE.replace("Banjir merendam", text)) for text in
                ("Banjir merendam", "Banjir bandang merendam", "Hujan merendam")]
    articles[1].path = "kiriman/banjir.txt"
    results = list(analyze_each(articles, nlp))
    assert [type(r).__name__ for r in results] == ["Analysis", "Reject", "Analysis"]
    assert results[1].reason == "analysis_failed" and results[1].path == "kiriman/banjir.txt"
    assert "ValueError: komponen gagal" in results[1].detail
    assert results[2].article is articles[2]


def test_too_long_article_is_stored_without_analysis_between_good_ones(write, db_path, run_warta):
    huge = "Warga mengungsi. " * (MAX_ANALYSIS_CHARS // 17 + 10)
    path = write("kiriman.jsonl", "\n".join([line(), line(title="Arsip", body=[huge]), line(title="Hujan reda")]))
    result = run_warta("ingest", str(path), "--json", "--workers", "1")
    summary = json.loads(result.stdout)
    assert summary["ingested"] == 3 and summary["rejected"] == 0 and summary["analysis_failed"] == 1
    with open_store(db_path) as store:
        rejects = list(store.rejects())
        assert [(r.path, r.reason) for r in rejects] == [(f"{path}#2", "too_long")]
        assert "stored without analysis" in rejects[0].detail
        assert len(list(store.unanalyzed())) == 1
    reanalysed = run_warta("reanalyze", "-q")
    assert "1 article could not be" in reanalysed.stdout and "Traceback" not in reanalysed.stderr
    with open_store(db_path) as store:
        assert [r.reason for r in store.rejects()] == ["too_long"]


# -- 2. hostile JSON ------------------------------------------------------------

def test_hostile_json_lines_are_named_rejects(write):
    lines = [
        line(),
        '{"published": "2025-03-13", "title": "Judul \\ud800 rusak", "body": ["Isi."]}',
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        line(title=12345),
        line(title=["Banjir", "Cianjur"]),
        line(body=[1, 2]),
        line(body={"p": "Isi"}),
        "1" * 5_000,
        line(title="Hujan reda"),
    ]
    items = list(read_file(write("rusak.jsonl", "\n".join(lines))))
    assert kinds(items) == ["article", "encoding", "bad_json", "bad_json", "bad_field", "bad_field", "bad_field",
                            "bad_field", "bad_json", "article"]
    assert "lone surrogate" in items[1].detail and "title" in items[1].detail
    assert "nested too deeply" in items[2].detail
    assert "'title' is int" in items[4].detail


def test_hostile_json_does_not_stop_an_ingest(write, db_path):
    path = write("rusak.jsonl", "\n".join([line(), "[" * 100_000, '{"title": "\\udfff", "published": "2025-03-13", '
                                           '"body": ["x"]}', line(title="Hujan reda")]))
    with open_store(db_path) as store:
        report = store.ingest(read_prepared([path], workers=1))
    assert (report.ingested, report.rejected) == (2, 2)


# -- 3. paths that cannot be read or walked ---------------------------------------

@pytest.fixture
def alarm():
    """Fail instead of hanging: a walk or read that blocks is the bug."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("timed out: the walk or read hangs"))
    signal.alarm(20)
    yield
    signal.alarm(0)


def test_double_star_glob_over_symlink_loops_ends(tmp_path, alarm):
    deep = tmp_path / "arsip" / "2025" / "03"
    deep.mkdir(parents=True)
    (deep / "001_1111111111111111.txt").write_text(ARTICLE)
    (deep / "naik").symlink_to("..")
    (deep / "akar").symlink_to(tmp_path / "arsip")
    (tmp_path / "arsip" / "putar").symlink_to("putar")  # a link to itself
    found = list(expand_paths([f"{tmp_path}/arsip/**/*.txt"]))
    assert found == [deep / "001_1111111111111111.txt"]
    # A folder walk does not follow them either; the self-link, a name without
    # suffix like warta text files, is read and rejected.
    walked = list(read_paths([tmp_path / "arsip"]))
    assert kinds(walked) == ["unreadable", "article"]
    assert walked[0].path.endswith("putar") and "symbolic links" in walked[0].detail


def test_path_whose_open_fails_is_an_unreadable_reject(tmp_path, alarm):
    """Root reads any file whatever its mode, so these are paths that fail for
    root too: a symbolic link to itself (ELOOP), a name over 255 bytes
    (ENAMETOOLONG), and a named pipe, which would block `open` forever."""
    loop = tmp_path / "putar.txt"
    loop.symlink_to(loop)
    pipe = tmp_path / "input" / "pipa.txt"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    (tmp_path / "input" / "001_1111111111111111.txt").write_text(ARTICLE)
    items = list(read_paths([loop, tmp_path / ("x" * 300 + ".txt"), tmp_path / "input"]))
    assert kinds(items) == ["unreadable", "unreadable", "article", "unreadable"]
    assert "symbolic links" in items[0].detail
    assert "too long" in items[1].detail
    assert items[3].path == str(pipe) and "not a regular file" in items[3].detail


def test_unreadable_folder_is_a_reject_and_its_neighbours_are_read(alarm):
    """chmod 000 does not stop root, so as root the walk runs in a child
    process that has given up root for `nobody` (uid 65534) first."""
    top = Path(tempfile.mkdtemp(prefix="warta-unreadable-"))
    try:
        top.chmod(0o755)
        (top / "terkunci").mkdir()
        (top / "terkunci" / "002_2222222222222222.txt").write_text(ARTICLE)
        (top / "terbuka").mkdir()
        (top / "terbuka" / "001_1111111111111111.txt").write_text(ARTICLE)
        (top / "terbuka" / "001_1111111111111111.txt").chmod(0o644)
        (top / "terbuka").chmod(0o755)
        (top / "terkunci").chmod(0)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                os.close(read)
                if os.geteuid() == 0:
                    os.setgid(65534)
                    os.setuid(65534)
                found = [(str(i.path), i.reason if isinstance(i, Reject) else "article", getattr(i, "detail", ""))
                         for i in read_paths([top])]
                os.write(write, json.dumps(found).encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            output = pipe.read()
        os.waitpid(child, 0)
        found = json.loads(output)
        assert [(Path(p).name, kind) for p, kind, _ in found] == [("001_1111111111111111.txt", "article"),
                                                                   ("terkunci", "unreadable")]
        assert "Permission denied" in found[1][2]
    finally:
        (top / "terkunci").chmod(0o755)
        import shutil

        shutil.rmtree(top)


# -- 5. encodings and dates ----------------------------------------------------------

def test_one_stray_byte_in_utf8_is_replaced_not_the_whole_file_redecoded(write):
    text = ARTICLE.replace("Asep Suryana", "José Ramos-Horta")
    data = text.encode("utf-8")
    at = data.index(b"mengungsi")
    path = write("satu-byte.txt", data[:at] + b"\x92" + data[at:])
    article = next(read_file(path))
    assert isinstance(article, Article), article
    assert "José Ramos-Horta" in article.text  # not JosÃ© as cp1252 would give
    assert "\ufffdmengungsi" in article.text and article.text.count("\ufffd") == 1


def test_utf16_with_bom_is_decoded(write):
    utf8 = next(read_file(write("utf8.txt", ARTICLE.replace("Asep", "José"))))
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        data = ARTICLE.replace("Asep", "José").encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        article = next(read_file(write(f"{encoding}.txt", data)))
        assert isinstance(article, Article), (encoding, article)
        assert article.id == utf8.id


def test_broken_utf16_is_an_encoding_reject_and_nul_anywhere_is_binary(write):
    broken = next(read_file(write("rusak16.txt", "\ufeffBanjir".encode("utf-16-le") + b"\x00\xd8" + b"A\x00")))
    assert broken.reason == "encoding" and "UTF-16" in broken.detail
    late_nul = next(read_file(write("nul.txt", ARTICLE.encode() * 20 + b"\x00" + ARTICLE.encode())))
    assert late_nul.reason == "binary" and "NUL" in late_nul.detail


@pytest.mark.parametrize("when", ["1899-12-31", f"{date.today().year + 2}-01-01"])
def test_publication_date_outside_1900_to_next_year_is_bad_date(write, when):
    text_reject = next(read_file(write("lama.txt", ARTICLE.replace("2025-03-13", when))))
    json_reject = next(read_file(write("lama.jsonl", line(published=when))))
    assert text_reject.reason == json_reject.reason == "bad_date"
    assert "outside 1900.." in text_reject.detail


def test_next_year_is_still_a_date(write):
    when = f"{date.today().year + 1}-01-01"
    assert isinstance(next(read_file(write("depan.txt", ARTICLE.replace("2025-03-13", when)))), Article)


# -- 8. stored articles are not analysed again ---------------------------------------

def test_stored_articles_are_passed_on_unanalysed(write):
    first, second = parse(ARTICLE), parse(ARTICLE.replace("150", "175"))
    path = write("dua.jsonl", "\n".join(json.dumps({**a.to_dict(), "body": a.body}) for a in (first, second)))
    items = list(read_prepared([path], workers=1, analyze=True, stored_ids={first.id}))
    assert type(items[0]) is Article and items[0].id == first.id
    assert isinstance(items[1], PreparedArticle) and isinstance(items[1].analysis, Analysis)


def test_reingest_reports_duplicates_and_keeps_the_analysis(write, db_path):
    path = write("001_1111111111111111.txt", ARTICLE)
    with open_store(db_path) as store:
        store.ingest(read_prepared([path], workers=1, analyze=True))
        before = store.analysis(parse(ARTICLE).id)
        report = store.ingest(read_prepared([path], workers=1, analyze=True, stored_ids=store.stored_ids()))
        assert (report.ingested, report.duplicates) == (0, 1)
        assert store.analysis(parse(ARTICLE).id).entities == before.entities
        assert store.stored_ids() == {parse(ARTICLE).id}


# -- 9. work is handed out by article -------------------------------------------------

def test_one_jsonl_file_is_handed_out_in_chunks_of_lines(write):
    path = write("banyak.jsonl", "\n".join(line(title=f"Berita nomor {i}") for i in range(100)))
    tasks = list(_tasks([str(path), str(write("001_1111111111111111.txt", ARTICLE))], 2_000_000, 32, 16))
    chunks = [t for t in tasks if isinstance(t, _Lines)]
    assert len(chunks) == 7 and [c.first_number for c in chunks] == list(range(1, 101, 16))
    assert sum(t.files_done for t in tasks) == 2


def test_an_error_in_a_worker_process_is_raised_in_the_process_that_stores():
    """A chunk that fails in a worker stops the ingest with that error; the other chunks still come back."""
    from warta.ingest import _Workers

    workers = _Workers(1, (2_000_000, False, frozenset(), {}, False))
    try:
        workers.submit(0, _Lines("rusak.jsonl", 1, None, last=True))  # type: ignore[arg-type]
        workers.submit(1, _Lines("baik.jsonl", 1, (line(title="Berita baik"),), last=True))
        assert [item.article.title for item in workers.get(1)] == ["Berita baik"]
        with pytest.raises(TypeError):
            workers.get(0)
    finally:
        workers.stop()


def test_many_articles_of_one_file_come_back_in_order_from_the_workers(write):
    lines = [line(title=f"Berita nomor {i}") if i % 50 else "{rusak" for i in range(1, 501)]
    path = write("banyak.jsonl", "\n".join(lines))
    serial = list(read_prepared([path], workers=1))
    parallel = list(read_prepared([path], workers=2))
    assert len(parallel) == 500 and kinds(parallel).count("bad_json") == 10
    assert [getattr(i, "path", None) or i.article.path for i in parallel] == \
           [getattr(i, "path", None) or i.article.path for i in serial] == [f"{path}#{n}" for n in range(1, 501)]
