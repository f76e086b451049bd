"""Sense tests of trigger words: whether this use of a word is the event its rule stands for.

Each test reads a grammatical pattern (part of speech, dependency, object class) against a word
list of the lexicon (``extractors/data/lexicon.toml``, section ``triggers``): "condemned TO death"
dooms, "in charge of" is a post, "a hit show" is no attack, "advised X on reforms" asks nothing,
"X defeated Y in the runoff" uses no force.
"""

from __future__ import annotations

from .actors import sector_of
from .arguments import Frame
from .lexicon import words
from .ontology import Rule, spec_matches
from .syntax import OBJ_DEPS
from .triggers import LEXICON_RULE_PREFIX

__all__ = ["NAMING_TYPES", "appeal_use", "duration", "excluded", "naming_use", "other_sense", "required_in_phrase", "unarmed_force"]

FORCE_TYPES = words("triggers", "force_types")
ANSWER_TYPES = words("triggers", "answer_types")
FORCE_SENSE_VERBS = words("triggers", "force_sense_verbs")
FORCE_SECTORS = words("triggers", "force_sectors")
VERB_ONLY_FORCE = words("triggers", "verb_only_force")
IN_OF_IDIOMS = words("triggers", "in_of_idioms")
FATE_VERBS = words("triggers", "fate_verbs")
CLAUSE_SENSE_VERBS = words("triggers", "clause_sense_verbs")
JOINING_VERBS = words("arguments", "joining_verbs")
# Named-entity labels and nouns of a span of time: "fought FOR three days", "for hours".
TIME_ENTITIES = frozenset({"DATE", "TIME"})
TIME_UNITS = words("triggers", "time_units")
NAMING_VERBS = words("triggers", "naming_verbs")
NAMING_TYPES = words("triggers", "naming_types")
APPEAL_PARTICLE_VERBS = words("triggers", "appeal_particle_verbs")
APPEAL_PARTICLES = words("triggers", "appeal_particles")
APPEAL_TYPES = words("triggers", "appeal_types")
REMOVAL_VERBS = words("triggers", "removal_verbs")
# Dependencies of a verb's particle or preposition: "called ON X" (prt: X is its object; prep).
PARTICLE_DEPS = frozenset({"prt", "prep"})


def naming_use(trig) -> bool:
    """A verb of naming with an object predicate: "called the raids an escalation" judges the
    raids (criticism or praise at most), it is no appeal, demand or call."""
    return trig.pos_ == "VERB" and trig.lemma_.lower() in NAMING_VERBS and any(c.dep_ == "oprd" for c in trig.children)


def appeal_use(trig) -> bool:
    """A verb of appeal with its particle (``appeal_particle_verbs``, ``appeal_particles``):
    "called on X to", "called upon X" appeal to X (CAMEO CALL (ON) / (UPON), 020).

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=["Peru", "called", "on", "Chile"],
    ...                        heads=[1, 1, 1, 2], deps=["nsubj", "ROOT", "prep", "pobj"],
    ...                        pos=["PROPN", "VERB", "ADP", "PROPN"], lemmas=["Peru", "call", "on", "Chile"])
    >>> appeal_use(doc[1])
    True
    """
    # a preposition of time is no particle: "called Putin ON Tuesday"
    return trig.pos_ == "VERB" and trig.lemma_.lower() in APPEAL_PARTICLE_VERBS and any(
        c.dep_ in PARTICLE_DEPS and c.lower_ in APPEAL_PARTICLES and not _timed(c) for c in trig.children)


def _timed(prep) -> bool:
    """Whether a preposition's object is a date or time ("on Tuesday", "on the same day")."""
    return any(p.ent_type_ in TIME_ENTITIES or p.lemma_.lower() in TIME_UNITS for p in prep.children if p.dep_ == "pobj")


