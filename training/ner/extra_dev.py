"""Measure entities on the 80 extra articles that are the events' dev part, unseen by the model.

    python training/ner/extra_dev.py rules [KFOLD_DIR]   # the current rules with kfold.py's fold models
    python training/ner/extra_dev.py train [OUT_DIR]     # stage 3 on every dev and extra article but these 80

`rules` re-scores the fold models of `kfold.py --over extra --output KFOLD_DIR`
(default training/ner/output/kfold-extra-k4) with the rules as they are now:
each of the 80 articles is read by the model that never saw it, so a change of
rules is measured on articles neither it nor the model was written from.

`train` answers the question the next model raises: with more annotated
articles, does the pipeline get better on articles it has not seen? It trains
stage 3 exactly as `domain.py train` does (steps growing with the training
docs, 4-seed soup, from stage 2's model) on the gold's dev articles and every
extra article except these 80, then scores the pipeline on them.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import domain  # noqa: E402
import gold_data  # noqa: E402
import kfold  # noqa: E402
import prepare  # noqa: E402
import train as recipe  # noqa: E402


def rules(kfold_dir: Path) -> dict:
    parts = gold_data.folds(gold_data.extra_dev_ids(), 4, kfold.FOLD_SEED)
    rows = [domain.score(kfold_dir / f"fold{i}" / "model" / "soup", ids) for i, ids in enumerate(parts)]
    return {label: round(statistics.mean(r[label]["f1"] for r in rows), 4) for label in rows[0]}


def train(out: Path) -> dict:
    held = set(gold_data.extra_dev_ids())
    train_ids = gold_data.dev_ids() + [i for i in gold_data.extra_ids() if i not in held]
    outside = kfold.outside_corpus(prepare.DEFAULT_DATA.resolve(), recipe.CORPUS)
    info = domain.build_corpus(out / "corpus", train_ids, outside)
    steps = max(domain.STEPS, round(domain.STEPS * info["train_docs"] / domain.STEPS_PER_DOCS))
    print(json.dumps({**info, "steps": steps}), flush=True)
    model = domain.train(domain.stage2(), out / "corpus", out / "model", steps)
    return {label: score["f1"] for label, score in domain.score(model, sorted(held)).items()}


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "rules":
        print(json.dumps(rules(Path(sys.argv[2]) if len(sys.argv) >= 3 else recipe.OUTPUT / "kfold-extra-k4")))
    elif len(sys.argv) >= 2 and sys.argv[1] == "train":
        print(json.dumps(train(Path(sys.argv[2]) if len(sys.argv) >= 3 else recipe.OUTPUT / "extra-dev")))
    else:
        raise SystemExit(__doc__)
