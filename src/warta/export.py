"""Article exports: JSONL, CSV and Parquet, streamed in constant memory.

Each writer takes stored articles and a target (a path, or None for
standard output where the format allows it) and returns how many it wrote.
The columns are the Article fields plus `version`; `body` is a list in JSONL
and Parquet and paragraphs joined by blank lines in CSV.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from warta.store.base import StoredArticle

COLUMNS = ["id", "external_id", "version", "published", "section", "source", "title", "subtitle", "caption",
           "caption_credit", "dateline", "body", "text", "url", "path", "format", "content_hash"]


@contextmanager
def _open_text(target: Path | None):
    if target is None:
        yield sys.stdout
    else:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            yield handle


def _row(stored: StoredArticle) -> dict:
    data = stored.to_dict()
    return {column: data.get(column) for column in COLUMNS}


def write_jsonl(articles: Iterable[StoredArticle], target: Path | None) -> int:
    count = 0
    with _open_text(target) as out:
        for stored in articles:
            out.write(json.dumps(_row(stored), ensure_ascii=False) + "\n")
            count += 1
    return count


def write_csv(articles: Iterable[StoredArticle], target: Path | None) -> int:
    count = 0
    with _open_text(target) as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for stored in articles:
            row = _row(stored)
            row["body"] = "\n\n".join(row["body"])
            writer.writerow(row)
            count += 1
    return count


def write_parquet(articles: Iterable[StoredArticle], target: Path | None, batch_size: int = 2000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(c, pa.list_(pa.string()) if c == "body" else pa.int64() if c == "version" else pa.string())
              for c in COLUMNS]
    schema = pa.schema(fields)
    count = 0
    with pq.ParquetWriter(str(target), schema, compression="zstd") as writer:
        batch: list[dict] = []
        for stored in articles:
            batch.append(_row(stored))
            count += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


WRITERS: dict[str, Callable[[Iterable[StoredArticle], Path | None], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}
