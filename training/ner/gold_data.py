"""In-domain NER training sentences from the DEV part of warta's real-text gold.

The outside corpora (idner-news-2k, NERGrit, NERP) follow guidelines that
differ from warta's (docs/annotation.md): idner tags the party inside
`Fraksi PKB` where warta takes the unit whole, leaves role words and states
in other places, and so on. The real-text gold (tests/gold/real) is annotated
to warta's own guidelines, so its dev part is the one source that teaches the
model warta's conventions.

Only articles that `articles.json` marks as `dev` are read, and only their own
files (`<id>.json`): the held-out part is the measure of the whole system and
is never opened here.

Each dev article's text is rebuilt exactly as `warta eval gold` rebuilds it
(`warta.gold.corpus.article_of`), tokenised and split into sentences by
warta's own tokenizer and `warta_sentences` (what the model sees at run
time), and its gold name mentions become entity tags:
- PER and ORG as annotated;
- LOC as annotated, except that a state's name outside a place context
  becomes GPE, by the rule that labels NERGrit and NERP states
  (`prepare.relabel_states`: a place cue or a place just before it keeps
  LOC). The gold scores GPE as LOC, so this changes no score; it keeps the
  model's LOC/GPE distinction the pipeline relies on.
The placeholder title (never annotated) is left out; sentences without any
mention stay in, they teach what is not a name.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLD_DIR = REPO / "tests" / "gold" / "real"
#: Entity annotations of IndoSum articles outside the real-text gold (extra/README.md): training
#: data only, annotated to the same guidelines, blind to warta's output.
EXTRA_DIR = HERE / "extra"


def dev_ids(gold_dir: Path = GOLD_DIR) -> list[str]:
    """The ids of the dev part's articles, sorted (never the held-out part)."""
    index = json.loads((gold_dir / "articles.json").read_text(encoding="utf-8"))
    return sorted(a["id"] for a in index["articles"] if a["part"] == "dev")


def extra_ids(extra_dir: Path = EXTRA_DIR) -> list[str]:
    """The ids of the extra training articles (never an article of the real-text gold)."""
    return sorted(json.loads(p.read_text(encoding="utf-8"))["article"] for p in extra_dir.glob("*.json")
                  if p.name != "articles.json")


def extra_dev_ids(extra_dir: Path = EXTRA_DIR) -> list[str]:
    """The 80 extra articles of the events' dev part (extra/articles.json): the ones folded to measure entities."""
    index = json.loads((extra_dir / "articles.json").read_text(encoding="utf-8"))
    return sorted(a["id"] for a in index["articles"] if a["part"] == "dev")


def folds(ids: list[str], k: int, seed: int) -> list[list[str]]:
    """`ids` split into `k` folds of (nearly) equal size by a seeded shuffle."""
    import random

    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def read_annotations(ids: list[str], gold_dir: Path = GOLD_DIR,
                         extra_dir: Path = EXTRA_DIR) -> dict[str, dict]:
    """The annotation file of each given dev or extra article, opened by its own name only.

    An extra file that names an article of the gold is refused: the held-out part must never
    become training data, whatever folder it is copied into."""
    index = json.loads((gold_dir / "articles.json").read_text(encoding="utf-8"))
    in_gold = {a["id"] for a in index["articles"]}
    dev = set(dev_ids(gold_dir))
    out = {}
    for article_id in ids:
        if article_id in dev:
            out[article_id] = json.loads((gold_dir / f"{article_id}.json").read_text(encoding="utf-8"))
        elif article_id in in_gold:
            raise ValueError(f"{article_id} is a held-out article of the real-text gold")
        elif (extra_dir / f"{article_id}.json").exists():
            out[article_id] = json.loads((extra_dir / f"{article_id}.json").read_text(encoding="utf-8"))
        else:
            raise ValueError(f"{article_id} is neither a dev article of the real-text gold nor an extra article")
    return out


def sentences(ids: list[str], stats: Counter | None = None, gold_dir: Path = GOLD_DIR,
              corpus: Path | None = None) -> list[tuple[list[str], list[bool], list[str]]]:
    """(words, spaces, IOB tags) of every body sentence of the given dev articles."""
    import prepare

    import warta.nlp
    from warta.gold.corpus import article_of, body_start, default_corpus_path, records_by_id

    stats = stats if stats is not None else Counter()
    annotations = read_annotations(ids, gold_dir)
    records = records_by_id(corpus or default_corpus_path(), set(ids))
    nlp = warta.nlp.load(exclude=[n for n in warta.nlp.pipeline_config()["nlp"]["pipeline"]
                                  if n != "warta_sentences"])
    names, exact = prepare.state_names()
    out = []
    for article_id in ids:
        article = article_of(records[article_id])
        doc = nlp(article.text)
        tags = ["O"] * len(doc)
        for mention in annotations[article_id]["entities"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is None or any(tags[i] != "O" for i in range(span.start, span.end)):
                stats["mentions_skipped"] += 1
                continue
            if (span.start_char, span.end_char) != (mention["start"], mention["end"]):
                stats["mentions_expanded_to_tokens"] += 1
            tags[span.start] = "B-" + mention["label"]
            for i in range(span.start + 1, span.end):
                tags[i] = "I-" + mention["label"]
            stats["mentions"] += 1
        first = body_start(article)
        for sent in doc.sents:
            if sent.start_char < first:
                continue
            words = [t.text for t in sent]
            spaces = [bool(t.whitespace_) for t in sent]
            sent_tags = tags[sent.start:sent.end]
            if any(t.startswith("I-") for t in sent_tags[:1]):
                stats["sentences_cut_inside_mention"] += 1
                continue
            sent_tags = prepare.relabel_states(words, sent_tags, "gold", "gpe", names, exact, stats)
            if not any(w.strip() for w in words):
                continue
            out.append((words, spaces, sent_tags))
            stats["sentences"] += 1
    return out


def docbin(sents, repeat: int = 1):
    """A DocBin of the sentences, each `repeat` times."""
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("id").vocab
    db = DocBin(store_user_data=False)
    for _ in range(repeat):
        for words, spaces, tags in sents:
            db.add(Doc(vocab, words=words, spaces=spaces, ents=tags))
    return db
