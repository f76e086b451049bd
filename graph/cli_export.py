"""The ``newsgraph export`` commands: Neo4j over Bolt, a Cypher script, neo4j-admin CSVs.

:mod:`newsgraph.graph.cli` adds :data:`EXPORT_COMMANDS` to its ``export`` group, whose parent
group turns ``NewsgraphError`` into one line on stderr and the right exit code. This module
imports nothing from the CLI (no import cycle).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from newsgraph.corpus.errors import ExportError, NewsgraphError, UsageError

__all__ = ["EXPORT_COMMANDS", "export_neo4j", "export_cypher", "export_neo4j_csv"]


def _read_graph(path):
    from .export.json import read_json

    return read_json(path)


#: URI schemes of the Bolt protocol (the neo4j driver's http(s) mode needs aiohttp and another API).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Seconds to wait before each retry of a load (then the last value again).
RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0)


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
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 100),
              help="Load again this many times after a transient error (connection lost or server busy "
                   "once connected); the load is idempotent. A server that cannot be reached fails at once.")
def export_neo4j(graph, uri, user, database, batch_size, no_auth, retries):
    """Load GRAPH (graph.json) into Neo4j over Bolt; running it again changes nothing.

    Creates the constraints and indexes, then merges documents, entities, relationships and
    their evidence sentences in batches, and prints what was created and updated.

    \b
    Example:
        export NEO4J_PASSWORD=...
        newsgraph export neo4j out/graph.json --uri bolt://localhost:7687 --user neo4j
    """
    G = _read_graph(graph)
    uri, uri_user, secret = _split_uri(uri)
    auth = None
    if not no_auth:
        password = secret if secret is not None else os.environ.get("NEO4J_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UsageError("No Neo4j password: set NEO4J_PASSWORD (there is no terminal to ask on), "
                                 "or add --no-auth for a server without authentication")
            password = click.prompt(f"Neo4j password for {uri_user or user}", hide_input=True, err=True)
        auth = (uri_user or user, password)
        secret = password
    try:
        summary = _load(G, uri, auth, database=database, batch_size=batch_size, retries=retries)
    except NewsgraphError as err:
        if secret:  # never echo a password, whatever the server or driver put in the message
            raise type(err)(str(err).replace(secret, "***")) from None
        raise
    for warning in summary.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for line in summary.lines():
        click.echo(line)
    click.echo(f"Done: {summary.total_created} created, {summary.total_updated} updated, "
               f"{summary.statements} statements.")


def _split_uri(uri: str) -> tuple[str, str | None, str | None]:
    """``(uri without user info, user, password)``; refuses schemes other than Bolt's.

    >>> _split_uri("bolt://neo4j:secret@db.example:7687")
    ('bolt://db.example:7687', 'neo4j', 'secret')
    >>> _split_uri("neo4j+s://db.example")
    ('neo4j+s://db.example', None, None)
    """
    from urllib.parse import unquote, urlsplit, urlunsplit

    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise UsageError(f"Invalid --uri {_redact(uri)!r}: not a URI like bolt://localhost:7687") from None
    if parts.scheme not in BOLT_SCHEMES:
        hint = " (Neo4j's HTTP API is not supported)" if parts.scheme in ("http", "https") else ""
        raise UsageError(f"--uri must use Bolt: {', '.join(s + '://' for s in BOLT_SCHEMES)}; "
                         f"got {parts.scheme + '://' if parts.scheme else _redact(uri)!r}{hint}")
    if not parts.hostname:
        raise UsageError(f"Invalid --uri {_redact(uri)!r}: no host")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    return urlunsplit(parts._replace(netloc=netloc)), user, password


def _redact(uri: str) -> str:
    """The URI with any user info replaced: ``bolt://***@host``."""
    scheme, sep, rest = uri.partition("://")
    if sep and "@" in rest.split("/")[0]:
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return uri


def _load(G, uri: str, auth, *, database, batch_size: int, retries: int):
    """Connect once (failing fast, one line), then load, again after a transient error."""
    import logging

    import neo4j

    from .export.neo4j import load_neo4j, load_steps

    # the driver's own retry warnings are multi-line; this command says what it retries
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10, connection_acquisition_timeout=20,
                                            max_transaction_retry_time=0)
    except (ValueError, neo4j.exceptions.ConfigurationError) as err:
        raise UsageError(f"Invalid --uri {uri!r}: {str(err).splitlines()[0]}") from None
    total = sum(len(step.rows) for step in load_steps(G))
    try:
        _connect(driver, uri, auth)
        for attempt in range(retries + 1):
            try:
                with click.progressbar(length=total, label="Loading", file=sys.stderr, show_pos=True) as bar:
                    return load_neo4j(G, driver, database=database, batch_size=batch_size, progress=bar.update)
            except NewsgraphError as err:
                cause = err.__context__  # the driver's error behind the one-line message
                if attempt == retries or not _transient(cause):
                    raise
                delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]
                click.echo(f"Warning: {_first_line(cause)}; loading again in {delay:g} s "
                           f"(retry {attempt + 1} of {retries})", err=True)
                time.sleep(delay)
    finally:
        driver.close()


def _connect(driver, uri: str, auth) -> None:
    """Open one connection, with no retry: an unreachable server is one line at once."""
    from neo4j import exceptions as ne

    try:
        driver.verify_connectivity()
    except ne.AuthError:
        raise UsageError("Neo4j refused the user name or password (check --user and NEO4J_PASSWORD)") from None
    except ne.ServiceUnavailable as err:
        refused = "refused" in str(err) or "resolve" in str(err).lower()
        hint = ("Is it running, and is --uri right?" if refused or auth is None else
                "If it runs without authentication, unset NEO4J_PASSWORD or add --no-auth.")
        raise ExportError(f"Cannot reach a Neo4j server at {uri}: {_first_line(err)}. {hint}") from None
    except (ne.Neo4jError, ne.DriverError) as err:
        if auth is not None:
            raise ExportError(f"The server at {uri} rejected the connection with credentials "
                              f"({_first_line(err)}); if it runs without authentication, unset "
                              "NEO4J_PASSWORD or add --no-auth") from None
        raise ExportError(f"Cannot connect to {uri}: {_first_line(err)}") from None


def _transient(err) -> bool:
    """Whether a driver error may pass on a retry (connection lost, server busy or restarting)."""
    from neo4j import exceptions as ne

    if isinstance(err, (ne.ServiceUnavailable, ne.SessionExpired, ne.TransientError, ne.IncompleteCommit)):
        return True
    return bool(getattr(err, "is_retryable", lambda: False)())


def _first_line(err) -> str:
    text = getattr(err, "message", None) or str(err)
    return (text.strip().splitlines() or [type(err).__name__])[0].rstrip(":")


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
