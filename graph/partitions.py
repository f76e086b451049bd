"""Split the inputs of a distributed build into partitions that workers read themselves.

The client lists files (names, sizes, modification times) and never reads article text. A
partition is a small JSON-able dict:

``{"kind": "files", "files": [[display, url, identity], ...]}``
    whole files, grouped in input order until about ``partition_words`` words (estimated from
    the file sizes);
``{"kind": "range", "file": [display, url, identity], "start": s, "end": e}``
    the lines of a large JSON lines file that start in bytes ``[s, e)``, so one big file is read
    in parallel; the line number of the range's first line comes from :func:`count_lines`.

``display`` is the path as the local reader would name it (ids and ``path`` fields stay the
same), ``url`` what a worker opens (an absolute local path or an fsspec URL), ``identity`` the
file's size and modification time (or ETag), which key the shards.

:func:`read_partition` runs on a worker and yields what :func:`corpus.readers.read_documents`
yields for the same inputs, minus id renaming and duplicate detection: those need the whole
corpus and run on the client, over the small per-document metadata.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.corpus.document import Document, Skipped
from newsgraph.corpus.errors import EmptyInput, PathNotFound
from newsgraph.corpus.manifest import MANIFEST
from newsgraph.corpus.readers import (
    Fields,
    decode_bytes,
    iter_input_files,
    portable_path,
    read_documents,
    supported_suffixes,
)
from newsgraph.corpus.safe import display_path

__all__ = ["BYTES_PER_WORD", "count_lines", "is_url", "plan_partitions", "read_partition"]

#: Bytes of input per word of text, to size partitions without reading them (JSON lines of news
#: with their metadata: about 6; plain text about 5.5).
BYTES_PER_WORD = 6
#: Partitions per worker a corpus is cut into at least (while they hold MIN_PARTITION_WORDS).
WAVES = 4
MIN_PARTITION_WORDS = 5_000
#: Suffixes of files that may be split into byte ranges (one record per line).
LINE_SUFFIXES = {".jsonl", ".ndjson"}


def is_url(path: str | os.PathLike) -> bool:
    """True for an fsspec URL such as ``s3://bucket/news.jsonl`` (``file://`` included).

    >>> is_url("s3://bucket/a.jsonl"), is_url("corpus/sample"), is_url("C:/data")
    (True, False, False)
    """
    text = str(path)
    return "://" in text and len(text.split("://", 1)[0]) > 1


def plan_partitions(paths: Iterable[str | os.PathLike], *, partition_words: int = 50_000,
                    workers: int | None = None) -> list[dict]:
    """The partitions of ``paths`` in input order (see the module docstring).

    With ``workers``, a corpus too small for ``WAVES`` partitions of ``partition_words`` per
    worker gets smaller ones (down to ``MIN_PARTITION_WORDS``), so every worker has work; a big
    corpus keeps the same partitions (and shards) whatever the number of workers.

    Raises :class:`PathNotFound` or :class:`EmptyInput` as :func:`corpus.readers.iter_input_files`.
    """
    listed = [list(_list_files(raw)) for raw in paths]
    if workers:
        words = sum(int(info.get("size") or 0) for files in listed for _, _, info in files) // BYTES_PER_WORD
        partition_words = min(partition_words, max(MIN_PARTITION_WORDS, words // (WAVES * workers)))
    target = max(1, partition_words) * BYTES_PER_WORD
    partitions: list[dict] = []
    for files in listed:  # files of one input path never share a partition with another's
        group: list[list] = []
        size = 0
        for display, url, info in files:
            file_size = int(info.get("size") or 0)
            entry = [display, url, _identity(info)]
            if url is not None and Path(display).suffix.lower() in LINE_SUFFIXES and file_size > target:
                if group:
                    partitions.append({"kind": "files", "files": group})
                    group, size = [], 0
                for start in range(0, file_size, target):
                    partitions.append({"kind": "range", "file": entry, "start": start,
                                       "end": min(start + target, file_size)})
                continue
            group.append(entry)
            size += file_size
            if size >= target:
                partitions.append({"kind": "files", "files": group})
                group, size = [], 0
        if group:
            partitions.append({"kind": "files", "files": group})
    return partitions


def _list_files(raw) -> Iterator[tuple[str, str, dict]]:
    """``(display, url, info)`` of each input file under ``raw``, in the local reader's order."""
    if not is_url(raw):  # records show paths relative to the input the user named, as the local reader
        root = Path(raw)
        for path in iter_input_files([root]):
            if isinstance(path, Skipped):  # a file the reader will not open: its record, in order
                shown = portable_path(path.path, root)
                yield shown, None, {"size": 0, "skipped": [path.id, shown, path.reason]}
                continue
            st = path.stat()
            yield (portable_path(display_path(path), root), os.path.abspath(path),
                   {"size": st.st_size, "mtime": st.st_mtime_ns})
        return
    import fsspec.core

    fs, root = fsspec.core.url_to_fs(str(raw))
    if not fs.exists(root):
        raise PathNotFound(f"No such file or directory: {str(raw)!r}")
    protocol = str(raw).split("://", 1)[0]
    if not fs.isdir(root):
        yield str(raw), str(raw), fs.info(root)
        return
    base = root.rstrip("/")
    found = []
    for name, info in sorted(fs.find(root, detail=True).items()):
        rel = name[len(base):].lstrip("/")
        suffix = Path(name).suffix.lower()
        if (info.get("type") == "file" and suffix in supported_suffixes() and Path(name).name != MANIFEST
                and not any(part.startswith(".") for part in rel.split("/"))):
            found.append((f"{protocol}://{name}", info))
    if not found:
        raise EmptyInput(f"Directory {str(raw)!r} holds no article files ({', '.join(sorted(supported_suffixes()))})")
    for url, info in found:
        yield url, url, info


