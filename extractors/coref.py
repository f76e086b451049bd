"""Coreference for relations: pronouns and definite descriptions that refer to one entity.

"he", "him", "his" link to the only person in a short window, or to the last person who was a
subject, or, with no one named since, continue the last subject "he"; "the (former) Venezuelan
leader" links to the one leader of that state mentioned before. "it", "its", "they", "their" and
"we" link to a state or organisation by grammar only: the reporting speaker ("Iraq said it would
...", "the ministry said we ..."), the subject that binds a possessive ("X renewed its support for
Y", "soldiers from X began their assault"), or the main subject of the sentence before for a
main-clause subject ("X shelled Y. It said ..."), with number agreement; a "we" with none of
these continues the last "we" linked in the same stretch of one voice (no quotation mark or
paragraph break between). Descriptions of states and organisations ("the regime", "the
coalition", "coalition forces") are linked by :mod:`.descriptions`. Links are not mentions: relation extraction reads them, and ``--explain`` shows them
(how="pronoun" / "description"). The word lists are in ``data/lexicon.toml`` ([coref]).
"""

from __future__ import annotations

import bisect
from collections import Counter

from .actors import is_agent_noun
from .descriptions import link_descriptions
from .gazetteer import Gazetteer
from .lexicon import words
from .models import LOCATION, PERSON, Entity, Mention
from .syntax import (
    DATIVE_DEPS,
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    PLURAL_TAGS,
    SPEECH_VERBS,
    SUBJ_DEPS,
    VERBAL_POS,
    lemma,
    pobjs,
    reported_speaker,
    subjects,
    tokens_with_text,
)

__all__ = ["link_references"]

LEADER_NOUNS = words("coref", "leader_nouns")
LEADER_TITLES = words("coref", "leader_titles")
OFFICE_NOUNS = words("coref", "office_nouns")
MALE_PRONOUNS = words("coref", "male_pronouns")
FEMALE_PRONOUNS = words("coref", "female_pronouns")
MALE_TITLES = words("coref", "male_titles")
FEMALE_TITLES = words("coref", "female_titles")
GROUP_PRONOUNS = words("coref", "group_pronouns")
FIRST_PLURAL = words("coref", "first_plural_pronouns")
PLURAL_PRONOUNS = words("coref", "plural_pronouns")
EXPLETIVE_HEADS = words("coref", "expletive_heads")
COPULAS = words("arguments", "copulas")
#: Prepositions of a speaker's role noun that name the body spoken for ("spokesman for X").
SPOKEN_FOR_PREPS = frozenset({"for", "of"})
#: Prepositions of a plural agent noun that name the group its members act for ("troops from X").
MEMBER_PREPS = frozenset({"from", "of"})
#: Sentences before a person pronoun searched for its antecedent (the sentence itself included).
PRONOUN_WINDOW = 2
#: How far a possessive looks up the tree for the verb whose subject binds it.
BINDING_HOPS = 6
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def link_references(doc, mentions: list[Mention], entities: dict[str, Entity], gaz: Gazetteer) -> dict[int, tuple[str, str, str]]:
    """Pronouns and definite descriptions that refer to one entity the text makes clear.

    Returns ``{token index: (entity key, entity type, how)}``.
    """
    links: dict[int, tuple[str, str, str]] = {}
    person_mentions = [m for m in mentions if m.type == PERSON]
    if person_mentions:
        _person_links(doc, person_mentions, entities, gaz, links)
    groups = {i: m for m in mentions if m.type != PERSON for i in range(*m.tokens)}
    # a state agent's head noun stands for it too: "Syrian government forces renewed their assault"
    groups.update({t.i: m for m in mentions if m.how == "state agent" for t in doc[m.tokens[1]:]
                   if t.idx + len(t) == m.end})
    if groups:
        # descriptions first ("the regime"): a pronoun may then continue one ("The regime ... It said")
        link_descriptions(doc, mentions, links)
        _group_links(doc, groups, links)
    return links


