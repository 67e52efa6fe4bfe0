"""How often each trigger row's events are right, on the annotated articles rules may be written from.

    WARTA_SHARED=/work/shared python training/events/row_precision.py              # rows with >= 4 events
    WARTA_SHARED=/work/shared python training/events/row_precision.py --min 2
    WARTA_SHARED=/work/shared python training/events/row_precision.py --show ancaman dikunjungi

Reads the extra set's train and dev parts and the real-text gold's dev part (never a held-out part),
analyses them as `warta eval gold` does and pairs warta's events with the gold ones the way its scorer
does (one to one within a sentence, type first). For each trigger form and type it prints how many
events warta coded and how many of them a gold event of that type matches, lowest share first: a row
that is rarely right is one to narrow with a not-event phrase or a context rule, or to drop. With
`--show`, it prints each event of the given trigger forms with its sentence, marked right or wrong.
`trigger_stats.py` is the other side: the gold trigger forms no row covers.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_errors import paired  # noqa: E402

from warta.gold.annotations import load_gold  # noqa: E402
from warta.gold.score import analyse_in_store  # noqa: E402

#: The annotated parts read: (gold folder, part).
PARTS = ((ROOT / "training" / "ner" / "extra", "train"), (ROOT / "training" / "ner" / "extra", "dev"),
         (ROOT / "tests" / "gold" / "real", "dev"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=4, help="only rows with at least this many events")
    parser.add_argument("--show", nargs="*", default=(), help="print each event of these trigger forms")
    args = parser.parse_args()
    shown = {form.lower() for form in args.show}
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for folder, part in PARTS:
        golds = load_gold(folder, part)
        analyses = analyse_in_store([g.article for g in golds])
        for gold in golds:
            _, predicted, found = paired(gold, analyses[gold.article.id], by_type=True)
            right = {j for j, how in found.values() if how != "type"}
            for j, event in enumerate(predicted):
                form = event["trigger"].lower()
                counts = tally[form, event["type"]]
                counts[0] += 1
                counts[1] += j in right
                if form in shown:
                    said = gold.article.text[event["sentence"]:event["sentence_end"]].replace("\n", " ")
                    print(f"{'right' if j in right else 'WRONG'} {event['trigger']} {event['type']} | {said[:300]}")
    if shown:
        return
    rows = [(form, kind, n, r) for (form, kind), (n, r) in tally.items() if n >= args.min]
    for form, kind, n, r in sorted(rows, key=lambda row: (row[3] / row[2], -row[2])):
        print(f"{r:4d} / {n:4d}  {r / n:.2f}  {kind:10s} {form}")


if __name__ == "__main__":
    main()
