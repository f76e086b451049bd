"""Arguments the parser attached away from their phrase, for the argument finder (issue 12).

Tree helpers of :mod:`.arguments` and :mod:`.holders` for constructions where a participant is
in the sentence but not where the role functions look:

* a by-phrase of an act noun hung on the verb that takes the noun as object: "condemned the
  invasion of X BY Y" (:func:`stranded_by`);
* the names listed after a plural title, the parser reading the second one as an apposition:
  "Party leaders A, B and C" (:func:`title_list`), and the conjunct with a title of its own,
  which does not share the first one: "leaders A and B, and Green leader C" (:func:`own_title`);
* a hyphenated pair of state adjectives on an event noun: "the Greek-Turkish accord"
  (:func:`adjective_pair`);
* the object two conjoined verbs share, the parser hanging it on the second: "condemned and
  sanctioned Iran" (:func:`shared_object`);
* the one a group is loyal to: "forces loyal to Assad" (:func:`allegiance`).

Each helper reads the dependency tree only; the caller maps tokens to entities.
"""

from __future__ import annotations

from .lexicon import words
from .syntax import HYPHENS, OBJ_DEPS, PASSIVE_SUBJ_DEPS, SUBJ_DEPS, VERBAL_POS, is_passive, with_conjuncts

__all__ = ["stranded_by", "title_list", "own_title", "adjective_pair", "shared_object", "allegiance"]


#: Dependencies of a word that names its noun's title: "leader" in "Green Party leader Ann Lee".
TITLE_DEPS = frozenset({"compound", "appos", "nmod"})
ALLEGIANCE_ADJECTIVES = words("arguments", "allegiance_adjectives")
#: Dependencies of an allegiance word on its noun: an adjective, or a participle ("militias ALLIED to").
ALLEGIANCE_DEPS = frozenset({"amod", "acl"})
#: Words that may stand between two conjoined verbs sharing an object ("condemned AND sanctioned").
COORDINATION_DEPS = frozenset({"cc", "punct"})
#: Dependencies of the modifiers of a name pair before an event noun ("Greek-Turkish").
PAIR_DEPS = frozenset({"amod", "compound", "nmod"})


def stranded_by(noun) -> list:
    """The objects of a "by" phrase right after an object noun of an active verb: "condemned
    the invasion of Qatar by Iraq" parsed with "by Iraq" on "condemned". An active verb with a
    subject takes no by-agent, so the phrase is the noun's (the caller checks that the noun names
    an act); a "by" that does not follow the noun phrase directly is the verb's means.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["Kuwait", "condemned", "the", "invasion", "of", "Qatar", "by", "Iraq"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3, 4, 1, 6],
    ...           deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj"],
    ...           pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN"])
    >>> [t.text for t in stranded_by(doc[3])], stranded_by(doc[5])
    (['Iraq'], [])
    """
    verb = noun.head
    if noun.dep_ not in OBJ_DEPS or verb.pos_ not in VERBAL_POS or verb.i == noun.i or is_passive(verb):
        return []
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and c.i == noun.right_edge.i + 1
            for p in c.children if p.dep_ == "pobj"]


def title_list(name, ent) -> list:
    """The names listed with ``name`` after a plural title: in "Party leaders A, B and C" the
    parser makes B an apposition of A and C a conjunct of B. An apposition counts only as a list
    item: a name of the same entity type as ``name`` (``ent`` maps a token to ``(key, type)`` or
    None); "Hale, the party's leader" is no list.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["leaders", "Hale", ",", "Birch", "and", "Weld"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 1, 1, 3, 3],
    ...           deps=["compound", "ROOT", "punct", "appos", "cc", "conj"])
    >>> people = {"Hale": ("person:hale", "Person"), "Birch": ("person:birch", "Person"),
    ...           "Weld": ("person:weld", "Person")}
    >>> [t.text for t in title_list(doc[1], lambda t: people.get(t.text))]
    ['Birch', 'Weld']
    """
    first = ent(name)
    if first is None:
        return []
    out = []
    for c in name.children:
        if c.dep_ == "appos" and (e := ent(c)) is not None and e[1] == first[1]:
            out += with_conjuncts(c)
    return out


