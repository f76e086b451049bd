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
>>> r1 = DocResult("a", None, 0, [], {"person:nicolas-maduro": Entity("person:nicolas-maduro", PERSON, "Nicolás Maduro")}, [], {}, [])
>>> r2 = DocResult("b", None, 0, [Mention(0, 6, "Maduro", PERSON, "person:maduro", "exact", 0)],
...                {"person:maduro": Entity("person:maduro", PERSON, "Maduro")}, [], {}, [])
>>> corpus_mapping([r1, r2])
{'person:maduro': ('person:nicolas-maduro', 'surname')}
>>> [(m.key, m.how) for m in resolve_corpus([r1, r2])[1].mentions]
[('person:nicolas-maduro', 'surname')]
>>> [r.name for r in REGISTRY if r.scope == "corpus"]
['surname', 'retyped', 'acronym']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .gazetteer import Gazetteer
from .lexicon import words
from .models import INSTITUTION, LOCATION, PERSON, DocResult, Entity, Mention, fold, slugify

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
    "describe",
    "initials",
    "suffix_index",
    "surname_index",
]

#: An acronym: "CSIS", "U.N.", "AT&T".
ACRONYM = re.compile(r"^[A-Z][A-Z&.\-]{1,9}$")
# An acronym defined in brackets after a name: "SDLP", "PvdA", "IdV" (two or more capitals).
_DEFINED_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z&.]{1,9}$")
_STOP_INITIALS = words("institutions", "stop_initials")
_ORG_GENERIC = words("institutions", "org_generic")