def _identity(info: dict) -> list:
    """Size and version of a file from its fsspec/stat info: what changes when the file does."""
    if "skipped" in info:
        return info["skipped"]
    version = next((info[k] for k in ("mtime", "LastModified", "last_modified", "updated", "ETag", "etag",
                                      "md5Hash", "generation") if info.get(k) is not None), None)
    return [int(info.get("size") or 0), str(version)]


# -- on the worker ------------------------------------------------------------------------------

class _NoIds(set):
    """A ``seen_ids`` that never holds anything: the reader renames no id (the client does)."""

    def __contains__(self, item) -> bool:
        return False

    def add(self, item) -> None:
        pass


def read_partition(partition: dict, *, fields: Fields, line_base: int = 0) -> list[Document | Skipped]:
    """Read a partition on the worker: Documents and Skipped records in input order.

    Ids are not renamed and duplicates not skipped (the client does both for the whole corpus).
    ``line_base`` is the number of lines before a range partition (see :func:`count_lines`).
    """
    if partition["kind"] == "range":
        return list(_read_range(partition, fields=fields, line_base=line_base))
    items: list[Document | Skipped] = []
    with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
        for display, url, identity in partition["files"]:
            if url is None:  # skipped when the client listed it (hidden, special file, ...)
                items.append(Skipped(*identity))
                continue
            path = _fetch(url, tmp) if is_url(url) else url
            items += _read_local(path, display, fields)
    return items


def _read_local(path: str, display: str, fields: Fields) -> list[Document | Skipped]:
    """The local reader on one file, its records' paths spelled from ``display`` (the input's path
    as the client's listing names it) instead of the worker's copy."""
    try:
        items = list(read_documents([path], fields=fields, dedupe=False, seen_ids=_NoIds()))
    except EmptyInput:  # no record in this file; the client counts the whole corpus
        return []
    shown = portable_path(display_path(path), Path(path))
    for item in items:
        item.path = _relocate(item.path, {shown: display})
    return items


def _fetch(url: str, tmp: str) -> str:
    """Copy a remote file (and its folder's manifest.json, if any) into ``tmp``; the local path."""
    import fsspec.core

    fs, path = fsspec.core.url_to_fs(url)
    folder = Path(tmp) / str(abs(hash(path.rsplit("/", 1)[0])))
    folder.mkdir(exist_ok=True)
    local = folder / Path(path).name
    with fs.open(path, "rb") as src, open(local, "wb") as dst:
        shutil.copyfileobj(src, dst)
    manifest = path.rsplit("/", 1)[0] + "/" + MANIFEST
    if not (folder / MANIFEST).exists() and fs.exists(manifest):
        fs.get(manifest, str(folder / MANIFEST))
    return str(local)


def _relocate(path: str | None, renames: dict[str, str]) -> str | None:
    """``/tmp/x/a.jsonl:3`` -> ``s3://b/a.jsonl:3``: a local path as the user named the input."""
    if path is None:
        return None
    for local, display in renames.items():
        if path == local or path.startswith(local + ":"):
            return display + path[len(local):]
    return path


def _range_bytes(url: str, start: int, end: int) -> bytes:
    """The bytes of the lines that start in ``[start, end)`` of a file (local path or URL)."""
    import fsspec.core

    fs, path = fsspec.core.url_to_fs(url)
    with fs.open(path, "rb") as f:
        if start > 0:
            f.seek(start - 1)
            f.readline()  # the line that started before ``start`` belongs to the range before
        pos = f.tell()
        if pos >= end:
            return b""
        data = f.read(end - pos)
        if data and not data.endswith(b"\n"):
            data += f.readline()
        return data


def count_lines(url: str, ranges: list[tuple[int, int]]) -> list[int]:
    """The number of line breaks (the JSON lines reader numbers lines by them) in each byte range.

    >>> import tempfile
    >>> path = tempfile.mktemp(suffix=".jsonl")
    >>> _ = open(path, "w").write('{"a": 1}\\n{"b": 2}\\n\\n{"c": 3}\\n')
    >>> count_lines(path, [(0, 5), (5, 12), (12, 40)])
    [1, 1, 2]
    """
    return [_range_bytes(url, s, e).count(b"\n") for s, e in ranges]


_WIDE_BOMS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\xff\xfe", b"\xfe\xff")


def _read_range(partition: dict, *, fields: Fields, line_base: int) -> Iterator[Document | Skipped]:
    """The records of the lines of one byte range, through the local reader, numbered as in the
    whole file: the range is read as a file holding ``line_base`` empty lines, then its lines."""
    from newsgraph.corpus.readers import _is_binary  # the reader's own test, on the file's head

    display, url, _ = partition["file"]
    start, end = partition["start"], partition["end"]
    head = _range_bytes(url, 0, 8192)[:8192]
    if head.startswith(_WIDE_BOMS):  # UTF-16/32 lines cannot be cut on b"\n": the first range reads all
        if start == 0:
            with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
                path = _fetch(url, tmp) if is_url(url) else url
                yield from _read_local(path, display, fields)
        return
    if start > 0 and _is_binary(decode_bytes(head)[0]):
        return  # the first range skips the file, once
    data = _range_bytes(url, start, end)
    with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
        path = Path(tmp) / Path(display).name
        with open(path, "wb") as f:
            f.write(b"\n" * line_base)
            f.write(data)
        for item in _read_local(str(path), display, fields):
            if start > 0 and isinstance(item, Skipped) and item.reason == "no records (empty file)":
                continue  # a range of blank lines inside a file that has records
            yield item

