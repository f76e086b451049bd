"""Typing cues: the grammatical tests that decide what a candidate name is in its sentence.

Each predicate takes a spaCy ``Span`` (one candidate name) and answers one question from the
words around it: does a place name act for its government (:func:`acting`: "Moscow said",
"talks with Washington", "Moscow warned Kyiv") or name a place (:func:`is_locative`: "in
Moscow", "flew to Moscow")? Is a capitalised word a person, an organisation or a title? The
word lists are in ``data/lexicon.toml``; the event verbs are the verb lemmas of the trigger
lexicon ``data/triggers.toml`` (CAMEO). :mod:`.mentions` applies them.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc, Span
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Moscow", "warned", "Kyiv"], heads=[1, 1, 1],
...           deps=["nsubj", "ROOT", "dobj"], lemmas=["Moscow", "warn", "Kyiv"], pos=["PROPN", "VERB", "PROPN"])
>>> acting(Span(doc, 0, 1)), acting(Span(doc, 2, 3))
(True, True)
>>> doc = Doc(nlp.vocab, words=["She", "visited", "Kyiv"], heads=[1, 1, 1],
...           deps=["nsubj", "ROOT", "dobj"], lemmas=["she", "visit", "Kyiv"], pos=["PRON", "VERB", "PROPN"])
>>> acting(Span(doc, 2, 3))
False
"""

from __future__ import annotations

from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import words
from .syntax import PLURAL_TAGS

__all__ = [
    "acting", "actor_noun", "event_verbs", "field_of_title", "foreign_sentence", "held_company", "led_government", "in_event_name", "in_title",
    "is_dateline", "is_locative", "named_place", "names_institution", "names_person", "names_state", "of_person", "of_title", "org_context",
    "org_cue", "people_noun", "place_word", "population_head", "state_agent",
    "title_before_name", "titled_name", "token_before",
]

# Dependency labels of a word that acts (subject, agent, possessor of an action).
ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "compound", "appos", "conj"}
# Dependency labels of a verb's patient: "Moscow warned Kyiv", "accused Washington of ...".
PATIENT_DEPS = {"dobj", "dative"}
LOCATIVE_PREPS = words("places", "spatial_preps") | words("places", "locative_preps")
MOTION_LEMMAS = words("places", "motion_lemmas")
STATE_NAME_WORDS = words("places", "state_name_words")
TITLE_WORDS = words("people", "title_words")
_TITLE_GLUE = words("people", "title_glue")
PERSON_ONLY_TITLES = words("people", "person_only_titles")
PERSON_NOUNS = words("coref", "leader_nouns") | words("people", "person_nouns_extra")
INSTITUTION_HEADS = words("institutions", "institution_heads")
NAME_HEADS = words("institutions", "org_generic") | INSTITUTION_HEADS | words("institutions", "name_heads_extra")
ORG_CUE_NOUNS = words("institutions", "org_cue_nouns")
ORG_CUE_PARTICIPLES = words("institutions", "org_cue_participles")
OFFICE_WORDS = words("people", "office_words")
OFFICE_TITLES = words("people", "office_titles")
PARTY_LAST = words("institutions", "party_last_words")
PARTY_FIRST = words("institutions", "party_first_words")
EVENT_HEADS = words("places", "event_heads")
PLACE_NOUNS = words("places", "place_nouns")
PLACE_OF_NOUNS = words("places", "place_of_nouns")
FEATURE_HEADS = words("places", "feature_heads")
FEATURE_FIRSTS = words("places", "feature_firsts")
HELD_PARTICIPLES = words("places", "held_participles")
FEATURE_SURNAMES = words("places", "feature_surnames")
STATE_COLLECTIVES = words("institutions", "state_bodies") | words("institutions", "state_collectives")
LEADER_GOVERNMENT_NOUNS = words("institutions", "leader_government_nouns")
EVENT_MODIFIERS = words("places", "event_modifiers")
LOCAL_OFFICE_TITLES = words("places", "local_office_titles")
HOLDING_NOUNS = words("places", "holding_nouns")
POPULATION_NOUNS = words("names", "population_nouns")


# CAMEO root codes of verbal interaction, whose target is an actor: statements, appeals, intent,
# consultation, diplomatic cooperation, demands, disapproval, rejection, threats, reduced relations.
VERBAL_CAMEO = {"01", "02", "03", "04", "05", "10", "11", "12", "13", "16"}