#: ``how`` values set by typing (:mod:`.mentions`) and coreference (:mod:`.coref`), not by a rule here.
TYPING_HOWS = {
    "exact": "the mention's own name",
    "gazetteer": "a state or organisation name of the gazetteer",
    "metonymy": "a capital or seat of government acting for its state",
    "demonym": "a demonym standing for its state",
    "context": "typed from surrounding words (an introducing noun, an apposed person noun)",
    "pronoun": "a pronoun linked to the person it refers to",
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
    out = [{"how": how, "scope": "typing", "rule": how, "summary": text} for how, text in TYPING_HOWS.items()]
    for rule in REGISTRY:
        out += [{"how": how, "scope": rule.scope, "rule": rule.func.__name__, "summary": rule.summary} for how in rule.how]
    return out


# ---------------------------------------------------------------------- shared indexes


def initials(words_: list[str]) -> str:
    """Initials of a long name, skipping function words: ``initials("Center for X Y".split()) == 'CXY'``."""
    return "".join(w[0] for w in words_ if w.lower() not in _STOP_INITIALS and w[:1].isalpha()).upper()


def suffix_index(names: dict[str, str]) -> dict[str, set[str]]:
    """Multi-word endings of person names: ``{"el aissami": {"person:tareck-el-aissami"}}``."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        for i in range(1, len(parts) - 1):
            index[" ".join(parts[i:])].add(key)
    return index


def surname_index(names: dict[str, str]) -> dict[str, set[str]]:
    """Surnames of full (two or more words) person names: ``{"maduro": {"person:nicolas-maduro"}}``.

    Spanish names with four or more words are also known by the last-but-one word
    ("Nester Luis Reverol Torres" is "Reverol").
    """
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        if len(parts) >= 2:
            index[parts[-1]].add(key)
            if len(parts) >= 4:
                index[parts[-2]].add(key)
    return index


# ---------------------------------------------------------------------- one document


@dataclass(slots=True)
class DocumentState:
    """What the document rules read and rewrite: typed mentions (in document order) and entities."""

    doc: object  # the parsed spaCy Doc
    mentions: list[Mention]
    entities: dict[str, Entity]
    sent_of: Callable[[int], int]  # token index -> sentence index
    org_people: set[str] = field(default_factory=set)  # person keys the context shows are organisations


def resolve_document(state: DocumentState) -> None:
    """Run every ``document`` rule in registry order."""
    for rule in REGISTRY:
        if rule.scope == "document":
            rule.func(state)


def _rekey(mentions: list[Mention], remap: dict[str, str], **changes) -> None:
    for i, m in enumerate(mentions):
        if m.key in remap:
            mentions[i] = replace(m, key=remap[m.key], **changes)


@resolution_rule("context")
def people_to_institutions(state: DocumentState) -> None:
    """A 'person' the context shows is an organisation ("Spanish outlet ABC") is an Institution in every mention."""
    for key in state.org_people:
        info = state.entities.get(key)
        if info is None or info.titles:
            continue
        new = "institution:" + slugify(info.name)
        state.entities.pop(key)
        state.entities.setdefault(new, Entity(new, INSTITUTION, info.name))
        _rekey(state.mentions, {key: new}, type=INSTITUTION, how="context")


@resolution_rule("surname")
def join_surnames(state: DocumentState) -> None:
    """A surname-only or partial person name joins the one full name in the document that ends with it."""
    entities = state.entities
    full = [k for k, e in entities.items() if e.type == PERSON and len(e.name.split()) >= 2]
    by_last = surname_index({k: entities[k].name for k in full})
    by_suffix = suffix_index({k: entities[k].name for k in full})
    remap: dict[str, str] = {}
    for key, info in entities.items():
        if info.type != PERSON:
            continue
        folded = fold(info.name)
        if key in full:  # "El Aissami" -> "Tareck El Aissami"
            candidates = by_suffix.get(folded, set()) - {key}
        else:
            candidates = by_last.get(folded, set())
        if len(candidates) == 1:
            remap[key] = next(iter(candidates))
    # "Nicolas Maduro Moros" / "Nicolás Maduro": same first and last-but-one name
    for key in full:
        parts = fold(entities[key].name).split()
        if len(parts) >= 3:
            short = "person:" + slugify(f"{parts[0]} {parts[-2]}")
            if short in entities and short != key and short not in remap:
                remap[key] = short
    for i, m in enumerate(state.mentions):
        if m.key in remap:
            target = remap[m.key]
            entities[target].titles.update(entities[m.key].titles)
            entities[target].states.update(entities[m.key].states)
            state.mentions[i] = replace(m, key=target, how="surname")
    for key in remap:
        entities.pop(key, None)


@resolution_rule("retyped")
def retype_person_names(state: DocumentState) -> None:
    """A name the model typed ORG/GPE that is (the ending of) a person's name in the document is that person."""
    mentions, entities = state.mentions, state.entities
    names: dict[str, set[str]] = defaultdict(set)
    for key, info in entities.items():
        if info.type == PERSON:
            parts = fold(info.name).split()
            for i in range(len(parts)):  # the name and each shorter ending ("el aissami", "aissami")
                names[" ".join(parts[i:])].add(key)
    if not names:
        return
    for i, m in enumerate(mentions):
        if m.type in {INSTITUTION, LOCATION} and m.how == "exact":
            keys = names.get(fold(m.text))
            if keys and len(keys) == 1:
                old = m.key
                mentions[i] = replace(m, key=next(iter(keys)), type=PERSON, how="retyped")
                if not any(x.key == old for x in mentions):
                    entities.pop(old, None)


@resolution_rule("acronym", "short name")
def join_institutions(state: DocumentState) -> None:
    """An acronym ("CSIS") or a short name ("the Treasury") joins its long form in the document."""
    doc, mentions, entities = state.doc, state.mentions, state.entities
    insts = {k: e for k, e in entities.items() if e.type == INSTITUTION}
    if len(insts) < 2:
        return
    remap: dict[str, str] = {}
    long_forms = {k: e.name.split() for k, e in insts.items() if len(e.name.split()) >= 2}
    text = doc.text  # once: Doc.text joins every token
    # an acronym in parentheses right after a long form: "Center for ... Studies (CSIS)"
    for i, m in enumerate(mentions):
        if m.type != INSTITUTION or m.key not in long_forms or i + 1 >= len(mentions):
            continue
        nxt = mentions[i + 1]
        between = text[m.end : nxt.start]
        if between.strip() == "(" and ACRONYM.match(nxt.text) and nxt.key != m.key:
            remap[nxt.key] = m.key
    for key, info in insts.items():
        if key in remap or key in long_forms and not ACRONYM.match(info.name):
            continue
        if len(info.name.split()) == 1 and ACRONYM.match(info.name):
            target = [k for k, w in long_forms.items() if initials(w) == info.name.replace(".", "") and k != key]
            if len(target) == 1:
                remap[key] = target[0]
                continue
        # "Treasury" -> "Treasury Department"
        folded = fold(info.name).split()
        target = [k for k, w in long_forms.items() if k != key
                  and [fold(x) for x in w[: len(folded)]] == folded
                  and all(fold(x) in _ORG_GENERIC for x in w[len(folded):])]
        if len(target) == 1:
            remap[key] = target[0]
    for i, m in enumerate(mentions):
        if m.key in remap:
            mentions[i] = replace(m, key=remap[m.key], how="acronym" if ACRONYM.match(m.text) else "short name")
    for key in remap:
        entities.pop(key, None)


@resolution_rule("acronym")
def add_defined_acronyms(state: DocumentState) -> None:
    """An acronym the model missed, defined in brackets after a long name ("... Party (SDLP)"), and its later uses join that name."""
    doc, mentions, entities = state.doc, state.mentions, state.entities
    covered = {i for m in mentions for i in range(*m.tokens)}
    defined: dict[str, str] = {}
    n = len(doc)
    for m in mentions:
        end = m.tokens[1]
        if m.type != INSTITUTION or end + 2 >= n:
            continue
        if doc[end].text == "(" and doc[end + 2].text == ")" and end + 1 not in covered:
            acr = doc[end + 1].text
            if _DEFINED_ACRONYM.match(acr) and len(entities[m.key].name.split()) >= 2:
                defined.setdefault(acr, m.key)
    if not defined:
        return
    for tok in doc:
        key = defined.get(tok.text)
        if key is not None and tok.i not in covered:
            mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.text, INSTITUTION, key, "acronym",
                                    state.sent_of(tok.i), (tok.i, tok.i + 1)))
    mentions.sort(key=lambda m: m.start)


