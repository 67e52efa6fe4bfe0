"""Agreement between the two annotation passes of the real-text gold.

    python training/gold/agreement.py     # pass 1 (tests/gold/real) against pass 2 (tests/gold/real/pass2)

The second pass is scored as if it were a system's output against the first,
with the same matching as `warta eval gold`, so the F1 figures read as the
ceiling a system can be expected to reach on each layer. Identity keys of
the second pass are translated to the first pass's through the mentions they
share, since two annotators may spell one entity's key differently.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.annotations import load_gold  # noqa: E402
from warta.gold.score import b_cubed, score_events, score_mentions, score_quotes  # noqa: E402
from warta.nlp.scoring import score_extents  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "real"
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[\"“A-Z])|\n\n")


def sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def sentence_of(starts: list[int], offset: int) -> int:
    return max(s for s in starts if s <= offset)


def translate(first: list[dict], second: list[dict]) -> dict[str, str]:
    """Second-pass key -> first-pass key, by the majority over mentions with the same span."""
    by_span = {(m["start"], m["end"]): m["key"] for m in first}
    votes: dict[str, dict[str, int]] = {}
    for m in second:
        key = by_span.get((m["start"], m["end"]))
        if key:
            votes.setdefault(m["key"], {}).setdefault(key, 0)
            votes[m["key"]][key] += 1
    return {k: max(v, key=v.get) for k, v in votes.items()}


def main() -> None:
    second = {g.article.id: g for g in load_gold(GOLD, "all", annotator_dir="pass2")}
    first = [g for g in load_gold(GOLD, "all") if g.article.id in second]
    mention_pairs, quote_pairs, event_items, identity = [], [], [], []
    times_g, times_p, counts_g, counts_p = [], [], [], []
    for one in first:
        two = second[one.article.id]
        a, b = one.records, two.records
        keys = translate(a["entities"], b["entities"])

        def to_first(k, keys=keys):
            return keys.get(k, k) if k else None

        mention_pairs.append((a["entities"], b["entities"]))
        spans = {(m["start"], m["end"]): m["key"] for m in b["entities"]}
        identity += [(m["key"], spans[(m["start"], m["end"])])
                     for m in a["entities"] if (m["start"], m["end"]) in spans]
        quote_pairs.append((a["quotes"], [{**q, "speaker": to_first(q.get("speaker"))} for q in b["quotes"]]))
        starts = sentence_starts(one.article.text)
        gold_events = [{**e, "sentence": sentence_of(starts, e["trigger_start"])} for e in a["events"]]
        other_events = [{"type": e["type"], "sentence": sentence_of(starts, e["trigger_start"]),
                         "source": to_first(e.get("source")), "target": to_first(e.get("target")),
                         "date": e.get("date"), "date_source": "text"} for e in b["events"]]
        event_items.append((gold_events, other_events, one.article.published.isoformat()))
        for layer, g_out, p_out in (("times", times_g, times_p), ("counts", counts_g, counts_p)):
            g_out.extend({**r, "article": one.article.id} for r in a[layer])
            p_out.extend({**r, "article": one.article.id} for r in b[layer])
    times = score_extents(times_g, times_p, {"value": lambda g, p: g["value"] == p["value"]})
    counts = score_extents(counts_g, counts_p, {"value": lambda g, p: float(g["value"]) == float(p["value"])})
    result = {
        "articles": len(first),
        "entities (span+type) F1": score_mentions(mention_pairs)["all"]["f1"],
        "identity within article (B3) F1": b_cubed([(f"{g}", f"{p}") for g, p in identity])["f1"],
        "quotes extent F1": score_quotes(quote_pairs)["extent"]["f1"],
        "quotes speaker agreement": score_quotes(quote_pairs)["speaker_accuracy"],
        "times extent F1": round(times["f1"], 4),
        "times value agreement": round(times["value_accuracy"], 4),
        "counts extent F1": round(counts["f1"], 4),
        **{f"events {k} F1": v["f1"] for k, v in score_events(event_items).items()},
    }
    (GOLD / "agreement.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, value in result.items():
        print(f"{name:40s} {value}")


if __name__ == "__main__":
    main()
