"""Issue 4's expected facts on the sample corpus, through the whole pipeline (real model)."""

import json

import pytest
from click.testing import CliRunner

from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.graph.cli import cli

# (document prefix, subject, type, object, required status or None)
EXPECTED = [
    (f["doc_prefix"], f["subject"], f["type"], f["object"], f["status"])
    for f in json.loads((SAMPLE_DIR.parent / "sample_facts.json").read_text(encoding="utf-8"))["facts"]
]


def _node(G, name):
    [node] = [n for n, d in G.nodes(data=True) if d["name"] == name]
    return node


@pytest.mark.parametrize("prefix,subject,rtype,obj,status", EXPECTED, ids=[f"{e[0]}-{e[2]}-{e[3]}" for e in EXPECTED])
def test_expected_fact(sample_graph, prefix, subject, rtype, obj, status):
    G = sample_graph
    u, v = _node(G, subject), _node(G, obj)
    data = G.get_edge_data(u, v, key=rtype) or G.get_edge_data(v, u, key=rtype)
    assert data, f"no {rtype} edge between {subject} and {obj}"
    evidence = [e for e in data["evidence"] if e["doc"].startswith(prefix)]
    assert evidence, f"{rtype} has no evidence from document {prefix}"
    if status:
        assert {e["status"] for e in evidence} == {status}
    for e in evidence:
        assert e["trigger"] and e["rule"] and 0 < e["confidence"] <= 1
        assert e["start"] <= e["trigger_start"] < e["trigger_end"] <= e["end"]


def test_relations_command_lists_evidence(sample_build):
    _, _, out = sample_build
    result = CliRunner().invoke(cli, ["relations", str(out / "graph.json"), "--type", "OFFERED_ASYLUM_TO",
                                      "--format", "json"], catch_exceptions=False)
    rows = json.loads(result.output)
    row = next(r for r in rows if r["subject"] == "Russia" and r["object"] == "Nicolás Maduro")
    assert row["status"] in {"reported", "asserted"}
    assert any("asylum" in e["sentence"] for e in row["evidence"])
    table = CliRunner().invoke(cli, ["relations", str(out / "graph.json"), "--type", "OFFERED_ASYLUM_TO"])
    assert "Russia" in table.output and "Nicolás Maduro" in table.output and "[000_" in table.output
