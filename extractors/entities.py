"""Typed entity mentions in one spaCy ``Doc``, resolved within the document.

Steps, each a small rule with its reason recorded in ``Mention.how``:

1. candidates: the model's PERSON, NORP, FAC, ORG, GPE and LOC entities, plus gazetteer names the
   model missed ("the Vatican", "the Kremlin"); dates, money, quantities never become entities,
   nor do operations ("Operation Absolute Resolve"), equipment ("Su-30") or affixed adjectives
   ("post-Maduro"); institution names the model split are joined ("Communist Party" + "of
   Greece"); a name the text introduces as an organisation ("Spanish outlet ABC", "Texas-based
   Stratfor") is an Institution in every mention (how="context"), and a name in apposition to a
   person noun ("his predecessor, Chávez") a Person; a dateline capital is a place;
2. typing: the gazetteer decides State / Institution; a capital or seat of government that acts
   ("Moscow's objective", "Washington has offered") is its State, the same word as a place
   ("his arrest in Caracas") is a Location; a demonym ("Russian President ...") is its State;
3. people: titles ("President", "Cardinal", "former") go to ``titles``; a surname-only mention
   joins the one full name in the document that ends with it, a shorter multi-word name ("El
   Aissami") the one longer name ending with it; accents and case do not split;
4. institutions: an acronym defined in the text ("... Studies (CSIS)") or matching the initials of
   a long form joins it, also when the model missed the acronym; "the Treasury" joins "the
   Treasury Department";
5. people who act through pronouns ("he", "him", "his") and definite descriptions ("the Venezuelan
   leader") are linked to the person the text makes clear, for relation extraction.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .gazetteer import Gazetteer

__all__ = ["Mention", "EntityInfo", "find_mentions", "slugify", "fold", "PERSON", "STATE", "INSTITUTION", "LOCATION"]

PERSON, STATE, INSTITUTION, LOCATION = "Person", "State", "Institution", "Location"
ENTITY_TYPES = (PERSON, STATE, INSTITUTION, LOCATION)

# spaCy labels that can name an actor or a place; everything else (DATE, MONEY, ...) is ignored.
ACTOR_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"}
# Dependency labels of a word that acts (subject, agent, possessor of an action).
ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "compound", "appos", "conj"}
# Prepositions that make their object a place ("in Caracas", "at the Kremlin").
LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "within", "into",
                  "throughout", "outside", "across", "over", "from", "via"}
# Verbs of motion: their "to X" is a place ("flew to Moscow"), other "to X" is an actor.
MOTION_LEMMAS = {"go", "travel", "fly", "move", "return", "flee", "arrive", "come", "head", "send",
                 "deport", "relocate", "escape", "leave", "take", "bring", "transfer", "trip", "visit"}
# Titles and honorifics taken off a person's name into ``titles``.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "congressman", "congresswoman", "governor", "gov", "mayor", "general", "gen", "lt", "col",
    "colonel", "major", "maj", "captain", "capt", "admiral", "adm", "sergeant", "sgt", "cardinal",
    "pope", "archbishop", "bishop", "father", "rev", "reverend", "rabbi", "imam", "sheikh", "king",
    "queen", "prince", "princess", "emperor", "chancellor", "premier", "dr", "mr", "mrs", "ms", "miss",
    "sir", "dame", "lord", "lady", "judge", "justice", "chief", "commander", "former", "interim",
    "acting", "late", "ex", "deputy", "ambassador", "envoy", "spokesman", "spokeswoman",
    "spokesperson", "director", "chairman", "chairwoman", "chair", "ceo", "leader", "opposition",
    "dictator", "strongman", "autocrat", "president-elect", "attorney", "prosecutor", "foreign",
    "defence", "defense", "interior", "finance", "state", "of", "the", "first", "lady", "then",
    "senior", "top", "national", "security", "adviser", "advisor", "assistant", "associate",
    "supreme", "ayatollah", "marshal", "field", "speaker", "lawmaker", "minority", "majority", "whip",
    "crown", "his", "her", "holiness", "excellency", "mp", "dictator",
}
# Title words that cannot start a title phrase on their own.
_TITLE_GLUE = {"of", "the", "state", "his", "her", "first", "then", "field"}
# Head nouns of a definite description that refer back to a leader ("the Venezuelan leader").
LEADER_NOUNS = {"leader", "president", "autocrat", "dictator", "strongman", "ruler", "premier",
                "chancellor", "monarch", "king", "queen", "prime", "head", "despot", "tyrant", "incumbent"}
# Titles that make a person a leader for such descriptions.
LEADER_TITLES = {"president", "prime", "premier", "chancellor", "king", "queen", "leader", "dictator",
                 "emperor", "monarch", "ruler", "strongman", "autocrat", "ayatollah", "supreme"}
# Nouns for people: a name in apposition to one is a person's name ("his predecessor, Chávez").
PERSON_NOUNS = LEADER_NOUNS | {
    "predecessor", "successor", "wife", "husband", "son", "daughter", "brother", "sister", "father",
    "mother", "minister", "spokesman", "spokeswoman", "ally", "rival", "aide", "adviser", "advisor",
    "deputy", "founder", "successor", "opponent", "politician", "lawmaker", "senator", "governor",
    "mayor", "general", "commander", "ambassador", "envoy", "candidate", "chairman", "official",
}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
# Generic words that may follow a short institution name ("Treasury" / "Treasury Department").
ORG_GENERIC = {"department", "ministry", "agency", "office", "court", "committee", "party", "council",
               "bank", "corporation", "corp", "inc", "ltd", "group", "company", "administration",
               "service", "commission", "authority", "bureau", "institute", "organization",
               "organisation", "foundation", "association", "union", "board", "house"}
# Words that make a FAC span an institution ("the Center for Strategic and International Studies").
INSTITUTION_HEADS = {"center", "centre", "institute", "institution", "university", "college", "foundation",
                     "council", "academy", "school", "hospital", "museum", "library", "laboratory", "program",
                     "programme", "society", "fund", "agency", "commission", "committee"}
# Last words of an institution's name that may be followed by "of <place>" inside the name
# ("Communist Party of Greece", "Supreme Court of Canada"); the model often stops before "of".
NAME_HEADS = ORG_GENERIC | INSTITUTION_HEADS | {
    "party", "alliance", "league", "front", "movement", "federation", "congress", "assembly",
    "parliament", "church", "coalition", "government", "caucus", "forum", "bloc", "army", "force",
    "forces", "police", "guard", "senate", "legislature", "cabinet", "court", "tribunal", "network",
}
# Common nouns that introduce an institution's name ("Spanish outlet ABC", "the firm Stratfor").
ORG_CUE_NOUNS = {
    "outlet", "newspaper", "paper", "daily", "weekly", "broadcaster", "network", "channel", "magazine",
    "tabloid", "website", "site", "station", "agency", "publication", "wire", "company", "firm",
    "group", "party", "organization", "organisation", "consultancy", "bank", "airline", "carrier",
    "manufacturer", "maker", "conglomerate", "startup", "nonprofit", "charity", "ngo", "tank",
    "institute", "union", "movement", "coalition", "insurer", "lender", "retailer", "broadcasters",
}
# "<place>-based X", "state-owned X": an organisation, not a person.
ORG_CUE_PARTICIPLES = {"based", "owned", "run", "headquartered", "listed", "registered"}
# Last words that make a place name not in the gazetteer a (former or unrecognised) state.
STATE_NAME_WORDS = {"union", "empire", "republic", "kingdom", "federation", "confederation", "caliphate",
                    "sultanate", "emirate", "khanate", "principality", "dominion", "reich", "shogunate"}
# Party affiliations written before a politician's name ("Liberal Lyle Vanclief"); not part of it.
AFFILIATION_WORDS = {"liberal", "conservative", "republican", "democrat", "democratic", "labour", "labor",
                     "socialist", "communist", "tory", "green", "independent", "unionist", "nationalist"}
# Prefixes that make a capitalised word an adjective, not a name ("post-Maduro", "pro-Kremlin").
_AFFIX = re.compile(r"^(?:post|pre|anti|pro|non|neo|ex|mid|un)-", re.I)
# Model and product designations ("Su-30", "Buk-M2", "F-16", "S-400"): not actors.
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,5}-?[A-Z]?\d+[A-Za-z]?$")
# Function words a name does not end with ("Communist Party of", "We Are Peru and").
_TRAILING = {"of", "and", "for", "in", "the", "-", "&", "or", "at", "to", "on"}
_ACRONYM = re.compile(r"^[A-Z][A-Z&.\-]{1,9}$")
_STOP_INITIALS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "la", "del", "&"}


@dataclass(slots=True)
class Mention:
    """One mention of an entity in a document (offsets into the document text)."""

    start: int
    end: int
    text: str  # surface form, cleaned (no leading "the", no possessive)
    type: str
    key: str
    how: str  # why it has this key: exact, gazetteer, demonym, metonymy, surname, acronym, ...
    sent: int
    tokens: tuple[int, int] = (0, 0)  # token span in the spaCy doc (not serialised)


@dataclass(slots=True)
class EntityInfo:
    """What a document says about one entity: display name, titles, codes."""

    key: str
    type: str
    name: str
    titles: set[str] = field(default_factory=set)
    codes: dict = field(default_factory=dict)
    states: set[str] = field(default_factory=set)  # demonym states in a person's title phrase


def fold(text: str) -> str:
    """Lower-case, accent-free form used for comparing names.

    >>> fold("Nicolás MADURO")
    'nicolas maduro'
    """
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    """Readable id part: ``slugify("Nicolás Maduro") == 'nicolas-maduro'``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _strip_span(span):
    """Drop leading determiners/titles-free punctuation and a trailing possessive from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    for i in range(start + 1, end):
        if doc[i].text == "(":  # "Civics and Innovators (CI": the name stops at the bracket
            end = i
            break
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in _TRAILING):
        end -= 1
    return doc[start:end]


def _person_name(span) -> tuple[object, list[str]]:
    """Split leading title words off a PERSON span: ("President Donald Trump") -> Donald Trump, [President]."""
    doc = span.doc
    start = span.start
    titles = []
    while start < span.end - 1:
        low = doc[start].lower_.rstrip(".")
        if low in TITLE_WORDS:
            titles.append(doc[start].text)
        elif not (low in AFFILIATION_WORDS and span.end - start > 2):
            break  # "Liberal Lyle Vanclief": a party affiliation, neither name nor title
        start += 1
    return doc[start : span.end], titles


def _title_before(doc, start: int, gaz: Gazetteer) -> tuple[str | None, set[str]]:
    """Title phrase and demonym states written just before a name ("Venezuelan President")."""
    i = start - 1
    words: list[str] = []
    states: set[str] = set()
    while i >= 0 and i >= start - 6:
        tok = doc[i]
        low = tok.lower_.rstrip(".")
        if low in TITLE_WORDS:
            words.append(tok.text)
        elif tok.text[:1].isupper() and (m := gaz.lookup(tok.text)) is not None and m.kind == "demonym":
            states.add(m.key)
        else:
            break
        i -= 1
    words.reverse()
    while words and words[0].lower() in _TITLE_GLUE:
        words.pop(0)
    while words and words[-1].lower() in _TITLE_GLUE:
        words.pop()
    return (" ".join(words) or None), states


def _acting(span) -> bool:
    """Whether a place name is used for its government (metonymy) rather than as a place."""
    root = span.root
    dep = root.dep_
    if dep == "pobj":
        prep = root.head
        if prep.lower_ == "by":
            return True
        if prep.lower_ == "to":
            return prep.head.lemma_.lower() not in MOTION_LEMMAS
        return prep.lower_ not in LOCATIVE_PREPS
    if dep == "compound":
        # "Moscow officials" acts; "Moscow airport" is a place: act when the head is a person-like noun
        return root.head.ent_type_ in {"", "NORP", "PERSON", "ORG"} and root.head.pos_ == "NOUN"
    return dep in ACTING_DEPS or dep == "ROOT"


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _STOP_INITIALS and w[:1].isalpha()).upper()


def find_mentions(doc, gaz: Gazetteer, phrase_matcher=None) -> tuple[list[Mention], dict[str, EntityInfo], dict[int, tuple[str, str, str]]]:
    """Typed, document-resolved mentions of a parsed ``Doc``.

    Returns
    -------
    mentions : list of Mention, in document order
    entities : dict of key -> EntityInfo
    links : dict of token index -> (key, type, how) for pronouns and definite descriptions
        that refer to a person (not mentions; used by relation extraction and ``--explain``)
    """
    sent_starts = [s.start for s in doc.sents]
    spans = [e for e in doc.ents if e.label_ in ACTOR_LABELS]
    if phrase_matcher is not None:
        spans = _add_gazetteer_spans(doc, spans, phrase_matcher, gaz)
    mentions: list[Mention] = []
    entities: dict[str, EntityInfo] = {}
    sent_of = _sent_index(sent_starts)

    spans = _merge_spans(doc, spans)
    # "Operation Absolute Resolve" is an event, and so is a bare "Absolute Resolve" in the same text
    operations = {fold(e.text.split(None, 1)[1]) for e in spans
                  if e.label_ == "ORG" and e.text.startswith("Operation ") and " " in e.text}
    org_people: set[str] = set()  # person keys the context shows are organisations

    for ent in spans:
        span = _strip_span(ent)
        if len(span) == 0 or not any(c.isalpha() for c in span.text):
            continue
        label = ent.label_
        text = span.text
        if _AFFIX.match(text) or operations and (fold(text) in operations or text.startswith("Operation ")):
            continue  # "post-Maduro" is an adjective; operations are events, not actors
        match = gaz.lookup(text)
        if match is None and _DESIGNATION.match(text):
            continue  # "Su-30", "Buk-M2": equipment, not actors
        if label in {"FAC", "ORG", "GPE", "LOC"} and match is None and _titled_name(span):
            label = "PERSON"  # "Cardinal Pietro Parolin" tagged FAC: a personal title before a name
        if label == "PERSON" and (match is None or match.kind in {"demonym", "capital"}):
            if _names_institution(span):
                label = "ORG"  # "Senate Liberal Caucus", "Spanish outlet ABC": not a person
            else:
                name, titles = _person_name(span)
                if not name.text or not name[0].text[:1].isupper() or any(c.isdigit() for c in name.text):
                    continue
                before, states = _title_before(doc, name.start, gaz)
                if before:
                    titles.insert(0, before)
                key = "person:" + slugify(name.text)
                info = entities.setdefault(key, EntityInfo(key, PERSON, name.text))
                info.titles.update(t for t in titles if t.lower().rstrip(".") not in _TITLE_GLUE)
                info.states.update(states)
                if not titles and not before and _org_context(name):
                    org_people.add(key)
                mentions.append(Mention(name.start_char, name.end_char, name.text, PERSON, key, "exact",
                                        sent_of(name.start), (name.start, name.end)))
                continue
        if match is not None:
            if match.kind == "organisation":
                etype, key, how = INSTITUTION, match.key, "gazetteer"
            elif match.kind in {"capital", "seat"}:
                if (match.kind == "seat" and not _is_locative(span)
                        or match.kind == "capital" and _acting(span) and not _is_dateline(span)):
                    etype, key, how = STATE, match.key, "metonymy"
                else:
                    etype, key, how = LOCATION, "location:" + slugify(text), "exact"
                    match = None
            else:  # state name or demonym
                etype, key, how = STATE, match.key, ("demonym" if match.kind == "demonym" else "gazetteer")
            name = match.name if match is not None else text
            info = entities.setdefault(key, EntityInfo(key, etype, name))
            if match is not None:
                info.codes = dict(match.codes)
            mentions.append(Mention(span.start_char, span.end_char, text, etype, key, how,
                                    sent_of(span.start), (span.start, span.end)))
            continue
        if label == "NORP":
            # groups of people ("Republican" voters, "the Democrats", "Chavistas") are not actors
            continue
        if label == "FAC" and not any(t.lower_ in INSTITUTION_HEADS for t in span):
            continue  # buildings, roads, airports are not actors; think tanks the model calls FAC are
        if label in {"GPE", "LOC", "ORG"} and _names_person(span):
            key = "person:" + slugify(text)  # "his predecessor, Chávez": the model's GPE is a person
            entities.setdefault(key, EntityInfo(key, PERSON, text))
            mentions.append(Mention(span.start_char, span.end_char, text, PERSON, key, "context",
                                    sent_of(span.start), (span.start, span.end)))
            continue
        if label in {"ORG", "FAC"} or _org_cue(span):
            etype, prefix = INSTITUTION, "institution:"  # "Spanish newspaper ABC" is an outlet
        elif label == "PERSON":
            continue
        elif _names_state(span):
            etype, prefix = STATE, "state:"  # "Soviet Union", "Ottoman Empire": states the gazetteer lacks
        else:
            etype, prefix = LOCATION, "location:"  # regions, provinces, cities not standing for a state
        key = prefix + slugify(text)
        entities.setdefault(key, EntityInfo(key, etype, text))
        mentions.append(Mention(span.start_char, span.end_char, text, etype, key, "exact",
                                sent_of(span.start), (span.start, span.end)))

    if org_people:
        _people_to_institutions(mentions, entities, org_people)
    _join_surnames(mentions, entities)
    _retype_person_names(mentions, entities)
    _join_institutions(doc, mentions, entities)
    _add_defined_acronyms(doc, mentions, entities, sent_of)
    links = _link_references(doc, mentions, entities, sent_starts, gaz)
    return mentions, entities, links


def _merge_spans(doc, spans):
    """Join entity spans the model split inside one institution's name.

    * "Progressive Conservative Party" + "of" + "Manitoba" -> one ORG ("X of <place>" when X ends
      with an institution head noun, or the model's span already ends with "of");
    * "Social Democratic" + "and" + "Labour Party" -> one ORG (an adjective-final name joined by
      "and" to a name ending with a head noun).
    """
    if not spans:
        return spans
    out = [spans[0]]
    for b in spans[1:]:
        a = out[-1]
        gap = [t.lower_ for t in doc[a.end : b.start]]
        a_last = doc[a.end - 1].lower_
        merged = None
        if a.label_ in {"ORG", "FAC"} and b.label_ in {"GPE", "LOC", "GAZ"}:
            if (a_last in NAME_HEADS and gap in (["of"], ["of", "the"])) or (a_last == "of" and gap in ([], ["the"])):
                merged = "ORG"
        elif a.label_ == "ORG" and b.label_ == "ORG" and gap == ["and"] and doc[b.end - 1].lower_ in NAME_HEADS:
            if doc[a.end - 1].pos_ == "ADJ" or a_last.endswith(("ic", "al", "ive", "ist", "ian")):
                merged = "ORG"
        if merged:
            out[-1] = _span(doc, a.start, b.end, merged)
        else:
            out.append(b)
    return [_extend_of(doc, s, out[i + 1].start if i + 1 < len(out) else len(doc)) for i, s in enumerate(out)]


def _extend_of(doc, span, limit: int):
    """"Progressive Conservative Party" + "of Manitoba" the model left untagged -> one ORG."""
    end = span.end
    if span.label_ != "ORG" or end + 1 >= limit or doc[end - 1].lower_ not in NAME_HEADS or doc[end].lower_ != "of":
        return span
    i = end + 1
    if i < limit and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < limit and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    return _span(doc, span.start, j, "ORG") if j > i else span


def _token_before(span):
    i = span.start - 1
    return span.doc[i] if i >= 0 else None


def _org_cue(span) -> bool:
    """A common noun or participle introducing the name marks an organisation.

    "Spanish outlet ABC", "newspaper ABC", "the consulting firm Stratfor", "Texas-based Stratfor",
    "state-owned Rosneft".
    """
    prev = _token_before(span)
    if prev is None:
        return False
    if prev.lower_ in ORG_CUE_NOUNS and prev.pos_ == "NOUN" and prev.text.islower():
        return True
    return prev.lower_ in ORG_CUE_PARTICIPLES and prev.i > 0 and prev.doc[prev.i - 1].text == "-"


def _org_context(span) -> bool:
    """Context showing that a name the model typed PERSON is an organisation.

    An introducing noun or "-based" (see :func:`_org_cue`), or a definite article heading the
    name itself ("the Lega Nord"): people's names do not take "the", organisations' do. A name
    modifying a noun ("the Trump administration") does not count.
    """
    if _org_cue(span):
        return True
    prev = _token_before(span)
    return (prev is not None and prev.lower_ == "the" and prev.head.i == span.root.i
            and span.root.i == span.end - 1 and span.root.dep_ not in {"compound", "amod"})


def _names_institution(span) -> bool:
    """A PERSON span whose last word is an institution's head noun ("Senate Liberal Caucus")."""
    last = span[-1].lower_
    return len(span) > 1 and last in NAME_HEADS and last not in {"house", "chair"}


def _names_person(span) -> bool:
    """A name in apposition to a noun for a person ("his predecessor, Chávez") is a person."""
    root = span.root
    head = root.head
    return (root.dep_ == "appos" and head.pos_ == "NOUN" and head.lower_ in PERSON_NOUNS
            and len(span) <= 3 and span[0].text[:1].isupper())


def _is_dateline(span) -> bool:
    """"Mexico City ( –", "MOSCOW, Jan 5 -": a dateline at the start of a text names a place."""
    doc = span.doc
    if not (span.start == 0 or doc[span.start - 1].is_space or doc[span.start].is_sent_start):
        return False
    nxt = doc[span.end].text if span.end < len(doc) else ""
    return nxt in {"(", "–", "—", "-"} or (nxt == "," and span.text.isupper())


def _names_state(span) -> bool:
    """A place not in the gazetteer named as a state: "Soviet Union", "Republic of Texas"."""
    words = span.text.lower().split()
    if len(words) < 2:
        return False
    return words[-1] in STATE_NAME_WORDS or (words[0] in STATE_NAME_WORDS and words[1] == "of")


def _people_to_institutions(mentions, entities, keys: set[str]) -> None:
    """Retype every mention of a 'person' the context showed is an organisation."""
    for key in keys:
        info = entities.get(key)
        if info is None or info.titles:
            continue
        new = "institution:" + slugify(info.name)
        entities.pop(key)
        entities.setdefault(new, EntityInfo(new, INSTITUTION, info.name))
        for m in mentions:
            if m.key == key:
                m.key, m.type, m.how = new, INSTITUTION, "context"


# An acronym defined in brackets after a name: "SDLP", "PvdA", "IdV" (two or more capitals).
_DEFINED_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z&.]{1,9}$")


