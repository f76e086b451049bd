"""Time until the graph page is drawn and still: newsgraph vs pyvis defaults.

For each size (synthetic graphs from tests/graph/html_fixture.py; ``--news`` adds one
shaped like a 1,000-article BBC build) the same graph is exported three ways and opened
from ``file://`` in one headless Chromium, network blocked:

* ``newsgraph``            -- ``graph.export.html.write_html(G, path)`` (defaults:
  typed relations of the 400 most connected entities, positions computed in Python,
  no physics)
* ``newsgraph, all nodes`` -- same with ``max_nodes=None``
* ``pyvis defaults``       -- ``pyvis.network.Network(cdn_resources="in_line")``
  with default options, ``from_nx`` on the same graph (label = entity name)

"Stable" is the first moment nothing moves any more, timed from navigation start with
``performance.now()``: for newsgraph the first drawn frame (``newsgraph.state.stableAt``:
its layout is final before drawing); for pyvis when vis-network's physics loop has stopped
(``physics.ready`` and no simulation step scheduled). "Frame" is the time of one synchronous
full redraw afterwards (how the page responds to a pan or zoom), "input" the round trip of a
click on the canvas. Pages not stable within ``--cap`` seconds are reported as ``>cap``.

Usage::

    .venv/bin/python bench/bench_html.py [--sizes 100 1000 5000] [--news] [--cap 120]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from pyvis.network import Network  # noqa: E402

from newsgraph.graph.export.html import write_html  # noqa: E402
from tests.browser import chromium, file_url, offline_page  # noqa: E402
from tests.graph.html_fixture import news_like_graph, synthetic_graph  # noqa: E402

WAIT_STABLE = """async ([expr, capMs]) => {
  const net = () => expr.split(".").reduce((o, k) => (o ? o[k] : undefined), window);
  for (;;) {
    if (window.newsgraph && window.newsgraph.state.stable) { return window.newsgraph.state.stableAt; }
    const n = net(), p = n && n.physics;
    if (!window.newsgraph && p && p.ready === true && p.viewFunction === undefined) {
      return performance.now();
    }
    if (performance.now() > capMs) { return null; }
    await new Promise(r => setTimeout(r, 10));
  }
}"""

FRAME = """(expr) => {
  const n = expr.split(".").reduce((o, k) => o[k], window), t0 = performance.now();
  n.moveTo({scale: n.getScale() * 1.2});
  n.redraw();
  return performance.now() - t0;
}"""


def pyvis_default_html(G, path):
    """Plain pyvis: default options, vis-network inlined, from_nx on the same graph."""
    simple = nx.Graph()
    for n, d in G.nodes(data=True):
        simple.add_node(n, label=d.get("name", n))
    for u, v, d in G.edges(data=True):
        if not simple.has_edge(u, v):
            simple.add_edge(u, v, title=d.get("label", ""))
    net = Network(cdn_resources="in_line")
    # pyvis scans every edge for duplicates on an undirected add_edge (quadratic);
    # the graph above has none, so skip the scan while building (output unchanged).
    net.directed = True
    net.from_nx(simple)
    net.directed = False
    for e in net.edges:
        e.pop("arrows", None)
    Path(path).write_text(net.generate_html(), encoding="utf-8")
    return path


def measure(browser, path, expr, cap):
    page = offline_page(browser)
    try:
        page.set_default_timeout((cap + 30) * 1000)
        size = Path(path).stat().st_size
        try:
            page.goto(file_url(path), wait_until="load", timeout=(cap + 30) * 1000)
            stable_ms = page.evaluate(WAIT_STABLE, [expr, cap * 1000])
        except PlaywrightTimeout:
            stable_ms = None
        if stable_ms is None:
            return {"stable": None, "frame": None, "input": None, "blocked": len(page.blocked),
                    "size": size}
        frame_ms = page.evaluate(FRAME, expr)
        box = page.locator("canvas").first.bounding_box()
        t0 = time.perf_counter()
        page.mouse.click(box["x"] + 5, box["y"] + 5)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(1)))")
        input_ms = 1000 * (time.perf_counter() - t0)
        return {"stable": stable_ms / 1000, "frame": frame_ms, "input": input_ms,
                "blocked": len(page.blocked), "size": size}
    finally:
        page.context.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--news", action="store_true",
                    help="add a graph shaped like a 1,000-article BBC build (6,600 entities)")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds to wait per page")
    args = ap.parse_args(argv)

    graphs = [(n, lambda n=n: synthetic_graph(n, seed=1)) for n in args.sizes]
    if args.news:
        graphs.append((6600, news_like_graph))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for n, make in graphs:
            G = make()
            variants = [
                ("newsgraph", write_html(G, Path(tmp, f"ng-{n}.html")), "newsgraph.network"),
                ("newsgraph, all nodes", write_html(G, Path(tmp, f"ng-all-{n}.html"),
                                                    max_nodes=None), "newsgraph.network"),
                ("pyvis defaults", pyvis_default_html(G, Path(tmp, f"pyvis-{n}.html")), "network"),
            ]
            results = {}
            for name, path, expr in variants:
                r = measure(browser, path, expr, args.cap)
                results[name] = r
                print(f"  {n:>5} nodes  {name:<22} {_s(r['stable'], args.cap):>8}", file=sys.stderr)
            rows.append((n, G.number_of_edges(), results))

    print(f"\nChromium headless, {args.cap:g} s cap. Stable = physics stopped, from navigation start.\n")
    print("| nodes | edges | variant | file (MB) | stable (s) | frame (ms) | click (ms) | "
          "blocked requests | vs pyvis |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for n, m, results in rows:
        base = results["pyvis defaults"]["stable"]
        for name, r in results.items():
            ratio = ""
            if name != "pyvis defaults" and r["stable"] is not None:
                ratio = f"{r['stable'] / base:.2f}x" if base else f"< {r['stable'] / args.cap:.2f}x"
            print(f"| {n:,} | {m:,} | {name} | {r['size'] / 1e6:.1f} | {_s(r['stable'], args.cap)} | "
                  f"{_ms(r['frame'])} | "
                  f"{_ms(r['input'])} | {r['blocked']} | {ratio} |")


def _s(v, cap):
    return f">{cap:g}" if v is None else f"{v:.2f}"


def _ms(v):
    return "-" if v is None else f"{v:.0f}"


if __name__ == "__main__":
    main()
