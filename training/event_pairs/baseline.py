"""The baseline merge rule on the event-pair gold: same type and the same source and target names.

    PYTHONPATH=src python training/event_pairs/baseline.py

Analyses the gold articles with warta (one fresh store), so it needs ../shared.
"""

import json

from warta.gold.event_pairs import analyse, read_event_pairs, score_merges


def decide(first, second):
    def name(actor):
        return actor.name.casefold() if actor else None
    a, b = first.event, second.event
    return a.type == b.type and name(a.source) == name(b.source) and name(a.target) == name(b.target)


pairs = read_event_pairs()
analyses = analyse({i for p in pairs for i in (p.a, p.b)})
for part_name in ("dev", "heldout", "all"):
    result = score_merges(decide, part_name, analyses=analyses)
    result.pop("errors")
    print(part_name, json.dumps(result))
