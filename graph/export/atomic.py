"""Write a file or folder so that readers see the old one or the whole new one, never a part.

:func:`atomic_path` hands the writer a path in a fresh staging folder beside the target (same
file system); once the writer returns, every file it wrote is fsynced and renamed over the
target (``os.replace``), and the folder entry is fsynced. An error or a kill leaves the target
as it was; the staging folder is removed on error, and a build removes those left by a kill
(:func:`remove_stale`) while it holds the output folder's lock.

Examples
--------
>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> with atomic_path(out / "a.txt") as tmp:
...     _ = tmp.write_text("new")
...     (out / "a.txt").exists()          # not there until the writer is done
False
>>> (out / "a.txt").read_text(), sorted(p.name for p in out.iterdir())
('new', ['a.txt'])

A writer that is atomic by itself, called inside another one's staging, stages only once:

>>> with atomic_path(out / "b.txt") as tmp:
...     with atomic_path(tmp) as inner:
...         _ = inner.write_text("once")
...     inner == tmp
True
>>> (out / "b.txt").read_text()
'once'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.corpus.errors import ExportError

__all__ = ["STAGING_PREFIX", "atomic_path", "remove_stale"]

#: Name prefix of the staging folders in an output folder.
STAGING_PREFIX = ".newsgraph-staging-"


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s new content to (a file or a folder).

    On a normal exit the content is fsynced and renamed over ``path``; on an exception
    ``path`` is left as it was. A ``path`` that is itself in a staging folder is yielded as it
    is: the enclosing ``atomic_path`` makes it atomic (graph.json and the Cypher script are
    written through their own writer inside :func:`graph.pipeline.write_outputs`).

    Raises
    ------
    ExportError
        The folder of ``path`` cannot be written, or the writer wrote nothing.
    """
    path = Path(path)
    if path.parent.name.startswith(STAGING_PREFIX):  # already a staging path: the outer writer swaps it in
        yield path
        return
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=path.parent))
    except OSError as err:
        raise ExportError(f"Cannot write in {str(path.parent)!r}: {err.strerror}") from None
    try:
        tmp = staging / path.name
        yield tmp
        if not tmp.exists():
            raise ExportError(f"Nothing was written for {str(path)!r}")
        try:
            _fsync_tree(tmp)
            if tmp.is_dir() and path.is_dir():
                os.replace(path, staging / (path.name + ".old"))  # a folder cannot replace a folder
            elif path.is_dir():
                shutil.rmtree(path)
            os.replace(tmp, path)
            _fsync(path.parent)
        except OSError as err:
            raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_stale(folder: str | os.PathLike) -> list[str]:
    """Remove the staging folders a killed writer left in ``folder``; return their names.

    Only safe while no other process writes there (the build holds the folder's lock).
    """
    removed = []
    for p in Path(folder).glob(STAGING_PREFIX + "*"):
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p.name)
    return removed


def _fsync_tree(path: Path) -> None:
    if path.is_dir():
        for p in path.rglob("*"):
            if p.is_file():
                _fsync(p)
    _fsync(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
