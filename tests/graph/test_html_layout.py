"""The HTML layout is the same on every run: Python's per-process string hashing must not reach it."""

from __future__ import annotations

import os
import subprocess
import sys

_SCRIPT = """
import networkx as nx
from newsgraph.graph.export.html_layout import layout_positions
U = nx.Graph()
U.add_edges_from((f"hub{i}", f"hub{i + 1}") for i in range(30))
for k in range(6):  # small components: a subgraph view of one iterates its node set (hash order)
    a, b, c, d, e = (f"{k}-{w}" for w in ("alpha", "beta", "gamma", "delta", "eps"))
    U.add_edges_from([(a, b), (b, c), (c, d), (d, a), (a, e), (c, e)])
print(sorted(layout_positions(U, sorted(U)).items()))
"""


def _positions(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_positions_do_not_depend_on_the_hash_seed():
    first = _positions("1")
    assert "hub0" in first
    assert _positions("2") == first and _positions("3") == first
