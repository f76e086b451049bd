"""Arguments: which entities fill a rule's subject and object roles around its trigger.

A :class:`Frame` is one rule match (the trigger token and its named pattern nodes). Each role a
rule may name (``agent``, ``patient``, ``recipient``, ``holder``, ...) is a function in
:data:`ROLE_FINDERS` that finds the role's tokens in the dependency tree (active and passive
voice, nominalisations, coordination, relative clauses, appositions, title compounds);
``prep:<word>`` takes the objects of that preposition. :meth:`Frame.fill` maps the tokens to
entities through the caller's ``entity_of`` and keeps the first role that yields any.
"""

from __future__ import annotations

from newsgraph.corpus.errors import RulesError

from .actors import APART_SECTORS, acts_for_state, is_agent_noun, sector_of
from .lexicon import words
from .nested import adjective_pair, allegiance, own_title, shared_object, stranded_by, title_list
from .roles import ROLE_FINDERS, ROLES
from .syntax import (
    CLAUSE_DEPS, DATIVE_DEPS, INHERITED, LIGHT_VERB_OBJ_DEPS, MODIFIER_ARG, MODIFIER_DEPS,
    NOMINAL_POS, NOUN_AGENT_MOD_DEPS, OBJ_DEPS, PASSIVE_SUBJ_DEPS, PLURAL_TAGS, PREP_ARG, PREP_DEPS,
    REL_PRONOUNS, SPEAKER_PRONOUNS, VERBAL_POS, APPOSED_OBJ_DEPS, ASSISTING_VERBS, clause_agents, clause_verbs,
    event_scopes, hyphen_pair, is_gerund_noun, is_light_verb, is_passive, is_reduced_passive, lemma, listed_members,
    partners_in, pobjs, reception_verb, relative_first,
    reported_speaker, source_phrases, subject_read_as_object, subjects, with_conjuncts,
)

__all__ = ["Frame", "ROLE_FINDERS", "ROLES"]

FALLBACK_PREPS = words("arguments", "fallback_preps")
GROUP_PREPS = words("arguments", "group_preps")
FRAME_PREPS = words("arguments", "frame_preps")
RESULT_VERBS = words("arguments", "result_verbs")
PURPOSE_PREPS = words("arguments", "purpose_preps")
PAST_ROLE_WORDS = words("arguments", "past_role_words")
BUSINESS_NOUNS = words("arguments", "business_nouns")
STATE_SECTORS = words("arguments", "state_sectors")
INDEFINITE_DETS = words("arguments", "indefinite_determiners")
TARGET_MODIFIED_NOUNS = words("arguments", "target_modified_nouns")
ACT_ON_TYPES = words("arguments", "act_on_types")
REQUEST_TYPES = words("arguments", "request_types")
STATE_PREPS = words("arguments", "state_preps")
STATE_VERBS = words("arguments", "state_verbs")
RECIPROCAL_EVENTS = words("triggers", "reciprocal_events")
VICTIM_NOUNS = words("triggers", "victim_nouns")
POSTING_NOUNS = words("arguments", "posting_nouns")
# Fallback of the ``party`` role: group nouns only ("US officials", "a delegation of Chinese
# officials"), not the owner or author of a thing ("welcomed Blair's courage", "hosted
# Brown's speech", "welcomed the decision by India" are no meetings).
GROUP_ONLY = "group"
GROUP_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


