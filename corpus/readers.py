"""Read news articles from files into :class:`~corpus.document.Document` records.

Every input is accounted for: :func:`read_documents` yields a ``Document`` for each article it
could read and a ``Skipped`` (with the reason) for each one it could not, in input order.

Supported inputs: directories (walked recursively, files sorted), ``.txt`` / ``.md`` (first line
is the headline; byline and date lines become metadata), ``.html`` / ``.htm`` (main text by
trafilatura), ``.jsonl`` and ``.json`` (one document per record; field names configurable).
A ``manifest.json`` in a directory supplies title, date and outlet for the files it lists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_article, parse_date
from .document import Document, Skipped
from .errors import EmptyInput, PathNotFound, UsageError

__all__ = [
    "Fields",
    "read_documents",
    "iter_input_files",
    "decode_bytes",
    "SUPPORTED_SUFFIXES",
    "SAMPLE_DIR",
]

SAMPLE_DIR = Path(__file__).parent / "sample"
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MANIFEST = "manifest.json"
_MIN_WORDS = 5  # below this a record holds no article text worth a document


@dataclass(frozen=True, slots=True)
class Fields:
    """Which JSON fields hold a record's id, title, date and text (plus optional outlet, url).

    ``Fields.parse("id,title,date,text")`` builds one from the CLI's comma-separated form.
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


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes: UTF-8 (BOM or not), else Windows-1252, else Latin-1.

    Returns the text and a note naming the fallback used (None for UTF-8).

    Examples
    --------
    >>> decode_bytes("Nicolás".encode("utf-8"))
    ('Nicolás', None)
    >>> decode_bytes("Nicolás".encode("cp1252"))
    ('Nicolás', 'not valid UTF-8; decoded as Windows-1252')
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not valid UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not valid UTF-8 or Windows-1252; decoded as Latin-1"


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.1


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Expand the user's paths into files, directories walked recursively in sorted order.

    Raises :class:`PathNotFound` for a path that does not exist, :class:`EmptyInput` when a
    directory holds no supported file.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PathNotFound(f"No such file or directory: {str(raw)!r}")
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != MANIFEST
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise EmptyInput(f"Directory {str(raw)!r} holds no article files ({suffixes})")
            yield from files
        else:
            yield path


def _manifest(directory: Path, cache: dict) -> dict:
    if directory not in cache:
        entries = {}
        mpath = directory / MANIFEST
        if mpath.is_file():
            try:
                data = json.loads(mpath.read_text("utf-8"))
                for entry in data.get("documents", []):
                    entries[entry["file"]] = entry
            except (ValueError, KeyError, TypeError, AttributeError):
                entries = {}
        cache[directory] = entries
    return cache[directory]


def read_documents(
    paths: Iterable[str | os.PathLike],
    *,
    fields: Fields | None = None,
    dedupe: bool = True,
    seen_ids: set[str] | None = None,
    seen_texts: dict[str, str] | None = None,
) -> Iterator[Document | Skipped]:
    """Yield a Document or a Skipped record for every article in ``paths``.

    Parameters
    ----------
    paths : iterable of path-like
        Files and directories.
    fields : Fields, optional
        JSON field names (default ``id,title,date,text``).
    dedupe : bool
        Skip exact duplicates (same cleaned text) of an earlier document, naming it.
    seen_ids, seen_texts : set and dict, optional
        Ids and ``text_hash -> id`` of documents read before (updated in place), so that a
        later call continues an earlier one: the same id renaming and duplicate skipping.

    Examples
    --------
    >>> docs = [d for d in read_documents([SAMPLE_DIR]) if isinstance(d, Document)]
    >>> [d.id for d in docs][:2]
    ['000_53bb900a20402a61', '001_b5732ac235b8c54a']
    >>> docs[0].date, docs[0].outlet
    ('2026-01-22', 'bnl')
    """
    fields = fields or Fields()
    seen_text = seen_texts if seen_texts is not None else {}
    seen_ids = seen_ids if seen_ids is not None else set()
    manifests: dict = {}
    found = False
    for path in iter_input_files(paths):
        for item in _read_file(path, fields, manifests):
            found = True
            if isinstance(item, Document):
                if item.id in seen_ids:
                    base, n = item.id, 2
                    while f"{base}~{n}" in seen_ids:
                        n += 1
                    item.notes.append(f"id {base!r} already used; renamed {base}~{n}")
                    item.id = f"{base}~{n}"
                seen_ids.add(item.id)
                if dedupe:
                    digest = item.text_hash
                    if digest in seen_text:
                        yield Skipped(item.id, item.path, f"duplicate of {seen_text[digest]}")
                        continue
                    seen_text[digest] = item.id
            yield item
    if not found:
        raise EmptyInput("No article files found in the given paths")


