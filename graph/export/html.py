"""Interactive, self-contained HTML view of a newsgraph knowledge graph.

The page is made with pyvis: a :class:`pyvis.network.Network` produces the
vis-network node and edge records and the options, and the vis-network script
bundled in the pyvis package is inlined into our own template
(``html_assets/``). The result is **one file** that opens from ``file://`` with
no network request: no CDN, no web font, no external style sheet.

Everything that comes from documents (names, aliases, sentences, titles) is
untrusted. It travels as JSON inside ``<script type="application/json">`` with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page only ever puts it
into the DOM as text (``textContent``, text nodes, plain-text tooltips).

Large graphs open on their most connected part (``max_nodes`` entities; a
notice offers to show more) and the layout runs a bounded physics
stabilisation, after which physics is switched off.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from heapq import heappop, heappush
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from newsgraph.corpus.errors import ExportError, UsageError
from newsgraph.extractors.models import FACTUAL_STATUSES, MENTIONED_WITH, STATUS_ORDER

from . import register_exporter
from .style import FAMILY_COLORS, OTHER_FAMILY, OTHER_TYPE, TYPE_STYLES

__all__ = [
    "to_html",
    "write_html",
    "TYPE_STYLES",
    "FAMILY_COLORS",
]

_OTHER_TYPE = OTHER_TYPE
_OTHER_FAMILY = OTHER_FAMILY

_SIZE_BY = ("mentions", "degree")
_ASSETS = Path(__file__).with_name("html_assets")
_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

# Physics: a bounded stabilisation whose iteration budget shrinks as the
# number of shown nodes grows (the page switches physics off afterwards).
_ITERATION_WORK = 120_000  # iterations x nodes budget
_MIN_ITERATIONS = 60
_MAX_ITERATIONS = 400

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
    size_by="mentions",
    show_cooccurrence=False,
):
    """Render a newsgraph graph as one self-contained interactive HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract (see DEVELOPERS.md).
    title : str, optional
        Page title; defaults to the graph attribute ``corpus``.
    max_nodes : int or None, optional
        Above this many entities the page opens on the most connected
        ``max_nodes`` of them, with a notice and a button to show more.
        ``None`` shows every entity at once.
    size_by : {"mentions", "degree"}, optional
        What node size encodes.
    show_cooccurrence : bool, optional
        Whether ``MENTIONED_WITH`` edges are shown when the page opens (they
        can always be switched on and off in the page).

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    corpus.errors.UsageError
        If ``max_nodes`` or ``size_by`` is invalid.

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
    """
    if max_nodes is not None and (not isinstance(max_nodes, int) or max_nodes < 1):
        raise UsageError(f"max_nodes must be a positive int or None, got {max_nodes!r}")
    if size_by not in _SIZE_BY:
        raise UsageError(f"size_by must be one of {', '.join(_SIZE_BY)}; got {size_by!r}")
    payload = _payload(
        G,
        title=title,
        max_nodes=max_nodes,
        size_by=size_by,
        show_cooccurrence=show_cooccurrence,
    )
    return _render(payload)


def write_html(
    G,
    path,
    *,
    title=None,
    max_nodes=400,
    size_by="mentions",
    show_cooccurrence=False,
):
    """Write :func:`to_html` output to ``path`` (UTF-8).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract.
    path : str or os.PathLike
        Output file; its parent directory must exist.
    title, max_nodes, size_by, show_cooccurrence
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
    html = to_html(
        G,
        title=title,
        max_nodes=max_nodes,
        size_by=size_by,
        show_cooccurrence=show_cooccurrence,
    )
    out = Path(path)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"Cannot write HTML to {out}: {exc.strerror or exc}. "
            "Check that the directory exists and is writable."
        ) from exc
    return out


# --------------------------------------------------------------------------- data


