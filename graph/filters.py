"""Checks for the filters of :class:`graph.api.KnowledgeGraph` and the CLI listings.

A filter that names a relation type, a status or an entity type that does not exist would
silently match nothing; these checks make it a :class:`UsageError` instead, with a "did you
mean" hint. Values are matched case-insensitively and returned in their canonical spelling;
one value or a list is accepted.

The known relation types are the shipped ontology's types, ``MENTIONED_WITH`` and every type
present in the graph at hand (a graph built with a user rules file has types of its own).

Examples
--------
>>> check_statuses("Reported")
('reported',)
>>> check_statuses(["asserted", "NEGATED"])
('asserted', 'negated')
>>> check_statuses("assertd")
Traceback (most recent call last):
...
newsgraph.corpus.errors.UsageError: Unknown status 'assertd'. Did you mean asserted?
>>> check_entity_types("person")
('Person',)
>>> check_relation_types("offered_asylum_to", known=relation_types())
('OFFERED_ASYLUM_TO',)
>>> check_relation_types("OFFERED_ASYLUM", known=relation_types())
Traceback (most recent call last):
...
newsgraph.corpus.errors.UsageError: Unknown relation type 'OFFERED_ASYLUM'. Did you mean OFFERED_ASYLUM_TO?
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable

from newsgraph.corpus.errors import UsageError
from newsgraph.extractors.models import ENTITY_TYPES, MENTIONED_WITH, STATUS_ORDER

__all__ = ["relation_types", "check_relation_types", "check_statuses", "check_entity_types", "as_values"]


@functools.lru_cache(maxsize=1)
def _ontology_types() -> frozenset[str]:
    from newsgraph.extractors import Ontology

    return frozenset(Ontology.load().types)


def relation_types(graph_types: Iterable[str] = ()) -> frozenset[str]:
    """The relation types a filter may name: the shipped ontology's, ``MENTIONED_WITH``, and ``graph_types``.

    Examples
    --------
    >>> types = relation_types(["INVITED"])
    >>> {"OFFERED_ASYLUM_TO", "MENTIONED_WITH", "INVITED"} <= types
    True
    """
    return _ontology_types() | {MENTIONED_WITH} | frozenset(graph_types)


def as_values(value: str | Iterable[str] | None, *, what: str) -> tuple[str, ...] | None:
    """``None`` stays ``None``; one string becomes a 1-tuple; a list or set becomes a tuple.

    Raises
    ------
    UsageError
        An empty list (it would match nothing), or a value that is not a string.

    Examples
    --------
    >>> as_values("MET_WITH", what="relation type"), as_values(None, what="status")
    (('MET_WITH',), None)
    >>> as_values([], what="status")
    Traceback (most recent call last):
    ...
    newsgraph.corpus.errors.UsageError: An empty list of statuses matches nothing; pass None for any status
    """
    if value is None:
        return None
    values = (value,) if isinstance(value, str) else tuple(value)
    if not values:
        plural = {"status": "statuses"}.get(what, what + "s")
        raise UsageError(f"An empty list of {plural} matches nothing; pass None for any {what}")
    for v in values:
        if not isinstance(v, str):
            raise UsageError(f"A {what} is a string, got {v!r}")
    return values


def _check(value, known: list[str], *, what: str) -> tuple[str, ...] | None:
    """``value`` as canonical names from ``known`` (listed in this order in the error)."""
    values = as_values(value, what=what)
    if values is None:
        return None
    canonical = {k.casefold(): k for k in known}
    out = []
    for v in values:
        hit = canonical.get(v.strip().casefold())
        if hit is None:
            raise UsageError(_unknown(v, known, what=what))
        if hit not in out:
            out.append(hit)
    return tuple(out)


def _unknown(value: str, known: list[str], *, what: str) -> str:
    folded = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(value.strip().casefold(), list(folded), n=1, cutoff=0.6)
    if close:
        return f"Unknown {what} {value!r}. Did you mean {folded[close[0]]}?"
    return f"Unknown {what} {value!r}. Known: {', '.join(known)}"


def check_relation_types(value: str | Iterable[str] | None, *, known: Iterable[str]) -> tuple[str, ...] | None:
    """Relation types in canonical spelling (``offered_asylum_to`` -> ``OFFERED_ASYLUM_TO``).

    ``known`` is usually :func:`relation_types` of the graph's own types.

    Raises
    ------
    UsageError
        A type that is not known: "Unknown relation type 'X'. Did you mean Y?".
    """
    return _check(value, sorted(known), what="relation type")


def check_statuses(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Evidence statuses (``STATUS_ORDER``) in canonical spelling; ``UsageError`` on an unknown one."""
    return _check(value, list(STATUS_ORDER), what="status")


def check_entity_types(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Entity types (``ENTITY_TYPES``) in canonical spelling; ``UsageError`` on an unknown one."""
    return _check(value, list(ENTITY_TYPES), what="entity type")
