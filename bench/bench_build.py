"""Build throughput and memory: raw spaCy vs ``newsgraph build``, side by side in one run.

For each corpus and process count, two measurements run one after the other, each in a fresh
Python process whose whole process tree's resident memory is sampled (peak = the largest sum
over the parent and its workers):

* ``spacy``     -- ``nlp.pipe(texts, batch_size=B, n_process=N)`` with the model and
  components newsgraph loads (``extractors.pipeline.load_model``), the Docs thrown away. The
  texts are read into memory before the clock starts; the model is loaded before it too.
* ``newsgraph`` -- ``graph.pipeline.build`` end to end (reading, extraction, resolution,
  relations, graph) with a fresh result cache, then ``graph.json``. With 1 process the model
  is loaded before the clock starts, like spaCy's; with N > 1 the workers load theirs inside it.

Words are whitespace-separated words of the documents' cleaned text (``Document.words``), the
same count for both; ``ratio`` is newsgraph words/s over spaCy words/s (wall clock), ``CPU
ratio`` the same over CPU seconds of the process and its workers, which other load on a shared
machine disturbs much less.

``--rebuild`` then times a rebuild with nothing changed (same output folder, warm cache; the
model is not loaded) against the cold newsgraph build of the same corpus.

Reuters-21578 also runs at fractions of the corpus (``--fractions``): the first 25 %, 50 %, ...
of its documents, newsgraph only, to show how time and memory grow.

Usage::

    .venv/bin/python bench/bench_build.py                      # the default set (see run_all.py)
    .venv/bin/python bench/bench_build.py --corpora sample bbc --processes 1 2 --rebuild bbc
    .venv/bin/python bench/bench_build.py --corpora bbc --limit 300 --processes 1   # quick look

Prints markdown tables; ``--json PATH`` also writes every measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "bench"
CORPORA = {
    "sample": ROOT / "corpus" / "sample",
    "bbc": DATA / "bbc_news.jsonl",
    "reuters": DATA / "reuters21578.jsonl",
}


# -- measurements, each run in its own process -----------------------------------------------


def _read(paths, limit):
    from newsgraph.corpus.document import Document
    from newsgraph.corpus.readers import read_documents

    docs = []
    for item in read_documents(paths):
        if isinstance(item, Document):
            docs.append(item)
            if limit and len(docs) >= limit:
                break
    return docs


def run_spacy(path: str, processes: int, batch_size: int, limit: int) -> dict:
    from newsgraph.extractors.pipeline import load_model

    docs = _read([path], limit)
    texts = [d.text for d in docs]
    words = sum(d.words for d in docs)
    nlp = load_model()
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    seconds = time.perf_counter() - start
    return {"docs": len(texts), "words": words, "seconds": seconds, "cpu_seconds": _cpu() - cpu,
            "components": nlp.pipe_names}


def _cpu() -> float:
    """CPU seconds of this process and its finished (reaped) worker processes."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_newsgraph(path: str, processes: int, batch_size: int, limit: int, out: str) -> dict:
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.graph.export.json import write_json
    from newsgraph.graph.pipeline import build, open_cache

    if limit:  # the first ``limit`` documents, as a JSON lines file newsgraph reads itself
        subset = Path(out) / "input.jsonl"
        with open(subset, "w", encoding="utf-8") as f:
            for d in _read([path], limit):
                f.write(json.dumps({"id": d.id, "title": None, "date": d.date, "text": d.text}) + "\n")
        path = str(subset)
    from newsgraph.graph.cache import CACHE_NAME

    extractor = Extractor(batch_size=batch_size, n_process=processes)
    if processes == 1 and not (Path(out) / CACHE_NAME).exists():
        extractor._setup()  # cold: load the model before the clock starts, as for spaCy
    start, cpu = time.perf_counter(), _cpu()
    with open_cache(out, extractor) as cache:
        G, records, report = build([path], extractor=extractor, cache=cache)
        write_json(G, Path(out) / "graph.json")
        hits, misses = cache.hits, cache.misses
    seconds = time.perf_counter() - start
    return {"docs": report.processed, "words": report.words, "seconds": seconds, "cpu_seconds": _cpu() - cpu,
            "cache_hits": hits,
            "cache_misses": misses, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "model_loaded": extractor._nlp is not None}


