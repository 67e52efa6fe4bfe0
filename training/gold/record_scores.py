"""Record warta's figures on the real-text gold, which the test gate holds.

    python training/gold/record_scores.py     # writes tests/gold/real/scores.json

Run it after a change that moves a figure (up, or knowingly down) and commit
the file with the change; `tests/test_gold_real.py` fails when a figure drops
more than 0.02 below what is recorded.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.score import evaluate_parts  # noqa: E402

OUT = ROOT / "tests" / "gold" / "real" / "scores.json"


def main() -> None:
    scores = evaluate_parts(ROOT / "tests" / "gold" / "real")
    rounded = {part: {k: round(v, 4) for k, v in values.items()} for part, values in scores.items()}
    OUT.write_text(json.dumps(rounded, indent=1) + "\n", encoding="utf-8")
    for part, values in rounded.items():
        print(part)
        for name, value in values.items():
            print(f"  {name:45s} {value:.3f}")


if __name__ == "__main__":
    main()
