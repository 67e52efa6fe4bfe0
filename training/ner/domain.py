"""Stage 3 of warta's NER recipe: adapt the model to warta's own annotation.

Stages 1 and 2 learn from outside corpora whose guidelines differ from
warta's (docs/models/ner.md). Stage 3 continues from the packaged stage-2
model on the real-text gold's dev sentences (`gold_data.py`, our own
annotation) repeated `GOLD_REPEAT` times, mixed with idner-news-2k train
(stage 2's data) so that the model keeps what it learnt there. Like stage 2
it runs once per seed and the result is the mean of their weights.

`score` runs the whole warta pipeline with a given NER model (through
WARTA_NER_MODEL, in a fresh process) on some dev articles of the gold and
scores their name mentions exactly as `warta eval gold` does
(`warta.gold.score.score_mentions`, GPE counted as LOC). kfold.py uses it to
measure the stage without the held-out part.

    python training/ner/domain.py train [START_DIR]    # dev + extra articles -> output/domain/model/soup
    python training/ner/domain.py install [MODEL_DIR]  # package it as src/warta/nlp/models/ner
    python training/ner/domain.py score MODEL_DIR [ARTICLE_ID ...]   # default: all dev articles

Stage 3 starts from stage 2's model, training/ner/output/warta_ner, which
`python training/ner/train.py --no-install` writes (the default START_DIR).
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import gold_data  # noqa: E402

CONFIG = HERE / "config_domain.cfg"
#: How often each gold sentence is seen per pass over the stage-3 data.
GOLD_REPEAT = 4
#: Steps of stage 3 (batches of about 100-130 words) per 8,000 training docs: the k-fold over the
#: extra articles measured 400 steps on about 8,000 docs; with more articles the steps grow with
#: them, so that each sentence is seen as often as when it was measured.
STEPS = 400
STEPS_PER_DOCS = 8000
#: Stage 3 runs once per seed; the model is the mean of their weights.
SEEDS = (0, 1, 2, 3)


def build_corpus(out: Path, gold_ids: list[str], outside: Path, monitor_ids: list[str] | None = None,
                 gold_repeat: int = GOLD_REPEAT, seed: int = 0) -> dict:
    """Write out/train.spacy (gold sentences x `gold_repeat` + all docs of `outside`, shuffled)
    and out/monitor.spacy (the sentences of `monitor_ids`, or of the training articles:
    spaCy wants a dev set to print progress on; nothing is selected on it)."""
    import spacy
    from spacy.tokens import DocBin

    stats: Counter = Counter()
    gold = gold_data.sentences(gold_ids, stats)
    vocab = spacy.blank("id").vocab
    docs = list(gold_data.docbin(gold, gold_repeat).get_docs(vocab))
    outside_docs = list(DocBin().from_disk(outside).get_docs(vocab))
    docs += outside_docs
    random.Random(seed).shuffle(docs)
    out.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(out / "train.spacy")
    monitor = gold_data.sentences(monitor_ids, Counter()) if monitor_ids else gold
    gold_data.docbin(monitor).to_disk(out / "monitor.spacy")
    info = {"gold_articles": len(gold_ids), "gold_repeat": gold_repeat, "outside_docs": len(outside_docs),
            "train_docs": len(docs), **dict(sorted(stats.items()))}
    (out / "stats.json").write_text(json.dumps(info, indent=1))
    return info


def train(start: Path, corpus: Path, output: Path, steps: int = STEPS, seeds=SEEDS) -> Path:
    """Stage 3 from the packaged model `start`, once per seed, and the soup of the runs."""
    import train as recipe

    runs = []
    for seed in seeds:
        run = output / f"seed{seed}"
        recipe.run_logged([sys.executable, "-m", "spacy", "train", CONFIG, "--output", run,
                           "--paths.start", start, "--paths.train", corpus / "train.spacy",
                           "--paths.dev", corpus / "monitor.spacy", "--system.seed", seed,
                           "--training.max_steps", steps, "--training.patience", 0], run)
        runs.append(run / "model-last")
    if len(runs) == 1:
        return runs[0]
    return recipe.soup(runs, output / "soup")


def score(model: Path, ids: list[str]) -> dict:
    """Mention scores of the whole pipeline with NER model `model` on the given dev articles."""
    env = {**os.environ, "WARTA_NER_MODEL": str(Path(model).resolve())}
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "score", str(model), *ids],
                          env=env, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def model_f1(model: Path, ids: list[str]) -> float:
    """Mention F1 of the NER model alone (GPE counted as LOC) on the sentences of the given dev articles."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model)
    correct = n_pred = n_gold = 0
    for words, spaces, tags in gold_data.sentences(ids, Counter()):
        gold = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
        pred = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
        g, p = ({(e.start, e.end, "LOC" if e.label_ == "GPE" else e.label_) for e in d.ents} for d in (gold, pred))
        correct += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    return round(2 * correct / (n_pred + n_gold), 4) if n_pred + n_gold else 0.0


