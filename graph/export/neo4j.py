"""Neo4j export: the Cypher that merges the rows of :mod:`graph.export.neo4j_rows`, and the Bolt loader.

The model (docs/neo4j.md has the diagram)::

    (:Entity:Person {id, name, type, aliases, alias_counts, mentions, docs, titles, iso3, ...})
    (:Entity)-[:OFFERED_ASYLUM_TO {rel_id, label, family, status, weight, ...}]->(:Entity)
    (:Entity)-[:MENTIONED_IN {count}]->(:Document {id, title, date: a date, outlet, url})
    (:Evidence {id, rel_id, type, subject, object, doc, sentence, start, end, trigger, status, ...})
    (:Evidence)-[:IN]->(:Document), (:Evidence)-[:SUBJECT]->(:Entity), (:Evidence)-[:OBJECT]->(:Entity)
    (:Evidence)-[:ACCORDING_TO]->(:Entity), (:Evidence)-[:PART_OF]->(:Event {id, doc, sentence, date, ...})
    (:Event)-[:SUBJECT|OBJECT|CHANNEL|LOCATION]->(:Entity), (:Event)-[:IN]->(:Document)
    (:Document)-[:PUBLISHED_BY]->(:Outlet {id, name})

Provenance rows (events, outlets, sources, distinct counts) come from
:mod:`graph.export.neo4j_provenance`.

Every relationship carries ``rel_id``; its evidence sentences are the ``Evidence`` nodes with
the same ``rel_id``. The same rows and statements feed the Bolt loader (:func:`load_neo4j`),
the ``cypher-shell`` script (:mod:`graph.export.cypher`), the embedded engine
(:mod:`graph.query`) and, through :func:`to_rows`, the neo4j-admin CSVs
(:mod:`graph.export.neo4j_csv`).

Dates (``date``, ``first_seen``, ``last_seen``: :data:`DATE_KEYS`) are Neo4j dates: the rows hold
:class:`datetime.date` values, which the driver sends as dates and :func:`cypher_literal` writes
as ``date('2026-01-03')``.

Labels and relationship types cannot be query parameters: they are checked against
``^[A-Z][A-Za-z0-9_]*$`` (labels) and ``^[A-Z][A-Z0-9_]*$`` (types) and quoted with backticks.
Every value is a parameter, or, for servers that mangle string parameters (FalkorDB's Bolt
layer) and for the script, a Cypher literal escaped by :func:`cypher_literal`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from newsgraph.corpus.errors import ExportError, UsageError

from .neo4j_rows import (  # noqa: F401  (re-exported: the model and rows are part of this module's API)
    ACCORDING_TO, DATE_KEYS, DOCUMENT, ENTITY, EVENT, EVIDENCE, IN, MENTIONED_IN, MODEL_VERSION, OBJECT, OUTLET,
    PART_OF, PUBLISHED_BY, SUBJECT, as_date, cypher_literal, evidence_id, quote_label, quote_type, rel_id, to_rows,
)
from .neo4j_provenance import ROLE_TYPES

__all__ = [
    "ENTITY",
    "DOCUMENT",
    "EVIDENCE",
    "MENTIONED_IN",
    "IN",
    "SUBJECT",
    "OBJECT",
    "EVENT",
    "OUTLET",
    "PART_OF",
    "PUBLISHED_BY",
    "ACCORDING_TO",
    "MODEL_VERSION",
    "DATE_KEYS",
    "Step",
    "LoadSummary",
    "quote_label",
    "quote_type",
    "cypher_literal",
    "as_date",
    "rel_id",
    "evidence_id",
    "to_rows",
    "schema_statements",
    "fallback_index_statements",
    "merge_nodes_query",
    "merge_relationships_query",
    "load_steps",
    "run_steps",
    "load_neo4j",
]

log = logging.getLogger(__name__)

# A string that survives a correct Bolt parameter round trip unchanged; FalkorDB returns "'".
_PARAM_PROBE = "\\'"

# ---------------------------------------------------------------------------------------------
# Statements
# ---------------------------------------------------------------------------------------------

def schema_statements() -> list[str]:
    """Neo4j 5 constraints and indexes, safe to run again (``IF NOT EXISTS``).

    Examples
    --------
    >>> schema_statements()[0]
    'CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE'
    """
    unique = [(ENTITY, "entity"), (DOCUMENT, "document"), (EVIDENCE, "evidence"), (EVENT, "event"),
              (OUTLET, "outlet")]
    out = [f"CREATE CONSTRAINT newsgraph_{name}_id IF NOT EXISTS FOR (n:{quote_label(label)}) "
           "REQUIRE n.id IS UNIQUE" for label, name in unique]
    out += [
        f"CREATE INDEX newsgraph_entity_name IF NOT EXISTS FOR (n:{quote_label(ENTITY)}) ON (n.name)",
        f"CREATE INDEX newsgraph_evidence_rel_id IF NOT EXISTS FOR (n:{quote_label(EVIDENCE)}) "
        "ON (n.rel_id)",
    ]
    return out


_INDEXED = [(ENTITY, "id"), (DOCUMENT, "id"), (EVIDENCE, "id"), (EVENT, "id"), (OUTLET, "id"), (ENTITY, "name"),
            (EVIDENCE, "rel_id")]


def fallback_index_statements(existing: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Plain ``CREATE INDEX`` statements for servers without Neo4j 5 schema syntax (FalkorDB).

    Parameters
    ----------
    existing : iterable of (label, property)
        Indexes the server already has; they are left out.

    Examples
    --------
    >>> fallback_index_statements([("Entity", "id")])[0]
    'CREATE INDEX FOR (n:`Document`) ON (n.id)'
    """
    have = set(existing)
    return [f"CREATE INDEX FOR (n:{quote_label(label)}) ON (n.{prop})"
            for label, prop in _INDEXED if (label, prop) not in have]