def _person_links(doc, person_mentions, entities, gaz, links) -> None:
    """Person pronouns and leader descriptions."""
    mention_at = {}
    for m in person_mentions:
        for i in range(*m.tokens):
            mention_at[i] = m
    n_mentions = Counter(m.key for m in person_mentions)
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    # the last subject pronoun linked, per pronoun set: (sentence index, key)
    topic: dict[frozenset, tuple[int, str]] = {}
    # only pronouns and leader nouns are read
    for tok in tokens_with_text(doc, MALE_PRONOUNS | FEMALE_PRONOUNS | LEADER_NOUNS, lower=True):
        s_index = bisect.bisect_right(starts, tok.i) - 1
        low = tok.lower_
        if tok.pos_ == "PRON" and (low in MALE_PRONOUNS or low in FEMALE_PRONOUNS):
            gender = MALE_PRONOUNS if low in MALE_PRONOUNS else FEMALE_PRONOUNS
            # a person addressed as of the other gender ("Mr X" for "she") is no antecedent
            other = FEMALE_TITLES if gender is MALE_PRONOUNS else MALE_TITLES
            fitting = [m for m in person_mentions if not _addressed_as(entities.get(m.key), other)]
            key = _antecedent(tok, s_index, sents, fitting)
            if key is None and (last := topic.get(gender)) is not None and s_index - last[0] <= PRONOUN_WINDOW \
                    and not _persons_between(person_mentions, sents[last[0]].start, tok.i):
                # "He told the court ... On 3 June, he admitted ...": no one else named since the
                # last "he" that was a subject, which this one continues
                key = last[1]
            if key:
                links[tok.i] = (key, PERSON, "pronoun")
                if tok.dep_ in {"nsubj", "nsubjpass"}:
                    topic[gender] = (s_index, key)
        elif low in LEADER_NOUNS and tok.pos_ in {"NOUN", "PROPN"} and tok.i not in mention_at:
            key = _description(tok, person_mentions, entities, n_mentions, gaz)
            if key:
                links[tok.i] = (key, PERSON, "description")


def _group_links(doc, groups: dict[int, Mention], links) -> None:
    """Pronouns of states and organisations (``groups``: token index -> its non-person mention)."""
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    voice = None  # the last first-person plural pronoun linked: (token, key, type)
    for tok in tokens_with_text(doc, GROUP_PRONOUNS | FIRST_PLURAL, lower=True):  # only these pronouns are read
        if tok.pos_ != "PRON" or tok.i in links:
            continue
        s_index = bisect.bisect_right(starts, tok.i) - 1
        # the main subject of the sentence before (its own pronouns already linked)
        previous = _main_subject(sents[s_index - 1], groups, links) if s_index > 0 else None
        found = _group_antecedent(tok, groups, links, previous)
        if found is None and tok.lower_ in FIRST_PLURAL and voice is not None and _same_voice(voice[0], tok):
            # '... said, "We have been clear that we will ..."': one speaker's "we" throughout
            found = voice[1:]
        if found is not None:
            links[tok.i] = (found[0], found[1], "pronoun")
            if tok.lower_ in FIRST_PLURAL:
                voice = (tok, found[0], found[1])


def _same_voice(first, tok) -> bool:
    """Whether two tokens are in one stretch of one voice: no quotation mark and no paragraph
    break between them."""
    return not any(t.text in QUOTE_MARKS or "\n" in t.text_with_ws for t in tok.doc[first.i:tok.i])


def _group_of(tok, groups, links) -> tuple[str, str, bool] | None:
    """(key, type, plural) of the state or organisation a subject token stands for."""
    m = groups.get(tok.i)
    # "Chile and Peru ... they" refers to both: no one entity to link
    if m is not None and not any(c.dep_ == "conj" for c in tok.children) and tok.dep_ != "conj":
        return m.key, m.type, tok.tag_ in PLURAL_TAGS
    link = links.get(tok.i)
    if link is not None and link[1] != PERSON:
        return link[0], link[1], tok.lower_ in PLURAL_PRONOUNS or tok.lower_ in FIRST_PLURAL
    # "soldiers from X began their assault", "fighters of X said they ...": the state or
    # organisation the members named by a plural agent noun come from (not a place: "fighters
    # from Aleppo" are not Aleppo acting)
    if tok.tag_ in PLURAL_TAGS and is_agent_noun(tok):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in MEMBER_PREPS:
                for obj in prep.children:
                    m = groups.get(obj.i)
                    if obj.dep_ == "pobj" and m is not None and m.type != LOCATION \
                            and not any(c.dep_ == "conj" for c in obj.children):
                        return m.key, m.type, True
    return None


def _body_of(speaker, groups, links) -> tuple[str, str, bool] | None:
    """The state or organisation a speaker speaks for: the "of"/"for" phrase of the speaker's
    role noun, itself or in apposition ("a spokesman for X", "Y, commander of X")."""
    for noun in [speaker] + [c for c in speaker.children if c.dep_ == "appos"]:
        for obj in pobjs(noun, *SPOKEN_FOR_PREPS):
            if (found := _group_of(obj, groups, links)) is not None:
                return found
    return None


def _agrees(tok, antecedent) -> bool:
    """Number agreement: "it"/"its" take a singular antecedent, "they"/"their" a plural one."""
    return tok.lower_ in FIRST_PLURAL or (tok.lower_ in PLURAL_PRONOUNS) == antecedent[2]


