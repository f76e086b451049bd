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

__all__ = ["EDGE_LENGTH", "layout_positions"]

#: Median length of a typed relation on the canvas (vis-network units).
EDGE_LENGTH = 110.0
_GAP = 90.0           # space between packed components
_ISOLATE_STEP = 70.0  # grid step of the entities without a typed relation
_ITERATIONS = 300
_MIN_ITERATIONS = 80
_WORK = 40_000_000    # iterations x nodes^2 budget of one component's layout
_GRAVITY = 1.0
_BOX = (10.0, 10.0)   # default half size of a node's box
_PAD = 6.0            # extra room between two boxes
_ASPECT = 1.4         # width / height of the packed rows (a screen's)
_SEPARATE_MAX = 2500  # above this many nodes a component is not de-overlapped (n^2 memory)
_CHUNK = 1024 # rows of the pairwise force matrix computed at once (bounds memory)


def layout_positions(U, order, *, isolated=(), boxes=None):
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
    boxes : dict, optional
        ``{node: (half_width, half_height)}`` of each drawn node with its label; nodes of a
        component are pushed apart until their boxes do not overlap. Default 10 x 10.

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
    boxes = boxes or {}
    first = {n: i for i, n in enumerate(order)}
    components = sorted(nx.connected_components(U), key=lambda c: min(first[n] for n in c))
    blocks = [_component_layout(U.subgraph(c), boxes) for c in components]
    pos, width, bottom = _pack(blocks, boxes)
    isolated = list(isolated)
    if isolated:
        cols = max(1, int(max(width, _ISOLATE_STEP * 8) // _ISOLATE_STEP))
        top = bottom + (2 * _GAP if pos else 0)
        for i, n in enumerate(isolated):
            pos[n] = (float((i % cols) * _ISOLATE_STEP), float(top + (i // cols) * _ISOLATE_STEP))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _component_layout(C, boxes):
    """Positions of one connected component, median edge :data:`EDGE_LENGTH`, at the origin."""
    n = C.number_of_nodes()
    nodes = sorted(C, key=str)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    at = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(at[u], at[v]) for u, v in C.edges()])
    half = np.array([boxes.get(v, _BOX) for v in nodes], dtype=float)
    if n == 2:
        xy = np.array([[0.0, 0.0], [EDGE_LENGTH, 0.0]])
    else:
        xy = _force_layout(n, edges, iterations=_iterations(n)).astype(float)
        lengths = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1)
        xy *= EDGE_LENGTH / (float(np.median(lengths)) or 1.0)
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
    mass = np.bincount(edges.ravel(), minlength=n).astype(np.float32) + 1.0
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