def _read_file(path: Path, fields: Fields, manifests: dict) -> Iterator[Document | Skipped]:
    suffix = path.suffix.lower()
    stem = path.stem
    if suffix not in SUPPORTED_SUFFIXES:
        yield Skipped(stem, str(path), f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(stem, str(path), f"unreadable: {err.strerror or err}")
        return
    if _is_binary(data):
        yield Skipped(stem, str(path), "binary file, not text")
        return
    text, note = decode_bytes(data)
    if suffix in JSON_SUFFIXES:
        yield from _read_json(path, text, fields, note)
        return
    if suffix in HTML_SUFFIXES:
        doc = _html_document(path, text)
    else:
        cleaned = clean_article(text)
        doc = Document(id=stem, text=cleaned.text, title=cleaned.title, date=cleaned.date,
                       author=cleaned.author, path=str(path))
    if doc is None or doc.words < _MIN_WORDS:
        yield Skipped(stem, str(path), "no article text found")
        return
    if note:
        doc.notes.append(note)
    entry = _manifest(path.parent, manifests).get(path.name)
    if entry:
        for key in ("title", "date", "outlet", "url"):
            if entry.get(key):
                setattr(doc, key, entry[key])
    yield doc


def _html_document(path: Path, html: str) -> Document | None:
    import trafilatura  # imported here: only HTML inputs pay for it

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except (ValueError, TypeError):
        return None
    if result is None:
        return None
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = meta.get("text") or ""
    title = meta.get("title")
    cleaned = clean_article(body, title_line=False)
    text = cleaned.text
    if title:
        text = f"{title}\n\n{text}"
    date = meta.get("date")
    return Document(
        id=path.stem,
        text=text,
        title=title,
        date=parse_date(date) if date else cleaned.date,
        outlet=meta.get("sitename") or meta.get("hostname"),
        url=meta.get("url"),
        author=meta.get("author") or cleaned.author,
        path=str(path),
    )


def _read_json(path: Path, text: str, fields: Fields, note: str | None) -> Iterator[Document | Skipped]:
    """Records of a .jsonl file (one per line) or a .json file (a list or one object)."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as err:
            yield Skipped(path.stem, str(path), f"malformed JSON: {err}")
            return
        records = data if isinstance(data, list) else [data]
        numbered = ((i, rec) for i, rec in enumerate(records, 1))
        where = "record"
    else:
        numbered = _jsonl_lines(text)
        where = "line"
    for n, rec in numbered:
        if isinstance(rec, Exception):
            yield Skipped(f"{path.stem}:{n}", f"{path}:{n}", f"malformed JSON on {where} {n}: {rec}")
            continue
        if not isinstance(rec, dict):
            yield Skipped(f"{path.stem}:{n}", f"{path}:{n}", f"{where} {n} is not a JSON object")
            continue
        doc_id = str(rec.get(fields.id) or f"{path.stem}:{n}")
        body = rec.get(fields.text)
        if not isinstance(body, str) or len(body.split()) < _MIN_WORDS:
            missing = "missing" if body is None else "empty or too short"
            yield Skipped(doc_id, f"{path}:{n}", f"text field {fields.text!r} {missing}")
            continue
        title = rec.get(fields.title)
        cleaned = clean_article(body, title_line=False)
        text_out = cleaned.text
        if isinstance(title, str) and title.strip() and not text_out.startswith(title.strip()):
            text_out = f"{title.strip()}\n\n{text_out}"
        raw_date = rec.get(fields.date)
        doc = Document(
            id=doc_id,
            text=text_out,
            title=title if isinstance(title, str) else None,
            date=parse_date(str(raw_date)) if raw_date else cleaned.date,
            outlet=rec.get(fields.outlet) if isinstance(rec.get(fields.outlet), str) else None,
            url=rec.get(fields.url) if isinstance(rec.get(fields.url), str) else None,
            path=f"{path}:{n}",
        )
        if note:
            doc.notes.append(note)
        yield doc


def _jsonl_lines(text: str) -> Iterator[tuple[int, object]]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as err:
            yield n, err

