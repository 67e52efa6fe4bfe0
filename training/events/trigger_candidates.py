"""List the triggers of development gold events that no row of the trigger table covers.

    WARTA_SHARED=/work/shared python training/events/trigger_candidates.py          # trigger, type, count
    WARTA_SHARED=/work/shared python training/events/trigger_candidates.py --show   # with each sentence

Reads only the development articles of tests/gold/real (never the held-out part). A gold trigger
is covered when its lower-cased text (or that text without a suffix -nya) is a row of
src/warta/lexicons/events.tsv. What is left is a list of candidates for new rows: each still has
to be checked against the PLOVER type and given its own example sentence and test.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.annotations import load_gold  # noqa: E402
from warta.nlp.events import lexicon  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "real"


def covered(trigger: str, rows: dict) -> bool:
    text = " ".join(trigger.lower().split())
    return text in rows or (text.endswith("nya") and text[:-3] in rows)


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((i for i in (text.find(".", end), text.find("\n", end)) if i >= 0), default=len(text))
    return " ".join(text[left:right + 1].split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each gold sentence under its trigger")
    args = parser.parse_args()
    rows = lexicon()
    missing: dict[tuple[str, str], list[str]] = defaultdict(list)
    for gold in load_gold(GOLD, "dev"):
        text = gold.article.text
        for event in gold.records["events"]:
            if covered(event["trigger"], rows):
                continue
            key = (" ".join(event["trigger"].lower().split()), event["type"])
            missing[key].append(sentence_around(text, event["trigger_start"], event["trigger_end"]))
    for (trigger, kind), sentences in sorted(missing.items(), key=lambda x: (-len(x[1]), x[0])):
        print(f"{len(sentences):3d}  {kind:9s} {trigger}")
        if args.show:
            for sentence in sentences:
                print(f"       {sentence[:300]}")
    print(f"{sum(len(s) for s in missing.values())} gold events, {len(missing)} triggers not in the table")


if __name__ == "__main__":
    main()
