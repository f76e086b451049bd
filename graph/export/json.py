"""graph.json: the networkx node-link form of the graph (the contract in DEVELOPERS.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import DataError, ExportError, PathNotFound

from . import register_exporter
from .atomic import atomic_path

__all__ = ["to_json_data", "from_json_data", "graph_data_problem", "write_json", "read_json"]


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
            if G.is_multigraph():
                _dump(G, f)
            else:
                json.dump(to_json_data(G), f, ensure_ascii=False, indent=1)
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


def _dump(G: nx.MultiDiGraph, f) -> None:
    """``json.dump(to_json_data(G), f, ensure_ascii=False, indent=1)``, the same text, written
    one node and one edge at a time: no copy of the graph is made.

    >>> import io
    >>> G = nx.MultiDiGraph(name="g", index={"d1": {"title": "T", "tags": ["x"]}})
    >>> G.add_node("a", id="a", names=[]); G.add_edge("a", "b", key="K", w=[1, {}])
    'K'
    >>> f = io.StringIO(); _dump(G, f)
    >>> f.getvalue() == json.dumps(to_json_data(G), ensure_ascii=False, indent=1)
    True
    """
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1)

    def value(obj, level: int) -> None:  # ``obj`` as json.dump writes it ``level`` indents deep, piece by piece
        for chunk in encoder.iterencode(obj):  # the document index or an edge's evidence is never one string
            f.write(chunk.replace("\n", "\n" + " " * level))

    def items(rows) -> None:
        first = True
        for row in rows:
            f.write("[\n  " if first else ",\n  ")
            value(row, 2)
            first = False
        f.write("[]" if first else "\n ]")

    f.write("{\n \"directed\": ")
    value(G.is_directed(), 1)
    f.write(",\n \"multigraph\": ")
    value(G.is_multigraph(), 1)
    f.write(",\n \"graph\": ")
    value(G.graph, 1)
    f.write(',\n "nodes": ')
    items({**G.nodes[n], "id": n} for n in G)
    f.write(',\n "edges": ')
    items({**d, "source": u, "target": v, "key": k} for u, v, k, d in G.edges(keys=True, data=True))
    f.write("\n}")


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
    except (OSError, ValueError, RecursionError) as err:
        reason = getattr(err, "strerror", None) or str(err).splitlines()[0] if str(err) else type(err).__name__
        raise DataError(f"{str(path)!r} is not a newsgraph graph.json: {reason}") from None
    problem = graph_data_problem(data)
    if problem:
        raise DataError(f"{str(path)!r} is not a newsgraph graph.json: {problem}; "
                        "build one with: newsgraph build PATH -o OUT")
    try:
        return from_json_data(data)
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as err:
        raise DataError(f"{str(path)!r} is not a newsgraph graph.json: {err}") from None


def graph_data_problem(data) -> str | None:
    """Why parsed JSON is not a newsgraph graph.json (the contract in DEVELOPERS.md), or None.

    Examples
    --------
    >>> graph_data_problem([])
    'it holds a JSON list, not a graph object'
    >>> graph_data_problem(nx.node_link_data(nx.path_graph(2), edges="edges"))
    'an undirected simple graph, not a newsgraph MultiDiGraph'
    >>> G = nx.MultiDiGraph(); G.add_edge(1, 2)
    0
    >>> graph_data_problem(to_json_data(G))
    "a node without an id, a type or a name (a plain networkx file?): {'id': 1}"
    >>> G = nx.MultiDiGraph(); G.add_node("a", type="State", name="A")
    >>> graph_data_problem(to_json_data(G)) is None
    True
    """
    if not isinstance(data, dict):
        return f"it holds a JSON {type(data).__name__.replace('dict', 'object').replace('str', 'string')}, not a graph object"
    if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        found = ", ".join(sorted(map(str, data))[:6]) or "nothing"
        return f"no 'nodes' and 'edges' lists (it has {found})"
    if not (data.get("directed") and data.get("multigraph")):
        return (f"{'a directed' if data.get('directed') else 'an undirected'} "
                f"{'multigraph' if data.get('multigraph') else 'simple graph'}, not a newsgraph MultiDiGraph")
    if not isinstance(data.get("graph", {}), dict):
        return "its 'graph' attributes are not an object"
    for node in data["nodes"]:
        if not isinstance(node, dict) or "id" not in node or not isinstance(node.get("type"), str) \
                or not isinstance(node.get("name"), str):
            return f"a node without an id, a type or a name (a plain networkx file?): {str(node)[:80]}"
    for edge in data["edges"]:
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            return f"an edge without a source or a target: {str(edge)[:80]}"
    return None


register_exporter("json", filename="graph.json", write=write_json, optional=False,
                  description="the graph, node-link JSON (the graph.json contract; always written)")
