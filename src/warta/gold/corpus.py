"""Real articles for the gold: IndoSum records rebuilt as warta Articles.

The annotations hold character offsets, so the text they point into must be
rebuilt the same way every time: `article_of` is the one definition. IndoSum
has no headlines, so every gold article gets the same neutral placeholder
title, which is never annotated and whose predictions are never scored.
IndoSum's dates are approximate (taken from an id epoch); many URLs carry the
real publication date (`/20161117...`, `/2018/02/23/`), which wins where present.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from warta.model import Article

#: The title every gold article gets; `TITLE_END` characters into the text
#: the body starts. Nothing in the title is annotated or scored.
PLACEHOLDER_TITLE = "(tanpa judul)"

#: Where the corpus sits relative to a checkout (`../shared`), overridable
#: with WARTA_SHARED as for the tests.
DEFAULT_CORPUS = Path("data") / "corpus" / "indosum-dev" / "articles.jsonl"

_URL_DATES = (
    re.compile(r"/(20\d\d)(\d\d)(\d\d)(?:\d{6})?[-/]"),      # cnnindonesia /20171009163812-, rimanews /read/20170413/
    re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/"),                   # suara, poskota, goal: /2018/02/23/
)


def default_corpus_path(root: Path | None = None) -> Path:
    """`../shared/data/corpus/indosum-dev/articles.jsonl` beside the checkout, or under WARTA_SHARED."""
    shared = os.environ.get("WARTA_SHARED")
    if shared:
        return Path(shared) / DEFAULT_CORPUS
    base = root or Path(__file__).resolve().parents[3]
    return base.parent / "shared" / DEFAULT_CORPUS


def published_of(record: dict) -> tuple[date, str]:
    """The publication date and where it came from: `url` when the URL states it, else `approx`."""
    for pattern in _URL_DATES:
        match = pattern.search(record.get("url") or "")
        if match:
            try:
                return date(*(int(g) for g in match.groups())), "url"
            except ValueError:
                pass
    return date.fromisoformat(record["approx_date_from_id_epoch"][:10]), "approx"


def article_of(record: dict) -> Article:
    """The Article warta analyses for one IndoSum record; gold offsets point into its `text`."""
    published, _ = published_of(record)
    paragraphs = [p for p in record["text"].split("\n\n") if p.strip()]
    return Article(published=published, title=PLACEHOLDER_TITLE, body=paragraphs,
                   section=record.get("category", "").upper() or None, source=record.get("source"),
                   external_id=record["id"], url=record.get("url"), format="jsonl")


def body_start(article: Article) -> int:
    """Offset where scoring starts: everything before it is the placeholder title."""
    return len(PLACEHOLDER_TITLE) + 2


def read_records(path: str | os.PathLike) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def records_by_id(path: str | os.PathLike, ids: set[str] | None = None) -> dict[str, dict]:
    return {r["id"]: r for r in read_records(path) if ids is None or r["id"] in ids}
