"""Node positions for the HTML view, computed once in Python before anything is drawn.

The page never runs a physics simulation on open (no jiggle, nothing to wait for): every
entity gets a fixed ``(x, y)`` here.

* Entities joined by typed relations are laid out one connected component at a time
  (ForceAtlas2-style forces in numpy, seeded, so the same graph gives the same picture),
  scaled so the median edge is :data:`EDGE_LENGTH` long, then nodes whose boxes (the node and
  its label) overlap are pushed apart, and the components are packed in rows, in the
  order given (most connected first), so any prefix of that order fills the top rows.
* Entities without a typed relation go in a grid under the packed components, most
  mentioned first; the page shows them only on request.

Coordinates are vis-network canvas units (y grows downwards).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

__all__ = ["EDGE_LENGTH", "layout_positions", "node_growth"]

#: Median length of a typed relation on the canvas (vis-network units).
EDGE_LENGTH = 110.0
_GAP = 90.0           # space between packed components
_ISOLATE_STEP = 70.0  # grid step of the entities without a typed relation
_ITERATIONS = 300
_MIN_ITERATIONS = 80
_WORK = 40_000_000    # iterations x nodes^2 budget of one component's layout
_GRAVITY = 1.0
_BOX = (10.0, 10.0)   # default half size of a node's box
_PAD = 10.0           # extra room between two boxes
_AREA_PER_NODE = 2.0  # at most this many EDGE_LENGTH^2 squares per node in a component
_ASPECT = 1.4         # width / height of the packed rows (a screen's)
_SEPARATE_MAX = 2500  # above this many nodes a component is not de-overlapped (n^2 memory)
_VIEW = (1100, 760)   # canvas size (px) the opening zoom is estimated for
_MAX_GROWTH = 2.5     # nodes are drawn at most this much bigger when the page opens zoomed out
_CHUNK = 1024 # rows of the pairwise force matrix computed at once (bounds memory)


def layout_positions(U, order, *, isolated=(), radius=None, labels=None, shown=None):
    """Fixed positions for the nodes of ``U`` and for ``isolated`` ones.

    Parameters
    ----------
    U : networkx.Graph
        Undirected simple graph of the typed relations (every node has an edge).
    order : list
        Every node of ``U``, most important first; components are packed in the order of
        their first node in ``order``.
    isolated : iterable, optional
        Nodes outside ``U``, placed in a grid below, in the order given.
    radius : dict, optional
        ``{node: radius}`` as drawn at zoom 1 (default 10).
    labels : dict, optional
        ``{node: (width, height)}`` in screen pixels of the labels always drawn. Nodes of a
        component are pushed apart until no node or label overlaps another, at the zoom the
        page will open with (estimated from the first ``shown`` nodes of ``order``).
    shown : int, optional
        How many nodes of ``order`` the page shows first (default all).

    Returns
    -------
    dict
        ``{node: (x, y)}`` rounded to 0.1 unit.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = layout_positions(U, ["b", "a", "c", "x", "y"], isolated=["z"])
    >>> sorted(pos)
    ['a', 'b', 'c', 'x', 'y', 'z']
    >>> pos["z"][1] > max(y for n, (x, y) in pos.items() if n != "z")
    True
    """
    radius, labels = radius or {}, labels or {}
    first = {n: i for i, n in enumerate(order)}
    components = sorted(nx.connected_components(U), key=lambda c: min(first[n] for n in c))
    boxes = _boxes(U, radius, labels, 1.0)
    blocks = [_component_layout(U.subgraph(c), boxes) for c in components]
    pos, width, bottom = _pack(blocks, boxes)
    zoom = _opening_zoom(pos, order[:shown])
    if zoom < 0.9 and labels:
        # At the opening zoom, nodes are drawn bigger and labels keep their screen size:
        # make room for both, then pack again.
        boxes = _boxes(U, radius, labels, zoom)
        blocks = [_separate_block(block, boxes) for block in blocks]
        pos, width, bottom = _pack(blocks, boxes)
    isolated = list(isolated)
    if isolated:
        cols = max(1, int(max(width, _ISOLATE_STEP * 8) // _ISOLATE_STEP))
        top = bottom + (2 * _GAP if pos else 0)
        for i, n in enumerate(isolated):
            pos[n] = (float((i % cols) * _ISOLATE_STEP), float(top + (i // cols) * _ISOLATE_STEP))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def node_growth(zoom):
    """How much bigger the page draws nodes when it opens zoomed out (``zoom`` < 1).

    The page (app.js ``fitAndSize``) uses the same rule.

    >>> node_growth(1.0), node_growth(0.25)
    (1.0, 2.0)
    """
    return min(_MAX_GROWTH, min(zoom, 1.0) ** -0.5)


def _boxes(U, radius, labels, zoom):
    """Half sizes (canvas units) of each node, with its label when it has one, at ``zoom``."""
    grow = node_growth(zoom)
    out = {}
    for n in U:
        r = radius.get(n, _BOX[0]) * grow
        if n in labels:
            w, h = labels[n]
            out[n] = (max(r, w / 2 / zoom), r + h / zoom)
        else:
            out[n] = (r, r)
    return out


def _opening_zoom(pos, first_nodes):
    """The zoom at which the page's fit shows ``first_nodes`` (at most 1)."""
    pts = [pos[n] for n in first_nodes if n in pos]
    if len(pts) < 2:
        return 1.0
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    w, h = max(xs) - min(xs) + 2 * _GAP, max(ys) - min(ys) + 2 * _GAP
    return min(1.0, _VIEW[0] / w, _VIEW[1] / h)


