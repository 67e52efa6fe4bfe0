"""List time-expression errors on the development part of the real-text gold.

    python training/times/errors.py [--kind missed|spurious|value]

Reads only `--part dev` articles (the held-out part is the measure, never
material for rules). Each line: the kind of error, gold and predicted value,
the expression and its context, and the article's publication date.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.corpus import body_start  # noqa: E402
from warta.gold.score import dev_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["missed", "spurious", "value"])
    args = parser.parse_args()
    kinds: Counter = Counter()
    for gold, analysis in dev_articles(ROOT / "tests" / "gold" / "real"):
        text = gold.article.text
        first = body_start(gold.article)
        predicted = {(t.start, t.end): t for t in analysis.times if t.start >= first}
        expected = {(g["start"], g["end"]): g for g in gold.records["times"]}
        rows = []
        for span, g in expected.items():
            p = predicted.get(span)
            if p is None:
                rows.append(("missed", span, g["value"], ""))
            elif p.value != g["value"]:
                rows.append(("value", span, g["value"], f"{p.value} ({p.anchor})"))
        rows += [("spurious", span, "", f"{t.value} ({t.anchor})") for span, t in predicted.items()
                 if span not in expected]
        for kind, (start, end), want, got in sorted(rows, key=lambda r: r[1]):
            kinds[kind] += 1
            if args.kind and kind != args.kind:
                continue
            context = text[max(0, start - 60):end + 30].replace("\n", " ")
            print(f"{kind:8} {want:22} {got:32} [{text[start:end]}]  …{context}…  "
                  f"(published {gold.article.published:%Y-%m-%d %a})")
    print(dict(kinds), file=sys.stderr)


if __name__ == "__main__":
    main()
