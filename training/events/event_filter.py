"""Whether a learned second look at warta's events could drop the wrong ones: a measurement, not a component.

    WARTA_SHARED=/work/shared python training/events/event_filter.py

Reads only the extra set's train part (never a held-out part). Each event warta codes there is labelled
right when a gold event of its type matches it (as `row_precision.py` pairs them) and described by what
the rules know when they code it: trigger form, type, voice, modality, which kinds of actor it has, where
its date came from, the two words on each side, whether its sentence quotes someone, whether it opens the
body. A logistic regression over these, cross-validated over five folds of articles, gives each event the
chance that it is right; the script prints, for thresholds from 0 to 0.5, how many events would be kept
and how many of them are right in type and in type and actors. Dropping an event helps only if the wrong
ones can be told from the right ones better than `row_precision.py`'s per-row shares already allow.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_errors import paired  # noqa: E402

from warta.gold.annotations import load_gold  # noqa: E402
from warta.gold.corpus import body_start  # noqa: E402
from warta.gold.score import analyse_in_store, scored_events  # noqa: E402

EXTRA = ROOT / "training" / "ner" / "extra"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5)


def _kind(actor) -> str:
    return "-" if actor is None else (actor.entity_id or "?").split(":")[0]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def features(event, text: str, body: int) -> dict[str, float]:
    """What the rules know about an event when they code it."""
    before = _words(text[max(event.sentence_start, event.trigger_start - 40):event.trigger_start])[-2:]
    after = _words(text[event.trigger_end:min(event.sentence_end, event.trigger_end + 40)])[:2]
    sentence = text[event.sentence_start:event.sentence_end]
    found = {f"trigger={event.trigger.lower()}": 1.0, f"type={event.type}": 1.0,
             f"trigger+type={event.trigger.lower()}|{event.type}": 1.0, f"mode={event.mode}": 1.0,
             f"modality={event.modality}": 1.0, f"date={event.date_source}": 1.0,
             f"actors={event.type}|{_kind(event.source)}|{_kind(event.target)}": 1.0,
             f"source={_kind(event.source)}": 1.0, f"target={_kind(event.target)}": 1.0,
             "quoted": float('"' in sentence or "“" in sentence), "opening": float(event.sentence_start <= body + 5)}
    found.update({f"before{i}={w}": 1.0 for i, w in enumerate(reversed(before))})
    found.update({f"after{i}={w}": 1.0 for i, w in enumerate(after)})
    return found


def main() -> None:
    golds = load_gold(EXTRA, "train")
    analyses = analyse_in_store([g.article for g in golds])
    rows, right, right_actors, groups = [], [], [], []
    for gold in golds:
        analysis = analyses[gold.article.id]
        body = body_start(gold.article)
        events = scored_events(analysis, body)
        _, _, by_type = paired(gold, analysis, by_type=True)
        _, _, by_actors = paired(gold, analysis)
        typed = {j for j, how in by_type.values() if how != "type"}
        acted = {j for j, how in by_actors.values() if how in ("ok", "date")}
        for j, event in enumerate(events):
            rows.append(features(event, gold.article.text, body))
            right.append(j in typed)
            right_actors.append(j in acted)
            groups.append(gold.article.id)
    x = DictVectorizer().fit_transform(rows)
    y, y_actors = np.array(right), np.array(right_actors)
    chance = np.zeros(len(rows))
    for train, test in GroupKFold(5).split(x, y, groups):
        chance[test] = LogisticRegression(C=1.0, max_iter=2000).fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    print(f"{len(rows)} events, {y.sum()} right in type, {y_actors.sum()} in type and actors; gold events: "
          f"{sum(len(g.records['events']) for g in golds)}")
    for threshold in THRESHOLDS:
        kept = chance >= threshold
        print(f"keep chance >= {threshold:.1f}: {kept.sum():5d} kept, type right {y[kept].sum():4d} "
              f"(P {y[kept].mean():.3f}), type + actors right {y_actors[kept].sum():4d} "
              f"(P {y_actors[kept].mean():.3f})")


if __name__ == "__main__":
    main()
