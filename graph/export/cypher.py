"""graph.cypher: one script for ``cypher-shell -f`` with the same result as the Bolt load.

The script holds the Neo4j 5 schema statements, then the loader's own ``UNWIND ... MERGE``
statements (:func:`graph.export.neo4j.load_steps`) with the rows written in as escaped
Cypher literals (:func:`graph.export.neo4j.cypher_literal`). Every statement merges, so the
script can run on an empty database or again on one that has the graph.

Each statement ends with ``;`` at the end of a line; string literals never contain a raw
line break (they are escaped), so the script splits safely on lines ending with ``;``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import ExportError, UsageError

from . import register_exporter
from .atomic import atomic_path
from .neo4j import MODEL_VERSION, cypher_literal, load_steps, schema_statements

__all__ = ["cypher_statements", "to_cypher", "write_cypher"]

_HEADER = f"""\
// newsgraph knowledge graph for Neo4j 5 ({MODEL_VERSION}; model described in docs/neo4j.md)
// Run:  cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f graph.cypher
// Safe to run again: constraints use IF NOT EXISTS and every statement MERGEs.
"""


def cypher_statements(G: nx.MultiDiGraph, *, batch_size: int = 500, schema: bool = True) -> Iterator[str]:
    """The script's statements, without their final ``;``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A newsgraph graph.
    batch_size : int
        Rows written into each ``UNWIND`` statement.
    schema : bool
        Start with the Neo4j 5 constraint and index statements.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("state:RUS", name="Russia's \\\\ 'state'", type="State")
    >>> print(list(cypher_statements(G, schema=False))[0])
    UNWIND [
    {id: 'state:RUS', props: {name: 'Russia\\'s \\\\ \\'state\\'', type: 'State'}}
    ] AS row
    MERGE (n:`Entity` {id: row.id})
    WITH n, row WHERE NOT n:`State` OR any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])
    SET n += row.props, n:`State`
    RETURN count(n) AS changed
    """
    if batch_size < 1:
        raise UsageError(f"batch size must be at least 1, got {batch_size}")
    if schema:
        yield from schema_statements()
    for step in load_steps(G):
        for i in range(0, len(step.rows), batch_size):
            rows = "[\n" + ",\n".join(cypher_literal(r) for r in step.rows[i:i + batch_size]) + "\n]"
            yield step.build(rows)


def to_cypher(G: nx.MultiDiGraph, *, batch_size: int = 500) -> str:
    """The whole ``cypher-shell`` script as a string.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("state:RUS", name="Russia", type="State")
    >>> script = to_cypher(G)
    >>> script.count(";\\n"), script.splitlines()[4]
    (8, 'CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE;')
    """
    return _HEADER + "\n" + "".join(s + ";\n" for s in cypher_statements(G, batch_size=batch_size))


def write_cypher(G: nx.MultiDiGraph, path: str | os.PathLike, *, batch_size: int = 500) -> Path:
    """Write :func:`to_cypher` to ``path`` (UTF-8, atomically) and return the path."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(_HEADER + "\n")
            for statement in cypher_statements(G, batch_size=batch_size):
                f.write(statement + ";\n")
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None
    return path


register_exporter("cypher", filename="graph.cypher", write=write_cypher,
                  description="Cypher script for cypher-shell -f (Neo4j)")
