"""The arithmetic every gold-set score shares."""

from __future__ import annotations


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
