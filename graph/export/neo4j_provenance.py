"""Provenance rows of the Neo4j model: events, outlets, sources and distinct counts.

* One ``(:Event)`` per evidence sentence of a typed relation (co-occurrence left out), with the
  sentence, its document, date, the relation types and triggers read in it, and a role
  relationship to every entity the sentence ties together: ``[:SUBJECT]``, ``[:OBJECT]``,
  ``[:CHANNEL {parties}]`` (the object of ``MEDIATED_VIA``, the subject of ``MEDIATED``;
  ``parties`` are the ids it was the channel for), ``[:LOCATION]`` (Location entities in the
  sentence, from its relations or co-occurrences). ``(:Evidence)-[:PART_OF]->(:Event)``,
  ``(:Event)-[:IN]->(:Document)``.
* ``(:Outlet {id, name})`` from the document index's ``outlet``, ``(:Document)-[:PUBLISHED_BY]->(:Outlet)``.
* ``(:Evidence)-[:ACCORDING_TO]->(:Entity)`` when ``according_to`` is an entity id.
* ``docs`` and ``outlets`` of a relationship: distinct documents and outlets of its evidence.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping

from newsgraph.extractors.models import MENTIONED_WITH

__all__ = ["CHANNEL_SUBJECT_TYPES", "CHANNEL_OBJECT_TYPES", "ROLE_TYPES", "event_id", "outlet_id",
           "outlet_rows", "distinct_counts", "event_rows"]

# Relation types whose object / subject is the channel (mediator) of the other party.
CHANNEL_OBJECT_TYPES = frozenset({"MEDIATED_VIA"})
CHANNEL_SUBJECT_TYPES = frozenset({"MEDIATED"})
ROLE_TYPES = ("SUBJECT", "OBJECT", "CHANNEL", "LOCATION")
_LOCATION = "Location"


def event_id(doc: str, start, end) -> str:
    """The stable id of the event of one sentence.

    Examples
    --------
    >>> event_id("d1", 0, 10)
    'evt:...'
    """
    key = "\x1f".join(str(x) for x in (doc, start, end))
    return "evt:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def outlet_id(name: str) -> str:
    """An outlet's id: its name, case-folded with whitespace collapsed.

    Examples
    --------
    >>> outlet_id("  bne  IntelliNews ")
    'outlet:bne intellinews'
    """
    return "outlet:" + " ".join(name.split()).casefold()


def outlet_rows(index: Mapping) -> tuple[list[dict], list[dict], dict[str, str]]:
    """``(outlets, published_by, {doc: outlet id})`` from the document index.

    Examples
    --------
    >>> outlets, links, by_doc = outlet_rows({"d1": {"outlet": "BBC"}, "d2": {"outlet": "bbc"}, "d3": {}})
    >>> outlets, len(links), by_doc
    ([{'id': 'outlet:bbc', 'props': {'name': 'BBC'}}], 2, {'d1': 'outlet:bbc', 'd2': 'outlet:bbc'})
    """
    outlets: dict[str, dict] = {}
    by_doc = {}
    for doc, meta in index.items():
        name = (meta or {}).get("outlet")
        if isinstance(name, str) and name.strip():
            oid = outlet_id(name)
            outlets.setdefault(oid, {"id": oid, "props": {"name": " ".join(name.split())}})
            by_doc[doc] = oid
    links = [{"start": doc, "end": oid, "props": {}} for doc, oid in by_doc.items()]
    return list(outlets.values()), links, by_doc


def distinct_counts(evidence: Iterable[Mapping], by_doc: Mapping) -> dict[str, int]:
    """``{"docs": n, "outlets": m}``: distinct documents and outlets of a relation's evidence.

    Examples
    --------
    >>> distinct_counts([{"doc": "d1"}, {"doc": "d1"}, {"doc": "d2"}], {"d1": "outlet:a", "d2": "outlet:a"})
    {'docs': 2, 'outlets': 1}
    """
    docs = {item.get("doc") for item in evidence if item.get("doc") is not None}
    return {"docs": len(docs), "outlets": len({by_doc[d] for d in docs if d in by_doc})}


def event_rows(G, evidence_ids: Mapping) -> dict[str, list]:
    """Events of the typed evidence sentences of ``G`` and their links.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A newsgraph graph.
    evidence_ids : mapping
        ``{(subject, TYPE, object, doc, start, end, trigger_start, trigger_end): evidence id}``.

    Returns
    -------
    dict
        ``events`` (``{"id", "props"}``), ``event_in``, ``part_of`` and ``event_roles``
        (``{"start", "end", "type", "props"}``, type one of :data:`ROLE_TYPES`).
    """
    events: dict[str, dict] = {}
    roles: dict[tuple, dict] = {}
    part_of: dict[tuple, dict] = {}
    sentence_entities: dict[tuple, set] = defaultdict(set)

    def role(eid, rtype, entity, relation, party=None):
        props = roles.setdefault((eid, rtype, entity), {"relations": [], "parties": []})
        if relation is not None and relation not in props["relations"]:
            props["relations"].append(relation)
        if party is not None and party not in props["parties"]:
            props["parties"].append(party)

    for s, o, key, data in G.edges(keys=True, data=True):
        rtype = data.get("type", key)
        for item in data.get("evidence") or []:
            sentence = (item.get("doc"), item.get("start"), item.get("end"))
            sentence_entities[sentence] |= {s, o}
            if rtype == MENTIONED_WITH:
                continue
            eid = event_id(*sentence)
            ev = events.setdefault(eid, {"id": eid, "props": {
                "doc": item.get("doc"), "sentence": item.get("sentence"), "start": item.get("start"),
                "end": item.get("end"), "date": item.get("date"), "relations": [], "triggers": []}})
            if rtype not in ev["props"]["relations"]:
                ev["props"]["relations"].append(rtype)
            trigger = item.get("trigger")
            if trigger and trigger not in ev["props"]["triggers"]:
                ev["props"]["triggers"].append(trigger)
            ekey = (s, rtype, o, *sentence, item.get("trigger_start"), item.get("trigger_end"))
            part_of.setdefault((evidence_ids[ekey], eid), {"start": evidence_ids[ekey], "end": eid, "props": {}})
            if rtype in CHANNEL_OBJECT_TYPES:
                role(eid, "SUBJECT", s, rtype)
                role(eid, "CHANNEL", o, rtype, party=s)
            elif rtype in CHANNEL_SUBJECT_TYPES:
                role(eid, "CHANNEL", s, rtype, party=o)
                role(eid, "OBJECT", o, rtype)
            else:
                role(eid, "SUBJECT", s, rtype)
                role(eid, "OBJECT", o, rtype)

    for sentence, entities in sentence_entities.items():
        eid = event_id(*sentence)
        if eid in events:
            for entity in sorted(entities):
                if G.nodes[entity].get("type") == _LOCATION:
                    role(eid, "LOCATION", entity, None)
    event_list = [{"id": e["id"], "props": {k: v for k, v in e["props"].items() if v not in (None, "", [])}}
                  for e in events.values()]
    return {
        "events": event_list,
        "event_in": [{"start": e["id"], "end": e["props"]["doc"], "props": {}} for e in event_list],
        "part_of": list(part_of.values()),
        "event_roles": [{"start": eid, "end": entity, "type": rtype,
                         "props": {k: v for k, v in props.items() if v}}
                        for (eid, rtype, entity), props in roles.items()],
    }
