"""The build cache and incremental builds, with the real model: hit counts, identical graphs,
invalidation by text, rules and model, interrupted builds, ``build --update``."""

import json
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.extractors.pipeline import Extractor
from newsgraph.graph.cache import CACHE_NAME, ResultCache, read_manifest
from newsgraph.graph.cli import cli
from newsgraph.graph.export.json import read_json
from newsgraph.graph.pipeline import build, open_cache, write_outputs

SAMPLE_FILES = sorted(p.name for p in SAMPLE_DIR.glob("*.txt"))


def graph_data(G: nx.MultiDiGraph) -> dict:
    """node-link data without the build timestamp."""
    data = nx.node_link_data(G, edges="edges")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "created"}
    return data


def corpus_dir(root, name, files, *, edit=None):
    """A folder with some sample articles and the sample manifest (titles, dates, outlets)."""
    folder = root / name
    folder.mkdir()
    shutil.copy(SAMPLE_DIR / "manifest.json", folder / "manifest.json")
    for f in files:
        text = (SAMPLE_DIR / f).read_text(encoding="utf-8")
        (folder / f).write_text(edit(f, text) if edit else text, encoding="utf-8")
    return folder


def run_build(paths, out, extractor, **kw):
    """One build with the cache of ``out``; returns (graph, records, report, cache counters)."""
    with open_cache(out, extractor) as cache:
        G, records, report = build(paths, extractor=extractor, cache=cache, **kw)
        write_outputs(G, records, out, html=False, cache=cache)
        return G, records, report, (cache.hits, cache.misses, cache.writes)


@pytest.fixture(scope="module")
def cold(tmp_path_factory, extractor):
    """A full build of the sample corpus into a fresh output folder, and its (uncached) result."""
    out = tmp_path_factory.mktemp("cached_out")
    G, records, report, counts = run_build([SAMPLE_DIR], out, extractor)
    return out, G, records, counts


def test_cold_build_extracts_and_stores_every_document(cold, sample_graph):
    out, G, records, (hits, misses, writes) = cold
    assert (hits, misses, writes) == (0, 5, 5)
    assert (out / CACHE_NAME).is_file()
    assert graph_data(G) == graph_data(sample_graph)  # the cache does not change the graph


def test_rebuild_with_nothing_changed_parses_nothing(cold, extractor):
    out, G, records, _ = cold
    G2, records2, report, (hits, misses, writes) = run_build([SAMPLE_DIR], out, extractor)
    assert (hits, misses, writes) == (5, 0, 0)
    assert report.cached == report.processed == 5
    assert graph_data(G2) == graph_data(G)
    assert records2 == records


def test_rebuild_without_a_loaded_model_does_not_load_it(cold):
    out, G, _, _ = cold
    fresh = Extractor()
    G2, _, _, (hits, misses, _) = run_build([SAMPLE_DIR], out, fresh)
    assert (hits, misses) == (5, 0)
    assert fresh._nlp is None  # the model id came from its meta.json
    assert graph_data(G2) == graph_data(G)


def test_changed_text_reextracts_only_that_document(tmp_path, extractor, cold):
    _, G, _, _ = cold
    edited = SAMPLE_FILES[2]
    src = corpus_dir(tmp_path, "src", SAMPLE_FILES)
    out = tmp_path / "out"
    run_build([src], out, extractor)
    (src / edited).write_text((src / edited).read_text(encoding="utf-8") + "\n\nPutin met Lula in Brasilia.\n",
                              encoding="utf-8")
    G2, _, _, (hits, misses, writes) = run_build([src], out, extractor)
    assert (hits, misses, writes) == (4, 1, 1)
    fresh, _, _ = build([src], extractor=extractor)
    assert graph_data(G2) == graph_data(fresh)


