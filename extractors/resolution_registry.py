"""The registry of resolution rules: one table of every ``how`` value, for the docs and ``--explain``.

A rule is a function registered with the ``how`` value(s) it records on the mentions it joins
(``@resolution_rule("surname", scope="document")``); :data:`REGISTRY` lists them in the order
they run. Document rules live in :mod:`.resolution_document`, corpus rules in :mod:`.resolution`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["TYPING_HOWS", "ResolutionRule", "REGISTRY", "resolution_rule", "describe"]

#: ``how`` values set by typing (:mod:`.mentions`) and coreference (:mod:`.coref`), not by a rule here.
TYPING_HOWS = {
    "exact": "the mention's own name",
    "gazetteer": "a state or organisation name of the gazetteer",
    "metonymy": "a capital or seat of government acting for its state",
    "demonym": "a demonym standing for its state",
    "context": "typed from surrounding words (an introducing noun, an apposed person noun)",
    "pronoun": "a pronoun linked to the person it refers to",
    "leader's government": "a government named by the person leading it (\"the Assad regime\", \"the regime of Assad\")",
    "people": "a plural demonym naming the people of its state as a group (\"the Syrians\", \"hire Egyptians\")",
    "state agent": "a state's government, military or police named by its demonym (\"Iraqi security forces\")",
    "description": "a definite description linked to the person it refers to",
}


@dataclass(frozen=True, slots=True)
class ResolutionRule:
    """One registered resolution rule."""

    name: str  # the first ``how`` value; unique within a scope
    how: tuple[str, ...]  # every ``how`` value the rule records
    scope: str  # "document" or "corpus"
    func: Callable
    summary: str  # first line of the docstring


#: Every resolution rule, in the order it runs within its scope.
REGISTRY: list[ResolutionRule] = []


def resolution_rule(*how: str, scope: str = "document"):
    """Register a resolution rule under the ``how`` value(s) it records."""
    if scope not in {"document", "corpus"} or not how:
        raise ValueError(f"resolution_rule needs how values and scope 'document' or 'corpus', got {how!r}, {scope!r}")

    def register(func):
        summary = (func.__doc__ or "").strip().splitlines()[0]
        REGISTRY.append(ResolutionRule(how[0], tuple(how), scope, func, summary))
        return func

    return register


def describe() -> list[dict[str, str]]:
    """Every ``how`` value with where it is set and why: for docs and ``--explain``."""
    from .corrections import CORRECTION_HOWS

    out = [{"how": how, "scope": "typing", "rule": how, "summary": text} for how, text in TYPING_HOWS.items()]
    for rule in REGISTRY:
        out += [{"how": how, "scope": rule.scope, "rule": rule.func.__name__, "summary": rule.summary} for how in rule.how]
    out += [{"how": how, "scope": "corrections", "rule": how, "summary": text} for how, text in CORRECTION_HOWS.items()]
    return out
