"""Resolution: which mentions name the same entity, in one document and across the corpus.

Every rule is a named function registered with the ``how`` value(s) it records on the mentions
it joins (``@resolution_rule("surname", scope="document")``); :data:`REGISTRY` lists them in the
order they run, so the docs and ``--explain`` read one table (:func:`describe`).

* ``document`` rules run inside :func:`resolve_document` on one document's typed mentions,
  after candidates and typing (:mod:`.mentions`) and before pronouns and descriptions
  (:mod:`.coref`); they rewrite mention keys in place.
* ``corpus`` rules run in :func:`corpus_mapping` over all documents' entities; the first rule
  that applies to a key decides, and joins it when exactly one candidate is left.
  :func:`resolve_corpus` applies that mapping (:func:`apply_mapping`) and returns new
  DocResults; :func:`newsgraph.graph.build.build_graph` takes them as they are.

Examples
--------
>>> from newsgraph.extractors.models import Mention
>>> r1 = DocResult("a", None, 0, [], {"person:nicolas-maduro": Entity("person:nicolas-maduro", PERSON, "Nicolás Maduro")}, [], {}, [])
>>> r2 = DocResult("b", None, 0, [Mention(0, 6, "Maduro", PERSON, "person:maduro", "exact", 0)],
...                {"person:maduro": Entity("person:maduro", PERSON, "Maduro")}, [], {}, [])
>>> corpus_mapping([r1, r2])
{'person:maduro': ('person:nicolas-maduro', 'surname')}
>>> [(m.key, m.how) for m in resolve_corpus([r1, r2])[1].mentions]
[('person:nicolas-maduro', 'surname')]
>>> [r.name for r in REGISTRY if r.scope == "corpus"]
['surname', 'variant', 'retyped', 'acronym']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from .gazetteer import Gazetteer, normalise
from .models import (
    INSTITUTION,
    LOCATION,
    PERSON,
    DocResult,
    Entity,
    entity_key,
    fold,
    same_actor_name,
)
from .names import (  # noqa: F401  (re-exported: the public names of resolution)
    ACRONYM,
    edit_distance,
    first_name_index,
    initials,
    name_core,
    suffix_index,
    surname_index,
    variant_candidates,
    VariantIndex,
)
from .names import _deletions  # emptied by _clear_name_caches, with fold, normalise and name_core
from .resolution_document import DocumentState, resolve_document  # noqa: F401  (registers the document rules first)
from .resolution_registry import REGISTRY, TYPING_HOWS, ResolutionRule, describe, resolution_rule  # noqa: F401

__all__ = [
    "ACRONYM",
    "REGISTRY",
    "TYPING_HOWS",
    "DocumentState",
    "ResolutionRule",
    "resolution_rule",
    "resolve_document",
    "corpus_mapping",
    "apply_mapping",
    "resolve_corpus",
    "CorpusResolver",
    "split_collisions",
    "describe",
    "compatible",
    "edit_distance",
    "first_name_index",
    "name_core",
    "variant_candidates",
    "initials",
    "suffix_index",
    "surname_index",
]

@dataclass(slots=True)
class _CorpusIndex:
    """Indexes over every document's entities, built once for the corpus rules."""

    names: dict[str, tuple[str, str]]  # key -> (type, name), first seen
    acronyms: dict[str, set[str]]  # acronym defined in a document -> keys it joined there
    by_last: dict[str, set[str]]
    by_suffix: dict[str, set[str]]
    long_institutions: dict[str, set[str]]  # initials -> institutions with a multi-word name
    gazetteer: Gazetteer
    counts: Counter = field(default_factory=Counter)  # key -> mentions in the corpus
    dates: dict[str, set[str]] = field(default_factory=dict)  # person key -> ISO dates of its documents
    states: dict[str, set[str]] = field(default_factory=dict)  # key -> states of its title phrases (if any)
    variants: VariantIndex | None = None  # person names by surname spelling
    first_names: dict[str, set[str]] = field(default_factory=dict)  # first word -> full person names