def _add_defined_acronyms(doc, mentions: list[Mention], entities: dict[str, EntityInfo], sent_of) -> None:
    """"Social Democratic and Labour Party (SDLP)": the model missed the acronym; add it and its
    later uses as mentions of the long form (how="acronym")."""
    covered = {i for m in mentions for i in range(*m.tokens)}
    defined: dict[str, str] = {}
    n = len(doc)
    for m in mentions:
        end = m.tokens[1]
        if m.type != INSTITUTION or end + 2 >= n:
            continue
        if doc[end].text == "(" and doc[end + 2].text == ")" and end + 1 not in covered:
            acr = doc[end + 1].text
            if _DEFINED_ACRONYM.match(acr) and len(entities[m.key].name.split()) >= 2:
                defined.setdefault(acr, m.key)
    if not defined:
        return
    for tok in doc:
        key = defined.get(tok.text)
        if key is not None and tok.i not in covered:
            mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.text, INSTITUTION, key, "acronym",
                                    sent_of(tok.i), (tok.i, tok.i + 1)))
    mentions.sort(key=lambda m: m.start)


# Titles that only ever precede a person's name ("General" and "State" do not: General Motors).
PERSON_ONLY_TITLES = {"president", "cardinal", "pope", "senator", "sen", "rep", "gov", "governor", "mr", "mrs",
                      "ms", "dr", "king", "queen", "prince", "princess", "sheikh", "ayatollah", "archbishop",
                      "bishop", "rabbi", "imam", "chancellor", "premier", "mayor", "ambassador", "pastor",
                      "rev", "reverend", "sir", "dame", "lord", "lady"}


