"""Score the production merge rule (warta.event_merge.same_happening) on the event-pair gold.

    PYTHONPATH=src python training/event_pairs/score.py [dev|heldout ...]

Analyses the gold articles with warta (one fresh store), so it needs ../shared.
Prints one JSON line per part (both parts by default) and, for dev, the
pairs the rule gets wrong with its reasons. Tune on dev only.
"""

from __future__ import annotations

import json
import sys

from warta.event_merge import same_happening
from warta.gold.event_pairs import analyse, read_event_pairs, score_merges


def main(parts: list[str]) -> None:
    pairs = read_event_pairs()
    analyses = analyse({i for p in pairs for i in (p.a, p.b)})
    for part_name in parts:
        result = score_merges(same_happening, part_name, analyses=analyses)
        errors = result.pop("errors")
        print(part_name, json.dumps(result))
        if part_name == "dev":
            for error in errors:
                print("  ", json.dumps(error))


if __name__ == "__main__":
    main(sys.argv[1:] or ["dev", "heldout"])
