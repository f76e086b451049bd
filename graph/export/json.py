"""graph.json: the networkx node-link form of the graph (the contract in DEVELOPERS.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import DataError, ExportError, PathNotFound

from . import register_exporter
from .atomic import atomic_path

__all__ = ["to_json_data", "from_json_data", "write_json", "read_json"]


def to_json_data(G: nx.MultiDiGraph) -> dict:
    """``networkx.node_link_data(G, edges="edges")``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="MET_WITH")
    'MET_WITH'
    >>> nx.is_isomorphic(G, from_json_data(to_json_data(G)))
    True
    """
    return nx.node_link_data(G, edges="edges")


def from_json_data(data: dict) -> nx.MultiDiGraph:
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return G


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write graph.json (UTF-8, one file) atomically (:func:`~.atomic.atomic_path`)."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
            json.dump(to_json_data(G), f, ensure_ascii=False, indent=1)
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


def read_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a graph.json written by newsgraph (or any node-link file with ``edges``)."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.exists():
        raise PathNotFound(f"No graph file at {str(path)!r}; build one with: newsgraph build PATH -o OUT")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return from_json_data(data)
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as err:
        raise DataError(f"{str(path)!r} is not a newsgraph graph.json: {err}") from None


register_exporter("json", filename="graph.json", write=write_json, optional=False,
                  description="the graph, node-link JSON (the graph.json contract; always written)")