def test_same_text_under_another_id_is_a_hit(tmp_path, extractor, cold):
    out, _, _, _ = cold
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for i, f in enumerate(SAMPLE_FILES):
        shutil.copy(SAMPLE_DIR / f, renamed / f"article-{i}.txt")
    G, records, _, (hits, misses, _) = run_build([renamed], out, extractor)
    assert (hits, misses) == (5, 0)
    fresh, fresh_records, _ = build([renamed], extractor=extractor)
    assert graph_data(G) == graph_data(fresh)
    assert records == fresh_records


def test_rules_content_is_part_of_the_key(tmp_path):
    rules = tmp_path / "extra.toml"
    out = tmp_path / "out"
    src = corpus_dir(tmp_path, "src", SAMPLE_FILES[:2])
    rules.write_text('version = "1"\n')
    ex1 = Extractor(rules=[rules])
    _, _, _, counts = run_build([src], out, ex1)
    assert counts == (0, 2, 2)
    rules.write_text('version = "2"\n')  # same file, new content: every result is stale
    ex2 = Extractor(rules=[rules], nlp=ex1.nlp)
    assert ex2.rules_version() != ex1.rules_version()
    _, _, _, counts = run_build([src], out, ex2)
    assert counts == (0, 2, 2)
    rules.write_text('version = "1"\n')  # back to the first content: its results are still there
    _, _, _, counts = run_build([src], out, Extractor(rules=[rules], nlp=ex1.nlp))
    assert counts == (2, 0, 0)


def test_model_and_extractor_versions_are_part_of_the_key(tmp_path):
    key = {"model": "en_core_web_sm-3.8.0", "rules": "r1", "extractor": "x1"}
    with ResultCache(tmp_path / "c.sqlite", **key) as cache:
        cache.put("a" * 40, {"words": 3})
    for changed in ({"model": "en_core_web_sm-3.8.1"}, {"model": "en_core_web_md-3.8.0"}, {"extractor": "x2"}):
        with ResultCache(tmp_path / "c.sqlite", **{**key, **changed}) as cache:
            assert cache.get("a" * 40) is None
            assert cache.count() == 0 and cache.count(current=False) == 1
    with ResultCache(tmp_path / "c.sqlite", **key) as cache:
        assert cache.get("a" * 40) == {"words": 3, "doc_id": None, "date": None}


def test_fingerprint_names_model_rules_and_extractor(extractor):
    fp = extractor.fingerprint()
    assert fp["model"] == "en_core_web_sm-3.8.0"
    assert fp["rules"] == extractor.rules_version() and fp["rules"] != "none"
    assert len(fp["extractor"]) == 16


def test_interrupted_build_keeps_finished_results_and_the_old_manifest(tmp_path, extractor):
    src = corpus_dir(tmp_path, "src", SAMPLE_FILES)
    out = tmp_path / "out"
    G, _, _, _ = run_build([src], out, extractor)
    before = read_manifest(out)
    # a different extractor version: nothing is cached for it yet
    ex = Extractor(nlp=extractor.nlp)
    ex.fingerprint = lambda: {**extractor.fingerprint(), "extractor": "interrupted"}
    done = []

    def stop_after_three(item):
        done.append(item)
        if len(done) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_build([src], out, ex, on_document=stop_after_three)
    with open_cache(out, ex) as cache:
        assert cache.count() == 3  # every finished document was committed
    assert [d.id for d in read_manifest(out).items()] == [d.id for d in before.items()]
    G2, _, _, (hits, misses, _) = run_build([src], out, ex)
    assert (hits, misses) == (3, 2)  # the next run resumes
    assert graph_data(G2) == graph_data(G)


def test_update_adds_documents_and_equals_a_full_rebuild(tmp_path, extractor):
    first = corpus_dir(tmp_path, "first", SAMPLE_FILES[:3])
    second = corpus_dir(tmp_path, "second", SAMPLE_FILES[3:])
    out = tmp_path / "out"
    run_build([first], out, extractor)
    with open_cache(out, extractor) as cache:
        G, records, report = build([second], extractor=extractor, cache=cache, previous=read_manifest(out))
        write_outputs(G, records, out, html=False, cache=cache)
        assert (cache.hits, cache.misses) == (3, 2)  # the old documents were not parsed again
    full, full_records, _ = build([first, second], extractor=extractor)
    assert graph_data(G) == graph_data(full)
    assert records == full_records
    assert read_manifest(out).info["paths"] == [str(first), str(second)]