def own_title(name, role_nouns) -> bool:
    """Whether a name carries a title of its own (a role noun compounded or apposed to it):
    "Green Party leader Ben Cole" in "Party leaders A and B, and Green Party leader Ben Cole"
    does not share the first title.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["leader", "Cole", "and", "Weld"], heads=[1, 1, 1, 1],
    ...           deps=["compound", "ROOT", "cc", "conj"])
    >>> own_title(doc[1], {"leader"}), own_title(doc[3], {"leader"})
    (True, False)
    """
    return any(c.dep_ in TITLE_DEPS and c.i < name.i and (c.lower_ in role_nouns or c.lemma_.lower() in role_nouns)
               for c in name.children)


def adjective_pair(noun, ent) -> list:
    """``ent`` of both words of a hyphenated pair of names or state adjectives on an event noun:
    "the Greek-Turkish accord", "the US-Greek bases accord" (the pair may modify a compound of
    the noun). Empty unless both are entities and differ.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["the", "Greek", "-", "Turkish", "accord"],
    ...           heads=[4, 3, 3, 4, 4], deps=["det", "amod", "punct", "amod", "ROOT"])
    >>> states = {"Greek": ("state:GRC", "State"), "Turkish": ("state:TUR", "State")}
    >>> adjective_pair(doc[4], lambda t: states.get(t.text))
    [('state:GRC', 'State'), ('state:TUR', 'State')]
    """
    doc = noun.doc
    heads = [noun] + [c for c in noun.children if c.dep_ == "compound"]
    for head in heads:
        for second in head.children:
            if second.dep_ not in PAIR_DEPS or second.i >= head.i or (b := ent(second)) is None:
                continue
            for first in list(second.children) + list(head.children):
                gap = doc[first.i + 1:second.i]
                if (first.i < second.i and len(gap) == 1 and gap[0].text in HYPHENS and first.dep_ in PAIR_DEPS | {"npadvmod"}
                        and (a := ent(first)) is not None and a[0] != b[0]):
                    return [a, b]
    return []



def shared_object(verb) -> list:
    """The object a verb without one shares with the verb conjoined right after it: "Japan
    condemned and (later) sanctioned Iran" (the parser makes Iran the object of "sanctioned"
    only). Only when nothing of the first verb's own stands between them and the second verb has
    no subject of its own: "protested in Tokyo and sanctioned Iran" shares no object.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Japan", "condemned", "and", "sanctioned", "Iran"],
    ...           heads=[1, 1, 1, 1, 3], deps=["nsubj", "ROOT", "cc", "conj", "dobj"],
    ...           pos=["PROPN", "VERB", "CCONJ", "VERB", "PROPN"])
    >>> [t.text for t in shared_object(doc[1])], shared_object(doc[3])
    (['Iran'], [])
    """
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "conj" or c.pos_ not in VERBAL_POS or c.i < verb.i:
            continue
        if any(g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS for g in c.children):
            continue
        if all(t.dep_ in COORDINATION_DEPS or t.head.i == c.i for t in doc[verb.i + 1:c.i]):
            return [g for g in c.children if g.dep_ in OBJ_DEPS]
    return []


def allegiance(noun, ent) -> list:
    """``ent`` of the objects of "to" after an adjective of allegiance on a group noun: "forces
    LOYAL to Assad", "militias allied to Iran" act for them (``allegiance_adjectives``).

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["forces", "loyal", "to", "Assad"], heads=[0, 0, 1, 2],
    ...           deps=["ROOT", "amod", "prep", "pobj"], lemmas=["force", "loyal", "to", "Assad"])
    >>> allegiance(doc[0], lambda t: ("person:assad", "Person") if t.text == "Assad" else None)
    [('person:assad', 'Person')]
    """
    words_ = [c for c in noun.children if c.dep_ in ALLEGIANCE_DEPS
              and (c.lemma_.lower() in ALLEGIANCE_ADJECTIVES or c.lower_ in ALLEGIANCE_ADJECTIVES)]
    return [e for c in words_ for p in c.children if p.dep_ == "prep" and p.lower_ == "to"
            for o in p.children if o.dep_ == "pobj" for t in with_conjuncts(o) if (e := ent(t)) is not None]
