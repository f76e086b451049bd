"""GraphML and GEXF as Gephi, Gephi Lite, networkx and igraph read them.

Files are read back with networkx, python-igraph (GraphML) and the JavaScript parsers Gephi Lite
is built on (npm graphology-graphml, graphology-gexf, run by tests/gephi_read.mjs), and the GEXF
is validated against the published GEXF 1.3 schema from ``../shared/data/schemas`` (beside the
repository; ``NEWSGRAPH_SCHEMAS`` overrides). Nothing here skips: a missing reader or schema
fails with the command that fixes it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from newsgraph.graph.export.gexf import GEXF_NS, to_gexf, write_gexf
from newsgraph.graph.export.graphml import edge_id, flatten, portable_path, write_graphml
from newsgraph.graph.export.html import FAMILY_COLORS, TYPE_STYLES
from tests.graph.sample_graph import NASTY_NAME, sample_graph as hand_graph

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = Path(os.environ.get("NEWSGRAPH_SCHEMAS") or REPO.parent / "shared" / "data" / "schemas")
READER = REPO / "tests" / "gephi_read.mjs"
NODE_PACKAGES = REPO / ".cache" / "node" / "node_modules"
NPM_INSTALL = ("npm install --prefix .cache/node graphology@0.26.0 graphology-graphml@0.5.2 "
               "graphology-gexf@0.13.2 (or: python3 tasks.py system-deps)")


@pytest.fixture(scope="module")
def gexf_schema():
    import xmlschema

    xsd = SCHEMAS / "gexf-1.3" / "gexf.xsd"
    assert xsd.is_file(), (f"The GEXF 1.3 schema is missing: {xsd}. The tests expect ../shared/data/schemas "
                           "beside the repository (or NEWSGRAPH_SCHEMAS=<dir with gexf-1.3/>)")
    return xmlschema.XMLSchema(str(xsd))


def graphology(fmt: str, path: Path) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to read the files with graphology (apt-get install nodejs)"
    for package in ("graphology", "graphology-graphml", "graphology-gexf"):
        assert (NODE_PACKAGES / package).is_dir(), f"npm package {package} is missing; run: {NPM_INSTALL}"
    done = subprocess.run([node, str(READER), fmt, str(path)], capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def nasty_graph() -> nx.MultiDiGraph:
    """The hand-built graph with control characters, NUL and absolute paths added."""
    G = hand_graph()
    G.nodes["state:RUS"]["name"] = "Russia\x00\x01\x1f"
    G.nodes["state:RUS"]["aliases"] = ["Russia", "Mos\x0bcow", 'say "hi", \\ ok']
    ev = G.edges["state:RUS", "person:nicolas-maduro", "OFFERED_ASYLUM_TO"]["evidence"][0]
    ev["sentence"] = "NUL\x00 and bell\x07 in a sentence"
    for i, meta in enumerate(G.graph["document_index"].values()):
        meta["path"] = ["/home/analyst/secret/a.txt", "C:\\Users\\analyst\\b.txt", "../../up/c.txt",
                        "corpus/sample/d.txt", None][i]
    return G


@pytest.fixture(scope="module", params=["sample build", "hand-built nasty graph"])
def written(request, tmp_path_factory):
    G = request.getfixturevalue("sample_graph") if request.param == "sample build" else nasty_graph()
    out = tmp_path_factory.mktemp("gephi")
    return G, write_graphml(G, out / "graph.graphml"), write_gexf(G, out / "graph.gexf")


def _ids(G):
    return {edge_id(u, d.get("type", k), v) for u, v, k, d in G.edges(keys=True, data=True)}


def _rgb(hex_color):
    h = hex_color.lstrip("#")
    return f"rgb({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)})"


def test_gexf_is_valid_against_the_published_schema(written, gexf_schema):
    _, _, gexf = written
    errors = list(gexf_schema.iter_errors(str(gexf)))
    assert [e.reason for e in errors[:5]] == [] and len(errors) == 0


def test_graphml_is_byte_for_byte_what_the_networkx_writer_writes(written, tmp_path):
    # write_graphml assembles strings in one pass; networkx's lxml writer is the reference
    G, graphml, _ = written
    reference = tmp_path / "reference.graphml"
    nx.write_graphml(flatten(G), reference)
    assert graphml.read_bytes() == reference.read_bytes()


def test_gexf_is_byte_for_byte_what_elementtree_writes(written):
    # the GEXF is assembled as strings; ElementTree writing the parsed document gives the same bytes
    _, _, gexf = written
    ET.register_namespace("", GEXF_NS)
    text = gexf.read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))
    assert ET.tostring(root, encoding="unicode", xml_declaration=True).replace(
        "<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='utf-8'?>") == text


def test_networkx_reads_both_files_with_unique_edge_ids(written):
    G, graphml, gexf = written
    for H in (nx.read_graphml(graphml), nx.read_gexf(gexf, version="1.3")):
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
        assert {k for _, _, k in H.edges(keys=True)} == _ids(G)
    H = nx.read_graphml(graphml)
    russia = H.nodes["state:RUS"]
    assert russia["label"].startswith("Russia") and russia["type"] == "State"
    assert russia["color"] == TYPE_STYLES["State"]["color"]
    X = nx.read_gexf(gexf, version="1.3")
    assert X.nodes["state:RUS"]["label"].startswith("Russia")
    assert X.edges["state:RUS", "person:nicolas-maduro",
                   "state:RUS|OFFERED_ASYLUM_TO|person:nicolas-maduro"]["relation"] == "OFFERED_ASYLUM_TO"


def test_igraph_reads_the_graphml(written):
    import igraph

    G, graphml, _ = written
    g = igraph.Graph.Read_GraphML(str(graphml))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert g.is_directed()
    labels = dict(zip(g.vs["id"], g.vs["label"]))
    assert labels["person:nicolas-maduro"] == "Nicolás Maduro"
    assert set(g.es["type"]) == {d.get("type", k) for _, _, k, d in G.edges(keys=True, data=True)}


def test_graphology_reads_the_gexf_as_gephi_lite_does(written):
    G, _, gexf = written
    g = graphology("gexf", gexf)
    assert (g["order"], g["size"], g["type"], g["multi"]) == (G.number_of_nodes(), G.number_of_edges(),
                                                              "directed", True)
    assert {e["key"] for e in g["edges"]} == _ids(G)
    for nid, data in G.nodes(data=True):
        node = g["nodes"][nid]
        assert node["label"] and node["type"] == data["type"]
        assert node["color"] == _rgb(TYPE_STYLES[data["type"]]["color"])
        assert 8 <= node["size"] <= 36
        assert isinstance(node["aliases"], list) and isinstance(node["docs"], list)
        assert node["mentions"] == data["mentions"]
    for edge in g["edges"]:
        u, v = edge["source"], edge["target"]
        attrs = edge["attributes"]
        data = G.edges[u, v, attrs["kind"]]
        assert attrs["relation"] == attrs["kind"] == data["type"]
        assert "type" not in attrs  # GEXF reserves the edge type for directed/undirected
        assert attrs["label"] == data["label"] and attrs["weight"] == data["weight"]
        assert attrs["color"] == _rgb(FAMILY_COLORS[data["family"]])
        assert len(json.loads(attrs["evidence"])) == len(data["evidence"])


def test_graphology_reads_the_graphml(written):
    G, graphml, _ = written
    g = graphology("graphml", graphml)
    assert (g["order"], g["size"]) == (G.number_of_nodes(), G.number_of_edges())
    assert {e["key"] for e in g["edges"]} == _ids(G)
    assert g["nodes"]["person:nicolas-maduro"]["label"] == "Nicolás Maduro"
    edge = next(e for e in g["edges"] if e["attributes"]["type"] == "OFFERED_ASYLUM_TO")
    assert edge["attributes"]["color"] == FAMILY_COLORS["cooperation"]


def test_lists_are_gexf_liststrings_that_round_trip():
    G = nasty_graph()
    root = ET.fromstring(to_gexf(G).encode("utf-8"))
    types = {a.get("title"): a.get("type") for a in root.iter(f"{{{GEXF_NS}}}attribute")}
    assert types["aliases"] == types["docs"] == types["titles"] == "liststring"
    assert types["mentions"] == "integer" and types["symmetric"] == "boolean"


def test_control_characters_are_removed_and_no_absolute_path_is_written(tmp_path):
    G = nasty_graph()
    graphml, gexf = write_graphml(G, tmp_path / "g.graphml"), write_gexf(G, tmp_path / "g.gexf")
    for path in (graphml, gexf):
        text = path.read_text(encoding="utf-8")
        assert "\x00" not in text and "\x01" not in text and "&#0;" not in text
        assert "/home/analyst" not in text and "Users" not in text and ".." not in text
    g = graphology("gexf", gexf)
    assert g["nodes"]["state:RUS"]["label"] == "Russia"
    assert g["nodes"]["state:RUS"]["aliases"] == ["Russia", "Moscow", 'say "hi", \\ ok']
    assert g["nodes"]["person:o-brien"]["label"] == " ".join(NASTY_NAME.split())  # xs:token label
    index = json.loads(nx.read_graphml(graphml).graph["document_index"])
    assert [m.get("path") for m in index.values()] == ["a.txt", "b.txt", "c.txt", "corpus/sample/d.txt", None]


@pytest.mark.parametrize("path, expected", [
    ("corpus/sample/a.txt", "corpus/sample/a.txt"), ("a.txt", "a.txt"), ("/abs/dir/a.txt", "a.txt"),
    ("C:\\x\\a.txt", "a.txt"), ("\\\\server\\share\\a.txt", "a.txt"), ("../a.txt", "a.txt"),
    ("~/a.txt", "a.txt"), ("", None), (None, None), (3, None)])
def test_portable_path(path, expected):
    assert portable_path(path) == expected
