"""Neo4j export, part 1: the model's labels and types, Cypher quoting, and the graph as rows.

:func:`to_rows` turns the graph into plain rows (documents, outlets, entities, relationships,
mentions, evidence, events); :mod:`graph.export.neo4j` turns rows into statements and loads them,
:mod:`graph.export.neo4j_csv` writes them for neo4j-admin. Labels and relationship types cannot be
query parameters: they are checked and quoted with backticks here (:func:`quote_label`,
:func:`quote_type`); values are parameters or literals escaped by :func:`cypher_literal`.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from newsgraph.corpus.errors import DataError

from .neo4j_provenance import ROLE_TYPES, distinct_counts, event_rows, outlet_rows

__all__ = [
    "ENTITY", "DOCUMENT", "EVIDENCE", "MENTIONED_IN", "IN", "SUBJECT", "OBJECT", "EVENT", "OUTLET",
    "PART_OF", "PUBLISHED_BY", "ACCORDING_TO", "MODEL_VERSION",
    "DATE_KEYS", "quote_label", "quote_type", "cypher_literal", "as_date", "rel_id", "evidence_id", "to_rows",
]

# Labels and relationship types of the model itself (never taken from data).
ENTITY = "Entity"
DOCUMENT = "Document"
EVIDENCE = "Evidence"
MENTIONED_IN = "MENTIONED_IN"
IN = "IN"
SUBJECT = "SUBJECT"
OBJECT = "OBJECT"
EVENT = "Event"
OUTLET = "Outlet"
PART_OF = "PART_OF"
PUBLISHED_BY = "PUBLISHED_BY"
ACCORDING_TO = "ACCORDING_TO"
# Bump when the shape of the Neo4j graph changes (cached embedded graphs are keyed by it).
# v2: Event and Outlet nodes, ACCORDING_TO, docs/outlets counts, MENTIONED_IN count = named mentions.
# v3: dates (`date`, `first_seen`, `last_seen`) are Neo4j dates, not strings.
MODEL_VERSION = "newsgraph.neo4j.v3"
#: Properties written as Neo4j dates when they hold an ISO date (``YYYY-MM-DD``).
DATE_KEYS = ("date", "first_seen", "last_seen")

_LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_RESERVED_LABELS = {ENTITY, DOCUMENT, EVIDENCE, EVENT, OUTLET}
_RESERVED_TYPES = {MENTIONED_IN, IN, SUBJECT, OBJECT, PART_OF, PUBLISHED_BY, ACCORDING_TO, *ROLE_TYPES}
# Resolution records of references (not named mentions): they count in MENTIONED_IN.references.
_REFERENCE_HOWS = frozenset({"pronoun", "description"})

# Node attributes copied as they are (codes are flattened, alias_counts follow aliases).
_ENTITY_KEYS = ("name", "type", "aliases", "mentions", "docs", "titles")
_DOCUMENT_KEYS = ("title", "date", "outlet", "url")
_RELATION_KEYS = ("label", "family", "symmetric", "weight", "status", "first_seen", "last_seen",
                  "cameo", "plover")
_EVIDENCE_KEYS = ("doc", "sentence", "start", "end", "date", "trigger", "trigger_start",
                  "trigger_end", "rule", "confidence", "status", "according_to", "role",
                  "actor_role", "actor_sector", "target_role", "target_sector", "how")


# ---------------------------------------------------------------------------------------------
# Names and literals
# ---------------------------------------------------------------------------------------------

def quote_label(name: str) -> str:
    """Check a node label and quote it with backticks.

    Examples
    --------
    >>> quote_label("Person")
    '`Person`'
    >>> quote_label("Person`) DETACH DELETE n //")
    Traceback (most recent call last):
    ...
    newsgraph.corpus.errors.DataError: Invalid node label 'Person`) DETACH DELETE n //': labels must match ^[A-Z][A-Za-z0-9_]*$
    """
    if not isinstance(name, str) or not _LABEL_RE.fullmatch(name):
        raise DataError(f"Invalid node label {name!r}: labels must match {_LABEL_RE.pattern}")
    return f"`{name}`"


def quote_type(name: str) -> str:
    """Check a relationship type (UPPER_SNAKE, as in the ontology) and quote it.

    Examples
    --------
    >>> quote_type("OFFERED_ASYLUM_TO")
    '`OFFERED_ASYLUM_TO`'
    >>> quote_type("offered")
    Traceback (most recent call last):
    ...
    newsgraph.corpus.errors.DataError: Invalid relationship type 'offered': types must match ^[A-Z][A-Z0-9_]*$
    """
    if not isinstance(name, str) or not _TYPE_RE.fullmatch(name):
        raise DataError(f"Invalid relationship type {name!r}: types must match {_TYPE_RE.pattern}")
    return f"`{name}`"


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f", "\0": "\\u0000"}
_ESCAPE_RE = re.compile("[\\\\'\n\r\t\b\f\0]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _escape(match) -> str:
    return _ESCAPES[match.group()]


def _string_literal(text: str) -> str:
    # Other control characters stay raw: Neo4j and FalkorDB both read them inside quotes,
    # while FalkorDB does not decode \\uXXXX escapes.
    if _ESCAPE_RE.search(text) is None:
        return "'" + text + "'"
    return "'" + _ESCAPE_RE.sub(_escape, text) + "'"


_MAP_KEYS: dict[str, str] = {}  # key -> its literal form (keys repeat in every row)


def _map_key(key: str) -> str:
    quoted = _MAP_KEYS.get(key) if type(key) is str else None
    if quoted is None:
        if not isinstance(key, str) or not key:
            raise DataError(f"Invalid map key {key!r}")
        quoted = key if _KEY_RE.fullmatch(key) else "`" + key.replace("`", "``") + "`"
        if len(_MAP_KEYS) < 10_000:
            _MAP_KEYS[key] = quoted
    return quoted


def as_date(value):
    """``value`` as a :class:`datetime.date` when it is an ISO date string (``YYYY-MM-DD``), else as it is.

    Examples
    --------
    >>> as_date("2026-01-03"), as_date("2026-02-30"), as_date("January 2026"), as_date(None)
    (datetime.date(2026, 1, 3), '2026-02-30', 'January 2026', None)
    """
    if type(value) is str and len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def cypher_literal(value) -> str:
    """Write a value as a Cypher literal that reads back exactly as ``value``.

    Strings are single-quoted with backslash escapes; a :class:`datetime.date` is
    ``date('YYYY-MM-DD')``; maps, lists, numbers, booleans and ``None`` are supported.

    Examples
    --------
    >>> print(cypher_literal({"name": "it's\\n", "n": [1, 2.5, True, None]}))
    {name: 'it\\'s\\n', n: [1, 2.5, true, null]}
    >>> print(cypher_literal("'}) DETACH DELETE n //"))
    '\\'}) DETACH DELETE n //'
    >>> print(cypher_literal({"date": datetime.date(2026, 1, 3)}))
    {date: date('2026-01-03')}
    """
    kind = type(value)  # the common types first, by exact type
    if kind is str:
        return _string_literal(value)
    if kind is dict:
        return "{" + ", ".join([f"{_map_key(k)}: {cypher_literal(v)}" for k, v in value.items()]) + "}"
    if kind is int:
        return str(value)
    if kind is list:
        return "[" + ", ".join([cypher_literal(v) for v in value]) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DataError(f"Cannot write the number {value!r} to Neo4j")
        return repr(value)
    if isinstance(value, str):
        return _string_literal(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return f"date('{value.isoformat()}')"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_map_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise DataError(f"Cannot write a {type(value).__name__} value to Neo4j: {value!r}")


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------

def rel_id(subject: str, rtype: str, obj: str) -> str:
    """The stable id of a relationship, shared with its ``Evidence`` nodes.

    Examples
    --------
    >>> rel_id("state:RUS", "OFFERED_ASYLUM_TO", "person:nicolas-maduro")
    'state:RUS-[OFFERED_ASYLUM_TO]->person:nicolas-maduro'
    """
    return f"{subject}-[{rtype}]->{obj}"


def evidence_id(rid: str, item: Mapping) -> str:
    """The stable id of one evidence item: a hash of its relationship, document and offsets.

    Examples
    --------
    >>> evidence_id("a-[MET_WITH]->b", {"doc": "d1", "start": 0, "end": 10})
    'ev:...'
    """
    key = "\x1f".join(str(item.get(k)) for k in ("doc", "start", "end", "trigger_start", "trigger_end"))
    return "ev:" + hashlib.sha1(f"{rid}\x1e{key}".encode("utf-8")).hexdigest()[:20]


def _clean(props: Mapping) -> dict:
    """Drop absent values (None, "", []): Neo4j has no null properties. ISO dates become dates."""
    out = {k: v for k, v in props.items() if v is not None and v != "" and v != []}
    for key in DATE_KEYS:
        if key in out:
            out[key] = as_date(out[key])
    return out


def _check_key(key) -> str:
    if not isinstance(key, str) or not _KEY_RE.fullmatch(key):
        raise DataError(f"Invalid property name {key!r}: must match {_KEY_RE.pattern}")
    return key


def _entity_props(nid, data: Mapping) -> dict:
    props = {k: data.get(k) for k in _ENTITY_KEYS}
    aliases = list(data.get("aliases") or [])
    counts = data.get("alias_counts") or {}
    if aliases and counts:
        props["alias_counts"] = [int(counts.get(a, 0)) for a in aliases]
    for code, value in (data.get("codes") or {}).items():
        _check_key(code)
        if code in props or code == "id":
            raise DataError(f"Entity {nid!r}: code name {code!r} collides with a property")
        props[code] = value
    return _clean(props)


def _doc_counts(data: Mapping) -> tuple[dict[str, int], dict[str, int]]:
    """Named mentions and references (pronouns, descriptions) per document, from ``resolution``.

    Named mentions summed over the documents give the node's ``mentions``.
    """
    counts: dict[str, int] = defaultdict(int)
    references: dict[str, int] = defaultdict(int)
    for item in data.get("resolution") or []:
        if isinstance(item, Mapping) and item.get("doc") is not None:
            target = references if item.get("how") in _REFERENCE_HOWS else counts
            target[item["doc"]] += int(item.get("count") or 0)
    return counts, references


def to_rows(G: nx.MultiDiGraph) -> dict:
    """Turn a newsgraph graph into the rows of the Neo4j model.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract (DEVELOPERS.md).

    Returns
    -------
    dict
        ``documents``, ``evidence``: lists of ``{"id", "props"}``;
        ``entities``: ``{label: [{"id", "props"}]}``;
        ``relationships``: ``{TYPE: [{"start", "end", "props"}]}``;
        ``mentions``, ``evidence_in``, ``evidence_subject``, ``evidence_object``:
        lists of ``{"start", "end", "props"}``.
        Properties never hold ``None``, empty strings or empty lists; ISO dates in
        :data:`DATE_KEYS` are :class:`datetime.date` (Neo4j dates over Bolt, ``date(...)`` literals).

    Raises
    ------
    DataError
        A node type or relation type that is not a valid label / type name.

    Examples
    --------
    >>> G = nx.MultiDiGraph(document_index={"d1": {"title": "T", "date": None}})
    >>> G.add_node("state:RUS", id="state:RUS", name="Russia", type="State", docs=["d1"],
    ...            codes={"iso3": "RUS"})
    >>> G.add_node("person:maduro", id="person:maduro", name="Maduro", type="Person", docs=["d1"])
    >>> _ = G.add_edge("state:RUS", "person:maduro", key="OFFERED_ASYLUM_TO",
    ...                type="OFFERED_ASYLUM_TO", weight=1, evidence=[
    ...                {"doc": "d1", "sentence": "Russia offered Maduro asylum.", "start": 0, "end": 29}])
    >>> rows = to_rows(G)
    >>> rows["entities"]["State"]
    [{'id': 'state:RUS', 'props': {'name': 'Russia', 'type': 'State', 'docs': ['d1'], 'iso3': 'RUS'}}]
    >>> rows["relationships"]["OFFERED_ASYLUM_TO"][0]["props"]
    {'rel_id': 'state:RUS-[OFFERED_ASYLUM_TO]->person:maduro', 'weight': 1, 'docs': 1, 'outlets': 0}
    >>> [r["props"]["sentence"] for r in rows["evidence"]]
    ['Russia offered Maduro asylum.']
    """
    index = G.graph.get("document_index") or {}
    documents: dict[str, dict] = {}

    def doc(doc_id) -> str:
        if not isinstance(doc_id, str) or not doc_id:
            raise DataError(f"Invalid document id {doc_id!r}")
        if doc_id not in documents:
            meta = index.get(doc_id) or {}
            documents[doc_id] = _clean({k: meta.get(k) for k in _DOCUMENT_KEYS})
        return doc_id

    for doc_id in index:
        doc(doc_id)

    entities: dict[str, list] = defaultdict(list)
    mentions = []
    for nid, data in G.nodes(data=True):
        if not isinstance(nid, str) or not nid:
            raise DataError(f"Invalid node id {nid!r}")
        label = data.get("type")
        quote_label(label)
        if label in _RESERVED_LABELS:
            raise DataError(f"Node {nid!r}: type {label!r} is a label of the Neo4j model itself")
        entities[label].append({"id": nid, "props": _entity_props(nid, data)})
        counts, references = _doc_counts(data)
        for doc_id in data.get("docs") or []:
            mentions.append({"start": nid, "end": doc(doc_id), "props": _clean(
                {"count": counts.get(doc_id, 0) if counts or references else None,
                 "references": references.get(doc_id)})})

    outlets, published_by, outlet_of = outlet_rows(index)
    relationships: dict[str, list] = defaultdict(list)
    evidence, ev_in, ev_subject, ev_object, ev_source = [], [], [], [], []
    evidence_ids: dict[tuple, str] = {}  # (s, TYPE, o, doc, offsets...) -> id, for the events
    seen_evidence = set()
    for s, o, key, data in G.edges(keys=True, data=True):
        rtype = data.get("type", key)
        quote_type(rtype)
        if rtype in _RESERVED_TYPES:
            raise DataError(f"Relation {s!r} -> {o!r}: type {rtype!r} is a type of the Neo4j model itself")
        rid = rel_id(s, rtype, o)
        props = {"rel_id": rid, **{k: data.get(k) for k in _RELATION_KEYS},
                 **distinct_counts(data.get("evidence") or [], outlet_of)}
        relationships[rtype].append({"start": s, "end": o, "props": _clean(props)})
        for item in data.get("evidence") or []:
            eid = evidence_id(rid, item)
            ekey = (s, rtype, o, *(item.get(k) for k in ("doc", "start", "end", "trigger_start", "trigger_end")))
            evidence_ids[ekey] = eid
            if eid in seen_evidence:
                continue
            seen_evidence.add(eid)
            doc(item.get("doc"))
            source = item.get("according_to")
            if isinstance(source, str) and source in G:  # an entity id, not free text
                ev_source.append({"start": eid, "end": source, "props": {}})
            ev = {"rel_id": rid, "type": rtype, "subject": s, "object": o,
                  **{k: item.get(k) for k in _EVIDENCE_KEYS}}
            evidence.append({"id": eid, "props": _clean(ev)})
            ev_in.append({"start": eid, "end": item["doc"], "props": {}})
            ev_subject.append({"start": eid, "end": s, "props": {}})
            ev_object.append({"start": eid, "end": o, "props": {}})

    events = event_rows(G, evidence_ids)
    for event in events["events"]:
        if "date" in event["props"]:
            event["props"]["date"] = as_date(event["props"]["date"])
    return {
        **events,
        "outlets": outlets,
        "published_by": [r for r in published_by if r["start"] in documents],
        "according_to": ev_source,
        "documents": [{"id": k, "props": v} for k, v in documents.items()],
        "entities": dict(entities),
        "relationships": dict(relationships),
        "mentions": mentions,
        "evidence": evidence,
        "evidence_in": ev_in,
        "evidence_subject": ev_subject,
        "evidence_object": ev_object,
    }


