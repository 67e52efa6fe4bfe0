"""Prepare the NER training corpora for warta.

Reads the third-party IOB files from the shared data folder (never copies them
into the project), maps every tag set to PER / ORG / LOC, repairs known
problems, and writes spaCy DocBins to ``training/ner/corpus/`` (git-ignored).

Outputs
  corpus/train.spacy    training set (see --nerp / --idner-repeat)
  corpus/heldout.spacy  a seeded 15 % slice of idner-news-2k *train*, used
                        for early stopping and model selection (idner dev is
                        only used for the final report)
  corpus/stats.json     counts of what was read, fixed and dropped

Usage: python training/ner/prepare.py [--data DIR] [--nerp MODE] [--idner-repeat N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = (REPO / ".." / "shared" / "data").resolve()

# ---------------------------------------------------------------------------
# Tag mapping (shared with evaluate.py)
# ---------------------------------------------------------------------------
TAG_MAP = {
    # idner-news-2k
    "PER": "PER", "ORG": "ORG", "LOC": "LOC",
    # NERGrit
    "PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG",
    # NERP
    "PPL": "PER", "PLC": "LOC", "IND": "ORG", "EVT": None, "FNB": None,
}

NERP_MODES = ("none", "raw", "missing", "filter", "truecase", "truecase_filter")
STATE_MODES = ("loc", "gpe", "gpe-missing")

# idner-news-2k tags a state's name LOC where it is a place ("di Rusia",
# "ke Jepang") and leaves it O where it acts or qualifies ("Rusia menolak",
# "militer Israel"). warta's lexicon of the words that make a place
# (lexicons/place_cues.txt) is shared by the pipeline and this script.
from warta.nlp.gazetteer import COORDINATORS as COORDINATION  # noqa: E402
from warta.nlp.gazetteer import place_cues  # noqa: E402

PLACE_CUES = place_cues()

# Tokens that idner-news-2k labels ORG but NERP leaves unlabelled (parties,
# legislative bodies and a few state institutions). Used by --nerp
# truecase_filter to drop NERP sentences in which such a token is tagged O.
UNLABELLED_ORG = {
    "pdip", "pdi", "pdi-p", "golkar", "gerindra", "pks", "pkb", "ppp",
    "nasdem", "demokrat", "pan", "hanura", "perindo", "psi", "pbb", "pkpi",
    "dpr", "dpr-ri", "dprd", "mpr", "dpd", "kpk", "kpu", "bawaslu", "polri",
    "tni", "ma", "mk", "bpk", "ojk", "bi", "bumn", "kemenkeu", "kemendagri",
    "polda", "polres", "polresta", "polsek", "kejagung", "kejati", "kejari",
}

# Function words that stay lower-case inside a name when truecasing.
NAME_LOWER = {"dan", "di", "dari", "ke", "untuk", "yang", "of", "the", "and",
              "bin", "binti", "van", "der", "den", "de", "la", "al", "el",
              "du", "von", "da", "dos", "y", "&", "-", "/", "."}


def map_tag(tag: str) -> str:
    """Map a raw IOB tag to B-/I-PER|ORG|LOC or O."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    mapped = TAG_MAP.get(label.upper())
    if mapped is None:
        return "O"
    return f"{prefix.upper()}-{mapped}"


def read_iob(path: Path):
    """Yield sentences as lists of (token, raw_tag)."""
    sent = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            if "\t" in line:
                tok, tag = line.rsplit("\t", 1)
            else:  # defensive: whitespace-separated
                tok, tag = line.rsplit(None, 1)
            sent.append((tok, tag.strip()))
    if sent:
        yield sent


