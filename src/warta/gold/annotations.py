"""Reading and validating the real-text gold annotation files.

One JSON file per article (format in docs/annotation.md). Annotators may
write a record with its `text` and `n` (the 0-based occurrence of that string
in the article) instead of offsets; `resolve` turns those into `start`/`end`
so that the committed files always hold exact offsets that are checked
against the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.gold.corpus import article_of, body_start, default_corpus_path, records_by_id
from warta.model import Article
from warta.vocabulary import ENTITY_LABELS
from warta.vocabulary import EVENT_TYPES as VOCABULARY_EVENT_TYPES
from warta.vocabulary import QUOTE_KINDS as VOCABULARY_QUOTE_KINDS

GOLD_DIR = Path(__file__).resolve().parents[3] / "tests" / "gold" / "real"

#: The gold's entity labels: warta's without GPE (a state is LOC in the gold, see docs/annotation.md).
LABELS = set(ENTITY_LABELS) - {"GPE"}
QUOTE_KINDS = set(VOCABULARY_QUOTE_KINDS)
TIME_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TIME_MODS = {"START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
             "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}
EVENT_TYPES = set(VOCABULARY_EVENT_TYPES)
MODALITIES = {"asserted", "intended", "requested", "negated", "reported"}
LAYERS = ("entities", "quotes", "times", "counts", "events")


@dataclass
class GoldArticle:
    """One annotated article: its text (rebuilt from the corpus) and its records per layer."""

    article: Article
    part: str
    group: str
    records: dict[str, list[dict]] = field(default_factory=dict)


def load_texts(ids: set[str], corpus: Path | None = None) -> dict[str, str]:
    records = records_by_id(corpus or default_corpus_path(), ids)
    return {i: article_of(r).text for i, r in records.items()}


def _resolve_span(record: dict, text: str, start_key: str, end_key: str, text_key: str) -> str | None:
    """Fill `start_key`/`end_key` from `text_key` (+ `n`), or say why not."""
    snippet = record.get(text_key)
    if not isinstance(snippet, str) or not snippet:
        return f"no {text_key!r}"
    if start_key not in record or record[start_key] is None:
        hits, at = [], text.find(snippet)
        while at >= 0:
            hits.append(at)
            at = text.find(snippet, at + 1)
        if not hits:
            return f"{snippet!r} does not occur in the text"
        n = record.pop("n", None)
        if n is None and len(hits) > 1:
            return f"{snippet!r} occurs {len(hits)} times: give 'n' (0-based occurrence)"
        n = n or 0
        if not 0 <= n < len(hits):
            return f"{snippet!r} has only {len(hits)} occurrences, n={n}"
        record[start_key], record[end_key] = hits[n], hits[n] + len(snippet)
    record.pop("n", None)
    start, end = record.get(start_key), record.get(end_key)
    if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != snippet:
        return f"offsets [{start}, {end}) do not cover {snippet!r}"
    return None


def _key_problem(value: Any, what: str, labels: set[str] = LABELS) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or ":" not in value or value.split(":", 1)[0] not in labels:
        return f"{what} {value!r} is not a key like 'PER:Full Name'"
    return None


def validate(data: dict, text: str, title_annotated: bool = False) -> list[str]:
    """Problems with one annotation file (offsets filled in where `text`+`n` allow).

    Corpus articles have a placeholder title that must hold no annotation;
    headline cases (`title_annotated`) are annotated in their title only.
    """
    problems: list[str] = []
    first = len(text) - len(text.split("\n\n", 1)[-1]) if "\n\n" in text else 0

    def where(layer: str, i: int, record: dict) -> str:
        return f"{layer}[{i}] {record.get('text') or record.get('trigger')!r}"

    for layer in LAYERS:
        for i, record in enumerate(data.get(layer, [])):
            if layer == "events":
                problem = _resolve_span(record, text, "trigger_start", "trigger_end", "trigger")
            else:
                problem = _resolve_span(record, text, "start", "end", "text")
            checks: list[str | None] = [problem]
            start = record.get("trigger_start" if layer == "events" else "start")
            if isinstance(start, int) and not title_annotated and start < first:
                checks.append("lies in the placeholder title")
            if isinstance(start, int) and title_annotated and start >= first:
                checks.append("headline cases are annotated in the title only")
            if layer == "entities":
                checks.append(None if record.get("label") in LABELS else f"label {record.get('label')!r}")
                key_problem = _key_problem(record.get("key"), "key") or (None if record.get("key") else "no key")
                checks.append(key_problem)
                if not key_problem and record.get("label") and not record["key"].startswith(record["label"] + ":"):
                    checks.append(f"key {record['key']!r} does not start with its label {record['label']}")
            elif layer == "quotes":
                checks.append(None if record.get("kind") in QUOTE_KINDS else f"kind {record.get('kind')!r}")
                checks.append(_key_problem(record.get("speaker"), "speaker"))
            elif layer == "times":
                checks.append(None if record.get("type") in TIME_TYPES else f"type {record.get('type')!r}")
                checks.append(None if isinstance(record.get("value"), str) and record["value"]
                              else "no value")
                if record.get("mod") is not None and record["mod"] not in TIME_MODS:
                    checks.append(f"mod {record['mod']!r}")
            elif layer == "counts":
                checks.append(None if isinstance(record.get("value"), (int, float)) else "value is not a number")
            elif layer == "events":
                checks.append(None if record.get("type") in EVENT_TYPES else f"type {record.get('type')!r}")
                checks.append(_key_problem(record.get("source"), "source"))
                checks.append(_key_problem(record.get("target"), "target"))
                checks.append(_key_problem(record.get("place"), "place", {"LOC"}))
                modality = record.get("modality", "asserted")
                checks.append(None if modality in MODALITIES else f"modality {modality!r}")
            problems.extend(f"{where(layer, i, record)}: {p}" for p in checks if p)
    return problems


def check_file(path: Path, write: bool = False, corpus: Path | None = None) -> list[str]:
    """Validate one file against its article; with `write`, save the resolved offsets back."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [f"cannot read: {exc}"]
    article_id = data.get("article")
    texts = load_texts({article_id}, corpus) if article_id else {}
    if article_id not in texts:
        return [f"article {article_id!r} is not in the corpus"]
    problems = validate(data, texts[article_id])
    if write:
        for layer in LAYERS:
            key = "trigger_start" if layer == "events" else "start"
            data[layer] = sorted(data.get(layer, []), key=lambda r: (r.get(key) or 0))
        path.write_text(dump(data), encoding="utf-8")
    return problems


