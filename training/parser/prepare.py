"""Convert the Indonesian Universal Dependencies treebanks to spaCy DocBins.

Reads the CoNLL-U files from the shared data folder (never copies them into
the project) and writes ``training/parser/corpus/`` (git-ignored):

  corpus/train.spacy    CSUI train (minus the selection slice) + GSD dev+test + PUD
  corpus/heldout.spacy  a seeded slice of CSUI train, for early stopping only
  corpus/test.spacy     CSUI test: never trained on, only for the final report
  corpus/stats.json     sentence and token counts

Tokens are the treebank's *surface* tokens: a multiword token (`membelinya` =
`membeli` + `nya`) becomes one token, because warta's tokenizer does not split
clitics. Its head and relation are those of the part whose head lies outside
the token (the verb `membeli`, not the clitic), its UPOS that part's UPOS.
That is what spaCy's own `conllu` converter does with `--merge-subtokens`,
written out here so that the choice of the part is explicit.

Usage: python training/parser/prepare.py [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = (REPO / ".." / "shared" / "data" / "ud").resolve()

TRAIN_FILES = ("csui/id_csui-ud-train.conllu", "gsd/id_gsd-ud-dev.conllu",
               "gsd/id_gsd-ud-test.conllu", "pud/id_pud-ud-test.conllu")
TEST_FILE = "csui/id_csui-ud-test.conllu"
HELDOUT_FILE = "csui/id_csui-ud-train.conllu"
HELDOUT_FRACTION = 0.1
SEED = 0


@dataclass
class Token:
    """One surface token of a sentence, with its UD annotation."""

    text: str
    space: bool
    pos: str
    head: int  # index of the head token in the sentence; itself for the root
    dep: str


def read_conllu(path: Path) -> list[list[Token]]:
    """The sentences of a CoNLL-U file as lists of surface tokens."""
    sentences = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln and not ln.startswith("#")]
        if lines:
            sentences.append(surface_tokens(lines))
    return sentences


def surface_tokens(lines: list[str]) -> list[Token]:
    """Merge multiword tokens and renumber heads onto the surface tokens."""
    words: dict[int, list[str]] = {}
    groups: list[tuple[str, list[int], bool]] = []  # surface form, word ids, space after
    covered: set[int] = set()
    for line in lines:
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty nodes of enhanced dependencies
        if "-" in cols[0]:
            start, end = (int(x) for x in cols[0].split("-"))
            ids = list(range(start, end + 1))
            covered.update(ids)
            groups.append((cols[1], ids, "SpaceAfter=No" not in cols[9]))
            continue
        wid = int(cols[0])
        words[wid] = cols
        if wid not in covered:
            groups.append((cols[1], [wid], "SpaceAfter=No" not in cols[9]))
    surface_of = {wid: i for i, (_, ids, _) in enumerate(groups) for wid in ids}
    tokens = []
    for i, (form, ids, space) in enumerate(groups):
        inside = set(ids)
        main = next((w for w in ids if int(words[w][6]) not in inside), ids[0])
        cols = words[main]
        head = int(cols[6])
        tokens.append(Token(text=form, space=space, pos=cols[3],
                            head=i if head == 0 else surface_of[head],
                            dep="ROOT" if head == 0 else cols[7]))
    return tokens


def to_doc(vocab, tokens: list[Token]):
    from spacy.tokens import Doc

    return Doc(vocab, words=[t.text for t in tokens], spaces=[t.space for t in tokens],
               pos=[t.pos for t in tokens], heads=[t.head for t in tokens],
               deps=[t.dep for t in tokens], sent_starts=[True] + [False] * (len(tokens) - 1))


def write(vocab, sentences: list[list[Token]], path: Path) -> dict:
    from spacy.tokens import DocBin

    bin_ = DocBin(attrs=["ORTH", "POS", "HEAD", "DEP", "SENT_START"])
    for tokens in sentences:
        bin_.add(to_doc(vocab, tokens))
    path.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(path)
    return {"sentences": len(sentences), "tokens": sum(len(s) for s in sentences)}


def prepare(data: Path = DEFAULT_DATA, corpus: Path = HERE / "corpus") -> dict:
    import spacy

    vocab = spacy.blank("id").vocab
    train: list[list[Token]] = []
    heldout: list[list[Token]] = []
    for name in TRAIN_FILES:
        sentences = read_conllu(data / name)
        if name == HELDOUT_FILE:
            order = list(range(len(sentences)))
            random.Random(SEED).shuffle(order)
            cut = set(order[: round(len(sentences) * HELDOUT_FRACTION)])
            heldout += [s for i, s in enumerate(sentences) if i in cut]
            sentences = [s for i, s in enumerate(sentences) if i not in cut]
        train += sentences
    stats = {"train": write(vocab, train, corpus / "train.spacy"),
             "heldout": write(vocab, heldout, corpus / "heldout.spacy"),
             "test": write(vocab, read_conllu(data / TEST_FILE), corpus / "test.spacy")}
    (corpus / "stats.json").write_text(json.dumps(stats, indent=1))
    return stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus")
    a = ap.parse_args(argv)
    print(json.dumps(prepare(a.data.resolve(), a.corpus), indent=1))


if __name__ == "__main__":
    main()
