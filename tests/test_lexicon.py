"""The one reader of language data: tables and word sets, and the errors a bad file gives."""

import ast
import re
from pathlib import Path

import pytest

from warta import lexicon


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


# -- no language data left in code ----------------------------------------------------------

#: Modules whose word sets another change moves into lexicons/ (removed once it lands).
#: Constants whose words are warta's or Universal Dependencies' labels, not Indonesian.
NOT_LANGUAGE = {"MODALITY_ORDER", "NAME_RELATIONS", "SHARED_SUBJECT",
                "FIELD_NAMES"}  # the JSON keys scrapers use for an article's fields
#: Five or more lower-case words joined by `|` inside a string, one of them of five letters or more: a regex
#: built from a word list. Alternations of short pieces only (affixes `me|ber|meng`, codes `idr|usd`) are
#: regex structure.
WORD_ALTERNATION = re.compile(r"(?<![\w\\])[a-z][a-z-]*(?:\|[a-z][a-z-]*){4,}(?![\w])")
LONG_WORD = re.compile(r"(?:^|\|)[a-z-]{5,}(?:\||$)")
WORD = re.compile(r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*)*")


def _word_literals(node: ast.AST):
    """(line, words) for each literal word list in `node`: a set/list/tuple of strings or `"...".split()`."""
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Set, ast.List, ast.Tuple)):
            words = [e.value for e in sub.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and WORD.fullmatch(e.value)]
            yield sub.lineno, words
        elif (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "split"
              and isinstance(sub.func.value, ast.Constant) and isinstance(sub.func.value.value, str)):
            yield sub.lineno, sub.func.value.value.split()


def _language_in_code(source: str) -> list[str]:
    found = []
    for statement in ast.parse(source).body:
        targets = (statement.targets if isinstance(statement, ast.Assign)
                   else [statement.target] if isinstance(statement, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and (t.id == "__all__" or t.id in NOT_LANGUAGE) for t in targets):
            continue
        if not isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)):
            continue
        for line, words in _word_literals(statement):
            if len(words) >= 5:
                found.append(f"line {line}: word set {words[:5]}...")
        for sub in ast.walk(statement):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                for match in WORD_ALTERNATION.finditer(sub.value):
                    if LONG_WORD.search(match.group()):
                        found.append(f"line {sub.lineno}: regex alternation {match.group()[:60]}")
    return found


def test_the_check_finds_word_sets_and_word_alternations():
    source = ('STOP = {"dan", "atau", "yang", "di", "ke"}\n'
              'PEOPLE = frozenset("orang warga jiwa nyawa penduduk".split())\n'
              'CUE = re.compile(r"\\b(?:kata|ujar|ucap|tutur|ungkap)\\b")\n'
              'LABELS = ("PER", "ORG", "LOC", "GPE", "MISC")\n'
              'FINAL = {".", "!", "?", "...", "?!"}\n')
    source += 'VERB = re.compile(r"^(?:me|ber|mem|men|meng|ter)[a-z]{3,}$")\n'
    assert [finding.split(":")[0] for finding in _language_in_code(source)] == ["line 1", "line 2", "line 3"]


def test_no_word_lists_remain_in_nlp_code():
    """Indonesian word sets live in lexicons/ (read through warta.lexicon), not in module code."""
    package = Path(lexicon.__file__).parent
    modules = [module for folder in ("nlp", "search", "formats") for module in sorted((package / folder).glob("*.py"))]
    assert len(modules) > 20
    found = {f"{module.parent.name}/{module.name}": _language_in_code(module.read_text(encoding="utf-8"))
             for module in modules}
    assert not {name: lines for name, lines in found.items() if lines}
