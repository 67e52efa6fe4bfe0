"""The `Doc` attributes warta's components write and read.

Each component registers what it assigns (`doc._.times`, `doc._.events`) when
its module is imported; readers use :func:`items`, which is empty when the
component that writes a list is not in the pipeline.
"""

from __future__ import annotations

from spacy.tokens import Doc


def register(*names: str) -> None:
    """Declare `doc._.<name>` for each name (default None); registering twice is harmless."""
    for name in names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def items(doc: Doc, name: str) -> list:
    """`doc._.<name>` as a list: [] when unset or never registered."""
    return (getattr(doc._, name, None) or []) if Doc.has_extension(name) else []
