"""Candidates and typing: the typed entity mentions of one spaCy ``Doc``.

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
   titles ("President", "Cardinal", "former") go to the person's ``titles``.

:func:`find_mentions` then runs the in-document resolution rules (:mod:`.resolution`) and links
pronouns and descriptions (:mod:`.coref`). The word lists are in ``data/lexicon.toml``; the
grammatical tests (acting capitals, title and organisation cues) in :mod:`.typing_cues`, those
that make a name no new actor (renderings, languages, units, an office's field) in :mod:`.name_cues`; regions
(ISO 3166-2 first-level subdivisions) are Locations and parties Institutions by the gazetteer.
"""

from __future__ import annotations

import bisect
import re

from .coref import link_references
from .gazetteer import Gazetteer
from .lexicon import words
from .models import INSTITUTION, LOCATION, PERSON, STATE, Entity, Mention, entity_key, fold
from .name_cues import (
    language_name, person_by_given_name, portfolio_name, rendering, state_before_common_noun, unit_or_designation,
)
from .names import ARABIC_ARTICLE_RE
from .resolution_document import DocumentState, resolve_document
from .spans import candidate_spans
from .syntax import doc_text
from .typing_cues import (  # the word lists are shared with the typing cues: one definition, there
    _TITLE_GLUE, FEATURE_FIRSTS, FEATURE_HEADS, INSTITUTION_HEADS, TITLE_WORDS,
    acting, field_of_title, foreign_sentence, held_company, led_government, in_event_name, in_title, is_dateline,
    is_locative, named_place, names_institution, names_person, names_state, of_person, of_title, org_context, org_cue,
    people_noun, place_word, population_head, state_agent, title_before_name, titled_name, token_before,
)

__all__ = ["find_mentions", "find_candidates"]

# spaCy labels that can name an actor or a place; everything else (DATE, MONEY, ...) is ignored.
ACTOR_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"}
AFFILIATION_WORDS = words("people", "affiliation_words")
_TRAILING = words("institutions", "trailing_words")
ARTICLE_NAMES = words("places", "article_names")
DOCUMENT_HEADS = words("institutions", "document_heads")
VESSEL_PREFIXES = words("institutions", "vessel_prefixes")
# Last words of a body's name that no place's name ends with ("Middle East Branch", "Asia Department";
# not "house", "bank", "union": "West Bank", "Soviet Union").
_BODY_HEADS = (words("institutions", "org_generic") | {"branch", "directorate", "division"}) - {"bank", "house", "union"}
# An ideology or movement named after a person ("Chavismo", "Peronism"): not an actor.
_IDEOLOGY = re.compile(r"^[A-Z][a-z]+(?:ism|ismo|isme|ismus)$")
# Prefixes that make a capitalised word an adjective, not a name ("post-Maduro", "pro-Kremlin").
_AFFIX = re.compile(r"^(?:post|pre|anti|pro|non|neo|ex|mid|un)-", re.I)
# A surname with a lower-case Arabic article ("el-Sisi", "al-Assad").
_ARTICLE_NAME = re.compile(rf"^{ARABIC_ARTICLE_RE}-[A-Z]")
# Prepositions of place in which a name is a place for every mention of it ("fighting in X").
_SPATIAL_PREPS = words("places", "spatial_preps")
# Parts of speech a name does not start with ("Later", "Meanwhile", "And" before a name).
_NOT_NAME_POS = {"ADV", "CCONJ", "SCONJ", "INTJ"}
# Model and product designations ("Su-30", "Buk-M2", "F-16", "S-400"): not actors.
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,5}-?[A-Z]?\d+[A-Za-z]?$")


def find_mentions(doc, gaz: Gazetteer, phrase_matcher=None) -> tuple[list[Mention], dict[str, Entity], dict[int, tuple[str, str, str]]]:
    """Typed, document-resolved mentions of a parsed ``Doc``.

    Returns
    -------
    mentions : list of Mention, in document order
    entities : dict of key -> Entity
    links : dict of token index -> (key, type, how) for pronouns and definite descriptions
        that refer to a person (not mentions; used by relation extraction and ``--explain``)
    """
    state = find_candidates(doc, gaz, phrase_matcher)
    resolve_document(state)
    links = link_references(doc, state.mentions, state.entities, gaz)
    return state.mentions, state.entities, links