def fix_iob(tags):
    """Repair IOB2: an I-X that does not continue an X span becomes B-X."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def split_space_tokens(words, tags):
    """Split tokens containing spaces; B-X -> B-X I-X ..., I-X -> I-X ..."""
    ow, ot = [], []
    for w, t in zip(words, tags):
        parts = w.split()
        if not parts:
            continue
        for i, p in enumerate(parts):
            ow.append(p)
            if i == 0 or t == "O":
                ot.append(t)
            else:
                ot.append("I-" + t[2:])
    return ow, ot


def repair_text(words, source):
    """Undo the known text corruptions documented in the data README."""
    n = 0
    out = []
    for i, w in enumerate(words):
        nw = w
        if source == "idner" and "PER" in w and w != "PER":
            # 'pers' was replaced by 'PER' inside words: PERoalan -> persoalan
            nw = re.sub(r"PER(?=[a-z])|(?<=[a-z])PER", "pers", w)
            if i == 0 and nw.startswith("pers"):
                nw = "P" + nw[1:]
        elif source == "nerp" and "b-ppl" in w and w != "b-ppl":
            # 'per' was replaced by 'b-ppl': b-pplnyataan -> pernyataan
            nw = w.replace("b-ppl", "per")
        if nw != w:
            n += 1
        out.append(nw)
    return out, n


# ---------------------------------------------------------------------------
# Truecasing of NERP (lower-cased text)
# ---------------------------------------------------------------------------
TOKEN_RE = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
SENT_END = {".", "!", "?", ":", ";", '"', "'", "(", ")"}


def build_case_dict(data: Path, cased_sents):
    """lower-case form -> Counter of cased forms seen *not* sentence-initially,
    from the raw IndoSum articles and the cased NER corpora."""
    counts: dict[str, Counter] = defaultdict(Counter)

    def add(tokens):
        prev = "."
        for tok in tokens:
            if prev not in SENT_END:
                counts[tok.lower()][tok] += 1
            prev = tok

    corpus = data / "corpus" / "indosum-dev" / "articles.jsonl"
    if corpus.exists():
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text", "")
                for para in text.split("\n"):
                    add(TOKEN_RE.findall(para))
    for words in cased_sents:
        add(words)
    case = {}
    for low, c in counts.items():
        form, k = c.most_common(1)[0]
        total = sum(c.values())
        if total >= 2 and k / total >= 0.5:
            case[low] = form
    return case


def truecase(words, raw_tags, case):
    out = []
    for i, (w, t) in enumerate(zip(words, raw_tags)):
        low = w.lower()
        known = case.get(low)
        if t != "O":  # inside any NERP span, incl. EVT/FNB names
            if known is not None and known != low:
                nw = known
            elif low in NAME_LOWER and i > 0:
                nw = low
            else:
                nw = w[:1].upper() + w[1:]
        else:
            nw = known if known is not None else w
        if i == 0:
            nw = nw[:1].upper() + nw[1:]
        out.append(nw)
    return out


# ---------------------------------------------------------------------------
def load_set(path: Path, source: str, stats: Counter):
    """Read one IOB file, return list of (words, mapped_tags, raw_tags)."""
    sents = []
    for sent in read_iob(path):
        words = [w for w, _ in sent]
        raw = [t for _, t in sent]
        words, raw = split_space_tokens(words, raw)
        stats[f"{source}:space_tokens_split"] += sum(
            1 for w, _ in sent if len(w.split()) > 1)
        raw_fixed = fix_iob(raw)
        stats[f"{source}:i_starts_fixed"] += sum(
            1 for a, b in zip(raw, raw_fixed) if a != b)
        words, n = repair_text(words, source)
        stats[f"{source}:text_repairs"] += n
        mapped = fix_iob([map_tag(t) for t in raw_fixed])
        sents.append((words, mapped, raw_fixed))
    stats[f"{source}:sentences_read"] += len(sents)
    return sents


def state_names():
    """Lower-cased names and aliases of states (countries) in warta's gazetteer."""
    from warta.nlp.gazetteer import case_sensitive, place_index
    names = {}
    for key, found in place_index().items():
        if found and found[0].kind == "country":
            names[key] = found[0]
    # the exact-case surface forms that may only match as written ("AS")
    exact = set()
    for place in {p.id: p for p in names.values()}.values():
        for surface in (place.name, *place.aliases):
            if case_sensitive(surface):
                exact.add(surface)
    return names, exact


