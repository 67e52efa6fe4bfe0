"""Measure stage 3 (domain.py) without the held-out part: k-fold over dev articles.

    python training/ner/kfold.py [--k 4] [--steps N] [--gold-repeat R] [--seeds 0 1 2 3]
                                 [--start MODEL_DIR] [--data DIR] [--over dev|extra]

The dev articles of the real-text gold are split by article into `k` seeded
folds. For each fold, stage 3 starts from `--start` (default: stage 2's
model, training/ner/output/warta_ner) and trains on the other folds' sentences plus
idner-news-2k train; then the whole warta pipeline runs on the left-out
articles once with the start model and once with the adapted one, and their
mentions are scored as `warta eval gold` scores them. Printed and written to
training/ner/output/kfold/result.json: per fold and the mean fold F1 of both.

`--over extra` folds the 80 extra articles of the events' dev part instead
(training/ner/extra: IndoSum articles outside the gold, annotated to the same
guidelines): every dev article and every other extra article is always in
training, and the left-out articles are unseen by the model and by the rules
alike, which the dev folds are not (the rules were written from dev errors).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import domain  # noqa: E402
import gold_data  # noqa: E402
import prepare  # noqa: E402
import train as recipe  # noqa: E402

FOLD_SEED = 0


def outside_corpus(data: Path, corpus: Path) -> Path:
    """Stage 2's data (idner-news-2k train), prepared as train.py prepares it."""
    path = corpus / "finetune" / "train.spacy"
    if not path.exists():
        prepare.prepare(data, corpus / "finetune", nerp="none", idner_repeat=1, heldout_frac=0.0,
                        seed=recipe.SEED, nergrit=False, states=recipe.STATES)
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--steps", type=int, default=domain.STEPS)
    ap.add_argument("--gold-repeat", type=int, default=domain.GOLD_REPEAT)
    ap.add_argument("--seeds", type=int, nargs="+", default=list(domain.SEEDS))
    ap.add_argument("--start", type=Path, default=None, help="default: stage 2's model (domain.stage2)")
    ap.add_argument("--data", type=Path, default=prepare.DEFAULT_DATA)
    ap.add_argument("--output", type=Path, default=recipe.OUTPUT / "kfold")
    ap.add_argument("--over", choices=("dev", "extra"), default="dev",
                    help="fold over the dev articles, or over the extra ones with every dev article in training")
    a = ap.parse_args(argv)
    a.start = a.start or domain.stage2()
    outside = outside_corpus(a.data.resolve(), recipe.CORPUS)
    folded = gold_data.dev_ids() if a.over == "dev" else gold_data.extra_dev_ids()
    always = [] if a.over == "dev" else gold_data.dev_ids() + sorted(set(gold_data.extra_ids()) - set(folded))
    parts = gold_data.folds(folded, a.k, FOLD_SEED)
    rows = []
    for i, test_ids in enumerate(parts):
        train_ids = always + [x for j, part in enumerate(parts) if j != i for x in part]
        folder = a.output / f"fold{i}"
        info = domain.build_corpus(folder / "corpus", train_ids, outside, gold_repeat=a.gold_repeat)
        model = domain.train(a.start, folder / "corpus", folder / "model", a.steps, a.seeds)
        base, adapted = domain.score(a.start, test_ids), domain.score(model, test_ids)
        rows.append({"fold": i, "articles": len(test_ids), "train_docs": info["train_docs"],
                     "start": {k: v["f1"] for k, v in base.items()},
                     "adapted": {k: v["f1"] for k, v in adapted.items()},
                     "model_alone": {"start": domain.model_f1(a.start, test_ids),
                                     "adapted": domain.model_f1(model, test_ids)}})
        print(json.dumps(rows[-1]), flush=True)
    mean = {which: {label: round(statistics.mean(r[which][label] for r in rows), 4)
                    for label in rows[0][which]} for which in ("start", "adapted")}
    mean["model_alone"] = {which: round(statistics.mean(r["model_alone"][which] for r in rows), 4)
                           for which in ("start", "adapted")}
    result = {"over": a.over, "k": a.k, "steps": a.steps, "gold_repeat": a.gold_repeat, "seeds": a.seeds,
              "start": str(a.start), "folds": rows, "mean": mean}
    a.output.mkdir(parents=True, exist_ok=True)
    (a.output / "result.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(mean, indent=1))
    return result


if __name__ == "__main__":
    main()
