"""Write training/ner/extra/articles.json: the extra articles whose events are annotated too.

    python training/ner/extra_index.py

With that index the folder is a second real-text test set for events, read by the gold's own
scorer (`warta eval gold training/ner/extra --part all`, README.md there). Only files whose
`layers` name `events` are listed: for the others the events layer is not annotated, so an
empty list there would count every event warta finds as a false positive.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent / "extra"


def index() -> dict:
    articles = []
    for path in sorted(HERE.glob("*.json")):
        if path.name == "articles.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if "events" in data.get("layers", ()):
            articles.append({"id": data["article"], "group": "news", "part": "extra",
                             "published": data["published"], "published_from": "approx"})
    return {"corpus": "indosum-dev", "articles": articles}


if __name__ == "__main__":
    (HERE / "articles.json").write_text(json.dumps(index(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(index()['articles'])} articles with events")