class _IndexBuilder:
    """The :class:`_CorpusIndex` folded one document at a time: only corpus-wide tables (first
    names, counts, title states, the dates of people, which :func:`compatible` compares) are
    kept, never the documents. Each table grows with the corpus's distinct names (and a
    person's distinct dates), not with its documents: a name seen again adds nothing."""

    def __init__(self):
        self.names: dict[str, tuple[str, str]] = {}
        self.acronyms: dict[str, set[str]] = defaultdict(set)
        self.counts: Counter = Counter()
        self.dates: dict[str, set[str]] = defaultdict(set)
        self.states: dict[str, set[str]] = defaultdict(set)
        self._days: dict[str, str] = {}  # one string per distinct date, shared by every set

    def add(self, result: DocResult) -> None:
        for m in result.mentions:
            self.counts[m.key] += 1
        day = self._days.setdefault(str(result.date)[:10], str(result.date)[:10]) if result.date else None
        for key, info in result.entities.items():
            self.names.setdefault(key, (info.type, info.name))
            if info.states:
                self.states[key] |= info.states
            if day is not None and info.type == PERSON:  # only people are compared by date
                self.dates[key].add(day)
        for m in result.mentions:
            if m.how == "acronym" and ACRONYM.match(m.text):
                self.acronyms[m.text.replace(".", "")].add(m.key)

    def index(self) -> _CorpusIndex:
        names = self.names
        people = {k: name for k, (etype, name) in names.items() if etype == PERSON}
        long_institutions: dict[str, set[str]] = defaultdict(set)
        for key, (etype, name) in names.items():
            if etype == INSTITUTION and len(name.split()) >= 2:
                long_institutions[initials(name.split())].add(key)
        return _CorpusIndex(names, self.acronyms, surname_index(people), suffix_index(people), long_institutions,
                            Gazetteer.load(), self.counts, dict(self.dates), dict(self.states),
                            VariantIndex(people), dict(first_name_index(people)))


def _corpus_index(results: Iterable[DocResult]) -> _CorpusIndex:
    builder = _IndexBuilder()
    for result in results:
        builder.add(result)
    return builder.index()


#: Documents further apart than this are not taken to name one person by a short name alone.
WINDOW_DAYS = 3 * 365


def compatible(key: str, other: str, index: _CorpusIndex) -> bool:
    """Whether a short person name may join ``other`` from another document: their title
    phrases name no different states, and their documents are within :data:`WINDOW_DAYS`."""
    import datetime as dt

    a, b = index.states.get(key, set()), index.states.get(other, set())
    if a and b and not a & b:
        return False  # "US Defence Secretary X" is not "Chinese Defence Minister X"
    da, db = index.dates.get(key, set()), index.dates.get(other, set())
    if da and db:
        try:
            gap = min(abs((dt.date.fromisoformat(x) - dt.date.fromisoformat(y)).days) for x in da for y in db)
        except ValueError:
            return True
        return gap <= WINDOW_DAYS
    return True


@resolution_rule("surname", scope="corpus")
def corpus_surnames(key: str, etype: str, name: str, index: _CorpusIndex) -> set[str] | None:
    """A surname-only person ("Maduro") joins the one full name in the corpus ending with it; a shorter multi-word name the one longer name."""
    if etype != PERSON:
        return None
    parts = fold(name).split()
    found = index.by_last.get(parts[0], set()) if len(parts) == 1 else index.by_suffix.get(" ".join(parts), set())
    found = {k for k in found if compatible(key, k, index)}
    return found or None  # no full name ends with it: the next rules may join a variant spelling


@resolution_rule("variant", "given name", scope="corpus")
def corpus_variants(key: str, etype: str, name: str, index: _CorpusIndex) -> set[str] | None:
    """A person name spelled another way ("Qaddafi", "el-Sisi") joins the one closest full name; a one-word given name the one full name it starts."""
    if etype != PERSON:
        return None
    found = {k for k in index.variants.candidates(name, exclude=key) if compatible(key, k, index)}
    if len(name.split()) >= 2:
        # the rarer spelling joins the commoner one (never both ways)
        found = {k for k in found if (index.counts[k], k) > (index.counts[key], key)}
    if found or len(name.split()) != 1:
        return found or None
    # the key itself is one word long, so never among the full names of the index
    found = {k for k in index.first_names.get(fold(name), set()) - {key} if compatible(key, k, index)}
    return found or None


@resolution_rule("retyped", scope="corpus")
def corpus_retyped(key: str, etype: str, name: str, index: _CorpusIndex) -> set[str] | None:
    """A surname the model typed as an organisation or place ("Maduro said") joins the one person with that name."""
    parts = fold(name).split()
    if etype not in {INSTITUTION, LOCATION} or len(parts) > 3 or index.gazetteer.lookup(name) is not None:
        return None
    joined = " ".join(parts)
    return index.by_last.get(joined, set()) if len(parts) == 1 else index.by_suffix.get(joined, set())