def actor_noun(tok) -> bool:
    """A noun only an actor has: an agent noun of ``data/agents.toml`` ("officials", "forces"), a
    person noun ("leader") or an event noun of the trigger lexicon ("sanctions", "offer")."""
    from .actors import sector_of

    lemma = tok.lemma_.lower()
    return tok.lower_ in PERSON_NOUNS or lemma in PERSON_NOUNS or lemma in _event_nouns() or sector_of(tok) is not None


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    from .triggers import TriggerLexicon

    return TriggerLexicon.load().nouns()


@lru_cache(maxsize=1)
def event_verbs() -> frozenset[str]:
    """Verbs of speech and diplomacy: verb lemmas of the trigger lexicon whose own CAMEO codes
    (entries of source ``verb`` or ``reviewed`` without an object constraint; not patterns, not
    WordNet synonyms) are all verbal interaction (:data:`VERBAL_CAMEO`), less the verbs of motion. Their object is an actor ("warned Kyiv"); the object of a material act
    ("bombed Aleppo", "entered Kyiv") is a place.

    Examples
    --------
    >>> {"warn", "accuse", "condemn"} <= event_verbs(), {"visit", "bomb", "enter"} & event_verbs()
    (True, set())
    """
    from .triggers import TRIGGERS_PATH, read_triggers

    types = read_triggers(str(TRIGGERS_PATH)).get("types", {})  # parsed once, with the lexicon
    roots: dict[str, set[str]] = {}
    for table in types.values():
        for e in table.get("verbs", ()):
            if e.get("source") in {"verb", "reviewed"} and "object" not in e and " " not in e["lemma"]:
                roots.setdefault(e["lemma"], set()).add(str(e.get("cameo", ""))[:2])
    return frozenset(lemma for lemma, r in roots.items() if r <= VERBAL_CAMEO and lemma not in MOTION_LEMMAS)


def acting(span) -> bool:
    """Whether a place name is used for its government (metonymy) rather than as a place: the agent
    or patient of an event or speech ("Moscow said", "talks with Washington", "warned Kyiv")."""
    root = span.root
    dep = root.dep_
    if dep == "pobj":
        prep = root.head
        if prep.lower_ == "by":
            return True
        if prep.lower_ == "to":
            return prep.head.lemma_.lower() not in MOTION_LEMMAS
        if prep.lower_ == "of" and prep.head.pos_ == "NOUN":
            return actor_noun(prep.head)  # "the decision of Moscow" acts; "the city of Moscow" is a place
        return prep.lower_ not in LOCATIVE_PREPS
    if dep == "compound":
        # "Moscow officials" acts; "Moscow airport" is a place: act when the head is a person-like noun,
        # not the title of the city's own office ("Moscow mayor X")
        return (root.head.ent_type_ in {"", "NORP", "PERSON", "ORG"} and root.head.pos_ == "NOUN"
                and root.head.lower_ not in LOCAL_OFFICE_TITLES)
    if dep in PATIENT_DEPS:
        # the patient of an event or speech verb ("Moscow warned Kyiv", "accused Washington of"),
        # not of a verb of motion ("visited Kyiv"): a lemma of the trigger lexicon
        return root.head.pos_ in {"VERB", "AUX"} and root.head.lemma_.lower() in event_verbs()
    return dep in ACTING_DEPS or dep == "ROOT"


# Sectors of data/agents.toml that are the state's own (not rebels, opposition, armed groups,
# parties): the one list of data/lexicon.toml that the argument finder reads too.
STATE_SECTORS = words("arguments", "state_sectors")


def state_agent(span):
    """The head noun when a demonym modifies an agent noun of the state's own sectors (Phoenix
    agents: government, military, police, ...) in a noun phrase: "Syrian government forces",
    "the Iraqi army" ("Syrian refugees", "the Syrian opposition" are not the state, nor is "the
    Syrian president", one person); else None.
    Only compound and adjective modifiers may stand between the two."""
    from .actors import sector_of

    root = span.root
    if root.dep_ not in {"amod", "compound"}:
        return None
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head  # "Syrian government forces": the phrase's head is "forces"
    if head.pos_ != "NOUN" or head.i < span.end or head.i - span.end > 2:
        return None
    if any(t.dep_ not in {"amod", "compound"} or t.is_punct for t in span.doc[span.end : head.i]):
        return None
    if head.tag_ not in PLURAL_TAGS and head.lemma_.lower() not in STATE_COLLECTIVES:
        return None  # "the Syrian president": one person (coreference links him), not the state
    return head if sector_of(head) in STATE_SECTORS else None


