"""Coreference for relations: pronouns and definite descriptions that refer to one person.

"he", "him", "his" link to the only person in a short window, or to the last person who was a
subject; "the (former) Venezuelan leader" links to the one leader of that state mentioned
before. Links are not mentions: relation extraction reads them, and ``--explain`` shows them
(how="pronoun" / "description"). The word lists are in ``data/lexicon.toml`` ([coref]).
"""

from __future__ import annotations

from collections import Counter

from .gazetteer import Gazetteer
from .lexicon import words
from .models import PERSON, Entity, Mention

__all__ = ["link_references"]

LEADER_NOUNS = words("coref", "leader_nouns")
LEADER_TITLES = words("coref", "leader_titles")
MALE_PRONOUNS = words("coref", "male_pronouns")
FEMALE_PRONOUNS = words("coref", "female_pronouns")
SPEECH_VERBS = words("arguments", "speech_verbs")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def link_references(doc, mentions: list[Mention], entities: dict[str, Entity], gaz: Gazetteer) -> dict[int, tuple[str, str, str]]:
    """Pronouns and definite descriptions that refer to one person the text makes clear.

    Returns ``{token index: (person key, "Person", how)}``.
    """
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


def _is_speaker(tok) -> bool:
    """Whether a token is the subject of a speech verb ("he said", "Smith told reporters")."""
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS


def _quoted(doc, start: int, end: int) -> set[int]:
    """Token indices inside quotation marks between ``start`` and ``end`` (straight quotes toggle)."""
    inside, out = False, set()
    for t in doc[start:end]:
        if t.text in QUOTE_MARKS:
            inside = not inside if t.text in {'"', "``", "''"} else t.text == "\u201c"
        elif inside:
            out.add(t.i)
    return out