def find_candidates(doc, gaz: Gazetteer, phrase_matcher=None) -> DocumentState:
    """Typed mentions of a parsed ``Doc`` before resolution (``how`` is a typing value)."""
    sent_starts = [s.start for s in doc.sents]
    spans = candidate_spans(doc, gaz, phrase_matcher, ACTOR_LABELS)
    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    sent_of = _sent_index(sent_starts)

    # "Operation Absolute Resolve" is an event, and so is a bare "Absolute Resolve" in the same text
    operations = {fold(e.text.split(None, 1)[1]) for e in spans
                  if e.label_ == "ORG" and e.text.startswith("Operation ") and " " in e.text}
    org_people: set[str] = set()  # person keys the context shows are organisations
    person_words = {fold(t.text) for e in spans if e.label_ == "PERSON" and len(e) > 1 for t in e}
    # one-word names the text uses as places ("fighting in X", "the town of X"): a place in every mention
    # (by a place noun, or a place or person label in a spatial phrase: "investment in X" may be a
    # company, "from X to Y" may be people)
    places = {e.text for e in spans if len(e) == 1 and (named_place(e, e.label_) or e.label_ in {"GPE", "LOC", "PERSON"}
                                                        and is_locative(e) and e.root.head.lower_ in _SPATIAL_PREPS)}
    # ships' names: after a vessel prefix ("FS Forbin") or starting with one, and so in every mention
    ships = {_ship_name(e) for e in spans} - {None}
    # ... and the name of a geographic feature without its feature word ("Tigris River" -> "the Tigris")
    places |= {stem for e in spans if len(e) == 2 and named_place(e, e.label_) and (stem := _feature_stem(e))}

    for ent in spans:
        span = _strip_span(ent)
        if len(span) == 0 or not any(c.isalpha() for c in span.text):
            continue
        label = ent.label_
        text = span.text
        if _AFFIX.match(text) or operations and (fold(text) in operations or text.startswith("Operation ")):
            continue  # "post-Maduro" is an adjective; operations are events, not actors
        if in_title(span) or in_event_name(span) or _IDEOLOGY.match(text) or (
                len(span) > 1 and (span[-1].lower_ in DOCUMENT_HEADS or len(span) > 2 and span[0].lower_ in DOCUMENT_HEADS
                                   and span[1].lower_ == "of") and gaz.lookup(text) is None):
            # titles, event names, ideologies ("Chavismo") and documents ("... Strategy Report") are not actors
            continue  # "Secretary of State", "Defense Minister"; "the 2031 United Kingdom general election"
        if label in {"ORG", "FAC"} and gaz.lookup(text) is None and (keep := field_of_title(span)) is not None:
            if not keep:
                continue  # "Economic Planning Secretary X": the office's field, not a body
            span, text = span[:keep], span[:keep].text  # "EC Foreign Trade Commissioner X": the EC
        if language_name(span) or gaz.lookup(text) is None and (rendering(span) or unit_or_designation(span)):
            continue  # "the Central Kurdish language"; "(Arabic: Jaysh ...)": another form of the name before; "84 MW"
        if (keep := portfolio_name(span, gaz)) is not None:
            if keep == span.end:
                continue  # "Special Adviser for Refugee Housing": the office's field, part of the title
            span, text, label = span.doc[keep : span.end], span.doc[keep : span.end].text, "PERSON"
        if label == "PERSON" and foreign_sentence(span):
            continue  # "Somos nuestra propia historia.": a capitalised word of another language
        if label in {"FAC", "ORG", "GPE", "LOC"} and title_before_name(span) and gaz.lookup(text) is None:
            label = "PERSON"  # "Chancellor Olaf Scholz" tagged ORG: a title right before a full name
        if label in {"ORG", "FAC"} and (cut := state_before_common_noun(span, gaz)) is not None:
            span, text, label = span.doc[span.start : cut], span.doc[span.start : cut].text, "GPE"  # "U.S. Warships"
        match = gaz.lookup(text)
        if match is None and label in {"GPE", "LOC", "PERSON"} and held_company(span):
            label = "ORG"  # "shares in Jarvis", "a stake in X": a company, not a place
        elif match is None and label in {"GPE", "LOC"} and person_by_given_name(span):
            label = "PERSON"  # "Volodymyr Zelenskyy asked ..." read as a place after a headline
        if match is None and _DESIGNATION.match(text):
            continue  # "Su-30", "Buk-M2": equipment, not actors
        if label in {"FAC", "ORG", "GPE", "LOC"} and match is None and titled_name(span):
            label = "PERSON"  # "Cardinal Pietro Parolin" tagged FAC: a personal title before a name
        if len(span) > 1 and span[0].text.isupper() and span[0].lower_ in VESSEL_PREFIXES or text in ships:
            continue  # "USS Mahan", "HMS Daring": a ship, not an actor; nor is "Forbin" after "FS Forbin"
        unknown = match is None or match.kind == "region"  # a one-word region may be a surname too
        if unknown and (place_word(span, label) or match is None and label != "GPE" and named_place(span, label)):
            label = "LOC"  # "fighting in Raqqah", "the town of X", "Hoover Dam": a place
        elif (unknown and len(span) == 1 and label in {"PERSON", "ORG"} and span.text in places
              and getattr(token_before(span), "lower_", "").rstrip(".") not in TITLE_WORDS - _TITLE_GLUE):
            label = "LOC"  # "X" where the same text says "in X" or "the town of X" elsewhere: the place
        if label == "PERSON" and match is not None and match.kind == "region" and (
                len(span) > 1 or fold(text) not in person_words
                and getattr(token_before(span), "lower_", "").rstrip(".") not in TITLE_WORDS - _TITLE_GLUE):
            # "Al Anbar", "Northern Ireland": a region's full name of two or more words is no person's;
            # nor is a one-word region ("Raqqah") unless a longer person name of the text has that word
            # ("Victoria Nuland" ... "Victoria said") or a title stands before it
            label = "LOC"
        if label == "PERSON" and (match is None or match.kind in {"demonym", "capital", "region"}):
            if names_institution(span):
                label = "ORG"  # "Senate Liberal Caucus", "Spanish outlet ABC": not a person
            else:
                name, titles = _person_name(span)
                if (not name.text or not (name[0].text[:1].isupper() or _ARTICLE_NAME.match(name.text))
                        or any(c.isdigit() for c in name.text)):
                    continue
                before, states = _title_before(doc, name.start, gaz)
                if before:
                    titles.insert(0, before)
                key = entity_key("person:", name.text, entities)
                info = entities.setdefault(key, Entity(key, PERSON, name.text))
                info.titles.update(t for t in titles if t.lower().rstrip(".") not in _TITLE_GLUE)
                info.states.update(states)
                if not titles and not before and org_context(name):
                    org_people.add(key)
                mentions.append(Mention(name.start_char, name.end_char, name.text, PERSON, key, "exact",
                                        sent_of(name.start), (name.start, name.end)))
                if (phrase := led_government(name)) is not None:
                    _add_government(doc, phrase, info, mentions, entities, sent_of)
                continue
        if match is not None:
            if match.kind == "organisation":
                etype, key, how = INSTITUTION, match.key, "gazetteer"
            elif match.kind in {"capital", "seat"} and of_person(span) or match.kind == "seat" and of_title(span):
                # "Downing Street's Alastair Campbell", "White House chief of staff X": the government,
                # of which the person is a member (a role fact reads it: MEMBER_OF, never HEAD_OF)
                etype, how = INSTITUTION, "metonymy"
                key = "institution:government-" + match.key.split(":", 1)[1].lower()
                entities.setdefault(key, Entity(key, etype, f"Government of {match.name}", codes=dict(match.codes)))
                mentions.append(Mention(span.start_char, span.end_char, text, etype, key, how,
                                        sent_of(span.start), (span.start, span.end)))
                continue
            elif match.kind == "region":
                # a first-level subdivision ("Crimea", "Northern Ireland") is a place, whatever the model's label
                etype, key, how = LOCATION, entity_key("location:", text, entities), "gazetteer"
                match = None
            elif match.kind in {"capital", "seat"}:
                if (match.kind == "seat" and not is_locative(span)
                        or match.kind == "capital" and acting(span) and not is_dateline(span)):
                    etype, key, how = STATE, match.key, "metonymy"
                else:
                    etype, key, how = LOCATION, entity_key("location:", text, entities), "exact"
                    match = None
            else:  # state name or demonym
                etype, key, how = STATE, match.key, ("demonym" if match.kind == "demonym" else "gazetteer")
            name = match.name if match is not None else text
            info = entities.setdefault(key, Entity(key, etype, name))
            if match is not None:
                info.codes = dict(match.codes)
            end = span.end_char
            if how == "demonym" and (head := state_agent(span)) is not None:
                # "Syrian government forces", "the Iraqi army": the state's government, military or
                # police described (the words stay the demonym's, so relation finding sees the same)
                end, how = head.idx + len(head), "state agent"
                text = doc_text(doc)[span.start_char:end]
            elif how == "demonym" and (head := population_head(span)) is not None:
                end, how = head.idx + len(head), "people"  # "the Iraqi people": the people, as a group
                text = doc_text(doc)[span.start_char:end]
            elif how == "demonym" and people_noun(span):
                how = "people"  # "the Syrians", "hire Egyptians": the people of the state, as a group
            mentions.append(Mention(span.start_char, end, text, etype, key, how,
                                    sent_of(span.start), (span.start, span.end)))
            continue
        if label == "NORP":
            # groups of people ("Republican" voters, "the Democrats", "Chavistas") are not actors
            continue
        if label == "FAC" and not any(t.lower_ in INSTITUTION_HEADS for t in span):
            continue  # buildings, roads, airports are not actors; think tanks the model calls FAC are
        if label in {"GPE", "LOC", "ORG"} and names_person(span):
            key = entity_key("person:", text, entities)  # "his predecessor, Chávez": the model's GPE is a person
            entities.setdefault(key, Entity(key, PERSON, text))
            mentions.append(Mention(span.start_char, span.end_char, text, PERSON, key, "context",
                                    sent_of(span.start), (span.start, span.end)))
            continue
        if label in {"ORG", "FAC"} or org_cue(span):
            etype, prefix = INSTITUTION, "institution:"  # "Spanish newspaper ABC" is an outlet
        elif label == "PERSON":
            continue
        elif names_state(span):
            etype, prefix = STATE, "state:"  # "Soviet Union", "Ottoman Empire": states the gazetteer lacks
        elif len(span) > 1 and span[-1].lower_ in _BODY_HEADS:
            etype, prefix = INSTITUTION, "institution:"  # "Middle East Branch": a body named after its region
        else:
            etype, prefix = LOCATION, "location:"  # regions, provinces, cities not standing for a state
        key = entity_key(prefix, text, entities)
        entities.setdefault(key, Entity(key, etype, text))
        mentions.append(Mention(span.start_char, span.end_char, text, etype, key, "exact",
                                sent_of(span.start), (span.start, span.end)))

    return DocumentState(doc, mentions, entities, sent_of, org_people)