def people_noun(span) -> bool:
    """Whether a demonym span is a plural noun heading its own noun phrase, naming the people of its
    state ("the Syrians fled", "hire Egyptians", "two Moroccans"), not a modifier ("Syrian
    refugees", "the Syrian army") nor an adjective ("Syrian") nor a singular noun ("a Syrian")."""
    root = span.root
    return (root.i == span.end - 1 and root.tag_ in PLURAL_TAGS and root.pos_ in {"NOUN", "PROPN"}
            and root.dep_ not in {"compound", "amod", "nmod", "poss"})


def population_head(span):
    """The noun when a demonym span modifies a noun for a state's whole population ("the Iraqi
    people", "the Syrian population"): the people of the state, as a group; else None."""
    root = span.root
    head = root.head
    if root.dep_ in {"amod", "compound"} and head.i == span.end and head.lower_ in POPULATION_NOUNS:
        return head
    return None


def led_government(name):
    """``(first, last, noun)`` tokens of the phrase when a person's name owns a government noun (Phoenix
    GOV agents: regime, junta, government, administration) as its compound, possessor or "of"
    object: "the Assad regime", "Assad's brutal regime", "the regime of Assad"; else None.
    Only adjectives may stand between a possessor and the noun."""
    root = name.root
    if root.i != name.end - 1:
        return None
    head = root.head
    if root.dep_ in {"compound", "poss"} and head.i > root.i and head.pos_ == "NOUN":
        between = name.doc[name.end : head.i]
        if head.lemma_.lower() in LEADER_GOVERNMENT_NOUNS and head.tag_ not in PLURAL_TAGS and all(
                t.dep_ == "amod" or t.dep_ == "case" and t.head.i == root.i for t in between):
            return name[0], head, head
        return None
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i == head.i - 1 and head.head.pos_ == "NOUN":
        noun = head.head
        if noun.lemma_.lower() in LEADER_GOVERNMENT_NOUNS and noun.tag_ not in PLURAL_TAGS:
            return noun, root, noun
    return None


def token_before(span):
    i = span.start - 1
    return span.doc[i] if i >= 0 else None


def org_cue(span) -> bool:
    """A common noun or participle introducing the name marks an organisation.

    "Spanish outlet ABC", "newspaper ABC", "the consulting firm Stratfor", "Texas-based Stratfor",
    "state-owned Rosneft".
    """
    prev = token_before(span)
    if prev is None:
        return False
    if prev.lower_ in ORG_CUE_NOUNS and prev.pos_ == "NOUN" and prev.text.islower():
        return True
    return prev.lower_ in ORG_CUE_PARTICIPLES and prev.i > 0 and prev.doc[prev.i - 1].text == "-"


def org_context(span) -> bool:
    """Context showing that a name the model typed PERSON is an organisation.

    An introducing noun or "-based" (see :func:`org_cue`), or a definite article heading the
    name itself ("the Lega Nord"): people's names do not take "the", organisations' do. A name
    modifying a noun ("the Trump administration") does not count.
    """
    if org_cue(span):
        return True
    prev = token_before(span)
    return (prev is not None and prev.lower_ == "the" and prev.head.i == span.root.i
            and span.root.i == span.end - 1 and span.root.dep_ not in {"compound", "amod"})


def names_institution(span) -> bool:
    """A PERSON span whose last word is an institution's head noun ("Senate Liberal Caucus") or a
    party's name word in any language ("Sinn Féin", "Fine Gael", "Partido Popular")."""
    last, first = span[-1].lower_, span[0].lower_
    if len(span) > 1 and (last in PARTY_LAST or first in PARTY_FIRST):
        return True
    return len(span) > 1 and last in NAME_HEADS and last not in {"house", "chair"}


def place_word(span, label: str) -> bool:
    """A one-word PERSON name (not an acronym, no title before it) that is the object of a
    locative preposition is a place: "the bombing in Raqqah" (people are not "in" someone)."""
    if label != "PERSON" or len(span) != 1 or span.text.isupper() or not is_locative(span):
        return False
    prev = token_before(span)
    return not (prev is not None and prev.lower_.rstrip(".") in TITLE_WORDS) and span[0].lower_ not in NAME_HEADS


