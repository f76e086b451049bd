"""Bolt load speed: newsgraph's batched loader vs a naive one-row-per-transaction MERGE loop.

Both load the same graph (default: the BBC News corpus, built once into
``.cache/bench/bbc/graph.json``) into one real FalkorDB server over Bolt, with the same indexes,
each on an emptied graph:

* ``newsgraph``  -- ``load_neo4j(G, driver, batch_size=1000)``: ``UNWIND ... MERGE`` per batch
* ``naive``      -- for every row, its own ``MERGE (n:Entity {id: ...}) SET n += {...}`` (or
  ``MATCH a, b MERGE (a)-[:TYPE]->(b) SET r += {...}``) in its own managed transaction
  (``driver.execute_query``), values as escaped literals (FalkorDB's Bolt string parameters are
  broken, see docs/neo4j.md)
* ``naive_autocommit`` -- the same statements as auto-commit queries (``session.run``): still one
  transaction per row, without the driver's BEGIN/COMMIT round trip
* ``client``     -- for reference, the same statements as newsgraph through FalkorDB's own
  Python client on its unix socket (how ``newsgraph query`` loads)

Rows are everything the model writes: documents, entities, relationships, MENTIONED_IN links,
evidence nodes and their three links. Target: newsgraph at least 20x the naive loop.
The naive loop stops after ``--naive-seconds`` (its rate is then measured on the rows done,
in load order: documents and entities first).

Usage::

    .venv/bin/python bench/bench_neo4j_load.py [--graph out/graph.json] [--batch-size 1000]
        [--naive-seconds 300] [--json bench/results/neo4j_load.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsgraph.graph.export.json import read_json  # noqa: E402
from newsgraph.graph.export.neo4j import (  # noqa: E402
    cypher_literal, fallback_index_statements, load_neo4j, load_steps, quote_label, quote_type,
    run_steps,
)
from newsgraph.graph.query import FalkorDBServer, free_port  # noqa: E402

BBC = Path("/work/shared/data/bench/bbc_news.jsonl")
DEFAULT_GRAPH = ROOT / ".cache" / "bench" / "bbc" / "graph.json"
BOLT_GRAPH = "falkordb"  # the graph FalkorDB's Bolt layer uses


def _build_bbc(out: Path) -> None:
    from newsgraph.graph.pipeline import build, write_outputs

    print(f"Building the BBC graph into {out.parent} (once) ...", file=sys.stderr)
    G, records, _ = build([str(BBC)], n_process=2)
    write_outputs(G, records, out.parent, html=False)


def _naive_statement(step, row) -> str:
    """What a hand-written loader sends for one row."""
    if not step.relationships:
        label, extra = step.target
        extra_label = f", n:{quote_label(extra)}" if extra else ""
        return (f"MERGE (n:{quote_label(label)} {{id: {cypher_literal(row['id'])}}}) "
                f"SET n += {cypher_literal(row['props'])}{extra_label}")
    start, rtype, end = step.target
    return (f"MATCH (a:{quote_label(start)} {{id: {cypher_literal(row['start'])}}}) "
            f"MATCH (b:{quote_label(end)} {{id: {cypher_literal(row['end'])}}}) "
            f"MERGE (a)-[r:{quote_type(rtype)}]->(b) SET r += {cypher_literal(row['props'])}")


def _naive(steps, execute, budget: float) -> tuple[int, float]:
    """Run one statement per row until done or out of time; (rows, seconds)."""
    done, start = 0, time.perf_counter()
    for step in steps:
        for row in step.rows:
            execute(_naive_statement(step, row))
            done += 1
            if time.perf_counter() - start > budget:
                return done, time.perf_counter() - start
    return done, time.perf_counter() - start


def _reset(server, driver) -> None:
    graph = server.client().select_graph(BOLT_GRAPH)
    if BOLT_GRAPH in server.client().list_graphs():
        graph.delete()
    for statement in fallback_index_statements():
        driver.execute_query(statement)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--naive-seconds", type=float, default=300.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    import neo4j

    if not args.graph.exists():
        if args.graph != DEFAULT_GRAPH:
            parser.error(f"no graph at {args.graph}")
        _build_bbc(args.graph)
    G = read_json(args.graph)
    steps = load_steps(G)
    total = sum(len(s.rows) for s in steps)
    print(f"Graph {args.graph}: {G.number_of_nodes()} entities, {G.number_of_edges()} relationships, "
          f"{total} rows to write", file=sys.stderr)
    results = {"graph": str(args.graph), "entities": G.number_of_nodes(), "relationships": G.number_of_edges(),
               "rows": total, "batch_size": args.batch_size}

    with FalkorDBServer(bolt_port=free_port()) as server:
        driver = neo4j.GraphDatabase.driver(server.bolt_uri, auth=None, max_connection_pool_size=1)
        try:
            _reset(server, driver)
            t = time.perf_counter()
            summary = load_neo4j(G, driver, batch_size=args.batch_size)
            seconds = time.perf_counter() - t
            assert summary.total_created == total, (summary.total_created, total)
            results["newsgraph"] = {"seconds": seconds, "rows": total, "rows_per_s": total / seconds,
                                    "statements": summary.statements}
            print(f"newsgraph: {total} rows in {seconds:.1f} s", file=sys.stderr)

            with driver.session() as session:
                naive_runs = (("naive", lambda q: driver.execute_query(q)),
                              ("naive_autocommit", lambda q: session.run(q).consume()))
                for name, execute in naive_runs:
                    _reset(server, driver)
                    done, seconds = _naive(steps, execute, args.naive_seconds)
                    results[name] = {"seconds": seconds, "rows": done, "rows_per_s": done / seconds,
                                     "complete": done == total}
                    print(f"{name}: {done} rows in {seconds:.1f} s", file=sys.stderr)
        finally:
            driver.close()

    with FalkorDBServer() as server:
        graph = server.client().select_graph("bench")
        for statement in fallback_index_statements():
            graph.query(statement)

        def run(query, params):
            result = graph.query(query, params)
            return (result.result_set[0][0] if result.result_set else 0, int(result.nodes_created),
                    int(result.relationships_created))

        t = time.perf_counter()
        run_steps(steps, run, batch_size=args.batch_size)
        seconds = time.perf_counter() - t
        results["client"] = {"seconds": seconds, "rows": total, "rows_per_s": total / seconds}

    ratio = results["newsgraph"]["rows_per_s"] / results["naive"]["rows_per_s"]
    results["ratio"] = ratio
    results["ratio_autocommit"] = results["newsgraph"]["rows_per_s"] / results["naive_autocommit"]["rows_per_s"]
    print(f"\nGraph: {args.graph} ({results['entities']} entities, {results['relationships']} relationships, "
          f"{total} rows)\n")
    print("| loader | rows | seconds | rows/s |")
    print("|---|---:|---:|---:|")
    for name, label in (("newsgraph", f"newsgraph load_neo4j, Bolt, batch {args.batch_size}"),
                        ("naive", "naive: one row per managed transaction (execute_query), Bolt"),
                        ("naive_autocommit", "naive: one row per auto-commit statement (session.run), Bolt"),
                        ("client", f"same statements, falkordb client, unix socket, batch {args.batch_size}")):
        r = results[name]
        partial = "" if r.get("complete", True) else " (partial)"
        print(f"| {label} | {r['rows']}{partial} | {r['seconds']:.1f} | {r['rows_per_s']:,.0f} |")
    print(f"\nnewsgraph / naive: {ratio:.1f}x (target >= 20x); "
          f"newsgraph / naive auto-commit: {results['ratio_autocommit']:.1f}x")
    print("FalkorDB's Bolt layer spends ~45 ms on every explicit transaction (BEGIN/COMMIT) and "
          "~0.3 ms on an auto-commit statement; the naive loop's rate is mostly that cost.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if ratio >= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
