"""Durable Parquet shards: one file per partition of a distributed build.

A shard holds every input of one partition, in input order: the per-document metadata the
client needs (id, path, title, date, ..., words, text hash, skip reason) and, for documents,
the extraction result as zlib-compressed ``DocResult.to_dict()`` JSON without ``doc_id`` and
``date`` (they come from the input, as in the build cache ``graph/cache.py``).

A shard's name is a hash of its partition (the input file's name, size and modification time,
the byte range, the JSON fields) and of the extractor fingerprint (model, rules and extractor
versions): a shard that exists is the finished work of exactly that partition, so a cancelled
build resumes where it stopped and ``--update`` extracts only new partitions. A shard is
written under a temporary name and renamed when complete; a reader never sees half a shard.

Shards live in any fsspec URL (a local folder, ``s3://``, ``gs://``, ...): workers write them,
the client reads them one at a time, streaming: a shard's results are decoded one document at a
time.

Examples
--------
>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> rows = [meta_row(kind="document", id="d1", words=3, text_sha1="a" * 40),
...         meta_row(kind="skipped", id="d2", reason="no article text found")]
>>> write_shard(folder, "k1", rows, [{"words": 3, "mentions": []}, None])
>>> shard_exists(folder, "k1"), shard_exists(folder, "k2")
(True, False)
>>> [(r["kind"], r["id"]) for r in read_shard_meta(folder, "k1")]
[('document', 'd1'), ('skipped', 'd2')]
>>> list(read_shard_results(folder, "k1", [0]))
[{'words': 3, 'mentions': [], 'doc_id': None, 'date': None}]
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator

from .cache import pack, unpack

__all__ = ["META_COLUMNS", "meta_row", "read_shard_meta", "read_shard_results", "shard_exists", "shard_key",
           "write_shard"]

#: Layout of a shard; another value gives other shard names, so old shards are never misread.
SHARD_VERSION = "newsgraph-shard.v1"
#: Per-input metadata columns, in order (``notes`` is a list of strings, ``words`` an int).
META_COLUMNS = ("kind", "id", "path", "title", "date", "outlet", "url", "author", "notes", "reason", "words",
                "text_sha1", "error")
_INT_COLUMNS = {"words"}
_LIST_COLUMNS = {"notes"}


def meta_row(**values) -> dict:
    """A metadata row with every column of :data:`META_COLUMNS` (missing ones None, 0 or [])."""
    row = {c: ([] if c in _LIST_COLUMNS else 0 if c in _INT_COLUMNS else None) for c in META_COLUMNS}
    unknown = set(values) - set(row)
    if unknown:
        raise ValueError(f"unknown shard columns: {', '.join(sorted(unknown))}")
    row.update(values)
    return row


def shard_key(partition: dict, fingerprint: dict) -> str:
    """The name of a partition's shard: a hash of the partition and the extractor fingerprint.

    >>> shard_key({"files": [["a.txt", 10, 1.0]]}, {"model": "m", "rules": "r", "extractor": "x"})
    '...'
    >>> len(_)
    24
    """
    blob = json.dumps([SHARD_VERSION, partition, fingerprint], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def _fs(folder: str):
    import fsspec.core

    fs, root = fsspec.core.url_to_fs(str(folder))
    return fs, root.rstrip("/")


def _schema():
    import pyarrow as pa

    fields = [pa.field(c, pa.list_(pa.string()) if c in _LIST_COLUMNS else pa.int64() if c in _INT_COLUMNS
                       else pa.string()) for c in META_COLUMNS]
    return pa.schema(fields + [pa.field("result", pa.binary())])


def write_shard(folder: str, key: str, rows: list[dict], results: list[dict | None]) -> None:
    """Write one shard: metadata ``rows`` and, row by row, a result dict (or None).

    The file is written under a temporary name and renamed, so it appears complete or not at all.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, root = _fs(folder)
    fs.makedirs(root, exist_ok=True)
    columns = {c: [r[c] for r in rows] for c in META_COLUMNS}
    columns["result"] = [None if res is None else _pack(res) for res in results]
    table = pa.table(columns, schema=_schema())
    tmp = f"{root}/.{key}.{uuid.uuid4().hex}.tmp"
    with fs.open(tmp, "wb") as f:
        pq.write_table(table, f, compression="zstd")
    fs.mv(tmp, f"{root}/{key}.parquet")


def shard_exists(folder: str, key: str) -> bool:
    """True when the shard ``key`` is complete in ``folder``."""
    fs, root = _fs(folder)
    return fs.exists(f"{root}/{key}.parquet")


def read_shard_meta(folder: str, key: str) -> list[dict]:
    """The metadata rows of a shard (no results), in input order."""
    import pyarrow.parquet as pq

    fs, root = _fs(folder)
    with fs.open(f"{root}/{key}.parquet", "rb") as f:
        return pq.read_table(f, columns=list(META_COLUMNS)).to_pylist()


def read_shard_results(folder: str, key: str, positions: Iterable[int]) -> Iterator[dict]:
    """The result dicts of the rows at ``positions`` (``doc_id`` and ``date`` set to None), each
    decoded when it is asked for: only the shard's compressed column is held meanwhile."""
    import pyarrow.parquet as pq

    fs, root = _fs(folder)
    with fs.open(f"{root}/{key}.parquet", "rb") as f:
        column = pq.read_table(f, columns=["result"]).column("result")
    for i in positions:
        yield dict(unpack(column[i].as_py()), doc_id=None, date=None)


def _pack(result: dict) -> bytes:
    return pack(dict(result, doc_id=None, date=None))