def named_place(span, label: str = "") -> bool:
    """A name that its words or the words before it make a place: a geographic feature or site
    ("Hoover Dam", "Lake Geneva", "Camp David"), the name a place noun introduces ("the town of
    X", "the province of X", "X, a town near Y"; not a person's name after "the liberation of" or "a
    native of") or a name after "-held" / "-controlled" ("rebel-held X")."""
    if len(span) > 1 and (span[-1].lower_ in FEATURE_HEADS or span[0].lower_ in FEATURE_FIRSTS):
        # "Michael Bay" is a person: a name the model reads as one ending with a feature word that is
        # also a surname is a place only after "the"
        prev = token_before(span)
        return span[0].text[:1].isupper() and (label != "PERSON" or span[-1].lower_ not in FEATURE_SURNAMES
                                               or prev is not None and prev.lower_ == "the")
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        if noun.pos_ == "NOUN" and noun.lower_ in PLACE_NOUNS and noun.i < span.start:
            return True
        if noun.pos_ == "NOUN" and noun.lower_ in PLACE_OF_NOUNS and noun.i < span.start and label != "PERSON":
            return True  # "the liberation of Sinjar", "a native of X"
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in PLACE_NOUNS and c.i > span.end for c in root.children):
        return True  # "Kafr Tala, an area outside Hama": a place noun in apposition
    prev = token_before(span)
    return (prev is not None and prev.lower_ in HELD_PARTICIPLES and prev.i > 1
            and prev.doc[prev.i - 1].text == "-" and not prev.doc[prev.i - 1].whitespace_)


def in_title(span) -> bool:
    """A ministry's field inside a title: "Secretary of State", "Defense Minister", "State Secretary"."""
    if len(span) != 1 or span[0].lower_ not in OFFICE_WORDS:
        return False
    doc, i = span.doc, span.start
    before = doc[i - 2 : i]
    if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_.rstrip(".") in TITLE_WORDS:
        return True
    return i + 1 < len(doc) and doc[i + 1].lower_.rstrip(".") in TITLE_WORDS and doc[i + 1].lower_ not in _TITLE_GLUE


def field_of_title(span) -> int | None:
    """How many words of a name of several words to keep when it is the field of an office title
    right after it ("Economic Planning Secretary", "Trade and Industry Minister"): 0, or 1 for a
    leading acronym ("EC Foreign Trade Commissioner": the EC); None when it is no such field. A
    name with a body's head word ("Home Office minister", "Wheat Board Minister") is a body.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Trade and Industry Secretary Paul Wong met EC Foreign Trade Commissioner Hans Berg.")
    >>> field_of_title(doc[0:3]), field_of_title(doc[7:10]), field_of_title(doc[4:6])
    (0, 1, None)
    """
    doc = span.doc
    if len(span) < 2 or span.end >= len(doc) or doc[span.end].lower_ not in OFFICE_TITLES:
        return None
    if any(t.lower_ in NAME_HEADS for t in span) or not all(t.is_title or t.is_upper or t.lower_ in {"and", "&"} for t in span):
        return None
    return 1 if span[0].is_upper and len(span[0]) > 1 else 0


def in_event_name(span) -> bool:
    """A name inside an event's name: a year, the name, modifiers, an event noun ("2031 United Kingdom general election")."""
    doc = span.doc
    if span.start == 0 or not (doc[span.start - 1].like_num or doc[span.start - 1].ent_type_ == "DATE"):
        return False
    j = span.end
    while j < len(doc) and j < span.end + 3 and doc[j].lower_ in EVENT_MODIFIERS:
        j += 1
    return j < len(doc) and doc[j].lower_ in EVENT_HEADS


def foreign_sentence(span) -> bool:
    """A name opening a sentence whose three or more lower-case words include no English stop
    word: a capitalised word of another language ("Somos nuestra propia historia")."""
    sent = span.sent
    if span.start != sent.start:
        return False
    lower = [t for t in sent if t.is_alpha and t.is_lower and t.ent_type_ == ""]
    return len(lower) >= 3 and not any(t.lower_ in STOP_WORDS for t in lower)


def title_before_name(span) -> bool:
    """A capitalised title word right before a two- or three-word capitalised name ("Chancellor Olaf Scholz")."""
    prev = token_before(span)
    if prev is None or not prev.text[:1].isupper() or prev.lower_.rstrip(".") not in PERSON_ONLY_TITLES | {"chancellor", "minister", "secretary"}:
        return False
    words_ = [t for t in span if not t.is_punct]
    return 2 <= len(words_) <= 3 and all(t.text[:1].isupper() and t.is_alpha and t.pos_ == "PROPN" for t in words_)


