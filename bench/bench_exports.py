"""How much of a build writing the exports costs: each exporter's time against the whole build.

Issue 13's budget: writing every export of a 300-article BBC build takes under a tenth of the
whole build's time. The script builds a BBC slice (every 7th article, the first N) in memory
with the one build path, then writes graph.json, documents.jsonl and each export of the registry
into a fresh folder, timing each, in the same process and run. Wall-clock and process CPU time
are both reported: on a machine shared with other jobs, CPU time is the steadier figure.

    .venv/bin/python bench/bench_exports.py [--limit 300] [--repeat 3]

Prints a markdown table and writes bench/results/exports.md.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _shared() -> Path:
    for parent in HERE.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    raise SystemExit("bench_exports: ../shared/data not found beside the repository")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="export writes to time (the best is kept)")
    args = ap.parse_args()

    from newsgraph.graph.export import EXPORTERS
    from newsgraph.graph.pipeline import build_corpus, write_outputs

    lines = (_shared() / "bench" / "bbc_news.jsonl").read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bbc.jsonl"
        src.write_text("\n".join(lines[::7][: args.limit]) + "\n", encoding="utf-8")
        t0, c0 = time.perf_counter(), time.process_time()
        G, records, report = build_corpus([src], None, formats=())
        t_build, c_build = time.perf_counter() - t0, time.process_time() - c0
        wall: dict[str, float] = {}
        cpu: dict[str, float] = {}
        total_wall = total_cpu = float("inf")

        def timed(name, write):
            t0, c0 = time.perf_counter(), time.process_time()
            write()
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            wall[name], cpu[name] = min(wall.get(name, 1e9), dt), min(cpu.get(name, 1e9), dc)
            return dt, dc

        for i in range(args.repeat):
            out = Path(tmp) / f"out{i}"
            # graph.json + documents.jsonl only, as every build writes them
            sums = [timed("graph.json + documents.jsonl", lambda: write_outputs(G, records, out, formats=()))]
            for name, exporter in EXPORTERS.items():
                if name != "json":
                    sums.append(timed(name, lambda e=exporter: e.write(G, out / e.filename)))
            total_wall = min(total_wall, sum(dt for dt, _ in sums))
            total_cpu = min(total_cpu, sum(dc for _, dc in sums))
    whole, whole_cpu = t_build + total_wall, c_build + total_cpu
    rows = [f"| {name} | {wall[name]:.2f} s | {wall[name] / whole:.1%} | {cpu[name]:.2f} s | {cpu[name] / whole_cpu:.1%} |"
            for name in wall]
    table = "\n".join([
        f"BBC slice: {report.processed} documents, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
        f"build without exports {t_build:.1f} s; every export {total_wall:.2f} s "
        f"= **{total_wall / whole:.1%}** of the whole build ({whole:.1f} s). "
        f"In process CPU time (steadier on a shared machine): build {c_build:.1f} s, exports {total_cpu:.2f} s "
        f"= **{total_cpu / whole_cpu:.1%}**.",
        "",
        f"| export | seconds (best of {args.repeat}) | share of the whole build | CPU seconds | CPU share |",
        "|---|---:|---:|---:|---:|",
        *rows,
    ])
    print(table)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "exports.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
