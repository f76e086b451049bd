"""One build at a time in an output folder: an exclusive lock on ``OUT/.newsgraph.lock``.

The lock is an advisory ``flock`` held for the whole build (reading the earlier build,
extraction, cache and exports). The kernel releases it when the process ends, even by
``kill -9``, so a stale lock file never blocks a later build. A second build into the same
folder fails at once with :class:`OutputBusy`, or waits for the first (``wait=True``,
``newsgraph build --wait``).

Examples
--------
>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> with output_lock(out):
...     with output_lock(out):            # the same process too: flock locks are per open file
...         pass
Traceback (most recent call last):
...
newsgraph.graph.lock.OutputBusy: Another newsgraph build is writing to ... (pid ...); wait for it to finish, or add --wait to queue behind it
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.corpus.errors import DataError, ExportError

from .export.atomic import remove_stale

__all__ = ["LOCK_NAME", "OutputBusy", "make_output_dir", "output_lock"]

#: The lock file in the output folder.
LOCK_NAME = ".newsgraph.lock"


class OutputBusy(DataError):
    """Another build holds the output folder's lock."""


def make_output_dir(out: str | os.PathLike) -> Path:
    """Create the output folder ``out`` (and its parents) if needed.

    Raises
    ------
    ExportError
        It cannot be created (permissions, a file in the way): one line with the reason.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = err.strerror or str(err)
        if isinstance(err, FileExistsError) or out.exists() and not out.is_dir():
            reason = "a file of that name is in the way"
        raise ExportError(f"Cannot create output folder {str(out)!r}: {reason}") from None
    return out


@contextmanager
def output_lock(out: str | os.PathLike, *, wait: bool = False) -> Iterator[Path]:
    """Hold the exclusive lock of the output folder ``out`` (created if needed).

    Parameters
    ----------
    out : path
        The output folder.
    wait : bool
        Wait for another build to finish instead of failing.

    Raises
    ------
    OutputBusy
        Another process holds the lock and ``wait`` is False.
    ExportError
        The folder or its lock file cannot be created.
    """
    out = make_output_dir(out)
    try:
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise ExportError(f"Cannot lock output folder {str(out)!r}: {err.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise OutputBusy(f"Another newsgraph build is writing to {str(out)!r} (pid {holder}); "
                                 "wait for it to finish, or add --wait to queue behind it") from None
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        remove_stale(out)  # staging folders of a build that was killed
        yield out
    finally:
        os.close(fd)  # releases the lock
