"""Print gold articles sentence by sentence with offsets (annotation aid).

    PYTHONPATH=src python training/event_pairs/show.py ID [ID ...]

The text is warta.gold.corpus.article_of(record).text, the one gold offsets
point into; sentences come from warta.gold.event_pairs.sentences.
"""

from __future__ import annotations

import sys

from warta.gold.corpus import article_of, default_corpus_path, records_by_id
from warta.gold.event_pairs import sentences


def main(ids: list[str]) -> None:
    records = records_by_id(default_corpus_path())
    for prefix in ids:
        id_ = next(key for key in records if key.startswith(prefix))
        article = article_of(records[id_])
        print(f"=== {id_} published {article.published}")
        for i, (start, end) in enumerate(sentences(article.text)):
            print(f"[{i}] {start}-{end} {article.text[start:end]}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
