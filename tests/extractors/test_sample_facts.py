"""Issue 4's expected facts on the sample corpus, through the whole pipeline (real model)."""

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli

# (document prefix, subject, type, object, required status or None)
EXPECTED = [
    ("000", "Russia", "OFFERED_ASYLUM_TO", "Nicolás Maduro", None),
    ("000", "Russia", "MEDIATED_VIA", "Vatican", None),
    ("000", "Russia", "GRANTED_ASYLUM_TO", "Bashar al-Assad", None),
    ("002", "Donald Trump", "SPOKE_WITH", "Nicolás Maduro", None),
    ("002", "Nicolás Maduro", "APPEALED_TO", "Vladimir Putin", None),
    ("002", "Vladimir Putin", "HEAD_OF", "Russia", None),
    ("003", "Nicolás Maduro", "SOUGHT_ASYLUM_IN", "Russia", "considered"),
    ("003", "Nicolás Maduro", "SOUGHT_ASYLUM_IN", "Cuba", "considered"),
    ("003", "Treasury Department", "SANCTIONED", "Tareck El Aissami", None),
    ("003", "United States", "INDICTED", "Nester Luis Reverol Torres", None),
    ("004", "Russia", "SUPPLIED_ARMS_TO", "Venezuela", None),
    ("004", "Vladimir Putin", "MET_WITH", "Nicolás Maduro", None),
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