@resolution_rule("acronym", scope="corpus")
def corpus_acronyms(key: str, etype: str, name: str, index: _CorpusIndex) -> set[str] | None:
    """An acronym defined in one document ("CSIS") joins its long form everywhere, else the one long name with those initials."""
    if etype != INSTITUTION or not ACRONYM.match(name):
        return None
    short = name.replace(".", "")
    defined = index.acronyms.get(short, set()) - {key}
    if defined:
        return defined
    return index.long_institutions.get(short, set()) - {key}


def corpus_mapping(results: Iterable[DocResult]) -> dict[str, tuple[str, str]]:
    """Map document-level keys that should merge to ``(corpus key, how)``.

    For each key, the first ``corpus`` rule that applies gives the candidates; the key joins
    when there is exactly one. Keys absent from the mapping stay as they are.
    """
    return _corpus_mapping(list(results))[0]


def _corpus_mapping(results: list[DocResult] | _CorpusIndex) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """The mapping and the person keys left apart because several people could be meant."""
    index = results if isinstance(results, _CorpusIndex) else _corpus_index(results)
    rules = [r for r in REGISTRY if r.scope == "corpus"]
    mapping: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    for key, (etype, name) in index.names.items():
        for rule in rules:
            candidates = rule.func(key, etype, name, index)
            if candidates is None:
                continue
            if len(candidates) == 1:
                target = next(iter(candidates))
                how = rule.name
                if rule.name == "variant" and len(name.split()) == 1 and fold(name) == fold(index.names[target][1]).split()[0]:
                    how = "given name"
                mapping[key] = (target, how)
            elif etype == PERSON and len(candidates) > 1:
                ambiguous.add(key)
            break
    return mapping, ambiguous


def apply_mapping(results: Iterable[DocResult], mapping: dict[str, tuple[str, str]]) -> list[DocResult]:
    """New DocResults with every key replaced by its corpus key (pure; chains are followed).

    A mention that changed key records the mapping's ``how``; ``entities`` stays keyed by the
    document's keys, each Entity's ``key`` being the corpus key it joined.
    """
    return [_map_result(r, mapping) for r in results]


def _map_result(r: DocResult, mapping: dict[str, tuple[str, str]]) -> DocResult:
    """One document of :func:`apply_mapping`."""
    if not mapping:
        return r

    def final(key: str) -> str:
        seen = set()
        while key in mapping and key not in seen:
            seen.add(key)
            key = mapping[key][0]
        return key

    mentions = []
    for m in r.mentions:
        fk = final(m.key)
        mentions.append(m if fk == m.key else replace(m, key=fk, how=mapping[m.key][1] if m.key in mapping else m.how))
    entities = {k: e if final(k) == e.key else replace(e, key=final(k)) for k, e in r.entities.items()}
    return replace(
        r,
        mentions=mentions,
        entities=entities,
        links=[(s, e, final(k), how) for s, e, k, how in r.links],
        cooccurrences=[(i, sorted({final(k) for k in keys})) for i, keys in r.cooccurrences],
        relations=[replace(rel, subject=final(rel.subject), object=final(rel.object)) for rel in r.relations],
    )


def resolve_corpus(results: Iterable[DocResult], *, corrections=None) -> list[DocResult]:
    """The resolution stage: DocResults with corpus-wide keys applied (see :func:`corpus_mapping`),
    then the analyst's ``corrections`` (:func:`newsgraph.extractors.corrections.apply_corrections`).
    :class:`CorpusResolver` does the same without holding the documents."""
    results = list(results)
    resolver = CorpusResolver()
    for r in results:
        resolver.add(r)
    return list(resolver.resolve_all(results, corrections=corrections))