def merge_nodes_query(label: str, *, extra_label: str | None = None, props: bool = True,
                      rows: str = "$rows") -> str:
    """``UNWIND rows MERGE`` nodes on ``id``, setting properties only where they changed.

    Rows are ``{"id", "props"}``. The query returns ``changed``: how many nodes got new
    property values or the extra label (new nodes included).

    Parameters
    ----------
    label : str
        The label whose ``id`` is unique (``Entity``, ``Document``, ``Evidence``).
    extra_label : str, optional
        A second label to add (the entity type).
    props : bool
        False for rows without properties (the query only merges).
    rows : str
        The Cypher expression of the rows: ``$rows`` or a literal list.

    Examples
    --------
    >>> print(merge_nodes_query("Entity", extra_label="Person"))
    UNWIND $rows AS row
    MERGE (n:`Entity` {id: row.id})
    WITH n, row WHERE NOT n:`Person` OR any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])
    SET n += row.props, n:`Person`
    RETURN count(n) AS changed
    """
    lines = [f"UNWIND {rows} AS row", f"MERGE (n:{quote_label(label)} {{id: row.id}})"]
    changed = "any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])"
    sets = ["n += row.props"]
    if extra_label is not None:
        extra = quote_label(extra_label)
        changed = f"NOT n:{extra} OR {changed}" if props else f"NOT n:{extra}"
        sets = sets + [f"n:{extra}"] if props else [f"n:{extra}"]
    elif not props:
        return "\n".join(lines + ["RETURN 0 AS changed"])
    lines += [f"WITH n, row WHERE {changed}", "SET " + ", ".join(sets), "RETURN count(n) AS changed"]
    return "\n".join(lines)


