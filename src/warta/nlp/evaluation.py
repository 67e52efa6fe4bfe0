"""Scoring NER against gold IOB files, with seqeval's strict span semantics.

Accepted input: `TOKEN<TAB>TAG` or CoNLL-style columns (token first, tag
last), a blank line between sentences, `-DOCSTART-` lines ignored, CRLF
tolerated. Tag names from the common Indonesian data sets are mapped onto
warta's labels (see TAG_MAP); tags with no mapping count as O. A span that
starts with I- is read as if it started with B-, as seqeval's lenient mode
would, so that one sloppy tag does not cost two errors.

warta tells a state named as a place (`LOC`: `di Rusia`) from a state named
as a political actor or attribute (`GPE`: `Rusia menolak`, `militer Israel`).
Gold sets have no such distinction, so `gpe_as` says what a predicted GPE
counts as: `LOC` where the gold set tags every state name a place (NERGrit,
NERP, most corpora; the default), `O` for idner-news-2k, which tags a state
LOC only where it is a place and leaves the actor uses untagged.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from warta.model import UNSCORED_MODALITIES
from warta.nlp.scoring import precision_recall_f1
from warta.vocabulary import SYMMETRIC_EVENT_TYPES

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


GPE_AS = ("LOC", "O")


def predict(nlp: Language, sentences: Iterable[Sentence], model_only: bool = False,
            gpe_as: str = "LOC") -> list[list[str]]:
    """IOB tags the pipeline gives each gold-tokenized sentence."""
    if gpe_as not in GPE_AS:
        raise ValueError(f"gpe_as must be one of {GPE_AS}, not {gpe_as!r}")
    components = [(name, proc) for name, proc in nlp.pipeline
                  if not model_only or name in ("tok2vec", "ner")]
    predicted = []
    for sentence in sentences:
        doc = Doc(nlp.vocab, words=sentence.words)
        for _, proc in components:
            doc = proc(doc)
        tags = ["O"] * len(doc)
        for span in doc.ents:
            label = gpe_as if span.label_ == "GPE" else TAG_MAP.get(span.label_, span.label_)
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


def evaluate_files(nlp: Language, paths: list[str], model_only: bool = False, gpe_as: str = "LOC") -> dict:
    sentences = [s for path in paths for s in read_iob(path)]
    predicted = predict(nlp, sentences, model_only, gpe_as)
    result = score([s.tags for s in sentences], predicted)
    result["sentences"] = len(sentences)
    result["tokens"] = sum(len(s.words) for s in sentences)
    result["gpe_as"] = gpe_as
    return result


# -- quotes ---------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap as a share of the shorter span."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shortest = min(a[1] - a[0], b[1] - b[0]) or 1
    return max(0, inter) / shortest


def _same_speaker(predicted: str | None, gold: str | None) -> bool:
    return bool(predicted and gold and predicted.casefold() == gold.casefold())


def score_quotes(gold: list[dict], predicted: list[dict], min_overlap: float = 0.5) -> dict:
    """Extent and attribution scores for quotes of the same articles.

    Records need `article`, `start`, `end`, `speaker` (name or None). A
    predicted quote matches a gold quote of the same article when they
    overlap by at least `min_overlap` of the shorter one (one-to-one, best
    overlap first). Attribution precision counts predicted quotes that name a
    speaker; attribution recall counts gold quotes that have one.
    """
    pairs = []
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            if p["article"] == g["article"]:
                share = _overlap((g["start"], g["end"]), (p["start"], p["end"]))
                if share >= min_overlap:
                    pairs.append((share, g_index, p_index))
    pairs.sort(reverse=True)
    used_gold, used_pred, matches = set(), set(), []
    for _, g_index, p_index in pairs:
        if g_index not in used_gold and p_index not in used_pred:
            used_gold.add(g_index)
            used_pred.add(p_index)
            matches.append((gold[g_index], predicted[p_index]))

    def prf(correct: int, predicted_n: int, gold_n: int) -> dict:
        p, r, f = precision_recall_f1(correct, correct, predicted_n, gold_n)
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "correct": correct,
                "predicted": predicted_n, "gold": gold_n}

    attributed_correct = sum(1 for g, p in matches if _same_speaker(p.get("speaker"), g.get("speaker")))
    return {
        "extent": prf(len(matches), len(predicted), len(gold)),
        "attribution": prf(attributed_correct, sum(1 for p in predicted if p.get("speaker")),
                           sum(1 for g in gold if g.get("speaker"))),
        "kind_accuracy": (round(sum(1 for g, p in matches if g["kind"] == p["kind"]) / len(matches), 4)
                          if matches else 0.0),
        "errors": [{"article": g["article"], "text": g["text"][:80], "gold": g.get("speaker"),
                    "predicted": p.get("speaker")} for g, p in matches
                   if not _same_speaker(p.get("speaker"), g.get("speaker")) and (g.get("speaker") or p.get("speaker"))],
    }


# -- events ---------------------------------------------------------------------


def _name(value) -> str:
    return (value or "").casefold().strip()


def _actors_match(gold: dict, predicted: dict) -> bool:
    g = (_name(gold.get("source")), _name(gold.get("target")))
    p = (_name(predicted.get("source")), _name(predicted.get("target")))
    if g == p:
        return True
    return gold["type"] in SYMMETRIC_EVENT_TYPES and g == (p[1], p[0])


def score_events(items: list[tuple[list[dict], list[dict]]]) -> dict:
    """Precision/recall of events per sentence, at three levels: type;
    type + actors (source and target names; either order for symmetric types);
    type + actors + date. `items` pairs the gold and predicted events of each
    sentence. Matching is one-to-one within a sentence."""
    levels = {
        "type": lambda g, p: g["type"] == p["type"],
        "type+actors": lambda g, p: g["type"] == p["type"] and _actors_match(g, p),
        "type+actors+date": lambda g, p: g["type"] == p["type"] and _actors_match(g, p)
        and (g.get("date") or None) == (p.get("date") or None),
    }
    result = {}
    gold_total = sum(len(g) for g, _ in items)
    predicted_total = sum(len(p) for _, p in items)
    for level, same in levels.items():
        correct = 0
        for gold, predicted in items:
            used: set[int] = set()
            for g in gold:
                for index, p in enumerate(predicted):
                    if index not in used and same(g, p):
                        used.add(index)
                        correct += 1
                        break
        precision, recall, f1 = precision_recall_f1(correct, correct, predicted_total, gold_total)
        result[level] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                         "correct": correct, "predicted": predicted_total, "gold": gold_total}
    return result


def _jsonl(path: str | os.PathLike) -> list[dict]:
    import json

    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_quotes(nlp: Language, gold_path: str | os.PathLike, corpus: list[str | os.PathLike]) -> dict:
    """Score quotes on a gold JSONL whose `article` fields are external ids of
    articles found under `corpus` (files or folders)."""
    from warta.formats import read_paths
    from warta.model import Article
    from warta.nlp.analysis import analyze

    gold = _jsonl(gold_path)
    wanted = {g["article"] for g in gold}
    predicted = []
    for article in read_paths(corpus):
        if isinstance(article, Article) and article.external_id in wanted:
            for q in analyze(article, nlp).quotes:
                predicted.append({"article": article.external_id, "start": q.start, "end": q.end, "text": q.text,
                                  "kind": q.kind, "speaker": q.speaker})
    result = score_quotes(gold, predicted)
    result["articles"] = len(wanted)
    return result


def event_items(nlp: Language, gold_path: str | os.PathLike, include=lambda record: True) -> list[tuple[list, list]]:
    """(gold events, predicted events) for each sentence of an events gold file.

    The sentence is analysed as the last paragraph of an article published on
    the record's date, after its `context` paragraph, so relative dates and
    pronouns resolve as they would in the news; only events whose trigger is in
    the sentence count.
    """
    from datetime import date

    from warta.model import Article
    from warta.nlp.analysis import analyze

    items = []
    for record in _jsonl(gold_path):
        if not include(record):
            continue
        body = [p for p in (record.get("context") or "", record["sentence"]) if p.strip()]
        article = Article(published=date.fromisoformat(record["published"]), title="Berita", body=body)
        analysis = analyze(article, nlp)
        start = article.text.rindex(record["sentence"].strip()[:40])
        predicted = [{"type": e.type, "source": e.source.name if e.source else None,
                      "target": e.target.name if e.target else None,
                      "date": e.date if e.date_source == "text" else None}
                     for e in analysis.events if e.trigger_start >= start and e.modality not in UNSCORED_MODALITIES]
        items.append((record["events"], predicted))
    return items


def held_out_record(record: dict) -> bool:
    """The fifth of an events gold set kept out of rule development: ids whose
    number divides by 5 (`ev005`, `sample10`)."""
    digits = "".join(ch for ch in str(record.get("id", "")) if ch.isdigit())
    return bool(digits) and int(digits) % 5 == 0


def evaluate_events(nlp: Language, gold_path: str | os.PathLike, include=lambda record: True) -> dict:
    items = event_items(nlp, gold_path, include)
    result = score_events(items)
    result["sentences"] = len(items)
    return result
