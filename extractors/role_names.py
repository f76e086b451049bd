"""Argument roles of role facts (HEAD_OF, MEMBER_OF) that read a name itself, not a noun.

The role facts of ``ontology.toml`` mostly read role nouns ("President Putin", "leader of the
party", see the ``holder`` and ``org`` roles of :mod:`.arguments`). The roles here cover the
constructions where the body or the holder is a name with no role noun between them:

``described``
    The noun a passive participle modifies: "the Green Alliance, led by Ana Ruiz" (the alliance
    is led), "a small party headed by Ana Ruiz" (the noun apposed to a name stands for it).
``participle_agent``
    The by-agent of that participle: "Ana Ruiz" in "the Green Alliance, led by Ana Ruiz".
``owner``
    A person named as the possessor of the trigger: "Ana Ruiz's Freedom Party", "the party of
    Ana Ruiz".
``itself``
    The institution the trigger word is part of ("Freedom Party" in "Ana Ruiz's Freedom
    Party"), or the name a common noun trigger is apposed to ("the Front, the party of ...").
``predicated``
    The names a copula says a role noun is: "members of the club have been A and B".
``apposed_person``
    The person a party's name is put in brackets after: "Ana Ruiz (Freedom Party)".
``including_head``
    The institution an "including" phrase qualifies: "the Front (including A and B)".
``named_agent`` / ``named_patient``
    The doer / the one acted upon, kept only when it is a name (or a relative pronoun whose
    noun is one): no looking into nouns and their modifiers, "a Canadian lawyer who was
    elected to the Senate" is not Canada elected.
``body_agent``
    ``named_agent`` when it is an institution: in "the bloc's list includes Chile" the list is
    not the bloc, and "Germany included France in ..." is no membership.

:data:`NAME_ROLES` maps each name to its function ``(frame) -> [(token, confidence)]``;
``arguments`` adds them to its role table (this module imports nothing of it: the frame is
used through its ``trigger``, ``ent``, ``agents`` and ``patients``).

Examples
--------
>>> sorted(NAME_ROLES)  # doctest: +NORMALIZE_WHITESPACE
['apposed_person', 'body_agent', 'described', 'including_head', 'itself', 'named_agent', 'named_patient',
 'owner', 'participle_agent', 'predicated']
"""

from __future__ import annotations

from .lexicon import words
from .syntax import REL_PRONOUNS, SUBJ_DEPS, by_agents, pobjs

__all__ = ["NAME_ROLES", "PARTICIPLE_TAG"]

COPULAS = words("arguments", "copulas")

#: Penn tag of a past participle ("led", "headed").
PARTICIPLE_TAG = "VBN"
# Prepositions after which the doer of "include" places the object elsewhere: "included
# Chile in the list" does not make Chile one of the doer's members.
PLACING_PREPS = frozenset({"in", "on", "into", "among"})


def _entity_type(f, tok) -> str | None:
    e = f.ent(tok)
    return None if e is None else e[1]


def _modifying_participle(tok) -> bool:
    return tok.dep_ == "acl" and tok.tag_ == PARTICIPLE_TAG and tok.head.i != tok.i


def _described(f):
    """The noun a passive participle trigger modifies: "the Green Alliance, led by Ana Ruiz";
    for a predicate noun, the copula's subject: "the Front is a party led by Ana Ruiz"."""
    if not _modifying_participle(f.trigger):
        return []
    noun = f.trigger.head
    if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS and f.ent(noun) is None:
        return [(c, 1.0) for c in noun.head.children if c.dep_ in SUBJ_DEPS]
    return [(noun, 1.0)]


def _participle_agent(f):
    """The by-agent of a participle modifying a noun: "Ana Ruiz" in "the alliance, led by Ana Ruiz"."""
    if not _modifying_participle(f.trigger):
        return []
    return [(p, 1.0) for p in by_agents(f.trigger)]


