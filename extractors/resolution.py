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
['surname', 'variant', 'retyped', 'acronym']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .gazetteer import Gazetteer
from .lexicon import words
from .models import INSTITUTION, LOCATION, PERSON, DocResult, Entity, Mention, entity_key, fold, same_actor_name, slugify

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
    from .corrections import CORRECTION_HOWS

    out = [{"how": how, "scope": "typing", "rule": how, "summary": text} for how, text in TYPING_HOWS.items()]
    for rule in REGISTRY:
        out += [{"how": how, "scope": rule.scope, "rule": rule.func.__name__, "summary": rule.summary} for how in rule.how]
    out += [{"how": how, "scope": "corrections", "rule": how, "summary": text} for how, text in CORRECTION_HOWS.items()]
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


# Arabic article prefixes of a surname: "al-Sisi", "el-Sisi", "As-Sadr" compare as "sisi", "sadr".
_ARTICLE = re.compile(r"^(?:al|el|ad|ed|as|es|ash|an|ar|at|az|ul)[-' ]")


def name_core(word: str) -> str:
    """A surname for comparing spellings: folded, without an Arabic article, hyphens or quotes.

    >>> name_core("al-Sisi") == name_core("el-Sisi") == name_core("Sisi")
    True
    """
    return re.sub(r"[^a-z0-9]", "", _ARTICLE.sub("", fold(word)))