def _object_fixes_other_type(frame: Frame) -> bool:
    """For a curated rule at a verb of removal (``removal_verbs``): whether the lexicon has an
    entry naming this verb's object for another type and none for the rule's own ("withdrew its
    AMBASSADOR" is CAMEO 161, "recalled its OBSERVERS" 1661, "withdrew its TROOPS" stays 0874)."""
    trig, lexicon = frame.trigger, frame.ontology.triggers
    if lexicon is None or trig.pos_ != "VERB" or trig.lemma_.lower() not in REMOVAL_VERBS \
            or frame.rule.id.startswith(LEXICON_RULE_PREFIX):
        return False
    lemma = trig.lemma_.lower()
    by_type = {t: [e for e in lexicon.entries(t, "VERB", lemma) if e.objects is not None and e.matches(trig)]
               for t in lexicon.types()}
    return not by_type.get(frame.rule.type) and any(by_type.values())


def excluded(rule: Rule, trig) -> bool:
    """Whether the rule's sense test (``exclude``) rejects this use of its trigger word. A
    preposition of duration marks no sense: "called FOR calm" is an appeal, "spoke with X FOR an
    hour" still a conversation."""
    return any(spec_matches(child, spec) for spec in rule.exclude for child in trig.children
               if not (child.dep_ == "prep" and duration(child)))


def other_sense(frame: Frame) -> bool:
    """Sense test by modifiers, for the use of force: the trigger noun, or the event noun a trigger
    verb takes as its object, heads a multi-word noun of the lexicon of another type ("a hunger
    strike" is a protest, "launched a scathing attack" criticism, "a mock raid" an exercise)."""
    trig = frame.trigger
    if appeal_use(trig) and frame.rule.type not in APPEAL_TYPES:
        # "called ON X to ...": an appeal to X (CAMEO CALL (ON) 020), no conversation or demand
        return True
    if _object_fixes_other_type(frame):
        # "withdrew its AMBASSADOR from X": reduced relations (CAMEO 161), not a retreat
        return True
    if trig.lemma_.lower() in CLAUSE_SENSE_VERBS and frame.rule.id.startswith(LEXICON_RULE_PREFIX) \
            and not any(c.dep_ in {"xcomp", "ccomp"} for c in trig.children):
        # "advised X to leave" asks; "advised X on reforms" counsels
        return True
    if trig.lemma_.lower() in FATE_VERBS and any(c.dep_ in {"prep", "dative"} and c.lower_ == "to" for c in trig.children):
        # "condemned them TO death": doomed, not criticised
        return True
    if trig.pos_ == "VERB" and trig.lemma_.lower() in JOINING_VERBS and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" for g in c.children) for c in trig.children):
        # "joined Peru IN condemning X": joins an act (whose doers the gerund gets), not a body
        return True
    if trig.pos_ == "NOUN" and trig.lemma_.lower() in IN_OF_IDIOMS and trig.dep_ == "pobj" and trig.head.lower_ == "in":
        # "in charge of X": a post
        return True
    if _other_event_met(frame):
        return True
    if frame.rule.type in ANSWER_TYPES and any(
            c.dep_ in MET_DEPS and (e := frame.ent(c)) is not None and e[1] == "Person" for c in trig.children):
        # "would accept the president and his wife": a person received, no proposal answered
        return True
    lexicon = frame.ontology.triggers
    if lexicon is None or frame.rule.type not in FORCE_TYPES:
        return False
    if trig.pos_ == "NOUN" and trig.lemma_.lower() in VERB_ONLY_FORCE:
        # "a hit show", "a target", "the storm"
        return True
    nouns = [trig] + [c for c in trig.children if c.dep_ in OBJ_DEPS]
    for noun in nouns:
        types = lexicon.compound_types(noun) if noun.pos_ == "NOUN" else ()
        if types and frame.rule.type not in types:
            return True
    return False


# PLOVER category of the consultation types (meetings, talks, mediation, calls).
CONSULT = "CONSULT"
MET_DEPS = frozenset({"dobj", "nsubjpass"})
PARTY_ROLE = "party"