def _ship_name(span) -> str | None:
    """The name of a ship the span names or follows: "FS Forbin" (one span, or "Forbin" after an
    untagged "FS") -> "Forbin"; else None."""
    if len(span) > 1 and span[0].text.isupper() and span[0].lower_ in VESSEL_PREFIXES:
        return span[1:].text
    prev = token_before(span)
    if prev is not None and prev.text.isupper() and prev.lower_ in VESSEL_PREFIXES:
        return span.text
    return None


def _feature_stem(span) -> str | None:
    """The capitalised word of a two-word feature name beside its feature word ("Tigris River",
    "Lake Tharthar", "Mount Sinjar" -> the one word), or None (a camp is named after anything)."""
    first, last = span[0], span[1]
    if last.lower_ in FEATURE_HEADS and first.text[:1].isupper() and first.is_alpha:
        return first.text
    if first.lower_ in FEATURE_FIRSTS - {"camp"} and last.text[:1].isupper() and last.is_alpha:
        return last.text
    return None


def _add_government(doc, phrase, leader: Entity, mentions, entities, sent_of) -> None:
    """The government a person leads, named by a phrase on that person ("the Assad regime"): an
    Institution mention whose one token is the government noun (the name keeps its own mention)."""
    first, last, noun = phrase
    key = "institution:government-of-" + leader.key.split(":", 1)[1]
    text = doc_text(doc)[first.idx : last.idx + len(last)]
    entities.setdefault(key, Entity(key, INSTITUTION, f"Government of {leader.name}"))
    mentions.append(Mention(first.idx, last.idx + len(last), text, INSTITUTION, key, "leader's government",
                            sent_of(noun.i), (noun.i, noun.i + 1)))


def _strip_span(span):
    """Drop leading determiners/titles-free punctuation and a trailing possessive from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct
                           or doc[start].pos_ in _NOT_NAME_POS and start + 1 < end):
        if doc[start].text == "The" and start + 1 < end and doc[start + 1].lower_ in ARTICLE_NAMES:
            break  # "The Hague" keeps its article
        start += 1  # "Later Daesh", "Meanwhile Ankara": a sentence's first adverb is no part of the name
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


def _sent_index(sent_starts: list[int]):
    def sent_of(token_i: int) -> int:
        return bisect.bisect_right(sent_starts, token_i) - 1

    return sent_of