def edit_distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``bound + 1`` when it is larger than ``bound``.

    >>> edit_distance("gaddafi", "qaddafi", 2), edit_distance("zelensky", "zelenskyy", 2), edit_distance("ab", "xyz", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > bound:
            return bound + 1
        prev = cur
    return min(prev[-1], bound + 1)


def _surname_bound(core: str) -> int:
    """Spelling differences allowed in a surname: none under 5 letters, one under 9, else two."""
    return 0 if len(core) < 5 else 1 if len(core) < 9 else 2


def _first_names_agree(a: str, b: str) -> bool:
    """"Volodymyr" / "Volodymyr", "V." / "Volodymyr", "Muammar" / "Moammar" (one letter, long names)."""
    a, b = fold(a).rstrip("."), fold(b).rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return min(len(a), len(b)) >= 6 and edit_distance(a, b, 1) <= 1


def variant_candidates(name: str, people: dict[str, str]) -> set[str]:
    """People (key -> name) whose name is a spelling variant of ``name``, the closest only.

    A full name matches when first names agree and the surnames are within a bounded edit
    distance after :func:`name_core`; a one-word name matches surnames the same way. Only the
    candidates at the smallest distance are returned (the caller joins when there is one).

    >>> people = {"person:muammar-gaddafi": "Muammar Gaddafi", "person:hannibal-gaddafi": "Hannibal Gaddafi"}
    >>> variant_candidates("Muammar Qaddafi", people)
    {'person:muammar-gaddafi'}
    >>> sorted(variant_candidates("Qaddafi", people))
    ['person:hannibal-gaddafi', 'person:muammar-gaddafi']
    """
    parts = name.split()
    if not parts:
        return set()
    core = name_core(parts[-1])
    bound = _surname_bound(core)
    best: dict[str, int] = {}
    for key, other in people.items():
        oparts = other.split()
        if len(oparts) < 2 or fold(other) == fold(name):
            continue
        if len(parts) >= 2 and not _first_names_agree(parts[0], oparts[0]):
            continue
        d = edit_distance(core, name_core(oparts[-1]), bound)
        if d <= bound:
            best[key] = d
    if not best:
        return set()
    low = min(best.values())
    return {k for k, d in best.items() if d == low}


def first_name_index(names: dict[str, str]) -> dict[str, set[str]]:
    """First words of full person names: ``{"xi": {"person:xi-jinping"}}``."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        if len(parts) >= 2:
            index[parts[0]].add(key)
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
        new = entity_key("institution:", info.name, state.entities)
        state.entities.pop(key)
        state.entities.setdefault(new, Entity(new, INSTITUTION, info.name))
        _rekey(state.mentions, {key: new}, type=INSTITUTION, how="context")


@resolution_rule("surname", "given name")
def join_surnames(state: DocumentState) -> None:
    """A surname-only or partial person name joins the one full name in the document that ends with it; else a given name the one full name it starts."""
    entities = state.entities
    full = [k for k, e in entities.items() if e.type == PERSON and len(e.name.split()) >= 2]
    by_last = surname_index({k: entities[k].name for k in full})
    by_suffix = suffix_index({k: entities[k].name for k in full})
    by_first = first_name_index({k: entities[k].name for k in full})
    remap: dict[str, str] = {}
    given: set[str] = set()
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
        elif not candidates and key not in full:  # "Xi" -> "Xi Jinping": a given name, or a Chinese surname, first
            firsts = by_first.get(folded, set())
            if len(firsts) == 1:
                remap[key] = next(iter(firsts))
                given.add(key)
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
            state.mentions[i] = replace(m, key=target, how="given name" if m.key in given else "surname")
    for key in remap:
        entities.pop(key, None)


@resolution_rule("variant")
def join_variants(state: DocumentState) -> None:
    """A person name spelled another way in the same document ("Zelensky" / "Volodymyr Zelenskyy") joins the one closest full name."""
    entities = state.entities
    people = {k: e.name for k, e in entities.items() if e.type == PERSON}
    remap: dict[str, str] = {}
    for key, name in people.items():
        candidates = variant_candidates(name, {k: n for k, n in people.items() if k != key and k not in remap})
        if len(candidates) == 1:
            target = next(iter(candidates))
            if len(name.split()) >= 2 and len(people[target].split()) < len(name.split()):
                continue  # the longer name is the node; the shorter joins it
            if len(name.split()) == len(people[target].split()) and _mentions(state, key) > _mentions(state, target):
                continue  # equal names: the rarer spelling joins the commoner
            remap[key] = target
    for key in list(remap):  # no chains: a target never moves itself
        if remap[key] in remap:
            del remap[key]
    for i, m in enumerate(state.mentions):
        if m.key in remap:
            target = remap[m.key]
            entities[target].titles.update(entities[m.key].titles)
            entities[target].states.update(entities[m.key].states)
            state.mentions[i] = replace(m, key=target, how="variant")
    for key in remap:
        entities.pop(key, None)


def _mentions(state: DocumentState, key: str) -> int:
    return sum(1 for m in state.mentions if m.key == key)


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


@resolution_rule("short name")
def people_as_institution_names(state: DocumentState) -> None:
    """A one- or two-word 'person' without a title that starts one institution's longer name in the document ("Baikal" / "Baikal Finance Group"), or is its singular ("Lib Dem" / "Lib Dems"), is that institution."""
    entities = state.entities
    insts = {k: fold(e.name) for k, e in entities.items() if e.type == INSTITUTION}
    people = {k: fold(e.name) for k, e in entities.items() if e.type == PERSON}
    remap: dict[str, str] = {}
    for key, name in people.items():
        info = entities[key]
        if info.titles or len(name.split()) > 2:
            continue
        if any(other != key and (n.startswith(name + " ") or n.endswith(" " + name)) for other, n in people.items()):
            continue  # the start or end of a person's full name
        found = [k for k, n in insts.items() if n.startswith(name + " ") or n == name + "s"]
        if len(found) == 1:
            remap[key] = found[0]
    if not remap:
        return
    _rekey(state.mentions, remap, type=INSTITUTION, how="short name")
    for key in remap:
        entities.pop(key, None)


@resolution_rule("acronym", "short name")
def join_institutions(state: DocumentState) -> None:
    """An acronym ("CSIS") or a short name ("the Treasury") joins its long form in the document."""
    doc, mentions, entities = state.doc, state.mentions, state.entities
    insts = {k: e for k, e in entities.items() if e.type == INSTITUTION}
    if len(insts) < 2:
        return
    remap: dict[str, str] = {}
    long_forms = {k: e.name.split() for k, e in insts.items() if len(e.name.split()) >= 2}
    # an acronym in parentheses right after a long form: "Center for ... Studies (CSIS)"
    for i, m in enumerate(mentions):
        if m.type != INSTITUTION or m.key not in long_forms or i + 1 >= len(mentions):
            continue
        nxt = mentions[i + 1]
        between = doc.text[m.end : nxt.start]
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
    counts: Counter = field(default_factory=Counter)  # key -> mentions in the corpus
    dates: dict[str, set[str]] = field(default_factory=dict)  # key -> ISO dates of its documents
    states: dict[str, set[str]] = field(default_factory=dict)  # person key -> states of its title phrases
    docs: dict[str, set[str]] = field(default_factory=dict)  # key -> documents


def _corpus_index(results: list[DocResult]) -> _CorpusIndex:
    names: dict[str, tuple[str, str]] = {}
    acronyms: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    dates: dict[str, set[str]] = defaultdict(set)
    states: dict[str, set[str]] = defaultdict(set)
    docs: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for m in result.mentions:
            counts[m.key] += 1
        for key, info in result.entities.items():
            names.setdefault(key, (info.type, info.name))
            states[key] |= info.states
            docs[key].add(result.doc_id)
            if result.date:
                dates[key].add(str(result.date)[:10])
        for m in result.mentions:
            if m.how == "acronym" and ACRONYM.match(m.text):
                acronyms[m.text.replace(".", "")].add(m.key)
    people = {k: name for k, (etype, name) in names.items() if etype == PERSON}
    long_institutions: dict[str, set[str]] = defaultdict(set)
    for key, (etype, name) in names.items():
        if etype == INSTITUTION and len(name.split()) >= 2:
            long_institutions[initials(name.split())].add(key)
    return _CorpusIndex(names, acronyms, surname_index(people), suffix_index(people), long_institutions,
                        Gazetteer.load(), counts, dict(dates), dict(states), dict(docs))


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
    people = {k: n for k, (t, n) in index.names.items() if t == PERSON and k != key}
    found = {k for k in variant_candidates(name, people) if compatible(key, k, index)}
    if len(name.split()) >= 2:
        # the rarer spelling joins the commoner one (never both ways)
        found = {k for k in found if (index.counts[k], k) > (index.counts[key], key)}
    if found or len(name.split()) != 1:
        return found or None
    found = {k for k in first_name_index(people).get(fold(name), set()) if compatible(key, k, index)}
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


def _corpus_mapping(results: list[DocResult]) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """The mapping and the person keys left apart because several people could be meant."""
    index = _corpus_index(results)
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


def resolve_corpus(results: Iterable[DocResult], *, corrections=None) -> list[DocResult]:
    """The resolution stage: DocResults with corpus-wide keys applied (see :func:`corpus_mapping`),
    then the analyst's ``corrections`` (:func:`newsgraph.extractors.corrections.apply_corrections`)."""
    from .corrections import apply_corrections

    results = split_collisions(results)
    mapping, ambiguous = _corpus_mapping(results)
    results = apply_mapping(results, mapping)
    if ambiguous:  # a short name several people in the corpus could be: a node of its own, flagged
        results = [replace(r, entities={k: (replace(e, ambiguous=True) if k in ambiguous and e.key == k else e)
                                        for k, e in r.entities.items()}) for r in results]
    return apply_corrections(results, corrections)


def split_collisions(results: Iterable[DocResult]) -> list[DocResult]:
    """Keys two documents gave to different actors (same transliteration, different script
    names: "李刚" and "李钢") get a short hash in every document but the first.

    >>> a = DocResult("a", None, 0, [], {"person:ligang": Entity("person:ligang", PERSON, "李刚")}, [], {}, [])
    >>> b = DocResult("b", None, 0, [], {"person:ligang": Entity("person:ligang", PERSON, "李钢")}, [], {}, [])
    >>> [list(r.entities) for r in split_collisions([a, b])]
    [['person:ligang'], ['person:ligang-141f6a30']]
    """
    results = list(results)
    first: dict[str, str] = {}
    out = []
    for r in results:
        remap = {}
        for key, info in r.entities.items():
            owner = first.setdefault(key, info.name)
            if not same_actor_name(owner, info.name):
                remap[key] = entity_key(key.split(":", 1)[0] + ":", info.name, {key: Entity(key, info.type, owner)})
        out.append(r if not remap else _rekey_result(r, remap))
    return out


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
