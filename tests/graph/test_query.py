"""The embedded Cypher engine, docs/queries.cypher, and the Neo4j CLI commands.

docs/queries.cypher must pass Neo4j's linter and run unchanged on the embedded engine and on
a FalkorDB server loaded over Bolt, with the same answers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.corpus.errors import UsageError
from newsgraph.graph.export.neo4j import load_neo4j, to_rows
from newsgraph.graph.query import FalkorDBServer, _engine, free_port, run_query, split_statements
from tests.graph import sample_graph as fixture

REPO = Path(__file__).resolve().parents[2]
QUERIES = REPO / "docs" / "queries.cypher"
ASYLUM = ("MATCH (a:Entity)-[:OFFERED_ASYLUM_TO]->(b:Entity) "
          "RETURN a.name AS giver, b.name AS receiver ORDER BY giver, receiver")


def write_graph(G, path: Path) -> Path:
    path.write_text(json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def graph_json(tmp_path_factory):
    return write_graph(fixture.sample_graph(), tmp_path_factory.mktemp("q") / "graph.json")


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def _norm(rows):
    """Rows comparable across engines and loads: FalkorDB's sum() gives floats where Neo4j gives
    ints, and collect() lists come in traversal order, which differs between two loads."""
    def norm(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, list):
            items = [norm(x) for x in v]
            return sorted(items, key=repr)
        return v
    return [[norm(v) for v in row] for row in rows]


# ------------------------------------------------------------------------------------------
# run_query
# ------------------------------------------------------------------------------------------

def test_run_query_answers_the_asylum_question(graph_json, cache):
    columns, rows = run_query(graph_json, ASYLUM, cache=cache)
    assert columns == ["giver", "receiver"]
    assert rows == [["Russia", "Nicolás Maduro"], ["United States", "Nicolás Maduro"]]


def test_run_query_takes_parameters(graph_json, cache):
    _, rows = run_query(graph_json, "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases",
                        params={"id": "person:o-brien"}, cache=cache)
    assert rows == [[fixture.NASTY_NAME, [fixture.NASTY_NAME, fixture.NASTY_ALIAS]]]
    _, rows = run_query(graph_json, "MATCH (n:Entity) WHERE n.name = $name RETURN n.id",
                        params={"name": fixture.NASTY_NAME}, cache=cache)
    assert rows == [["person:o-brien"]]


def test_run_query_returns_plain_nodes_relationships_and_paths(graph_json, cache):
    _, rows = run_query(graph_json, "MATCH p = (a:State {iso3: 'RUS'})-[r:OFFERED_ASYLUM_TO]->(b) "
                                    "RETURN a, r, p", cache=cache)
    node, rel, path = rows[0]
    assert sorted(node["labels"]) == ["Entity", "State"] and node["properties"]["wikidata"] == "Q159"
    assert rel["type"] == "OFFERED_ASYLUM_TO" and rel["properties"]["weight"] == 2
    assert [n["properties"]["id"] for n in path["nodes"]] == ["state:RUS", "person:nicolas-maduro"]
    json.dumps(rows)  # plain data


def test_the_engine_is_cached_in_process_and_on_disk(graph_json, cache):
    run_query(graph_json, "RETURN 1", cache=cache)
    assert _engine(graph_json, cache) is _engine(graph_json, cache)
    dumps = list(cache.glob("*.rdb"))
    assert len(dumps) == 1
    # a new process loads the dump instead of graph.json
    code = ("import sys; from newsgraph.graph.query import run_query, _ENGINES; "
            f"print(run_query({str(graph_json)!r}, {ASYLUM!r}, cache={str(cache)!r})[1]); "
            "print([e.source for e in _ENGINES.values()])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Russia" in proc.stdout and "['dump']" in proc.stdout


def test_a_changed_graph_json_is_loaded_again(tmp_path, cache):
    path = write_graph(fixture.sample_graph(), tmp_path / "graph.json")
    assert run_query(path, "MATCH (n:Person {id: 'person:miguel-diaz-canel'}) RETURN n.name", cache=cache)[1] == []
    write_graph(fixture.bigger_sample_graph(), path)
    _, rows = run_query(path, "MATCH (n:Person {id: 'person:miguel-diaz-canel'}) RETURN n.name", cache=cache)
    assert rows == [["Miguel Díaz-Canel"]]


@pytest.mark.parametrize("query", ["CREATE (n:Entity {id: 'x'})", "MATCH (n) DETACH DELETE n",
                                   "MATCH (n:Entity) SET n.name = 'x'"])
def test_queries_cannot_change_the_cached_graph(graph_json, cache, query):
    with pytest.raises(UsageError, match="only reads"):
        run_query(graph_json, query, cache=cache)
    _, rows = run_query(graph_json, "MATCH (n:Entity) RETURN count(n)", cache=cache)
    assert rows == [[13]]


def test_bad_queries_and_paths_are_usage_errors(graph_json, cache, tmp_path):
    with pytest.raises(UsageError, match="Query failed"):
        run_query(graph_json, "MATCH (n RETURN n", cache=cache)
    with pytest.raises(UsageError):
        run_query(graph_json, "  ;", cache=cache)
    with pytest.raises(UsageError, match="No graph file"):
        run_query(tmp_path / "missing.json", "RETURN 1", cache=cache)


def test_falkordb_server_refuses_bolt_ports_it_would_ignore():
    with pytest.raises(UsageError):
        FalkorDBServer(bolt_port=40000)


def test_split_statements_respects_strings_and_comments():
    text = ("// header\n\n// Q1: a; b\nMATCH (n) WHERE n.name = 'a;b' // c; d\nRETURN n;\n"
            "/* block; */ RETURN \"x;\" AS `a;b`;\nRETURN 'it\\'s;' AS s")
    assert split_statements(text) == [
        ("Q1: a; b", "MATCH (n) WHERE n.name = 'a;b' // c; d\nRETURN n"),
        ("", "RETURN \"x;\" AS `a;b`"),
        ("", "RETURN 'it\\'s;' AS s"),
    ]


# ------------------------------------------------------------------------------------------
# docs/queries.cypher
# ------------------------------------------------------------------------------------------

def _doc_queries():
    return split_statements(QUERIES.read_text(encoding="utf-8"))


def test_queries_file_has_a_dozen_commented_questions():
    queries = _doc_queries()
    assert len(queries) >= 12
    assert all(question for question, _ in queries)


def test_queries_file_passes_neo4j_lint(cypher_lint):
    assert cypher_lint([QUERIES.read_text(encoding="utf-8")]) == []
    assert cypher_lint([q for _, q in _doc_queries()]) == []


def test_queries_run_on_the_embedded_engine_with_expected_answers(graph_json, cache):
    answers = {question: run_query(graph_json, q, cache=cache) for question, q in _doc_queries()}
    assert all(columns for columns, _ in answers.values())

    def rows(prefix):
        return next(r for q, (_, r) in answers.items() if q.startswith(prefix))

    # the channel is the one tied to the offer (same sentence), not any mediation of the offerer
    assert _norm(rows("Who offered asylum")) == [
        ["Russia", "Nicolás Maduro", "reported", 1, 1, ["Pietro Parolin"]],
        ["United States", "Nicolás Maduro", "alleged", 1, 1, []]]
    offers = rows("Offers of asylum and the channel")
    assert [(r[0], r[4]) for r in offers] == [("Russia", []), ("Russia", ["Pietro Parolin"]), ("United States", [])]
    assert offers[1][6].startswith("The initiative, reportedly channelled through Cardinal Pietro Parolin")
    assert {r[0] for r in rows("Every mediator")} == {"Pietro Parolin", "Vatican"}
    between = rows("All relations between")
    assert {r[1] for r in between} == {"OFFERED_ASYLUM_TO", "REJECTED", "SOUGHT_ASYLUM_IN"}
    assert all(r[5] for r in between)  # every relation comes with its sentence
    assert rows("The most connected people")[0][:2] == ["Nicolás Maduro", 6]
    paths = rows("Paths of up to three")
    assert [["Russia", "Nicolás Maduro"], ["OFFERED_ASYLUM_TO"], 1] in paths
    assert all(p[0][0] == "Russia" and p[0][-1] == "Nicolás Maduro" for p in paths)
    assert all(len(set(p[0])) == len(p[0]) for p in paths)  # simple paths only
    assert len({(tuple(p[0]), tuple(p[1])) for p in paths}) == len(paths)
    assert all(isinstance(r[3], int) for r in rows("Every mediator"))  # toInteger: FalkorDB sums are floats
    said = rows("What does a given document say")
    assert ["Russia", "OFFERED_ASYLUM_TO", "Nicolás Maduro"] == said[0][:3]
    assert {r[3] for r in rows("Relations that are only")} == {"alleged", "considered"}
    assert _norm(rows("Relations whose sources disagree")) == [
        ["Russia", "PROPOSED_TO", "United States", ["alleged", "reported"]]]
    assert rows("Who heads")[0][:3] == ["Vladimir Putin", "HEAD_OF", "Russia"]
    assert _norm(rows("The entities named in the most"))[0] == ["Nicolás Maduro", "Person", 5, 46]
    # dates are dates: the range keeps January 2026 only (2025-12-01 and 2017-07-20 are out)
    recent = rows("What was reported in a date range")
    assert [r[0] for r in recent] == sorted((r[0] for r in recent), reverse=True)
    assert {r[0] for r in recent} == {"2026-01-22", "2026-01-05"}
    assert ["2026-01-22", "Russia", "OFFERED_ASYLUM_TO", "Nicolás Maduro", "reported"] in recent


def test_queries_give_the_same_answers_on_a_server_loaded_over_bolt(graph_json, cache, empty_db):
    load_neo4j(fixture.sample_graph(), empty_db)
    for question, q in _doc_queries():
        records, _, keys = empty_db.execute_query(q)
        columns, rows = run_query(graph_json, q, cache=cache)
        assert list(keys) == columns, question
        assert _norm([list(r.values()) for r in records]) == _norm(rows), question


def test_asylum_query_on_the_sample_corpus(sample_build, cache, empty_db):
    """Acceptance: the real build of corpus/sample answers Russia -> Nicolás Maduro."""
    G, _, out = sample_build
    question, q = _doc_queries()[0]
    _, rows = run_query(out / "graph.json", q, cache=cache)
    assert ["Russia", "Nicolás Maduro"] in [r[:2] for r in rows]
    # every offer comes with the channel named in its sentence (Russia's: the Vatican)
    _, offers = run_query(out / "graph.json", _doc_queries()[1][1], cache=cache)
    assert ["Russia", "Nicolás Maduro"] in [r[:2] for r in offers]
    assert all(r[4] for r in offers if "via" in r[6].split() or "through" in r[6].split()), offers
    assert ["Vatican"] in [r[4] for r in offers if r[0] == "Russia"]
    summary = load_neo4j(G, empty_db)
    assert summary.created["entities"] == G.number_of_nodes()
    records, _, _ = empty_db.execute_query(q)
    assert _norm([list(r.values()) for r in records]) == _norm(rows)


# ------------------------------------------------------------------------------------------
# CLI commands (registered by graph.cli)
# ------------------------------------------------------------------------------------------

def _cli():
    from newsgraph.graph.cli import cli

    return cli


def test_cli_query_prints_a_table_json_and_csv(graph_json, cache, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(cache))
    runner = CliRunner()
    result = runner.invoke(_cli(), ["query", str(graph_json), ASYLUM], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Russia" in result.output and "giver" in result.output.splitlines()[0]
    result = runner.invoke(_cli(), ["query", str(graph_json), ASYLUM, "--format", "json"], catch_exceptions=False)
    assert json.loads(result.output)[0] == {"giver": "Russia", "receiver": "Nicolás Maduro"}
    result = runner.invoke(_cli(), ["query", str(graph_json), "MATCH (n:Entity {id: $id}) RETURN n.name AS name",
                                    "-p", "id=person:o-brien", "--format", "csv"], catch_exceptions=False)
    assert result.output.startswith("name\r\n") or result.output.startswith("name\n")
    assert "DETACH DELETE" in result.output


def test_cli_query_runs_the_queries_file(graph_json, cache, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(cache))
    result = CliRunner().invoke(_cli(), ["query", str(graph_json), "--file", str(QUERIES), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    blocks = json.loads(result.output)
    assert len(blocks) == len(_doc_queries())
    assert blocks[0]["question"].startswith("Who offered asylum")
    assert blocks[0]["rows"][0]["offered_by"] == "Russia"
    result = CliRunner().invoke(_cli(), ["query", str(graph_json), "--file", str(QUERIES)], catch_exceptions=False)
    assert result.output.startswith("// Who offered asylum")


def test_cli_query_errors_are_one_line(graph_json, cache, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(cache))
    result = CliRunner().invoke(_cli(), ["query", str(graph_json), "CREATE (n)"])
    assert result.exit_code == 2 and result.output.strip().startswith("Error:")
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(_cli(), ["query", str(graph_json)])
    assert result.exit_code == 2


def test_cli_writes_the_script_and_the_csvs(graph_json, tmp_path):
    runner = CliRunner()
    result = runner.invoke(_cli(), ["export", "cypher", str(graph_json), "-o", str(tmp_path / "g.cypher")],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.cypher").read_text(encoding="utf-8").count("MERGE") > 10
    result = runner.invoke(_cli(), ["export", "neo4j-csv", str(graph_json), "-o", str(tmp_path / "imp")],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full" in (tmp_path / "imp" / "README.txt").read_text(encoding="utf-8")


def test_cli_loads_over_bolt(graph_json, falkordb_server, empty_db):
    # One CLI run only: FalkorDB's Bolt layer stalls a new connection after another one closed
    # (the driver recovers after its acquisition timeout), so the re-run goes through the
    # session's driver.
    args = ["export", "neo4j", str(graph_json), "--uri", falkordb_server.bolt_uri, "--no-auth",
            "--batch-size", "20"]
    result = CliRunner().invoke(_cli(), args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    entities = next(line for line in result.output.splitlines() if line.startswith("entities"))
    assert entities.split() == ["entities", "13", "rows", "13", "created", "0", "updated"]
    rows = to_rows(fixture.sample_graph())
    total = (len(rows["documents"]) + len(rows["outlets"]) + len(rows["published_by"]) + 13
             + sum(len(g) for g in rows["relationships"].values()) + len(rows["mentions"])
             + 4 * len(rows["evidence"]) + len(rows["according_to"]) + len(rows["events"])
             + len(rows["event_in"]) + len(rows["part_of"]) + len(rows["event_roles"]))
    assert f"Done: {total} created, 0 updated" in result.output
    again = load_neo4j(fixture.sample_graph(), empty_db)
    assert (again.total_created, again.total_updated) == (0, 0)


def test_cli_password_comes_from_the_environment_or_a_prompt(graph_json, monkeypatch):
    from newsgraph.graph.cli_export import export_neo4j

    assert not any("password" in p.name for p in export_neo4j.params)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    closed = f"bolt://127.0.0.1:{free_port()}"
    # no terminal to prompt on (CliRunner's stdin is not a tty): one line pointing to NEO4J_PASSWORD
    result = CliRunner().invoke(_cli(), ["export", "neo4j", str(graph_json), "--uri", closed], input="secret\n")
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith("Error: No Neo4j password: set NEO4J_PASSWORD")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    result = CliRunner().invoke(_cli(), ["export", "neo4j", str(graph_json), "--uri", closed])
    assert result.exit_code == 1 and "Cannot reach a Neo4j server" in result.output
