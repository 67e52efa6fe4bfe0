"""Score warta's tagger and parser on CSUI test and time them.

    python training/parser/evaluate.py [MODEL_DIR]

Scores are spaCy's on the treebank's own (surface) tokens: UPOS accuracy,
UAS and LAS (the full UD relation with its subtype; punctuation is not
scored, as spaCy counts). Speed is words per second of the three components alone on one
thread, over the test sentences joined into 20-sentence documents, the
median of three passes.
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "src"))
DEFAULT_MODEL = REPO / "src" / "warta" / "nlp" / "models" / "parser"


def evaluate(model: Path = DEFAULT_MODEL, test: Path = HERE / "corpus" / "test.spacy") -> dict:
    import spacy
    from spacy.tokens import Doc, DocBin
    from spacy.training import Example

    from warta.nlp.syntax import add_parser

    nlp = spacy.blank("id")
    add_parser(nlp, model)
    gold = list(DocBin().from_disk(test).get_docs(nlp.vocab))
    examples = [Example(Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                            sent_starts=[t.i == 0 for t in doc]), doc) for doc in gold]
    scores = nlp.evaluate(examples)
    result = {"sentences": len(gold), "tokens": sum(len(d) for d in gold),
              "upos_acc": round(scores["pos_acc"], 4), "uas": round(scores["dep_uas"], 4),
              "las": round(scores["dep_las"], 4)}
    texts = [" ".join(" ".join(t.text for t in d) for d in gold[i:i + 20]) for i in range(0, len(gold), 20)]
    docs = [nlp.make_doc(text) for text in texts]
    words = sum(len(d) for d in docs)
    rates = []
    for _ in range(3):
        fresh = [Doc(nlp.vocab, words=[t.text for t in d]) for d in docs]
        t = time.perf_counter()
        for doc in fresh:
            for _, component in nlp.pipeline:
                component(doc)
        rates.append(words / (time.perf_counter() - t))
    result["words_per_s_1core"] = round(statistics.median(rates))
    return result


if __name__ == "__main__":
    print(json.dumps(evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MODEL), indent=1))
