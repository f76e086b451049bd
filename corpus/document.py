"""The Document record and the record of a skipped input."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

from .safe import repair_surrogates, safe_text, strip_controls

__all__ = ["Document", "Skipped"]


@dataclass(slots=True)
class Document:
    """One news article, cleaned and ready for extraction.

    Character offsets produced by the extractors refer to ``text``.

    Examples
    --------
    >>> d = Document(id="a1", text="Russia offered asylum.", title="Asylum")
    >>> d.words
    3
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    author: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. the encoding fallback used

    def __post_init__(self):
        # Untrusted data: no lone surrogate (cannot be hashed or stored) nor control character
        # (breaks XML exports) gets past the record.
        self.text, repaired = repair_surrogates(self.text)
        self.text = strip_controls(self.text)
        for name in ("id", "title", "date", "outlet", "url", "path", "author"):
            value = getattr(self, name)
            if isinstance(value, str):
                value, count = repair_surrogates(value)
                repaired += count
                setattr(self, name, strip_controls(value))
        if repaired:
            self.notes.append(f"replaced {repaired} lone surrogate(s) with U+FFFD")
        self.notes = [safe_text(n) for n in self.notes]

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def text_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict:
        """The metadata kept in the graph's document index."""
        return {"title": self.title, "date": self.date, "outlet": self.outlet, "url": self.url, "path": self.path}

    def status_record(self) -> dict:
        """The ``documents.jsonl`` line of a processed document."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "outlet": self.outlet,
            "status": "processed",
            "reason": "; ".join(self.notes) or None,
            "words": self.words,
        }

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Skipped:
    """An input that could not be turned into a Document, and why."""

    id: str | None
    path: str | None
    reason: str

    def __post_init__(self):
        self.id = safe_text(self.id) if isinstance(self.id, str) else self.id
        self.path = safe_text(self.path) if isinstance(self.path, str) else self.path
        self.reason = " ".join(safe_text(str(self.reason)).split())  # one line

    def status_record(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "title": None,
            "date": None,
            "outlet": None,
            "status": "skipped",
            "reason": self.reason,
            "words": 0,
        }
