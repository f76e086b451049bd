"""Tests of a relation by the class of its two sides (state, armed body, company).

A trigger word can be right and its arguments found, and the relation still wrong for the kind of
actors it joins: "the battle between two chipmakers" is no use of force, "X is part of Y Corp" is
ownership, no membership. Each test reads the entity types and names of the sides, and the agent
nouns the arguments were reached through, against a word list of ``data/lexicon.toml``
(``[sides]``) or the Phoenix agents table (:mod:`.actors`).
"""

from __future__ import annotations

from .actors import civil_sector, is_agent_noun, sector_of, sector_words
from .lexicon import words
from .syntax import OBJ_DEPS, pobjs

__all__ = ["body_headed", "business_side", "corporate_part", "endorsement", "heads_a_sub_body", "leads_a_part", "left_office",
           "place_whole", "partner_sense", "predicated_role", "question_asked", "then_role", "unarmed_contest", "warning_only"]

CONTEST_FORCE_WORDS = words("sides", "contest_force_words")
FORCE_SIDE_TYPES = words("sides", "force_side_types")
VIOLENCE_VERBS = words("sides", "violence_verbs")
FIGURATIVE_MODIFIERS = words("sides", "figurative_force_modifiers")
#: Dependencies joining two acts of one event: "attacked the village, killing six", "fought and killed".
JOINED_ACT_DEPS = frozenset({"advcl", "conj", "xcomp"})
CORPORATE_WORDS = words("sides", "corporate_words")
FORCE_TYPES = words("triggers", "force_types")
FORCE_SECTORS = words("triggers", "force_sectors")
PART_NOUNS = words("arguments", "part_nouns")
COPULAS = words("arguments", "copulas")
SUB_BODY_NOUNS = words("sides", "sub_body_nouns")
ENDORSEMENT_NOUNS = words("sides", "endorsement_nouns")
AID_KINDS = words("sides", "aid_kinds")
LEAVING_WORDS = words("sides", "leaving_words")
THREAT_WARNING_WORDS = words("sides", "threat_warning_words")
ASKING_VERBS = words("sides", "asking_verbs")
COMMERCIAL_PARTNER = words("sides", "commercial_partner_words")
LIFE_PARTNER = words("sides", "life_partner_words")
#: Types "partner" is a trigger of (as a title, a tie, a kin noun).
TITLE_WORDS = words("people", "title_words")
#: Common nouns of a body that may name one before a role noun ("the central bank governor", "the
#: Senate committee chairman"): the institution heads of the lexicon; a government or cabinet
#: is the state's own ("the Iraqi government head").
BODY_NOUNS = (words("institutions", "org_generic") | words("institutions", "institution_heads")
              | words("institutions", "name_heads_extra")) - {"administration", "cabinet", "government"}
