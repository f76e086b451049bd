"""GraphML and GEXF for Gephi and Cytoscape.

Those formats hold only scalar attributes, so lists become ``"a|b|c"`` strings and dicts (codes,
evidence) become JSON strings; the graph attributes that are maps are JSON strings too.
"""

from __future__ import annotations

import json
import os

import networkx as nx

from . import register_exporter

__all__ = ["flatten", "write_graphml", "write_gexf"]

LIST_SEPARATOR = "|"


def _flat_value(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        if all(isinstance(v, (str, int, float)) for v in value):
            return LIST_SEPARATOR.join(str(v) for v in value)
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with only str/int/float/bool attributes.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("a", aliases=["A", "Ay"], codes={"iso3": "AAA"})
    >>> flatten(G).nodes["a"]
    {'aliases': 'A|Ay', 'codes': '{"iso3": "AAA"}'}
    """
    H = nx.MultiDiGraph()
    H.graph.update({k: _flat_value(v) for k, v in G.graph.items()})
    for n, data in G.nodes(data=True):
        H.add_node(n, **{k: _flat_value(v) for k, v in data.items() if k != "id"})
    for u, v, k, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _flat_value(b) for a, b in data.items()})
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_graphml(flatten(G), path)


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    H = flatten(G)
    for n, data in H.nodes(data=True):
        data["label"] = data.get("name", n)
    nx.write_gexf(H, path)


register_exporter("graphml", filename="graph.graphml", write=write_graphml, description="GraphML (Gephi, Cytoscape)")
register_exporter("gexf", filename="graph.gexf", write=write_gexf, description="GEXF (Gephi)")