def _worker_main(args) -> None:
    if args.worker == "spacy":
        result = run_spacy(args.path, args.processes_one, args.batch_size, args.limit)
    else:
        result = run_newsgraph(args.path, args.processes_one, args.batch_size, args.limit, args.out)
    print("RESULT " + json.dumps(result), flush=True)


# -- the driver ----------------------------------------------------------------------------------


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        total += proc.memory_info().rss
        for child in proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


def measure(kind: str, path: Path, processes: int, batch_size: int, limit: int, out: str) -> dict:
    """Run one measurement in a fresh process; add its peak tree RSS (MB) and wall time."""
    import psutil

    cmd = [sys.executable, __file__, "--worker", kind, "--path", str(path), "--processes-one", str(processes),
           "--batch-size", str(batch_size), "--limit", str(limit), "--out", out]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    ps, peak, stop = psutil.Process(proc.pid), [0], threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss(ps))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} on {path} failed:\n{stderr[-3000:]}")
    line = next(x for x in stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result.update(kind=kind, processes=processes, peak_rss_mb=round(peak[0] / 2**20),
                  wall_seconds=round(time.perf_counter() - started, 2))
    result["words_per_second"] = round(result["words"] / result["seconds"]) if result["seconds"] else 0
    result["words_per_cpu_second"] = round(result["words"] / result["cpu_seconds"]) if result["cpu_seconds"] else 0
    return result


def _count_documents(path: Path) -> int:
    from newsgraph.graph.pipeline import count_inputs

    return count_inputs([path])


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", nargs="+", default=["sample", "bbc", "reuters"], choices=sorted(CORPORA))
    ap.add_argument("--processes", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--limit", type=int, default=0, help="Only the first N documents of each corpus.")
    ap.add_argument("--fractions", nargs="*", type=float, default=[0.25, 0.5, 1.0],
                    help="Reuters growth table: fractions of the corpus (newsgraph only).")
    ap.add_argument("--fraction-processes", type=int, default=2, help="Processes for the growth table.")
    ap.add_argument("--rebuild", nargs="*", default=["bbc"], choices=sorted(CORPORA),
                    help="Corpora whose rebuild with nothing changed is timed against the cold build.")
    ap.add_argument("--json", help="Also write every measurement to this JSON file.")
    # internal: one measurement in this process
    ap.add_argument("--worker", choices=["spacy", "newsgraph"], help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    ap.add_argument("--processes-one", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker_main(args)
        return 0

    rows, growth, rebuilds = [], [], []
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        for name in args.corpora:
            path = CORPORA[name]
            for n in args.processes:
                _log(f"{name}, {n} process(es): spaCy ...")
                raw = measure("spacy", path, n, args.batch_size, args.limit, tmp)
                out = tempfile.mkdtemp(dir=tmp)
                _log(f"{name}, {n} process(es): newsgraph ...")
                ng = measure("newsgraph", path, n, args.batch_size, args.limit, out)
                rows.append({"corpus": name, "processes": n, "spacy": raw, "newsgraph": ng})
                _log(f"  spaCy {raw['words_per_second']:,} w/s, newsgraph {ng['words_per_second']:,} w/s")
                if name in args.rebuild and n == min(args.processes):
                    _log(f"{name}: rebuild with nothing changed ...")
                    for _attempt in range(3):
                        warm = measure("newsgraph", path, n, args.batch_size, args.limit, out)
                        if not warm["cache_misses"]:
                            break
                        # the cache key holds a hash of the extractor code and data: edited meanwhile
                        _log(f"  {warm['cache_misses']} cache misses on the rebuild (extractor code or data "
                             f"changed during the run); timing the rebuild again")
                    rebuilds.append({"corpus": name, "processes": n, "cold": ng, "warm": warm})
        if "reuters" in args.corpora and args.fractions:
            total = args.limit or _count_documents(CORPORA["reuters"])
            n = args.fraction_processes
            for fraction in args.fractions:
                limit = max(1, round(total * fraction))
                existing = next((r["newsgraph"] for r in rows if r["corpus"] == "reuters" and r["processes"] == n
                                 and fraction == 1.0 and not args.limit), None)
                if existing is None:
                    _log(f"reuters {fraction:.0%}, {n} process(es): newsgraph ...")
                    existing = measure("newsgraph", CORPORA["reuters"], n, args.batch_size,
                                       limit if fraction < 1.0 or args.limit else 0, tempfile.mkdtemp(dir=tmp))
                growth.append({"fraction": fraction, "processes": n, "newsgraph": existing})

    report = render(rows, growth, rebuilds, args)
    print(report)
    if args.json:
        Path(args.json).write_text(json.dumps({"throughput": rows, "growth": growth, "rebuild": rebuilds},
                                              indent=2))
    return 0


def render(rows, growth, rebuilds, args) -> str:
    import platform

    import spacy

    lines = [f"newsgraph build benchmark, {time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} CPUs, "
             f"Python {platform.python_version()}, spaCy {spacy.__version__}, batch size {args.batch_size}"
             + (f", first {args.limit} documents per corpus" if args.limit else ""), ""]
    if rows:
        comps = ", ".join(rows[0]["spacy"].get("components", []))
        lines += [f"Throughput (words/s; components: {comps}):", "",
                  "| corpus | docs | words | procs | spaCy words/s | newsgraph words/s | ratio | CPU ratio | spaCy peak RSS | newsgraph peak RSS | N vs 1 proc (spaCy / newsgraph) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            raw, ng = r["spacy"], r["newsgraph"]
            one = next((x for x in rows if x["corpus"] == r["corpus"] and x["processes"] == 1), None)
            scale = ""
            if one is not None and r["processes"] > 1:
                scale = (f"{raw['words_per_second'] / one['spacy']['words_per_second']:.2f}x / "
                         f"{ng['words_per_second'] / one['newsgraph']['words_per_second']:.2f}x")
            lines.append(f"| {r['corpus']} | {ng['docs']:,} | {ng['words']:,} | {r['processes']} | "
                         f"{raw['words_per_second']:,} | {ng['words_per_second']:,} | "
                         f"{ng['words_per_second'] / raw['words_per_second']:.2f} | "
                         f"{ng['words_per_cpu_second'] / raw['words_per_cpu_second']:.2f} | {raw['peak_rss_mb']:,} MB | "
                         f"{ng['peak_rss_mb']:,} MB | {scale} |")
        lines.append("")
    if rebuilds:
        lines += ["Rebuild with nothing changed (warm cache) vs cold build, build + graph.json:", "",
                  "| corpus | procs | cold s | rebuild s | speed-up | rebuild, whole process s | rebuild cache hits | model loaded on rebuild |",
                  "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in rebuilds:
            cold, warm = r["cold"], r["warm"]
            lines.append(f"| {r['corpus']} | {r['processes']} | {cold['seconds']:.1f} | {warm['seconds']:.2f} | "
                         f"{cold['seconds'] / warm['seconds']:.0f}x | {warm['wall_seconds']:.1f} | "
                         f"{warm['cache_hits']:,}/{warm['docs']:,} | "
                         f"{'yes' if warm['model_loaded'] else 'no'} |")
        lines.append("")
    if growth:
        lines += [f"Reuters-21578 growth (newsgraph, {growth[0]['processes']} processes):", "",
                  "| fraction | docs | words | seconds | words/s | peak RSS | graph nodes | graph edges |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for g in growth:
            ng = g["newsgraph"]
            lines.append(f"| {g['fraction']:.0%} | {ng['docs']:,} | {ng['words']:,} | {ng['seconds']:.0f} | "
                         f"{ng['words_per_second']:,} | {ng['peak_rss_mb']:,} MB | {ng['nodes']:,} | {ng['edges']:,} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
