"""Pronouns of states and organisations (extractors/coref.py), on invented sentences and the real model.

A link is made by grammar only (the reporting speaker, the subject binding a possessive, the
main subject of the sentence before) and then serves relations like a mention.
"""

from __future__ import annotations

import pytest


def _process(extractor, text: str):
    result = extractor.process(extractor.nlp(text), "t", None)
    links = {(text[s:e], s): key for s, e, key, _how in result.links}
    edges = {(r.subject, r.type, r.object) for r in result.relations}
    return links, edges


def _linked(links, word: str) -> set[str]:
    return {key for (text, _start), key in links.items() if text == word}


@pytest.mark.parametrize(
    ("text", "pronoun", "key"),
    [
        # the possessive is bound by the subject of its own clause
        ("Canada renewed its support for the Kurdistan Regional Government.", "its", "state:CAN"),
        # an object that names no entity does not compete with the subject
        ("Iran threatened to launch a new offensive in its war with Iraq.", "its", "state:IRN"),
        # the reporting speaker: "it" of a state, "we" of an organisation's statement
        ("The Foreign Ministry of Peru said it would recall its ambassador from Chile.", "it",
         "institution:foreign-ministry-of-peru"),
        ("NATO said in a statement: we condemn the attack by Russia.", "we", "institution:nato"),
        # a person's "we" speaks for the body of the speaker's role noun
        ("A spokesman for the Kurdistan Regional Government said we condemn the attack by Turkey.", "we",
         "institution:kurdistan-regional-government"),
        ('Gen. Mark Kelly, commander of the Iraqi Counter Terrorism Service, said, "We will hold Mosul."', "We",
         "institution:iraqi-counter-terrorism-service"),
        # a main-clause subject continues the main subject of the sentence before
        ("Hamas fired rockets at Israel on Sunday. It said the attack was revenge.", "It", "institution:hamas"),
    ],
)
def test_group_pronoun_links(extractor, text, pronoun, key):
    links, _edges = _process(extractor, text)
    assert _linked(links, pronoun) == {key}


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        # two coordinated antecedents: no one entity to link
        ("Chile and Peru signed a deal. They agreed to consult each other.", "They"),
        # a dummy "it"
        ("Germany sent troops to Mali. It is thought that France will follow.", "It"),
        # a person's "we" speaks for a body the text does not name
        ("Nicolas Maduro said we will resist the blockade.", "we"),
        # number agreement: "their" does not take a singular subject
        ("Canada renewed their support for the Kurdistan Regional Government.", "their"),
        # an entity object before the possessive competes with the subject
        ("Iraq thanked the Counter-ISIS Coalition for its support.", "its"),
    ],
)
def test_group_pronoun_left_unlinked(extractor, text, pronoun):
    links, _edges = _process(extractor, text)
    assert not _linked(links, pronoun)


def test_linked_pronoun_is_an_argument(extractor):
    _links, edges = _process(extractor, "NATO said in a statement: we condemn the attack by Russia.")
    assert ("institution:nato", "CRITICIZED", "state:RUS") in edges
    _links, edges = _process(extractor, "Canada renewed its support for the Kurdistan Regional Government.")
    assert ("state:CAN", "SUPPORTED", "institution:kurdistan-regional-government") in edges


def test_object_role_skips_the_subject_itself(extractor):
    # "for one of its boats" names Spain again: the object is the next role's, Portugal
    _links, edges = _process(extractor, "Spain has apologized to Portugal for one of its patrol boats stopping a trawler.")
    assert ("state:ESP", "PRAISED", "state:PRT") in edges