def _score_here(ids: list[str]) -> dict:
    """`score` inside the process whose WARTA_NER_MODEL names the model."""
    from warta.gold.corpus import article_of, body_start, default_corpus_path, records_by_id
    from warta.gold.score import analyse_in_store, predicted_mentions, score_mentions

    annotations = gold_data.read_annotations(ids)
    records = records_by_id(default_corpus_path(), set(ids))
    articles = [article_of(records[i]) for i in ids]
    analyses = analyse_in_store(articles)
    pairs = [(annotations[a.external_id]["entities"], predicted_mentions(analyses[a.id], body_start(a)))
             for a in articles]
    return score_mentions(pairs)


def stage2() -> Path:
    """Stage 2's model, where stage 3 starts; an error saying how to make it when it is not there."""
    import train as recipe

    path = recipe.OUTPUT / "warta_ner"
    if not (path / "meta.json").exists():
        raise SystemExit(f"{path}: no stage-2 model; run python training/ner/train.py --no-install first")
    return path


def install(model: Path) -> dict:
    """Package the stage-3 model as the shipped one, its scores on the outside sets in meta.json."""
    import prepare
    import train as recipe

    packaged = recipe.OUTPUT / "domain" / "warta_ner"
    recipe.package(model, packaged, version=VERSION, trained_on=TRAINED_ON)
    summary = recipe.outside_scores(packaged, prepare.DEFAULT_DATA, recipe.OUTPUT / "domain")
    recipe.package(model, recipe.MODEL_DIR, scores=summary, version=VERSION, trained_on=TRAINED_ON)
    return summary


VERSION = "0.4.0"
TRAINED_ON = ("trained for warta on idner-news-2k, NERGrit and NERP, then on warta's own annotation of "
              "real news (the dev part of the real-text gold and training/ner/extra)")


def train_all(start: Path) -> Path:
    """Stage 3 on every dev and extra article from `start` (default: stage 2's model)."""
    import kfold
    import prepare
    import train as recipe

    outside = kfold.outside_corpus(prepare.DEFAULT_DATA, recipe.CORPUS)
    folder = recipe.OUTPUT / "domain"
    ids = gold_data.dev_ids() + gold_data.extra_ids()
    info = build_corpus(folder / "corpus", ids, outside)
    steps = max(STEPS, round(STEPS * info["train_docs"] / STEPS_PER_DOCS))
    print(json.dumps({**info, "steps": steps}, indent=1))
    return train(start, folder / "corpus", folder / "model", steps)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "train":
        print(train_all(Path(sys.argv[2]) if len(sys.argv) >= 3 else stage2()))
    elif len(sys.argv) >= 2 and sys.argv[1] == "install":
        default = REPO / "training" / "ner" / "output" / "domain" / "model" / "soup"
        print(json.dumps(install(Path(sys.argv[2]) if len(sys.argv) >= 3 else default), indent=1))
    elif len(sys.argv) >= 3 and sys.argv[1] == "score":
        os.environ["WARTA_NER_MODEL"] = str(Path(sys.argv[2]).resolve())
        print(json.dumps(_score_here(sys.argv[3:] or gold_data.dev_ids())))
    else:
        raise SystemExit(__doc__)
