"""Interactive, self-contained HTML view of a newsgraph knowledge graph.

The page is **one file** that opens from ``file://`` with no network request: no CDN, no web
font, no external style sheet. vis-network comes from the pyvis package (its bundled
``vis-network.min.js``), inlined into our own template (``html_assets/``); the data is one JSON
document (:mod:`graph.export.html_payload`) from which the page builds its nodes and edges.

What the page shows first tells the story: typed relations only (``MENTIONED_WITH`` can be
switched on), entities without a relation hidden (a toggle shows them), node size by typed
degree, the most connected entities labelled, and a layout computed here in Python
(:mod:`graph.export.html_layout`) so nothing moves after the first paint. Large graphs open on
their most connected ``max_nodes`` entities. ``focus=`` makes a story-sized page around one
entity.

Everything that comes from documents (names, aliases, sentences, titles) is untrusted. It
travels as JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028
and U+2029 escaped, and the page only ever puts it into the DOM as text (``textContent``,
text nodes, plain-text tooltips); only ``http(s)`` document URLs become links.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyvis

from newsgraph.corpus.errors import ExportError, UsageError

from . import register_exporter
from .html_payload import payload
from .style import FAMILY_COLORS, TYPE_STYLES

__all__ = [
    "to_html",
    "write_html",
    "TYPE_STYLES",
    "FAMILY_COLORS",
]

_SIZE_BY = ("degree", "mentions")
_COOC_EVIDENCE = ("auto", True, False)
_ASSETS = Path(__file__).with_name("html_assets")
_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_APP_SCRIPTS = ("app.js", "controls.js", "panel.js", "export.js")
_LABELS = 30          # entities always labelled
_FOCUS_LABELS = 80    # a focus page labels everything up to this many entities

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)

# Characters escaped in the embedded JSON so no data can end the <script>
# element or break JavaScript parsing.
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def to_html(
    G,
    *,
    title=None,
    max_nodes=400,
    size_by="degree",
    show_cooccurrence=False,
    cooccurrence_evidence="auto",
    focus=None,
    depth=1,
):
    """Render a newsgraph graph as one self-contained interactive HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract (see DEVELOPERS.md).
    title : str, optional
        Page title; defaults to the graph attribute ``corpus`` (or, with ``focus``, the
        entity's name).
    max_nodes : int or None, optional
        Above this many connected entities the page opens on the most connected
        ``max_nodes`` of them (ranked by typed relations), with a notice and a button to
        show more. ``None`` shows every entity at once.
    size_by : {"degree", "mentions"}, optional
        What node size encodes: distinct neighbours through typed relations, or mentions.
    show_cooccurrence : bool, optional
        Whether ``MENTIONED_WITH`` edges are shown when the page opens (they can always be
        switched on and off in the page).
    cooccurrence_evidence : {"auto", True, False}, optional
        Whether ``MENTIONED_WITH`` sentences are embedded (``"auto"``: when there are at most
        a few thousand). Without them the page lists the documents of each co-occurrence.
    focus : str, optional
        An entity id, name or alias: the page holds only this entity and what lies within
        ``depth`` typed relations of it (a story-sized file), and opens on it.
    depth : int, optional
        Hops from ``focus`` (ignored without ``focus``).

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    corpus.errors.UsageError
        If an option is invalid or ``focus`` names no entity.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(corpus="demo", documents=0, document_index={})
    >>> G.add_node("state:RUS", id="state:RUS", name="Russia", type="State",
    ...            aliases=["Russia"], mentions=3, docs=[])
    >>> page = to_html(G, title="<demo>")
    >>> page.startswith("<!DOCTYPE html>")
    True
    >>> "<demo>" in page, "\\\\u003cdemo\\\\u003e" in page
    (False, True)
    >>> to_html(G, focus="russia").count('"focus":"state:RUS"')
    1
    """
    if max_nodes is not None and (not isinstance(max_nodes, int) or max_nodes < 1):
        raise UsageError(f"max_nodes must be a positive int or None, got {max_nodes!r}")
    if size_by not in _SIZE_BY:
        raise UsageError(f"size_by must be one of {', '.join(_SIZE_BY)}; got {size_by!r}")
    if cooccurrence_evidence not in _COOC_EVIDENCE:
        raise UsageError(f"cooccurrence_evidence must be 'auto', True or False; got {cooccurrence_evidence!r}")
    labels = _LABELS
    if focus is not None:
        G, focus = _focus(G, focus, depth)
        if title is None:
            title = _focus_title(G, focus, depth)
        labels = max(_LABELS, min(G.number_of_nodes(), _FOCUS_LABELS))
    data = payload(G, title=title, max_nodes=max_nodes, size_by=size_by,
                   show_cooccurrence=show_cooccurrence, cooccurrence_evidence=cooccurrence_evidence,
                   focus=focus, label_count=labels)
    return _render(data)


def write_html(
    G,
    path,
    *,
    title=None,
    max_nodes=400,
    size_by="degree",
    show_cooccurrence=False,
    cooccurrence_evidence="auto",
    focus=None,
    depth=1,
):
    """Write :func:`to_html` output to ``path`` (UTF-8).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract.
    path : str or os.PathLike
        Output file; its parent directory must exist.
    title, max_nodes, size_by, show_cooccurrence, cooccurrence_evidence, focus, depth
        As for :func:`to_html`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    corpus.errors.ExportError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.MultiDiGraph(corpus="demo", documents=0, document_index={})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_html(G, Path(d) / "graph.html")
    ...     out.stat().st_size > 100_000
    True
    """
    html = to_html(G, title=title, max_nodes=max_nodes, size_by=size_by,
                   show_cooccurrence=show_cooccurrence, cooccurrence_evidence=cooccurrence_evidence,
                   focus=focus, depth=depth)
    out = Path(path)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"Cannot write HTML to {out}: {exc.strerror or exc}. "
            "Check that the directory exists and is writable."
        ) from exc
    return out


def _focus(G, name, depth):
    """The subgraph within ``depth`` typed hops of the entity ``name``, and its node id."""
    from ..api import KnowledgeGraph  # the name resolver ("did you mean ...")

    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
        raise UsageError(f"depth must be an int >= 0, got {depth!r}")
    kg = KnowledgeGraph(G)
    sub = kg.neighbourhood(str(name), depth)  # UsageError with close names if none matches
    return sub.nx, kg.find(str(name))[0]


def _focus_title(G, center, depth):
    name = str(G.nodes[center].get("name") or center)
    return f"{name}: relations within {depth} step{'s' * (depth != 1)}"


# --------------------------------------------------------------------------- page


def _json_for_script(obj):
    """Serialise ``obj`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      default=str)
    for char, escape in _JSON_ESCAPES.items():  # str.replace per character: faster than translate
        if chr(char) in text:
            text = text.replace(chr(char), escape)
    return text


def _inline_js(text):
    """Make a script safe to inline: no early ``</script``, no source-map fetch."""
    text = _SOURCE_MAP.sub("", text)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)


def _inline_css(text):
    return text.replace("</style", "<\\/style")


def _asset(name):
    return (_ASSETS / name).read_text(encoding="utf-8")


def _app_script():
    """The page script: the asset files in order, sharing one function scope."""
    body = "\n".join(_asset(name) for name in _APP_SCRIPTS)
    return '(function () {\n"use strict";\n' + body + "\n})();"


def _render(payload):
    if not (_VIS_DIR / "vis-network.min.js").is_file():
        raise ExportError(
            f"vis-network not found at {_VIS_DIR} (it ships with pyvis 0.3.2). "
            "Reinstall newsgraph's dependencies: pip install 'pyvis==0.3.2'."
        )
    template = _asset("template.html")
    parts = {
        "{{TITLE}}": _html_text(payload["meta"]["title"]),
        "/*{{VIS_CSS}}*/": _inline_css((_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
        "/*{{APP_CSS}}*/": _inline_css(_asset("app.css")),
        "/*{{VIS_JS}}*/": _inline_js((_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")),
        "/*{{APP_JS}}*/": _inline_js(_app_script()),
        "{{DATA}}": _json_for_script(payload),
    }
    # One pass, so a placeholder-like string inside data or assets is never expanded.
    out, pos = [], 0
    markers = sorted(((template.index(m), m) for m in parts), key=lambda t: t[0])
    for idx, marker in markers:
        out.append(template[pos:idx])
        out.append(parts[marker])
        pos = idx + len(marker)
    out.append(template[pos:])
    return "".join(out)


def _html_text(text):
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&#x27;")
    )


register_exporter("html", filename="graph.html", write=write_html,
                  description="self-contained interactive HTML page")