def _separate_block(block, boxes):
    nodes = list(block)
    xy = np.array([block[v] for v in nodes], dtype=float)
    half = np.array([boxes.get(v, _BOX) for v in nodes], dtype=float)
    xy = _separate(xy, half)
    return {v: (float(xy[i, 0]), float(xy[i, 1])) for i, v in enumerate(nodes)}


def _component_layout(C, boxes):
    """Positions of one connected component, median edge :data:`EDGE_LENGTH`, at the origin."""
    n = C.number_of_nodes()
    nodes = sorted(C, key=str)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    at = {v: i for i, v in enumerate(nodes)}
    # sorted: a subgraph view of a small component iterates its node set, in hash order
    edges = np.array(sorted((min(at[u], at[v]), max(at[u], at[v])) for u, v in C.edges()))
    half = np.array([boxes.get(v, _BOX) for v in nodes], dtype=float)
    if n == 2:
        xy = np.array([[0.0, 0.0], [EDGE_LENGTH, 0.0]])
    else:
        xy = _force_layout(n, edges, iterations=_iterations(n)).astype(float)
        # Median edge EDGE_LENGTH long, unless that spreads the component over more than
        # EDGE_LENGTH^2 per node (hubs push each other far apart): then the area decides.
        lengths = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1)
        span = np.ptp(xy, axis=0)
        area = float(max(span[0], 1e-9) * max(span[1], 1e-9))
        xy *= min(EDGE_LENGTH / (float(np.median(lengths)) or 1.0), EDGE_LENGTH * math.sqrt(_AREA_PER_NODE * n / area))
    xy = _separate(xy, half)
    return {v: (float(xy[i, 0]), float(xy[i, 1])) for v, i in at.items()}


