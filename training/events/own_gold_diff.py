"""Own-written event gold (tests/gold/events.jsonl): the sentences where warta's event types differ from the gold.

    python training/events/own_gold_diff.py            # where the types differ
    python training/events/own_gold_diff.py --actors   # where types or actors differ

Prints each such sentence with the gold types and warta's (type, source, target), to see what a
lexicon or rule change costs on the sentences we wrote.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.nlp import evaluation, load_cached  # noqa: E402


def main() -> None:
    actors = "--actors" in sys.argv
    path = ROOT / "tests" / "gold" / "events.jsonl"
    records = list(evaluation._jsonl(path))
    items = evaluation.event_items(load_cached(), path)
    for record, (gold, predicted) in zip(records, items):
        gold_types = Counter((g["type"], g.get("source"), g.get("target")) if actors else g["type"] for g in gold)
        predicted_types = Counter((p["type"], p["source"], p["target"]) if actors else p["type"] for p in predicted)
        if gold_types == predicted_types:
            continue
        print(f"> {record['sentence']}")
        print(f"  gold: {[(g['type'], g.get('source'), g.get('target')) for g in gold]}")
        print(f"  warta: {[(p['type'], p['source'], p['target']) for p in predicted]}")


if __name__ == "__main__":
    main()
