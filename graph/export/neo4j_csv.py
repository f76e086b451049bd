"""CSV files for ``neo4j-admin database import full``, with the same model as the Bolt load.

Files (one header row each; RFC 4180 quoting: strings always in double quotes, ``""`` inside;
absent values are empty unquoted fields; line breaks inside quotes, hence
``--multiline-fields=true``)::

    documents.csv          id:ID(Document), :LABEL, title, date:date, outlet, url
    outlets.csv            id:ID(Outlet), :LABEL, name
    entities.csv           id:ID(Entity), :LABEL (Entity + type), name, aliases:string[], mentions:long, ...
    evidence.csv           id:ID(Evidence), :LABEL, rel_id, type, subject, object, doc, sentence, ...
    events.csv             id:ID(Event), :LABEL, doc, sentence, start:long, end:long, date:date, relations:string[], ...
    relationships.csv      :START_ID(Entity), :END_ID(Entity), :TYPE, rel_id, label, weight:long, docs:long, ...
    published_by.csv       :START_ID(Document), :END_ID(Outlet), :TYPE
    mentioned_in.csv       :START_ID(Entity), :END_ID(Document), :TYPE, count:long, references:long
    evidence_in.csv        :START_ID(Evidence), :END_ID(Document), :TYPE
    evidence_entities.csv  :START_ID(Evidence), :END_ID(Entity), :TYPE (SUBJECT / OBJECT / ACCORDING_TO)
    event_in.csv           :START_ID(Event), :END_ID(Document), :TYPE
    part_of.csv            :START_ID(Evidence), :END_ID(Event), :TYPE
    event_roles.csv        :START_ID(Event), :END_ID(Entity), :TYPE (SUBJECT / OBJECT / CHANNEL / LOCATION), ...
    schema.cypher          constraints and indexes, to run once the database is started
    README.txt             the exact import command

The array delimiter is the first of ``|``, ``¦``, ``;``, U+001F that appears in no array value
or label; it is written into README.txt's command.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import DataError, ExportError

from . import register_exporter
from .neo4j import (
    ACCORDING_TO, DOCUMENT, ENTITY, EVENT, EVIDENCE, IN, MENTIONED_IN, MODEL_VERSION, OBJECT, OUTLET, PART_OF,
    PUBLISHED_BY, SUBJECT, quote_type, schema_statements, to_rows,
)
from .neo4j_rows import DATE_KEYS

__all__ = ["ARRAY_DELIMITERS", "FILES", "NODE_FILES", "RELATIONSHIP_FILES", "DATE_COLUMNS", "choose_array_delimiter", "csv_tables", "import_command",
           "write_neo4j_csv"]

ARRAY_DELIMITERS = ("|", "\u00a6", ";", "\u001f")
NODE_FILES = ("documents.csv", "outlets.csv", "entities.csv", "evidence.csv", "events.csv")
RELATIONSHIP_FILES = ("relationships.csv", "published_by.csv", "mentioned_in.csv", "evidence_in.csv",
                      "evidence_entities.csv", "event_in.csv", "part_of.csv", "event_roles.csv")
FILES = NODE_FILES + RELATIONSHIP_FILES
# Columns typed date (neo4j-admin `date`) when every value is an ISO date (a date in the rows).
DATE_COLUMNS = DATE_KEYS


_VALUE_TYPES = {bool: "boolean", int: "long", float: "double", str: "string", datetime.date: "date"}


def _value_type(value) -> str:
    kind = _VALUE_TYPES.get(type(value))
    if kind is not None:
        return kind
    for t, name in _VALUE_TYPES.items():  # subclasses (bool before int)
        if isinstance(value, t) and not isinstance(value, datetime.datetime):
            return name
    raise DataError(f"Cannot write a {type(value).__name__} value to CSV: {value!r}")


def _column_type(kinds: set) -> str:
    """neo4j-admin type of a column from the types of its values: long, double, boolean, string,
    date (every value a date; dates among strings make a string column), or an array of one."""
    if kinds <= {"long", "double"} and kinds:
        return "double" if "double" in kinds else "long"
    if kinds <= {"long[]", "double[]"} and kinds:
        return "double[]" if "double[]" in kinds else "long[]"
    if kinds == {"date", "string"}:
        return "string"
    if len(kinds) > 1:
        raise DataError(f"A CSV column mixes types {sorted(kinds)}")
    return kinds.pop() if kinds else "string"


def choose_array_delimiter(values: Iterable[str]) -> str:
    """The first of :data:`ARRAY_DELIMITERS` that occurs in none of ``values``.

    Examples
    --------
    >>> choose_array_delimiter(["a|b", "c"])
    '¦'
    """
    values = list(values)
    for candidate in ARRAY_DELIMITERS:
        if not any(candidate in v for v in values):
            return candidate
    raise DataError("Every array delimiter candidate (| ¦ ; U+001F) occurs in the data; cannot write CSV")


def _cell(value, delimiter: str) -> str:
    kind = type(value)
    if kind is str:
        return '"' + value.replace('"', '""') + '"' if '"' in value else '"' + value + '"'
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if isinstance(value, (list, tuple)):
        return _quote(delimiter.join(_scalar(v) for v in value))
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, datetime.date):  # quoted as when dates were strings
        return _quote(value.isoformat())
    return _scalar(value)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DataError(f"Cannot write the number {value!r} to CSV")
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _prop_columns(rows: list[Mapping], first: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(name, type) of the property columns, ``first`` in order, then the rest sorted."""
    kinds: dict[str, set] = {}
    types: dict[type, str] = {}
    for row in rows:
        for k, v in row["props"].items():
            if type(v) is list or type(v) is tuple:
                kind = {_value_type(x) + "[]" for x in v}
            else:
                kind = types.get(type(v))
                if kind is None:
                    kind = types[type(v)] = _value_type(v)
                kind = (kind,)
            found = kinds.get(k)
            if found is None:
                kinds[k] = set(kind)
            else:
                found.update(kind)
    order = [k for k in first if k in kinds] + sorted(k for k in kinds if k not in first)
    return [(k, _column_type(kinds[k])) for k in order]


