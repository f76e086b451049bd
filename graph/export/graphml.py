"""GraphML and GEXF for Gephi, Gephi Lite, Cytoscape, networkx and igraph.

Both files carry what Gephi needs to show the graph as the HTML export does:

* every edge has a unique id, ``subject|TYPE|object`` (Gephi skips an edge whose id it has seen);
* every node has a ``label`` (its name) and the HTML colours (:data:`graph.export.html.TYPE_STYLES`
  per entity type, :data:`graph.export.html.FAMILY_COLORS` per relation family) and a size
  scaled from its mentions;
* GEXF 1.3: the relation type is the edge ``kind`` and a ``relation`` attribute (GEXF reserves the
  edge ``type`` for directed/undirected), the relation phrase is the edge ``label``, lists are
  ``liststring`` (``["a", "b"]``; maps and lists of maps are JSON strings), colours, sizes and shapes are ``viz`` elements
  written in the GEXF namespace, as the published 1.3 schema declares them;
* GraphML has no list type: lists are ``a|b|c`` strings, maps (codes, evidence) JSON strings.

Strings are made XML-safe once (:func:`xml_safe`: characters XML 1.0 forbids, such as NUL and
other control characters, are removed). No absolute path is written: a document's ``path``
(graph attribute ``document_index``, GraphML only) is kept when it is relative and stays inside
the input root, and cut to its file name otherwise (:func:`portable_path`).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath
from xml.etree import ElementTree as ET

import networkx as nx

from newsgraph.corpus.errors import ExportError

from . import register_exporter
from .style import FAMILY_COLORS, TYPE_STYLES

__all__ = ["LIST_SEPARATOR", "GEXF_NS", "edge_id", "xml_safe", "portable_path", "flatten", "node_size",
           "write_graphml", "to_gexf", "write_gexf"]

LIST_SEPARATOR = "|"
GEXF_NS = "http://gexf.net/1.3"

# Characters XML 1.0 does not allow (controls other than tab, LF, CR; lone surrogates; U+FFFE/F).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# vis-network shapes of the HTML export -> GEXF node shapes.
_SHAPES = {"dot": "disc", "diamond": "diamond", "square": "square", "triangle": "triangle"}
_DEFAULT_COLOR = "#7f7f7f"
# The HTML export's vis scaling: node size 8..36 from mentions, edge width 1..6 from weight.
_NODE_SIZE = (8.0, 36.0)
_EDGE_WIDTH = (1.0, 6.0)
# Node keys not written as they are (`id` is the node id, `codes` is flattened).
_SKIP_NODE_KEYS = {"id", "codes"}


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, other control characters).

    Examples
    --------
    >>> xml_safe("a\\x00b\\x1fc\\td")
    'abc\\td'
    """
    return _XML_ILLEGAL.sub("", text)


def portable_path(path) -> str | None:
    """A document path safe to ship: relative paths inside the input root as they are, else the file name.

    Examples
    --------
    >>> portable_path("corpus/sample/a.txt"), portable_path("/home/me/news/a.txt")
    ('corpus/sample/a.txt', 'a.txt')
    >>> portable_path("C:\\\\Users\\\\me\\\\a.txt"), portable_path("../secret/a.txt"), portable_path(None)
    ('a.txt', 'a.txt', None)
    """
    if not isinstance(path, str) or not path:
        return None
    win, posix = PureWindowsPath(path), PurePosixPath(path.replace("\\", "/"))
    if win.drive or win.root or posix.is_absolute() or ".." in posix.parts or "~" in posix.parts[:1]:
        return posix.name or None
    return str(posix)


def edge_id(subject: str, rtype: str, obj: str) -> str:
    """The edge id in GraphML and GEXF.

    Examples
    --------
    >>> edge_id("state:RUS", "OFFERED_ASYLUM_TO", "person:nicolas-maduro")
    'state:RUS|OFFERED_ASYLUM_TO|person:nicolas-maduro'
    """
    return f"{subject}|{rtype}|{obj}"