# ---------------------------------------------------------------------- the corpus


@dataclass(slots=True)
class _CorpusIndex:
    """Indexes over every document's entities, built once for the corpus rules."""

    names: dict[str, tuple[str, str]]  # key -> (type, name), first seen
    acronyms: dict[str, set[str]]  # acronym defined in a document -> keys it joined there
    by_last: dict[str, set[str]]
    by_suffix: dict[str, set[str]]
    long_institutions: dict[str, set[str]]  # initials -> institutions with a multi-word name
    gazetteer: Gazetteer


def _corpus_index(results: list[DocResult]) -> _CorpusIndex:
    names: dict[str, tuple[str, str]] = {}
    acronyms: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for key, info in result.entities.items():
            names.setdefault(key, (info.type, info.name))
        for m in result.mentions:
            if m.how == "acronym" and ACRONYM.match(m.text):
                acronyms[m.text.replace(".", "")].add(m.key)
    people = {k: name for k, (etype, name) in names.items() if etype == PERSON}
    long_institutions: dict[str, set[str]] = defaultdict(set)
    for key, (etype, name) in names.items():
        if etype == INSTITUTION and len(name.split()) >= 2:
            long_institutions[initials(name.split())].add(key)
    return _CorpusIndex(names, acronyms, surname_index(people), suffix_index(people), long_institutions,
                        Gazetteer.load())


@resolution_rule("surname", scope="corpus")
def corpus_surnames(key: str, etype: str, name: str, index: _CorpusIndex) -> set[str] | None:
    """A surname-only person ("Maduro") joins the one full name in the corpus ending with it; a shorter multi-word name the one longer name."""
    if etype != PERSON:
        return None
    parts = fold(name).split()
    return index.by_last.get(parts[0], set()) if len(parts) == 1 else index.by_suffix.get(" ".join(parts), set())


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
    results = list(results)
    index = _corpus_index(results)
    rules = [r for r in REGISTRY if r.scope == "corpus"]
    mapping: dict[str, tuple[str, str]] = {}
    for key, (etype, name) in index.names.items():
        for rule in rules:
            candidates = rule.func(key, etype, name, index)
            if candidates is None:
                continue
            if len(candidates) == 1:
                mapping[key] = (next(iter(candidates)), rule.name)
            break
    return mapping


def apply_mapping(results: Iterable[DocResult], mapping: dict[str, tuple[str, str]]) -> list[DocResult]:
    """New DocResults with every key replaced by its corpus key (pure; chains are followed).

    A mention that changed key records the mapping's ``how``; ``entities`` stays keyed by the
    document's keys, each Entity's ``key`` being the corpus key it joined.
    """

    def final(key: str) -> str:
        seen = set()
        while key in mapping and key not in seen:
            seen.add(key)
            key = mapping[key][0]
        return key

    out = []
    for r in results:
        if not mapping:
            out.append(r)
            continue
        mentions = []
        for m in r.mentions:
            fk = final(m.key)
            mentions.append(m if fk == m.key else replace(m, key=fk, how=mapping[m.key][1] if m.key in mapping else m.how))
        entities = {k: e if final(k) == e.key else replace(e, key=final(k)) for k, e in r.entities.items()}
        out.append(replace(
            r,
            mentions=mentions,
            entities=entities,
            links=[(s, e, final(k), how) for s, e, k, how in r.links],
            cooccurrences=[(i, sorted({final(k) for k in keys})) for i, keys in r.cooccurrences],
            relations=[replace(rel, subject=final(rel.subject), object=final(rel.object)) for rel in r.relations],
        ))
    return out


def resolve_corpus(results: Iterable[DocResult]) -> list[DocResult]:
    """The resolution stage: DocResults with corpus-wide keys applied (see :func:`corpus_mapping`)."""
    results = list(results)
    return apply_mapping(results, corpus_mapping(results))