def merge_relationships_query(start_label: str, rtype: str, end_label: str, *, props: bool = True,
                              rows: str = "$rows") -> str:
    """``UNWIND rows MERGE`` relationships between nodes found by ``id``.

    Rows are ``{"start", "end", "props"}``; there is at most one relationship of a type
    between two nodes. Returns ``changed`` as :func:`merge_nodes_query` does.

    Examples
    --------
    >>> print(merge_relationships_query("Entity", "OFFERED_ASYLUM_TO", "Entity"))
    UNWIND $rows AS row
    MATCH (a:`Entity` {id: row.start})
    MATCH (b:`Entity` {id: row.end})
    MERGE (a)-[r:`OFFERED_ASYLUM_TO`]->(b)
    WITH r, row WHERE any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])
    SET r += row.props
    RETURN count(r) AS changed
    """
    lines = [f"UNWIND {rows} AS row",
             f"MATCH (a:{quote_label(start_label)} {{id: row.start}})",
             f"MATCH (b:{quote_label(end_label)} {{id: row.end}})",
             f"MERGE (a)-[r:{quote_type(rtype)}]->(b)"]
    if not props:
        return "\n".join(lines + ["RETURN 0 AS changed"])
    lines += ["WITH r, row WHERE any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])",
              "SET r += row.props", "RETURN count(r) AS changed"]
    return "\n".join(lines)


@dataclass(frozen=True)
class Step:
    """One load statement and its rows. ``build(rows_expr)`` gives the Cypher text.

    ``target`` is ``(label, extra_label or None)`` for nodes and ``(start_label, TYPE,
    end_label)`` for relationships.
    """

    kind: str
    build: Callable[[str], str]
    rows: list
    has_props: bool
    relationships: bool
    target: tuple

    @property
    def query(self) -> str:
        """The statement with ``$rows`` as parameter."""
        return self.build("$rows")


def _node_steps(kind, rows, label, extra_label=None) -> Iterator[Step]:
    for subset, props in _by_props(rows):
        yield Step(kind, lambda e, p=props: merge_nodes_query(label, extra_label=extra_label, props=p, rows=e),
                   subset, props, False, (label, extra_label))


def _relationship_steps(kind, rows, start, rtype, end) -> Iterator[Step]:
    for subset, props in _by_props(rows):
        yield Step(kind, lambda e, p=props: merge_relationships_query(start, rtype, end, props=p, rows=e),
                   subset, props, True, (start, rtype, end))


def _by_props(rows):
    # Rows with and without properties take different statements, so that "changed" counts
    # exactly the rows whose properties were written.
    with_props = [r for r in rows if r.get("props")]
    without = [r for r in rows if not r.get("props")]
    return [(subset, has) for subset, has in ((with_props, True), (without, False)) if subset]


def load_steps(G_or_rows) -> list[Step]:
    """The statements, in order, that load a graph (or the rows of :func:`to_rows`).

    Documents and entities first, then relationships, mentions, evidence and its links, so
    that every ``MATCH`` finds its nodes.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("state:RUS", name="Russia", type="State")
    >>> [(s.kind, len(s.rows)) for s in load_steps(G)]
    [('entities', 1)]
    """
    rows = to_rows(G_or_rows) if isinstance(G_or_rows, nx.Graph) else G_or_rows
    steps: list[Step] = []
    steps += _node_steps("documents", rows["documents"], DOCUMENT)
    steps += _node_steps("outlets", rows["outlets"], OUTLET)
    steps += _relationship_steps("published_by", rows["published_by"], DOCUMENT, PUBLISHED_BY, OUTLET)
    for label, group in sorted(rows["entities"].items()):
        steps += _node_steps("entities", group, ENTITY, label)
    for rtype, group in sorted(rows["relationships"].items()):
        steps += _relationship_steps("relationships", group, ENTITY, rtype, ENTITY)
    steps += _relationship_steps("mentions", rows["mentions"], ENTITY, MENTIONED_IN, DOCUMENT)
    steps += _node_steps("evidence", rows["evidence"], EVIDENCE)
    for key, rtype, end in (("evidence_in", IN, DOCUMENT), ("evidence_subject", SUBJECT, ENTITY),
                            ("evidence_object", OBJECT, ENTITY)):
        steps += _relationship_steps("evidence_links", rows[key], EVIDENCE, rtype, end)
    steps += _relationship_steps("evidence_links", rows["according_to"], EVIDENCE, ACCORDING_TO, ENTITY)
    steps += _node_steps("events", rows["events"], EVENT)
    steps += _relationship_steps("event_links", rows["event_in"], EVENT, IN, DOCUMENT)
    steps += _relationship_steps("event_links", rows["part_of"], EVIDENCE, PART_OF, EVENT)
    for rtype in ROLE_TYPES:
        steps += _relationship_steps("event_links", [r for r in rows["event_roles"] if r["type"] == rtype],
                                     EVENT, rtype, ENTITY)
    return steps


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

