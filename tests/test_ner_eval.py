"""`warta eval ner`: IOB files in, seqeval's strict span scores out.

Small gold files written here pin the reading and scoring rules; the scores on
the third-party dev sets run when `../shared/data` is present and guard the
shipped model against regressions.
"""

from __future__ import annotations

import json

import pytest

from conftest import SHARED, requires_shared
from warta.nlp import load_cached
from warta.nlp.evaluation import EvalFileError, Sentence, evaluate_files, predict, read_iob, score

IDNER_DEV = SHARED / "data" / "ner" / "idner-news-2k" / "dev.tsv"
NERGRIT_VALID = SHARED / "data" / "ner" / "nergrit" / "valid.tsv"

GOLD = """\
Presiden\tO
Joko\tB-PER
Widodo\tI-PER
tiba\tO
di\tO
Surabaya\tB-LOC
.\tO

Rusia\tO
menolak\tO
usulan\tO
PBB\tB-ORG
.\tO
"""


def test_reads_tab_and_conll_columns_with_crlf_and_docstart(tmp_path):
    path = tmp_path / "gold.conll"
    path.write_bytes(b"-DOCSTART- -X- O O\r\n\r\nKim NNP B-PERSON\r\nJong-un NNP I-PERSON\r\nke X O\r\n"
                     b"Moskow NNP B-PLACE\r\n")
    (sentence,) = read_iob(path)
    assert sentence.words == ["Kim", "Jong-un", "ke", "Moskow"]
    assert sentence.tags == ["B-PER", "I-PER", "O", "B-LOC"]


def test_tag_sets_are_mapped_and_unknown_types_count_as_o(tmp_path):
    path = tmp_path / "nerp.tsv"
    path.write_text("pertemuan\tB-EVT\nkpk\tB-IND\nbandung\tB-PLC\nandi\tI-PPL\n", encoding="utf-8")
    (sentence,) = read_iob(path)
    # EVT has no warta label; an I- that starts a span reads as B-
    assert sentence.tags == ["O", "B-ORG", "B-LOC", "B-PER"]


def test_a_line_without_a_tag_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text("Jakarta\tB-LOC\nhujan\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"broken\.tsv:2"):
        list(read_iob(path))


def test_strict_spans_a_partial_name_is_both_a_miss_and_a_false_alarm():
    gold = [["B-PER", "I-PER", "O"]]
    result = score(gold, [["B-PER", "O", "O"]])
    assert result["micro"]["precision"] == 0.0 and result["micro"]["recall"] == 0.0
    assert score(gold, gold)["micro"]["f1"] == 1.0


def test_a_state_as_actor_counts_as_loc_or_as_o_as_asked(tmp_path):
    """`Rusia menolak ...` is GPE for warta; idner leaves it O, NERGrit tags it a place."""
    nlp = load_cached()
    sentence = Sentence("Rusia menolak usulan PBB .".split(), ["B-LOC", "O", "O", "B-ORG", "O"])
    doc_labels = {e.text: e.label_ for e in nlp("Rusia menolak usulan PBB.").ents}
    assert doc_labels.get("Rusia") == "GPE"
    (as_loc,) = predict(nlp, [sentence], gpe_as="LOC")
    (as_o,) = predict(nlp, [sentence], gpe_as="O")
    assert as_loc[0] == "B-LOC" and as_o[0] == "O"
    with pytest.raises(ValueError):
        predict(nlp, [sentence], gpe_as="GPE")


def test_cli_prints_per_type_and_micro_scores_as_json(tmp_path, run_warta):
    path = tmp_path / "gold.tsv"
    path.write_text(GOLD, encoding="utf-8")
    result = json.loads(run_warta("eval", "ner", str(path), "--gpe-as", "O", "--json", db=False).stdout)
    assert set(result["micro"]) >= {"precision", "recall", "f1"}
    assert {"PER", "LOC", "ORG"} <= set(result["per_type"])
    assert result["gpe_as"] == "O"
    # the rules find all three names of this easy text
    assert result["micro"]["f1"] == 1.0, result


def test_cli_names_a_missing_file_and_a_bad_option(tmp_path, run_warta):
    missing = run_warta("eval", "ner", str(tmp_path / "nope.tsv"), check=False, db=False)
    assert missing.returncode != 0 and "nope.tsv" in missing.stderr + missing.stdout
    path = tmp_path / "gold.tsv"
    path.write_text(GOLD, encoding="utf-8")
    bad = run_warta("eval", "ner", str(path), "--gpe-as", "GPE", check=False, db=False)
    assert bad.returncode != 0 and "--gpe-as" in bad.stderr + bad.stdout


@requires_shared(IDNER_DEV)
def test_shipped_model_on_idner_dev_keeps_its_measured_scores():
    """Regression floor a little under the figures in docs/models/ner.md."""
    result = evaluate_files(load_cached(), [str(IDNER_DEV)], gpe_as="O")
    assert result["sentences"] == 367
    assert result["micro"]["f1"] >= 0.82, result  # measured 0.834 (0.854 before stage 3)
    # measured 0.736-0.932; ORG lost 0.036 when units of a party became one name (`Fraksi PKB`), where idner
    # tags the party alone, and 0.05 more with stage 3, which learnt warta's own conventions from real
    # articles and gained on them (docs/models/ner.md, "Stage 3")
    assert all(v["f1"] >= 0.72 for v in result["per_type"].values()), result


@requires_shared(NERGRIT_VALID)
def test_shipped_model_on_nergrit_valid_keeps_its_measured_scores():
    result = evaluate_files(load_cached(), [str(NERGRIT_VALID)], gpe_as="LOC")
    assert result["micro"]["f1"] >= 0.66, result  # measured 0.693
