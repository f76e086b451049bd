"""Tests of graph.export.html in a real, offline, headless Chromium.

Chromium is required: if /usr/bin/chromium is missing these tests fail with
the install command, they never skip.
"""

import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # run from anywhere, with or without a pytest pythonpath setting
    sys.path.insert(0, str(_ROOT))

from newsgraph.corpus.errors import ExportError, UsageError  # noqa: E402
from newsgraph.graph.export.html import _json_for_script, to_html, write_html  # noqa: E402
from tests.browser import chromium, file_url, offline_page  # noqa: E402
from tests.graph.html_fixture import (  # noqa: E402
    PAYLOAD_ALIAS,
    PAYLOAD_NAME,
    PAYLOAD_SENTENCE,
    PAYLOAD_TITLE,
    fixture_graph,
    synthetic_graph,
)

STABLE = "html[data-ng-stable]"
EVIL = "person:evil-corp"
MADURO = "person:nicolas-maduro"

NON_BLANK_PIXELS = """() => {
  const c = document.querySelector('#ng-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }
  return n;
}"""


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def fixture_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    # Round-trip through graph.json, as `newsgraph html graph.json` will.
    data = json.loads(json.dumps(nx.node_link_data(fixture_graph(), edges="edges")))
    write_html(nx.node_link_graph(data, edges="edges"), path)
    return path


@pytest.fixture
def page(browser, fixture_file):
    page = offline_page(browser)
    page.goto(file_url(fixture_file))
    page.wait_for_selector(STABLE, state="attached", timeout=60_000)
    yield page
    page.context.close()


def _view_ids(page, view):
    return set(page.evaluate(f"() => newsgraph.{view}.getIds()"))


def _click_node(page, node_id):
    box = page.locator("#ng-network canvas").bounding_box()
    pos = page.evaluate(
        "id => newsgraph.network.canvasToDOM(newsgraph.network.getPosition(id))", node_id)
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def _edge_id(page, rtype, src, dst):
    return page.evaluate(
        """([t, s, d]) => newsgraph.edges.get({filter: e => e.rtype === t && e.from === s
             && e.to === d})[0].id""", [rtype, src, dst])


# ------------------------------------------------------------------ pure Python


def test_page_is_self_contained():
    html = to_html(fixture_graph())
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert html.count("\n<script") == 3  # data, vis-network, app: nothing else
    assert "sourceMappingURL" not in html
    # vis-network comes from the pyvis package, inlined.
    assert "vis-network" in html and "@version 9.1.2" in html


def test_data_cannot_break_out_of_script():
    html = to_html(fixture_graph())
    for raw in (PAYLOAD_NAME, PAYLOAD_ALIAS, PAYLOAD_SENTENCE, PAYLOAD_TITLE, "<corpus>"):
        assert raw not in html
    text = _json_for_script({"s": "</script><!--\u2028\u2029&<>"})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {"s": "</script><!--\u2028\u2029&<>"}
    # The page title is HTML-escaped too.
    assert "<title>fixture &lt;corpus&gt; &amp; co</title>" in html


def test_options_are_checked(tmp_path):
    G = fixture_graph()
    with pytest.raises(UsageError, match="max_nodes"):
        to_html(G, max_nodes=0)
    with pytest.raises(UsageError, match="size_by"):
        to_html(G, size_by="pagerank")
    with pytest.raises(ExportError, match="Cannot write HTML"):
        write_html(G, tmp_path / "missing" / "graph.html")


def test_most_connected_part_first():
    G = synthetic_graph(300)
    html = to_html(G, max_nodes=50)
    data = json.loads(re.search(r'id="ng-data">(.*?)</script>', html, re.S).group(1))
    ranks = {n["id"]: n["rank"] for n in data["vis"]["nodes"]}
    shown = {n for n, r in ranks.items() if r < 50}
    U = nx.Graph(G)
    hub = max(U, key=U.degree)
    assert ranks[hub] == 0
    assert nx.is_connected(U.subgraph(shown))  # the part shown first hangs together
    assert data["vis"]["options"]["physics"]["stabilization"]["iterations"] <= 400


