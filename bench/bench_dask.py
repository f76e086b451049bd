"""Scaling on a Dask LocalCluster against raw spaCy and the local ``--processes`` build, in one run.

On a BBC slice (every 7th line of ``../shared/data/bench/bbc_news.jsonl``, the first ``--limit``
articles), each measurement runs in a fresh Python process, wall clock, words = the documents'
``Document.words`` (the same count for all):

* ``spacy N``   -- ``nlp.pipe(texts, n_process=N)`` with newsgraph's pipeline, Docs thrown away;
  texts in memory and the model loaded before the clock (an upper bound: no reading, no extraction);
* ``local N``   -- ``graph.pipeline.build(paths, n_process=N)`` end to end (workers load the model
  inside the clock);
* ``dask N``    -- the same build with ``scheduler="local:N"``: LocalCluster start, model load in
  each worker, reading on the workers, Parquet shards, graph assembly from the shards, all inside
  the clock. ``dask N warm`` is the same with a running cluster whose workers hold the model.

Also prints the shard bytes per 1,000 words (for the cost model in the README).

``--client-memory 1.0 0.5 1.0`` measures instead the client's memory on the cluster path:
Reuters-21578 (``../shared/data/bench/reuters21578.jsonl``) written as two halves, the first
half (0.5) or both (1.0) built with ``scheduler="local:2"``, shards kept in ``--memory-dir``
(so runs after the first reuse them), then graph.json written. The client process's peak
resident memory (its own ``ru_maxrss``: the LocalCluster's worker processes are not in it) is
set against the graph's own memory (every object the graph holds, shared ones once), so the
growth from 50 % to 100 % can be split into graph and the rest.

Usage::

    .venv/bin/python bench/bench_dask.py --limit 150                     # all runs, a few minutes
    .venv/bin/python bench/bench_dask.py --limit 600 --runs local:2 dask:2 warm:2
    .venv/bin/python bench/bench_dask.py --client-memory 1.0 0.5 1.0 --memory-dir /tmp/m   # ~25 min, loaded
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = ["spacy:1", "spacy:2", "local:1", "local:2", "dask:1", "dask:2", "warm:2"]
BBC = next(p / "shared" / "data" / "bench" / "bbc_news.jsonl" for p in ROOT.parents
           if (p / "shared" / "data").is_dir())
REUTERS = BBC.with_name("reuters21578.jsonl")


def _slice(limit: int, folder: str) -> str:
    with open(BBC, encoding="utf-8") as f:
        lines = [line for i, line in enumerate(f) if i % 7 == 0][:limit]
    path = Path(folder) / f"bbc{limit}.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


def run(kind: str, n: int, path: str) -> dict:
    from newsgraph.corpus.document import Document
    from newsgraph.corpus.readers import read_documents

    docs = [d for d in read_documents([path]) if isinstance(d, Document)]
    words = sum(d.words for d in docs)
    out = {"kind": kind, "n": n, "words": words}
    if kind == "spacy":
        from newsgraph.extractors.pipeline import load_model

        nlp = load_model()
        texts = [d.text for d in docs]
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=n):
            pass
    elif kind == "local":
        from newsgraph.graph.pipeline import build

        start = time.perf_counter()
        build([path], n_process=n)
    else:
        from newsgraph.graph.pipeline import build

        with tempfile.TemporaryDirectory() as shards:
            if kind == "dask":
                start = time.perf_counter()
                build([path], scheduler=f"local:{n}", shards=shards)
            else:  # warm: a running cluster whose workers already hold the model
                from distributed import LocalCluster

                with LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=50) as cluster:
                    with tempfile.TemporaryDirectory() as warmup:
                        build([path], scheduler=cluster.scheduler_address, shards=warmup)
                    start = time.perf_counter()
                    build([path], scheduler=cluster.scheduler_address, shards=shards)
            seconds = time.perf_counter() - start
            size = sum(p.stat().st_size for p in Path(shards).glob("*.parquet"))
            out["shard_bytes_per_1k_words"] = round(size / words * 1000)
            out.update(seconds=round(seconds, 2), words_per_second=round(words / seconds))
            return out
    seconds = time.perf_counter() - start
    out.update(seconds=round(seconds, 2), words_per_second=round(words / seconds))
    return out


def client_memory(fraction: float, workers: int, folder: str) -> dict:
    """Reuters up to ``fraction`` (in halves: 0.5 or 1.0) on a LocalCluster, its shards kept in
    ``folder``; the client's peak RSS and the graph's own size."""
    import resource

    from newsgraph.graph.export.json import write_json
    from newsgraph.graph.pipeline import build

    halves = [Path(folder) / "reuters-1.jsonl", Path(folder) / "reuters-2.jsonl"]
    if not halves[0].exists():  # the same two files for every fraction: the first half's shards serve both
        with open(REUTERS, encoding="utf-8") as f:
            lines = f.readlines()
        halves[0].write_text("".join(lines[:len(lines) // 2]), encoding="utf-8")
        halves[1].write_text("".join(lines[len(lines) // 2:]), encoding="utf-8")
        del lines
    shards = Path(folder) / "shards"
    cached = len(list(shards.glob("*.parquet"))) if shards.is_dir() else 0
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        G, records, report = build(halves[:round(fraction * 2)], scheduler=f"local:{workers}", shards=shards)
        write_json(G, Path(tmp) / "graph.json")
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # before anything else is allocated
        json_bytes = (Path(tmp) / "graph.json").stat().st_size
    shard_bytes = sum(p.stat().st_size for p in shards.glob("*.parquet"))
    evidence = sum(len(d["evidence"]) for _, _, d in G.edges(data=True))
    return {"fraction": fraction, "workers": workers, "docs": report.processed, "words": report.words,
            "from_shards": report.cached, "shards_before": cached,
            "seconds": round(seconds), "client_peak_mb": round(peak / 2**20), "graph_mb": round(_deep_size(G) / 2**20),
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "evidence": evidence,
            "graph_json_mb": round(json_bytes / 2**20), "shards_mb": round(shard_bytes / 2**20)}


def _deep_size(G) -> int:
    """Bytes of every object the graph holds (``sys.getsizeof``, each object once)."""
    seen, stack, total = set(), [G.graph, G._node, G._adj, G._pred], 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
    return total


def _client_memory_table(fractions: list[float], workers: int, folder: str) -> None:
    rows = []
    for fraction in fractions:
        done = subprocess.run([sys.executable, __file__, "--memory-one", str(fraction), str(workers), folder],
                              check=True, stdout=subprocess.PIPE, text=True)  # its errors go to stderr
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        rows[-1]["load_average"] = round(os.getloadavg()[0], 1)
        print(rows[-1], file=sys.stderr)
    print(f"Reuters-21578, client of a {workers}-worker LocalCluster\n")
    print("| fraction | docs | words | from shards | seconds | client peak RSS | graph's own memory | peak minus graph | "
          "nodes | edges | evidence | graph.json | shards | load average after |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['fraction']:.0%} | {r['docs']:,} | {r['words']:,} | {r['from_shards']:,} | {r['seconds']} | "
              f"{r['client_peak_mb']:,} MB | "
              f"{r['graph_mb']:,} MB | {r['client_peak_mb'] - r['graph_mb']:,} MB | {r['nodes']:,} | {r['edges']:,} | "
              f"{r['evidence']:,} | {r['graph_json_mb']:,} MB | {r['shards_mb']:,} MB | {r['load_average']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="articles in the BBC slice")
    parser.add_argument("--runs", nargs="+", default=RUNS, metavar="KIND:N",
                        help=f"measurements to make (default: {' '.join(RUNS)})")
    parser.add_argument("--json", help="also write the measurements here")
    parser.add_argument("--client-memory", nargs="+", type=float, metavar="FRACTION",
                        help="instead: the client's peak memory on these fractions of Reuters (local:2)")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)  # kind n path: one measurement
    parser.add_argument("--memory-dir", help="--client-memory: keep the Reuters halves and shards here "
                        "(a second run reuses the shards; default: a temporary folder)")
    parser.add_argument("--memory-one", nargs=3, help=argparse.SUPPRESS)  # fraction workers folder
    args = parser.parse_args()
    if args.memory_one:
        print(json.dumps(client_memory(float(args.memory_one[0]), int(args.memory_one[1]), args.memory_one[2])))
        return
    if args.client_memory:
        with tempfile.TemporaryDirectory() as tmp:
            _client_memory_table(args.client_memory, 2, args.memory_dir or tmp)
        return
    if args.one:
        print(json.dumps(run(args.one[0], int(args.one[1]), args.one[2])))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = _slice(args.limit, tmp)
        for kind, n in (run.split(":") for run in args.runs):
            done = subprocess.run([sys.executable, __file__, "--one", kind, n, path], check=True,
                                  capture_output=True, text=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            rows[-1]["load_average"] = round(os.getloadavg()[0], 1)
            print(rows[-1], file=sys.stderr)
    rate = {(r["kind"], r["n"]): r["words_per_second"] for r in rows}
    print(f"BBC slice: {args.limit} articles, {rows[0]['words']:,} words\n")
    print("| run | seconds | words/s | vs spaCy same N | vs local same N | load average after |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        label = f"dask {r['n']} warm" if r["kind"] == "warm" else f"{r['kind']} {r['n']}"
        spacy, local = rate.get(("spacy", r["n"])), rate.get(("local", r["n"]))
        ratios = [f"{r['words_per_second'] / x:.2f}" if x else "" for x in (spacy, local)]
        print(f"| {label} | {r['seconds']} | {r['words_per_second']:,} | {' | '.join(ratios)} | {r['load_average']} |")
    shard = [r["shard_bytes_per_1k_words"] for r in rows if "shard_bytes_per_1k_words" in r]
    if shard:
        print(f"\nShard size: {shard[-1]:,} bytes per 1,000 words")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
