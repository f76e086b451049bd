"""The role table of the argument finder: each role a rule may name in ``subject`` / ``object``
(``agent``, ``patient``, ``recipient``, ``holder``, ...) is one function ``(frame) -> [(token,
confidence)]`` giving the tokens that fill it; :meth:`.arguments.Frame.fill` maps them to entities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .holders import holders, orgs
from .lexicon import ordered, words
from .role_names import NAME_ROLES
from .syntax import (
    CLAUSE_DEPS, INHERITED, MODIFIER_ARG, MODIFIER_DEPS, OBJ_DEPS, PASSIVE_SUBJ_DEPS, PREP_ARG,
    SUBJ_DEPS, VERBAL_POS, is_mandative, is_passive, pobjs,
)

if TYPE_CHECKING:
    from .arguments import Frame

__all__ = ["ROLE_FINDERS", "ROLES", "role"]

XCOMP_PREPS = ordered("arguments", "xcomp_preps")
BORDER_NOUNS = ordered("arguments", "border_nouns")
BORDER_PREPS = ordered("arguments", "border_preps")
WITH_PREPS = ordered("arguments", "with_preps")
TERRITORIAL_TITLES = words("arguments", "territorial_titles")
#: Punctuation that ends one clause and starts another (not a comma: "X must go, Y demanded").
CLAUSE_BREAKS = frozenset({"-", "--", "\u2013", "\u2014", ";"})


# ---------------------------------------------------------------------- the role table
# Each role a rule may name is one function ``(frame) -> [(token, confidence)]``: the tokens that
# fill the role; ``Frame.fill`` then maps them to entities.

#: Role name -> function finding its tokens.
ROLE_FINDERS: dict[str, Callable[["Frame"], list[tuple[object, float]]]] = {}


def role(name: str):
    """Register a role function under the name rules use in ``subject`` / ``object``."""

    def register(func):
        ROLE_FINDERS[name] = func
        return func

    return register


@role("agent")
def _agent(f: Frame):
    """The doer: active subject, passive by-agent, possessor or modifier of an event noun."""
    return f.agents(f.trigger)


@role("patient")
def _patient(f: Frame):
    """The one acted upon: direct object, passive subject, "of" phrase of an event noun."""
    return f.patients(f.trigger)


@role("party")
def _party(f: Frame):
    """The one met, hosted or received: as ``patient`` (its nouns count only as groups, see ``Frame.fill``)."""
    return f.patients(f.trigger)


@role("recipient")
def _recipient(f: Frame):
    """The receiver: indirect object, "to" phrase, passive subject of a ditransitive."""
    return f.recipients(f.trigger)


@role("with")
def _with(f: Frame):
    """The other party of a joint act: "with", "between", "among"."""
    return [(p, PREP_ARG if w != "with" else 1.0) for w in WITH_PREPS for p in f.prep_objects(w)]


@role("head_agent")
def _head_agent(f: Frame):
    """The doer of the event the trigger attaches to: "Russia offered ... via Vatican"."""
    head = f.head if f.head is not None else f.trigger.head
    found = f.agents(head)
    if not found and head.pos_ in VERBAL_POS and is_passive(head):
        # "Russia's offer was channelled through X": the doer of the passive subject event
        for c in head.children:
            if c.dep_ in PASSIVE_SUBJ_DEPS and c.pos_ == "NOUN":
                found += [(t, conf * INHERITED) for t, conf in f.agents(c)]
    return found


@role("head_patient")
def _head_patient(f: Frame):
    """The object of the event the trigger attaches to: "held talks with X" / "hosted X" (not the
    trigger itself: in "hosts a meeting of A and B" the host did not meet A)."""
    return [(t, c) for t, c in f.patients(f.head if f.head is not None else f.trigger.head) if t.i != f.trigger.i]


@role("pobj")
def _pobj(f: Frame):
    """The object of a preposition trigger: "via Vatican"."""
    return [(c, 1.0) for c in f.trigger.children if c.dep_ == "pobj"]


@role("requires_mod")
def _requires_mod(f: Frame):
    """The entity modifying the required word: "Vatican mediation", "offered Maduro asylum"."""
    req = f.requires
    if req is None:
        return []
    mods = [(c, MODIFIER_ARG) for c in req.children if c.dep_ in MODIFIER_DEPS and f.ent(c) is not None]
    return mods or [(req, 1.0)]


@role("addressee")
def _addressee(f: Frame):
    """The one a demand is addressed to: an object that is an entity ("urged Congress") or controls
    the next verb ("urged US forces to leave"), or the doer of the act demanded ("demanded an
    admission by Moscow"); never another party of that act ("demanded his release")."""
    trig = f.trigger
    passive = is_passive(trig)
    objs = [c for c in trig.children if c.dep_ in OBJ_DEPS or (passive and c.dep_ in PASSIVE_SUBJ_DEPS)]
    controlled = any(c.dep_ in CLAUSE_DEPS for c in trig.children)
    out = [(c, 1.0) for c in objs if controlled or f.ent(c) is not None]
    return out or [(p, 1.0) for o in objs if o.pos_ == "NOUN" for p in pobjs(o, "by")]


@role("clause_subject")
def _clause_subject(f: Frame):
    """The subject of a complement clause: "demanded that the US cancel ...". A clause before the
    trigger and cut off from it by a dash or semicolon is another sentence the parser joined ("A
    and B want a cap - the Bank urged an increase"): not the content of the demand."""
    trig = f.trigger
    return [(s, 1.0) for c in trig.children if c.dep_ in CLAUSE_DEPS and is_mandative(c)
            and not (c.i < trig.i and any(t.text in CLAUSE_BREAKS for t in f.doc[c.right_edge.i + 1 : trig.i]))
            for s in c.children if s.dep_ in SUBJ_DEPS]


@role("xcomp_args")
def _xcomp_args(f: Frame):
    """The objects of a controlled verb: "refused to meet X", "threatened to strike X"."""
    out = []
    for c in f.trigger.children:
        if c.dep_ == "xcomp":
            direct = f.patients(c) + f.recipients(c)
            out += direct
            if any(f.entities(t, True) for t, _conf in direct):
                # "refused to meet X in Tel Aviv": the place is no second target
                continue
            for scope in [c] + [o for o in c.children if o.dep_ in OBJ_DEPS]:
                for w in XCOMP_PREPS:
                    out += [(p, PREP_ARG) for p in pobjs(scope, w)]
    return out


@role("frontier")
def _frontier(f: Frame):
    """The state across a border the act is placed at: "massed troops on the border WITH X",
    "along the KUWAITI border", "at X's frontier" (the parser may hang the "with" on the verb)."""
    out = []
    for w in BORDER_PREPS:
        for noun in f.prep_objects(w):
            if noun.lemma_.lower() not in BORDER_NOUNS:
                continue
            out += [(p, 1.0) for p in pobjs(noun, "with")]
            out += [(c, MODIFIER_ARG) for c in noun.children if c.dep_ in MODIFIER_DEPS and f.ent(c) is not None]
            if not out:
                out += [(p, PREP_ARG) for p in pobjs(f.trigger, "with")]
    return out


@role("named_head")
def _named_head(f: Frame):
    """The person a preposition trigger qualifies right after the name: "Ann Lee of the Labour
    Party" (a name, not a noun: "the leader of X" is read by the role nouns)."""
    head = f.trigger.head
    e = f.ent(head)
    if f.trigger.dep_ != "prep" or head.pos_ != "PROPN" or e is None or e[1] != "Person":
        return []
    if any(c.dep_ == "compound" and c.lower_ in TERRITORIAL_TITLES for c in head.children):
        return []  # "Lord X of Conwy": a seat, not a body
    objs = list(f.trigger.children)
    if f.trigger.i > 0 and f.trigger.nbor(-1).text == "," and len(objs) == 1 and objs[0].dep_ == "pobj" \
            and objs[0].pos_ == "PROPN" and len(list(objs[0].subtree)) == 1:
        return []  # "X, of Burnley, said": a bare one-word name set off by commas is where X is from
    return [(head, 1.0)]


@role("named_body")
def _named_body(f: Frame):
    """The institution named by a preposition trigger's object: "of the Labour Party" (not a state
    or place: "Lee of Ohio" names where she is from)."""
    return [(c, 1.0) for c in f.trigger.children
            if c.dep_ == "pobj" and (e := f.ent(c)) is not None and e[1] == "Institution"]


@role("holder")
def _holder(f: Frame):
    """The person a role noun describes: "President Putin", "Rendon, associate director"."""
    return holders(f, f.trigger)


@role("org")
def _org(f: Frame):
    """The organisation of a role noun: "Russian President", "director at CSIS"."""
    return orgs(f, f.trigger)


@role("whole")
def _whole(f: Frame):
    """The body a partitive noun is part of: its "of" phrase or possessor ("a faction of X", "X's
    armed wing"), not a place modifying it ("X's Syrian affiliate" is in Syria, not of it)."""
    trig = f.trigger
    return [(p, 1.0) for p in pobjs(trig, "of")] + [(c, 1.0) for c in trig.children if c.dep_ == "poss"]


# the roles of role facts that read names: see extractors/role_names.py
ROLE_FINDERS.update(NAME_ROLES)

#: Argument roles a rule may name (plus ``prep:<preposition>``: "asylum in Russia").
ROLES = frozenset(ROLE_FINDERS)
