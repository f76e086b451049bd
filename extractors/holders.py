"""Role holders: the person a role noun describes and the organisation it belongs to.

The ``holder`` and ``org`` roles of :data:`.roles.ROLE_FINDERS`: "President Vladimir Putin",
"Putin, the president of Russia", "Russia's president", "a member of Sweden's parliament". Each
function takes the rule's :class:`.arguments.Frame` and the role noun and returns ``[(token,
confidence)]``.
"""

from __future__ import annotations

from .actors import is_agent_noun
from .lexicon import words
from .syntax import MODIFIER_DEPS, OBJ_DEPS, PASSIVE_SUBJ_DEPS, VERBAL_POS, subjects

__all__ = ["holders", "orgs", "staff_of_government"]

COPULAS = words("arguments", "copulas")
APPOINT_VERBS = words("arguments", "appoint_verbs")
ROLE_PREPS = words("arguments", "role_preps")
POSTING_NOUNS = words("arguments", "posting_nouns")
POSTING_PREPS = words("arguments", "posting_preps")
LOCATIVE_ROLE_PREPS = words("arguments", "locative_role_preps")
STATE_BODY_NOUNS = words("institutions", "state_bodies") | words("arguments", "state_body_nouns")
OFFICE_WORDS = words("people", "office_words")
# Keys of a government named by its seat ("Downing Street's X", "White House chief of staff X") or by
# its leader ("the Maduro government"): :mod:`.mentions` builds them.
GOVERNMENT_PREFIX = "institution:government-"


def holders(frame, noun) -> list[tuple[object, float]]:
    """The person a role noun describes."""
    e = frame.ent(noun)
    # "the Venezuelan leader" resolved to a person by the pipeline
    if e is not None and e[1] == "Person":
        return [(noun, 1.0)]
    out = []
    head = noun.head
    # "President Vladimir Putin", "Putin, the president of Russia"
    if noun.dep_ in {"compound", "appos", "nmod"} and head.i != noun.i:
        out.append((head, 1.0))
    # "his wife, Cilia Flores"
    out += [(c, 1.0) for c in noun.children if c.dep_ == "appos"]
    # "Putin is the president of Russia", "served as director of X"
    if noun.dep_ in {"attr", "oprd"} and head.lemma_ in COPULAS:
        out += subjects(head)
    # "appointed X as minister", "X was named president"
    verb = head.head if noun.dep_ == "pobj" and head.lower_ == "as" else head
    if noun.dep_ in {"pobj", "oprd"} and verb.pos_ in VERBAL_POS and verb.lemma_ in APPOINT_VERBS:
        out += [(c, 1.0) for c in verb.children if c.dep_ in OBJ_DEPS | PASSIVE_SUBJ_DEPS]
    elif noun.dep_ == "pobj" and head.lower_ == "as" and verb.pos_ in VERBAL_POS:
        # "sees Peru as an ally": the object the predicate is said of; "served as director": the subject
        objs = [(c, 1.0) for c in verb.children if c.dep_ in OBJ_DEPS]
        out += objs or subjects(verb)
    # "X, who is the president of Y"  /  verb role: "Cuba allied with Venezuela"
    if noun.pos_ in VERBAL_POS:
        out += subjects(noun)
    return out

def orgs(frame, noun) -> list[tuple[object, float]]:
    """The organisation a role noun belongs to."""
    holder_ids = {t.i for t, _ in holders(frame, noun)}
    out = []
    # "Russian President", "Russia's president", "Kremlin ally", "his wife" (a nationality
    # adjective on a profession is no role in the state: "a Chilean economist"; nor is the
    # office's field: "Trade and Industry Secretary", "Economics Minister")
    # (a place word beside an owner names where the post is: "Ernst & Young's UK head of tax")
    owned = any(c.dep_ == "poss" and (e := frame.ent(c)) is not None and e[1] == "Institution" for c in noun.children)
    for c in noun.children:
        if (c.dep_ in MODIFIER_DEPS and c.i not in holder_ids and (c.dep_ != "amod" or is_agent_noun(noun))
                and not (c.dep_ == "compound" and c.lower_ in OFFICE_WORDS)
                and not (owned and c.dep_ in {"compound", "amod"} and (e := frame.ent(c)) is not None
                         and e[1] in {"State", "Location"})):
            out.append((c, 1.0))
    # "director of the Americas Program at the Center for ...", "ally of Moscow"
    frontier = [noun]
    posting = noun.lower_ in POSTING_NOUNS
    for depth in range(2):
        nxt = []
        for tok in frontier:
            for c in tok.children:
                # "US ambassador to Venezuela": the posting is not the organisation
                if posting and depth == 0 and c.lower_ in POSTING_PREPS:
                    continue
                if c.dep_ == "prep" and c.lower_ in ROLE_PREPS:
                    for p in c.children:
                        # a place in a locative phrase is where the post is, not the body: "head
                        # of the EC delegation in Washington", "the member for Kensington"
                        if (c.lower_ in LOCATIVE_ROLE_PREPS and (e := frame.ent(p)) is not None
                                and e[1] == "Location"):
                            continue
                        if p.dep_ == "pobj" and p.i not in holder_ids:
                            out.append((p, 1.0 if depth == 0 else 0.9))
                            nxt.append(p)
                            # "a member of Sweden's parliament": the state owning the body
                            # (a member of its body is one of the state's; its head is not its head)
                            if frame.rule.type == "MEMBER_OF" and frame.ent(p) is None and p.lemma_.lower() in STATE_BODY_NOUNS:
                                out += [(m, 0.9) for m in p.children if m.dep_ in MODIFIER_DEPS and frame.ent(m) is not None]
        # the head of a named body heads it, not the body it sits in: "director of the X Centre
        # at Y University" (a member of both)
        if depth == 0 and frame.rule.type == "HEAD_OF" and any(frame.ent(p) is not None for p in nxt):
            break
        frontier = nxt
    return out


def staff_of_government(frame) -> bool:
    """Whether a role noun is a title that a government's seat or leader modifies or owns ("White
    House chief of staff X", "the Kremlin's spokesman", "Maduro government chief negotiator"): the
    holder is on that government's staff, a member of it, never its head nor the state's."""
    trig = frame.trigger
    return any(c.dep_ in {"compound", "nmod", "poss"} and c.i < trig.i and (e := frame.ent(c)) is not None
               and e[0].startswith(GOVERNMENT_PREFIX) for c in trig.children)
