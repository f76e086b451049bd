"""Every user mistake is one line on stderr and an exit code, never a traceback; Bolt loads fail
fast when nothing is there and converge when the server dies mid-load and comes back."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.graph import KnowledgeGraph
from newsgraph.graph.cli import cli
from newsgraph.graph.query import FalkorDBServer, free_port


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    KnowledgeGraph.sample().save(out, formats=[], html=False)
    return out


@pytest.fixture(scope="module")
def not_graphs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notgraphs")
    (folder / "list.json").write_text("[]")
    (folder / "plain.json").write_text(json.dumps(nx.node_link_data(nx.path_graph(3), edges="edges")))
    plain = nx.MultiDiGraph([(1, 2), (2, 3)])
    (folder / "plain_multi.json").write_text(json.dumps(nx.node_link_data(plain, edges="edges")))
    (folder / "links.json").write_text(json.dumps(nx.node_link_data(plain, edges="links")))
    return folder


@pytest.mark.parametrize("name", ["list.json", "plain.json", "plain_multi.json", "links.json"])
@pytest.mark.parametrize("command", [["stats"], ["entities"], ["relations"], ["html", "-o", "{tmp}/x.html"],
                                     ["query", "{graph}", "MATCH (n) RETURN count(n)"]])
def test_a_json_that_is_not_a_newsgraph_graph_is_one_line(not_graphs, tmp_path, name, command, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    graph = str(not_graphs / name)
    args = [command[0], graph, *[a.format(tmp=tmp_path, graph=graph) for a in command[1:] if a != "{graph}"]]
    out = _one_line_error(CliRunner().invoke(cli, args), 1)
    assert f"{graph!r} is not a newsgraph graph.json" in out and "newsgraph build" in out
    assert not (tmp_path / "x.html").exists()


def test_unknown_entity_names_the_command_not_the_python_api(sample_out):
    for args in (["relations", str(sample_out), "--entity", "Hugo"], ["entities", str(sample_out), "--explain", "Hugo"]):
        out = _one_line_error(CliRunner().invoke(cli, args), 2)
        assert "No entity named 'Hugo'" in out and "kg." not in out and f"newsgraph entities {sample_out}" in out


def test_a_query_past_its_timeout_or_memory_bound_is_one_line(sample_out, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    t0 = time.monotonic()
    result = CliRunner().invoke(cli, ["query", str(sample_out), "MATCH (a)-[*1..12]-(b) RETURN count(*)",
                                      "--timeout", "1"])
    out = _one_line_error(result, 1)
    assert out.startswith("Error: Query stopped after 1 s (--timeout)") and "[*1..2]" in out
    assert time.monotonic() - t0 < 20
    result = CliRunner().invoke(cli, ["query", str(sample_out), "MATCH (a)-[*1..3]-(b) RETURN collect(b.name)",
                                      "--max-memory", "1"])
    assert _one_line_error(result, 1).startswith("Error: Query stopped: it needed more than 1 MB (--max-memory)")
    # the bounded form the message suggests answers
    result = CliRunner().invoke(cli, ["query", str(sample_out), "MATCH (a)-[*1..2]-(b) RETURN count(DISTINCT b) AS n",
                                      "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)[0]["n"] > 0


def _export(graph, *args, env=None, monkeypatch=None):
    return CliRunner().invoke(cli, ["export", "neo4j", str(graph / "graph.json"), *args], env=env or {})


def test_neo4j_uri_mistakes_are_one_line_and_never_echo_the_password(sample_out):
    out = _one_line_error(_export(sample_out, "--uri", "http://localhost:7474", "--no-auth"), 2)
    assert "--uri must use Bolt" in out and "HTTP API is not supported" in out
    closed = free_port()
    t0 = time.monotonic()
    result = _export(sample_out, "--uri", f"bolt://neo4j:s3cret-pw@127.0.0.1:{closed}")
    out = _one_line_error(result, 1)
    assert time.monotonic() - t0 < 5  # no retries on a port where nothing listens
    assert "s3cret-pw" not in out and f"Cannot reach a Neo4j server at bolt://127.0.0.1:{closed}" in out
    out = _one_line_error(_export(sample_out, "--uri", "bolt://neo4j:s3cret-pw@127.0.0.1:notaport"), 2)
    assert "s3cret-pw" not in out


@pytest.fixture
def own_server():
    """A FalkorDB server of this test alone (a failed handshake may stall the next connection)."""
    server = FalkorDBServer(bolt_port=free_port()).start()
    yield server
    server.stop()


def test_password_against_a_server_without_auth_says_so(sample_out, own_server):
    result = _export(sample_out, "--uri", own_server.bolt_uri, env={"NEO4J_PASSWORD": "pw-9f3"})
    out = _one_line_error(result, 1)
    assert "unset NEO4J_PASSWORD or add --no-auth" in out and "pw-9f3" not in out


def _counts(server) -> tuple[int, int]:
    graph = server.client().select_graph("falkordb")
    nodes = graph.query("MATCH (n) RETURN count(n)").result_set[0][0]
    rels = graph.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
    return nodes, rels


def test_bolt_load_converges_when_the_server_is_killed_mid_load_and_restarted(sample_out, own_server):
    port = own_server.bolt_port
    cmd = [sys.executable, "-m", "newsgraph.graph.cli", "export", "neo4j", str(sample_out / "graph.json"),
           "--uri", own_server.bolt_uri, "--no-auth", "--batch-size", "20", "--retries", "5"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and _counts(own_server)[0] < 50:
        time.sleep(0.02)
    assert proc.poll() is None, "the load ended before the server could be killed"
    own_server._proc.kill()  # SIGKILL mid-load
    own_server._proc.wait()
    restarted = FalkorDBServer(bolt_port=port).start()
    try:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "loading again" in err and "Traceback" not in err
        total = int(out.split("Done: ")[1].split(" created")[0])
    finally:
        restarted.stop()
    # converged: the restarted (empty) server got the whole graph, as a load without a fault gives
    with FalkorDBServer(bolt_port=free_port()) as clean:
        done = subprocess.run([*cmd[:6], "--uri", clean.bolt_uri, "--no-auth"], capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 0, done.stderr
    assert total == int(done.stdout.split("Done: ")[1].split(" created")[0]) > 0