class CorpusResolver:
    """:func:`resolve_corpus` in two passes over the documents, holding only corpus-wide tables.

    Pass one, :meth:`add` each document in corpus order: its names, types and counts join the
    registry (:class:`_CorpusIndex`) and the first name of each key (:func:`split_collisions`).
    Pass two, :meth:`resolve_all` the same documents in the same order (read back from a store):
    each comes out resolved, so a caller can drop it once used. With ``corrections``, pass two
    reads the documents twice: once reduced to their mentions and entities, on which the
    corrections are decided (:func:`newsgraph.extractors.corrections.decide_corrections`: those
    reduced documents go to a temporary file, not memory), then to apply them.

    >>> from newsgraph.extractors.models import Mention
    >>> r1 = DocResult("a", None, 0, [], {"person:nicolas-maduro": Entity("person:nicolas-maduro", PERSON, "Nicolás Maduro")}, [], {}, [])
    >>> r2 = DocResult("b", None, 0, [Mention(0, 6, "Maduro", PERSON, "person:maduro", "exact", 0)],
    ...                {"person:maduro": Entity("person:maduro", PERSON, "Maduro")}, [], {}, [])
    >>> resolver = CorpusResolver()
    >>> resolver.add(r1); resolver.add(r2)
    >>> [m.key for r in resolver.resolve_all([r1, r2]) for m in r.mentions]
    ['person:nicolas-maduro']
    """

    def __init__(self):
        self._owners: dict[str, str] = {}  # key -> the first name it was given (split_collisions)
        self._builder: _IndexBuilder | None = _IndexBuilder()
        self._mapping: dict[str, tuple[str, str]] = {}
        self._ambiguous: set[str] = set()

    def add(self, result: DocResult) -> None:
        """Pass one: fold a document into the registry (before any :meth:`resolve`)."""
        if self._builder is None:
            raise RuntimeError("CorpusResolver.add after resolving began")
        self._builder.add(_split(result, self._owners))

    def resolve(self, result: DocResult) -> DocResult:
        """Pass two: one document with its corpus keys (before corrections)."""
        if self._builder is not None:  # the registry is complete: decide the merges once, drop the index
            self._mapping, self._ambiguous = _corpus_mapping(self._builder.index())
            self._builder = None
            _clear_name_caches()
        r = _map_result(_split(result, self._owners), self._mapping)
        if self._ambiguous:  # a short name several people in the corpus could be: a node of its own, flagged
            r = replace(r, entities={k: (replace(e, ambiguous=True) if k in self._ambiguous and e.key == k else e)
                                     for k, e in r.entities.items()})
        return r

    def resolve_all(self, results: Iterable[DocResult], *, corrections=None) -> Iterator[DocResult]:
        """Pass two over every document, in the order of :meth:`add`, then ``corrections``;
        with corrections, ``results`` must be iterable twice (a list, or a store read again)."""
        if corrections is None:
            yield from (self.resolve(r) for r in results)
            return
        from .corrections import decide_corrections

        steps = decide_corrections((_names_only(self.resolve(r)) for r in results), corrections)
        for r in results:
            r = self.resolve(r)
            for step in steps:
                r = step(r)
            yield r


def _clear_name_caches() -> None:
    """Empty the caches of the name functions (pure functions: only speed is at stake). The
    corpus rules have just filled them with the corpus's names, which pass two seldom asks for
    again: their memory goes to the graph instead (issue 16: the client holds the graph)."""
    for func in (fold, normalise, name_core, _deletions):
        func.cache_clear()


def _names_only(r: DocResult) -> DocResult:
    """What corrections are decided on: a document's mentions and entities."""
    return replace(r, sentences={}, relations=[], links=[], cooccurrences=[])


def split_collisions(results: Iterable[DocResult]) -> list[DocResult]:
    """Keys two documents gave to different actors (same transliteration, different script
    names: "李刚" and "李钢") get a short hash in every document but the first.

    >>> a = DocResult("a", None, 0, [], {"person:ligang": Entity("person:ligang", PERSON, "李刚")}, [], {}, [])
    >>> b = DocResult("b", None, 0, [], {"person:ligang": Entity("person:ligang", PERSON, "李钢")}, [], {}, [])
    >>> [list(r.entities) for r in split_collisions([a, b])]
    [['person:ligang'], ['person:ligang-141f6a30']]
    """
    first: dict[str, str] = {}
    return [_split(r, first) for r in results]


def _split(r: DocResult, owners: dict[str, str]) -> DocResult:
    """``r`` with a key renamed whose first name (``owners``: key -> the first name it was given;
    the keys new here are added) is another actor's."""
    remap = {}
    for key, info in r.entities.items():
        owner = owners.setdefault(key, info.name)
        if not same_actor_name(owner, info.name):
            remap[key] = entity_key(key.split(":", 1)[0] + ":", info.name, {key: Entity(key, info.type, owner)})
    return r if not remap else _rekey_result(r, remap)


def _rekey_result(r: DocResult, remap: dict[str, str]) -> DocResult:
    """``r`` with document keys renamed (``how`` kept)."""
    return replace(
        r,
        mentions=[replace(m, key=remap.get(m.key, m.key)) for m in r.mentions],
        entities={remap.get(k, k): replace(e, key=remap.get(e.key, e.key)) for k, e in r.entities.items()},
        links=[(s, e, remap.get(k, k), how) for s, e, k, how in r.links],
        cooccurrences=[(i, sorted({remap.get(k, k) for k in keys})) for i, keys in r.cooccurrences],
        relations=[replace(x, subject=remap.get(x.subject, x.subject), object=remap.get(x.object, x.object))
                   for x in r.relations],
    )
