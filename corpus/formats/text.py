"""Plain text and Markdown: the first line is the headline; byline and date lines become metadata."""

from __future__ import annotations

from ..clean import clean_article
from ..registry import register_reader

__all__ = ["read_text"]


@register_reader(".txt", ".md", ".text")
def read_text(source):
    """One document per file.

    Examples
    --------
    >>> from pathlib import Path
    >>> from newsgraph.corpus.registry import Fields, Source
    >>> src = Source(Path("a.txt"), "a.txt", "a", "Talks\\n\\nBy Jo Roe | May 2, 2024\\nRussia met Cuba.", Fields())
    >>> [d] = read_text(src)
    >>> d.id, d.title, d.date, d.author
    ('a', 'Talks', '2024-05-02', 'Jo Roe')
    """
    cleaned = clean_article(source.text)
    yield source.document(text=cleaned.text, title=cleaned.title, date=cleaned.date, author=cleaned.author)