class Frame:
    """Argument finding for one rule match (one trigger token and its named pattern nodes)."""

    def __init__(self, doc, rule, nodes: dict[str, int], ent, ontology, role_nouns: frozenset[str]):
        self.doc = doc
        self.role_nouns = role_nouns
        self.rule = rule
        self.nodes = nodes
        self.ent = ent
        self.ontology = ontology
        self.trigger = doc[nodes["trigger"]]
        self.head = doc[nodes["head"]] if "head" in nodes else None
        self.requires = doc[nodes["requires"]] if "requires" in nodes else None
        #: entity key -> the nouns it was reached through ("leaders of Romania's government":
        #: [leaders, government]), outermost first; absent for a named argument
        self.via: dict[str, list] = {}
        #: the role that filled the last :meth:`fill` ("holder": a title's presupposed holder)
        self.filled_by: str | None = None

    # ------------------------------------------------------------------ arguments

    def fill(self, roles: tuple[str, ...], allowed: tuple[str, ...], *,
             exclude: frozenset[str] = frozenset()) -> list[tuple[str, str, float]]:
        """Entities of the first role (in order) that yields any of an allowed type, other than
        ``exclude`` (the subjects, when filling the object: "X apologised to Y for its boats")."""
        plural = self.trigger.tag_ in PLURAL_TAGS
        for role in roles:
            # role nouns name their own holder and organisation: no group-noun guessing, and
            # "President Putin and Maduro" does not make Maduro a president
            # (and a name qualified by an "of" phrase is that name alone: in "A of X and B of Y",
            # B is not of X)
            direct = role in {"holder", "org", "named_head"}
            fallback = False if direct else GROUP_ONLY if role == "party" else True
            found: dict[str, tuple[str, str, float]] = {}
            for tok, conf in self.role_tokens(role):
                if role == "holder" and plural:
                    # "Party leaders A, B and C" (B parsed as an apposition), not a name with a
                    # title of its own: "leaders A and B, and Green Party leader C"
                    names = [t for t in with_conjuncts(tok) + title_list(tok, self.ent)
                             if t.i == tok.i or not own_title(t, self.role_nouns)]
                    ents = [e for t in names for e in self.entities(t, fallback, conjuncts=False)]
                else:
                    ents = self.entities(tok, fallback, conjuncts=plural or not direct or role == "org" and self.ent(tok) is not None)
                for key, etype, econf in ents:
                    if etype in allowed and key not in exclude and (key not in found or found[key][2] < conf * econf):
                        found[key] = (key, etype, conf * econf)
            if found:
                self.filled_by = role
                return list(found.values())
        return []


    def role_tokens(self, role: str) -> list[tuple[object, float]]:
        """The tokens filling ``role`` (a :data:`ROLE_FINDERS` name or ``prep:<word>``)."""
        if role.startswith("prep:"):
            # any preposition: "asylum in Russia", "withdrawal from Panama"
            return [(p, 1.0) for p in self.prep_objects(role[5:])]
        finder = ROLE_FINDERS.get(role)
        if finder is None:
            raise RulesError(f"rule {self.rule.id}: unknown role {role!r}")
        return finder(self)

    def entities(self, tok, fallback, *, conjuncts: bool = True) -> list[tuple[str, str, float]]:
        """Entities of an argument token and its conjuncts ("Russia or Cuba")."""
        out = []
        for t in with_conjuncts(tok) if conjuncts else [tok]:
            out += self._resolve(t, fallback)
        return out

    def _resolve(self, tok, fallback, depth: int = 0) -> list[tuple[str, str, float]]:
        """The entity a token stands for, looking into a group noun when ``fallback`` allows
        (True: any; ``GROUP_ONLY``: modifiers and of/from phrases of a group noun; False: none)."""
        e = self.ent(tok)
        if e is not None:
            if e[1] == "State" and self._one_national(tok):
                return []
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
            speaker = reported_speaker(tok)
            if speaker is not None:
                found = self._resolve(speaker, True, depth + 1)
                return [f for f in found if f[1] != "Person"] if tok.lower_ == "it" else found
        if not fallback or tok.pos_ not in NOMINAL_POS:
            return []
        # the parties of an event noun are not those of the act on it: "hosts a meeting of A and
        # B" is no meeting of the host with A
        if fallback == GROUP_ONLY and self._event_noun(tok):
            return []
        # "a former commander, Gen. Reverol": the apposed name; the names listed for a group noun:
        # "two carmakers - A and B", "neighbours, including A and B", "firms such as A and B"
        listed = [e for c in listed_members(tok) if (e := self.ent(c)) is not None]
        if listed:
            return [(e[0], e[1], 1.0) for e in listed]
        # "Assad, another close Kremlin ally": the name this noun is apposed to
        if tok.dep_ == "appos" and (e := self.ent(tok.head)) is not None:
            return [(e[0], e[1], 1.0)]
        # a former holder does not act for the body: "the former president of X met Y" is not X
        if any(c.dep_ in {"amod", "compound"} and c.lower_ in PAST_ROLE_WORDS for c in tok.children):
            return []
        # "US forces", "Israeli soldiers", "Saddam Hussein's proposal" (but "Maduro's deputy" is not Maduro)
        person_ok = tok.lower_ not in self.role_nouns and tok.lemma_.lower() not in self.role_nouns
        mod_deps, preps = (GROUP_MODIFIER_DEPS, GROUP_PREPS) if fallback == GROUP_ONLY else (MODIFIER_DEPS, FALLBACK_PREPS)
        if fallback == GROUP_ONLY and (not person_ok or is_agent_noun(tok)):
            # a role or agent noun acts for its possessor: "met Chile's foreign minister", "Iraq's army"
            mod_deps = MODIFIER_DEPS
        if self._act_noun(tok):
            # an act done to someone stands for its doer: "condemned the murder of X by Y" is Y;
            # its "of" phrase, and the possessor of a victim noun ("Tanaka's murder"), were acted on
            # (the parser often hangs the by-phrase on the "of" object: "the murder of [X by Y]")
            # (or on the verb taking the act as object: "condemned the murder of X [by Y]")
            doers = [e for p in [p for o in pobjs(tok, "of") for p in pobjs(o, "by")] + stranded_by(tok)
                     for e in self._resolve(p, fallback, depth + 1)]
            if doers and depth < 2:
                return self._through(tok, [(k, t, c * PREP_ARG) for k, t, c in doers])
            preps = tuple(p for p in preps if p != "of")
            if tok.lemma_.lower() in VICTIM_NOUNS and not pobjs(tok, "of"):
                mod_deps = frozenset({"amod"})
        # a nationality adjective beside an owner is a qualifier: "Turkey's Venezuelan interests"
        # are Turkey's (the adjective counts alone: "Serb forces", "Iraqi officials")
        adjective_ok = not any((c.dep_ == "poss" or any(g.dep_ == "case" for g in c.children))
                               and self.ent(c) is not None for c in tok.children)
        # ... and one member of a non-state sector is not the state: "a Russian dissident", "a
        # Chinese activist" (but "an Israeli soldier", "Iraqi dissidents", "an Australian ultimatum")
        if tok.tag_ not in PLURAL_TAGS and any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETS for c in tok.children):
            adjective_ok = adjective_ok and sector_of(tok) in STATE_SECTORS | {None}
        # a business is from its country, not the state's agent: "a US company", "Chinese airlines"
        # nor are its dissidents, exiles or protesters: "asylum to a Russian dissident" (actors.py)
        # (people of a civil sector stand for their state only in conflict, as event coding does:
        # "killed Afghan civilians" is an attack on Afghanistan; "met Afghan farmers" meets no state)
        state_ok = tok.lemma_.lower() not in BUSINESS_NOUNS and (acts_for_state(tok) or (
            sector_of(tok) not in APART_SECTORS and self.ontology.types[self.rule.type].family == "conflict"))
        venue_named = self._event_noun(tok)
        mods = [e for c in tok.children if c.dep_ in mod_deps and (c.dep_ != "amod" or adjective_ok)
                for m in with_conjuncts(c) if (e := self.ent(m)) and (person_ok or e[1] != "Person")
                and (state_ok or c.dep_ == "poss" or e[1] not in {"State", "Location"})
                # the venue naming an event is no participant: "the Kyoto treaty", "the Geneva talks"
                and not (e[1] == "Location" and c.dep_ in {"compound", "nmod"} and venue_named)]
        if any(mods):
            return self._through(tok, [(m[0], m[1], MODIFIER_ARG) for m in mods if m])
        if (loyal := allegiance(tok, self.ent)) and person_ok:
            # "forces loyal to Assad": the one the group is loyal to
            return self._through(tok, [(e[0], e[1], PREP_ARG) for e in loyal])
        if is_agent_noun(tok) and tok.lower_ not in POSTING_NOUNS:
            # "a spokesman for the ministry" speaks for it ("the envoy for Syria" is posted there)
            preps = (*preps, "for")
        # a party named in an "of" phrase is a group's member ("a delegation of X", "the leaders
        # of X"), not the patient of an act on a singular non-agent noun ("welcomed the release of X")
        act_of = fallback == GROUP_ONLY and tok.tag_ not in PLURAL_TAGS and not is_agent_noun(tok)
        # "the government of Sindh", "demands from the rebels"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps and not (act_of and c.lower_ == "of"):
                # with its conjuncts: "the boards of A, B and C", "officials from A and B"
                objs_ = [t for p in c.children if p.dep_ == "pobj" for t in with_conjuncts(p)]
                objs = [self.ent(p) for p in objs_]
                if any(objs):
                    return self._through(tok, [(o[0], o[1], PREP_ARG) for o in objs if o])
                # one plural group noun or agent noun deeper: "a group of Kenyan diplomats",
                # "calls by Belarus's rulers", "leaders of Romania's government" (not "the use of
                # the Russian language")
                if depth == 0:
                    deeper = [(k, t, conf * PREP_ARG) for p in objs_ if p.tag_ in PLURAL_TAGS or sector_of(p)
                              for k, t, conf in self._resolve(p, fallback, depth + 1)]
                    if deeper:
                        return self._through(tok, deeper)
        return []

    def joint_parties(self, allowed: tuple[str, ...]) -> list[tuple[str, str, float]]:
        """The parties of "between X and Y" on an event noun (the trigger, or the object of a
        trigger verb): "a deal between X and Y", "hosted talks between X and Y". They act
        together; whoever hosts or brokers the event is not one of them."""
        trig = self.trigger
        nouns = [trig] if trig.pos_ in NOMINAL_POS or is_gerund_noun(trig) else []
        nouns += [c for c in trig.children if c.dep_ in OBJ_DEPS and c.pos_ in NOMINAL_POS]
        for noun in nouns:
            found: dict[str, tuple[str, str, float]] = {}
            for p in [p for scope in event_scopes(noun) for p in pobjs(scope, "between")]:
                for key, etype, conf in self.entities(p, True):
                    if etype in allowed:
                        found.setdefault(key, (key, etype, conf))
            if not found:
                # "a meeting OF X and Y": two named parties (not "of the leaders of A, B, C ...")
                named = {e[0]: e for p in pobjs(noun, "of") for e in self.entities(p, False) if e[1] in allowed}
                found = named if len(named) == 2 else {}
            if len(found) < 2:
                # "the Peru-Chile talks": a hyphenated pair of names modifying the event noun
                # (or of state adjectives, maybe on a compound of the noun: "the US-Greek bases accord")
                pair = hyphen_pair(noun, self.ent) or adjective_pair(noun, self.ent)
                found = {e[0]: (e[0], e[1], MODIFIER_ARG) for e in pair if e[1] in allowed}
            if len(found) >= 2:
                return list(found.values())
        return []

    def hosted_event(self) -> bool:
        """Whether the trigger verb's object is an event of several named parties ("X hosted a
        meeting of A and B"): its doer is no party of that event."""
        trig = self.trigger
        if trig.pos_ in VERBAL_POS:
            objs = [c for c in trig.children if c.dep_ in OBJ_DEPS and c.pos_ in NOMINAL_POS]
        else:
            objs = [trig] if trig.dep_ in OBJ_DEPS and trig.head.pos_ in VERBAL_POS else []
        return any(len([t for t in with_conjuncts(p) if self.ent(t) is not None]) >= 2
                   for o in objs for p in pobjs(o, "of"))

    def received_verb(self):
        """The reception verb of the trigger noun ("X rejected an offer from Y"), or None."""
        return self._received(self.trigger)

    def _received(self, tok):
        """The reception verb of an event noun (:func:`.syntax.reception_verb`), or None."""
        if tok.pos_ not in NOMINAL_POS:
            return None
        return reception_verb(tok, of_is_doer=self.rule.possessive == "agent")

    @staticmethod
    def _one_national(tok) -> bool:
        """Whether a state's demonym names one of its people: "an Israeli", "the Belgian (had an
        operation)" (a person of that nationality, not the state; "the Israelis", "Israeli troops",
        "Israel" are the state; nor is "the army", a description linked to its state)."""
        return (tok.pos_ in {"NOUN", "PROPN"} and tok.tag_ not in PLURAL_TAGS and tok.dep_ not in GROUP_MODIFIER_DEPS
                and tok.ent_type_ in {"NORP", ""} and any(c.dep_ == "det" for c in tok.children) and not is_agent_noun(tok))

    def _act_noun(self, tok) -> bool:
        """Whether a noun names an act done to a target (a noun of ``act_on_types`` or a victim
        noun): "murder", "arrest", "invasion", "sanctions"."""
        if tok.pos_ not in NOMINAL_POS:
            return False
        nouns = self.ontology.__dict__.get("_act_nouns")
        if nouns is None:
            nouns = frozenset().union(VICTIM_NOUNS, *(self.ontology.type_nouns(t) for t in ACT_ON_TYPES
                                                      if t in self.ontology.types))
            self.ontology.__dict__["_act_nouns"] = nouns
        return tok.lemma_.lower() in nouns

    def _event_noun(self, tok) -> bool:
        """Whether a noun names an event: a noun trigger of the lexicon or of a curated rule."""
        return tok.lemma_.lower() in self.ontology.event_nouns()

    def _through(self, noun, found: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
        """Record that the entities ``found`` were reached through ``noun`` (see :attr:`via`)."""
        for key, _t, _c in found:
            inner = self.via.get(key, [])
            if not inner or inner[0].i != noun.i:
                self.via[key] = [noun] + inner
        return found

    def actor(self, key: str) -> tuple[str | None, str | None]:
        """``(actor_role, actor_sector)`` of an argument entity reached through nouns: the words
        of the outermost noun ("opposition leaders") and the first sector along the path."""
        path = self.via.get(key)
        if not path:
            return None, None
        outer = path[0]
        words = [c for c in outer.lefts if c.dep_ in {"compound", "amod"} and self.ent(c) is None] + [outer]
        sector = next((s for t in path if (s := sector_of(t)) is not None), None)
        return " ".join(w.lower_ for w in sorted(words, key=lambda t: t.i)), sector

    def agents(self, tok, depth: int = 0, *, modifiers: bool = True) -> list[tuple[object, float]]:
        """The doer of a verb, adjective or event noun (``modifiers``: may a name modifying the
        noun be its doer)."""
        if tok.pos_ in VERBAL_POS:
            return subjects(tok)
        if tok.pos_ == "ADJ":
            # "Israel is opposed to ...": the copula's subject
            return subjects(tok.head) if tok.head.pos_ in VERBAL_POS else []
        if tok.pos_ == "ADP":
            return self.agents(tok.head, depth + 1) if depth < 3 else []
        # event noun: "arrest by US forces" (also as parsed in "the arrest of [X by US forces]")
        out = [(p, 1.0) for p in pobjs(tok, "by")]
        if not out and self._act_noun(tok):
            out = [(p, PREP_ARG) for p in [p for o in pobjs(tok, "of") for p in pobjs(o, "by")] + stranded_by(tok)]
        if out:
            return out
        # received event: "X received an offer from Y", "X has the backing of Y"
        of_is_doer = self.rule.possessive == "agent"
        if reception_verb(tok, of_is_doer=of_is_doer) is not None:
            return [(p, 1.0) for p in source_phrases(tok, of_is_doer=of_is_doer)]
        # "Russia's offer" (unless the rule reads the possessor as the patient: "Maduro's arrest")
        if self.rule.possessive == "agent" or pobjs(tok, "of"):
            out = [(c, 1.0) for c in tok.children if c.dep_ == "poss"]
            if out:
                return out
        # "Vatican mediation", "US sanctions", "Russian offer" ... unless a noun whose modifier may
        # be its target has a doer elsewhere: "the Iran sanctions (bill) passed by X"
        out = self._modifier_names(tok) if modifiers else []
        if out and self._targeted(tok):
            return self.agents(tok, depth, modifiers=False) or out
        if out:
            return out
        # "the sanctions (that) X imposed on Y", "the embargo enforced by X"
        out = [(a, INHERITED) for v in clause_verbs(tok) for a in clause_agents(v)]
        if out:
            return out
        if depth >= 3:
            return []
        head = tok.head
        # light verb: "Russia presented a proposal", "Putin and Maduro hold talks"
        if tok.dep_ in LIGHT_VERB_OBJ_DEPS and head.pos_ in VERBAL_POS and (is_light_verb(head) or tok.dep_ == "attr"):
            return [(t, c * INHERITED) for t, c in subjects(head)]
        # "mediation mission": the compound's head noun carries the frame
        if tok.dep_ == "compound" and head.pos_ in NOMINAL_POS:
            return self.agents(head, depth + 1, modifiers=modifiers and not self._targeted(tok))
        # "engaged in talks", "through Vatican mediation" (not "the raid resulted in his capture":
        # the subject of a result verb is a cause, not the doer)
        if (tok.dep_ == "pobj" and head.dep_ in PREP_DEPS and head.lower_ in FRAME_PREPS
                and head.head.pos_ in VERBAL_POS and head.head.lemma_ not in RESULT_VERBS) or self._at_war(tok):
            # "backed Iraq in the fight against X": the one backed fights ("joined Y in": both)
            partners = partners_in(head) if tok.dep_ == "pobj" else []
            if partners and lemma(head.head) in ASSISTING_VERBS:
                return partners
            return [(t, c * INHERITED) for t, c in subjects(head.head)] + partners
        return []

    @staticmethod
    def _at_war(tok) -> bool:
        """Whether a reciprocal event noun is the state its verb's subject is in or goes into: "X
        is AT war with Y", "X went TO war against Y" (``state_preps``, ``state_verbs``)."""
        head = tok.head
        return (tok.dep_ == "pobj" and tok.lemma_.lower() in RECIPROCAL_EVENTS and head.lower_ in STATE_PREPS
                and head.head.pos_ in VERBAL_POS and head.head.lemma_.lower() in STATE_VERBS)

    def patients(self, tok) -> list[tuple[object, float]]:
        """The one acted upon by a verb or event noun."""
        if tok.pos_ in VERBAL_POS or tok.pos_ == "ADJ":
            # (not the subject of the clause after it: "warned X was a threat" warned no X)
            objs = [c for c in tok.children if c.dep_ in OBJ_DEPS and not subject_read_as_object(c)]
            if not objs:
                # "named Tareck El Aissami as ..." parsed as an object predicate
                objs = [c for c in tok.children if c.dep_ == "oprd"][:1]
            if not objs and not is_passive(tok):
                # "Japan condemned and sanctioned Iran": the object shared with the next verb
                objs = shared_object(tok)
            if objs and self.ent(objs[0]) is None:
                # "named Maduro's vice-president, Tareck El Aissami, as ...": the apposed name
                named = [c for c in tok.children if c.dep_ in APPOSED_OBJ_DEPS and c.i > objs[0].i and self.ent(c) is not None]
                if named:
                    return [(c, 1.0) for c in named]
            if not objs and is_reduced_passive(tok):
                # "the SDF, backed by the US", "the US-backed SDF": the noun the participle modifies
                # (not an event noun, whose modifiers name its doer: "the US ban imposed by X")
                named = self.ent(tok.head) is not None
                return [(tok.head, 1.0)] if named or not self._event_noun(tok.head) else []
            if is_passive(tok):
                # "X was arrested": the passive subject (unless a ditransitive keeps its object)
                if objs:
                    return [(c, 1.0) for c in objs]
                passive_subjects = [c for c in tok.children if c.dep_ in PASSIVE_SUBJ_DEPS]
                return [(c, 1.0) for c in relative_first(tok, passive_subjects)]
            return [(c, 1.0) for c in objs]
        # "X rejected Y's demand": the receiver
        if (verb := self._received(tok)) is not None:
            return [(t, c * INHERITED) for t, c in subjects(verb)]
        # "the arrest of Maduro"
        out = [(p, 1.0) for p in pobjs(tok, "of")]
        if out:
            return out
        # "Maduro's arrest (by US forces)"
        if self.rule.possessive == "patient" or pobjs(tok, "by"):
            out = [(c, 1.0) for c in tok.children if c.dep_ == "poss"]
            if out:
                return out
        # "the Iran sanctions imposed by X", "X passed the Syrian sanctions bill": the name
        # modifying the noun (or the head it is compounded with) when the doer is named elsewhere
        if self._targeted(tok) and (doers := self.agents(tok, modifiers=False)):
            doer_ids = {t.i for t, _c in doers}
            nouns = [tok] + ([tok.head] if tok.dep_ == "compound" and tok.head.pos_ in NOMINAL_POS else [])
            return [(t, c) for n in nouns for t, c in self._modifier_names(n) if t.i not in doer_ids]
        return []

    def _modifier_names(self, tok) -> list[tuple[object, float]]:
        """Names modifying a noun before it: "Vatican mediation", "US sanctions"."""
        return [(c, MODIFIER_ARG) for c in tok.children if c.dep_ in NOUN_AGENT_MOD_DEPS and c.i < tok.i and self.ent(c) is not None]

    def _targeted(self, tok) -> bool:
        """Whether a name modifying this noun may be its target ("Iran sanctions")."""
        return tok.pos_ in NOMINAL_POS and tok.lemma_.lower() in TARGET_MODIFIED_NOUNS

    def recipients(self, tok) -> list[tuple[object, float]]:
        """The receiver of a giving verb or noun."""
        # "X received an offer from Y"
        if (verb := self._received(tok)) is not None:
            return [(t, c * INHERITED) for t, c in subjects(verb)]
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
        out += [(p, 1.0) for p in pobjs(tok, "to")]
        # "the aid (that) X delivered to Y"
        out += [(p, INHERITED) for v in clause_verbs(tok) for p in pobjs(v, "to")] if tok.pos_ in NOMINAL_POS else []
        # "Assad was granted asylum": the passive subject of a ditransitive
        if tok.pos_ in VERBAL_POS and is_passive(tok) and any(c.dep_ in OBJ_DEPS for c in tok.children):
            out += [(c, 1.0) for c in tok.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        # noun: "presented a proposal to the US"
        if not out and tok.pos_ in NOMINAL_POS and tok.dep_ in LIGHT_VERB_OBJ_DEPS and tok.head.pos_ in VERBAL_POS:
            verb = tok.head
            out += [(c, INHERITED) for c in verb.children if c.dep_ in DATIVE_DEPS and c.pos_ != "ADP"]
            out += [(p, INHERITED) for p in pobjs(verb, "to")]
        return out

    def prep_objects(self, word: str) -> list:
        """Objects of preposition ``word`` on the trigger, its head, required word, object or light verb."""
        trig = self.trigger
        scopes = [trig]
        for extra in (self.head, self.requires):
            if extra is not None:
                scopes.append(extra)
        scopes += [c for c in trig.children if c.dep_ in OBJ_DEPS]
        if trig.pos_ in NOMINAL_POS and (trig.dep_ in LIGHT_VERB_OBJ_DEPS or trig.dep_ == "pobj" and trig.head.lower_ in FRAME_PREPS
                                         or self._at_war(trig)):
            verb = trig.head.head if trig.dep_ == "pobj" else trig.head
            if verb.pos_ in VERBAL_POS:
                scopes.append(verb)
        if trig.dep_ == "compound" and trig.head.pos_ in NOMINAL_POS:
            scopes.append(trig.head)
        # "the sanctions (that) X imposed ON Y"
        if trig.pos_ in NOMINAL_POS:
            scopes += clause_verbs(trig)
        # the event the act serves: "mobilized reservists FOR a war against X"
        # (the phrase may hang on the act's object: "mobilized reservists for a war against X")
        scopes += [p for w in [trig] + [c for c in trig.children if c.dep_ in OBJ_DEPS] for c in w.children
                   if c.dep_ == "prep" and c.lower_ in PURPOSE_PREPS
                   for p in c.children if p.dep_ == "pobj" and self._event_noun(p)]
        # the "of" phrase of an act the trigger verb takes as object was acted on by the act's
        # doer, not by the trigger's: "condemned the murder OF X" (a light verb carries the act:
        # "launched an invasion OF X")
        if word == "of" and trig.pos_ in VERBAL_POS:
            acts = set() if is_light_verb(trig) else {c.i for c in trig.children if c.dep_ in OBJ_DEPS and self._act_noun(c)}
            if self.rule.type in REQUEST_TYPES:
                # ... nor the one asked: "called FOR the release of X", "pressed for the
                # extradition of X" ask whoever holds X
                acts |= {p.i for c in trig.children if c.dep_ == "prep" and c.lower_ in PURPOSE_PREPS
                         for p in c.children if p.dep_ == "pobj" and self._act_noun(p)}
            scopes = [s for s in scopes if s.i not in acts]
        out, seen = [], set()
        for scope in scopes:
            for p in pobjs(scope, word):
                if p.i not in seen:
                    seen.add(p.i)
                    out.append(p)
        return out
