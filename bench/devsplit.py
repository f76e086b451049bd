"""Split a dev set in two stable halves by a hash of its record ids: "tune" and "check".

Tune rules on the tune half only; report both. The half of an id never changes (SHA-256 of the
id, not Python's salted ``hash``), so adding records to a dev set does not move the others.

Usage::

    .venv/bin/python bench/devsplit.py FILE.jsonl [--key id] [--half tune|check]   # print the ids

Examples
--------
>>> half("bbc-business-363")
'check'
>>> tune, check = split([{"id": str(i)} for i in range(100)])
>>> len(tune) + len(check), 30 < len(tune) < 70
(100, True)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["HALVES", "half", "split", "ids_of"]

#: The two halves: rules are tuned on the first, the second is only measured.
HALVES = ("tune", "check")


def half(record_id: str) -> str:
    """``"tune"`` or ``"check"``: the first byte of SHA-256(id), even -> tune, odd -> check."""
    return HALVES[hashlib.sha256(str(record_id).encode("utf-8")).digest()[0] & 1]


def split(records: Iterable, *, key: str | Callable = "id") -> tuple[list, list]:
    """Records in the tune half and in the check half, each in input order.

    ``key`` is a record field name or a function of a record giving its id.
    """
    get = key if callable(key) else (lambda r: r[key])
    out = {h: [] for h in HALVES}
    for record in records:
        out[half(get(record))].append(record)
    return out["tune"], out["check"]


def ids_of(path: str | Path, *, key: str = "id", which: str = "tune") -> list[str]:
    """Ids of one half of a JSONL file."""
    if which not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {which!r}")
    with open(path, encoding="utf-8") as f:
        return [r[key] for r in (json.loads(line) for line in f if line.strip()) if half(r[key]) == which]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--key", default="id", help="id field (default: id)")
    parser.add_argument("--half", choices=HALVES, default="tune")
    args = parser.parse_args(argv)
    print("\n".join(ids_of(args.path, key=args.key, which=args.half)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
