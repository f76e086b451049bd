"""One build path: the CLI, ``KnowledgeGraph.build`` and ``newsgraph.build`` all run
``graph.pipeline.build_corpus``, so they share the cache, ``--update`` and "outputs unchanged";
the exporter registry; the shared CLI output helpers; no import cycle in the CLI."""

import os
import shutil
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph.corpus.errors import UsageError
from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.graph import KnowledgeGraph
from newsgraph.graph.cache import CACHE_NAME
from newsgraph.graph.lock import LOCK_NAME
from newsgraph.graph.cli import cli
from newsgraph.graph.cli_output import LISTING_FORMATS
from newsgraph.graph.export import EXPORTERS, register_exporter, select_exporters
from newsgraph.graph.export.json import read_json
from newsgraph.graph.pipeline import build_corpus, write_outputs

SAMPLE_FILES = sorted(p.name for p in SAMPLE_DIR.glob("*.txt"))


def graph_data(G: nx.MultiDiGraph) -> dict:
    """node-link data without the build timestamp."""
    data = nx.node_link_data(G, edges="edges")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "created"}
    return data


def corpus_dir(root, name, files):
    """A folder with some sample articles and the sample manifest (titles, dates, outlets)."""
    folder = root / name
    folder.mkdir()
    for f in ["manifest.json", *files]:
        shutil.copy(SAMPLE_DIR / f, folder / f)
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The API's first build of two sample articles into OUT, with the cache."""
    root = tmp_path_factory.mktemp("build_path")
    src = corpus_dir(root, "src", SAMPLE_FILES[:2])
    out = root / "out"
    kg = KnowledgeGraph.build(src, out=out)
    return src, out, kg


def test_api_build_with_out_writes_every_export_and_the_cache(first_build):
    _, out, kg = first_build
    assert kg.report.processed == 2 and kg.report.cached == 0 and not kg.report.unchanged
    assert kg.report.files == ["graph.json", "documents.jsonl", "graph.graphml", "graph.gexf", "graph.html",
                               "graph.cypher", "neo4j-import"]
    assert {p.name for p in out.iterdir()} == {*kg.report.files, CACHE_NAME, LOCK_NAME}
    assert graph_data(read_json(out)) == graph_data(kg.nx)


def test_api_rebuild_extracts_nothing_and_rewrites_nothing(first_build):
    src, out, kg = first_build
    written = (out / "graph.json").stat().st_mtime_ns
    again = KnowledgeGraph.build(src, out=out)
    assert again.report.cached == again.report.processed == 2  # nothing parsed
    assert again.report.unchanged and (out / "graph.json").stat().st_mtime_ns == written
    assert graph_data(again.nx) == graph_data(kg.nx)


def test_cli_and_newsgraph_build_share_the_api_cache(first_build):
    src, out, kg = first_build
    result = run("build", src, "-o", out)
    assert result.exit_code == 0, result.output
    assert "2 processed, 2 from the cache" in result.output and "Nothing changed" in result.output
    top = newsgraph.build(src, out)
    assert top.report.cached == 2 and top.report.unchanged
    assert graph_data(top.nx) == graph_data(kg.nx)


def test_cli_formats_choose_the_exports(first_build, tmp_path):
    src, out, _ = first_build
    result = run("build", src, "-o", out, "--formats", "graphml,cypher")
    assert result.exit_code == 0, result.output
    assert "2 from the cache" in result.output  # another export choice: same cache, files rewritten
    assert f"Wrote graph.json, documents.jsonl, graph.graphml, graph.cypher to {out}/" in result.output
    result = run("build", src, "-o", out, "--formats", "graphml,pdf")
    assert result.exit_code == 2 and "'pdf'" in result.output and "neo4j-csv" in result.output


def test_api_update_adds_documents_like_the_cli(first_build, tmp_path):
    src, out, _ = first_build
    more = corpus_dir(tmp_path, "more", SAMPLE_FILES[2:3])
    updated_out = tmp_path / "updated"
    KnowledgeGraph.build(src, out=updated_out, formats=[])
    kg = KnowledgeGraph.build(more, out=updated_out, update=True, formats=[])
    assert (kg.report.processed, kg.report.cached) == (3, 2)
    assert sorted(p.name for p in updated_out.iterdir()) == sorted(["graph.json", "documents.jsonl", CACHE_NAME, LOCK_NAME])
    full = KnowledgeGraph.build([src, more], out=tmp_path / "full", formats=[])
    assert graph_data(kg.nx) == graph_data(full.nx)
    with pytest.raises(UsageError, match="output folder"):
        build_corpus([more], update=True)
    with pytest.raises(UsageError, match="cache"):
        build_corpus([more], updated_out, update=True, cache=False)


