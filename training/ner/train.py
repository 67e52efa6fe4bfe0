"""Reproduce warta's statistical NER model with one command.

    python training/ner/train.py [--data DIR] [--no-install] [--select]

Steps (one CPU thread, fixed seed 0; about 5 minutes on a 2-core x86_64):
  1. prepare.py: read the shared IOB data, map tags to PER/ORG/LOC/GPE (a
     state named as actor or attribute is GPE, as a place LOC), repair known
     problems, and write DocBins to training/ner/corpus/ (git-ignored):
       corpus/train.spacy            stage 1: idner train x2 + NERGrit + NERP (as is)
       corpus/finetune/train.spacy   stage 2: idner train only
  2. stage 1: spacy train training/ner/config.cfg for STAGE1_STEPS -> output/stage1/
  3. stage 2: spacy train training/ner/config_finetune.cfg (continues from
     stage 1 on idner-news-2k train only) for STAGE2_STEPS -> output/stage2/
  4. make the NER component self-contained (its own copy of the tok2vec),
     drop everything else, set meta (warta_ner, lang id) and save it to
     src/warta/nlp/models/ner/;
  5. evaluate.py on idner-news-2k dev and NERGrit valid (+ speed), written to
     training/ner/output/eval.json and printed.

The step counts come from a selection run, `--select`: the same recipe with a
seeded 15 % of idner-news-2k train held out, early stopping on it, and the
best step of each stage reported (output/select/). The final model then
trains on all of idner-news-2k train for those steps. idner-news-2k dev is
never trained on nor used for selection.
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import prepare  # noqa: E402

MODEL_DIR = REPO / "src" / "warta" / "nlp" / "models" / "ner"
CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"

# Data choices (see docs/models/ner.md for the measurements behind them).
NERP_MODE = "raw"
IDNER_REPEAT = 2
STATES = "gpe"
SEED = 0
# Best steps of the held-out selection run (`--select`, docs/models/ner.md).
STAGE1_STEPS = 2500
STAGE2_STEPS = 200
# Stage 2 runs once per seed; the shipped model is the mean of their weights.
STAGE2_SEEDS = (0, 1, 2, 3)


def load_ner_alone(path: Path):
    """A trained pipeline whose `ner` has its own copy of the tok2vec, so that it
    can be sourced (or averaged) alone."""
    import spacy

    nlp = spacy.load(path)
    if "tok2vec" in nlp.pipe_names:
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.remove_pipe("tok2vec")
    return nlp


#: What meta.json says the model is trained on, stage by stage.
TRAINED_ON = "trained for warta on idner-news-2k, NERGrit and NERP"


def package(best: Path, target: Path, scores: dict | None = None, version: str = "0.2.0",
            trained_on: str = TRAINED_ON):
    import spacy

    nlp = load_ner_alone(best)
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    nlp.meta.update({
        "lang": "id",
        "name": "warta_ner",
        "version": version,
        "description": f"Statistical NER (PER, ORG, LOC, GPE) for Indonesian news, {trained_on}. "
                       "See docs/models/ner.md.",
        "license": "MIT",
        "author": "warta",
        "sources": [
            {"name": "idner-news-2k", "author": "Khairunnisa et al. 2020", "license": "MIT"},
            {"name": "NERGrit (IndoNLU)", "author": "NERGrit authors; Wilie et al. 2020", "license": "MIT"},
            {"name": "NERP (IndoNLU)", "author": "Hoesen & Purwarianti 2018; Wilie et al. 2020", "license": "MIT"},
        ],
    })
    if scores:
        nlp.meta["warta_eval"] = scores
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    # The StringStore also holds every token string seen in training; the
    # hash embeddings do not need them. Keep only what a blank "id" pipeline
    # has plus the labels (predictions are identical, checked on idner dev).
    keep = set(spacy.blank("id").vocab.strings) | set(nlp.get_pipe("ner").labels)
    (target / "vocab" / "strings.json").write_text(
        json.dumps(sorted(keep), ensure_ascii=False), encoding="utf-8")
    return nlp


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=prepare.DEFAULT_DATA,
                    help="shared data folder (default: ../shared/data from the repo root)")
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--finetune-config", type=Path, default=HERE / "config_finetune.cfg")
    ap.add_argument("--skip-prepare", action="store_true")
    ap.add_argument("--package-only", action="store_true",
                    help="skip prepare and training; evaluate and install output/stage2")
    ap.add_argument("--no-install", action="store_true",
                    help="do not copy the model into src/warta/nlp/models/ner")
    ap.add_argument("--select", action="store_true",
                    help="run the held-out selection that chose the step counts, install nothing")
    a = ap.parse_args(argv)
    data = a.data.resolve()
    t_start = time.time()
    timings = {}

    if a.select:
        return select(a, data)
    if a.package_only:
        a.skip_prepare = True
    if not a.skip_prepare:
        t = time.time()
        prepare_corpora(data, CORPUS, heldout_frac=0.0)
        timings["prepare_s"] = round(time.time() - t)

    OUTPUT.mkdir(parents=True, exist_ok=True)
    stage1 = OUTPUT / "stage1"
    stage2 = OUTPUT / "stage2"
    if not a.package_only:
        train_stages(a, CORPUS, stage1, stage2, timings, steps=(STAGE1_STEPS, STAGE2_STEPS))
    return finish(a, data, stage2 / "soup", timings, t_start)


def prepare_corpora(data: Path, corpus: Path, heldout_frac: float):
    info = prepare.prepare(data, corpus, nerp=NERP_MODE, idner_repeat=IDNER_REPEAT,
                           heldout_frac=heldout_frac, seed=SEED, states=STATES)
    print(json.dumps(info, indent=1))
    info2 = prepare.prepare(data, corpus / "finetune", nerp="none", idner_repeat=1,
                            heldout_frac=heldout_frac, seed=SEED, nergrit=False, states=STATES)
    print(json.dumps(info2, indent=1))


def select(a, data: Path):
    """The held-out run that chose STAGE1_STEPS and STAGE2_STEPS."""
    folder = OUTPUT / "select"
    corpus = folder / "corpus"
    prepare_corpora(data, corpus, heldout_frac=0.15)
    timings = {}
    stage1, stage2 = folder / "stage1", folder / "stage2"
    train_stages(a, corpus, stage1, stage2, timings, steps=None)
    best = {"stage1": best_step(stage1), "stage2": best_step(stage2), "timings": timings}
    # the soup as the final run makes it, from stage 1's best checkpoint
    seeds = folder / "stage2_seeds"
    for seed in STAGE2_SEEDS:
        finetune(a, corpus, stage1 / "model-best", seeds / f"seed{seed}", seed, STAGE2_STEPS)
    mixed = soup([seeds / f"seed{seed}" / "model-last" for seed in STAGE2_SEEDS], seeds / "soup")
    best["stage2_soup"] = {"seeds": {seed: heldout_f(seeds / f"seed{seed}" / "model-last", corpus)
                                     for seed in STAGE2_SEEDS},
                           "soup": heldout_f(mixed, corpus)}
    (folder / "best_steps.json").write_text(json.dumps(best, indent=1))
    print(json.dumps(best, indent=1))
    return best


def heldout_f(model: Path, corpus: Path) -> float:
    """Entity F1 (all labels) of a pipeline folder on the held-out slice."""
    import spacy
    from spacy.tokens import Doc, DocBin
    from spacy.training import Example

    nlp = spacy.load(model)
    gold = DocBin().from_disk(corpus / "heldout.spacy").get_docs(nlp.vocab)
    examples = [Example(Doc(nlp.vocab, words=[t.text for t in doc]), doc) for doc in gold]
    return round(nlp.evaluate(examples)["ents_f"], 4)


def best_step(output: Path) -> dict:
    """Step and held-out scores of the checkpoint spaCy kept as model-best."""
    meta = json.loads((output / "model-best" / "meta.json").read_text())
    log = (output / "train.log").read_text().splitlines()
    rows = []
    for line in log:
        parts = line.split()
        # columns: E  #  LOSS TOK2VEC  LOSS NER  ENTS_F  ENTS_P  ENTS_R  SCORE
        if len(parts) == 8 and parts[0].isdigit() and parts[1].isdigit():
            rows.append((float(parts[4]), int(parts[1])))  # ENTS_F, in percent with two decimals
    score, step = max(rows, key=lambda r: (r[0], -r[1])) if rows else (None, None)
    return {"step": step, "score": score, "ents_f": meta["performance"].get("ents_f"),
            "per_type": {k: v["f"] for k, v in meta["performance"].get("ents_per_type", {}).items()}}


def train_stages(a, corpus: Path, stage1: Path, stage2: Path, timings: dict, steps: tuple[int, int] | None):
    """Both stages; with `steps`, fixed step counts and the last checkpoint (no
    held-out data), without, early stopping on corpus/heldout.spacy."""
    dev = corpus / "heldout.spacy"
    t = time.time()
    if stage1.exists():
        shutil.rmtree(stage1)
    fixed = ["--training.max_steps", steps[0], "--training.patience", 0] if steps else []
    run_logged([sys.executable, "-m", "spacy", "train", a.config, "--output", stage1,
                "--paths.train", corpus / "train.spacy", "--paths.dev", dev, "--system.seed", SEED, *fixed],
               stage1)
    timings["stage1_s"] = round(time.time() - t)

    t = time.time()
    if stage2.exists():
        shutil.rmtree(stage2)
    if steps:
        for seed in STAGE2_SEEDS:
            finetune(a, corpus, stage1 / "model-last", stage2 / f"seed{seed}", seed, steps[1])
        soup([stage2 / f"seed{seed}" / "model-last" for seed in STAGE2_SEEDS], stage2 / "soup")
    else:
        finetune(a, corpus, stage1 / "model-best", stage2, SEED, None)
    timings["stage2_s"] = round(time.time() - t)


def finetune(a, corpus: Path, start: Path, output: Path, seed: int, steps: int | None):
    """Stage 2 from `start` on idner train; fixed `steps`, or early stopping."""
    fixed = ["--training.max_steps", steps, "--training.patience", 0] if steps else []
    run_logged([sys.executable, "-m", "spacy", "train", a.finetune_config, "--output", output,
                "--paths.stage1", start, "--paths.train", corpus / "finetune" / "train.spacy",
                "--paths.dev", corpus / "heldout.spacy", "--system.seed", seed, *fixed], output)


def soup(paths: list[Path], output: Path) -> Path:
    """Average the weights of stage-2 runs that differ only in their seed.

    All start from the same stage-1 weights, so they stay in one basin and
    their mean is a model of its own ("model soup"). On the held-out slice
    single seeds scored 0.799-0.836 and their soup 0.843 (docs/models/ner.md).
    """
    models = [load_ner_alone(path) for path in paths]
    walks = [list(m.get_pipe("ner").model.walk()) for m in models]
    for i, node in enumerate(walks[0]):
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, sum(w[i].get_param(name) for w in walks) / len(walks))
    models[0].to_disk(output)
    return output


def run_logged(cmd, output: Path):
    """Run a spaCy training command, echoing and keeping its log beside the model."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    proc = subprocess.run([str(c) for c in cmd], cwd=REPO, capture_output=True, text=True)
    output.mkdir(parents=True, exist_ok=True)
    (output / "train.log").write_text(proc.stdout + proc.stderr)
    print(proc.stdout[-3000:], flush=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"spacy train failed ({proc.returncode}); log in {output / 'train.log'}")


