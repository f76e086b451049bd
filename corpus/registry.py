"""The input-format registry: one module per format registers its reader for its suffixes.

A reader is a generator function taking a :class:`Source` (the file's decoded text and where it
came from) and yielding a :class:`~corpus.document.Document` or a
:class:`~corpus.document.Skipped` per record. Adding a format is one module in
``corpus/formats/`` (loaded on first use)::

    @register_reader(".txt", ".md")
    def read_text(source):
        yield source.document(text=source.text)

A reader may also register ``count`` (records in a file, for progress bars; default one).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Document, Skipped
from .errors import UsageError

__all__ = ["Fields", "Source", "Reader", "register_reader", "reader_for", "readers", "supported_suffixes",
           "describe_error"]


@dataclass(frozen=True, slots=True)
class Fields:
    """Which JSON fields hold a record's id, title, date and text (plus optional outlet, url).

    ``Fields.parse("id,title,date,text")`` builds one from the CLI's comma-separated form.

    Examples
    --------
    >>> Fields.parse("uid,headline,published,body").text
    'body'
    """

    id: str = "id"
    title: str = "title"
    date: str = "date"
    text: str = "text"
    outlet: str = "source"
    url: str = "url"

    @classmethod
    def parse(cls, spec: str | None) -> "Fields":
        if not spec:
            return cls()
        parts = [p.strip() for p in spec.split(",")]
        if len(parts) != 4 or not all(parts):
            raise UsageError(f"--fields needs four comma-separated names (id,title,date,text), got {spec!r}")
        return cls(*parts)


@dataclass(slots=True)
class Source:
    """One input file handed to a reader.

    Attributes
    ----------
    path : Path
        The file (for reading it again; may hold bytes that are not UTF-8).
    name : str
        The path as shown in records (see :func:`corpus.safe.display_path`).
    stem : str
        The file name without suffix, in the same safe form: the default document id.
    text : str
        The decoded content.
    fields : Fields
        JSON field names.
    """

    path: Path
    name: str
    stem: str
    text: str
    fields: Fields

    def document(self, **values) -> Document:
        """A Document of this file (id and path default to the file's)."""
        values.setdefault("id", self.stem)
        values.setdefault("path", self.name)
        return Document(**values)

    def skipped(self, reason: str, *, where: str | int | None = None, id: str | None = None) -> Skipped:
        """A Skipped record of this file, or of record ``where`` in it."""
        if where is None:
            return Skipped(id or self.stem, self.name, reason)
        return Skipped(id or f"{self.stem}:{where}", f"{self.name}:{where}", reason)


@dataclass(frozen=True, slots=True)
class Reader:
    """A registered input format."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Source], Iterator[Document | Skipped]]
    count: Callable[[Path], int] | None = None
    per_file: bool = True  # one document per file: the folder's manifest.json applies to it


_READERS: dict[str, Reader] = {}
_LOADED = False


def register_reader(*suffixes: str, count: Callable[[Path], int] | None = None, per_file: bool = True):
    """Register the decorated generator function as the reader of ``suffixes`` (lower case, with dot).

    Examples
    --------
    >>> @register_reader(".example-notes")
    ... def read_notes(source):
    ...     yield source.document(text=source.text)
    >>> reader_for(Path("a.EXAMPLE-NOTES")).name
    'read_notes'
    >>> _ = _READERS.pop(".example-notes")
    """
    for suffix in suffixes:
        if not suffix.startswith(".") or suffix != suffix.lower():
            raise ValueError(f"A suffix is lower case and starts with a dot, got {suffix!r}")

    def decorate(func):
        reader = Reader(func.__name__, tuple(suffixes), func, count, per_file)
        for suffix in suffixes:
            if suffix in _READERS and _READERS[suffix].read is not func:
                raise ValueError(f"Suffix {suffix!r} is already read by {_READERS[suffix].name}")
            _READERS[suffix] = reader
        return func

    return decorate


def _load() -> None:
    """Import every module of ``corpus.formats`` once: each registers its readers."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    from . import formats

    for info in pkgutil.iter_modules(formats.__path__):
        importlib.import_module(f"{formats.__name__}.{info.name}")


def readers() -> dict[str, Reader]:
    """``{suffix: Reader}`` of every registered format."""
    _load()
    return dict(_READERS)


def supported_suffixes() -> frozenset[str]:
    """The suffixes some reader takes.

    Examples
    --------
    >>> sorted(supported_suffixes())
    ['.htm', '.html', '.json', '.jsonl', '.md', '.ndjson', '.text', '.txt']
    """
    _load()
    return frozenset(_READERS)


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path``'s suffix (case-insensitive), or None."""
    _load()
    return _READERS.get(path.suffix.lower())


def describe_error(err: BaseException) -> str:
    """``ClassName: first line of the message`` (at most 200 characters), for a Skipped reason.

    Examples
    --------
    >>> describe_error(ValueError("bad value\\nmore detail"))
    'ValueError: bad value'
    """
    message = str(err).strip().splitlines()[0] if str(err).strip() else ""
    if len(message) > 200:
        message = message[:200] + "..."
    return f"{type(err).__name__}: {message}" if message else type(err).__name__