# -- the exporter registry --------------------------------------------------------------------
def _count_nodes(G, path):
    path.write_text(f"{G.number_of_nodes()}\n", encoding="utf-8")


@pytest.fixture
def nodes_exporter():
    """A real extra export registered for one test, then removed."""
    exporter = register_exporter("nodes", filename="nodes.txt", write=_count_nodes, description="node count")
    try:
        yield exporter
    finally:
        del EXPORTERS["nodes"]


def test_registry_names_files_and_order():
    assert [(e.name, e.filename) for e in EXPORTERS.values()] == [
        ("json", "graph.json"), ("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("html", "graph.html"),
        ("cypher", "graph.cypher"), ("neo4j-csv", "neo4j-import")]
    assert [e.name for e in EXPORTERS.values() if not e.optional] == ["json"]
    assert [e.name for e in select_exporters([])] == ["json"]  # graph.json is always written
    assert [e.name for e in select_exporters(exclude=["html"])] == ["json", "graphml", "gexf", "cypher", "neo4j-csv"]
    with pytest.raises(UsageError, match="Unknown export format 'svg'. Available: json, graphml"):
        select_exporters(["svg"])
    with pytest.raises(UsageError, match="always written"):
        select_exporters(exclude=["json"])


def test_a_registered_exporter_is_written_by_every_build_path(nodes_exporter, sample_build, tmp_path):
    G, records, _ = sample_build
    files = write_outputs(G, records, tmp_path / "a", formats=["nodes"])
    assert files == ["graph.json", "documents.jsonl", "nodes.txt"]
    assert (tmp_path / "a" / "nodes.txt").read_text() == f"{G.number_of_nodes()}\n"
    assert "nodes.txt" in write_outputs(G, records, tmp_path / "b")  # default: written too
    assert "nodes.txt" in KnowledgeGraph(G, records).save(tmp_path / "c", html=False)
    with pytest.raises(ValueError, match="both write 'nodes.txt'"):
        register_exporter("other", filename="nodes.txt", write=_count_nodes)


# -- CLI structure ------------------------------------------------------------------------------
def test_listing_commands_share_one_format_option():
    for name in ("stats", "entities", "relations", "query"):
        [option] = [p for p in cli.commands[name].params if p.name == "fmt"]
        assert tuple(option.type.choices) == LISTING_FORMATS, name


def test_export_commands_import_without_the_cli():
    code = ("import sys, newsgraph.graph.cli_export as m; "
            "print('newsgraph.graph.cli' in sys.modules, [c.name for c in m.EXPORT_COMMANDS])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "False ['neo4j', 'cypher', 'neo4j-csv']"
    assert sorted(cli.commands["export"].commands) == ["cypher", "neo4j", "neo4j-csv"]


def test_version_is_the_package_version():
    assert run("--version").output.strip() == f"newsgraph, version {newsgraph.__version__}"


# -- kg.query leaves no temporary files ------------------------------------------------------------
def _tiny() -> KnowledgeGraph:
    G = nx.MultiDiGraph(documents=1, document_index={})
    G.add_node("state:RUS", id="state:RUS", name="Russia", type="State", aliases=["Russia"], mentions=1,
               docs=["d1"], titles=[], codes={}, resolution=[])
    return KnowledgeGraph(G)


def test_query_files_are_removed_on_change_and_collection(tmp_path, monkeypatch):
    import gc

    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    kg = _tiny()
    assert kg.query("MATCH (s:State) RETURN s.name AS name")["name"].tolist() == ["Russia"]
    first = kg._graph_file()
    assert first.is_file()
    kg.nx.nodes["state:RUS"]["name"] = "Rossiya"
    assert kg.query("MATCH (s:State) RETURN s.name AS name")["name"].tolist() == ["Rossiya"]
    second = kg._graph_file()
    assert second != first and second.is_file() and not first.exists()  # the stale file went at once
    del kg
    gc.collect()
    assert not second.exists()


def test_query_folder_is_removed_at_exit(tmp_path):
    code = ("import networkx as nx\n"
            "from newsgraph.graph.api import KnowledgeGraph; from newsgraph.graph.api_exports import _query_dir\n"
            "G = nx.MultiDiGraph(documents=0, document_index={})\n"
            "G.add_node('state:RUS', id='state:RUS', name='Russia', type='State')\n"
            "kg = KnowledgeGraph(G)\n"
            "assert kg.query('MATCH (s:State) RETURN s.name AS n')['n'].tolist() == ['Russia']\n"
            "print(kg._graph_file())\n")
    env = {**os.environ, "NEWSGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    path = proc.stdout.strip().splitlines()[-1]
    assert path.endswith(".json") and "newsgraph-api-" in path
    assert not os.path.exists(path) and not os.path.exists(os.path.dirname(path))
