"""Read news articles from files into :class:`~corpus.document.Document` records.

Every input is accounted for: :func:`read_documents` yields a ``Document`` for each article it
could read and a ``Skipped`` (with the reason) for each one it could not, in input order: files
of an unsupported type, hidden files and folders, unreadable or binary files, symlinks that lead
outside the input folder, bad manifest entries, records that fail to read or clean (the reason
names the exception class) and texts over the length limit. No input error escapes.

Formats come from the registry (:mod:`corpus.registry`, one module per format in
``corpus/formats/``): ``.txt`` / ``.md`` (first line is the headline; byline and date lines
become metadata), ``.html`` / ``.htm`` (main text by trafilatura), ``.jsonl`` and ``.json`` (one
document per record; field names configurable). A ``manifest.json`` in a directory supplies
title, date and outlet for the files it lists (see :mod:`corpus.manifest`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import Document, Skipped
from .errors import EmptyInput, InputsSkipped, NothingProcessed, PathNotFound
from .manifest import MANIFEST, Manifest, manifest_path, read_manifest
from .registry import Fields, Reader, Source, describe_error, reader_for, supported_suffixes
from .safe import display_path

__all__ = [
    "Fields",
    "read_documents",
    "iter_input_files",
    "portable_path",
    "count_inputs",
    "check_outcome",
    "decode_bytes",
    "supported_suffixes",
    "SAMPLE_DIR",
    "MAX_CHARS",
]

SAMPLE_DIR = Path(__file__).parent / "sample"
MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length: longer texts are skipped with the reason
_MIN_WORDS = 5  # below this a file holds no article text worth a document
_BOMS = [  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"),
]


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes: a UTF-32/UTF-16 byte order mark, else UTF-8 (BOM or not), else
    Windows-1252, else Latin-1.

    Returns the text and a note naming the decoding used (None for UTF-8).

    Examples
    --------
    >>> decode_bytes("Nicolás".encode("utf-8"))
    ('Nicolás', None)
    >>> decode_bytes("Nicolás".encode("cp1252"))
    ('Nicolás', 'not valid UTF-8; decoded as Windows-1252')
    >>> decode_bytes("Nicolás".encode("utf-16"))
    ('Nicolás', 'decoded as UTF-16 (byte order mark)')
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, "replace")
            bad = text.count("\ufffd") - data[len(bom):].decode(codec, "ignore").count("\ufffd")
            note = f"decoded as {label} (byte order mark)"
            return text, note + (f"; {bad} invalid sequence(s) replaced" if bad else "")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not valid UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not valid UTF-8 or Windows-1252; decoded as Latin-1"


def _is_binary(text: str) -> bool:
    head = text[:8192]
    if "\x00" in head:
        return True
    control = sum(1 for c in head if c < " " and c not in "\t\n\x0c\r")
    return bool(head) and control / len(head) > 0.1


def _skip(path: Path, reason: str) -> Skipped:
    return Skipped(display_path(path.stem if path.suffix else path.name), display_path(path), reason)


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Expand the user's paths into files (directories walked recursively, sorted by path).

    Files inside a directory that cannot be read as articles come out as a ``Skipped`` with the
    reason: hidden files and folders (one record per folder), symlinks leading outside the
    directory or to a folder, special files, folders that cannot be listed. A directory's
    ``manifest.json`` is metadata, not an input. Raises :class:`PathNotFound` for a path that
    does not exist, :class:`EmptyInput` for a directory without any file.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PathNotFound(f"No such file or directory: {display_path(raw)!r}")
        if path.is_dir():
            found = sorted(_walk(path, path.resolve()), key=lambda item: item[0].parts)
            if not found:
                suffixes = ", ".join(sorted(supported_suffixes()))
                raise EmptyInput(f"Directory {display_path(raw)!r} holds no article files ({suffixes})")
            for _, item in found:
                yield item
        elif not path.is_file():
            yield _skip(path, "not a regular file")
        else:
            yield path


def _walk(directory: Path, root: Path) -> Iterator[tuple[Path, Path | Skipped]]:
    """``(path, path or Skipped)`` of every entry below ``directory``, in no particular order."""
    try:
        entries = list(os.scandir(directory))
    except OSError as err:
        yield directory, _skip(directory, f"folder not readable: {err.strerror or describe_error(err)}")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.name.startswith("."):
                kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
                yield path, _skip(path, f"hidden {kind} (name starts with a dot), not read")
            elif entry.is_symlink():
                yield path, _symlink(path, root)
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(path, root)
            elif entry.name == MANIFEST:
                continue
            elif stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                yield path, path
            else:
                yield path, _skip(path, "not a regular file")
        except OSError as err:
            yield path, _skip(path, f"unreadable: {err.strerror or describe_error(err)}")


def _symlink(path: Path, root: Path) -> Path | Skipped:
    """A symlink inside an input folder is read only when it leads to a file inside that folder."""
    target = path.resolve()
    if not target.exists():
        return _skip(path, "broken symlink")
    if not target.is_relative_to(root):
        return _skip(path, "symlink to outside the input folder, not followed")
    if not target.is_file():
        return _skip(path, "symlink to a folder, not followed")
    return path


def read_documents(
    paths: Iterable[str | os.PathLike],
    *,
    fields: Fields | None = None,
    dedupe: bool = True,
    seen_ids: set[str] | None = None,
    seen_texts: dict[str, str] | None = None,
    max_chars: int | None = MAX_CHARS,
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
    max_chars : int or None
        Skip documents whose text is longer (default spaCy's limit); None keeps every length.

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
    manifests: dict[Path, Manifest | None] = {}
    found = False
    for root in map(Path, paths):
        for item in _read_root(root, fields, manifests, max_chars):
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


def _read_root(root: Path, fields: Fields, manifests: dict, max_chars: int | None) -> Iterator[Document | Skipped]:
    """Every record of one input path, with paths shown relative to it (see :func:`portable_path`)."""
    for path in iter_input_files([root]):
        items = [path] if isinstance(path, Skipped) else _read_file(path, fields, manifests, max_chars)
        for item in items:
            item.path = portable_path(item.path, root)
            yield item


def portable_path(path: str | None, root: Path) -> str | None:
    """``path`` (as shown in records) relative to the input ``root`` the user named, led by its name.

    Records and every export hold these, never the absolute path of the machine that built the
    graph: a folder ``/home/me/news`` gives ``news/a.txt``, a file gives its name (``b.jsonl:3``
    for record 3 of it).

    Examples
    --------
    >>> portable_path("/home/me/news/2024/a.txt", Path("/home/me/news"))
    'news/2024/a.txt'
    >>> portable_path("data/b.jsonl:3", Path("data/b.jsonl")), portable_path(None, Path("x"))
    ('b.jsonl:3', None)
    """
    if path is None:
        return None
    shown = display_path(root)
    name = display_path(root.resolve().name) or shown
    if shown == ".":
        return f"{name}/{path}"
    if path == shown or path.startswith((shown + ":", shown + "/", shown + os.sep)):
        return name + path[len(shown):]
    return path


def _read_file(path: Path, fields: Fields, manifests: dict, max_chars: int | None) -> Iterator[Document | Skipped]:
    reader = reader_for(path)
    if reader is None:
        yield _skip(path, f"unsupported file type {display_path(path.suffix.lower()) or '(none)'!r}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield _skip(path, f"unreadable: {err.strerror or describe_error(err)}")
        return
    text, note = decode_bytes(data)
    if _is_binary(text):
        yield _skip(path, "binary file, not text")
        return
    manifest = None
    if reader.per_file:
        directory = path.parent
        if directory not in manifests:
            manifests[directory] = manifest = read_manifest(directory)
            for where, reason in manifest.problems if manifest else ():
                yield Skipped(f"{MANIFEST}:{where}" if where else MANIFEST,
                              f"{manifest_path(directory)}:{where}" if where else manifest_path(directory), reason)
        manifest = manifests[directory]
    source = Source(path, display_path(path), display_path(path.stem), text, fields)
    done = 0
    try:
        for item in reader.read(source):
            done += 1
            yield _finish(item, source, reader, manifest, note, max_chars)
    except Exception as err:  # noqa: BLE001 - isolation: a failing reader skips this file, not the run
        after = f" after {done} record(s)" if done else ""
        yield source.skipped(f"reader failed{after}: {describe_error(err)}")


def _finish(item: Document | Skipped, source: Source, reader: Reader, manifest: Manifest | None,
            note: str | None, max_chars: int | None) -> Document | Skipped:
    """Apply the decoding note, the manifest entry and the length checks to a reader's record."""
    if not isinstance(item, Document):
        return item
    if reader.per_file and item.words < _MIN_WORDS:
        return source.skipped("no article text found")
    if note:
        item.notes.append(note)
    if reader.per_file and manifest is not None:
        name = source.path.name
        for key, value in manifest.entries.get(name, {}).items():
            setattr(item, key, value)
        item.notes.extend(manifest.notes.get(name, ()))
    if max_chars is not None and len(item.text) > max_chars:
        return Skipped(item.id, item.path, f"text of {len(item.text):,} characters is over the limit of "
                                           f"{max_chars:,} (spaCy's max_length); not processed")
    return item