# ------------------------------------------------------------------ in the browser


def test_opens_offline_and_draws(page):
    assert page.blocked == []
    assert page.console_errors == []
    assert page.page_errors == []
    assert page.evaluate(NON_BLANK_PIXELS) > 2_000
    assert page.evaluate("newsgraph.network.physics.physicsEnabled") is False
    assert page.text_content("#ng-title") == "fixture <corpus> & co"
    stats = page.text_content("#ng-stats")
    for part in ("4 documents", "7 entities", "6 relations", "2024-01-05 \u2013 2024-03-20"):
        assert part in stats
    # Legend: every entity type with its swatch, every relation family.
    assert page.locator("#ng-types label").all_text_contents()[0].startswith("Person")
    assert page.locator("#ng-families").text_content().count("co-occurrence") == 1


def test_search_finds_alias_and_focuses(page):
    page.fill("#ng-search", "kreml")
    suggestion = page.locator("#ng-suggest button").first
    assert suggestion.text_content().startswith("Russia")
    page.press("#ng-search", "Enter")
    assert page.evaluate("newsgraph.network.getSelectedNodes()") == ["state:RUS"]
    assert page.text_content("#ng-panel h2") == "Russia"
    assert "Kremlin" in page.locator("#ng-panel .ng-aliases").text_content()
    # Accent-insensitive, by any alias; clicking a suggestion works too.
    page.fill("#ng-search", "nicolas")
    page.locator("#ng-suggest button").first.click()
    assert page.evaluate("newsgraph.network.getSelectedNodes()") == [MADURO]
    panel = page.text_content("#ng-panel")
    assert "President" in panel and "Russia offers asylum" in panel and "Reuters" in panel


def test_filters(page):
    all_nodes, all_edges = _view_ids(page, "nodeView"), _view_ids(page, "edgeView")
    assert len(all_nodes) == 7 and len(all_edges) == 6  # MENTIONED_WITH hidden by default

    page.locator("#ng-types input[data-type='State']").uncheck()
    nodes = _view_ids(page, "nodeView")
    assert nodes == {n for n in all_nodes if not n.startswith("state:")}
    assert len(_view_ids(page, "edgeView")) == 1  # only Evil Corp met with Maduro
    page.locator("#ng-types input[data-type='State']").check()

    page.locator("#ng-statuses input[data-status='negated']").uncheck()
    threaten = _edge_id(page, "THREATEN", "state:USA", "state:RUS")
    assert threaten not in _view_ids(page, "edgeView")
    page.locator("#ng-statuses input[data-status='negated']").check()

    page.locator("#ng-rtypes input[data-rtype='MENTIONED_WITH']").check()
    assert len(_view_ids(page, "edgeView")) == 9

    page.fill("#ng-date-from", "2024-03-01")
    page.dispatch_event("#ng-date-from", "change")
    edges = page.evaluate("newsgraph.edgeView.get().map(e => e.rtype)")
    # MEET of 2024-03-20, plus CSIS-Caracas from the undated document d4; Russia and the
    # United States are only in dated documents before March, so they and their links go.
    assert sorted(edges) == ["MEET", "MENTIONED_WITH"]
    nodes = _view_ids(page, "nodeView")
    assert "state:RUS" not in nodes and "state:USA" not in nodes and "institution:csis" in nodes

    page.click("#ng-reset")
    assert _view_ids(page, "nodeView") == all_nodes and _view_ids(page, "edgeView") == all_edges
    assert page.console_errors == [] and page.page_errors == []