def outside_scores(packaged: Path, data: Path, output: Path) -> dict:
    """The packaged model alone on idner-news-2k dev and NERGrit valid (never trained on), and its speed;
    the full result goes to `output`/eval.json."""
    import evaluate

    ner = data / "ner"
    files = [ner / "idner-news-2k" / "dev.tsv", ner / "nergrit" / "valid.tsv"]
    res = evaluate.evaluate(packaged, files, speed_file=files[0], n_errors=40)
    output.mkdir(parents=True, exist_ok=True)
    (output / "eval.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    return {
        "idner-news-2k dev": {k: v["f"] for k, v in res["files"][str(files[0])].items()
                              if isinstance(v, dict)},
        "nergrit valid": {k: v["f"] for k, v in res["files"][str(files[1])].items()
                          if isinstance(v, dict)},
        "words_per_s_1core": res["speed"]["median_words_per_s"],
    }


def finish(a, data, best, timings, t_start):
    packaged = OUTPUT / "warta_ner"  # stage 2's model: where stage 3 (domain.py) starts
    package(best, packaged)
    summary = outside_scores(packaged, data, OUTPUT)
    timings["total_s"] = round(time.time() - t_start)
    if not a.no_install:
        package(best, MODEL_DIR, scores=summary)
        size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
        print(f"installed {MODEL_DIR} ({size / 1e6:.1f} MB)")
    print(json.dumps({"summary": summary, "timings": timings}, indent=1))


if __name__ == "__main__":
    main()
