"""JSON lines (one record per line) and JSON (a list of records or one record).

Field names come from :class:`~corpus.registry.Fields`. Lines are split on ``\\n`` only (a record
may hold U+2028, U+2029 or U+0085 inside a string). Each record is read on its own: a malformed
or unusable record is skipped with its line or record number and the others are read.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..clean import clean_article, normalize_date
from ..registry import describe_error, register_reader

__all__ = ["read_jsonl", "read_json", "count_jsonl", "count_json", "MIN_WORDS"]

MIN_WORDS = 5  # below this a record holds no article text worth a document


def count_jsonl(path: Path) -> int:
    """Non-empty lines of a JSON lines file (at least one)."""
    with open(path, "rb") as f:
        return max(1, sum(1 for line in f if line.strip()))  # an empty file: one record says so


def count_json(path: Path) -> int:
    """Records of a JSON file (a list's length, else one)."""
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        return 1
    return len(data) if isinstance(data, list) and data else 1


@register_reader(".jsonl", ".ndjson", count=count_jsonl, per_file=False)
def read_jsonl(source):
    """One document per non-empty line.

    Examples
    --------
    >>> from pathlib import Path
    >>> from newsgraph.corpus.registry import Fields, Source
    >>> line = '{"id": "x", "text": "Russia and Cuba held talks\\u2028in Havana on Monday."}'
    >>> d, bad = read_jsonl(Source(Path("a.jsonl"), "a.jsonl", "a", line + "\\n\\n{", Fields()))
    >>> d.id, bad.reason[:24]
    ('x', 'malformed JSON on line 3')
    """
    empty = True
    for n, line in enumerate(source.text.split("\n"), 1):
        if not line.strip():
            continue
        empty = False
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:
            yield source.skipped(f"malformed JSON on line {n}: {_json_error(err)}", where=n)
            continue
        yield _guarded(source, record, n, "line")
    if empty:
        yield source.skipped("no records (empty file)")


@register_reader(".json", count=count_json, per_file=False)
def read_json(source):
    """One document per record of a list, or one for a single object."""
    try:
        data = json.loads(source.text)
    except (ValueError, RecursionError) as err:
        yield source.skipped(f"malformed JSON: {_json_error(err)}")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield source.skipped("empty JSON list")
        return
    for n, record in enumerate(records, 1):
        yield _guarded(source, record, n, "record")


def _json_error(err: BaseException) -> str:
    return "nested too deeply" if isinstance(err, RecursionError) else str(err)


def _guarded(source, record, n: int, where: str):
    """The record's Document or Skipped; a failure in this one record skips only it."""
    try:
        return _record(source, record, n, where)
    except Exception as err:  # noqa: BLE001 - isolation: one bad record never stops the file
        return source.skipped(f"{where} {n} failed: {describe_error(err)}", where=n)


def _record(source, rec: object, n: int, where: str):
    fields = source.fields
    if not isinstance(rec, dict):
        return source.skipped(f"{where} {n} is not a JSON object", where=n)
    raw_id = rec.get(fields.id)
    notes = []
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
        doc_id = str(raw_id)
    else:
        doc_id = f"{source.stem}:{n}"
        if raw_id not in (None, ""):
            notes.append(f"id of type {type(raw_id).__name__} ignored")
    body = rec.get(fields.text)
    if not isinstance(body, str) or len(body.split()) < MIN_WORDS:
        if body is None:
            problem = "missing"
        elif not isinstance(body, str):
            problem = f"is a {type(body).__name__}, not a string"
        else:
            problem = "empty or too short"
        return source.skipped(f"text field {fields.text!r} {problem}", where=n, id=doc_id)
    title = rec.get(fields.title)
    title = title if isinstance(title, str) else None
    cleaned = clean_article(body, title_line=False)
    text = cleaned.text
    if title and title.strip() and not text.startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    date, problem = normalize_date(rec.get(fields.date))
    if problem:
        notes.append(problem)
    outlet, url = rec.get(fields.outlet), rec.get(fields.url)
    return source.document(
        id=doc_id,
        text=text,
        title=title,
        date=date or cleaned.date,
        outlet=outlet if isinstance(outlet, str) else None,
        url=url if isinstance(url, str) else None,
        path=f"{source.name}:{n}",
        notes=notes,
    )
