"""Resolution inside one document: the ``document`` rules, run in registry order on typed mentions.

They run inside :func:`resolve_document`, after candidates and typing (:mod:`.mentions`) and
before pronouns and descriptions (:mod:`.coref`), and rewrite mention keys in place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .models import (
    INSTITUTION,
    LOCATION,
    PERSON,
    Entity,
    Mention,
    entity_key,
    fold,
    slugify,
)
from .names import (
    _DEFINED_ACRONYM,
    _ORG_GENERIC,
    ACRONYM,
    first_name_index,
    initials,
    suffix_index,
    surname_index,
    variant_candidates,
)
from .resolution_registry import REGISTRY, resolution_rule
from .syntax import doc_text

__all__ = ["DocumentState", "resolve_document"]


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
    for key in remap:  # "Ortiz" -> "Ortiz Mena" -> "Antonio Ortiz Mena": to the end of the chain
        seen = {key}
        while remap[key] in remap and remap[key] not in seen:
            seen.add(remap[key])
            remap[key] = remap[remap[key]]
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
    # a one-word name with a personal title ("Mr Haddadin") is a surname: the same word ending a name
    # the model typed ORG ("the owner, Karim Haddadin") ends that person's full name
    titled = {fold(info.name): key for key, info in entities.items()
              if info.type == PERSON and info.titles and len(info.name.split()) == 1}
    for i, m in enumerate(mentions):
        if m.type in {INSTITUTION, LOCATION} and m.how == "exact":
            words = m.text.split()
            key = titled.get(fold(words[-1])) if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) else None
            keys = {key} if key else names.get(fold(m.text))
            if key and len(entities[key].name.split()) == 1:
                entities[key].name = m.text
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
    text = doc_text(doc)  # Doc.text joins every token
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