def _other_event_met(frame: Frame) -> bool:
    """Sense test by object class for verbs of meeting ("meet", "host", "welcome", "receive"): an
    event noun as their object that only other types name is met, hosted or welcomed without a
    meeting ("welcomed the agreement between X and Y", "met the deadline", "received criticism"),
    unlike a meeting's own nouns ("hosted talks between X and Y", "received a visit from X")."""
    trig, onto = frame.trigger, frame.ontology
    # rules whose object is a party met (not a topic discussed, nor an event brokered)
    if trig.pos_ != "VERB" or PARTY_ROLE not in frame.rule.object or onto.types[frame.rule.type].plover != CONSULT:
        return False
    types_of = onto.__dict__.get("_noun_types")
    if types_of is None:
        types_of = {}
        for name in onto.types:
            for noun in onto.type_nouns(name):
                types_of.setdefault(noun, set()).add(name)
        onto.__dict__["_noun_types"] = types_of
    for obj in trig.children:
        if obj.dep_ in MET_DEPS and obj.pos_ == "NOUN":
            types = types_of.get(obj.lemma_.lower()) or types_of.get(obj.lower_)
            if types and not any(onto.types[t].plover == CONSULT for t in types):
                return True
    return False


# Dependencies that leave the phrase of what an act gives or names: a clause ("to X, which used it
# for tank training"; "sent envoys to discuss weapons") or a phrase of topic or purpose.
CLAUSE_EXIT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "csubj", "parataxis"})
TOPIC_PREPS = frozenset({"about", "on", "over", "for", "regarding", "concerning", "against"})


def required_in_phrase(frame: Frame) -> bool:
    """For a rule whose required word may be any descendant (``requires_rel = ">>"``: "sold $20
    billion in weapons"), whether it lies in the phrase of the thing the act gives: not in a clause
    or a phrase of topic or purpose below it, and not a modifier of another noun ("sold a stake in
    a MISSILE maker", "a letter about the MISSILE tests")."""
    req, trig = frame.requires, frame.trigger
    if req is None or frame.rule.requires_rel != ">>":
        return True
    tok = req
    while tok.i != trig.i and tok.head.i != tok.i:
        if tok.dep_ in CLAUSE_EXIT_DEPS or tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPS:
            return False
        if tok.i == req.i and tok.dep_ in {"compound", "amod", "nmod"} and tok.head.i != trig.i \
                and not _attrs_match(tok.head, frame.rule.requires):
            return False
        tok = tok.head
    return True


def _attrs_match(tok, attrs: dict) -> bool:
    """Whether a token matches a rule's Matcher attributes (``{"LEMMA": {"IN": [...]}}``)."""
    for key, value in attrs.items():
        got = {"LEMMA": tok.lemma_.lower(), "LOWER": tok.lower_, "POS": tok.pos_, "DEP": tok.dep_, "TAG": tok.tag_}.get(key)
        allowed = value.get("IN", ()) if isinstance(value, dict) else (value,)
        if got is None or got not in allowed and got.upper() not in allowed:
            return False
    return True


def unarmed_force(frame: Frame) -> bool:
    """Whether a verb of defeat (``force_sense_verbs``) has no armed side: "X defeated Y in the
    runoff" is no use of force, "troops defeated the rebels" is."""
    return frame.trigger.lemma_.lower() in FORCE_SENSE_VERBS and not _armed_side(frame)


def _armed_side(frame: Frame) -> bool:
    """Whether a side of the act is an armed agent noun (``force_sectors``: "troops", "rebels"),
    as its doer or target or a noun an argument was reached through ("commanders of the army")."""
    trig = frame.trigger
    tokens = [t for t, _c in frame.agents(trig) + frame.patients(trig)]
    tokens += [t for path in frame.via.values() for t in path]
    return any(sector_of(t) in FORCE_SECTORS for t in tokens if t.pos_ in {"NOUN", "PROPN"})


def duration(prep) -> bool:
    """Whether a preposition's object is a span of time ("for three days", "for hours")."""
    return any(p.ent_type_ in TIME_ENTITIES or p.lemma_.lower() in TIME_UNITS for p in prep.children if p.dep_ == "pobj")