def _payload(G, *, title, max_nodes, size_by, show_cooccurrence):
    """Build the JSON-able dict the page script reads."""
    gattrs = G.graph
    doc_index = gattrs.get("document_index") or {}
    ranks = _connectivity_rank(G)
    degree = {n: len(set(G.successors(n)) | set(G.predecessors(n))) for n in G}

    net = Network(directed=True)
    net.options = _vis_options(
        G.number_of_nodes() if max_nodes is None else min(max_nodes, G.number_of_nodes()),
        G.number_of_edges(),
    )
    # pyvis keeps node ids in a list and scans it on every add_node/add_edge;
    # a list that answers `in` from a set keeps 5,000-node graphs fast.
    net.node_ids = _IdList()

    entities = {}
    for n, data in G.nodes(data=True):
        nid = str(data.get("id", n))
        etype = data.get("type") or "Other"
        style = TYPE_STYLES.get(etype, _OTHER_TYPE)
        name = str(data.get("name") or nid)
        mentions = int(data.get("mentions") or 0)
        aliases = [str(a) for a in data.get("aliases") or []]
        net.add_node(
            nid,
            label=name,
            shape=style["shape"],
            color=_node_color(style["color"]),
            title=_node_tooltip(name, etype, mentions, aliases),
            value=max(1, mentions if size_by == "mentions" else degree[n]),
            etype=etype,
            rank=ranks[n],
        )
        entities[nid] = {
            "name": name,
            "type": etype,
            "aliases": aliases,
            "codes": dict(data.get("codes") or {}),
            "titles": list(data.get("titles") or []),
            "mentions": mentions,
            "docs": [str(d) for d in data.get("docs") or []],
            "degree": degree[n],
        }

    relations = {}
    rel_types = {}
    pair_count = Counter()
    for i, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        eid = f"e{i}"
        src, dst = str(G.nodes[u].get("id", u)), str(G.nodes[v].get("id", v))
        rtype = str(data.get("type") or key)
        family = data.get("family") or ("co-occurrence" if rtype == MENTIONED_WITH else "")
        label = str(data.get("label") or rtype.lower().replace("_", " "))
        symmetric = bool(data.get("symmetric"))
        status = data.get("status") or "asserted"
        weight = int(data.get("weight") or len(data.get("evidence") or []) or 1)
        evidence = [_evidence(ev) for ev in data.get("evidence") or []]
        color = FAMILY_COLORS.get(family, _OTHER_FAMILY)
        # Parallel edges between one pair of nodes get increasingly curved.
        pair = tuple(sorted((src, dst)))
        nth = pair_count[pair]
        pair_count[pair] += 1
        edge = {
            "id": eid,
            "label": label,
            "title": _edge_tooltip(entities[src]["name"], label, entities[dst]["name"],
                                   status, weight),
            "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.85},
            "arrows": {"to": {"enabled": not symmetric}},
            "dashes": status not in FACTUAL_STATUSES,
            "value": weight,
            "rtype": rtype,
            "family": family,
            "evStatus": sorted({ev.get("status") or status for ev in evidence} or {status}),
            "evDates": sorted({ev["date"] for ev in evidence if ev.get("date")}),
        }
        if nth:
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if nth % 2 else "curvedCCW",
                "roundness": 0.2 * ((nth + 1) // 2),
            }
        net.add_edge(src, dst, **edge)
        relations[eid] = {
            "from": src,
            "to": dst,
            "type": rtype,
            "label": label,
            "family": family,
            "symmetric": symmetric,
            "status": status,
            "weight": weight,
            "first_seen": data.get("first_seen"),
            "last_seen": data.get("last_seen"),
            "cameo": data.get("cameo") or "",
            "plover": data.get("plover") or "",
            "evidence": evidence,
        }
        entry = rel_types.setdefault(
            rtype, {"type": rtype, "label": label, "family": family, "count": 0}
        )
        entry["count"] += 1

    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    date_range = gattrs.get("date_range") or _date_range(doc_index)
    n_docs = gattrs.get("documents")
    present_types = {e["type"] for e in entities.values()}
    present_families = {r["family"] for r in relations.values()}
    return {
        "meta": {
            "title": str(title if title is not None else gattrs.get("corpus") or "newsgraph"),
            "corpus": str(gattrs.get("corpus") or ""),
            "documents": int(n_docs if n_docs is not None else len(doc_index)),
            "entities": G.number_of_nodes(),
            "relations": sum(1 for r in relations.values() if r["type"] != MENTIONED_WITH),
            "cooccurrences": sum(1 for r in relations.values() if r["type"] == MENTIONED_WITH),
            "date_range": list(date_range) if date_range else None,
            "max_nodes": max_nodes,
            "size_by": size_by,
            "show_cooccurrence": bool(show_cooccurrence),
            "model": str(gattrs.get("model") or ""),
            "created": str(gattrs.get("created") or ""),
            "version": str(gattrs.get("newsgraph_version") or ""),
        },
        "legend": {
            "types": [
                {"type": t, **TYPE_STYLES.get(t, _OTHER_TYPE)}
                for t in [*TYPE_STYLES, *sorted(present_types - set(TYPE_STYLES))]
            ],
            "families": [
                {"family": f, "color": FAMILY_COLORS.get(f, _OTHER_FAMILY)}
                for f in [*FAMILY_COLORS, *sorted(present_families - set(FAMILY_COLORS) - {""})]
            ],
            "statuses": list(STATUS_ORDER),
        },
        "relationTypes": sorted(
            rel_types.values(), key=lambda r: (r["type"] == MENTIONED_WITH, r["family"], r["type"])
        ),
        "documents": {str(k): dict(v or {}) for k, v in doc_index.items()},
        "entities": entities,
        "relations": relations,
        "vis": {"nodes": nodes, "edges": edges, "options": json.loads(options)},
        "physics": {
            "work": _ITERATION_WORK,
            "min": _MIN_ITERATIONS,
            "max": _MAX_ITERATIONS,
        },
    }