def dump(data: dict) -> str:
    """One record per line: diffs of a gold file stay readable."""
    lines = ["{"]
    head = [k for k in data if k not in LAYERS]
    for k in head:
        lines.append(f" {json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False)},")
    for n, layer in enumerate(LAYERS):
        items = data.get(layer, [])
        tail = "," if n < len(LAYERS) - 1 else ""
        if not items:
            lines.append(f" {json.dumps(layer)}: []{tail}")
            continue
        lines.append(f" {json.dumps(layer)}: [")
        for i, item in enumerate(items):
            lines.append("  " + json.dumps(item, ensure_ascii=False) + ("," if i < len(items) - 1 else ""))
        lines.append(f" ]{tail}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def load_gold(directory: Path, part: str = "all", corpus: Path | None = None,
              annotator_dir: str | None = None) -> list[GoldArticle]:
    """The annotated articles of `part` (dev, held-out or all), with their texts rebuilt.

    `annotator_dir` reads a second pass (a subfolder with files of the same names) instead of the main one.
    """
    index = json.loads((directory / "articles.json").read_text(encoding="utf-8"))
    chosen = {a["id"]: a for a in index["articles"] if part == "all" or a["part"] == part}
    folder = directory / annotator_dir if annotator_dir else directory
    files = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "articles.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("article") in chosen:
            files[data["article"]] = data
    records = records_by_id(corpus or default_corpus_path(), set(files))
    out = []
    for article_id, data in files.items():
        article = article_of(records[article_id])
        problems = validate(data, article.text)
        if problems:
            raise ValueError(f"{folder}/{article_id}.json: {problems[0]}")
        meta = chosen[article_id]
        out.append(GoldArticle(article, meta["part"], meta["group"], {k: data.get(k, []) for k in LAYERS}))
    return sorted(out, key=lambda g: g.article.external_id or "")


def headline_article(case: dict) -> Article:
    """The Article of one headline case: its title and the short body that names who is meant."""
    from datetime import date

    return Article(published=date.fromisoformat(case["published"]), title=case["title"], body=case["body"],
                   external_id=case["id"], format="jsonl")


def read_headlines(path: Path) -> list[dict]:
    """The headline cases of `headlines.jsonl`, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_headlines(path: Path, write: bool = False) -> list[str]:
    """Validate `headlines.jsonl` (one case a line); with `write`, save resolved offsets back."""
    problems, cases = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            text = headline_article(case).text
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"line {number}: {exc}")
            continue
        problems.extend(f"line {number} ({case.get('id')}): {p}" for p in validate(case, text, title_annotated=True))
        cases.append(case)
    if write:
        path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    return problems


__all__ = ["GoldArticle", "GOLD_DIR", "load_gold", "load_texts", "validate", "check_file", "check_headlines",
           "headline_article", "read_headlines", "dump", "body_start"]
