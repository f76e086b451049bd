"""``manifest.json``: a folder's name and per-file title, date, outlet and url, validated per entry.

A manifest that cannot be parsed is reported once and ignored; an entry that is not an object or
names no file is reported and ignored; a bad value in an entry (a date that is not a calendar
date, a title that is not a string) is reported on that file's document and the rest of the
entry still applies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .clean import normalize_date
from .registry import describe_error
from .safe import display_path

__all__ = ["MANIFEST", "Manifest", "read_manifest", "manifest_name"]

MANIFEST = "manifest.json"
_STRING_KEYS = ("title", "outlet", "url")


@dataclass(slots=True)
class Manifest:
    """A parsed manifest.

    Attributes
    ----------
    name : str or None
        The corpus display name.
    entries : dict
        ``{file name: {"title", "date", "outlet", "url"}}`` (only valid values).
    notes : dict
        ``{file name: [problem, ...]}`` for entries with a bad value.
    problems : list of (where, reason)
        Problems not tied to one file: the manifest itself, or an entry without a file name.
    """

    name: str | None = None
    entries: dict[str, dict] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)


def parse_manifest(text: str) -> Manifest:
    """Validate a manifest's JSON text entry by entry.

    Examples
    --------
    >>> m = parse_manifest('{"name": "x", "documents": [{"file": "a.txt", "date": "2020-02-30", '
    ...                    '"title": "A"}, 7, {"file": "b.txt", "date": 1700000000}]}')
    >>> m.entries
    {'a.txt': {'title': 'A'}, 'b.txt': {'date': '2023-11-14'}}
    >>> m.notes["a.txt"]
    ["manifest: date '2020-02-30' is not a calendar date; ignored"]
    >>> m.problems
    [('2', 'manifest entry 2 ignored: not a JSON object')]
    """
    manifest = Manifest()
    try:
        data = json.loads(text)
    except RecursionError:
        manifest.problems.append(("", "manifest ignored: JSON nested too deeply"))
        return manifest
    except ValueError as err:
        manifest.problems.append(("", f"manifest ignored: {describe_error(err)}"))
        return manifest
    if not isinstance(data, dict):
        manifest.problems.append(("", "manifest ignored: not a JSON object"))
        return manifest
    if isinstance(data.get("name"), str) and data["name"].strip():
        manifest.name = data["name"].strip()
    documents = data.get("documents", [])
    if not isinstance(documents, list):
        manifest.problems.append(("", "manifest ignored: 'documents' is not a list"))
        return manifest
    for n, entry in enumerate(documents, 1):
        if not isinstance(entry, dict):
            manifest.problems.append((str(n), f"manifest entry {n} ignored: not a JSON object"))
            continue
        name = entry.get("file")
        if not isinstance(name, str) or not name:
            manifest.problems.append((str(n), f"manifest entry {n} ignored: no 'file' name"))
            continue
        values, notes = {}, []
        for key in _STRING_KEYS:
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                values[key] = value.strip()
            elif value not in (None, ""):
                notes.append(f"manifest: {key} of type {type(value).__name__} ignored")
        date, problem = normalize_date(entry.get("date"))
        if date:
            values["date"] = date
        if problem:
            notes.append(f"manifest: {problem}")
        if name in manifest.entries:
            notes.append(f"manifest: entry {n} repeats {name!r}; the later one applies")
        manifest.entries[name] = values
        if notes:
            manifest.notes.setdefault(name, []).extend(notes)
    return manifest


def read_manifest(directory: str | Path) -> Manifest | None:
    """The manifest of ``directory``, or None when it has none.

    Examples
    --------
    >>> from newsgraph.corpus.readers import SAMPLE_DIR
    >>> read_manifest(SAMPLE_DIR).entries["000_53bb900a20402a61.txt"]["outlet"]
    'bnl'
    """
    path = Path(directory) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = path.read_bytes()
    except OSError as err:
        return Manifest(problems=[("", f"manifest unreadable: {err.strerror or err}")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Manifest(problems=[("", "manifest ignored: not valid UTF-8")])
    return parse_manifest(text)


def manifest_name(directory: str | Path) -> str | None:
    """The display name in ``directory``'s manifest, or None."""
    try:
        manifest = read_manifest(directory)
    except OSError:
        return None
    return manifest.name if manifest else None


def manifest_path(directory: Path) -> str:
    """The manifest's path as shown in records."""
    return display_path(Path(directory) / MANIFEST)
