"""Select the candidate article pairs of the copies-and-stories gold.

Random pairs of the corpus are nearly all unrelated, so candidates are drawn
in strata, each seeded and capped, and then labelled by reading both texts
(the score that selected a pair is never its label):

  jaccard-high   word-3-shingle Jaccard >= 0.10 (every such pair)
  jaccard-mid    0.05 <= Jaccard < 0.10 (every such pair)
  jaccard-low    0.02 <= Jaccard < 0.05 (a sample)
  names          >= 3 shared rare capitalised names, published within 3 days
  same-days      same category, published within 2 days (a sample)
  random         any two articles (a sample)
  variant        a light edit of a real article (`warta.gold.stories.EDITS`),
                 one to three edits with their seed; these are `copy` by construction
                 but were read too

The selection is deterministic (SEED). It writes candidates without labels
to stdout, one JSON line each with its stratum; labels are added by hand.

    PYTHONPATH=src python training/stories/select_pairs.py > /tmp/candidates.jsonl
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from collections import Counter, defaultdict

from warta.gold.corpus import default_corpus_path
from warta.gold.stories import EDITS, published_at, read_corpus

SEED = 18
CAPS = {"jaccard-low": 60, "names": 60, "same-days": 30, "random": 40, "variant": 80}
#: Shingles shared by more articles than this are boilerplate, not evidence.
COMMON_SHINGLE = 50
#: A name in more than this share of articles (Jakarta, Indonesia) is not rare.
RARE_NAME_SHARE = 0.01


def shingles(text: str, k: int = 3) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def names(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*", text))


def main() -> None:
    rng = random.Random(SEED)
    corpus = read_corpus(default_corpus_path())
    ids = sorted(corpus)
    texts = [corpus[i]["text"] for i in ids]
    when = [published_at(corpus[i]) for i in ids]
    sets = [shingles(t) for t in texts]

    index = defaultdict(list)
    for n, s in enumerate(sets):
        for shingle in s:
            index[shingle].append(n)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        if len(members) <= COMMON_SHINGLE:
            shared.update(itertools.combinations(members, 2))
    jaccard = {pair: c / len(sets[pair[0]] | sets[pair[1]]) for pair, c in shared.items()}

    chosen: dict[tuple[int, int], str] = {}

    def take(stratum: str, pairs: list[tuple[int, int]], cap: int | None = None) -> None:
        pairs = [p for p in sorted(pairs) if p not in chosen]
        if cap is not None and len(pairs) > cap:
            pairs = rng.sample(pairs, cap)
        for p in pairs:
            chosen[p] = stratum

    take("jaccard-high", [p for p, j in jaccard.items() if j >= 0.10])
    take("jaccard-mid", [p for p, j in jaccard.items() if 0.05 <= j < 0.10])
    take("jaccard-low", [p for p, j in jaccard.items() if 0.02 <= j < 0.05], CAPS["jaccard-low"])

    name_sets = [names(t) for t in texts]
    frequency = Counter(n for s in name_sets for n in s)
    rare = [{n for n in s if frequency[n] <= RARE_NAME_SHARE * len(ids)} for s in name_sets]
    order = sorted(range(len(ids)), key=lambda n: when[n])
    near_names, same_days = [], []
    for x, i in enumerate(order):
        for j in order[x + 1:]:
            days = (when[j] - when[i]).total_seconds() / 86400
            if days > 3:
                break
            pair = (min(i, j), max(i, j))
            if len(rare[i] & rare[j]) >= 3:
                near_names.append(pair)
            if days <= 2 and corpus[ids[i]]["category"] == corpus[ids[j]]["category"]:
                same_days.append(pair)
    take("names", near_names, CAPS["names"])
    take("same-days", same_days, CAPS["same-days"])
    take("random", [tuple(sorted(rng.sample(range(len(ids)), 2))) for _ in range(CAPS["random"])])

    out = sys.stdout
    for (i, j), stratum in sorted(chosen.items(), key=lambda item: (item[1], item[0])):
        first, second = (i, j) if when[i] <= when[j] else (j, i)
        out.write(json.dumps({"a": ids[first], "b": ids[second], "stratum": stratum,
                              "jaccard": round(jaccard.get((i, j), 0.0), 3)}) + "\n")
    edits = sorted(EDITS)
    for _ in range(CAPS["variant"]):
        original = ids[rng.randrange(len(ids))]
        recipe = rng.sample(edits, rng.randint(1, 3))
        recipe.sort(key=edits.index)
        seed = rng.randrange(10_000)
        out.write(json.dumps({"a": original, "b": {"variant_of": original, "seed": seed, "recipe": recipe},
                              "stratum": "variant"}) + "\n")


if __name__ == "__main__":
    main()
