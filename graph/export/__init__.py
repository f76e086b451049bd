"""Exports of the knowledge graph, one module per format, and the registry that lists them.

Each export module registers its file writer at its end with :func:`register_exporter`:
a name (what ``newsgraph build --formats`` takes), the file or folder it writes in the output
directory, and the writer ``write(G, path)``. :func:`newsgraph.graph.pipeline.write_outputs`
writes the registered exports in registration order, and the CLI lists the names from
:data:`EXPORTERS`. Adding an export is one module here plus its name in the import line at the
bottom of this file.

Examples
--------
>>> [(e.name, e.filename) for e in EXPORTERS.values()]  # doctest: +NORMALIZE_WHITESPACE
[('json', 'graph.json'), ('graphml', 'graph.graphml'), ('gexf', 'graph.gexf'), ('html', 'graph.html'),
 ('cypher', 'graph.cypher'), ('neo4j-csv', 'neo4j-import')]
>>> [e.name for e in select_exporters(["html"], exclude=["html"])]
['json']
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from newsgraph.corpus.errors import UsageError

__all__ = ["Exporter", "EXPORTERS", "register_exporter", "select_exporters", "optional_exporter_names",
           "gc_paused"]


@dataclass(frozen=True)
class Exporter:
    """One export format of ``newsgraph build``.

    Attributes
    ----------
    name : str
        Short name, e.g. ``"graphml"``: what ``--formats`` takes.
    filename : str
        File (or folder) written in the output directory, e.g. ``"graph.graphml"``.
    write : callable
        ``write(G, path)`` writes the export of the graph ``G`` to ``path`` (the registered
        writer, run with the garbage collector paused: :func:`gc_paused`).
    description : str
        One line for ``--help``.
    optional : bool
        False for an export every build writes (graph.json); True when it can be left out.
    default : bool
        Whether a build writes it when no formats are named.
    """

    name: str
    filename: str
    write: Callable[[nx.MultiDiGraph, str | os.PathLike], object]
    description: str = ""
    optional: bool = True
    default: bool = True


#: Registered exporters by name, in registration order (the order files are written).
EXPORTERS: dict[str, Exporter] = {}


def gc_paused(write: Callable) -> Callable:
    """``write`` with Python's cyclic garbage collector paused while it runs.

    An export allocates hundreds of thousands of short-lived strings, lists and dicts, none of
    them in reference cycles; each allocation burst would start a collection that walks every
    object alive, the graph and the spaCy model included (a fifth of the export time on the
    BBC-300 graph). Reference counting still frees everything; the collector is switched back
    on (if it was on) when the writer returns or raises.

    Examples
    --------
    >>> gc.isenabled(), gc_paused(lambda: gc.isenabled())(), gc.isenabled()
    (True, False, True)
    """
    @functools.wraps(write)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return write(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused


def register_exporter(name: str, *, filename: str, write: Callable, description: str = "",
                      optional: bool = True, default: bool = True) -> Exporter:
    """Register an export format (called once, at the end of its module).

    Raises
    ------
    ValueError
        Another exporter already has this name or writes this file.
    """
    for other in EXPORTERS.values():
        if other.name != name and other.filename == filename:
            raise ValueError(f"Exporters {other.name!r} and {name!r} both write {filename!r}")
    if name in EXPORTERS and getattr(EXPORTERS[name].write, "__wrapped__", None) is not write:
        raise ValueError(f"An exporter named {name!r} is already registered")
    exporter = Exporter(name, filename, gc_paused(write), description, optional, default)
    EXPORTERS[name] = exporter
    return exporter


def optional_exporter_names() -> list[str]:
    """Names of the exports a build may leave out, in registration order."""
    return [e.name for e in EXPORTERS.values() if e.optional]


def select_exporters(formats: Iterable[str] | None = None, *, exclude: Iterable[str] = ()) -> list[Exporter]:
    """The exporters a build writes, in registration order.

    Parameters
    ----------
    formats : iterable of str, optional
        Names of optional exports to write; None means every default one. The exports that
        are not optional (graph.json) are always written.
    exclude : iterable of str
        Names to leave out (``--no-html``); those not optional cannot be left out.

    Raises
    ------
    UsageError
        An unknown name; the message lists the available ones.
    """
    formats = None if formats is None else list(formats)
    exclude = set(exclude)
    for name in [*(formats or []), *exclude]:
        if name not in EXPORTERS:
            raise UsageError(f"Unknown export format {name!r}. Available: {', '.join(EXPORTERS)}")
    required = [e.name for e in EXPORTERS.values() if not e.optional]
    if exclude & set(required):
        raise UsageError(f"{', '.join(sorted(exclude & set(required)))} is always written")
    chosen = set(formats) if formats is not None else {e.name for e in EXPORTERS.values() if e.default}
    return [e for e in EXPORTERS.values() if (e.name in chosen or not e.optional) and e.name not in exclude]


# Each module registers its exporter when imported; this order is the order files are written.
from . import json, graphml, gexf, html, cypher, neo4j_csv  # noqa: E402,F401  (registration)
