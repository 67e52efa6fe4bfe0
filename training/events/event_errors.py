"""List, for each development article of the real-text gold, the gold events beside warta's events.

    WARTA_SHARED=/work/shared python training/events/event_errors.py            # every dev article with a difference
    WARTA_SHARED=/work/shared python training/events/event_errors.py --summary  # only the tallies of error classes
    WARTA_SHARED=/work/shared python training/events/event_errors.py --article 1473294607
    WARTA_SHARED=/work/shared python training/events/event_errors.py --gold training/ner/extra  # its dev part
    WARTA_SHARED=/work/shared python training/events/event_errors.py --gold training/ner/extra --part train

Reads only the development articles, or the extra set's train part (never a held-out part). Events are
matched the way `warta eval gold` matches them (one to one within a sentence,
type first, then actors, then date); for each sentence that has gold or
predicted events it prints the sentence, the gold events (type, source,
target, date, modality, trigger) and warta's (type, source, target, date and
where the date came from, modality, trigger), marking each `ok` (type, actors
and date right), `actors` (type right, actors wrong), `date` (type and actors
right, date wrong), `missed` or `spurious`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.annotations import load_gold  # noqa: E402
from warta.gold.corpus import body_start  # noqa: E402
from warta.gold.score import (  # noqa: E402
    _actor_key,
    _keys_by_name,
    _same_actors,
    _same_date,
    _sentence_of,
    analyse_in_store,
    key_of_entities,
    predicted_mentions,
    scored_events,
)

GOLD = ROOT / "tests" / "gold" / "real"


def match(gold: list[dict], predicted: list[dict], published: str) -> dict[int, tuple[int, str]]:
    """gold index -> (predicted index, how good): best level first, one to one within a sentence."""
    levels = [
        ("ok", lambda g, p: g["type"] == p["type"] and _same_actors(g, p) and _same_date(g, p, published)),
        ("date", lambda g, p: g["type"] == p["type"] and _same_actors(g, p)),
        ("actors", lambda g, p: g["type"] == p["type"]),
        ("type", lambda g, p: True),
    ]
    found: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    for name, same in levels:
        for i, g in enumerate(gold):
            if i in found:
                continue
            for j, p in enumerate(predicted):
                if j not in used and p["sentence"] == g["sentence"] and same(g, p):
                    found[i] = (j, name)
                    used.add(j)
                    break
    return found


def paired(gold, analysis, by_type: bool = False) -> tuple[list[dict], list[dict], dict[int, tuple[int, str]]]:
    """One article's gold events and warta's (as the scorer sees them: body only, gold keys for actors,
    scored modalities), and `match`'s pairing of the two; `by_type` pairs them by type alone, as if
    warta had named no actor and no date (how often a trigger's type is right, whatever its actors)."""
    article = gold.article
    first = body_start(article)
    keys = key_of_entities(gold.records["entities"], predicted_mentions(analysis, first))
    by_name = _keys_by_name(gold.records)
    gold_events = [{**e, "sentence": _sentence_of(analysis, e["trigger_start"])} for e in gold.records["events"]]
    predicted = [{"type": e.type, "sentence": e.sentence_start, "source": _actor_key(e.source, keys, by_name),
                  "target": _actor_key(e.target, keys, by_name), "date": e.date, "date_source": e.date_source,
                  "modality": e.modality, "trigger": e.trigger, "sentence_end": e.sentence_end}
                 for e in scored_events(analysis, first)]
    blind = [{**p, "source": None, "target": None, "date": None, "date_source": "none"} for p in predicted] \
        if by_type else predicted
    return gold_events, predicted, match(gold_events, blind, article.published.isoformat())


def short(key: str | None) -> str:
    return key or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="only the tallies")
    parser.add_argument("--article", help="only this article id (prefix)")
    parser.add_argument("--kind", help="only errors of this kind (missed, spurious, actors, date, type)")
    parser.add_argument("--gold", type=Path, default=GOLD,
                        help="a gold folder with articles.json (default tests/gold/real); its dev part only")
    parser.add_argument("--part", choices=("dev", "train"), default="dev",
                        help="dev (default) or the extra set's train part; never the held-out part")
    args = parser.parse_args()
    golds = load_gold(args.gold, args.part)
    if args.article:
        golds = [g for g in golds if g.article.id.startswith(args.article)]
    analyses = analyse_in_store([g.article for g in golds])
    tally: Counter = Counter()
    by_type: Counter = Counter()
    for gold in golds:
        article = gold.article
        analysis = analyses[article.id]
        published = article.published.isoformat()
        gold_events, predicted, found = paired(gold, analysis)
        matched = {j for j, _ in found.values()}
        lines: dict[int, list[str]] = {}
        for i, g in enumerate(gold_events):
            j, how = found.get(i, (None, "missed"))
            tally[how] += 1
            if how != "ok":
                by_type[(how, g["type"])] += 1
            if args.kind and how != args.kind:
                continue
            mark = "ok " if how == "ok" else how.upper()
            line = (f"  G {mark:8s} {g['type']:9s} {short(g.get('source')):38s} -> {short(g.get('target')):38s} "
                    f"{g.get('date') or '-':10s} {g.get('modality', ''):9s} [{g['trigger']}]")
            if j is not None:
                p = predicted[j]
                line += (f"\n    P          {p['type']:9s} {short(p['source']):38s} -> {short(p['target']):38s} "
                         f"{p['date'] or '-':10s} {p['date_source']:9s} {p['modality']} [{p['trigger']}]")
            lines.setdefault(g["sentence"], []).append(line)
        for j, p in enumerate(predicted):
            if j in matched:
                continue
            tally["spurious"] += 1
            by_type[("spurious", p["type"])] += 1
            if args.kind and args.kind != "spurious":
                continue
            lines.setdefault(p["sentence"], []).append(
                f"  P SPURIOUS {p['type']:9s} {short(p['source']):38s} -> {short(p['target']):38s} "
                f"{p['date'] or '-':10s} {p['date_source']:9s} {p['modality']} [{p['trigger']}]")
        if args.summary or not lines:
            continue
        if all("G ok" in line for block in lines.values() for line in block):
            continue
        text = article.text
        print(f"=== {article.id} (published {published})")
        for start in sorted(lines):
            sentence = next((s for s in analysis.sentences if s.start == start), None)
            said = text[start:sentence.end] if sentence is not None else "?"
            print(f"  > {said.strip()[:400]}")
            print("\n".join(lines[start]))
        print()
    gold_n = sum(v for k, v in tally.items() if k != "spurious")
    print(f"gold events {gold_n}: " + ", ".join(f"{k} {v}" for k, v in tally.most_common()))
    for (how, kind), n in sorted(by_type.items(), key=lambda x: -x[1])[:30]:
        print(f"{n:4d}  {how:8s} {kind}")


if __name__ == "__main__":
    main()
