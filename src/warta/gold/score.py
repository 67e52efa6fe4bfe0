"""Scoring warta against the real-text gold, every layer.

The gold names entities by identity keys (`PER:Joko Widodo`) and warta by
its entity ids, so the two are joined through the mentions: a predicted
entity stands for the gold key that most of its exactly matched mentions
carry in that article. Quote speakers and event actors are then compared by
identity, not by spelling.

Cross-article identity is measured as users meet it: all gold articles are
ingested into one throwaway store, whose linking gives each article's
entities their archive-wide ids.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from warta.gold.annotations import GoldArticle, headline_article, read_headlines
from warta.gold.corpus import body_start
from warta.model import UNSCORED_MODALITIES, Analysis, Article
from warta.nlp.evaluation import _overlap
from warta.nlp.scoring import precision_recall_f1, score_extents
from warta.vocabulary import SYMMETRIC_EVENT_TYPES

QUOTE_MIN_OVERLAP = 0.5

#: Modalities of the acts docs/annotation.md leaves out of the real-text gold ("Not events"): those that neither
#: happened nor were meant to, and the content of a request (`mendesak Polri mengusut kasus`: only the REQUEST).
#: warta keeps the requested act, marked `requested`; tests/gold/EVENTS.md (the own-written gold) codes it,
#: so `warta eval events` scores it there.
NOT_GOLD_MODALITIES = UNSCORED_MODALITIES | {"requested"}


def _prf(correct_p: int, correct_g: int, predicted: int, gold: int) -> dict:
    p, r, f = precision_recall_f1(correct_p, correct_g, predicted, gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "correct": correct_g, "predicted": predicted, "gold": gold}


def _label(label: str | None) -> str | None:
    return "LOC" if label == "GPE" else label


def predicted_mentions(analysis: Analysis, start: int, end: int | None = None) -> list[dict]:
    """Every predicted name mention in [start, end), with its entity id and label (GPE counted as LOC).

    A title standing in for a person (`source == "role"`: `kata Menag`) links the
    title to the person but names nobody; the guidelines annotate names only
    (docs/annotation.md: role phrases alone are not entities), so it is left out.
    """
    out = []
    for entity in analysis.entities:
        for m in entity.mentions:
            if m.source != "role" and m.start >= start and (end is None or m.end <= end):
                out.append({"start": m.start, "end": m.end, "text": m.text,
                            "label": _label(m.label or entity.label), "entity": entity.id})
    return out


def key_of_entities(gold_mentions: list[dict], predicted: list[dict]) -> dict[str, str]:
    """Predicted entity id -> the gold key most of its span-matched mentions carry."""
    by_span = {(g["start"], g["end"]): g["key"] for g in gold_mentions}
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in predicted:
        key = by_span.get((p["start"], p["end"]))
        if key:
            votes[p["entity"]][key] += 1
    return {entity: counter.most_common(1)[0][0] for entity, counter in votes.items()}


# -- entities ------------------------------------------------------------------

def score_mentions(pairs: list[tuple[list[dict], list[dict]]]) -> dict:
    """Strict span + type, micro-averaged and per label."""
    out = {}
    for label in (None, "PER", "ORG", "LOC"):
        correct = n_pred = n_gold = 0
        for gold, predicted in pairs:
            g = {(x["start"], x["end"], x["label"]) for x in gold if label in (None, x["label"])}
            p = {(x["start"], x["end"], x["label"]) for x in predicted if label in (None, x["label"])}
            correct += len(g & p)
            n_pred += len(p)
            n_gold += len(g)
        out[label or "all"] = _prf(correct, correct, n_pred, n_gold)
    return out


def b_cubed(items: list[tuple[str, str]]) -> dict:
    """B-cubed precision/recall/F1 of (gold cluster, predicted cluster) labels of the same items."""
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    gold_of: dict[str, set[int]] = defaultdict(set)
    pred_of: dict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(items):
        gold_of[g].add(i)
        pred_of[p].add(i)
    precision = recall = 0.0
    for g, p in items:
        shared = len(gold_of[g] & pred_of[p])
        precision += shared / len(pred_of[p])
        recall += shared / len(gold_of[g])
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "items": len(items)}


def score_identity(golds: list[GoldArticle], analyses: dict[str, Analysis]) -> dict:
    """Identity within an article (B-cubed over span-matched mentions) and across articles.

    Across articles the items are (article, gold key) pairs, each standing for
    the predicted id most of its matched mentions carry; a link is two such
    items of different articles with the same id.
    """
    within: list[tuple[str, str]] = []
    nodes: list[tuple[str, str, str]] = []  # article, gold key, predicted id
    for gold in golds:
        analysis = analyses[gold.article.id]
        predicted = {(p["start"], p["end"]): p["entity"]
                     for p in predicted_mentions(analysis, body_start(gold.article))}
        votes: dict[str, Counter] = defaultdict(Counter)
        for g in gold.records["entities"]:
            entity = predicted.get((g["start"], g["end"]))
            if entity is None:
                continue
            within.append((f"{gold.article.id}|{g['key']}", f"{gold.article.id}|{entity}"))
            votes[g["key"]][entity] += 1
        nodes.extend((gold.article.id, key, counter.most_common(1)[0][0]) for key, counter in votes.items())
    gold_links = pred_links = correct = 0
    wrong: Counter = Counter()
    for a, b in combinations(nodes, 2):
        if a[0] == b[0]:
            continue
        same_gold, same_pred = a[1] == b[1], a[2] == b[2]
        gold_links += same_gold
        pred_links += same_pred
        correct += same_gold and same_pred
        if same_pred and not same_gold:
            wrong[(a[1], b[1])] += 1
    across = _prf(correct, correct, pred_links, gold_links)
    across["wrong_links"] = [f"{a} = {b}" for (a, b), _ in wrong.most_common(10)]
    return {"within_article": b_cubed(within),
            "across_articles": {"b_cubed": b_cubed([(k, p) for _, k, p in nodes]), "links": across}}


# -- quotes ----------------------------------------------------------------------

def score_quotes(pairs: list[tuple[list[dict], list[dict]]]) -> dict:
    """Extent P/R (overlap of at least half the shorter span, one to one), speaker by identity, recall by kind.

    Each pair holds one article's gold quotes and predicted quotes, both with
    `speaker` as a gold key (predicted speakers translated through the
    mentions; None when warta names nobody or an entity no gold mention has).
    """
    matched: list[tuple[dict, dict]] = []
    n_gold = n_pred = 0
    for gold, predicted in pairs:
        n_gold += len(gold)
        n_pred += len(predicted)
        scored = sorted(((_overlap((g["start"], g["end"]), (p["start"], p["end"])), i, j)
                         for i, g in enumerate(gold) for j, p in enumerate(predicted)), reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for share, i, j in scored:
            if share >= QUOTE_MIN_OVERLAP and i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                matched.append((gold[i], predicted[j]))
    by_kind = {}
    for kind in ("direct", "partial", "indirect", "headline"):
        total = sum(1 for gold, _ in pairs for g in gold if g["kind"] == kind)
        found = sum(1 for g, _ in matched if g["kind"] == kind)
        if total:
            by_kind[kind] = {"recall": round(found / total, 4), "found": found, "gold": total}
    speaker_ok = sum(1 for g, p in matched if g.get("speaker") == p.get("speaker"))
    return {
        "extent": _prf(len(matched), len(matched), n_pred, n_gold),
        "speaker_accuracy": round(speaker_ok / len(matched), 4) if matched else 0.0,
        "speaker_correct": speaker_ok, "matched": len(matched),
        "recall_by_kind": by_kind,
        "speaker_errors": [{"text": g["text"][:70], "gold": g.get("speaker"), "predicted": p.get("speaker")}
                           for g, p in matched if g.get("speaker") != p.get("speaker")][:15],
    }


def _predicted_quotes(analysis: Analysis, keys: dict[str, str], start: int, end: int | None = None) -> list[dict]:
    return [{"start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
             "speaker": keys.get(q.speaker_id) if q.speaker_id else None}
            for q in analysis.quotes if q.start >= start and (end is None or q.end <= end)]


# -- events -----------------------------------------------------------------------

def _sentence_of(analysis: Analysis, offset: int) -> int:
    for s in analysis.sentences:
        if s.start <= offset < s.end:
            return s.start
    return -1


def _actor_key(actor, keys: dict[str, str], by_name: dict[str, str] | None = None) -> str | None:
    """The gold key an actor stands for: through its entity's mentions, else by its canonical name.

    An unnamed group (`massa`, `demonstran`: no entity, written in lower case,
    as tests/gold/EVENTS.md gives generic groups) is no actor here: the
    real-text gold gives `null` where the text names nobody
    (docs/annotation.md, "Which actors")."""
    if actor is None or (actor.entity_id is None and actor.name[:1].islower()):
        return None
    if actor.entity_id in keys:
        return keys[actor.entity_id]
    return (by_name or {}).get(actor.name.casefold(), f"?{actor.name}")


def _keys_by_name(records: dict[str, list[dict]]) -> dict[str, str]:
    """Every gold key of an article by its name, for actors warta names without a matched mention
    (`pemerintah` coded as Indonesia)."""
    found = [e["key"] for e in records["entities"]] + [q.get("speaker") for q in records["quotes"]]
    found += [e.get(k) for e in records["events"] for k in ("source", "target")]
    return {key.split(":", 1)[1].casefold(): key for key in found if key}


def _same_actors(g: dict, p: dict) -> bool:
    pair_g, pair_p = (g.get("source"), g.get("target")), (p["source"], p["target"])
    return pair_g == pair_p or (g["type"] in SYMMETRIC_EVENT_TYPES and pair_g == pair_p[::-1])


def _same_date(g: dict, p: dict, published: str) -> bool:
    if p["date_source"] == "published":
        return g.get("date") == published
    return (g.get("date") or None) == (p["date"] or None)


def score_events(items: list[tuple[list[dict], list[dict], str]]) -> dict:
    """Type, type+actors and type+actors+date P/R, matched one to one within a sentence."""
    levels = {
        "type": lambda g, p, d: g["type"] == p["type"],
        "type+actors": lambda g, p, d: g["type"] == p["type"] and _same_actors(g, p),
        "type+actors+date": lambda g, p, d: g["type"] == p["type"] and _same_actors(g, p) and _same_date(g, p, d),
    }
    n_gold = sum(len(g) for g, _, _ in items)
    n_pred = sum(len(p) for _, p, _ in items)
    out = {}
    for level, same in levels.items():
        correct = 0
        for gold, predicted, published in items:
            used: set[int] = set()
            for g in gold:
                for j, p in enumerate(predicted):
                    if j not in used and p["sentence"] == g["sentence"] and same(g, p, published):
                        used.add(j)
                        correct += 1
                        break
        out[level] = _prf(correct, correct, n_pred, n_gold)
    return out


# -- the whole gold ------------------------------------------------------------------

def analyse_in_store(articles: list[Article], workers: int = 1) -> dict[str, Analysis]:
    """Analyses of `articles` as stored after ingest into one fresh store (cross-article links included)."""
    from warta.ingest import prepare
    from warta.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "gold.db")
        try:
            ordered = sorted(articles, key=lambda a: a.external_id or a.id)
            store.ingest(prepare(list(ordered), analyze=True))
            found = {a.id: store.analysis(a.id) for a in ordered}
        finally:
            store.close()
    missing = [i for i, a in found.items() if a is None]
    if missing:
        raise RuntimeError(f"{len(missing)} gold articles have no stored analysis")
    return {i: a for i, a in found.items() if a is not None}


def scored_events(analysis: Analysis, first: int) -> list:
    """warta's events the gold scores: those of the body (from character `first`), in a modality the
    annotators code (docs/annotation.md leaves out hypothetical acts and the content of requests)."""
    return [e for e in analysis.events if e.sentence_start >= first and e.modality not in NOT_GOLD_MODALITIES]


def score_articles(golds: list[GoldArticle], analyses: dict[str, Analysis]) -> dict:
    """Every layer's figures over the given annotated articles."""
    mention_pairs: list = []
    quote_pairs: list = []
    event_items: list = []
    times_g: list = []
    times_p: list = []
    counts_g: list = []
    counts_p: list = []
    for gold in golds:
        article = gold.article
        analysis = analyses[article.id]
        first = body_start(article)
        predicted = predicted_mentions(analysis, first)
        gold_mentions = gold.records["entities"]
        keys = key_of_entities(gold_mentions, predicted)
        mention_pairs.append((gold_mentions, predicted))
        quote_pairs.append((gold.records["quotes"], _predicted_quotes(analysis, keys, first)))
        for g in gold.records["times"]:
            times_g.append({**g, "article": article.id})
        times_p.extend({"article": article.id, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
                       for t in analysis.times if t.start >= first)
        for g in gold.records["counts"]:
            counts_g.append({**g, "article": article.id})
        counts_p.extend({"article": article.id, "start": c.start, "end": c.end, "value": c.value}
                        for c in analysis.counts if c.start >= first)
        gold_events = [{**e, "sentence": _sentence_of(analysis, e["trigger_start"])} for e in gold.records["events"]]
        by_name = _keys_by_name(gold.records)
        predicted_events = [{"type": e.type, "sentence": e.sentence_start,
                             "source": _actor_key(e.source, keys, by_name),
                             "target": _actor_key(e.target, keys, by_name), "date": e.date,
                             "date_source": e.date_source}
                            for e in scored_events(analysis, first)]
        event_items.append((gold_events, predicted_events, article.published.isoformat()))
    times = score_extents(times_g, times_p, {"value": lambda g, p: g["value"] == p["value"],
                                             "type": lambda g, p: g["type"] == p["type"]},
                          relaxed_checks={"value": lambda g, p: g["value"] == p["value"]})
    counts = score_extents(counts_g, counts_p, {"value": lambda g, p: float(g["value"]) == float(p["value"])})
    for result in (times, counts):
        result.pop("mismatches", None)
        result.update({k: round(v, 4) for k, v in result.items() if isinstance(v, float)})
    return {
        "articles": len(golds),
        "entities": score_mentions(mention_pairs),
        "identity": score_identity(golds, analyses),
        "quotes": score_quotes(quote_pairs),
        "times": times,
        "counts": counts,
        "events": score_events(event_items),
    }


def score_headlines(cases: Iterable[dict], nlp=None) -> dict:
    """Headline attributions and title entities on our own headline cases, scored on the title only."""
    from warta.nlp.analysis import analyze

    quote_pairs, mention_pairs = [], []
    for case in cases:
        article = headline_article(case)
        analysis = analyze(article, nlp)
        title_end = len(article.title)
        predicted = predicted_mentions(analysis, 0, title_end)
        keys = key_of_entities(case.get("entities", []), predicted)
        # A title speaker may be named in full only in the body: take the body's name for it.
        for p in predicted_mentions(analysis, title_end):
            if (body_key := _body_key(case, p)) is not None:
                keys.setdefault(p["entity"], body_key)
        mention_pairs.append((case.get("entities", []), predicted))
        quote_pairs.append((case.get("quotes", []), _predicted_quotes(analysis, keys, 0, title_end)))
    return {"cases": len(quote_pairs), "entities": score_mentions(mention_pairs), "quotes": score_quotes(quote_pairs)}


def _body_key(case: dict, mention: dict) -> str | None:
    """The gold key a body mention names, where a title quote's gold speaker is spelled out in the body."""
    for quote in case.get("quotes", []):
        speaker = quote.get("speaker") or ""
        name = speaker.split(":", 1)[-1]
        if name and (mention["text"] in name or name in mention["text"]):
            return speaker
    return None


def _analysed(directory: Path, corpus: Path | None) -> tuple[list[GoldArticle], dict[str, Analysis]]:
    """All annotated articles and their stored analyses (all of them: cross-article identity needs every one)."""
    from warta.gold.annotations import load_gold

    golds = load_gold(directory, "all", corpus)
    if not golds:
        raise FileNotFoundError(f"{directory}: no annotated articles")
    return golds, analyse_in_store([g.article for g in golds])


def dev_articles(directory: Path) -> list[tuple[GoldArticle, Analysis]]:
    """The dev part's annotated articles with warta's analyses, for the error listings under `training/`:
    only the dev part, ever (the held-out part is the measure, not material for rules)."""
    from warta.gold.annotations import load_gold

    golds = load_gold(directory, "dev")
    analyses = analyse_in_store([g.article for g in golds])
    return [(gold, analyses[gold.article.id]) for gold in golds]


def _of_part(golds: list[GoldArticle], part: str) -> list[GoldArticle]:
    return [g for g in golds if part == "all" or g.part == part]


def _headline_cases(directory: Path) -> list[dict] | None:
    path = directory / "headlines.jsonl"
    return read_headlines(path) if path.exists() else None


def evaluate(directory: Path, part: str = "all", corpus: Path | None = None) -> dict:
    """`warta eval gold`: every layer on the annotated articles of `part`, and the headline cases."""
    golds, analyses = _analysed(directory, corpus)
    result = {"part": part, **score_articles(_of_part(golds, part), analyses)}
    if part != "dev":
        result = _without_texts(result)
    cases = _headline_cases(directory)
    if cases is not None:
        result["headlines"] = score_headlines(cases)
    return result


#: Keys whose values quote the annotated text or its entities (error listings): they help
#: whoever tunes rules on the dev part and must not reach the eyes of whoever
#: tunes while measuring the held-out part.
TEXT_KEYS = frozenset({"speaker_errors", "wrong_links"})


def _without_texts(result: dict) -> dict:
    """`result` with every error listing dropped, at any depth: aggregates only."""
    return {k: _without_texts(v) if isinstance(v, dict) else v for k, v in result.items() if k not in TEXT_KEYS}


#: The figures the test gate holds (tests/gold/real/scores.json): a path into
#: `score_articles` output each. A change may not drop any by more than 0.02.
GATED = (
    "entities.all.f1", "entities.PER.f1", "entities.ORG.f1", "entities.LOC.f1",
    "identity.within_article.f1", "identity.across_articles.links.precision",
    "identity.across_articles.links.recall",
    "quotes.extent.precision", "quotes.extent.recall", "quotes.speaker_accuracy",
    "times.f1", "times.value_accuracy", "counts.f1",
    "events.type.f1", "events.type+actors.f1", "events.type+actors+date.f1",
)
HEADLINE_GATED = ("quotes.extent.f1", "quotes.speaker_accuracy", "entities.all.f1")


def figures(result: dict, paths: tuple[str, ...] = GATED) -> dict[str, float]:
    """The gated figures of one result, by their dotted paths."""
    out = {}
    for path in paths:
        value: Any = result
        for step in path.split("."):
            value = value[step]
        out[path] = float(value)
    return out


def evaluate_parts(directory: Path, corpus: Path | None = None) -> dict:
    """dev, held-out and all from one analysis run, plus the headline cases (what scores.json records)."""
    golds, analyses = _analysed(directory, corpus)
    out = {part: figures(score_articles(_of_part(golds, part), analyses)) for part in ("held-out", "dev", "all")}
    cases = _headline_cases(directory)
    if cases is not None:
        out["headlines"] = figures(score_headlines(cases), HEADLINE_GATED)
    return out