def state_spans(words, names, exact):
    """(start, end) of every state name in a sentence, longest match first."""
    longest = 4
    spans, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            text = " ".join(words[i:i + n])
            low = text.lower()
            if low in names and (text in exact or not any(
                    e.lower() == low for e in exact)):
                spans.append((i, i + n))
                i += n
                break
        else:
            i += 1
    return spans


def relabel_states(words, tags, source, mode, names, exact, stats):
    """Give state names warta's GPE/LOC distinction.

    idner-news-2k tags a state LOC where it is a place and leaves it O where it
    acts or modifies; warta keeps both, as LOC (place) and GPE (the state as a
    political actor). So an idner state name tagged O becomes GPE. NERGrit and
    NERP tag every state name as a place; mode "gpe" relabels those outside a
    place context (after a PLACE_CUES word, or coordinated with a place just
    before it: "di Kuala Lumpur, Malaysia") as GPE, mode "gpe-missing" marks
    them unknown (no loss either way).
    """
    if mode == "loc":
        return tags
    out = list(tags)
    for start, end in state_spans(words, names, exact):
        span = tags[start:end]
        untagged = all(t == "O" for t in span)
        place_span = (span[0] == "B-LOC" and all(t == "I-LOC" for t in span[1:])
                      and (end == len(tags) or not tags[end].startswith("I-")))
        if not (untagged or place_span):  # part of a longer name: leave it
            continue
        before = words[start - 1].lower() if start else ""
        if source == "idner":
            if untagged:
                out[start:end] = ["B-GPE"] + ["I-GPE"] * (end - start - 1)
                stats["idner:state_o_to_gpe"] += 1
            continue
        if not place_span:
            continue
        after_place = start >= 2 and str(tags[start - 2]).endswith("-LOC")
        place = before in PLACE_CUES or (before in COORDINATION and after_place)
        if place:
            continue
        if mode == "gpe":
            out[start:end] = ["B-GPE"] + ["I-GPE"] * (end - start - 1)
            stats[f"{source}:state_loc_to_gpe"] += 1
        else:
            out[start:end] = [None] * (end - start)
            stats[f"{source}:state_loc_to_missing"] += 1
    return out


def has_unlabelled_org(words, mapped):
    return any(w.lower() in UNLABELLED_ORG and t == "O"
               for w, t in zip(words, mapped))


def to_docbin(sents, nlp):
    from spacy.tokens import Doc, DocBin
    db = DocBin(store_user_data=False)
    for words, tags in sents:
        db.add(Doc(nlp.vocab, words=list(words), ents=list(tags)))
    return db


