"""Arguments the parser attached away from their phrase, for the argument finder (issue 12).

Tree helpers of :mod:`.arguments` and :mod:`.holders` for constructions where a participant is
in the sentence but not where the role functions look:

* a by-phrase of an act noun hung on the verb that takes the noun as object: "condemned the
  invasion of X BY Y" (:func:`stranded_by`).

Each helper reads the dependency tree only; the caller maps tokens to entities.
"""

from __future__ import annotations

from .syntax import OBJ_DEPS, VERBAL_POS, is_passive

__all__ = ["stranded_by"]


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

