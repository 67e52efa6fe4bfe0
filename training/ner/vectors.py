"""Small static word vectors for the NER tok2vec, trained from scratch.

PPMI + truncated SVD (Levy, Goldberg & Dagan 2015) over the raw IndoSum news
text plus the *training* NER sentences (never the evaluation splits), keyed by
the lower-cased form (spaCy ``Vectors(attr="LOWER")``), so the lower-cased
NERP text and cased news share one vector per word. Only numpy/scipy are
needed; the result is a spaCy pipeline directory usable as
``[initialize] vectors``.

    python training/ner/vectors.py [--data DIR] [--out DIR] [--rows 20000] [--dim 100]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import DEFAULT_DATA, read_iob  # noqa: E402

TOKEN_RE = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")


def sentences(data: Path):
    with open(data / "corpus" / "indosum-dev" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line)["text"].split("\n"):
                toks = [t.lower() for t in TOKEN_RE.findall(para)]
                if toks:
                    yield toks
    ner = data / "ner"
    for p in (ner / "idner-news-2k" / "train.tsv", ner / "nergrit" / "train.tsv",
              ner / "nerp" / "train.tsv", ner / "nerp" / "valid.tsv"):
        for sent in read_iob(p):
            yield [t.lower() for w, _ in sent for t in w.split()]


def build(data: Path, rows: int = 20000, dim: int = 100, window: int = 3,
          min_count: int = 3, seed: int = 0):
    from scipy import sparse
    from scipy.sparse.linalg import svds

    sents = list(sentences(data))
    freq = Counter(t for s in sents for t in s)
    vocab = [w for w, c in freq.most_common(rows) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n = len(vocab)
    rows_i, cols_i, vals = [], [], []
    for s in sents:
        ids = [index.get(t, -1) for t in s]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for d in range(1, window + 1):
                j = i + d
                if j >= len(ids):
                    break
                b = ids[j]
                if b < 0:
                    continue
                w = 1.0 / d
                rows_i += (a, b)
                cols_i += (b, a)
                vals += (w, w)
    co = sparse.coo_matrix((np.asarray(vals, dtype=np.float64),
                            (np.asarray(rows_i), np.asarray(cols_i))),
                           shape=(n, n)).tocsr()
    co.sum_duplicates()
    total = co.sum()
    row_sum = np.asarray(co.sum(axis=1)).ravel()
    ctx = np.asarray(co.sum(axis=0)).ravel() ** 0.75
    ctx /= ctx.sum()
    co = co.tocoo()
    pmi = np.log((co.data / total) / ((row_sum[co.row] / total) * ctx[co.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=(n, n))
    rng = np.random.RandomState(seed)
    v0 = rng.uniform(-1, 1, size=n)
    u, s, _ = svds(ppmi, k=dim, v0=v0)
    order = np.argsort(-s)
    vec = u[:, order] * np.sqrt(s[order])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-8
    # fix the SVD sign ambiguity for reproducibility
    signs = np.sign(vec[np.abs(vec).argmax(axis=0), np.arange(dim)])
    vec *= signs
    return vocab, vec.astype(np.float32)


def save(vocab, vec, out: Path):
    import spacy
    from spacy.vectors import Vectors

    nlp = spacy.blank("id")
    v = Vectors(strings=nlp.vocab.strings, shape=vec.shape, attr="LOWER")
    for i, w in enumerate(vocab):
        v.add(w, row=i)
    v.data[:] = vec
    nlp.vocab.vectors = v
    nlp.to_disk(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=HERE / "corpus" / "vectors")
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--dim", type=int, default=100)
    a = ap.parse_args(argv)
    vocab, vec = build(a.data, a.rows, a.dim)
    save(vocab, vec, a.out)
    print(f"{len(vocab)} x {vec.shape[1]} vectors -> {a.out}")
    index = {w: i for i, w in enumerate(vocab)}
    for w in ("jakarta", "golkar", "jokowi", "kpk", "senin"):
        if w in index:
            sims = vec @ vec[index[w]]
            print(w, [vocab[i] for i in np.argsort(-sims)[1:6]])


if __name__ == "__main__":
    main()
