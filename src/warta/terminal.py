"""How warta prints for people: tables that stay readable in 80 columns,
counts in good English, and names that cannot garble the terminal.

- A date, a code or a count is never cut or folded; long text wraps
  instead. Ids go under the name they belong to, where an id too long for
  the terminal (some organisations' are 70 characters) folds whole onto the
  next line rather than losing its end to an ellipsis.
- `1 article`, `2 articles`: every count goes through `plural`.
- A file name may hold control characters (`\\x1b[2J` clears the screen,
  `\\r` hides what came before); `printable` shows them as escapes, and
  escapes Rich markup too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.markup import escape
from rich.table import Table


def plural(count: int, word: str, many: str | None = None) -> str:
    """`plural(1, "article")` -> `1 article`; `plural(1200, "entity", "entities")` -> `1,200 entities`."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def printable(text: object) -> str:
    """`text` with control and other invisible characters escaped, safe as Rich markup."""
    value = str(text)
    if not value.isprintable():
        value = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)
    return escape(value)


class Column:
    """One column of a `table`: `key` columns (ids, dates, codes) are never
    cut; `number` columns are right-aligned; text columns wrap."""

    def __init__(self, header: str, kind: str = "text", share: int | None = None):
        """`share`: for text columns, how much of the room left this one gets
        relative to the others that have a share (an evidence sentence more
        than a place name)."""
        self.header, self.kind, self.share = header, kind, share


def table(columns: Sequence[Column | str], rows: Iterable[Sequence[str]], **options) -> Table:
    """A Rich table whose key and number columns are as wide as their widest
    value (so Rich shrinks and wraps only the text columns)."""
    cells = [list(row) for row in rows]
    heads = [column if isinstance(column, Column) else Column(column) for column in columns]
    options.setdefault("box", box.SIMPLE_HEAD)  # no vertical rules: their columns go to the text
    if any(column.share for column in heads):
        options.setdefault("expand", True)  # Rich shares out width by ratio only in an expanded table
    out = Table(**options)
    for i, column in enumerate(heads):
        if column.kind in ("key", "number"):
            width = max([_visible_width(column.header), *(_visible_width(row[i]) for row in cells)])
            out.add_column(column.header, no_wrap=True, min_width=width,
                           justify="right" if column.kind == "number" else "left")
        else:
            out.add_column(column.header, overflow="fold", ratio=column.share)
    for row in cells:
        out.add_row(*row)
    return out


def _visible_width(cell: str) -> int:
    """The widest line of `cell` as shown (markup left out): a two-line cell is as wide as its longer line."""
    from rich.text import Text

    return max(Text.from_markup(line).cell_len for line in cell.split("\n"))
