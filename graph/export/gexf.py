"""GEXF 1.3 for Gephi and Gephi Lite, valid against the published schema.

What Gephi needs to show the graph as the HTML export does:

* every edge has a unique id, ``subject|TYPE|object`` (Gephi skips an edge whose id it has seen);
  the relation type is the edge ``kind`` and a ``relation`` attribute (GEXF reserves the edge
  ``type`` for directed/undirected), the relation phrase is the edge ``label``;
* every node has a ``label`` (its name), the HTML colour and shape per entity type
  (:mod:`graph.export.style`) and a size scaled from its mentions (``viz`` elements, written in
  the GEXF namespace as the 1.3 schema declares them); edges have the colour of their family
  and a thickness scaled from their weight;
* lists of strings are ``liststring`` (``["a", "b"]``); maps and lists of maps are JSON strings.

The document is assembled as strings in one pass (no element tree), with ElementTree's layout
and escaping: the bytes are those ``ElementTree`` writes for the same document indented by one
space.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import ExportError

from . import register_exporter
from .xml_common import (
    edge_color, edge_width, escape_attr, mention_range, node_attrs, node_size, node_style, rgb, safe_value,
    unique_edge_ids, weight_range, xml_safe,
)

__all__ = ["GEXF_NS", "gexf_chunks", "to_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"

_SCALAR_KINDS = {bool: "boolean", int: "integer", float: "double", str: "string"}
_EDGE_SKIP = frozenset({"type", "label", "weight"})  # written as the edge's own attributes


def _kind(value) -> str | None:
    """The GEXF type of one value (None: write the column as JSON)."""
    kind = _SCALAR_KINDS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)) and all(isinstance(x, str) for x in value):
        return "liststring"
    return None


def _column_type(kinds: set) -> str | None:
    """The GEXF attribute type of a column from the kinds of its values (None: JSON strings)."""
    if None in kinds:
        return None
    if kinds == {"integer", "double"}:
        return "double"
    if len(kinds) > 1:
        return None
    return next(iter(kinds)) if kinds else "string"


def _shallow_safe(rec: Mapping) -> dict:
    """Top-level strings and lists of scalars made XML-safe; nested data is cleaned when written as JSON."""
    out = {}
    for k, v in rec.items():
        if isinstance(v, str):
            v = xml_safe(v)
        elif isinstance(v, (list, tuple, set)) and all(x is None or isinstance(x, (str, int, float)) for x in v):
            v = safe_value(v)
        elif isinstance(v, float) and not math.isfinite(v):
            v = None
        out[xml_safe(str(k))] = v
    return out


def _value(value, kind) -> str:
    if kind is None:  # JSON escapes control characters; xml_safe drops what is left (lone surrogates)
        return xml_safe(json.dumps(value, ensure_ascii=False))
    if kind == "liststring":
        return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in value) + "]"
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _columns(records: list[dict]) -> dict[str, str | None]:
    kinds: dict[str, set] = {}
    for rec in records:
        for k, v in rec.items():
            if v is not None:
                kinds.setdefault(k, set()).add(_kind(v))
    return {k: _column_type(ks) for k, ks in sorted(kinds.items())}


def _attr(text: str) -> str:
    return escape_attr(text, tab="&#09;")  # ElementTree's escaping


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _token(text) -> str:
    """A GEXF label (``xs:token``): XML-safe, whitespace runs as one space."""
    return " ".join(xml_safe(str(text)).split())


def _attributes(cls: str, columns: dict) -> tuple[list[str], dict[str, str]]:
    ids = {title: str(i) for i, title in enumerate(columns)}  # numeric: graphology-gexf keys values by title
    if not columns:
        return [f'  <attributes class="{cls}" />\n'], ids
    lines = [f'  <attributes class="{cls}">\n']
    lines += [f'   <attribute id="{ids[title]}" title="{_attr(title)}" type="{kind or "string"}" />\n'
              for title, kind in columns.items()]
    lines.append("  </attributes>\n")
    return lines, ids


def _attvalues(record: dict, columns: dict, ids: dict) -> list[str]:
    lines = [f'     <attvalue for="{ids[k]}" value="{_attr(_value(v, columns[k]))}" />\n'
             for k, v in record.items() if v is not None and k in ids]
    if lines:
        return ["    <attvalues>\n", *lines, "    </attvalues>\n"]
    return lines


def _color(hex_color: str) -> str:
    c = rgb(hex_color)
    return f'    <color r="{c["r"]}" g="{c["g"]}" b="{c["b"]}" />\n'


def _element(indent: str, tag: str, text: str) -> str:
    return f"{indent}<{tag}>{_text(text)}</{tag}>\n" if text else f"{indent}<{tag} />\n"


def gexf_chunks(G: nx.MultiDiGraph) -> Iterator[str]:
    """The GEXF 1.3 document of ``G`` in pieces (see :func:`to_gexf`)."""
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield f'<gexf xmlns="{GEXF_NS}" version="1.3">\n <meta>\n'
    yield _element("  ", "creator", xml_safe(f"newsgraph {G.graph.get('newsgraph_version', '')}".strip()))
    description = [f"{k}: {G.graph[k]}" for k in ("corpus", "model", "documents", "date_range")
                   if G.graph.get(k) not in (None, "")]
    yield _element("  ", "description", xml_safe("; ".join(str(d) for d in description)))
    yield ' </meta>\n <graph defaultedgetype="directed" mode="static">\n'

    nodes = [(xml_safe(str(n)), data, _shallow_safe(node_attrs(data))) for n, data in G.nodes(data=True)]
    for _, _, rec in nodes:
        rec.pop("name", None)  # the node label
    ids = unique_edge_ids(G)
    edges = []
    for u, v, k, data in G.edges(keys=True, data=True):
        rec = _shallow_safe({a: b for a, b in data.items() if a not in _EDGE_SKIP})
        rec["relation"] = xml_safe(str(data.get("type", k)))
        edges.append((ids[(u, v, k)], xml_safe(str(u)), xml_safe(str(v)), data, rec))
    node_cols = _columns([rec for _, _, rec in nodes])
    edge_cols = _columns([rec for *_, rec in edges])
    lines, node_ids = _attributes("node", node_cols)
    yield "".join(lines)
    lines, edge_ids = _attributes("edge", edge_cols)
    yield "".join(lines)

    low, high = mention_range(G)
    if not nodes:
        yield '  <nodes count="0" />\n'
    else:
        yield f'  <nodes count="{len(nodes)}">\n'
        for nid, data, rec in nodes:
            color, shape = node_style(data)
            size = node_size(int(data.get("mentions") or 0), smallest=low, largest=high)
            yield "".join([f'   <node id="{_attr(nid)}" label="{_attr(_token(data.get("name") or nid))}">\n',
                           *_attvalues(rec, node_cols, node_ids), _color(color),
                           f'    <size value="{size}" />\n', f'    <shape value="{shape}" />\n', "   </node>\n"])
        yield "  </nodes>\n"

    wlow, whigh = weight_range(G)
    if not edges:
        yield '  <edges count="0" />\n'
    else:
        yield f'  <edges count="{len(edges)}">\n'
        for eid, u, v, data, rec in edges:
            head = f'   <edge id="{_attr(eid)}" source="{_attr(u)}" target="{_attr(v)}" kind="{_attr(rec["relation"])}"'
            if data.get("label"):
                head += f' label="{_attr(_token(data["label"]))}"'
            weight = data.get("weight")
            if isinstance(weight, (int, float)) and not isinstance(weight, bool) and math.isfinite(weight):
                head += f' weight="{weight}"'
            thickness = edge_width(int(weight or 0), smallest=wlow, largest=whigh)
            yield "".join([head, ">\n", *_attvalues(rec, edge_cols, edge_ids), _color(edge_color(data)),
                           f'    <thickness value="{thickness}" />\n', "   </edge>\n"])
        yield "  </edges>\n"
    yield " </graph>\n</gexf>"


def to_gexf(G: nx.MultiDiGraph) -> str:
    """The GEXF 1.3 document of ``G`` as a string (valid against the published schema).

    Examples
    --------
    >>> from xml.etree import ElementTree as ET
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", type="Person", aliases=["A", "Ay"], mentions=3)
    >>> G.add_node("b", name="B\\x00", type="State", mentions=1)
    >>> _ = G.add_edge("a", "b", key="MET_WITH", type="MET_WITH", label="met with", family="cooperation", weight=2)
    >>> root = ET.fromstring(to_gexf(G).encode("utf-8"))
    >>> ns = {"g": GEXF_NS}
    >>> edge = root.find(".//g:edge", ns)
    >>> edge.get("id"), edge.get("kind"), edge.get("label"), edge.get("type")
    ('a|MET_WITH|b', 'MET_WITH', 'met with', None)
    >>> [n.get("label") for n in root.iterfind(".//g:node", ns)]
    ['A', 'B']
    >>> [(a.get("title"), a.get("type")) for a in root.iterfind(".//g:attributes[@class='node']/g:attribute", ns)]
    [('aliases', 'liststring'), ('mentions', 'integer'), ('type', 'string')]
    """
    return "".join(gexf_chunks(G))


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write GEXF 1.3 (see :func:`to_gexf`) and return the path."""
    path = Path(path)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(to_gexf(G))
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


register_exporter("gexf", filename="graph.gexf", write=write_gexf, description="GEXF 1.3 (Gephi)")
