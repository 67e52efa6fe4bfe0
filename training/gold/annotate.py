"""Tools for annotating the real-text gold by hand (docs/annotation.md).

    python training/gold/annotate.py show ID        # the article's canonical text, offsets at each line
    python training/gold/annotate.py check FILE...  # resolve `text`+`n` to offsets, validate, write back
    python training/gold/annotate.py keys           # identity keys used so far, with counts
    python training/gold/annotate.py check-headlines tests/gold/real/headlines.jsonl

Only the article text is shown: these tools never run warta's analysis, so
annotation stays blind to what warta finds.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.annotations import GOLD_DIR, check_file, check_headlines, load_texts  # noqa: E402


def show(article_id: str) -> None:
    text = load_texts({article_id})[article_id]
    offset = 0
    for line in text.split("\n"):
        print(f"{offset:6d} | {line}")
        offset += len(line) + 1


def keys() -> None:
    counts: Counter = Counter()
    for path in sorted(GOLD_DIR.glob("*.json")):
        if path.name == "articles.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        counts.update(e.get("key") for e in data.get("entities", []))
        counts.update(q.get("speaker") for q in data.get("quotes", []))
        for event in data.get("events", []):
            counts.update([event.get("source"), event.get("target"), event.get("place")])
    counts.pop(None, None)
    for key, n in sorted(counts.items()):
        print(f"{n:4d}  {key}")


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        show(argv[1])
        return 0
    if argv and argv[0] == "keys":
        keys()
        return 0
    if len(argv) == 2 and argv[0] == "check-headlines":
        problems = check_headlines(Path(argv[1]), write=True)
        print("\n".join(problems) or f"{argv[1]}: ok")
        return 1 if problems else 0
    if len(argv) >= 2 and argv[0] == "check":
        failed = 0
        for name in argv[1:]:
            problems = check_file(Path(name), write=True)
            for problem in problems:
                print(f"{name}: {problem}")
            failed += bool(problems)
            if not problems:
                print(f"{name}: ok")
        return 1 if failed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
