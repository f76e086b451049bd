"""The ``newsgraph export`` commands: Neo4j over Bolt, a Cypher script, neo4j-admin CSVs.

:mod:`newsgraph.graph.cli` adds :data:`EXPORT_COMMANDS` to its ``export`` group, whose parent
group turns ``NewsgraphError`` into one line on stderr and the right exit code. This module
imports nothing from the CLI (no import cycle).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from newsgraph.corpus.errors import UsageError

__all__ = ["EXPORT_COMMANDS", "export_neo4j", "export_cypher", "export_neo4j_csv"]


def _read_graph(path):
    from .export.json import read_json

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

    from .export.neo4j import load_neo4j, load_steps

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
    from .export.cypher import write_cypher

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
    from .export.atomic import atomic_path
    from .export.neo4j_csv import write_neo4j_csv

    G = _read_graph(graph)
    with atomic_path(out) as tmp:
        write_neo4j_csv(G, tmp)
    path = Path(out)
    click.echo(f"Wrote {path}/ (import command in {Path(path) / 'README.txt'})")


#: The subcommands of ``newsgraph export``, in help order.
EXPORT_COMMANDS = (export_neo4j, export_cypher, export_neo4j_csv)
