"""GraphML for Gephi, Cytoscape, networkx and igraph.

What Gephi needs to show the graph as the HTML export does:

* every edge has a unique id, ``subject|TYPE|object`` (Gephi skips an edge whose id it has seen);
* every node has a ``label`` (its name), the HTML colours (:data:`graph.export.style.TYPE_STYLES`
  per entity type, :data:`graph.export.style.FAMILY_COLORS` per relation family) as ``color`` and
  ``r``, ``g``, ``b``, and a ``size`` scaled from its mentions;
* GraphML has no list type: lists are ``a|b|c`` strings, maps (codes, evidence) JSON strings.

The file is byte for byte what ``networkx.write_graphml(flatten(G), path)`` writes, assembled as
strings in one pass. GEXF is :mod:`graph.export.gexf`; the helpers both share (XML-safe strings,
escaping, ids, colours, sizes) are in :mod:`graph.export.xml_common`. No absolute path is
written: a document's ``path`` (graph attribute ``document_index``) is kept when it is relative
and stays inside the input root, and cut to its file name otherwise (:func:`portable_path`).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import ExportError

from . import register_exporter
from .xml_common import (
    edge_color, edge_id, escape_attr, escape_text, mention_range, node_attrs, node_size, node_style,
    portable_path, rgb, unique_edge_ids, xml_safe,
)

__all__ = ["LIST_SEPARATOR", "edge_id", "xml_safe", "portable_path", "flatten", "node_size", "write_graphml"]

LIST_SEPARATOR = "|"


# ---------------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------------

def _flat_value(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        if all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            return LIST_SEPARATOR.join(str(v) for v in value)
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat_safe(value):
    """:func:`_flat_value`, XML-safe: the flat string is cleaned once (JSON already escapes controls)."""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    flat = _flat_value(value)
    return xml_safe(flat) if isinstance(flat, str) else flat


def _portable_graph_attrs(graph: Mapping) -> dict:
    out = dict(graph)
    index = out.get("document_index")
    if isinstance(index, Mapping):
        out["document_index"] = {
            doc: ({**meta, "path": portable_path(meta.get("path"))} if isinstance(meta, Mapping) else meta)
            for doc, meta in index.items()}
    return out


def _graphml_items(G: nx.MultiDiGraph):
    """Graph attributes, ``[(node id, attrs)]`` and ``[(source, target, edge id, attrs)]`` for GraphML.

    Every value is scalar and XML-safe (:func:`_flat_safe`); nodes get ``label``, ``color``,
    ``r``, ``g``, ``b``, ``size``, edges ``color``.
    """
    graph = {k: _flat_safe(v) for k, v in _portable_graph_attrs(G.graph).items()}
    low, high = mention_range(G)
    nodes = []
    for n, data in G.nodes(data=True):
        attrs = {k: _flat_safe(v) for k, v in node_attrs(data).items()}
        color, _ = node_style(data)
        attrs.update(label=xml_safe(str(data.get("name") or n)), color=color, **rgb(color),
                     size=node_size(int(data.get("mentions") or 0), smallest=low, largest=high))
        nodes.append((xml_safe(str(n)), attrs))
    ids = unique_edge_ids(G)
    edges = []
    for u, v, k, data in G.edges(keys=True, data=True):
        attrs = {a: _flat_safe(b) for a, b in data.items()}
        attrs["color"] = edge_color(data)
        edges.append((xml_safe(str(u)), xml_safe(str(v)), ids[(u, v, k)], attrs))
    return graph, nodes, edges


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` for GraphML: scalar, XML-safe attributes, edge keys = unique edge ids.

    Nodes get ``label`` (the name), ``color`` (hex, as in the HTML), ``r``, ``g``, ``b`` and
    ``size`` (Gephi's GraphML importer reads these); edges get ``color``. Codes are flattened
    into ``iso3``, ``iso2``, ``wikidata``. ``networkx.write_graphml(flatten(G), path)`` writes
    the same bytes as :func:`write_graphml`, which streams them without this copy.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", type="State", aliases=["A", "Ay"], codes={"iso3": "AAA"}, mentions=2)
    >>> H = flatten(G); H.nodes["a"]["aliases"], H.nodes["a"]["label"], H.nodes["a"]["color"], H.nodes["a"]["iso3"]
    ('A|Ay', 'A', '#ff7f0e', 'AAA')
    """
    graph, nodes, edges = _graphml_items(G)
    H = nx.MultiDiGraph()
    H.graph.update(graph)
    H.add_nodes_from(nodes)
    for u, v, eid, attrs in edges:
        H.add_edge(u, v, key=eid, **attrs)
    return H


# GraphML types of the Python values networkx writes (bool before int: bool is an int).
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')


def _graphml_chunks(G: nx.MultiDiGraph):
    """The GraphML document in pieces: the bytes ``networkx.write_graphml(flatten(G))`` writes.

    Keys are ``d0, d1, ...`` in the order networkx creates them (graph, node, edge attributes as
    met; one key per name and type) and written newest first, as networkx writes them.
    """
    graph, nodes, edges = _graphml_items(G)
    keys: dict[tuple, str] = {}
    types: dict = {}

    def key_of(name, value, scope):
        kind = types.get(type(value))
        if kind is None:
            kind = next((name for t, name in _GRAPHML_TYPES.items() if isinstance(value, t)), None)
            if kind is None:
                raise ExportError(f"GraphML cannot hold a {type(value).__name__} value: {value!r}")
            types[type(value)] = kind
        k = (name, kind, scope)
        kid = keys.get(k)
        if kid is None:
            kid = keys[k] = f"d{len(keys)}"
        return kid

    def data_lines(attrs, scope, indent):
        return [f'{indent}<data key="{key_of(k, v, scope)}">{escape_text(str(v))}</data>\n'
                for k, v in attrs.items()]

    graph_data = data_lines(graph, "graph", "")
    node_parts = []
    for nid, attrs in nodes:
        if attrs:
            node_parts.append(f'<node id="{escape_attr(nid)}">\n')
            node_parts += data_lines(attrs, "node", "  ")
            node_parts.append("</node>\n")
        else:
            node_parts.append(f'<node id="{escape_attr(nid)}"/>\n')
    edge_parts = []
    for u, v, eid, attrs in edges:
        head = f'<edge source="{escape_attr(u)}" target="{escape_attr(v)}" id="{escape_attr(eid)}"'
        if attrs:
            edge_parts.append(head + ">\n")
            edge_parts += data_lines(attrs, "edge", "  ")
            edge_parts.append("</edge>\n")
        else:
            edge_parts.append(head + "/>\n")
    key_lines = [f'<key id="{kid}" for="{scope}" attr.name="{escape_attr(name)}" attr.type="{kind}"/>\n'
                 for (name, kind, scope), kid in reversed(keys.items())]
    return [_GRAPHML_HEAD, *key_lines, '<graph edgedefault="directed">', *graph_data, *node_parts,
            *edge_parts, "</graph></graphml>"]


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write GraphML (edge ids unique, node labels, HTML colours) and return the path.

    The file is what ``networkx.write_graphml(flatten(G), path)`` writes, byte for byte,
    assembled as strings in one pass instead of one XML element per value.
    """
    path = Path(path)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(_graphml_chunks(G)))
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


register_exporter("graphml", filename="graph.graphml", write=write_graphml, description="GraphML (Gephi, Cytoscape)")
