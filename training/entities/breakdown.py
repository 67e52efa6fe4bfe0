"""Entity mention errors on the development part of the real-text gold, counted by type and kind.

    python training/entities/breakdown.py [--examples N] [--label ORG] [--kind too_long]

Where `errors.py` lists every error, this counts them, so that rules are written
for the kinds of error that recur across articles rather than for one sentence.
Each gold or predicted mention that is not matched exactly (span and label)
falls into one kind:

- `label`: the span is right, the label wrong;
- `too_long` / `too_short` / `shifted`: a predicted mention of the same label
  overlaps the gold one with other boundaries (contains it, lies inside it,
  or crosses it); `split` when two or more predictions lie inside one gold
  mention, `merged` when one prediction covers two or more gold mentions;
- `boundary+label`: it overlaps a prediction of another label with other boundaries;
- `missed`: no prediction overlaps the gold mention;
- `spurious`: a prediction that overlaps no gold mention.

Counts are by the gold label (the predicted one for `spurious`) and by place:
`lead` (the first paragraph, which in a dateline story holds the dateline) or
`body`; the headline cases of `headlines.jsonl` are counted as `headline`.
Reads only `--part dev` articles and the headline cases, never the held-out part.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.annotations import headline_article, read_headlines  # noqa: E402
from warta.gold.corpus import body_start  # noqa: E402
from warta.gold.score import dev_articles, predicted_mentions  # noqa: E402

KINDS = ("label", "too_long", "too_short", "shifted", "split", "merged", "boundary+label", "missed", "spurious")
LABELS = ("PER", "ORG", "LOC")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def classify(expected: dict[tuple[int, int], str],
             predicted: dict[tuple[int, int], str]) -> list[tuple[str, str, tuple[int, int], str | None]]:
    """(kind, label, span, other label) for every unmatched gold mention and every spurious prediction."""
    rows: list[tuple[str, str, tuple[int, int], str | None]] = []
    for span, label in expected.items():
        if predicted.get(span) == label:
            continue
        if span in predicted:
            rows.append(("label", label, span, predicted[span]))
            continue
        near = [(p, lab) for p, lab in predicted.items() if _overlaps(p, span)]
        same = [p for p, lab in near if lab == label]
        if not near:
            rows.append(("missed", label, span, None))
        elif not same:
            rows.append(("boundary+label", label, span, near[0][1]))
        elif len(same) > 1:
            rows.append(("split", label, span, label))
        else:
            p = same[0]
            inside_gold = sum(1 for g in expected if _overlaps(g, p))
            if inside_gold > 1:
                kind = "merged"
            elif p[0] <= span[0] and p[1] >= span[1]:
                kind = "too_long"
            elif p[0] >= span[0] and p[1] <= span[1]:
                kind = "too_short"
            else:
                kind = "shifted"
            rows.append((kind, label, span, label))
    for span, label in predicted.items():
        if not any(_overlaps(span, g) for g in expected):
            rows.append(("spurious", label, span, None))
    return rows


def _place(text: str, start: int, offset: int) -> str:
    first_break = text.find("\n", offset)
    return "lead" if first_break < 0 or start < first_break else "body"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=0, help="print up to N examples of each listed kind")
    parser.add_argument("--label", choices=LABELS)
    parser.add_argument("--kind", choices=KINDS)
    args = parser.parse_args()
    table: Counter = Counter()
    places: Counter = Counter()
    examples: list[str] = []
    for gold, analysis in dev_articles(ROOT / "tests" / "gold" / "real"):
        text = gold.article.text
        offset = body_start(gold.article)
        predicted = {(p["start"], p["end"]): p["label"] for p in predicted_mentions(analysis, offset)}
        expected = {(g["start"], g["end"]): g["label"] for g in gold.records["entities"]}
        for kind, label, (start, end), _ in classify(expected, predicted):
            table[label, kind] += 1
            places[_place(text, start, offset), kind] += 1
            if (not args.kind or kind == args.kind) and (not args.label or label == args.label):
                got = [text[p[0]:p[1]] + "/" + lab for p, lab in predicted.items() if _overlaps(p, (start, end))]
                context = text[max(0, start - 45):end + 45].replace("\n", " ")
                examples.append(f"{kind:14} {label} {text[start:end]!r} -> {', '.join(got) or '-'}  …{context}…")
    for case in read_headlines(ROOT / "tests" / "gold" / "real" / "headlines.jsonl"):
        article = headline_article(case)
        from warta.nlp.analysis import analyze

        analysis = analyze(article)
        predicted = {(p["start"], p["end"]): p["label"] for p in predicted_mentions(analysis, 0, len(article.title))}
        expected = {(g["start"], g["end"]): g["label"] for g in case.get("entities", [])}
        for kind, label, (start, end), _ in classify(expected, predicted):
            places["headline", kind] += 1
            if (not args.kind or kind == args.kind) and (not args.label or label == args.label):
                examples.append(f"{kind:14} {label} {article.title[start:end]!r}  (headline) {article.title}")
    print("| label | " + " | ".join(KINDS) + " | all |")
    print("|---" * (len(KINDS) + 2) + "|")
    for label in LABELS:
        counts = [table[label, k] for k in KINDS]
        print(f"| {label} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    for place in ("lead", "body", "headline"):
        counts = [places[place, k] for k in KINDS]
        print(f"| *{place}* | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    if args.examples:
        by_kind: Counter = Counter()
        for line in examples:
            kind = line.split()[0]
            if by_kind[kind] < args.examples:
                print(line)
            by_kind[kind] += 1


if __name__ == "__main__":
    main()