def _titled_name(span) -> bool:
    """A span made of a personal title and one to three capitalised names: "Cardinal Pietro Parolin"."""
    if len(span) < 2 or span[0].lower_.rstrip(".") not in PERSON_ONLY_TITLES:
        return False
    rest = [t for t in span[1:] if not t.is_punct]
    return 1 <= len(rest) <= 3 and all(t.text[:1].isupper() and t.is_alpha and t.pos_ == "PROPN" for t in rest)


def _is_locative(span) -> bool:
    root = span.root
    if root.dep_ != "pobj":
        return False
    prep = root.head.lower_
    return prep in LOCATIVE_PREPS or (prep == "to" and root.head.head.lemma_.lower() in MOTION_LEMMAS)


def _sent_index(sent_starts: list[int]):
    import bisect

    def sent_of(token_i: int) -> int:
        return bisect.bisect_right(sent_starts, token_i) - 1

    return sent_of


def _add_gazetteer_spans(doc, spans, matcher, gaz: Gazetteer):
    """Gazetteer names the model missed or mislabelled, longest first, never over a PERSON."""
    from spacy.util import filter_spans

    taken = {i: e for e in spans for i in range(e.start, e.end)}
    extra = []
    for match_id, start, end in matcher(doc):
        covering = {taken[i] for i in range(start, end) if i in taken}
        if any(e.label_ == "PERSON" and (e.end - e.start) > (end - start) for e in covering):
            continue
        if any(e.label_ in {"PERSON"} for e in covering) and not doc[start].text.isupper():
            continue
        if covering and all(e.start <= start and e.end >= end and e.label_ != "PERSON" for e in covering):
            continue  # the model already has a span covering it
        text = doc[start:end].text
        if gaz.lookup(text) is None or (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha
                                        and doc[start - 1].i not in taken and doc[start - 1].lower_ != "the"
                                        and not doc[start - 1].is_sent_start):
            continue  # case guard failed, or part of a longer capitalised name ("New Mexico")
        label = "GAZ"
        extra.append(_span(doc, start, end, label))
    if not extra:
        return spans
    kept = [e for e in spans if not any(x.start < e.end and e.start < x.end for x in extra)]
    return sorted(filter_spans(kept + extra), key=lambda s: s.start)