def prepare(data: Path, out: Path, nerp: str = "raw",
            idner_repeat: int = 2, heldout_frac: float = 0.15, seed: int = 0,
            nergrit: bool = True, states: str = "gpe"):
    import spacy

    data = Path(data)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stats: Counter = Counter()
    ner = data / "ner"

    idner = load_set(ner / "idner-news-2k" / "train.tsv", "idner", stats)
    nergrit = (load_set(ner / "nergrit" / "train.tsv", "nergrit", stats)
               if nergrit else [])
    nerp_sets = []
    if nerp != "none":
        for split in ("train", "valid"):
            nerp_sets += load_set(ner / "nerp" / f"{split}.tsv", "nerp", stats)

    # Evaluation sentences must never be trained on.
    eval_keys = set()
    for p in (ner / "idner-news-2k" / "dev.tsv", ner / "nergrit" / "valid.tsv"):
        for sent in read_iob(p):
            eval_keys.add(tuple(w.lower() for w, _ in sent))

    # Held-out slice of idner train for early stopping / model selection.
    rng = random.Random(seed)
    order = list(range(len(idner)))
    rng.shuffle(order)
    n_held = int(round(len(idner) * heldout_frac))
    held_idx = set(order[:n_held])
    heldout = [idner[i] for i in sorted(held_idx)]
    idner_tr = [idner[i] for i in range(len(idner)) if i not in held_idx]
    if not heldout:
        # Training on all of idner train (fixed steps, no selection): spaCy still
        # wants a dev set to print progress on, so the usual slice is written,
        # though it is also trained on and its scores mean nothing.
        monitor = set(order[:int(round(len(idner) * 0.15))])
        heldout = [idner[i] for i in sorted(monitor)]
        stats["heldout_is_trained_on"] = 1

    if nerp in ("truecase", "truecase_filter"):
        case = build_case_dict(data, [s[0] for s in idner_tr + nergrit])
        stats["case_dict_size"] = len(case)
        tc = []
        for words, mapped, raw in nerp_sets:
            tc.append((truecase(words, raw, case), mapped, raw))
        nerp_sets = tc
    if nerp == "missing":
        # NERP leaves parties, DPR, KPK... untagged where idner tags them ORG:
        # mark those tokens unknown instead of teaching the model they are O.
        marked = []
        for words, mapped, raw in nerp_sets:
            new = [None if t == "O" and w.lower() in UNLABELLED_ORG else t for w, t in zip(words, mapped)]
            stats["nerp:unlabelled_org_tokens_missing"] += sum(1 for t in new if t is None)
            marked.append((words, new, raw))
        nerp_sets = marked
    if nerp in ("filter", "truecase_filter"):
        kept = [s for s in nerp_sets if not has_unlabelled_org(s[0], s[1])]
        stats["nerp:dropped_unlabelled_org"] = len(nerp_sets) - len(kept)
        nerp_sets = kept

    if states != "loc":
        names, exact = state_names()

        def relabel(sents, source):
            return [(w, relabel_states(w, m, source, states, names, exact, stats), r)
                    for w, m, r in sents]
        heldout = relabel(heldout, "idner")
        idner_tr = relabel(idner_tr, "idner")
        nergrit = relabel(nergrit, "nergrit")
        nerp_sets = relabel(nerp_sets, "nerp")

    held_keys = set() if stats.get("heldout_is_trained_on") else {tuple(w.lower() for w in s[0]) for s in heldout}
    seen = set()
    train = []
    for source, sents in (("idner", idner_tr), ("nergrit", nergrit),
                          ("nerp", nerp_sets)):
        for words, mapped, _ in sents:
            low = tuple(w.lower() for w in words)
            key = (tuple(words), tuple(str(t) for t in mapped))
            if low in eval_keys or low in held_keys:
                stats[f"{source}:dropped_overlap_eval_or_heldout"] += 1
                continue
            if key in seen:
                stats[f"{source}:dropped_duplicate"] += 1
                continue
            seen.add(key)
            train.append((source, words, mapped))
    final = []
    for source, words, mapped in train:
        reps = idner_repeat if source == "idner" else 1
        final += [(words, mapped)] * reps
        stats[f"{source}:train_sentences"] += 1
    rng.shuffle(final)
    stats["train_docs_total"] = len(final)
    stats["heldout_sentences"] = len(heldout)

    nlp = spacy.blank("id")
    to_docbin(final, nlp).to_disk(out / "train.spacy")
    to_docbin([(w, m) for w, m, _ in heldout], nlp).to_disk(out / "heldout.spacy")
    info = {"nerp": nerp, "idner_repeat": idner_repeat, "seed": seed, "states": states,
            "nergrit": bool(nergrit),
            "heldout_frac": heldout_frac, **dict(sorted(stats.items()))}
    (out / "stats.json").write_text(json.dumps(info, indent=1))
    return info


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--nerp", choices=NERP_MODES, default="raw")
    ap.add_argument("--idner-repeat", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--heldout-frac", type=float, default=0.15,
                    help="share of idner-news-2k train held out for early stopping (0: train on all of it)")
    ap.add_argument("--states", choices=STATE_MODES, default="gpe",
                    help="how state names are labelled (see relabel_states)")
    ap.add_argument("--no-nergrit", action="store_true",
                    help="leave NERGrit out (used for the idner-only fine-tuning stage)")
    a = ap.parse_args(argv)
    info = prepare(a.data, a.out, a.nerp, a.idner_repeat, heldout_frac=a.heldout_frac, seed=a.seed,
                   nergrit=not a.no_nergrit, states=a.states)
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
