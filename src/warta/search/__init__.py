"""Full-text search: Indonesian stemming, query parsing, the index, snippets."""