def _group_antecedent(tok, groups, links, previous) -> tuple[str, str, bool] | None:
    """The state or organisation a pronoun refers to, by grammar, or None."""
    # "Iraq said it would ...", "the ministry said: we will ..." (a person's "we" stays unlinked)
    speaker = reported_speaker(tok)
    if speaker is not None:
        found = _group_of(speaker, groups, links)
        if found is None and tok.lower_ in FIRST_PLURAL:
            # "a spokesman for X said we ...", "Y, commander of X, said we ...": the body spoken for
            found = _body_of(speaker, groups, links)
        return found if found and (tok.lower_ != "it" or not found[2]) else None
    if tok.lower_ in FIRST_PLURAL:
        return None
    # "X renewed its support for Y": the subject of the possessive's own clause binds it
    if tok.dep_ == "poss":
        verb = tok.head
        for _ in range(BINDING_HOPS):
            if verb.pos_ in VERBAL_POS or verb.head.i == verb.i:
                break
            verb = verb.head
        subj = [t for t, _conf in subjects(verb)] if verb.pos_ in VERBAL_POS else []
        # "X thanked Y for its support": an entity object before the pronoun competes with the
        # subject (not "X launched an offensive in its war")
        rivals = [c for c in verb.children if c.dep_ in OBJ_DEPS | DATIVE_DEPS and c.i < tok.i
                  and not c.left_edge.i <= tok.i <= c.right_edge.i and (c.i in groups or c.i in links)]
        if len(subj) == 1 and not rivals and not subj[0].left_edge.i <= tok.i <= subj[0].right_edge.i:
            found = _group_of(subj[0], groups, links)
            return found if found and _agrees(tok, found) else None
        return None
    # "X shelled Y. It said ...": a main-clause subject continues the last main subject
    head = tok.head
    if (tok.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS and head.dep_ == "ROOT" and previous is not None
            and _agrees(tok, previous) and head.lemma_.lower() not in EXPLETIVE_HEADS
            # "it was reported that ...", "it is thought to ...": a dummy passive subject
            and not (tok.dep_ in PASSIVE_SUBJ_DEPS and any(c.dep_ in {"ccomp", "xcomp"} for c in head.children))):
        return previous
    return None


def _main_subject(sent, groups, links) -> tuple[str, str, bool] | None:
    """The state or organisation that is the subject of a sentence's main verb, when it acts (not
    a place, not the topic of a copula: in "X is a route for Y. ..., it noted." "it" is a report)."""
    if sent.root.lemma_.lower() in COPULAS:
        return None
    subj = [c for c in sent.root.children if c.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS]
    found = _group_of(subj[0], groups, links) if len(subj) == 1 else None
    return found if found is not None and found[1] != LOCATION else None


def _addressed_as(info: Entity | None, titles: frozenset[str]) -> bool:
    """Whether the document gives a person one of these forms of address or titles ("Mr", "Queen").

    Examples
    --------
    >>> _addressed_as(Entity("person:ann-lee", PERSON, "Ann Lee", {"Mrs"}), FEMALE_TITLES)
    True
    >>> _addressed_as(Entity("person:ann-lee", PERSON, "Ann Lee", {"Sen."}), MALE_TITLES)
    False
    """
    return info is not None and any(t.lower().rstrip(".") in titles for title in info.titles for t in title.split())


def _persons_between(person_mentions, start: int, end: int) -> bool:
    """Whether a person is named between two token indices."""
    return any(start <= m.tokens[0] < end for m in person_mentions)


def _antecedent(tok, s_index, sents, person_mentions) -> str | None:
    """The person a pronoun refers to: the only person in the window, else the last subject."""
    window_start = sents[max(0, s_index - PRONOUN_WINDOW)].start
    candidates = [m for m in person_mentions if window_start <= m.tokens[0] < tok.i]
    sent = sents[s_index]
    if _is_speaker(tok) and any(t.text in QUOTE_MARKS for t in sent):
        # '"...," he said': not someone the quote names, and the last speaker first
        quoted = _quoted(tok.doc, sent.start, tok.i)
        candidates = [m for m in candidates if m.tokens[0] not in quoted]
        speakers = [m for m in candidates if _is_speaker(tok.doc[m.tokens[1] - 1])]
        if speakers:
            return speakers[-1].key
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
        # "the chancellor" is a person titled chancellor ("the premier" a prime minister); "the
        # leader" any leader
        office = {_premier(t) for t in titles}
        is_leader = _premier(tok.lower_) in office or tok.lower_ not in OFFICE_NOUNS and any(t in LEADER_TITLES for t in titles)
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


def _premier(word: str) -> str:
    """One name for the office of a prime minister: "premier" and "prime" are one office."""
    return "prime" if word == "premier" else word


def _is_speaker(tok) -> bool:
    """Whether a token is the subject of a speech verb ("he said", "Smith told reporters")."""
    return tok.dep_ == "nsubj" and lemma(tok.head) in SPEECH_VERBS


def _quoted(doc, start: int, end: int) -> set[int]:
    """Token indices inside quotation marks between ``start`` and ``end`` (straight quotes toggle)."""
    inside, out = False, set()
    for t in doc[start:end]:
        if t.text in QUOTE_MARKS:
            inside = not inside if t.text in {'"', "``", "''"} else t.text == "\u201c"
        elif inside:
            out.add(t.i)
    return out
