"""The full pipeline's entity errors on an IOB dev set (idner-news-2k dev by default), counted by kind.

    python training/entities/idner_errors.py [FILE] [--label ORG] [--examples N]

The same kinds as `breakdown.py` (label, too_long, too_short, ..., missed,
spurious) on token spans, so that a change made for the real-text gold can be
checked against news annotated by others: a fix that helps both is more likely
to be general. GPE counts as O, as `warta eval ner --gpe-as O` scores idner.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from breakdown import KINDS, LABELS, classify  # noqa: E402

from warta.nlp import load_cached  # noqa: E402
from warta.nlp.evaluation import predict, read_iob  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "ner" / "idner-news-2k" / "dev.tsv"


def spans(tags: list[str]) -> dict[tuple[int, int], str]:
    out, start, label = {}, None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I-"):
            out[start, i] = label
            start = None
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--label", choices=LABELS)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    sentences = list(read_iob(args.file))
    predicted = predict(load_cached(), sentences, gpe_as="O")
    table: Counter = Counter()
    shown: Counter = Counter()
    for sentence, tags in zip(sentences, predicted):
        got = spans(tags)
        for kind, label, (start, end), _ in classify(spans(sentence.tags), got):
            table[label, kind] += 1
            if args.examples and (not args.label or label == args.label) and shown[kind] < args.examples:
                shown[kind] += 1
                near = [" ".join(sentence.words[a:b]) + "/" + lab
                        for (a, b), lab in got.items() if a < end and start < b]
                print(f"{kind:14} {label} {' '.join(sentence.words[start:end])!r} -> {', '.join(near) or '-'}  …"
                      + " ".join(sentence.words[max(0, start - 6):end + 6]) + "…")
    print("| label | " + " | ".join(KINDS) + " | all |")
    print("|---" * (len(KINDS) + 2) + "|")
    for label in LABELS:
        counts = [table[label, k] for k in KINDS]
        print(f"| {label} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")


if __name__ == "__main__":
    main()