def _safe(value):
    """Every string inside ``value`` made XML-safe (lists and maps walked)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, Mapping):
        return {xml_safe(str(k)): _safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _unique_ids(G: nx.MultiDiGraph) -> dict:
    """``{(u, v, key): id}``, unique even if ids contain ``|``."""
    ids, seen = {}, set()
    for u, v, k, data in G.edges(keys=True, data=True):
        base = xml_safe(edge_id(str(u), str(data.get("type", k)), str(v)))
        eid, n = base, 1
        while eid in seen:
            n += 1
            eid = f"{base}#{n}"
        seen.add(eid)
        ids[(u, v, k)] = eid
    return ids


def _scale(value, low, high, bounds) -> float:
    lo, hi = bounds
    if high <= low:
        return round((lo + hi) / 2, 2)
    return round(lo + (value - low) / (high - low) * (hi - lo), 2)


def node_size(mentions: int, *, smallest: int, largest: int) -> float:
    """Node size from mentions, linear between 8 and 36 as in the HTML export.

    Examples
    --------
    >>> node_size(1, smallest=1, largest=11), node_size(11, smallest=1, largest=11)
    (8.0, 36.0)
    """
    return _scale(mentions, smallest, largest, _NODE_SIZE)


def _rgb(hex_color: str) -> dict:
    h = hex_color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16)}


def _node_style(data: Mapping) -> tuple[str, str]:
    style = TYPE_STYLES.get(data.get("type"), {})
    return style.get("color", _DEFAULT_COLOR), _SHAPES.get(style.get("shape"), "disc")


def _edge_color(data: Mapping) -> str:
    return FAMILY_COLORS.get(data.get("family"), _DEFAULT_COLOR)


def _mentions(G):
    values = [int(d.get("mentions") or 0) for _, d in G.nodes(data=True)] or [0]
    return min(values), max(values)


def _weights(G):
    values = [int(d.get("weight") or 0) for _, _, d in G.edges(data=True)] or [0]
    return min(values), max(values)


def _node_attrs(data: Mapping) -> dict:
    """Node attributes with codes flattened into ``iso3``, ``iso2``, ``wikidata``."""
    out = {k: v for k, v in data.items() if k not in _SKIP_NODE_KEYS}
    for code, value in (data.get("codes") or {}).items():
        if code not in out and value not in (None, ""):
            out[code] = value
    return out


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


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` for GraphML: scalar, XML-safe attributes, edge keys = unique edge ids.

    Nodes get ``label`` (the name), ``color`` (hex, as in the HTML), ``r``, ``g``, ``b`` and
    ``size`` (Gephi's GraphML importer reads these); edges get ``color``. Codes are flattened
    into ``iso3``, ``iso2``, ``wikidata``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", type="State", aliases=["A", "Ay"], codes={"iso3": "AAA"}, mentions=2)
    >>> H = flatten(G); H.nodes["a"]["aliases"], H.nodes["a"]["label"], H.nodes["a"]["color"], H.nodes["a"]["iso3"]
    ('A|Ay', 'A', '#ff7f0e', 'AAA')
    """
    H = nx.MultiDiGraph()
    H.graph.update({k: _flat_safe(v) for k, v in _portable_graph_attrs(G.graph).items()})
    low, high = _mentions(G)
    for n, data in G.nodes(data=True):
        attrs = {k: _flat_safe(v) for k, v in _node_attrs(data).items()}
        color, _ = _node_style(data)
        attrs.update(label=xml_safe(str(data.get("name") or n)), color=color, **_rgb(color),
                     size=node_size(int(data.get("mentions") or 0), smallest=low, largest=high))
        H.add_node(xml_safe(str(n)), **attrs)
    ids = _unique_ids(G)
    for u, v, k, data in G.edges(keys=True, data=True):
        attrs = {a: _flat_safe(b) for a, b in data.items()}
        attrs["color"] = _edge_color(data)
        H.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=ids[(u, v, k)], **attrs)
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write GraphML (edge ids unique, node labels, HTML colours) and return the path."""
    path = Path(path)
    try:
        nx.write_graphml(flatten(G), path)
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


# ---------------------------------------------------------------------------------------------
# GEXF 1.3
# ---------------------------------------------------------------------------------------------

def _gexf_type(values: list) -> str | None:
    """The GEXF attribute type of a column, or None for a column to write as a JSON string."""
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("integer")
        elif isinstance(v, float):
            kinds.add("double")
        elif isinstance(v, str):
            kinds.add("string")
        elif isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
            kinds.add("liststring")
        else:
            return None
    if kinds == {"integer", "double"}:
        return "double"
    if len(kinds) > 1:
        return None
    return kinds.pop() if kinds else "string"


def _shallow_safe(rec: Mapping) -> dict:
    """Top-level strings and lists of scalars made XML-safe; nested data is cleaned when written as JSON."""
    out = {}
    for k, v in rec.items():
        if isinstance(v, str):
            v = xml_safe(v)
        elif isinstance(v, (list, tuple, set)) and all(x is None or isinstance(x, (str, int, float)) for x in v):
            v = _safe(v)
        elif isinstance(v, float) and not math.isfinite(v):
            v = None
        out[xml_safe(str(k))] = v
    return out


def _gexf_value(value, kind) -> str:
    if kind is None:  # JSON escapes control characters; xml_safe drops what is left (lone surrogates)
        return xml_safe(json.dumps(value, ensure_ascii=False))
    if kind.startswith("list"):
        return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in value) + "]"
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _columns(records: list[dict]) -> dict[str, str | None]:
    values: dict[str, list] = {}
    for rec in records:
        for k, v in rec.items():
            if v is not None:
                values.setdefault(k, []).append(v)
    return {k: _gexf_type(vs) for k, vs in sorted(values.items())}


def _attributes(parent, cls: str, columns: dict) -> dict[str, str]:
    el = ET.SubElement(parent, "attributes", {"class": cls})
    ids = {}
    for i, (title, kind) in enumerate(columns.items()):
        ids[title] = str(i)  # numeric: graphology-gexf then keys values by title
        ET.SubElement(el, "attribute", {"id": ids[title], "title": title, "type": kind or "string"})
    return ids


def _attvalues(parent, record: dict, columns: dict, ids: dict) -> None:
    present = [(k, v) for k, v in record.items() if v is not None and k in ids]
    if present:
        el = ET.SubElement(parent, "attvalues")
        for k, v in present:
            ET.SubElement(el, "attvalue", {"for": ids[k], "value": _gexf_value(v, columns[k])})


def _token(text) -> str:
    """A GEXF label (``xs:token``): XML-safe, whitespace runs as one space."""
    return " ".join(xml_safe(str(text)).split())


def _color(parent, hex_color: str) -> None:
    ET.SubElement(parent, "color", {k: str(v) for k, v in _rgb(hex_color).items()})


def to_gexf(G: nx.MultiDiGraph) -> ET.ElementTree:
    """The GEXF 1.3 document of ``G`` (valid against the published schema).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", type="Person", aliases=["A", "Ay"], mentions=3)
    >>> G.add_node("b", name="B\\x00", type="State", mentions=1)
    >>> _ = G.add_edge("a", "b", key="MET_WITH", type="MET_WITH", label="met with", family="cooperation", weight=2)
    >>> root = to_gexf(G).getroot()
    >>> edge = root.find(".//edge")
    >>> edge.get("id"), edge.get("kind"), edge.get("label"), edge.get("type")
    ('a|MET_WITH|b', 'MET_WITH', 'met with', None)
    >>> [n.get("label") for n in root.iter("node")]
    ['A', 'B']
    """
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = xml_safe(f"newsgraph {G.graph.get('newsgraph_version', '')}".strip())
    description = [f"{k}: {G.graph[k]}" for k in ("corpus", "model", "documents", "date_range")
                   if G.graph.get(k) not in (None, "")]
    ET.SubElement(meta, "description").text = xml_safe("; ".join(str(d) for d in description))
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})

    nodes = [(xml_safe(str(n)), data, _shallow_safe(_node_attrs(data))) for n, data in G.nodes(data=True)]
    for _, _, rec in nodes:
        rec.pop("name", None)  # the node label
    ids = _unique_ids(G)
    edges = []
    for u, v, k, data in G.edges(keys=True, data=True):
        rec = _shallow_safe({a: b for a, b in data.items() if a not in ("type", "label", "weight")})
        rec["relation"] = xml_safe(str(data.get("type", k)))
        edges.append((ids[(u, v, k)], xml_safe(str(u)), xml_safe(str(v)), data, rec))
    node_cols = _columns([rec for _, _, rec in nodes])
    edge_cols = _columns([rec for *_, rec in edges])
    node_ids = _attributes(graph, "node", node_cols)
    edge_ids = _attributes(graph, "edge", edge_cols)

    low, high = _mentions(G)
    nodes_el = ET.SubElement(graph, "nodes", {"count": str(len(nodes))})
    for nid, data, rec in nodes:
        el = ET.SubElement(nodes_el, "node", {"id": nid, "label": _token(data.get("name") or nid)})
        _attvalues(el, rec, node_cols, node_ids)
        color, shape = _node_style(data)
        _color(el, color)
        ET.SubElement(el, "size", {"value": str(node_size(int(data.get("mentions") or 0),
                                                            smallest=low, largest=high))})
        ET.SubElement(el, "shape", {"value": shape})

    wlow, whigh = _weights(G)
    edges_el = ET.SubElement(graph, "edges", {"count": str(len(edges))})
    for eid, u, v, data, rec in edges:
        attrs = {"id": eid, "source": u, "target": v, "kind": rec["relation"]}
        if data.get("label"):
            attrs["label"] = _token(data["label"])
        weight = data.get("weight")
        if isinstance(weight, (int, float)) and not isinstance(weight, bool) and math.isfinite(weight):
            attrs["weight"] = str(weight)
        el = ET.SubElement(edges_el, "edge", attrs)
        _attvalues(el, rec, edge_cols, edge_ids)
        _color(el, _edge_color(data))
        ET.SubElement(el, "thickness", {"value": str(_scale(int(weight or 0), wlow, whigh, _EDGE_WIDTH))})
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write GEXF 1.3 (see :func:`to_gexf`) and return the path."""
    path = Path(path)
    try:
        to_gexf(G).write(path, encoding="utf-8", xml_declaration=True)
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


register_exporter("graphml", filename="graph.graphml", write=write_graphml, description="GraphML (Gephi, Cytoscape)")
register_exporter("gexf", filename="graph.gexf", write=write_gexf, description="GEXF 1.3 (Gephi)")
