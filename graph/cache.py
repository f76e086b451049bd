"""The build cache: per-document extraction results and the manifest of the last build.

One SQLite file, ``OUT/.newsgraph-cache.sqlite``, holds

``results``
    one extraction result per (text hash, model, rules version, extractor version): the
    ``DocResult.to_dict()`` of a document without its id and date (those come from the input),
    as zlib-compressed JSON. A document whose text, model, rules and extractor code are
    unchanged is never parsed again, whatever its file or id.
``manifest``
    every input of the build that wrote OUT, in input order (documents with their text,
    skipped inputs with their reason), plus the build's options in ``build_info``. It is what
    ``newsgraph build --update OUT NEW_PATHS...`` starts from. A build stages its manifest and
    publishes it, in one transaction, only after OUT's files are written.

Writes are committed in batches. Each result row is complete on its own and SQLite commits are
atomic, so an interrupted build (Ctrl-C, a crash, a full disk) leaves a consistent cache: the
next build reuses every committed result and extracts the rest.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp, ResultCache.open(tmp, model="m-1", rules="r1", extractor="x1") as c:
...     c.put("a" * 40, {"doc_id": "d1", "date": None, "words": 3, "mentions": []})
...     c.get("a" * 40), c.get("b" * 40), c.hits, c.misses
({'doc_id': None, 'date': None, 'words': 3, 'mentions': []}, None, 1, 1)
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from newsgraph.corpus.document import Document, Skipped
from newsgraph.corpus.errors import DataError, UsageError

__all__ = ["CACHE_NAME", "Manifest", "ResultCache", "pack", "read_manifest", "unpack"]

#: File name of the cache inside the output directory.
CACHE_NAME = ".newsgraph-cache.sqlite"
#: Layout of the SQLite file; another value means the file is rebuilt from scratch.
SCHEMA = "newsgraph-cache.v1"
# Commit pending writes after this many rows or this many seconds, whichever comes first.
COMMIT_ROWS = 200
COMMIT_SECONDS = 5.0

_TABLES = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    text_sha1 TEXT NOT NULL, model TEXT NOT NULL, rules TEXT NOT NULL, extractor TEXT NOT NULL,
    words INTEGER NOT NULL, data BLOB NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (text_sha1, model, rules, extractor)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS manifest (
    position INTEGER PRIMARY KEY, kind TEXT NOT NULL, item BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS manifest_staged (
    position INTEGER PRIMARY KEY, kind TEXT NOT NULL, item BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS build_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS build_info_staged (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def pack(obj) -> bytes:
    """``obj`` as zlib-compressed compact JSON: how the cache, the spool and the shards store a result.

    >>> unpack(pack({"a": "é"}))
    {'a': 'é'}
    """
    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def unpack(blob: bytes):
    """The object :func:`pack` made ``blob`` of."""
    return json.loads(zlib.decompress(blob))


class Manifest:
    """The inputs and options of the build that wrote an output directory.

    Attributes
    ----------
    info : dict
        ``paths`` (the inputs as given), ``model``, ``rules`` (rule file paths), ``fields``.
    """

    def __init__(self, info: dict, rows: list[tuple[str, bytes]]):
        self.info = info
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def items(self) -> Iterator[Document | Skipped]:
        """The build's inputs in order, exactly as the reader produced them."""
        for kind, blob in self._rows:
            data = unpack(blob)
            yield Document(**data) if kind == "document" else Skipped(**data)


