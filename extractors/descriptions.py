"""Definite descriptions of states and organisations: "the regime", "the coalition", "the group".

A description is a common noun of ``[coref] description_heads`` with "the"/"this" ("the
regime", "the global coalition") or a lower-case noun modifying a plural agent noun ("coalition
forces", "government troops", "regime forces"). It refers back to the one state or organisation
of the document that was named or described before with the same head noun:

* a name whose head is that noun: "the Syrian Arab Coalition" ... "the coalition", "the Assad
  regime" ... "the regime", "the Iraqi army" (a state agent: Iraq) ... "the army";
* a name the text describes by that noun: "X is a militant group", "X, an armed group, ...",
  "the jihadist group X" ... "the group".

Armed men with "the" ("the militants", "the fighters", "the rebels": plural nouns of the agents
table's armed-group and rebel sectors) refer back to the one organisation the text names or
describes as such ("ISIL fighters", "X is a jihadist group", "the terrorist organisation X").

The government nouns (``[institutions] leader_government_nouns``: regime, government,
administration, junta) are one class: "the Assad government" ... "the regime". With two candidates
("the Counter-Daesh Coalition" and "the Syrian Arab Coalition") nothing is linked: the text does
not say which; nor when the description's sentence offers another referent before it (a speaker
of another body: "a Conservative spokeswoman said the party"; an indefinite of the same noun: "if
a party ..., the party"; another state for a government noun). A description with a modifier naming an entity ("the Syrian regime") is a mention
already; one with its own "of" phrase or possessor ("the government of X", "its army") is not a
back reference. Links are made as ``how="description"``.

Examples
--------
>>> sorted(DESCRIPTION_HEADS & GOVERNMENT_NOUNS)
['administration', 'government', 'junta', 'regime']
"""

from __future__ import annotations

from .actors import sector_of
from .lexicon import words
from .models import INSTITUTION, LOCATION, PERSON, STATE, Mention
from .syntax import PLURAL_TAGS, SPEECH_VERBS, VERBAL_POS, lemma, subjects, tokens_with_text

__all__ = ["DESCRIPTION_HEADS", "GOVERNMENT_NOUNS", "link_descriptions"]

DESCRIPTION_HEADS = words("coref", "description_heads")
GOVERNMENT_NOUNS = words("institutions", "leader_government_nouns")
COPULAS = words("arguments", "copulas")
#: Sectors (actors.sector_of) of armed men apart from a state: "the militants", "the rebels" refer back
#: to the one organisation the text names or describes as such ("ISIL fighters", "a militant group").
ARMED_SECTORS = frozenset({"armed group", "rebels"})
#: The class of those descriptions and antecedents.
ARMED = "<armed group>"
#: Description heads that name a body of a state ("Britain's government", "Iraq's army").
STATE_BODY_HEADS = (GOVERNMENT_NOUNS | words("institutions", "state_bodies")) & DESCRIPTION_HEADS
#: Determiners of a description that refers back ("the regime", "this group"); not "a", "its".
BACK_DETERMINERS = frozenset({"the", "this"})
#: Sectors (actors.sector_of) of the plural agent noun a description modifies: armed men ("coalition
#: forces", "government troops", "militia fighters"), not "government supporters", "group companies".
AGENT_SECTORS = frozenset({"armed group", "intelligence", "military", "police"})
#: Dependencies of a common noun that describes a name: "X is a group" (attr), "X, a group" (appos),
#: "the group X" (compound).
DESCRIBING_DEPS = frozenset({"attr", "appos", "compound"})


def _noun_class(lemma: str) -> str:
    """The class a head noun is matched by: the government nouns are one class."""
    return "government" if lemma in GOVERNMENT_NOUNS else lemma


def link_descriptions(doc, mentions: list[Mention], links: dict) -> None:
    """Add ``{token index: (key, type, "description")}`` to ``links`` for the descriptions of
    states and organisations that refer back to one entity (see the module docstring)."""
    actors = [m for m in mentions if m.type not in {PERSON, LOCATION}]
    if not actors:
        return
    in_mention = {i for m in mentions for i in range(*m.tokens)}
    heads = [(t, _noun_class(t.lemma_.lower())) for t in tokens_with_text(doc, DESCRIPTION_HEADS, lower=True)
             if t.i not in in_mention and t.i not in links and _is_description(t, in_mention)]
    heads += [(t, ARMED) for t in doc if t.tag_ in PLURAL_TAGS and t.i not in in_mention and t.i not in links
              and _is_armed_description(t, in_mention)]
    if not heads:
        return
    named = _named_classes(doc, actors)
    for tok, cls in sorted(heads, key=lambda x: x[0].i):
        keys = {(key, etype) for i, key, etype, c in named if c == cls and i < tok.i}
        if len(keys) == 1 and not _rival_before(tok, cls, *next(iter(keys)), mentions, in_mention):
            key, etype = keys.pop()
            links[tok.i] = (key, etype, "description")


def _rival_before(tok, cls: str, key: str, etype: str, mentions, in_mention: set[int]) -> bool:
    """Whether the description's own sentence offers another referent before it: an indefinite
    noun of the same class ("if a party rings ..., the party"), a speaker of another body ("a
    Conservative spokeswoman said the party ..."), or, for a government noun, another state
    ("Britain's envoy said the government ...")."""
    start = tok.sent.start
    if any(_noun_class(t.lemma_.lower()) == cls and t.i not in in_mention
           and any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in t.children)
           for t in tok.doc[start:tok.i]):
        return True
    speaker = _speaker(tok)
    if speaker is not None and any(c.dep_ in {"compound", "amod"} and (c.ent_type_ in {"NORP", "ORG"} or c.i in in_mention)
                                   and not _mentions_key(c, key, mentions) for c in speaker.children):
        return True
    return cls == "government" and any(m.type == STATE and m.key != key and start <= m.tokens[0] < tok.i for m in mentions)


