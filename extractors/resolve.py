"""Resolution across documents: one key per real entity in the whole corpus.

Inside a document, :mod:`extractors.entities` has already joined surnames, titles, acronyms and
accent variants. Across documents, keys that are the same slug are the same entity; in addition:

* a surname-only person ("Maduro") joins the full name ending with it when exactly one full name
  in the corpus does (two different full names sharing a surname keep the surname apart); a
  shorter multi-word name ("El Aissami") joins the one longer full name ending with it;
* a person typed by the model as an organisation or place elsewhere joins the same way;
* an acronym defined in one document ("CSIS") joins its long form everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .entities import INSTITUTION, LOCATION, PERSON, _ACRONYM, _initials, _suffix_index, fold
from .gazetteer import Gazetteer
from .pipeline import DocResult

__all__ = ["resolve_corpus"]


def resolve_corpus(results: Iterable[DocResult]) -> dict[str, tuple[str, str]]:
    """Map document-level keys that should merge to ``(corpus key, reason)``.

    Keys absent from the mapping stay as they are.

    Examples
    --------
    >>> from newsgraph.extractors.entities import EntityInfo
    >>> r1 = DocResult("a", None, 0, [], {"person:nicolas-maduro": EntityInfo("person:nicolas-maduro", "Person", "Nicolás Maduro")}, [], {}, [])
    >>> r2 = DocResult("b", None, 0, [], {"person:maduro": EntityInfo("person:maduro", "Person", "Maduro")}, [], {}, [])
    >>> resolve_corpus([r1, r2])
    {'person:maduro': ('person:nicolas-maduro', 'surname')}
    """
    names: dict[str, tuple[str, str]] = {}
    acronyms: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for key, info in result.entities.items():
            names.setdefault(key, (info.type, info.name))
        for m in result.mentions:
            if m.how == "acronym" and _ACRONYM.match(m.text):
                acronyms[m.text.replace(".", "")].add(m.key)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key, (etype, name) in names.items():
        parts = fold(name).split()
        if etype == PERSON and len(parts) >= 2:
            full_by_last[parts[-1]].add(key)
            if len(parts) >= 4:
                full_by_last[parts[-2]].add(key)
    by_suffix = _suffix_index({k: name for k, (etype, name) in names.items() if etype == PERSON})
    long_institutions: dict[str, set[str]] = defaultdict(set)
    for key, (etype, name) in names.items():
        if etype == INSTITUTION and len(name.split()) >= 2:
            long_institutions[_initials(name.split())].add(key)

    gaz = Gazetteer.load()
    mapping: dict[str, tuple[str, str]] = {}
    for key, (etype, name) in names.items():
        parts = fold(name).split()
        if etype == PERSON:
            candidates = full_by_last.get(parts[0], set()) if len(parts) == 1 else by_suffix.get(" ".join(parts), set())
            if len(candidates) == 1:
                mapping[key] = (next(iter(candidates)), "surname")
        elif etype in {INSTITUTION, LOCATION} and len(parts) <= 3 and gaz.lookup(name) is None:
            # a surname the model typed as an organisation or place ("Maduro said", "of El Aissami")
            joined = " ".join(parts)
            candidates = full_by_last.get(joined, set()) if len(parts) == 1 else by_suffix.get(joined, set())
            if len(candidates) == 1:
                mapping[key] = (next(iter(candidates)), "retyped")
        elif etype == INSTITUTION and _ACRONYM.match(name):
            short = name.replace(".", "")
            defined = acronyms.get(short, set()) - {key}
            if len(defined) == 1:
                mapping[key] = (next(iter(defined)), "acronym")
            elif not defined and len(long_institutions.get(short, set()) - {key}) == 1:
                mapping[key] = (next(iter(long_institutions[short] - {key})), "acronym")
    return mapping
