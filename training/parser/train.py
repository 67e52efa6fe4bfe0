"""Reproduce warta's Indonesian tagger and dependency parser with one command.

    python training/parser/train.py [--data DIR] [--no-install]

Steps (one CPU thread, fixed seed 0; about 6 minutes on a 2-core x86_64):
  1. prepare.py: the UD treebanks (CSUI train, GSD dev+test, PUD) as DocBins
     in training/parser/corpus/ (git-ignored), a seeded 10 % of CSUI train
     held out for early stopping, CSUI test kept for the report;
  2. spacy train training/parser/config.cfg -> output/run/ (model-best is
     the checkpoint with the best held-out score);
  3. package: keep tok2vec, morphologizer and parser, drop the token strings
     from the vocab (hash embeddings do not need them), set the meta, save to
     src/warta/nlp/models/parser/;
  4. evaluate.py on CSUI test (UPOS, UAS, LAS) and speed, into the meta and
     output/eval.json.
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

import evaluate  # noqa: E402
import prepare  # noqa: E402

MODEL_DIR = REPO / "src" / "warta" / "nlp" / "models" / "parser"
CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
SEED = 0


def package(best: Path, target: Path, scores: dict | None = None) -> None:
    import spacy

    nlp = spacy.load(best)
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser"], nlp.pipe_names
    nlp.meta.update({
        "lang": "id",
        "name": "warta_parser",
        "version": "0.1.0",
        "description": "UPOS tagger and dependency parser for Indonesian news, trained for warta on "
                       "UD Indonesian-CSUI train, GSD dev+test and PUD. See docs/parser.md.",
        "license": "CC BY-SA 4.0 (trained on CC BY-SA 4.0 treebanks)",
        "author": "warta",
        "sources": [
            {"name": "UD_Indonesian-CSUI", "author": "Alfina et al.", "license": "CC BY-SA 4.0"},
            {"name": "UD_Indonesian-GSD", "author": "McDonald et al.; Alfina et al.", "license": "CC BY-SA 4.0"},
            {"name": "UD_Indonesian-PUD", "author": "Zeman et al.; Alfina et al.", "license": "CC BY-SA 4.0"},
        ],
    })
    if scores:
        nlp.meta["warta_eval"] = scores
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target, exclude=["tokenizer"])
    labels = set(nlp.get_pipe("parser").labels) | set(nlp.get_pipe("morphologizer").labels)
    keep = set(spacy.blank("id").vocab.strings) | labels
    for label in nlp.get_pipe("morphologizer").labels:
        keep.update(label.split("|"))
        keep.update(part.split("=", 1)[-1] for part in label.split("|"))
    (target / "vocab" / "strings.json").write_text(json.dumps(sorted(keep), ensure_ascii=False), encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=prepare.DEFAULT_DATA)
    ap.add_argument("--skip-train", action="store_true", help="package and evaluate output/run/model-best")
    ap.add_argument("--no-install", action="store_true", help="do not copy the model into src/warta/nlp/models")
    a = ap.parse_args(argv)
    t0 = time.time()
    run = OUTPUT / "run"
    if not a.skip_train:
        print(json.dumps(prepare.prepare(a.data.resolve(), CORPUS), indent=1))
        if run.exists():
            shutil.rmtree(run)
        run.mkdir(parents=True)
        cmd = [sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(run),
               "--paths.train", str(CORPUS / "train.spacy"), "--paths.dev", str(CORPUS / "heldout.spacy"),
               "--system.seed", str(SEED)]
        print("+", " ".join(cmd), flush=True)
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        (run / "train.log").write_text(proc.stdout + proc.stderr)
        print(proc.stdout[-2000:])
        if proc.returncode:
            raise SystemExit(f"spacy train failed; log in {run / 'train.log'}")
    staged = OUTPUT / "warta_parser"
    package(run / "model-best", staged)
    scores = evaluate.evaluate(staged, CORPUS / "test.spacy")
    scores["train_s"] = round(time.time() - t0)
    (OUTPUT / "eval.json").write_text(json.dumps(scores, indent=1))
    if not a.no_install:
        package(run / "model-best", MODEL_DIR, scores)
        size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
        print(f"installed {MODEL_DIR} ({size / 1e6:.1f} MB)")
    print(json.dumps(scores, indent=1))


if __name__ == "__main__":
    main()