def _span(doc, start, end, label):
    from spacy.tokens import Span

    return Span(doc, start, end, label=label)


def _retype_person_names(mentions: list[Mention], entities: dict[str, EntityInfo]) -> None:
    """A name the model typed ORG/GPE that is a person's name in this document is that person.

    The small model often labels a bare surname ("Maduro said") as an organisation or a place;
    when the same document names a person with that surname, the mention is the person.
    """
    names: dict[str, set[str]] = defaultdict(set)
    for key, info in entities.items():
        if info.type == PERSON:
            parts = fold(info.name).split()
            for i in range(len(parts)):  # the name and each shorter ending ("el aissami", "aissami")
                names[" ".join(parts[i:])].add(key)
    if not names:
        return
    for m in mentions:
        if m.type in {INSTITUTION, LOCATION} and m.how == "exact":
            keys = names.get(fold(m.text))
            if keys and len(keys) == 1:
                old = m.key
                m.key, m.type, m.how = next(iter(keys)), PERSON, "retyped"
                if not any(x.key == old for x in mentions):
                    entities.pop(old, None)


def _join_surnames(mentions: list[Mention], entities: dict[str, EntityInfo]) -> None:
    """Surname-only and partial person mentions join the one full name in the document."""
    full = [k for k, e in entities.items() if e.type == PERSON and len(e.name.split()) >= 2]
    by_last: dict[str, set[str]] = defaultdict(set)
    for key in full:
        parts = fold(entities[key].name).split()
        by_last[parts[-1]].add(key)
        if len(parts) >= 4:  # Spanish names: "Nester Luis Reverol Torres" is also "Reverol"
            by_last[parts[-2]].add(key)
    by_suffix = _suffix_index({k: entities[k].name for k in full})
    remap: dict[str, str] = {}
    for key, info in entities.items():
        if info.type != PERSON:
            continue
        folded = fold(info.name)
        if key in full:  # "El Aissami" -> "Tareck El Aissami"
            candidates = by_suffix.get(folded, set()) - {key}
        else:
            candidates = by_last.get(folded, set())
        if len(candidates) == 1:
            remap[key] = next(iter(candidates))
    # "Nicolas Maduro Moros" / "Nicolás Maduro": same first and last-but-one name
    for key in full:
        parts = fold(entities[key].name).split()
        if len(parts) >= 3:
            short = "person:" + slugify(f"{parts[0]} {parts[-2]}")
            if short in entities and short != key and short not in remap:
                remap[key] = short
    for m in mentions:
        if m.key in remap:
            target = remap[m.key]
            entities[target].titles.update(entities[m.key].titles)
            entities[target].states.update(entities[m.key].states)
            m.key, m.how = target, "surname"
    for key in remap:
        entities.pop(key, None)