def _owner(f):
    """A person named as the possessor of the trigger: "Ana Ruiz's Freedom Party", "the party of Ana Ruiz"."""
    trig = f.trigger
    found = [c for c in trig.children if c.dep_ == "poss"]
    found += pobjs(trig, "of")
    return [(c, 1.0) for c in found if _entity_type(f, c) == "Person"]


def _itself(f):
    """The institution the trigger word belongs to ("Party" of "Freedom Party"). A coordinated
    name is read through a word of its own ("Freedom" of "Freedom Party"), so that "his Freedom
    Party and the Labour Party" does not make both parties his."""
    trig = f.trigger
    if _entity_type(f, trig) is None:
        # "the DRP, the party of Ana Ruiz" / "his party, the DRP": the apposed name
        names = [c for c in trig.children if c.dep_ == "appos"] + ([trig.head] if trig.dep_ == "appos" else [])
        return [(c, 1.0) for c in names if _entity_type(f, c) == "Institution"][:1]
    if _entity_type(f, trig) != "Institution":
        return []
    return _alone(f, trig)


def _alone(f, tok):
    """``tok`` read without its conjuncts: itself if it has none, else a word of the same name
    ("Freedom" of "Freedom Party"), else nothing (``Frame.fill`` adds the conjuncts of a token)."""
    if not any(c.dep_ == "conj" for c in tok.children):
        return [(tok, 1.0)]
    inner = [c for c in tok.children if c.dep_ == "compound" and f.ent(c) == f.ent(tok)]
    return [(inner[0], 1.0)] if inner else []


def _apposed_person(f):
    """The person a party's name is put in brackets after: "Ana Ruiz (Freedom Party)"."""
    trig, doc = f.trigger, f.trigger.doc
    start = trig.left_edge.i
    bracketed = doc[start].text == "(" or start > 0 and doc[start - 1].text == "("
    if trig.dep_ != "appos" or not bracketed or _entity_type(f, trig.head) != "Person":
        return []
    return _alone(f, trig.head)


def _names(f, found):
    """The tokens of ``found`` that are names; a relative pronoun stands for the name it follows."""
    out = []
    for tok, conf in found:
        if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if f.ent(tok) is not None:
            out.append((tok, conf))
    return out


def _named_agent(f):
    """The doer when it is a name ("Ana Ruiz ran for ...", not "a Chilean lawyer ran for ...")."""
    return _names(f, f.agents(f.trigger))


def _body_agent(f):
    """The doer when it is an institution's name ("the Andean Pact includes Peru")."""
    if any(c.dep_ == "prep" and c.lower_ in PLACING_PREPS for c in f.trigger.children):
        return []
    return [(t, c) for t, c in _names(f, f.agents(f.trigger)) if _entity_type(f, t) == "Institution"]


def _named_patient(f):
    """The one acted upon when it is a name ("includes Peru", not "includes Peru's bank")."""
    return _names(f, f.patients(f.trigger))


def _predicated(f):
    """The names a copula says a role noun is: "members of the club have been A and B"."""
    noun = f.trigger
    if noun.dep_ not in SUBJ_DEPS or noun.head.lemma_ not in COPULAS:
        return []
    return [(c, 1.0) for c in noun.head.children if c.dep_ == "attr" and f.ent(c) is not None]


def _including_head(f):
    """The institution an "including" phrase qualifies: "the Front (including A and B)"."""
    head = f.trigger.head
    return [(head, 1.0)] if f.trigger.dep_ == "prep" and _entity_type(f, head) == "Institution" else []


#: Role name -> function finding its tokens (added to ``arguments.ROLE_FINDERS``).
NAME_ROLES = {"described": _described, "participle_agent": _participle_agent, "owner": _owner,
              "itself": _itself, "named_agent": _named_agent, "body_agent": _body_agent,
              "named_patient": _named_patient,
              "predicated": _predicated, "including_head": _including_head, "apposed_person": _apposed_person}
