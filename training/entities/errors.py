"""List entity mention errors on the development part of the real-text gold.

    python training/entities/errors.py [--label ORG] [--kind missed|spurious|label]

Reads only `--part dev` articles (the held-out part is never listed: it is
the measure, not material for rules). Each line: the kind of error, the gold
and predicted label, the text and its sentence context.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.corpus import body_start  # noqa: E402
from warta.gold.score import dev_articles, predicted_mentions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", choices=["PER", "ORG", "LOC"])
    parser.add_argument("--kind", choices=["missed", "spurious", "label"])
    args = parser.parse_args()
    kinds: Counter = Counter()
    for gold, analysis in dev_articles(ROOT / "tests" / "gold" / "real"):
        text = gold.article.text
        predicted = {(p["start"], p["end"]): p["label"] for p in predicted_mentions(analysis,
                                                                                    body_start(gold.article))}
        expected = {(g["start"], g["end"]): g["label"] for g in gold.records["entities"]}
        rows = []
        for span, label in expected.items():
            if span not in predicted:
                rows.append(("missed", label, None, span))
            elif predicted[span] != label:
                rows.append(("label", label, predicted[span], span))
        rows += [("spurious", None, label, span) for span, label in predicted.items() if span not in expected]
        for kind, want, got, (start, end) in rows:
            if (args.kind and kind != args.kind) or (args.label and args.label not in (want, got)):
                continue
            kinds[kind] += 1
            context = text[max(0, start - 50):end + 50].replace("\n", " ")
            print(f"{kind:9} {want or '-':4} {got or '-':4} {text[start:end]!r:35} …{context}…")
    print(dict(kinds), file=sys.stderr)


if __name__ == "__main__":
    main()