def test_injection_is_inert_and_shown_literally(page):
    _click_node(page, EVIL)
    assert page.text_content("#ng-panel h2") == PAYLOAD_NAME
    aliases = page.locator("#ng-panel .ng-aliases li").all_text_contents()
    assert PAYLOAD_ALIAS in aliases
    assert page.locator("#ng-panel img, #ng-panel script, #ng-panel b").count() == 0

    page.evaluate("id => newsgraph.showRelation(id)", _edge_id(page, "MEET", EVIL, MADURO))
    item = page.locator("#ng-panel .ng-evidence li").first
    assert item.locator("blockquote").text_content() == PAYLOAD_SENTENCE
    assert item.locator("mark").text_content() == "met"
    cite = item.locator(".ng-cite").text_content()
    assert PAYLOAD_TITLE in cite and "according to <script>window.__pwned='source'</script>" in cite
    assert "The <i>Outlet</i>" in cite and "2024-03-20" in cite
    assert page.locator("#ng-panel img, #ng-panel script, #ng-panel b, #ng-panel i").count() == 0

    # Hover tooltips are plain text as well.
    box = page.locator("#ng-network canvas").bounding_box()
    pos = page.evaluate("id => newsgraph.network.canvasToDOM(newsgraph.network.getPosition(id))",
                        EVIL)
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert PAYLOAD_NAME in tooltip.text_content()
    assert tooltip.locator("img").count() == 0

    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("script").count() == 3
    assert page.blocked == [] and page.console_errors == [] and page.page_errors == []


def test_edge_click_shows_evidence_with_trigger(page):
    eid = _edge_id(page, "OFFER_ASYLUM", "state:RUS", MADURO)
    box = page.locator("#ng-network canvas").bounding_box()
    pos = page.evaluate("""id => { const net = newsgraph.network;
        return net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5)); }""", eid)
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert page.evaluate("newsgraph.network.getSelectedEdges()") == [eid]
    assert page.text_content("#ng-panel h2") == "Russia offered asylum to Nicolás Maduro"
    marks = page.locator("#ng-panel .ng-evidence mark").all_text_contents()
    assert marks == ["offered asylum", "offered asylum"]
    cites = page.locator("#ng-panel .ng-cite").all_text_contents()
    assert "according to officials" in cites[0] and "Russia offers asylum" in cites[0]


def test_hover_highlights_neighbourhood(page):
    box = page.locator("#ng-network canvas").bounding_box()
    pos = page.evaluate("id => newsgraph.network.canvasToDOM(newsgraph.network.getPosition(id))",
                        EVIL)
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_function("() => newsgraph.nodes.get('state:USA').color.background === '#e6e8eb'")
    assert page.evaluate(f"newsgraph.nodes.get('{MADURO}').color.background") != "#e6e8eb"
    page.mouse.move(box["x"] + 3, box["y"] + box["height"] - 3)  # empty canvas corner
    page.wait_for_function("() => newsgraph.nodes.get('state:USA').color.background !== '#e6e8eb'")


def test_large_graph_opens_on_core_and_shows_more(browser, tmp_path):
    path = write_html(synthetic_graph(800, seed=3), tmp_path / "big.html", max_nodes=200)
    page = offline_page(browser)
    try:
        page.goto(file_url(path))
        page.wait_for_selector(STABLE, state="attached", timeout=60_000)
        assert page.evaluate("newsgraph.nodeView.length") == 200
        notice = page.locator("#ng-notice")
        assert notice.is_visible()
        assert "showing the 200 most connected of 800 entities" in notice.text_content()
        assert page.evaluate("newsgraph.network.physics.physicsEnabled") is False
        assert page.evaluate(NON_BLANK_PIXELS) > 2_000

        page.click("#ng-more")
        assert page.evaluate("newsgraph.nodeView.length") == 400
        page.wait_for_selector("html[data-ng-stable='2']", state="attached", timeout=60_000)
        assert page.evaluate("newsgraph.network.physics.physicsEnabled") is False

        # Searching an entity outside the shown part brings it in and focuses it.
        last = page.evaluate("newsgraph.nodes.get().reduce((a, n) => n.rank > a.rank ? n : a).id")
        assert last not in _view_ids(page, "nodeView")
        name = page.evaluate(f"newsgraph.nodes.get('{last}').label")
        page.fill("#ng-search", name)
        page.press("#ng-search", "Enter")
        assert page.evaluate("newsgraph.network.getSelectedNodes()") == [last]
        assert page.text_content("#ng-panel h2") == name

        page.click("#ng-all")
        assert page.evaluate("newsgraph.nodeView.length") == 800
        assert notice.is_hidden()
        assert page.blocked == [] and page.console_errors == [] and page.page_errors == []
    finally:
        page.context.close()
