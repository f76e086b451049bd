"""Render a graph.json as newsgraph's HTML page and save a PNG screenshot.

Usage::

    .venv/bin/python bench/screenshot.py OUT/graph.json [-o docs/screenshot.png]
    .venv/bin/python bench/screenshot.py --fixture      # the test fixture graph

The page is opened offline in headless Chromium (tests/browser.py), waited on
until its layout is stable, then the most mentioned entity is selected so the
side panel shows in the picture. Any network request or console error aborts
with exit code 1: the screenshot doubles as a smoke test.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsgraph.graph.export.html import write_html  # noqa: E402
from tests.browser import chromium, file_url, offline_page  # noqa: E402

__all__ = ["screenshot"]


def screenshot(G, out, *, width=1400, height=860, select=True, timeout=60):
    """Write a PNG of ``G``'s HTML page to ``out`` and return its path.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract.
    out : str or os.PathLike
        PNG file to write (parent directories are created).
    width, height : int, optional
        Viewport size in CSS pixels.
    select : bool, optional
        Open the side panel on the most mentioned entity.
    timeout : float, optional
        Seconds to wait for the layout.

    Raises
    ------
    RuntimeError
        If the page made a network request or logged an error.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        html = write_html(G, Path(tmp) / "graph.html")
        page = offline_page(browser, width=width, height=height)
        page.goto(file_url(html))
        page.wait_for_selector("html[data-ng-stable]", state="attached", timeout=timeout * 1000)
        if select and G.number_of_nodes():
            top = max(G.nodes, key=lambda n: (G.nodes[n].get("mentions") or 0, str(n)))
            page.evaluate("id => newsgraph.focusEntity(id)", str(G.nodes[top].get("id", top)))
            page.evaluate("() => newsgraph.network.fit({animation: false})")
        page.wait_for_timeout(300)
        problems = page.blocked + page.console_errors + page.page_errors
        if problems:
            raise RuntimeError("page was not clean: " + "; ".join(problems))
        page.screenshot(path=str(out))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", nargs="?", help="graph.json written by `newsgraph build`")
    ap.add_argument("--fixture", action="store_true", help="use tests/graph/html_fixture.py")
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    args = ap.parse_args(argv)
    if args.fixture:
        from tests.graph.html_fixture import fixture_graph

        G = fixture_graph()
    elif args.graph:
        with open(args.graph, encoding="utf-8") as f:
            G = nx.node_link_graph(json.load(f), edges="edges")
    else:
        ap.error("give a graph.json path or --fixture")
    print(screenshot(G, args.output))


if __name__ == "__main__":
    main()
