"""Score a warta NER model on IOB files and measure its speed.

    python training/ner/evaluate.py FILE [FILE ...] [--model DIR] [--json OUT]
                                    [--speed-file FILE] [--no-speed] [--errors N]

Each FILE is ``TOKEN<TAB>TAG`` with a blank line between sentences. Gold tags
are mapped to PER / ORG / LOC exactly as in prepare.py (NERGrit and NERP tag
names included; other types become O; I- starts become B-). Tokens are taken
as given: a Doc is built from the words and the pipeline components are run on
it, so tokenisation does not affect the score. Scores are seqeval entity
scores, strict mode, IOB2 scheme, per type and micro-averaged.

Speed: words/s of ``nlp.pipe(docs, batch_size=256)`` over the sentences of
the speed file (default idner-news-2k dev) repeated to >= 50k words, on one
thread; the median of 3 runs is reported. Run with OMP_NUM_THREADS=1 etc. for
a one-core figure (this script sets them before importing numpy).
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from prepare import DEFAULT_DATA, fix_iob, map_tag, read_iob, split_space_tokens  # noqa: E402

DEFAULT_MODEL = REPO / "src" / "warta" / "nlp" / "models" / "ner"


def load_gold(path: Path):
    sents = []
    for sent in read_iob(path):
        words, tags = split_space_tokens([w for w, _ in sent], [t for _, t in sent])
        tags = fix_iob([map_tag(t) for t in fix_iob(tags)])
        sents.append((words, tags))
    return sents


def gpe_as(path: Path) -> str:
    """What a GPE prediction counts as against a gold file without GPE.

    idner-news-2k tags a state LOC only where it is a place and leaves the
    state as actor or modifier O, which is what warta's GPE is (prepare.py
    derives GPE from exactly those O tags), so GPE counts as O there. Every
    other set tags states as places whatever their use: GPE counts as LOC.
    """
    return "O" if "idner" in str(path) else "LOC"


def predict(nlp, sents, batch_size=256, gpe="LOC"):
    from spacy.tokens import Doc
    docs = (Doc(nlp.vocab, words=w) for w, _ in sents)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        tags = []
        for t in doc:
            label = t.ent_type_
            if label == "GPE":
                label = gpe
            tags.append(f"{t.ent_iob_}-{label}" if t.ent_iob_ in ("B", "I") and label != "O" else "O")
        out.append(tags)
    return out


def score(gold, pred):
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2
    rep = classification_report(gold, pred, mode="strict", scheme=IOB2,
                                output_dict=True, zero_division=0)
    res = {}
    for k, v in rep.items():
        key = "micro" if k == "micro avg" else k
        if key in ("macro avg", "weighted avg"):
            continue
        res[key] = {"p": round(float(v["precision"]), 4),
                    "r": round(float(v["recall"]), 4),
                    "f": round(float(v["f1-score"]), 4),
                    "support": int(v["support"])}
    return res


def spans(tags):
    out, start, label = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if start is not None and not t.startswith("I-"):
            out.append((start, i, label))
            start = None
        if t.startswith("B-"):
            start, label = i, t[2:]
    return set(out)


def errors(sents, pred, n):
    """A few false negatives / positives for the model card."""
    lines = []
    for (words, gold), p in zip(sents, pred):
        g, s = spans(gold), spans(p)
        for a, b, lab in sorted(g - s):
            got = [x for x in s if x[0] < b and a < x[1]]
            got_s = ", ".join(f"{' '.join(words[x[0]:x[1]])}/{x[2]}" for x in got) or "-"
            lines.append(f"MISS  {' '.join(words[a:b])}/{lab}  (pred: {got_s})  | "
                         + " ".join(words[max(0, a - 6):b + 6]))
        for a, b, lab in sorted(s - g):
            if any(x[0] < b and a < x[1] for x in g):
                continue  # already shown as a boundary/type error
            lines.append(f"FALSE {' '.join(words[a:b])}/{lab}  | "
                         + " ".join(words[max(0, a - 6):b + 6]))
    return lines[:n] if n else lines


def speed(nlp, sents, min_words=50_000, runs=3):
    from spacy.tokens import Doc
    words = [w for w, _ in sents]
    n_words = sum(len(w) for w in words)
    reps = max(1, -(-min_words // n_words))
    words = words * reps
    total = n_words * reps
    rates = []
    for _ in range(runs):
        docs = [Doc(nlp.vocab, words=w) for w in words]
        t0 = time.perf_counter()
        for _doc in nlp.pipe(docs, batch_size=256):
            pass
        rates.append(total / (time.perf_counter() - t0))
    return {"words": total, "runs": [round(r) for r in rates],
            "median_words_per_s": round(statistics.median(rates))}


def evaluate(model, files, speed_file=None, n_errors=0, quiet=False):
    import spacy
    nlp = spacy.load(model)
    result = {"model": str(model), "files": {}}
    for f in files:
        sents = load_gold(Path(f))
        pred = predict(nlp, sents, gpe=gpe_as(Path(f)))
        res = score([t for _, t in sents], pred)
        result["files"][str(f)] = res
        if not quiet:
            print(f"\n{f}  ({len(sents)} sentences, GPE scored as {gpe_as(Path(f))})")
            print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
            for k in ("PER", "ORG", "LOC", "micro"):
                if k in res:
                    v = res[k]
                    print(f"{k:6} {v['p']:6.3f} {v['r']:6.3f} {v['f']:6.3f} {v['support']:5d}")
        if n_errors:
            errs = errors(sents, pred, n_errors)
            result["files"][str(f)]["errors"] = errs
            if not quiet:
                print("\n".join(errs))
    if speed_file:
        sp = speed(nlp, load_gold(Path(speed_file)))
        result["speed"] = sp
        if not quiet:
            print(f"\nspeed: {sp['median_words_per_s']} words/s (median of "
                  f"{sp['runs']}, {sp['words']} words, batch_size 256, "
                  f"threads={os.environ.get('OMP_NUM_THREADS')})")
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--speed-file", type=Path,
                    default=DEFAULT_DATA / "ner" / "idner-news-2k" / "dev.tsv")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to N error examples per file")
    ap.add_argument("--json", type=Path, help="also write the results here")
    a = ap.parse_args(argv)
    res = evaluate(a.model, a.files, None if a.no_speed else a.speed_file, a.errors)
    if a.json:
        a.json.write_text(json.dumps(res, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