def _iterations(n):
    """Force-layout steps for ``n`` nodes: many for small components, a bounded work for big ones."""
    return int(min(_ITERATIONS, 40 + 2 * n, max(_MIN_ITERATIONS, _WORK // (n * n))))


def _force_layout(n, edges, *, iterations=_ITERATIONS, seed=7):
    """ForceAtlas2-style positions (an ``n x 2`` array) for ``n`` nodes and index pairs.

    Repulsion ``(deg_i + 1)(deg_j + 1) / d`` between every pair (hubs keep their leaves
    around them instead of in a clump), linear attraction along edges, a weak gravity to the
    centre; each step is capped by a temperature that cools geometrically. Pairwise forces
    are computed in row blocks so memory stays bounded.
    """
    rng = np.random.default_rng(seed)
    mass = np.sqrt(np.bincount(edges.ravel(), minlength=n).astype(np.float32) + 1.0)
    pos = ((rng.random((n, 2)) - 0.5) * 4.0 * math.sqrt(n)).astype(np.float32)
    t, t_end = math.sqrt(n), 0.01
    cool = (t_end / t) ** (1.0 / iterations)
    disp = np.empty_like(pos)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        for a in range(0, n, _CHUNK):
            dx = x[a:a + _CHUNK, None] - x[None, :]
            dy = y[a:a + _CHUNK, None] - y[None, :]
            force = dx * dx + dy * dy
            np.maximum(force, 0.01, out=force)
            np.divide(mass[a:a + _CHUNK, None] * mass[None, :], force, out=force)
            disp[a:a + _CHUNK, 0] = (dx * force).sum(axis=1)
            disp[a:a + _CHUNK, 1] = (dy * force).sum(axis=1)
        pull = pos[edges[:, 0]] - pos[edges[:, 1]]
        np.add.at(disp, edges[:, 0], -pull)
        np.add.at(disp, edges[:, 1], pull)
        disp -= _GRAVITY * mass[:, None] * pos / np.maximum(np.linalg.norm(pos, axis=1), 0.01)[:, None]
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * np.minimum(1.0, t / length)[:, None]
        t *= cool
    return pos - pos.mean(axis=0)


def _separate(xy, half, *, rounds=60):
    """Push apart nodes whose boxes (``half`` sizes) overlap, along the axis of least overlap."""
    n = len(xy)
    if n < 2 or n > _SEPARATE_MAX:
        return xy
    xy = xy.copy()
    hw, hh = half[:, 0] + _PAD / 2, half[:, 1] + _PAD / 2
    for _ in range(rounds):
        x, y = xy[:, 0], xy[:, 1]
        hit = (np.abs(x[:, None] - x[None, :]) < hw[:, None] + hw[None, :]) & \
              (np.abs(y[:, None] - y[None, :]) < hh[:, None] + hh[None, :])
        i, j = np.nonzero(np.triu(hit, 1))
        if not len(i):
            break
        dx, dy = x[i] - x[j], y[i] - y[j]
        over_x = hw[i] + hw[j] - np.abs(dx)
        over_y = hh[i] + hh[j] - np.abs(dy)
        # Coincident nodes split by index; otherwise each moves half the overlap, away.
        sx = np.where(dx > 0, 1.0, np.where(dx < 0, -1.0, 1.0))
        sy = np.where(dy > 0, 1.0, np.where(dy < 0, -1.0, 1.0))
        along_x = over_x < over_y
        push = np.zeros((len(i), 2))
        push[along_x, 0] = over_x[along_x] * sx[along_x] / 2
        push[~along_x, 1] = over_y[~along_x] * sy[~along_x] / 2
        np.add.at(xy, i, push * 0.5)
        np.add.at(xy, j, -push * 0.5)
    return xy


def _pack(blocks, boxes):
    """Shelf-pack component layouts in rows; returns positions, row width and bottom edge."""
    extents = []
    for block in blocks:
        half = {v: boxes.get(v, _BOX) for v in block}
        x0 = min(x - half[v][0] for v, (x, _) in block.items())
        x1 = max(x + half[v][0] for v, (x, _) in block.items())
        y0 = min(y - half[v][1] for v, (_, y) in block.items())
        y1 = max(y + half[v][1] for v, (_, y) in block.items())
        extents.append((x0, y0, x1 - x0, y1 - y0))
    area = sum((w + _GAP) * (h + _GAP) for _, _, w, h in extents)
    widest = max((w for _, _, w, _ in extents), default=0.0)
    row_width = max(widest, math.sqrt(area * _ASPECT))  # rows about as wide as a screen is
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for block, (x0, y0, w, h) in zip(blocks, extents):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for v, (vx, vy) in block.items():
            pos[v] = (vx - x0 + x, vy - y0 + y)
        x += w + _GAP
        row_height = max(row_height, h)
    return pos, row_width, y + row_height
