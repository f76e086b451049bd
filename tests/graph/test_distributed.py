"""The build on a real Dask LocalCluster of two worker processes gives the local build's graph:
the sample corpus, a BBC slice split into byte ranges (with a worker killed mid-run), tricky
JSON lines, extraction failures, resumed and updated builds, the CLI option."""

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.graph.cli import cli
from newsgraph.graph.export.json import to_json_data
from newsgraph.graph.cache import read_manifest
from newsgraph.graph.pipeline import build

distributed = pytest.importorskip("distributed")  # a declared test dependency: fails in CI if absent

# The repository's parent holds shared/ (a worktree under wt/ finds it one level further up).
BBC = next(p / "shared" / "data" / "bench" / "bbc_news.jsonl" for p in Path(__file__).resolve().parents[2:]
           if (p / "shared" / "data").is_dir())


def graph_bytes(G) -> str:
    """graph.json's content without the ``created`` stamp."""
    data = to_json_data(G)
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "created"}  # G.graph stays intact
    return json.dumps(data, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        yield cluster


def test_sample_same_graph_and_records(cluster, sample_build, tmp_path):
    G_local, records_local, _ = sample_build
    G, records, report = build([SAMPLE_DIR], scheduler=cluster.scheduler_address, shards=tmp_path / "shards")
    assert graph_bytes(G) == graph_bytes(G_local)
    assert records == records_local
    assert (report.processed, report.skipped, report.cached) == (5, 0, 0)
    assert len(list((tmp_path / "shards").glob("*.parquet"))) == 1


@pytest.mark.parametrize("as_url", [False, True], ids=["path", "file-url"])
def test_tricky_jsonl_in_byte_ranges_same_ids_and_skips(cluster, extractor, tmp_path, as_url):
    body = "Russian President Vladimir Putin met Nicolás Maduro in Moscow on {} to discuss oil."
    lines = []
    for i in range(40):
        rec = {"id": f"a{i % 13}", "title": f"Talks {i}", "date": f"2024-05-{i % 28 + 1:02d}",
               "text": body.format(f"day {i % 17}")}  # repeated ids and repeated texts
        if i % 9 == 4:
            rec.pop("id")  # the id comes from the line number
        lines.append(json.dumps(rec, ensure_ascii=False))
        if i % 11 == 5:
            lines += ["", "{not json", "[1, 2]", json.dumps({"id": "short", "text": "too short"})]
    path = tmp_path / "tricky.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    G_local, records_local, _ = build([path], extractor=extractor)
    G, records, report = _cluster_build([f"file://{path}" if as_url else path], cluster, tmp_path, 40)
    assert len(list((tmp_path / "shards").glob("*.parquet"))) > 5  # really split into byte ranges
    if as_url:  # read by fsspec on the workers: the same records but for the path's spelling
        assert all(r["path"].startswith(f"file://{path}:") for r in records)
        records = [dict(r, path=r["path"].replace(f"file://{path}", path.name)) for r in records]
        for G_ in (G, G_local):
            G_.graph.pop("corpus"), G_.graph.pop("document_index")
    assert records == records_local
    assert graph_bytes(G) == graph_bytes(G_local)
    assert report.processed + report.skipped == len(records) == sum(1 for x in lines if x.strip())


def test_folder_as_fsspec_url(cluster, sample_build, tmp_path):
    G_local, records_local, _ = sample_build
    G, records, _ = build([f"file://{SAMPLE_DIR}"], scheduler=cluster.scheduler_address, shards=tmp_path / "s")
    assert [r["path"] for r in records] == [f"file://{SAMPLE_DIR}/{r['path'].split('/', 1)[1]}" for r in records_local]
    assert [dict(r, path=None) for r in records] == [dict(r, path=None) for r in records_local]  # titles, dates
    assert sorted(G.edges(keys=True)) == sorted(G_local.edges(keys=True))
    assert dict(G.nodes(data="aliases")) == dict(G_local.nodes(data="aliases"))


def _cluster_build(paths, cluster, tmp_path, partition_words, **kw):
    from newsgraph.corpus.readers import Fields
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.graph.distributed import build_distributed

    return build_distributed(paths, scheduler=cluster.scheduler_address, extractor=Extractor(), fields=Fields(),
                             shards=str(tmp_path / "shards"), partition_words=partition_words, **kw)


def test_bbc_slice_same_graph_with_a_worker_killed_then_resumed(cluster, extractor, tmp_path):
    with open(BBC, encoding="utf-8") as f:
        slice_ = [line for i, line in enumerate(f) if i % 7 == 0][:300]
    path = tmp_path / "bbc300.jsonl"
    path.write_text("".join(slice_), encoding="utf-8")
    G_local, records_local, _ = build([path], extractor=extractor)

    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
        killed = []

        def kill_once(item):  # mid-run: a worker is killed while both are busy with partitions
            if not killed:
                busy = {w: tasks for w, tasks in client.processing().items() if tasks}
                worker = sorted(busy)[0]
                killed.append((worker, busy[worker]))
                os.kill(pids[worker], signal.SIGKILL)

        G, records, report = _cluster_build([path], cluster, tmp_path, 8_000, on_document=kill_once)
        assert killed and killed[0][1], "a worker was killed while running a partition"
        client.wait_for_workers(2)
        assert set(client.run(os.getpid).values()) != set(pids.values())  # the nanny restarted it
    assert graph_bytes(G) == graph_bytes(G_local)
    assert records == records_local
    assert report.processed + report.skipped == 300 and report.cached == 0

    # cancelled half-way: the shards left behind are reused, only the missing partitions run
    shards = sorted((tmp_path / "shards").glob("*.parquet"))
    for shard in shards[1::5]:  # a few partitions, not the first
        shard.unlink()
    G2, records2, report2 = _cluster_build([path], cluster, tmp_path, 8_000)
    assert 0 < report2.cached < report2.processed
    assert graph_bytes(G2) == graph_bytes(G_local) and records2 == records_local


def test_extraction_failure_is_a_skipped_record():
    from newsgraph.corpus.document import Document
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.graph.distributed import _Accept, _extract
    from newsgraph.graph.pipeline import BuildReport
    from newsgraph.graph.shards import meta_row

    extractor = Extractor()
    extractor.nlp.max_length = 200  # spaCy itself refuses longer texts (its error E088)
    normal = "Russian President Vladimir Putin met Nicolás Maduro in Moscow on Tuesday."
    docs = [Document("ok1", normal), Document("long", normal * 5), Document("ok2", normal + " Again.")]
    out = _extract(docs, extractor)
    assert [r is not None for r, _ in out] == [True, False, True]
    assert out[1][1].startswith("extraction failed: ValueError: [E088]")
    assert out[0][0]["mentions"] and out[2][0]["mentions"]  # the others are extracted
    # the client: the failed document is a skipped record with the reason, every input counted
    rows = [meta_row(kind="document", id=d.id, title=f"T {d.id}", url=f"https://x/{d.id}", words=d.words,
                     text_sha1=d.text_hash, error=e) for d, (_, e) in zip(docs, out)]
    report = BuildReport()
    state = _Accept(None, report)
    state.accept("k", rows, cached=False)
    assert [(r["id"], r["status"]) for r in state.records] == [("ok1", "processed"), ("long", "skipped"),
                                                               ("ok2", "processed")]
    assert state.records[1]["reason"].startswith("extraction failed: ValueError: [E088]")
    assert (report.processed, report.skipped) == (2, 1)
    # where the accepted documents are: rows 0 and 2 of shard "k", records 0 and 2
    assert [(k, list(p), list(i)) for k, p, i in state.accepted.parts] == [("k", [0, 2], [0, 2])]
    assert list(state.accepted.documents().items()) == [
        ("ok1", {"title": "T ok1", "date": None, "outlet": None, "url": "https://x/ok1", "path": None}),
        ("ok2", {"title": "T ok2", "date": None, "outlet": None, "url": "https://x/ok2", "path": None})]


def test_cli_scheduler_update_local_update_and_errors(cluster, extractor, tmp_path, monkeypatch):
    files = sorted(SAMPLE_DIR.glob("*.txt"))
    first, second, third = tmp_path / "first", tmp_path / "second", tmp_path / "third"
    for folder, chosen in ((first, files[:2]), (second, files[2:4]), (third, files[4:])):
        folder.mkdir()
        shutil.copy(SAMPLE_DIR / "manifest.json", folder)
        for f in chosen:
            shutil.copy(f, folder)
    out = tmp_path / "out"
    runner = CliRunner()
    monkeypatch.setenv("NEWSGRAPH_SCHEDULER", cluster.scheduler_address)
    result = runner.invoke(cli, ["build", str(first), "-o", str(out), "--no-html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(list((out / "shards").glob("*.parquet"))) == 1
    result = runner.invoke(cli, ["build", "--update", str(out), str(second), "--no-html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "2 from the cache" in result.output  # the first folder's shard was not run again
    G_two, _, _ = build([first, second], extractor=extractor)
    assert _written_graph(out) == graph_bytes(G_two)

    # a local update of the cluster's output: the earlier documents come from their shards, only
    # the new folder is extracted (here), and its shard joins the others for the next cluster update
    monkeypatch.delenv("NEWSGRAPH_SCHEDULER")
    result = runner.invoke(cli, ["build", "--update", str(out), str(third), "--no-html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "4 from the cache" in result.output
    G_all, _, _ = build([first, second, third], extractor=extractor)
    assert _written_graph(out) == graph_bytes(G_all)
    assert len(list((out / "shards").glob("*.parquet"))) == 3
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert [r["status"] for r in records] == ["processed"] * 5
    G_again, _, report = build([], previous=read_manifest(out), scheduler=cluster.scheduler_address,
                               shards=out / "shards", extractor=extractor)  # the cluster reuses every shard
    assert report.cached == 5 and graph_bytes(G_again) == graph_bytes(G_all)

    for bad in ("local:0", "somewhere"):
        result = runner.invoke(cli, ["build", str(first), "-o", str(tmp_path / "x"), "--scheduler", bad])
        assert result.exit_code == 2 and result.output.count("\n") == 1, result.output


def _written_graph(out) -> str:
    data = json.loads((out / "graph.json").read_text("utf-8"))
    data["graph"].pop("created")
    return json.dumps(data, ensure_ascii=False, indent=1)