def test_update_renames_ids_and_skips_duplicates_like_a_full_build(tmp_path, extractor):
    first = corpus_dir(tmp_path, "first", SAMPLE_FILES[:2])
    # the same file name (id) with new text, and an exact copy of an earlier article
    second = corpus_dir(tmp_path, "second", SAMPLE_FILES[:2],
                        edit=lambda f, text: text + "\n\nMaduro met Putin in Moscow.\n" if f == SAMPLE_FILES[0] else text)
    out = tmp_path / "out"
    run_build([first], out, extractor)
    with open_cache(out, extractor) as cache:
        G, records, _ = build([second], extractor=extractor, cache=cache, previous=read_manifest(out))
    full, full_records, _ = build([first, second], extractor=extractor)
    assert records == full_records
    assert [r["status"] for r in records] == ["processed", "processed", "processed", "skipped"]
    assert graph_data(G) == graph_data(full)


def test_cli_update_and_no_cache(tmp_path):
    first = corpus_dir(tmp_path, "first", SAMPLE_FILES[:3])
    second = corpus_dir(tmp_path, "second", SAMPLE_FILES[3:])
    out, full_out = tmp_path / "out", tmp_path / "full"
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(first), "-o", str(out), "--no-html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["build", "--update", str(out), str(second), "--no-html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "5 processed, 3 from the cache" in result.output
    result = runner.invoke(cli, ["build", str(first), str(second), "-o", str(full_out), "--no-html", "--no-cache"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (full_out / CACHE_NAME).exists()
    assert graph_data(read_json(out / "graph.json")) == graph_data(read_json(full_out / "graph.json"))
    lines = lambda p: [json.loads(x) for x in (p / "documents.jsonl").read_text().splitlines()]  # noqa: E731
    assert lines(out) == lines(full_out)
    # --update of a folder without a cached build is a usage error naming the fix
    result = runner.invoke(cli, ["build", "--update", str(full_out), str(second)])
    assert result.exit_code == 2 and "run a full build once" in result.output


def test_two_processes_give_the_same_results(tmp_path, extractor, cold):
    _, G, records, _ = cold
    G2, records2, _ = build([SAMPLE_DIR], extractor=Extractor(n_process=2, batch_size=2))
    assert graph_data(G2) == graph_data(G)
    assert records2 == records


def test_cli_rebuild_with_nothing_changed_keeps_the_outputs(tmp_path):
    src = corpus_dir(tmp_path, "src", SAMPLE_FILES[:2])
    out = tmp_path / "out"
    runner = CliRunner()
    build_args = ["build", str(src), "-o", str(out), "--no-html"]
    assert runner.invoke(cli, build_args, catch_exceptions=False).exit_code == 0
    written = (out / "graph.json").stat().st_mtime_ns
    result = runner.invoke(cli, build_args, catch_exceptions=False)
    assert "2 from the cache" in result.output and "Nothing changed" in result.output
    assert (out / "graph.json").stat().st_mtime_ns == written
    # a removed output, another export option or a new input: the outputs are written again
    (out / "graph.gexf").unlink()
    result = runner.invoke(cli, build_args, catch_exceptions=False)
    assert "Wrote" in result.output and (out / "graph.gexf").is_file()
    result = runner.invoke(cli, build_args[:-1], catch_exceptions=False)
    assert "Wrote" in result.output and (out / "graph.html").is_file()
    assert "Nothing changed" in runner.invoke(cli, build_args[:-1], catch_exceptions=False).output
    (src / SAMPLE_FILES[0]).write_text((src / SAMPLE_FILES[0]).read_text(encoding="utf-8") + "\n\nMore text here today.\n",
                                       encoding="utf-8")
    result = runner.invoke(cli, build_args[:-1], catch_exceptions=False)
    assert "1 from the cache" in result.output and "Wrote" in result.output