def of_person(span) -> bool:
    """A seat or capital that is the possessor or modifier of a person's name ("Downing Street's Alastair Campbell")."""
    root = span.root
    head = root.head
    return root.dep_ in {"poss", "compound"} and head.i >= span.end and head.ent_type_ == "PERSON"


def of_title(span) -> bool:
    """A seat of government that modifies or owns a singular office title ("White House chief of staff
    X", "Kremlin spokesman X", "Downing Street communications director X", "the Kremlin's spokesman"):
    the person is on the government's staff. A capital is left out: "Moscow mayor X" holds the city's
    own office."""
    root = span.root
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i and head.lower_ not in TITLE_WORDS:
        head = head.head  # "Downing Street communications director": the title is the phrase's head
    return (root.dep_ in {"poss", "compound", "nmod"} and head.i >= span.end and head.pos_ in {"NOUN", "PROPN"}
            and head.lower_ in TITLE_WORDS - _TITLE_GLUE and head.tag_ not in PLURAL_TAGS)


def names_person(span) -> bool:
    """A name in apposition to a noun for a person ("his predecessor, Chávez") or after a person's
    age ("12-year-old Samir") is a person."""
    root = span.root
    head = root.head
    if len(span) > 3 or not span[0].text[:1].isupper():
        return False
    prev = token_before(span)
    if prev is not None and prev.lower_ == "old" and prev.i >= 2 and prev.doc[prev.i - 2].lower_ in {"year", "years"}:
        return True  # "12-year-old Samir", "the 70-year-old Haddad": people have ages
    return root.dep_ == "appos" and head.pos_ == "NOUN" and head.lower_ in PERSON_NOUNS


def is_dateline(span) -> bool:
    """"Mexico City ( –", "MOSCOW, Jan 5 -": a dateline at the start of a text names a place."""
    doc = span.doc
    if not (span.start == 0 or doc[span.start - 1].is_space or doc[span.start].is_sent_start):
        return False
    nxt = doc[span.end].text if span.end < len(doc) else ""
    return nxt in {"(", "–", "—", "-"} or (nxt == "," and span.text.isupper())


def names_state(span) -> bool:
    """A place not in the gazetteer named as a state: "Soviet Union", "Republic of Texas"."""
    words = span.text.lower().split()
    if len(words) < 2:
        return False
    return words[-1] in STATE_NAME_WORDS or (words[0] in STATE_NAME_WORDS and words[1] == "of")


def titled_name(span) -> bool:
    """A span made of a personal title and one to three capitalised names: "Cardinal Pietro Parolin"."""
    if len(span) < 2 or span[0].lower_.rstrip(".") not in PERSON_ONLY_TITLES:
        return False
    rest = [t for t in span[1:] if not t.is_punct]
    return 1 <= len(rest) <= 3 and all(t.text[:1].isupper() and t.is_alpha and t.pos_ == "PROPN" for t in rest)


def held_company(span) -> bool:
    """A name after "in" and a noun of holding ("shares in Jarvis", "a stake in Gazprom"): a company.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc, Span
    >>> nlp = spacy.blank("en")
    >>> doc = Doc(nlp.vocab, words=["Shares", "in", "Jarvis", "fell"], heads=[3, 0, 1, 3],
    ...           deps=["nsubj", "prep", "pobj", "ROOT"], lemmas=["share", "in", "Jarvis", "fall"],
    ...           pos=["NOUN", "ADP", "PROPN", "VERB"])
    >>> held_company(Span(doc, 2, 3)), is_locative(Span(doc, 2, 3))
    (True, False)
    """
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "in":
        return False
    # the noun "in" hangs from, or the one right before it ("bought a stake in X": the parser may hang it on the verb)
    nouns = [prep.head] + ([prep.doc[prep.i - 1]] if prep.i > 0 else [])
    return any(n.pos_ == "NOUN" and n.lemma_.lower() in HOLDING_NOUNS for n in nouns)


def is_locative(span) -> bool:
    """Whether a name is the object of a preposition of place ("in Moscow", "flew to Moscow"), not of
    "in" after a noun of holding ("shares in Jarvis", "a stake in X": a company)."""
    root = span.root
    if root.dep_ != "pobj":
        return False
    prep = root.head.lower_
    if held_company(span):
        return False
    return prep in LOCATIVE_PREPS or (prep == "to" and root.head.head.lemma_.lower() in MOTION_LEMMAS)
