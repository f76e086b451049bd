"""How much of a build writing the exports costs: each exporter's time against the whole build.

Issue 13's budget: writing every export of a 300-article BBC build takes under a tenth of the
whole build's time. The script builds a BBC slice (every 7th article, the first N) in memory
with the one build path, then writes graph.json, documents.jsonl and each export of the registry
into a fresh folder, timing each, in the same process and run.

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
        t0 = time.perf_counter()
        G, records, report = build_corpus([src], None, formats=())
        t_build = time.perf_counter() - t0
        per_format: dict[str, float] = {}
        total_best = float("inf")
        for i in range(args.repeat):
            out = Path(tmp) / f"out{i}"
            t0 = time.perf_counter()
            write_outputs(G, records, out, formats=())  # graph.json + documents.jsonl only
            base = time.perf_counter() - t0
            per_format["graph.json + documents.jsonl"] = min(per_format.get("graph.json + documents.jsonl", 1e9), base)
            t_all = base
            for name, exporter in EXPORTERS.items():
                if name == "json":
                    continue
                t0 = time.perf_counter()
                exporter.write(G, out / exporter.filename)
                dt = time.perf_counter() - t0
                per_format[name] = min(per_format.get(name, 1e9), dt)
                t_all += dt
            total_best = min(total_best, t_all)
    whole = t_build + total_best
    rows = [f"| {name} | {dt:.2f} s | {dt / whole:.1%} |" for name, dt in per_format.items()]
    table = "\n".join([
        f"BBC slice: {report.processed} documents, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
        f"build without exports {t_build:.1f} s; every export {total_best:.2f} s "
        f"= **{total_best / whole:.1%}** of the whole build ({whole:.1f} s).",
        "",
        "| export | seconds (best of %d) | share of the whole build |" % args.repeat,
        "|---|---:|---:|",
        *rows,
    ])
    print(table)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "exports.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
