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
        # a state agent ("Syrian government forces") binds and continues like its demonym
        ("Syrian government forces renewed their assault on the Free Syrian Army.", "their", "state:SYR"),
        ("The Iraqi army entered Mosul on Monday. It then attacked ISIL fighters.", "It", "state:IRQ"),
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


# ---------------------------------------------------------------- issue 12, war reporting (rel12d)


def test_a_possessive_bound_by_soldiers_from_a_state(extractor):
    links, edges = _process(extractor, "Soldiers from Peru began their assault on Arica.")
    assert _linked(links, "their") == {"state:PER"}
    assert ("state:PER", "ATTACKED", "location:arica") in edges


def test_members_from_a_place_do_not_make_the_place_act(extractor):
    # fighters from a town are not the town acting
    links, _edges = _process(extractor, "Fighters from Arica began their assault on the base.")
    assert not _linked(links, "their")


def test_one_speakers_we_throughout_a_quotation(extractor):
    text = ('Gen. Ann Weber, commander of the Bolivian Joint Command, said, "We knew at once '
            'that to end the raids we had to cooperate with Chile."')
    links, _edges = _process(extractor, text)
    assert _linked(links, "We") == _linked(links, "we") == {"institution:bolivian-joint-command"}


def test_another_quotation_is_another_voice(extractor):
    text = ('Gen. Ann Weber, commander of the Bolivian Joint Command, said, "We will hold the line." '
            'A reporter asked whether "we could also talk to Chile".')
    links, _edges = _process(extractor, text)
    assert _linked(links, "we") == set()


def test_a_subject_he_continues_the_last_subject_he(extractor):
    text = ("Tanaka Hiroshi was arrested in Lima in May. He told the court that he was innocent. "
            "The court adjourned. On 3 June, he admitted that he had kidnapped two bankers.")
    links, _edges = _process(extractor, text)
    assert {key for (word, start), key in links.items() if word == "he" and start > text.index("adjourned")} \
        == {"person:tanaka-hiroshi"}


def test_a_person_named_since_breaks_the_chain(extractor):
    text = ("Tanaka Hiroshi was arrested in Lima in May. He told the court that he was innocent. "
            "The court adjourned. Carlos Ortiz spoke. Then the lawyers left. On 3 June, he admitted it.")
    links, _edges = _process(extractor, text)
    assert "person:tanaka-hiroshi" not in {key for (word, start), key in links.items()
                                            if word == "he" and start > text.index("lawyers")}
