"""warta: Indonesian news articles into a structured, searchable knowledge base."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("warta")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"

from warta.model import Article, Reject  # noqa: E402

__all__ = ["Article", "Reject", "__version__"]