def _speaker(tok):
    """The subject of the speech verb whose reported clause holds ``tok`` ("X said the party ...")."""
    verb = tok.head
    while verb.pos_ not in VERBAL_POS and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or lemma(verb.head) not in SPEECH_VERBS:
        return None
    subj = [t for t, _conf in subjects(verb.head)]
    return subj[0] if subj else None


def _mentions_key(tok, key: str, mentions) -> bool:
    return any(m.key == key and m.tokens[0] <= tok.i < m.tokens[1] for m in mentions)


def _named_classes(doc, actors) -> list[tuple[int, str, str, str]]:
    """``(token index, key, type, noun class)`` for each way the text names or describes an actor
    by a head noun: the head of its name, the nouns of a state agent ("Syrian government forces":
    government, force), a noun predicated of it ("X is a militant group") or naming it ("the
    jihadist group X")."""
    out = []
    inside = {i for m in actors for i in range(*m.tokens)}
    for m in actors:
        span = doc[m.tokens[0]:m.tokens[1]]
        root = span.root
        out.append((root.i, m.key, m.type, _noun_class(root.lemma_.lower())))
        # a state agent mention ends after its demonym: "Syrian government forces" (character end)
        for tok in doc[m.tokens[1]:]:
            if tok.idx >= m.end:
                break
            if tok.pos_ == "NOUN":
                out.append((tok.i, m.key, m.type, _noun_class(tok.lemma_.lower())))
        head = root.head
        if (head.i > root.i and head.pos_ == "NOUN" and head.i not in inside
                and (root.dep_ == "compound" and m.type != STATE
                     or root.dep_ in {"compound", "poss"} and head.lemma_.lower() in STATE_BODY_HEADS)):
            # "the Asad regime", "the Hezbollah movement", "Britain's government", "Iraq's army": the
            # noun the name modifies (a state's only when it is a body of the state: "Sweden's
            # largest group" says where a company is from, not what Sweden is)
            out.append((head.i, m.key, m.type, _noun_class(head.lemma_.lower())))
        for noun in _describing_nouns(root):
            out.append((noun.i, m.key, m.type, _noun_class(noun.lemma_.lower())))
            if m.type == INSTITUTION and _armed(noun):
                out.append((noun.i, m.key, m.type, ARMED))  # "X is a militant group"
        if m.type == INSTITUTION and root.dep_ == "compound" and head.i > root.i and _armed(head):
            out.append((head.i, m.key, m.type, ARMED))  # "ISIL fighters", "Hamas militants"
    return out


def _armed(noun) -> bool:
    """Whether a noun, or an adjective or noun modifying it, names a non-state armed group
    (:data:`ARMED_SECTORS`): "fighters", "a militant group", "a terrorist organisation"."""
    return sector_of(noun) in ARMED_SECTORS or any(
        c.dep_ in {"amod", "compound"} and c.i < noun.i and sector_of(c) in ARMED_SECTORS for c in noun.children)


def _is_armed_description(tok, in_mention: set[int]) -> bool:
    """Whether a plural noun is "the militants", "the fighters", "the rebels": armed men referring
    back, with "the" and no modifier naming an entity, no possessor, no "of"/"from" phrase."""
    if tok.pos_ != "NOUN" or sector_of(tok) not in ARMED_SECTORS:
        return False
    children = list(tok.children)
    if any(c.i in in_mention or c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in {"of", "from"}
           or c.i < tok.i and c.dep_ in {"compound", "amod"} and not c.text.islower() for c in children):
        return False
    det = [c for c in children if c.dep_ == "det"]
    return len(det) == 1 and det[0].lower_ == "the"


def _describing_nouns(root) -> list:
    """Common nouns the text says a name is: "X is a militant group" (the copula's attribute),
    "X, an armed group" (apposition), "the group X" (a lower-case compound before the name)."""
    out = []
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in COPULAS:
        out += [c for c in root.head.children if c.dep_ == "attr"]
    out += [c for c in root.children if c.dep_ in DESCRIBING_DEPS - {"attr"} and c.i != root.i]
    return [n for n in out if n.pos_ == "NOUN" and n.text.islower() and n.tag_ not in PLURAL_TAGS]


def _is_description(tok, in_mention: set[int]) -> bool:
    """Whether a head-noun token is a description that refers back: a singular noun with "the" /
    "this" and no modifier naming an entity, no possessor and no "of" phrase; or a
    lower-case noun modifying a plural agent noun ("coalition forces", "government troops")."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.tag_ in PLURAL_TAGS:
        return False  # ("the Government" is often tagged a proper noun)
    children = list(tok.children)
    if any(c.i in in_mention or c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return False  # "the Syrian regime", "its army", "the government of X"
    if any(c.i < tok.i and c.dep_ in {"compound", "amod"} and not c.text.islower() for c in children):
        return False  # "the Wagner Group": a name the model missed, not a description
    if tok.dep_ == "compound":
        if not tok.text.islower() and not tok.is_sent_start:
            return False  # "Coalition forces" inside a sentence: a name (spans.py)
        head = tok.head
        return (head.i > tok.i and head.pos_ == "NOUN" and head.tag_ in PLURAL_TAGS and head.i not in in_mention
                and sector_of(head) in AGENT_SECTORS and not any(c.dep_ == "det" and c.lower_ not in BACK_DETERMINERS
                                                     for c in head.children))
    det = [c for c in children if c.dep_ == "det"]
    return len(det) == 1 and det[0].lower_ in BACK_DETERMINERS
