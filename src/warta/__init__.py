"""warta: Indonesian news articles into a structured, searchable knowledge base."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("warta")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"

from warta.model import Article, Reject  # noqa: E402

__all__ = ["Article", "Corpus", "Reject", "analyze", "__version__"]


def __getattr__(name: str):
    if name == "Corpus":  # imported lazily: it pulls in the store and the search index
        from warta.corpus import Corpus

        return Corpus
    raise AttributeError(name)


def analyze(text_or_path):
    """Analyse one article given as a path or as warta text: `warta.analyze(path) -> Analysis`.

    Loads the NLP pipeline on first use (about a second), then reuses it.
    """
    from warta.nlp.analysis import analyze as run
    from warta.nlp.analysis import read_article

    article = text_or_path if isinstance(text_or_path, Article) else read_article(text_or_path)
    return run(article)
