"""Build tests/gold/event_pairs.jsonl from training/event_pairs/annotations.txt.

    PYTHONPATH=src python training/event_pairs/build.py

The working file names each event by its article and sentence index (the
sentences of warta.gold.event_pairs.sentences over the text of
warta.gold.corpus.article_of); the gold stores the sentence's offsets, so
it does not depend on the splitter once built. Needs ../shared (the corpus).
"""

from __future__ import annotations

import json
from pathlib import Path

from warta.gold.corpus import article_of, default_corpus_path, records_by_id
from warta.gold.event_pairs import GOLD, read_event_pairs, sentences, validate
from warta.gold.stories import read_pairs

HERE = Path(__file__).resolve().parent
STORIES = HERE.parents[1] / "tests" / "gold" / "stories" / "pairs.jsonl"


def _null(value: str) -> str | None:
    value = value.strip()
    return None if value == "-" else value


def main() -> None:
    records = records_by_id(default_corpus_path())
    story = {frozenset((p.a, p.b)): p.label for p in read_pairs(STORIES) if isinstance(p.b, str)}
    articles: dict[str, str] = {}
    events: dict[str, dict] = {}
    lines = []
    for raw in (HERE / "annotations.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, rest = line.split(" ", 1)
        if kind == "ART":
            alias, prefix = rest.split()
            articles[alias] = next(key for key in records if key.startswith(prefix))
        elif kind == "EV":
            head, *fields = rest.split("|")
            name, alias, index, type_ = head.split()
            article_id = articles[alias]
            text = article_of(records[article_id]).text
            start, end = sentences(text)[int(index)]
            source, target, place, date, modality = (_null(f) for f in fields)
            events[name] = {"article": article_id, "sentence": [start, end], "type": type_, "source": source,
                            "target": target, "place": place, "date": date, "modality": modality}
        elif kind == "PAIR":
            head, _, note = rest.partition("|")
            first, second, label = head.split()
            a, b = events[first], events[second]
            if a["article"] > b["article"]:
                a, b = b, a
            row = {"a": a["article"], "b": b["article"],
                   "story_label": story.get(frozenset((a["article"], b["article"]))),
                   "event_a": {k: v for k, v in a.items() if k != "article"},
                   "event_b": {k: v for k, v in b.items() if k != "article"},
                   "label": label}
            if note.strip():
                row["note"] = note.strip()
            lines.append(json.dumps(row, ensure_ascii=False))
    GOLD.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = {id_: article_of(records[id_]).text for id_ in {p.a for p in read_event_pairs(GOLD)} |
             {p.b for p in read_event_pairs(GOLD)}}
    problems = validate(read_event_pairs(GOLD), texts)
    print(f"{len(lines)} pairs written to {GOLD}; problems: {problems or 'none'}")


if __name__ == "__main__":
    main()
