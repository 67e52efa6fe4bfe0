"""Gold annotations on real news articles, and scoring warta against them.

The articles are third-party text (IndoSum, CC BY-SA 4.0) kept outside the
repository in `../shared/data/corpus`; the annotations are ours, one JSON file
per article under `tests/gold/real/`, each pointing into the canonical text
that `warta.gold.corpus.article_of` rebuilds from the corpus record.
"""