class ResultCache:
    """Extraction results keyed by text hash, model, rules version and extractor version.

    Parameters
    ----------
    path : path-like
        The SQLite file (created if missing).
    model, rules, extractor : str
        The current build's versions (see :meth:`extractors.pipeline.Extractor.fingerprint`);
        results stored under other versions are invisible to :meth:`get`.
    """

    def __init__(self, path: str | os.PathLike, *, model: str, rules: str, extractor: str):
        self.path = Path(path)
        self.key = (model, rules, extractor)
        self.hits = self.misses = self.writes = 0
        self._pending = 0
        self._last_commit = time.monotonic()
        self._staged = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._init_schema()
        except sqlite3.DatabaseError as err:
            raise DataError(f"Cannot open the build cache {str(self.path)!r}: {err}; "
                            f"delete it (it is rebuilt) or build with --no-cache") from None

    @classmethod
    def open(cls, out: str | os.PathLike, *, model: str, rules: str, extractor: str) -> "ResultCache":
        """The cache of the output directory ``out``."""
        return cls(Path(out) / CACHE_NAME, model=model, rules=rules, extractor=extractor)

    def _init_schema(self) -> None:
        with self._db:
            self._db.executescript(_TABLES)
            row = self._db.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()
            if row is not None and row[0] != SCHEMA:
                for table in ("results", "manifest", "manifest_staged", "build_info", "build_info_staged"):
                    self._db.execute(f"DELETE FROM {table}")
            self._db.execute("INSERT OR REPLACE INTO info VALUES ('schema', ?)", (SCHEMA,))

    # -- results ------------------------------------------------------------

    def get(self, text_sha1: str, *, count: bool = True) -> dict | None:
        """The cached ``DocResult.to_dict()`` of a text (``doc_id`` and ``date`` set to None);
        ``count=False`` reads it again without counting a hit or miss."""
        row = self._db.execute(
            "SELECT data FROM results WHERE text_sha1 = ? AND model = ? AND rules = ? AND extractor = ?",
            (text_sha1, *self.key)).fetchone()
        if count:
            self.hits += row is not None
            self.misses += row is None
        return None if row is None else unpack(row[0])

    def put(self, text_sha1: str, result: dict) -> None:
        """Store one ``DocResult.to_dict()``; committed in batches (see :meth:`commit`)."""
        data = dict(result, doc_id=None, date=None)
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (text_sha1, *self.key, int(result.get("words", 0)), pack(data), time.time()))
        self.writes += 1
        self._wrote()

    def count(self, *, current: bool = True) -> int:
        """Number of stored results (only those of the current versions by default)."""
        if not current:
            return self._db.execute("SELECT count(*) FROM results").fetchone()[0]
        return self._db.execute("SELECT count(*) FROM results WHERE model = ? AND rules = ? AND extractor = ?",
                                self.key).fetchone()[0]

    def prune(self) -> int:
        """Delete results of other model, rules or extractor versions; return how many."""
        with self._db:
            cur = self._db.execute("DELETE FROM results WHERE NOT (model = ? AND rules = ? AND extractor = ?)",
                                   self.key)
        return cur.rowcount

    # -- manifest -----------------------------------------------------------

    def begin_manifest(self, info: dict) -> None:
        """Start staging the manifest of a new build (its options: paths, model, rules, fields)."""
        with self._db:
            self._db.execute("DELETE FROM manifest_staged")
            self._db.execute("DELETE FROM build_info_staged")
            versions = dict(zip(("model", "rules", "extractor"), self.key))
            self._db.executemany("INSERT INTO build_info_staged VALUES (?, ?)",
                                 [(k, json.dumps(v, sort_keys=True)) for k, v in {**info, "versions": versions}.items()])
        self._staged = 0

    def stage(self, item: Document | Skipped) -> None:
        """Append one input, in input order, to the staged manifest."""
        if isinstance(item, Document):
            kind, data = "document", item.to_dict()
        else:
            kind, data = "skipped", {"id": item.id, "path": item.path, "reason": item.reason}
        self._db.execute("INSERT INTO manifest_staged VALUES (?, ?, ?)", (self._staged, kind, pack(data)))
        self._staged += 1
        self._wrote()

    def set_outputs(self, outputs: dict) -> None:
        """Record what the build wrote (see ``graph.pipeline.write_outputs``) with the staged manifest."""
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO build_info_staged VALUES ('outputs', ?)", (json.dumps(outputs),))

    def staged_equals_published(self) -> bool:
        """True when the staged build has the same inputs, options and versions as the published one."""
        self.commit()
        info = "SELECT key, value FROM {} WHERE key != 'outputs'"
        same_info = (set(self._db.execute(info.format("build_info")))
                     == set(self._db.execute(info.format("build_info_staged"))))
        if not same_info:
            return False
        differ = self._db.execute(
            "SELECT (SELECT count(*) FROM (SELECT * FROM manifest EXCEPT SELECT * FROM manifest_staged))"
            " + (SELECT count(*) FROM (SELECT * FROM manifest_staged EXCEPT SELECT * FROM manifest))").fetchone()[0]
        return differ == 0

    def published_outputs(self) -> dict | None:
        """What the published build wrote, as given to :meth:`set_outputs`."""
        row = self._db.execute("SELECT value FROM build_info WHERE key = 'outputs'").fetchone()
        return json.loads(row[0]) if row else None

    def publish_manifest(self) -> None:
        """Make the staged manifest the one of the output directory (one transaction)."""
        with self._db:
            self._db.execute("DELETE FROM manifest")
            self._db.execute("INSERT INTO manifest SELECT * FROM manifest_staged")
            self._db.execute("DELETE FROM manifest_staged")
            self._db.execute("DELETE FROM build_info")
            self._db.execute("INSERT INTO build_info SELECT * FROM build_info_staged")
            self._db.execute("DELETE FROM build_info_staged")
        self._pending = 0

    def manifest(self) -> Manifest | None:
        """The published manifest, or None when no build with the cache has written OUT."""
        info = {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM build_info")}
        if not info:
            return None
        rows = self._db.execute("SELECT kind, item FROM manifest ORDER BY position").fetchall()
        return Manifest(info, rows)

    # -- transactions -------------------------------------------------------

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= COMMIT_ROWS or time.monotonic() - self._last_commit > COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit pending writes. Every row is complete on its own, so any prefix is consistent."""
        self._db.commit()
        self._pending = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        if self._db is not None:
            self.commit()
            self._db.close()
            self._db = None

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ResultCache({str(self.path)!r}, hits={self.hits}, misses={self.misses}, writes={self.writes})"


def read_manifest(out: str | os.PathLike) -> Manifest:
    """The manifest of the build that wrote ``out``, for ``--update``.

    Raises :class:`UsageError` naming the fix when ``out`` holds no build made with the cache.
    """
    path = Path(out) / CACHE_NAME
    if not (Path(out) / "documents.jsonl").is_file():
        raise UsageError(f"--update needs an existing build in {str(out)!r} (no documents.jsonl there); "
                         f"run a full build first: newsgraph build PATHS... -o {out}")
    manifest = None
    if path.is_file():
        with ResultCache(path, model="", rules="", extractor="") as cache:
            manifest = cache.manifest()
    if manifest is None:
        raise UsageError(f"{str(out)!r} has no build manifest in {CACHE_NAME} (built with --no-cache or by an "
                         f"older newsgraph); run a full build once: newsgraph build PATHS... -o {out}")
    return manifest
