"""Click commands for the Neo4j exports and the embedded query engine.

``graph.cli`` registers ``export_neo4j``, ``export_cypher`` and ``export_neo4j_csv`` on its
``export`` group and ``query`` on the main group; its group turns ``NewsgraphError`` into one
line on stderr and the right exit code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from newsgraph.corpus.errors import UsageError

__all__ = ["export_neo4j", "export_cypher", "export_neo4j_csv", "query"]

_FORMATS = ["table", "json", "jsonl", "csv"]


def _read_graph(path):
    from .json import read_json

    return read_json(path)


@click.command("neo4j")
@click.argument("graph", type=click.Path(exists=True))
@click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687", show_default=True,
              help="Bolt or neo4j:// URI of the server [env NEO4J_URI].")
@click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
              help="User name [env NEO4J_USER]. The password comes from NEO4J_PASSWORD or a prompt.")
@click.option("--database", envvar="NEO4J_DATABASE", default=None,
              help="Target database (default: the user's home database) [env NEO4J_DATABASE].")
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Rows per UNWIND statement.")
@click.option("--no-auth", is_flag=True, help="Connect without credentials (server with auth disabled).")
def export_neo4j(graph, uri, user, database, batch_size, no_auth):
    """Load GRAPH (graph.json) into Neo4j over Bolt; running it again changes nothing.

    Creates the constraints and indexes, then merges documents, entities, relationships and
    their evidence sentences in batches, and prints what was created and updated.

    \b
    Example:
        export NEO4J_PASSWORD=...
        newsgraph export neo4j out/graph.json --uri bolt://localhost:7687 --user neo4j
    """
    import neo4j

    from .neo4j import load_neo4j, load_steps

    G = _read_graph(graph)
    auth = None
    if not no_auth:
        password = os.environ.get("NEO4J_PASSWORD")
        if password is None:
            password = click.prompt(f"Neo4j password for {user}", hide_input=True, err=True)
        auth = (user, password)
    total = sum(len(step.rows) for step in load_steps(G))
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10,
                                            max_transaction_retry_time=10)
    except (ValueError, neo4j.exceptions.ConfigurationError) as err:
        raise UsageError(f"Invalid --uri {uri!r}: {err}") from None
    try:
        with click.progressbar(length=total, label="Loading", file=sys.stderr, show_pos=True) as bar:
            summary = load_neo4j(G, driver, database=database, batch_size=batch_size, progress=bar.update)
    finally:
        driver.close()
    for warning in summary.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for line in summary.lines():
        click.echo(line)
    click.echo(f"Done: {summary.total_created} created, {summary.total_updated} updated, "
               f"{summary.statements} statements.")


@click.command("cypher")
@click.argument("graph", type=click.Path(exists=True))
@click.option("-o", "--out", default="graph.cypher", show_default=True, type=click.Path(dir_okay=False),
              help="Script to write.")
def export_cypher(graph, out):
    """Write GRAPH as a Cypher script for cypher-shell (safe to run again).

    \b
    Example:
        newsgraph export cypher out/graph.json -o graph.cypher
        cypher-shell -u neo4j -f graph.cypher
    """
    from .cypher import write_cypher

    path = write_cypher(_read_graph(graph), out)
    click.echo(f"Wrote {path}")


@click.command("neo4j-csv")
@click.argument("graph", type=click.Path(exists=True))
@click.option("-o", "--out", default="neo4j-import", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the CSV files, schema.cypher and README.txt.")
def export_neo4j_csv(graph, out):
    """Write GRAPH as CSV files for neo4j-admin database import (command in OUT/README.txt).

    \b
    Example:
        newsgraph export neo4j-csv out/graph.json -o neo4j-import
        cat neo4j-import/README.txt
    """
    from .neo4j_csv import write_neo4j_csv

    path = write_neo4j_csv(_read_graph(graph), out)
    click.echo(f"Wrote {path}/ (import command in {Path(path) / 'README.txt'})")


def _parse_param(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise UsageError(f"--param takes NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


@click.command("query")
@click.argument("graph", type=click.Path(exists=True))
@click.argument("cypher", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False),
              help="Run every statement of a .cypher file (e.g. docs/queries.cypher).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter ($NAME); VALUE is JSON if it parses, else a string. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True,
              help="Output format.")
def query(graph, cypher, file, params, fmt):
    """Run read-only Cypher on GRAPH with no server (embedded FalkorDB, cached).

    \b
    Example:
        newsgraph query out/graph.json "MATCH (a)-[:OFFERED_ASYLUM_TO]->(b) RETURN a.name, b.name"
        newsgraph query out/graph.json --file docs/queries.cypher
        newsgraph query out/graph.json "MATCH (n:Entity {name: \\$name}) RETURN n.type" -p name='"Russia"'
    """
    from ..cli import emit
    from ..query import run_query, split_statements

    if bool(cypher) == bool(file):
        raise UsageError("Give either a CYPHER query or --file FILE")
    parameters = dict(_parse_param(p) for p in params) or None
    if file:
        statements = split_statements(Path(file).read_text(encoding="utf-8"))
        if not statements:
            raise UsageError(f"No Cypher statement in {file!r}")
    else:
        statements = [("", cypher)]
    results = []
    for question, statement in statements:
        columns, rows = run_query(graph, statement, params=parameters)
        results.append((question, statement, columns, [dict(zip(columns, row)) for row in rows]))
    if file and fmt == "json":
        click.echo(json.dumps([{"question": q, "query": s, "columns": c, "rows": r} for q, s, c, r in results],
                              ensure_ascii=False, indent=2))
        return
    for i, (question, _, columns, rows) in enumerate(results):
        if file:
            if i:
                click.echo()
            click.echo(("# " if fmt == "csv" else "// ") + (question or f"statement {i + 1}"))
        emit(rows, fmt, columns)