KINDS = ("documents", "outlets", "published_by", "entities", "relationships", "mentions", "evidence",
         "evidence_links", "events", "event_links")


@dataclass
class LoadSummary:
    """What a load did, per kind of row (:data:`KINDS`: documents, outlets, published_by, entities,
    relationships, mentions, evidence, evidence_links, events, event_links)."""

    rows: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    created: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    statements: int = 0
    inline_values: bool = False
    warnings: list = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())

    def lines(self) -> list[str]:
        """A short human summary, one line per kind."""
        return [f"{kind:15} {self.rows[kind]:>8} rows  {self.created[kind]:>8} created  "
                f"{self.updated[kind]:>8} updated" for kind in KINDS]


# run(query, params) -> (changed, nodes_created, relationships_created)
Runner = Callable[[str, "dict | None"], "tuple[int, int, int]"]


def _batched(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def run_steps(steps: list[Step], run: Runner, *, batch_size: int = 1000, inline_values: bool = False,
              progress: Callable[[int], None] | None = None, summary: LoadSummary | None = None
              ) -> LoadSummary:
    """Run load statements batch by batch through ``run`` and count what changed.

    Parameters
    ----------
    steps : list of Step
        From :func:`load_steps`.
    run : callable
        ``run(query, params) -> (changed, nodes_created, relationships_created)``: one
        statement in its own (managed) transaction.
    batch_size : int
        Rows per statement.
    inline_values : bool
        Write the rows into the statement as escaped literals instead of the ``$rows``
        parameter (for servers whose string parameters are broken).
    progress : callable, optional
        Called with the number of rows after each batch.
    summary : LoadSummary, optional
        Accumulate into this summary.
    """
    if batch_size < 1:
        raise UsageError(f"batch size must be at least 1, got {batch_size}")
    summary = summary or LoadSummary()
    summary.inline_values = inline_values
    for step in steps:
        summary.rows[step.kind] += len(step.rows)
        for batch in _batched(step.rows, batch_size):
            if inline_values:
                changed, nodes, rels = run(step.build(cypher_literal(batch)), None)
            else:
                changed, nodes, rels = run(step.query, {"rows": batch})
            created = rels if step.relationships else nodes
            summary.created[step.kind] += created
            if step.has_props:
                summary.updated[step.kind] += max(0, changed - created)
            summary.statements += 1
            if progress is not None:
                progress(len(batch))
    return summary


def _bolt_runner(driver, database):
    def run(query, params):
        records, result_summary, _ = driver.execute_query(query, parameters_=params, database_=database)
        c = result_summary.counters
        changed = records[0]["changed"] if records and "changed" in records[0].keys() else 0
        return changed, c.nodes_created, c.relationships_created
    return run


def _translate(err: Exception, *, database: str | None) -> Exception | None:
    """A newsgraph error for connection problems, else None."""
    from neo4j import exceptions as ne

    if isinstance(err, ne.AuthError):
        return UsageError("Neo4j refused the user name or password (check --user and NEO4J_PASSWORD)")
    if isinstance(err, ne.ServiceUnavailable):
        return ExportError(f"Cannot reach the Neo4j server: {err}. Is it running, and is --uri right?")
    code = getattr(err, "code", None) or ""
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return UsageError(f"Database {database!r} does not exist on this server (check --database)")
    if isinstance(err, ne.DriverError) and not isinstance(err, ne.Neo4jError):
        return ExportError(f"Neo4j driver error: {err}")
    return None


def _create_schema(run_raw, summary: LoadSummary) -> None:
    """Neo4j 5 schema; else plain indexes (FalkorDB); else skip with a warning."""
    from neo4j.exceptions import Neo4jError

    statements = schema_statements()
    try:
        run_raw(statements[0])
    except Neo4jError as err:
        if _translate(err, database=None) is not None:
            raise
        first_error = getattr(err, "message", None) or str(err)
    else:
        for statement in statements[1:]:
            run_raw(statement)
        return
    try:
        records = run_raw("CALL db.indexes() YIELD label, properties RETURN label, properties")
        existing = [(r["label"], p) for r in records for p in (r["properties"] or [])]
    except Neo4jError:
        existing = []
    for statement in fallback_index_statements(existing):
        try:
            run_raw(statement)
        except Neo4jError:
            msg = (f"The server rejected the Neo4j 5 schema ({first_error}) and {statement!r}; "
                   "loading without this index")
            summary.warnings.append(msg)
            log.warning(msg)
    if not summary.warnings:
        msg = "The server has no Neo4j 5 constraints; created plain indexes instead"
        summary.warnings.append(msg)
        log.info(msg)


def load_neo4j(G: nx.MultiDiGraph, driver, *, database: str | None = None, batch_size: int = 1000,
               progress: Callable[[int], None] | None = None, inline_values: bool | None = None
               ) -> LoadSummary:
    """Load a graph into Neo4j over Bolt, idempotently.

    Creates constraints and indexes first, then merges documents, entities, relationships,
    mentions and evidence with one ``UNWIND $rows ... MERGE`` statement per batch, each in
    a managed transaction (``driver.execute_query``, which retries transient errors).
    Running it again changes nothing; loading a bigger graph later adds what is new.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A newsgraph graph.
    driver : neo4j.Driver
        An open driver; the caller owns and closes it.
    database : str, optional
        Target database (default: the user's home database).
    batch_size : int
        Rows per statement.
    progress : callable, optional
        Called with the number of rows written after each batch.
    inline_values : bool, optional
        Send values as escaped literals inside the statement instead of parameters. By
        default (None) this is decided by a probe: only a server that changes a string
        parameter on its way back (FalkorDB's Bolt layer does) gets literals.

    Returns
    -------
    LoadSummary
        Rows, created and updated counts per kind, and schema warnings.

    Raises
    ------
    UsageError
        Wrong user or password, missing database, bad batch size.
    ExportError
        Server unreachable, or a statement failed.
    """
    from neo4j.exceptions import DriverError, Neo4jError

    if batch_size < 1:
        raise UsageError(f"batch size must be at least 1, got {batch_size}")
    steps = load_steps(G)
    summary = LoadSummary()

    def run_raw(query, params=None):
        records, _, _ = driver.execute_query(query, parameters_=params, database_=database)
        return records

    try:
        if inline_values is None:
            echoed = run_raw("RETURN $probe AS probe", {"probe": _PARAM_PROBE})[0]["probe"]
            inline_values = echoed != _PARAM_PROBE
            if inline_values:
                log.info("The server changes string parameters; sending escaped literals instead")
        _create_schema(run_raw, summary)
        run_steps(steps, _bolt_runner(driver, database), batch_size=batch_size,
                  inline_values=inline_values, progress=progress, summary=summary)
    except (DriverError, Neo4jError) as err:
        translated = _translate(err, database=database)
        if translated is not None:
            raise translated from None
        message = getattr(err, "message", None) or str(err)
        raise ExportError(f"Neo4j failed while loading the graph: {message}") from None
    return summary
