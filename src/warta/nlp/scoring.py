"""The arithmetic every gold-set score shares."""

from __future__ import annotations

from typing import Any


def precision_recall_f1(correct_predicted: int, correct_gold: int, predicted: int, gold: int
                        ) -> tuple[float, float, float]:
    """Precision over predictions, recall over gold items, and their harmonic mean.

    The two correct counts differ under relaxed (overlap) matching, where one
    prediction can cover several gold items or the other way round.
    """
    precision = correct_predicted / predicted if predicted else 0.0
    recall = correct_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def by_article(items: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for item in items:
        out.setdefault(item["article"], []).append(item)
    return out


def score_extents(gold: list[dict], predicted: list[dict], checks: dict, mismatch_on: tuple[str, ...] | None = None,
                  relaxed_checks: dict | None = None) -> dict:
    """Extent scores for span annotations (times, counts), the same way for each.

    Items are dicts with `article`, `start`, `end`. Extents are scored exactly
    (same offsets) and relaxed (any overlap). Each of `checks` (name -> test of
    a gold and a predicted item) gives `<name>_accuracy` over the exact
    matches; an exact match failing any check named in `mismatch_on` (all by
    default) is listed in `mismatches`. Each of `relaxed_checks` gives
    `relaxed_<name>_accuracy`: gold items some overlapping prediction passes,
    over the gold items any prediction overlaps.
    """
    mismatch_on = tuple(checks) if mismatch_on is None else mismatch_on
    relaxed_checks = relaxed_checks or {}
    g_by, p_by = by_article(gold), by_article(predicted)
    exact = relaxed_g = relaxed_p = 0
    ok = dict.fromkeys(checks, 0)
    relaxed_ok = dict.fromkeys(relaxed_checks, 0)
    mismatches: list[tuple[dict, dict]] = []
    for article in set(g_by) | set(p_by):
        g_items, p_items = g_by.get(article, []), p_by.get(article, [])
        p_exact = {(p["start"], p["end"]): p for p in p_items}
        for g in g_items:
            p = p_exact.get((g["start"], g["end"]))
            if p is not None:
                exact += 1
                passed = {name: bool(check(g, p)) for name, check in checks.items()}
                for name, good in passed.items():
                    ok[name] += good
                if not all(passed[name] for name in mismatch_on):
                    mismatches.append((g, p))
            overlapping = [p for p in p_items if p["start"] < g["end"] and g["start"] < p["end"]]
            if overlapping:
                relaxed_g += 1
                for name, check in relaxed_checks.items():
                    relaxed_ok[name] += any(check(g, p) for p in overlapping)
        relaxed_p += sum(1 for p in p_items if any(p["start"] < g["end"] and g["start"] < p["end"] for g in g_items))

    precision, recall, f1 = precision_recall_f1(exact, exact, len(predicted), len(gold))
    rp, rr, rf = precision_recall_f1(relaxed_p, relaxed_g, len(predicted), len(gold))
    result: dict[str, Any] = {"gold": len(gold), "predicted": len(predicted), "exact_matches": exact,
              "precision": precision, "recall": recall, "f1": f1,
              "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf}
    for name, count in ok.items():
        result[f"{name}_accuracy"] = count / exact if exact else 0.0
    for name, count in relaxed_ok.items():
        result[f"relaxed_{name}_accuracy"] = count / relaxed_g if relaxed_g else 0.0
    result["mismatches"] = mismatches
    return result
