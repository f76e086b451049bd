"""Render a graph.json as newsgraph's HTML page and save a PNG screenshot.

Usage::

    .venv/bin/python bench/screenshot.py OUT/graph.json [-o docs/screenshot.png] [--select NAME]
    .venv/bin/python bench/screenshot.py --fixture      # the test fixture graph

The page is opened offline in headless Chromium (tests/browser.py) and waited on until it
is drawn; the picture is the first view a reader gets (``--select NAME`` clicks an entity
first, so its neighbourhood and side panel show). Any network request or console error
aborts with exit code 1: the screenshot doubles as a smoke test. The time from navigation
to the first drawn frame is printed.

The README's pictures::

    .venv/bin/python bench/screenshot.py out/graph.json -o docs/screenshot.png
    .venv/bin/python bench/screenshot.py /tmp/bbc1000/graph.json -o docs/screenshot_bbc1000.png
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


def screenshot(G, out, *, width=1400, height=860, select=None, timeout=60):
    """Write a PNG of ``G``'s HTML page to ``out`` and return (path, ms to first frame).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract.
    out : str or os.PathLike
        PNG file to write (parent directories are created).
    width, height : int, optional
        Viewport size in CSS pixels.
    select : str, optional
        Name, alias or id of an entity to click first (its panel opens, the view zooms).
    timeout : float, optional
        Seconds to wait for the page.

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
        stable_ms = page.evaluate("newsgraph.state.stableAt")
        if select:
            hits = page.evaluate("q => newsgraph.search(q).map(h => h.id)", select)
            if not hits:
                raise RuntimeError(f"no entity matches {select!r}")
            page.evaluate("id => newsgraph.focusEntity(id)", hits[0])
            page.wait_for_timeout(600)  # the zoom animation
        page.wait_for_timeout(300)
        problems = page.blocked + page.console_errors + page.page_errors
        if problems:
            raise RuntimeError("page was not clean: " + "; ".join(problems))
        page.screenshot(path=str(out))
    return out, stable_ms


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", nargs="?", help="graph.json written by `newsgraph build`")
    ap.add_argument("--fixture", action="store_true", help="use tests/graph/html_fixture.py")
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    ap.add_argument("--select", metavar="NAME", help="click this entity before the picture")
    args = ap.parse_args(argv)
    if args.fixture:
        from tests.graph.html_fixture import fixture_graph

        G = fixture_graph()
    elif args.graph:
        with open(args.graph, encoding="utf-8") as f:
            G = nx.node_link_graph(json.load(f), edges="edges")
    else:
        ap.error("give a graph.json path or --fixture")
    path, stable_ms = screenshot(G, args.output, select=args.select)
    print(f"{path} (first frame after {stable_ms:.0f} ms)")


if __name__ == "__main__":
    main()
