"""Reproduce warta's statistical NER model with one command.

    python training/ner/train.py [--data DIR] [--no-install]

Steps (one CPU thread, fixed seed 0; about 6-7 minutes on a 2-core x86_64):
  1. prepare.py: read the shared IOB data, map tags to PER/ORG/LOC, repair
     known problems, hold out a seeded 15 % slice of idner-news-2k train, and
     write DocBins to training/ner/corpus/ (git-ignored):
       corpus/train.spacy            stage 1: idner train x2 + NERGrit + NERP (as is)
       corpus/finetune/train.spacy   stage 2: idner train only
       corpus/heldout.spacy          early stopping / model selection
  2. stage 1: spacy train training/ner/config.cfg  -> output/stage1/
  3. stage 2: spacy train training/ner/config_finetune.cfg (continues from the
     stage-1 model-best on idner-news-2k train only) -> output/stage2/
  4. make the NER component self-contained (its own copy of the tok2vec),
     drop everything else, set meta (warta_ner 0.1.0, lang id) and save it to
     src/warta/nlp/models/ner/;
  5. evaluate.py on idner-news-2k dev and NERGrit valid (+ speed), written to
     training/ner/output/eval.json and printed.
idner-news-2k dev is never trained on nor used for early stopping.
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


def run(cmd):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=REPO)


def package(best: Path, target: Path, scores: dict | None = None):
    import spacy

    nlp = spacy.load(best)
    if "tok2vec" in nlp.pipe_names:
        # give ner its own copy of the tok2vec so it can be sourced alone
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.remove_pipe("tok2vec")
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    nlp.meta.update({
        "lang": "id",
        "name": "warta_ner",
        "version": "0.2.0",
        "description": "Statistical NER (PER, ORG, LOC, GPE) for Indonesian news, "
                       "trained for warta on idner-news-2k, NERGrit and NERP. "
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
    a = ap.parse_args(argv)
    data = a.data.resolve()
    t_start = time.time()
    timings = {}

    if a.package_only:
        a.skip_prepare = True
    if not a.skip_prepare:
        t = time.time()
        info = prepare.prepare(data, CORPUS, nerp=NERP_MODE,
                               idner_repeat=IDNER_REPEAT, seed=SEED, states=STATES)
        print(json.dumps(info, indent=1))
        info2 = prepare.prepare(data, CORPUS / "finetune", nerp="none",
                                idner_repeat=1, seed=SEED, nergrit=False, states=STATES)
        print(json.dumps(info2, indent=1))
        timings["prepare_s"] = round(time.time() - t)

    OUTPUT.mkdir(parents=True, exist_ok=True)
    stage1 = OUTPUT / "stage1"
    stage2 = OUTPUT / "stage2"
    if not a.package_only:
        train_stages(a, stage1, stage2, timings)
    best = stage2 / "model-best"
    return finish(a, data, best, timings, t_start)


def train_stages(a, stage1, stage2, timings):
    t = time.time()
    if stage1.exists():
        shutil.rmtree(stage1)
    run([sys.executable, "-m", "spacy", "train", a.config, "--output", stage1,
         "--paths.train", CORPUS / "train.spacy",
         "--paths.dev", CORPUS / "heldout.spacy", "--system.seed", SEED])
    timings["stage1_s"] = round(time.time() - t)

    t = time.time()
    if stage2.exists():
        shutil.rmtree(stage2)
    run([sys.executable, "-m", "spacy", "train", a.finetune_config, "--output", stage2,
         "--paths.stage1", stage1 / "model-best",
         "--paths.train", CORPUS / "finetune" / "train.spacy",
         "--paths.dev", CORPUS / "heldout.spacy", "--system.seed", SEED])
    timings["stage2_s"] = round(time.time() - t)


def finish(a, data, best, timings, t_start):
    packaged = OUTPUT / "warta_ner"
    package(best, packaged)

    import evaluate
    ner = data / "ner"
    files = [ner / "idner-news-2k" / "dev.tsv", ner / "nergrit" / "valid.tsv"]
    res = evaluate.evaluate(packaged, files, speed_file=files[0], n_errors=40)
    timings["total_s"] = round(time.time() - t_start)
    res["timings"] = timings
    (OUTPUT / "eval.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))

    summary = {
        "idner-news-2k dev": {k: v["f"] for k, v in res["files"][str(files[0])].items()
                              if isinstance(v, dict)},
        "nergrit valid": {k: v["f"] for k, v in res["files"][str(files[1])].items()
                          if isinstance(v, dict)},
        "words_per_s_1core": res["speed"]["median_words_per_s"],
    }
    if not a.no_install:
        package(best, MODEL_DIR, scores=summary)
        size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
        print(f"installed {MODEL_DIR} ({size / 1e6:.1f} MB)")
    print(json.dumps({"summary": summary, "timings": timings}, indent=1))


if __name__ == "__main__":
    main()
