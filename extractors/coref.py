"""Coreference for relations: pronouns and definite descriptions that refer to one person.

"he", "him", "his" link to the only person in a short window, or to the last person who was a
subject; "the (former) Venezuelan leader" links to the one leader of that state mentioned
before. Links are not mentions: relation extraction reads them, and ``--explain`` shows them
(how="pronoun" / "description"). The word lists are in ``data/lexicon.toml`` ([coref]).
"""

from __future__ import annotations

import bisect
from collections import Counter

from .gazetteer import Gazetteer
from .lexicon import words
from .models import PERSON, Entity, Mention

__all__ = ["link_references"]

LEADER_NOUNS = words("coref", "leader_nouns")
LEADER_TITLES = words("coref", "leader_titles")
MALE_PRONOUNS = words("coref", "male_pronouns")
FEMALE_PRONOUNS = words("coref", "female_pronouns")


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
    starts = [s.start for s in sents]
    for tok in _cue_tokens(doc):  # only pronouns and leader nouns are read
        s_index = bisect.bisect_right(starts, tok.i) - 1
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


def _cue_tokens(doc) -> list:
    """The tokens whose lower-case form is a gendered pronoun or a leader noun, in order (found
    in the Doc's ``LOWER`` array; no Token object for the others)."""
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    ids = {strings[w] for words_ in (MALE_PRONOUNS, FEMALE_PRONOUNS, LEADER_NOUNS) for w in words_}
    return [doc[i] for i, low in enumerate(doc.to_array(LOWER).tolist()) if low in ids]


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