class _IdList(list):
    """A list with O(1) membership tests (pyvis's ``node_ids``)."""

    def __init__(self):
        super().__init__()
        self._members = set()

    def append(self, item):
        super().append(item)
        self._members.add(item)

    def __contains__(self, item):
        return item in self._members


def _evidence(ev):
    """Copy one evidence item, keeping only JSON-safe contract keys."""
    keys = ("doc", "sentence", "start", "end", "date", "trigger", "trigger_start",
            "trigger_end", "rule", "confidence", "status", "according_to", "role")
    return {k: ev[k] for k in keys if k in ev}


def _node_color(color):
    return {
        "background": color,
        "border": "#333333",
        "highlight": {"background": color, "border": "#000000"},
        "hover": {"background": color, "border": "#000000"},
    }


def _node_tooltip(name, etype, mentions, aliases):
    """Plain-text hover text (vis-network shows string titles as text)."""
    lines = [name, f"{etype} \u00b7 {mentions} mention{'s' * (mentions != 1)}"]
    others = [a for a in aliases if a != name]
    if others:
        lines.append("also: " + ", ".join(others[:5]) + (" \u2026" if len(others) > 5 else ""))
    return "\n".join(lines)


def _edge_tooltip(subject, label, obj, status, weight):
    return f"{subject} {label} {obj}\n{status} \u00b7 {weight} evidence"


def _date_range(doc_index):
    dates = sorted(d["date"] for d in doc_index.values() if d and d.get("date"))
    return [dates[0], dates[-1]] if dates else None


def _connectivity_rank(G):
    """Order nodes so that every prefix is a well-connected part of the graph.

    Start at the best-connected node and grow greedily through the
    best-connected neighbour on the frontier; when a component is exhausted
    restart at the best-connected remaining node. Ties break on mentions,
    then id, so the order is deterministic.
    """
    U = nx.Graph(G)  # undirected simple view: distinct neighbours
    deg = dict(U.degree())

    def key(n):
        return (-deg[n], -int(G.nodes[n].get("mentions") or 0), str(n))

    order = sorted(U, key=key)
    rank, seen, heap = {}, set(), []
    for start in order:
        if start in seen:
            continue
        seen.add(start)
        heappush(heap, (key(start), start))
        while heap:
            _, n = heappop(heap)
            rank[n] = len(rank)
            for m in U[n]:
                if m not in seen:
                    seen.add(m)
                    heappush(heap, (key(m), m))
    return rank


def _vis_options(shown_nodes, n_edges):
    """vis-network options tuned for a quick, bounded layout."""
    big = shown_nodes > 1000 or n_edges > 3000
    return {
        "autoResize": True,
        "layout": {"improvedLayout": shown_nodes <= 150, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.3,
                "springLength": 140,
                "springConstant": 0.04,
                "damping": 0.35,
                "avoidOverlap": 0.1,
            },
            "maxVelocity": 60,
            "minVelocity": 1,
            "timestep": 0.5,
            "adaptiveTimestep": True,
            "stabilization": {
                "enabled": True,
                "iterations": _iterations(shown_nodes),
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            "scaling": {
                "min": 8,
                "max": 36,
                "label": {"enabled": True, "min": 11, "max": 22, "drawThreshold": 7},
            },
            "font": {"size": 13, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.2},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
            "font": {"size": 10, "color": "#444444", "strokeWidth": 3, "strokeColor": "#ffffff",
                     "align": "middle"},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
    }


def _iterations(n):
    return max(_MIN_ITERATIONS, min(_MAX_ITERATIONS, _ITERATION_WORK // max(n, 1)))


# --------------------------------------------------------------------------- page


def _json_for_script(obj):
    """Serialise ``obj`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      default=str)
    return text.translate(_JSON_ESCAPES)


def _inline_js(text):
    """Make a script safe to inline: no early ``</script``, no source-map fetch."""
    text = _SOURCE_MAP.sub("", text)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)


def _inline_css(text):
    return text.replace("</style", "<\\/style")


def _asset(name):
    return (_ASSETS / name).read_text(encoding="utf-8")


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
        "/*{{APP_JS}}*/": _inline_js(_asset("app.js")),
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