def _suffix_index(names: dict[str, str]) -> dict[str, set[str]]:
    """Multi-word endings of person names: ``{"el aissami": {"person:tareck-el-aissami"}}``."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        for i in range(1, len(parts) - 1):
            index[" ".join(parts[i:])].add(key)
    return index


def _join_institutions(doc, mentions: list[Mention], entities: dict[str, EntityInfo]) -> None:
    """Acronyms and short names join their long form in the same document."""
    insts = {k: e for k, e in entities.items() if e.type == INSTITUTION}
    if len(insts) < 2:
        return
    remap: dict[str, str] = {}
    long_forms = {k: e.name.split() for k, e in insts.items() if len(e.name.split()) >= 2}
    # an acronym in parentheses right after a long form: "Center for ... Studies (CSIS)"
    for i, m in enumerate(mentions):
        if m.type != INSTITUTION or m.key not in long_forms or i + 1 >= len(mentions):
            continue
        nxt = mentions[i + 1]
        between = doc.text[m.end : nxt.start]
        if between.strip() == "(" and _ACRONYM.match(nxt.text) and nxt.key != m.key:
            remap[nxt.key] = m.key
    for key, info in insts.items():
        if key in remap or key in long_forms and not _ACRONYM.match(info.name):
            continue
        words = info.name.split()
        if len(words) == 1 and _ACRONYM.match(info.name):
            target = [k for k, w in long_forms.items() if _initials(w) == info.name.replace(".", "") and k != key]
            if len(target) == 1:
                remap[key] = target[0]
                continue
        # "Treasury" -> "Treasury Department"
        folded = fold(info.name).split()
        target = [k for k, w in long_forms.items() if k != key
                  and [fold(x) for x in w[: len(folded)]] == folded
                  and all(fold(x) in ORG_GENERIC for x in w[len(folded):])]
        if len(target) == 1:
            remap[key] = target[0]
    for m in mentions:
        if m.key in remap:
            m.how = "acronym" if _ACRONYM.match(m.text) else "short name"
            m.key = remap[m.key]
    for key in remap:
        entities.pop(key, None)


def _link_references(doc, mentions, entities, sent_starts, gaz) -> dict[int, tuple[str, str, str]]:
    """Pronouns and definite descriptions that refer to one person the text makes clear."""
    links: dict[int, tuple[str, str, str]] = {}
    person_mentions = [m for m in mentions if m.type == PERSON]
    if not person_mentions:
        return links
    mention_at = {}
    for m in person_mentions:
        for i in range(*m.tokens):
            mention_at[i] = m
    n_mentions = Counter(m.key for m in person_mentions)
    sents = list(doc.sents)
    for s_index, sent in enumerate(sents):
        for tok in sent:
            low = tok.lower_
            if tok.pos_ == "PRON" and (low in MALE_PRONOUNS or low in FEMALE_PRONOUNS):
                key = _antecedent(tok, s_index, sents, person_mentions)
                if key:
                    links[tok.i] = (key, PERSON, "pronoun")
            elif low in LEADER_NOUNS and tok.pos_ in {"NOUN", "PROPN"} and tok.i not in mention_at:
                key = _description(tok, person_mentions, entities, n_mentions, gaz)
                if key:
                    links[tok.i] = (key, PERSON, "description")
    return links


def _antecedent(tok, s_index, sents, person_mentions) -> str | None:
    """The person a pronoun refers to: the only person in the window, else the last subject."""
    window_start = sents[max(0, s_index - 2)].start
    candidates = [m for m in person_mentions if window_start <= m.tokens[0] < tok.i]
    if not candidates:
        return None
    keys = {m.key for m in candidates}
    if len(keys) == 1:
        return candidates[-1].key
    # several people: a pronoun that is the subject refers to the last person who was a subject
    doc = tok.doc
    for m in reversed(candidates):
        root = doc[m.tokens[1] - 1]
        if root.dep_ in {"nsubj", "nsubjpass"} and tok.dep_ in {"nsubj", "nsubjpass", "poss"}:
            return m.key
    return None


def _description(tok, person_mentions, entities, n_mentions, gaz) -> str | None:
    """"the (former) Venezuelan leader" -> the leader of that state mentioned before."""
    det = [c for c in tok.children if c.dep_ == "det"]
    if not det or det[0].lower_ not in {"the", "this", "that"}:
        return None
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
    states = set()
    for c in mods:
        m = gaz.lookup(c.text)
        if m is not None and m.kind in {"demonym", "state"}:
            states.add(m.key)
    earlier = [m for m in person_mentions if m.tokens[0] < tok.i]
    leaders = []
    for key in dict.fromkeys(m.key for m in reversed(earlier)):
        info = entities.get(key)
        if info is None:
            continue
        titles = " ".join(info.titles).lower().replace(".", "").split()
        is_leader = any(t in LEADER_TITLES for t in titles) or tok.lower_ in titles
        if not is_leader:
            continue
        if states and not (states & info.states):
            continue
        leaders.append(key)
    if not leaders:
        return None
    if len(leaders) == 1:
        return leaders[0]
    best = max(leaders, key=lambda k: n_mentions[k])
    return best if sum(1 for k in leaders if n_mentions[k] == n_mentions[best]) == 1 else None