def csv_tables(G_or_rows) -> dict[str, tuple[list[str], list[list]]]:
    """``{file name: (header, rows)}`` of the import files, values not yet quoted.

    Array cells are lists; ``:LABEL`` cells are lists of labels.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("state:RUS", name="Russia", type="State", aliases=["Russia"], mentions=3)
    >>> header, rows = csv_tables(G)["entities.csv"]
    >>> header, rows
    (['id:ID(Entity)', ':LABEL', 'name', 'type', 'aliases:string[]', 'mentions:long'], [['state:RUS', ['Entity', 'State'], 'Russia', 'State', ['Russia'], 3]])
    """
    rows = to_rows(G_or_rows) if isinstance(G_or_rows, nx.Graph) else G_or_rows
    tables: dict[str, tuple[list[str], list[list]]] = {}

    def header_type(name, kind):
        return name if kind == "string" else f"{name}:{kind}"

    def nodes(file, label, items, first, extra_label=None):
        cols = _prop_columns(items, first)
        header = [f"id:ID({label})", ":LABEL"] + [header_type(k, t) for k, t in cols]
        body = [[r["id"], [label] + ([extra_label(r)] if extra_label else [])]
                + [r["props"].get(k) for k, _ in cols] for r in items]
        tables[file] = (header, body)

    def rels(file, start, end, items, first=()):
        cols = _prop_columns(items, first)
        header = [f":START_ID({start})", f":END_ID({end})", ":TYPE"] + [header_type(k, t) for k, t in cols]
        body = [[r["start"], r["end"], r["type"]] + [r["props"].get(k) for k, _ in cols] for r in items]
        tables[file] = (header, body)

    nodes("documents.csv", DOCUMENT, rows["documents"], ("title", "date", "outlet", "url"))
    nodes("outlets.csv", OUTLET, rows["outlets"], ("name",))
    entities = [dict(r, label=label) for label, group in sorted(rows["entities"].items()) for r in group]
    nodes("entities.csv", ENTITY, entities,
          ("name", "type", "aliases", "alias_counts", "mentions", "docs", "titles"),
          extra_label=lambda r: r["label"])
    nodes("evidence.csv", EVIDENCE, rows["evidence"],
          ("rel_id", "type", "subject", "object", "doc", "sentence", "start", "end", "date", "trigger",
           "trigger_start", "trigger_end", "rule", "confidence", "status", "according_to", "role"))
    nodes("events.csv", EVENT, rows["events"], ("doc", "sentence", "start", "end", "date", "relations", "triggers"))
    relationships = [dict(r, type=t) for t, group in sorted(rows["relationships"].items()) for r in group]
    for r in relationships:
        quote_type(r["type"])
    rels("relationships.csv", ENTITY, ENTITY, relationships,
         ("rel_id", "label", "family", "symmetric", "weight", "docs", "outlets", "status", "first_seen",
          "last_seen"))
    rels("published_by.csv", DOCUMENT, OUTLET, [dict(r, type=PUBLISHED_BY) for r in rows["published_by"]])
    rels("mentioned_in.csv", ENTITY, DOCUMENT, [dict(r, type=MENTIONED_IN) for r in rows["mentions"]],
         ("count", "references"))
    rels("evidence_in.csv", EVIDENCE, DOCUMENT, [dict(r, type=IN) for r in rows["evidence_in"]])
    rels("evidence_entities.csv", EVIDENCE, ENTITY,
         [dict(r, type=SUBJECT) for r in rows["evidence_subject"]]
         + [dict(r, type=OBJECT) for r in rows["evidence_object"]]
         + [dict(r, type=ACCORDING_TO) for r in rows["according_to"]])
    rels("event_in.csv", EVENT, DOCUMENT, [dict(r, type=IN) for r in rows["event_in"]])
    rels("part_of.csv", EVIDENCE, EVENT, [dict(r, type=PART_OF) for r in rows["part_of"]])
    rels("event_roles.csv", EVENT, ENTITY, rows["event_roles"], ("relations", "parties"))
    return tables