PARTNER_TYPES = frozenset({"ALLY_OF", "MEMBER_OF", "RELATIVE_OF"})
#: Words that open an interrogative clause: "whether", "if" (as its mark), or a wh-word first.
QUESTION_MARKS = frozenset({"whether", "if"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: Links from a role noun up to the word of leaving that governs it ("as", "of", the name).
LEAVING_PATH_DEPS = frozenset({"compound", "pobj", "prep", "appos", "nmod"})
#: The civil sector (agents table ``[civil]``) of companies and their people.
BUSINESS = "business"


def _key_words(key: str) -> list[str]:
    """The words of an entity key's slug: ``"institution:free-syrian-army"`` -> free, syrian, army.

    Examples
    --------
    >>> _key_words("institution:acme-holdings-plc")
    ['acme', 'holdings', 'plc']
    """
    return key.partition(":")[2].split("-")


def _armed_name(key: str) -> bool:
    """Whether an entity's name holds an armed agent noun: "the Free Syrian Army", "Border Police".

    Examples
    --------
    >>> _armed_name("institution:free-syrian-army"), _armed_name("institution:labour-party")
    (True, False)
    """
    table = sector_words()
    return any(table.get(w) in FORCE_SECTORS for w in _key_words(key))


def unarmed_contest(frame, type_name: str, subject: tuple, obj: tuple) -> bool:
    """Whether an act of force read from a word of contests (``contest_force_words``: "battle",
    "war", "attack") joins two sides none of which can use force: no state or place, no armed
    body by name, and no armed agent noun on the way to an argument ("Intel's battle with AMD",
    "his attack on the party"; not "troops fought the rebels", "the war between X and Y" of states),
    or has a modifier that makes it a figure of speech whatever the sides ("a trade war", "a
    charm offensive": ``figurative_force_modifiers``).

    ``subject`` and ``obj`` are ``(key, entity type, confidence)`` as :meth:`Frame.fill` gives them.
    """
    trig = frame.trigger
    if type_name not in FORCE_TYPES:
        return False
    # the trigger word, or the event noun a verb takes ("launched a charm offensive")
    nouns = [trig] + [c for c in trig.children if c.dep_ in OBJ_DEPS]
    nouns += [frame.requires] if frame.requires is not None else []
    contest = [n for n in nouns if n.lemma_.lower() in CONTEST_FORCE_WORDS]
    if not contest:
        return False
    if any(_figurative(n) for n in contest):
        # "a trade war", "a farm subsidy war": a figure of speech, whoever the sides
        return True
    if any(side[1] in FORCE_SIDE_TYPES or _armed_name(side[0]) for side in (subject, obj)):
        return False
    joined = [c for c in trig.children if c.dep_ in JOINED_ACT_DEPS] + ([trig.head] if trig.dep_ in JOINED_ACT_DEPS else [])
    if any(t.lemma_.lower() in VIOLENCE_VERBS for t in joined):
        return False
    tokens = [t for t, _c in frame.agents(trig) + frame.patients(trig)]
    tokens += [t for path in frame.via.values() for t in path]
    return not any(sector_of(t) in FORCE_SECTORS for t in tokens if t.pos_ in {"NOUN", "PROPN"})


def _figurative(noun) -> bool:
    """Whether a noun of contest has a modifier of ``figurative_force_modifiers``, directly or
    through a compound ("a farm SUBSIDY war", "a TRADE war", "a CHARM offensive")."""
    if noun.pos_ != "NOUN":
        return False
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    mods += [g for c in mods for g in c.children if g.dep_ in {"compound", "amod"}]
    return any(m.lower_ in FIGURATIVE_MODIFIERS for m in mods)


def business_side(frame, tok) -> bool:
    """Whether an argument token names a company: its entity's name ends in a legal form
    (``corporate_words``: "Corp", "Plc"), or it is, is apposed to, or groups nouns of the
    business sector ("Daimler, the carmaker", "the X group of companies")."""
    e = frame.ent(tok)
    if e is not None and _key_words(e[0])[-1] in CORPORATE_WORDS:
        return True
    nouns = [tok, *(c for c in tok.children if c.dep_ == "appos"), *pobjs(tok, "of")]
    if tok.dep_ == "appos":
        nouns.append(tok.head)
    return any(n.pos_ == "NOUN" and civil_sector(n) == BUSINESS for n in nouns)


def corporate_part(frame) -> bool:
    """Whether a partitive role fact ("X is part of Y", rule object ``whole``) joins companies: a
    company owned by another is no member of it ("X is part of Y Corp", "part of the Y group of
    companies"); a person or a political body stays a member ("the senator is part of the
    committee")."""
    if "whole" not in frame.rule.object:
        return False
    holders = [t for t, _c in frame.role_tokens("holder")]
    if any((e := frame.ent(t)) is not None and e[1] == "Person" for t in holders):
        return False
    return any(business_side(frame, t) for t in [t for t, _c in frame.role_tokens("whole")] + holders)


def leads_a_part(frame) -> bool:
    """Whether a verb of leading ("led", "headed") has a part of a body as what is led, a common
    noun of ``arguments.part_nouns`` naming no entity: "a World Bank team led by X" heads the team;
    X is a member of the Bank, not its head (as ``relations._heads_a_part`` for the role nouns)."""
    if frame.rule.type != "HEAD_OF" or frame.rule.role == "trigger":
        return False
    led = [t for role in frame.rule.object if not role.startswith("prep:") for t, _c in frame.role_tokens(role)]
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in PART_NOUNS and frame.ent(t) is None for t in led)


def predicated_role(frame):
    """The copula of a role noun that is the predicate of its holder ("X would be premier", "X
    will become president"), or None: such a role is stated by that verb, with its tense and mood,
    not presupposed as a title is ("Premier X", "X, the premier")."""
    trig = frame.trigger
    if frame.rule.role == "trigger" and trig.dep_ in {"attr", "oprd"} and trig.head.lemma_.lower() in COPULAS:
        return trig.head
    return None


def heads_a_sub_body(frame) -> bool:
    """Whether a role noun is compounded with a common noun of a body or part inside the
    organisation (``sub_body_nouns``, ``arguments.part_nouns``): "the LDP executive council
    chairman" heads the council; of the LDP he is a member."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and frame.ent(c) is None
               and c.lemma_.lower() in SUB_BODY_NOUNS | PART_NOUNS for c in frame.trigger.children)


def endorsement(frame) -> bool:
    """Whether an act of giving aid gives only backing (``endorsement_nouns`` with no modifier of
    ``aid_kinds``): "gave his support to X" endorses X (SUPPORTED), "gave military support" aids."""
    req = frame.requires
    # a verb that gives it ("gave", "extended"), not a phrase of means ("retook X with the support of Y")
    if frame.rule.type != "AIDED" or frame.trigger.pos_ != "VERB" or req is None \
            or req.lemma_.lower() not in ENDORSEMENT_NOUNS:
        return False
    return not any(c.dep_ in {"amod", "compound"} and c.lower_ in AID_KINDS for c in req.children)


def left_office(frame) -> bool:
    """Whether a role noun names an office being left: after "as" of a past verb of leaving
    ("resigned last month as borough president") or in the "of" phrase of a noun of leaving ("the
    resignation of party leader X"); ``leaving_words``."""
    tok = frame.trigger
    for _ in range(4):
        if tok.dep_ not in LEAVING_PATH_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in LEAVING_WORDS:
            return tok.pos_ == "NOUN" or tok.tag_ in {"VBD", "VBN"}
    return False


def place_whole(frame) -> bool:
    """Whether the whole of a partitive ("X is part of ...") is a common noun of a place or thing,
    not a body: "part of Chinese territory" makes no member of China ("part of the Syrian
    opposition", "part of the Lebanese government" are bodies: agent nouns)."""
    if "whole" not in frame.rule.object:
        return False
    wholes = [t for t, _c in frame.role_tokens("whole")]
    return bool(wholes) and all(frame.ent(t) is None and t.pos_ == "NOUN" and not is_agent_noun(t) for t in wholes)


def body_headed(frame, type_name: str, objects: list) -> list:
    """The objects of a head title that names its own body in an "of" phrase or before it: "British
    Chancellor of the Exchequer X" heads the Exchequer, "Japan's central bank governor" the bank; "British" says whose official he is, not that he
    heads the state (the states are dropped; "President of the United States" keeps its state)."""
    if type_name != "HEAD_OF" or frame.rule.role != "trigger":
        return objects
    # a body named in the "of" phrase: an institution, or a proper name that is no state or place
    # ("of the Exchequer", which the model may leave untagged)
    bodies = [p for p in pobjs(frame.trigger, "of")
              if (e := frame.ent(p)) is not None and e[1] == "Institution" or e is None and p.pos_ == "PROPN"]
    # ... or in the words before it, which win over a possessor state: "Japan's central bank
    # governor", "X's Chamber Office chief" (not title words: "Prime Minister", "Majority Leader")
    trig = frame.trigger
    bodies += [c for c in trig.children if c.dep_ in {"compound", "nmod"} and c.i < trig.i
               and c.lower_ not in TITLE_WORDS and c.lower_ not in frame.role_nouns
               and ((e := frame.ent(c)) is not None and e[1] == "Institution"
                    or e is None and (c.pos_ == "PROPN" or c.pos_ == "NOUN" and c.lemma_.lower() in BODY_NOUNS))]
    return [o for o in objects if o[1] != "State"] if bodies else objects


def then_role(frame) -> bool:
    """Whether a role noun is marked as held in the past by "then" before its title words, where
    the parser hangs it on the clause: "then Fed chairman X said" ("the then chairman" and
    "then-chairman", attached to the noun, are read by ``arguments.past_role_words``)."""
    trig = frame.trigger
    if any(c.lower_ == "then" and c.dep_ in {"advmod", "amod", "npadvmod"} for c in trig.children):
        return True  # "X, then chairman of Y"
    start = trig.left_edge.i
    prev = trig.doc[start - 1] if start > 0 else None
    return prev is not None and prev.lower_ == "then" and prev.pos_ == "ADV" and trig.doc[start].pos_ != "PUNCT"


def warning_only(frame) -> bool:
    """Whether a warning ("warn", "warning") says what it warns of and that is no reprisal of the
    warner (``threat_warning_words``, from CAMEO's WARN patterns): "warned X that the budget was
    at risk", "warned X of a crisis" (a comment); "warned X of consequences", a bare "warned X"
    (CAMEO's default 130) stay threats."""
    trig = frame.trigger
    if frame.rule.type != "THREATENED" or trig.lemma_.lower() not in {"warn", "warning"}:
        return False
    content = [c for c in trig.children if c.dep_ in {"ccomp", "acl"} and c.pos_ in {"VERB", "AUX"}]
    content += [p for prep in ("of", "about") for p in pobjs(trig, prep)]
    if not content:
        return False
    return not any(t.lemma_.lower() in THREAT_WARNING_WORDS for c in content for t in c.subtree)


def question_asked(frame) -> bool:
    """Whether a verb of asking (``asking_verbs``) asks a question, not for an act: its complement
    is an interrogative clause ("asked X whether ...", "was asked what Y could do", "how ...") and
    nothing is asked for ("asked X for help", "asked X to leave")."""
    trig = frame.trigger
    if trig.pos_ != "VERB" or trig.lemma_.lower() not in ASKING_VERBS:
        return False
    if pobjs(trig, "for") or any(c.dep_ == "xcomp" and _to_infinitive(c) and not _interrogative(c) for c in trig.children):
        return False
    return any(c.dep_ in {"ccomp", "csubj", "xcomp", "dobj"} and _interrogative(c) for c in trig.children)


def _to_infinitive(verb) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _interrogative(clause) -> bool:
    """Whether a clause is a question: marked by "whether"/"if", or opened by a wh-word ("what Y
    could do", "how to help")."""
    if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children):
        return True
    first = clause.left_edge
    return first.tag_ in WH_TAGS and first.i < clause.i


def partner_sense(frame, type_name: str, subject: tuple, obj: tuple) -> bool:
    """Whether "partner" is read in the wrong sense for this type, from its modifiers and sides
    (True: drop the edge). A partner in trade or business (``commercial_partner_words``) is no
    ally, relative or member; a life partner (``life_partner_words``), or one between two persons
    ("X and his partner Y"), is a relative; a partner at or in a firm, or a person's partnership
    of a body, is a member; between other actors ("a coalition partner", "Russia's partner") an ally."""
    trig = frame.trigger
    if trig.lemma_.lower() != "partner" or type_name not in PARTNER_TYPES:
        return False
    mods = set(trig.doc[trig.left_edge.i:trig.i].text.lower().split())
    if mods & COMMERCIAL_PARTNER:
        return True
    if mods & LIFE_PARTNER or subject[1] == "Person" and obj[1] == "Person":
        sense = "RELATIVE_OF"
    elif any(c.dep_ == "prep" and c.lower_ in {"at", "in"} for c in trig.children) \
            or subject[1] == "Person" and obj[1] not in {"Person", "State"}:
        sense = "MEMBER_OF"
    else:
        sense = "ALLY_OF"
    return type_name != sense
