"""Count, on the extra set's train part, the gold trigger forms that no row of the trigger table is.

    WARTA_SHARED=/work/shared python training/events/trigger_stats.py            # forms seen in >= 2 articles
    WARTA_SHARED=/work/shared python training/events/trigger_stats.py --all      # every uncovered form

For each lower-cased gold trigger form (a suffix -nya dropped) of training/ner/extra's train
part (articles 161-580 of its draw) that is not itself a row of src/warta/lexicons/events.tsv, it
prints how many gold events have it, how often the form occurs in those articles at all (on word
boundaries), the share of its uses that are events, the number of articles it is an event in,
and its types. A form that is an event in at least two articles and in at least half of its
uses is a candidate row; the rows added from this list (tests/test_events.py,
TRAIN_PART_TRIGGERS) were then checked one by one against the PLOVER type and given an example
sentence of our own. Never reads a held-out part.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trigger_candidates import covered  # noqa: E402

from warta.gold.annotations import load_gold  # noqa: E402
from warta.nlp.events import lexicon  # noqa: E402

EXTRA = ROOT / "training" / "ner" / "extra"


def form(trigger: str) -> str:
    text = " ".join(trigger.lower().split())
    return text[:-3] if text.endswith("nya") and len(text) > 3 else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every uncovered form, not only candidates")
    args = parser.parse_args()
    rows = lexicon()
    golds = load_gold(EXTRA, "train")
    types: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for gold in golds:
        for event in gold.records["events"]:
            types[form(event["trigger"])][event["type"]] += 1
            articles[form(event["trigger"])].add(gold.article.id)
    texts = [gold.article.text.lower() for gold in golds]
    found = []
    for text, counted in types.items():
        if covered(text, rows) or len(text.split()) > 3:
            continue
        uses = sum(len(re.findall(r"(?<!\w)" + re.escape(text) + r"(?:nya)?(?!\w)", t)) for t in texts)
        events = sum(counted.values())
        share = events / max(uses, 1)
        if args.all or (len(articles[text]) >= 2 and share >= 0.5):
            found.append((events, text, uses, share, len(articles[text]), dict(counted)))
    print(f"{len(golds)} articles of the train part; events, uses, share, articles, form, types")
    for events, text, uses, share, n, counted in sorted(found, key=lambda f: (-f[0], f[1])):
        print(f"{events:4d} {uses:4d} {share:5.2f} {n:3d}  {text:30s} {counted}")


if __name__ == "__main__":
    main()
