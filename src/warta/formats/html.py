"""Reader for saved HTML article pages, through trafilatura.

trafilatura finds the article body, headline, date and site among the page
furniture; we only check that what it found is an article (a date and some
paragraphs) and shape it as one.
"""

from __future__ import annotations

from warta.formats.boilerplate import without_boilerplate
from warta.formats.dates import parse_published
from warta.formats.wartatext import FormatError, external_id_from_path
from warta.model import Article


def parse(text: str, path: str | None = None) -> Article:
    import trafilatura  # slow to import; only HTML input pays for it

    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True)
    if document is None:
        raise FormatError("not_article", "no article text found in the HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    body_text = data.get("text") or ""
    body = without_boilerplate([p.strip() for p in body_text.split("\n") if p.strip()])
    if not body:
        raise FormatError("no_body", "the HTML page has no article paragraphs")
    if not data.get("date"):
        raise FormatError("bad_date", "no publication date found in the HTML page")
    published = parse_published(str(data["date"]))
    title = data.get("title") or body[0]
    categories = data.get("categories") or []
    return Article(
        published=published,
        title=title,
        subtitle=data.get("description"),
        body=body,
        section=categories[0] if categories else None,
        source=data.get("sitename") or data.get("hostname"),
        url=data.get("url"),
        external_id=external_id_from_path(path),
        path=path,
        format="html",
    )
