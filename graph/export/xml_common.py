"""What the GraphML and GEXF writers share: XML-safe strings, escaping, edge ids, colours and sizes.

Strings are made XML-safe once (:func:`xml_safe`: characters XML 1.0 forbids, such as NUL and
other control characters, are removed) and escaped as they are written (:func:`escape_text`,
:func:`escape_attr`), so both files are assembled as strings in one pass. Colours and shapes
are the HTML export's (:mod:`graph.export.style`); sizes are scaled as the HTML scales them.
No absolute path is written (:func:`portable_path`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import networkx as nx

from .style import FAMILY_COLORS, TYPE_STYLES

__all__ = ["xml_safe", "safe_value", "escape_text", "escape_attr", "portable_path", "edge_id",
           "unique_edge_ids", "scale", "node_size", "edge_width", "rgb", "node_style", "edge_color",
           "mention_range", "weight_range", "node_attrs"]

# Characters XML 1.0 does not allow (controls other than tab, LF, CR; lone surrogates; U+FFFE/F).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# vis-network shapes of the HTML export -> GEXF node shapes.
_SHAPES = {"dot": "disc", "diamond": "diamond", "square": "square", "triangle": "triangle"}
_DEFAULT_COLOR = "#7f7f7f"
# The HTML export's vis scaling: node size 8..36 from mentions, edge width 1..6 from weight.
_NODE_SIZE = (8.0, 36.0)
_EDGE_WIDTH = (1.0, 6.0)
# Node keys not written as they are (`id` is the node id, `codes` is flattened).
_SKIP_NODE_KEYS = frozenset({"id", "codes"})


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, other control characters).

    Examples
    --------
    >>> xml_safe("a\\x00b\\x1fc\\td")
    'abc\\td'
    """
    return _XML_ILLEGAL.sub("", text)


def safe_value(value):
    """Every string inside ``value`` made XML-safe (lists and maps walked; NaN and infinities are None).

    Examples
    --------
    >>> safe_value({"a\\x00": ["b\\x01", 1.5, float("nan")]})
    {'a': ['b', 1.5, None]}
    """
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, Mapping):
        return {xml_safe(str(k)): safe_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [safe_value(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def escape_text(text: str) -> str:
    """Element text escaped as libxml2 (lxml) escapes it: ``& < >`` and CR.

    Examples
    --------
    >>> escape_text('a < b & "c"\\r')
    'a &lt; b &amp; "c"&#13;'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


_ATTR_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"),
                 ("\n", "&#10;"))


def escape_attr(text: str, *, tab: str = "&#9;") -> str:
    """An attribute value escaped as libxml2 escapes it (ElementTree writes a tab as ``&#09;``).

    Examples
    --------
    >>> escape_attr('say "hi"\\t<&>\\n'), escape_attr("\\t", tab="&#09;")
    ('say &quot;hi&quot;&#9;&lt;&amp;&gt;&#10;', '&#09;')
    """
    for raw, entity in _ATTR_ESCAPES:
        if raw in text:
            text = text.replace(raw, entity)
    if "\t" in text:
        text = text.replace("\t", tab)
    return text


def portable_path(path) -> str | None:
    """A document path safe to ship: relative paths inside the input root as they are, else the file name.

    Examples
    --------
    >>> portable_path("corpus/sample/a.txt"), portable_path("/home/me/news/a.txt")
    ('corpus/sample/a.txt', 'a.txt')
    >>> portable_path("C:\\\\Users\\\\me\\\\a.txt"), portable_path("../secret/a.txt"), portable_path(None)
    ('a.txt', 'a.txt', None)
    """
    from pathlib import PurePosixPath, PureWindowsPath

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


def unique_edge_ids(G: nx.MultiDiGraph) -> dict:
    """``{(u, v, key): id}``, XML-safe and unique even if ids contain ``|``."""
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


def scale(value, low, high, bounds) -> float:
    """``value`` mapped linearly from ``[low, high]`` onto ``bounds`` (the middle when low == high)."""
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
    return scale(mentions, smallest, largest, _NODE_SIZE)


def edge_width(weight: int, *, smallest: int, largest: int) -> float:
    """Edge thickness from weight, linear between 1 and 6 as in the HTML export."""
    return scale(weight, smallest, largest, _EDGE_WIDTH)


def _rgb(hex_color: str) -> dict:
    h = hex_color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16)}


_RGB: dict[str, dict] = {}


def rgb(hex_color: str) -> dict:
    """``{"r", "g", "b"}`` of a ``#rrggbb`` colour (computed once per colour; do not change it).

    Examples
    --------
    >>> rgb("#ff7f0e")
    {'r': 255, 'g': 127, 'b': 14}
    """
    value = _RGB.get(hex_color)
    if value is None:
        value = _RGB[hex_color] = _rgb(hex_color)
    return value


def node_style(data: Mapping) -> tuple[str, str]:
    """``(hex colour, GEXF shape)`` of a node, from its entity type."""
    style = TYPE_STYLES.get(data.get("type"), {})
    return style.get("color", _DEFAULT_COLOR), _SHAPES.get(style.get("shape"), "disc")


def edge_color(data: Mapping) -> str:
    """The hex colour of an edge, from its relation family."""
    return FAMILY_COLORS.get(data.get("family"), _DEFAULT_COLOR)


def mention_range(G) -> tuple[int, int]:
    """Smallest and largest node ``mentions`` (0, 0 for an empty graph)."""
    values = [int(d.get("mentions") or 0) for _, d in G.nodes(data=True)] or [0]
    return min(values), max(values)


def weight_range(G) -> tuple[int, int]:
    """Smallest and largest edge ``weight`` (0, 0 for a graph without edges)."""
    values = [int(d.get("weight") or 0) for _, _, d in G.edges(data=True)] or [0]
    return min(values), max(values)


def node_attrs(data: Mapping) -> dict:
    """Node attributes with codes flattened into ``iso3``, ``iso2``, ``wikidata`` (no ``id``)."""
    out = {k: v for k, v in data.items() if k not in _SKIP_NODE_KEYS}
    for code, value in (data.get("codes") or {}).items():
        if code not in out and value not in (None, ""):
            out[code] = value
    return out
