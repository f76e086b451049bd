"""The data model of newsgraph: one definition of each shared fact.

Every stage imports its vocabulary from here: entity types, evidence statuses and their order,
relation families, the co-occurrence type. (The per-document records move here too.)

Examples
--------
>>> strongest_status(["negated", "reported", "considered"])
'reported'
>>> STATUS_ORDER[0], STATUS_ORDER[-1]
('asserted', 'negated')
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "PERSON",
    "STATE",
    "INSTITUTION",
    "LOCATION",
    "ENTITY_TYPES",
    "STATUSES",
    "STATUS_ORDER",
    "STATUS_PRECEDENCE",
    "FACTUAL_STATUSES",
    "FAMILIES",
    "MENTIONED_WITH",
    "strongest_status",
]

#: Entity node types.
PERSON, STATE, INSTITUTION, LOCATION = "Person", "State", "Institution", "Location"
ENTITY_TYPES = (PERSON, STATE, INSTITUTION, LOCATION)

#: Evidence statuses, strongest first: the edge summary is the strongest among its evidence
#: (the graph.json contract).
STATUS_ORDER = ("asserted", "reported", "alleged", "proposed", "considered", "hypothetical", "negated")
#: Every status an evidence item may carry (same set as STATUS_ORDER).
STATUSES = STATUS_ORDER
#: Which signal wins when one sentence carries several (most restrictive first).
STATUS_PRECEDENCE = ("negated", "hypothetical", "considered", "proposed", "alleged", "reported", "asserted")
#: Statuses that state a fact (drawn solid in the HTML; every other status is dashed).
FACTUAL_STATUSES = frozenset({"asserted", "reported"})

#: Relation families (they drive the HTML colours).
FAMILIES = ("cooperation", "conflict", "role", "co-occurrence")

#: The relation type of two entities named in one sentence.
MENTIONED_WITH = "MENTIONED_WITH"


def strongest_status(statuses: Iterable[str]) -> str:
    """The edge summary status: the strongest among its evidence items ("asserted" if none)."""
    present = set(statuses)
    return next((s for s in STATUS_ORDER if s in present), "asserted")