def count_inputs(paths: Iterable[str | os.PathLike]) -> int:
    """Quick estimate of the number of inputs in ``paths``, for progress bars: one per file, one
    per non-empty line of a JSON lines file, one per record of a JSON list (each format's reader
    registers how it counts). Never raises for a bad file.

    Examples
    --------
    >>> count_inputs([SAMPLE_DIR])
    5
    """
    total = 0
    for path in iter_input_files(paths):
        reader = None if isinstance(path, Skipped) else reader_for(path)
        try:
            total += reader.count(path) if reader is not None and reader.count is not None else 1
        except (OSError, ValueError, RecursionError):
            total += 1
    return total


def check_outcome(processed: int, skipped: list[tuple[str, str]], *, strict: bool = False) -> None:
    """Raise when a build's inputs did not give what the caller needs.

    :class:`NothingProcessed` when no document was processed; with ``strict``,
    :class:`InputsSkipped` when any input was skipped. Both are DataErrors (exit code 1).

    Examples
    --------
    >>> check_outcome(2, [("b", "binary file, not text")])
    >>> check_outcome(2, [("b", "binary file, not text")], strict=True)
    Traceback (most recent call last):
    ...
    newsgraph.corpus.errors.InputsSkipped: --strict: 1 input skipped (b: binary file, not text)
    """
    shown = "; ".join(f"{i}: {r}" for i, r in skipped[:3]) + ("; ..." if len(skipped) > 3 else "")
    plural = "input" if len(skipped) == 1 else "inputs"
    if processed == 0:
        raise NothingProcessed(f"No document processed: {len(skipped)} {plural} skipped ({shown})" if skipped
                               else "No document processed: the inputs hold no article")
    if strict and skipped:
        raise InputsSkipped(f"--strict: {len(skipped)} {plural} skipped ({shown})")