def _array_values(tables) -> Iterable[str]:
    for header, body in tables.values():
        arrays = [i for i, name in enumerate(header) if name == ":LABEL" or name.endswith("[]")]
        for row in body:
            for i in arrays:
                cell = row[i]
                if isinstance(cell, list):
                    yield "\n".join(map(str, cell))


def import_command(delimiter: str, *, database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command for the files of this module."""
    code = f"U+{ord(delimiter):04X}"
    nodes = [f"--nodes={f}" for f in NODE_FILES]
    relationships = [f"--relationships={f}" for f in RELATIONSHIP_FILES]
    parts = [f"neo4j-admin database import full {database}", "--overwrite-destination=true",
             f"--array-delimiter={code}", "--multiline-fields=true", "--id-type=string"]
    return " \\\n    ".join(parts + nodes + relationships)


_README = """\
newsgraph export for neo4j-admin (Neo4j 5), model {model} (see docs/neo4j.md in newsgraph).

1. Stop the database, then import from THIS directory (this REPLACES database "neo4j";
   use another name to keep it, then CREATE DATABASE with that name):

{command}

   The array delimiter is {delimiter_name}: no array value in these files contains it.
   Files are UTF-8, comma-separated, strings double-quoted ("" inside), line breaks inside
   quoted fields (hence --multiline-fields=true).

2. Start the database and create the constraints and indexes:

    cypher-shell -u neo4j -d neo4j -f schema.cypher

The result is the same graph as `newsgraph export neo4j` (Bolt) or `cypher-shell -f graph.cypher`.
"""


def write_neo4j_csv(G: nx.MultiDiGraph, directory: str | os.PathLike) -> Path:
    """Write the neo4j-admin import files, schema.cypher and README.txt into ``directory``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A newsgraph graph.
    directory : path
        Created if missing; the files in it are replaced.

    Returns
    -------
    Path
        The directory.
    """
    directory = Path(directory)
    tables = csv_tables(G)
    delimiter = choose_array_delimiter(_array_values(tables))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, (header, body) in tables.items():
            with open(directory / name, "w", encoding="utf-8", newline="") as f:
                f.write(",".join(header) + "\n")
                f.write("".join([",".join([_cell(c, delimiter) for c in row]) + "\n" for row in body]))
        (directory / "schema.cypher").write_text("".join(s + ";\n" for s in schema_statements()),
                                                 encoding="utf-8")
        name = "|" if delimiter == "|" else f"U+{ord(delimiter):04X} ({delimiter!r})"
        (directory / "README.txt").write_text(
            _README.format(model=MODEL_VERSION, command="    " + import_command(delimiter),
                           delimiter_name=name), encoding="utf-8")
    except OSError as err:
        raise ExportError(f"Cannot write the neo4j-admin files into {str(directory)!r}: {err.strerror}") from None
    return directory


register_exporter("neo4j-csv", filename="neo4j-import", write=write_neo4j_csv,
                  description="CSV files for neo4j-admin database import (a folder)")
