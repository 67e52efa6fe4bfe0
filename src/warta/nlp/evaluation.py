"""Scoring NER against gold IOB files, with seqeval's strict span semantics.

Accepted input: `TOKEN<TAB>TAG` or CoNLL-style columns (token first, tag
last), a blank line between sentences, `-DOCSTART-` lines ignored, CRLF
tolerated. Tag names from the common Indonesian data sets are mapped onto
warta's labels (see TAG_MAP); tags with no mapping count as O. A span that
starts with I- is read as if it started with B-, as seqeval's lenient mode
would, so that one sloppy tag does not cost two errors.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

TAG_MAP = {
    "PER": "PER", "PERSON": "PER", "PPL": "PER",
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "IND": "ORG",
    "LOC": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC",
}


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]


class EvalFileError(ValueError):
    pass


def read_iob(path: str | os.PathLike) -> Iterator[Sentence]:
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if words:
                    yield Sentence(words, _normalize(tags))
                    words, tags = [], []
                continue
            columns = line.split("\t") if "\t" in line else line.split()
            if len(columns) < 2:
                raise EvalFileError(f"{path}:{number}: expected TOKEN<TAB>TAG, got {line[:60]!r}")
            words.append(columns[0])
            tags.append(columns[-1].strip())
    if words:
        yield Sentence(words, _normalize(tags))


def _normalize(tags: list[str]) -> list[str]:
    out, previous = [], "O"
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            previous = "O"
            continue
        prefix, _, name = tag.partition("-")
        label = TAG_MAP.get(name.upper())
        if label is None or prefix.upper() not in ("B", "I"):
            out.append("O")
            previous = "O"
            continue
        if prefix.upper() == "I" and previous not in (f"B-{label}", f"I-{label}"):
            prefix = "B"
        tag = f"{prefix.upper()}-{label}"
        out.append(tag)
        previous = tag
    return out


def predict(nlp: Language, sentences: Iterable[Sentence], model_only: bool = False) -> list[list[str]]:
    """IOB tags the pipeline gives each gold-tokenized sentence."""
    components = [(name, proc) for name, proc in nlp.pipeline
                  if not model_only or name in ("tok2vec", "ner")]
    predicted = []
    for sentence in sentences:
        doc = Doc(nlp.vocab, words=sentence.words)
        for _, proc in components:
            doc = proc(doc)
        tags = ["O"] * len(doc)
        for span in doc.ents:
            label = TAG_MAP.get(span.label_, span.label_)
            if label not in ("PER", "ORG", "LOC"):
                continue
            tags[span.start] = f"B-{label}"
            for i in range(span.start + 1, span.end):
                tags[i] = f"I-{label}"
        predicted.append(tags)
    return predicted


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    report = classification_report(gold, predicted, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    per_type = {label: {"precision": round(v["precision"], 4), "recall": round(v["recall"], 4),
                        "f1": round(v["f1-score"], 4), "support": int(v["support"])}
                for label, v in report.items() if label in ("PER", "ORG", "LOC")}
    micro = report["micro avg"]
    return {"micro": {"precision": round(micro["precision"], 4), "recall": round(micro["recall"], 4),
                      "f1": round(micro["f1-score"], 4), "support": int(micro["support"])},
            "per_type": per_type}


def evaluate_files(nlp: Language, paths: list[str], model_only: bool = False) -> dict:
    sentences = [s for path in paths for s in read_iob(path)]
    predicted = predict(nlp, sentences, model_only)
    result = score([s.tags for s in sentences], predicted)
    result["sentences"] = len(sentences)
    result["tokens"] = sum(len(s.words) for s in sentences)
    return result
