"""Typed entity mentions in one spaCy ``Doc``, resolved within the document.

Steps, each a small rule with its reason recorded in ``Mention.how``:

1. candidates: the model's PERSON, NORP, FAC, ORG, GPE and LOC entities, plus gazetteer names the
   model missed ("the Vatican", "the Kremlin"); dates, money, quantities never become entities;
2. typing: the gazetteer decides State / Institution; a capital or seat of government that acts
   ("Moscow's objective", "Washington has offered") is its State, the same word as a place
   ("his arrest in Caracas") is a Location; a demonym ("Russian President ...") is its State;
3. people: titles ("President", "Cardinal", "former") go to ``titles``; a surname-only mention
   joins the one full name in the document that ends with it; accents and case do not split;
4. institutions: an acronym defined in the text ("... Studies (CSIS)") or matching the initials of
   a long form joins it; "the Treasury" joins "the Treasury Department";
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
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _person_name(span) -> tuple[object, list[str]]:
    """Split leading title words off a PERSON span: ("President Donald Trump") -> Donald Trump, [President]."""
    doc = span.doc
    start = span.start
    titles = []
    while start < span.end - 1 and doc[start].lower_.rstrip(".") in TITLE_WORDS:
        titles.append(doc[start].text)
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

    for ent in spans:
        span = _strip_span(ent)
        if len(span) == 0 or not any(c.isalpha() for c in span.text):
            continue
        label = ent.label_
        text = span.text
        match = gaz.lookup(text)
        if label == "PERSON" and (match is None or match.kind in {"demonym", "capital"}):
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
            mentions.append(Mention(name.start_char, name.end_char, name.text, PERSON, key, "exact",
                                    sent_of(name.start), (name.start, name.end)))
            continue
        if match is not None:
            if match.kind == "organisation":
                etype, key, how = INSTITUTION, match.key, "gazetteer"
            elif match.kind in {"capital", "seat"}:
                if match.kind == "seat" and not _is_locative(span) or match.kind == "capital" and _acting(span):
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
            continue  # non-state groups ("Republican", "Chavista") are not actors
        if label == "FAC" and not any(t.lower_ in INSTITUTION_HEADS for t in span):
            continue  # buildings, roads, airports are not actors; think tanks the model calls FAC are
        if label in {"ORG", "FAC"}:
            etype, prefix = INSTITUTION, "institution:"
        elif label == "PERSON":
            continue
        else:
            etype, prefix = LOCATION, "location:"
        key = prefix + slugify(text)
        entities.setdefault(key, EntityInfo(key, etype, text))
        mentions.append(Mention(span.start_char, span.end_char, text, etype, key, "exact",
                                sent_of(span.start), (span.start, span.end)))

    _join_surnames(mentions, entities)
    _retype_person_names(mentions, entities)
    _join_institutions(doc, mentions, entities)
    links = _link_references(doc, mentions, entities, sent_starts, gaz)
    return mentions, entities, links


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
            names[" ".join(parts)].add(key)
            names[parts[-1]].add(key)
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
    remap: dict[str, str] = {}
    for key, info in entities.items():
        if info.type != PERSON or key in full:
            continue
        candidates = by_last.get(fold(info.name), set())
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
