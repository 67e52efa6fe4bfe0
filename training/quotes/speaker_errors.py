"""List the dev quotes of the real-text gold whose speaker warta gets wrong or misses.

    PYTHONPATH=src python training/quotes/speaker_errors.py            # speaker errors and missed quotes
    PYTHONPATH=src python training/quotes/speaker_errors.py --missed   # missed gold quotes only
    PYTHONPATH=src python training/quotes/speaker_errors.py --spurious # predicted quotes no gold quote matches
    PYTHONPATH=src python training/quotes/speaker_errors.py --corpus 300  # unannotated IndoSum articles:
        # quotations of four words or more that no quote covers, and direct quotes with no speaker

Reads only the development articles (never the held-out part; `--corpus` skips
every annotated article) and prints, for
each error, the sentence around the quote, the gold speaker, warta's speaker
(as a gold key, through the mentions, the way `warta eval gold` scores it),
warta's canonical name for it and the cue.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.corpus import body_start  # noqa: E402
from warta.gold.score import QUOTE_MIN_OVERLAP, dev_articles, key_of_entities, predicted_mentions  # noqa: E402
from warta.nlp.evaluation import _overlap  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "real"


def context(text: str, start: int, end: int, width: int = 160) -> str:
    left = max(0, start - width)
    right = min(len(text), end + 60)
    return text[left:right].replace("\n", " / ")


def unannotated(count: int) -> None:
    """Quotations warta leaves out, and direct quotes it gives nobody, in `count` IndoSum articles no gold file has."""
    import json

    from warta.gold.corpus import article_of, default_corpus_path, read_records
    from warta.nlp.analysis import analyze
    from warta.nlp.quotes import _quotations

    index = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))
    annotated = {a["id"] for a in index["articles"]}
    seen = 0
    tally: Counter = Counter()
    for record in read_records(default_corpus_path()):
        if record["id"] in annotated:
            continue
        seen += 1
        if seen > count:
            break
        article = article_of(record)
        analysis = analyze(article)
        text = article.text
        covered = [(q.start, q.end) for q in analysis.quotes]
        for span in _quotations(text):
            words = text[span.start:span.end].split()
            if len(words) < 4 or any(s < span.end and span.start < e for s, e in covered):
                continue
            tally["quotation left out"] += 1
            print(f"== {record['id']} [left out]\n   {context(text, span.open_at, span.close_at + 1)}\n")
        for q in analysis.quotes:
            if q.kind == "direct" and q.speaker is None:
                tally["direct, no speaker"] += 1
                print(f"== {record['id']} [direct, no speaker] cue={q.cue}\n   {context(text, q.start, q.end)}\n")
    for name, number in tally.most_common():
        print(f"{number:4d}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missed", action="store_true", help="only gold quotes warta does not find")
    parser.add_argument("--spurious", action="store_true", help="only predicted quotes no gold quote matches")
    parser.add_argument("--kind", help="only gold quotes of this kind (direct, indirect, partial)")
    parser.add_argument("--corpus", type=int, metavar="N", help="N unannotated IndoSum articles instead of the gold")
    args = parser.parse_args()
    if args.corpus:
        unannotated(args.corpus)
        return
    classes: Counter = Counter()
    for gold, analysis in dev_articles(GOLD):
        article = gold.article
        first = body_start(article)
        keys = key_of_entities(gold.records["entities"], predicted_mentions(analysis, first))
        predicted = [q for q in analysis.quotes if q.start >= first]
        pairs = sorted(((_overlap((g["start"], g["end"]), (p.start, p.end)), i, j)
                        for i, g in enumerate(gold.records["quotes"]) for j, p in enumerate(predicted)),
                       reverse=True)
        match: dict[int, int] = {}
        used: set[int] = set()
        for share, i, j in pairs:
            if share >= QUOTE_MIN_OVERLAP and i not in match and j not in used:
                match[i] = j
                used.add(j)
        text = article.text
        if args.spurious:
            for j, p in enumerate(predicted):
                if j not in used:
                    classes["spurious"] += 1
                    print(f"== {article.id} [spurious {p.kind}] cue={p.cue} speaker={p.speaker}")
                    print(f"   {p.text[:200]}\n")
            continue
        for i, g in enumerate(gold.records["quotes"]):
            if args.kind and g["kind"] != args.kind:
                continue
            if i not in match:
                classes[f"missed {g['kind']}"] += 1
                print(f"== {article.id} [MISSED {g['kind']}] gold={g.get('speaker')} cue={g.get('cue')}")
                print(f"   {context(text, g['start'], g['end'])}\n")
                continue
            if args.missed:
                continue
            p = predicted[match[i]]
            got = keys.get(p.speaker_id) if p.speaker_id else None
            if got == g.get("speaker"):
                continue
            kind = "no speaker" if p.speaker_id is None else "unmapped entity" if got is None else "wrong speaker"
            classes[f"{kind} ({g['kind']})"] += 1
            print(f"== {article.id} [{kind}, {g['kind']}] gold={g.get('speaker')} predicted={got} "
                  f"name={p.speaker!r} cue={p.cue!r}")
            print(f"   {context(text, g['start'], g['end'])}\n")
    for name, count in classes.most_common():
        print(f"{count:4d}  {name}")


if __name__ == "__main__":
    main()
