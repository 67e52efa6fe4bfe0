"""Write training/ner/extra/articles.json: the extra articles whose events are annotated too.

    python training/ner/extra_index.py

With that index the folder is a second real-text gold for events, read by the gold's own scorer
(`warta eval gold training/ner/extra --part held-out`, README.md there), with a split of its own:
the first 80 articles `extra_sample.py` draws are its dev part (event rules may be written from
their errors, `training/events/event_errors.py --gold training/ner/extra`), the next 80 its
held-out part (only ever measured), and articles 161-580 its train part (trigger rows may be
counted from them, `training/events/trigger_stats.py`; `--part train`). Only files whose
`layers` name `events` are listed: for the others the events layer is not annotated, so an
empty list there would count every event warta finds as a false positive.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "extra"
#: The first DEV_ARTICLES of extra_sample.py's draw are the dev part for events, the next
#: HELD_OUT_ARTICLES the held-out part; the rest the train part.
DEV_ARTICLES = 80
HELD_OUT_ARTICLES = 80


def index() -> dict:
    sys.path.insert(0, str(HERE.parent))
    import extra_sample

    draw = extra_sample.sample(DEV_ARTICLES + HELD_OUT_ARTICLES)
    dev, held_out = set(draw[:DEV_ARTICLES]), set(draw[DEV_ARTICLES:])
    articles = []
    for path in sorted(HERE.glob("*.json")):
        if path.name == "articles.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if "events" in data.get("layers", ()):
            part = "dev" if data["article"] in dev else "held-out" if data["article"] in held_out else "train"
            articles.append({"id": data["article"], "group": "news", "part": part,
                             "published": data["published"], "published_from": "approx"})
    return {"corpus": "indosum-dev", "articles": articles}


if __name__ == "__main__":
    (HERE / "articles.json").write_text(json.dumps(index(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(index()['articles'])} articles with events")
