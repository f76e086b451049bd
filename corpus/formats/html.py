"""HTML pages: the main text and metadata by trafilatura (imported on the first HTML file)."""

from __future__ import annotations

from ..clean import clean_article, normalize_date
from ..registry import describe_error, register_reader

__all__ = ["read_html"]


@register_reader(".html", ".htm")
def read_html(source):
    """One document per page: its main text, title, date, site name, url and author.

    When metadata extraction fails on a malformed page (htmldate and lxml raise on some, e.g. a
    script inside SVG), the text alone is extracted and a note says why.
    """
    import trafilatura

    notes = []
    try:
        result = trafilatura.bare_extraction(source.text, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except Exception as err:  # noqa: BLE001 - any parser failure: retry without the metadata step
        notes.append(f"HTML metadata not read ({describe_error(err)})")
        result = trafilatura.bare_extraction(source.text, with_metadata=False, include_comments=False,
                                             include_tables=False)
    if result is None:
        yield source.skipped("; ".join(["no article text found", *notes]))
        return
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = meta.get("text") or ""
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    cleaned = clean_article(body, title_line=False)
    text = f"{title}\n\n{cleaned.text}" if title else cleaned.text
    date, problem = normalize_date(meta.get("date"))
    if problem:
        notes.append(problem)
    yield source.document(
        text=text,
        title=title,
        date=date or cleaned.date,
        outlet=meta.get("sitename") or meta.get("hostname"),
        url=meta.get("url"),
        author=meta.get("author") or cleaned.author,
        notes=notes,
    )
