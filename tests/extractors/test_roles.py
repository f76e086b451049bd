"""Issue 12: role facts (HEAD_OF / MEMBER_OF) read from names without a role noun between them:
a body modified by "led by" / "headed by", a person's party, candidacy for a party, a body that
includes its members; each with the construction that must not give the fact.
Real model and pipeline; constructed sentences.
"""

from __future__ import annotations

import pytest



def roles(extractor, text):
    result = extractor.process(extractor.nlp(text), "d1", None)
    return {(r.subject, r.type, r.object) for r in result.relations if r.type in {"HEAD_OF", "MEMBER_OF"}}


@pytest.mark.parametrize(("text", "expected"), [
    # a participle modifying the body, or the noun predicated of it
    ("The Green Alliance, led by Maria Lopez, won four seats.",
     ("person:maria-lopez", "HEAD_OF", "institution:green-alliance")),
    ("The Workers Party government, headed by Prime Minister Paul Grant, fell in 1990.",
     ("person:paul-grant", "HEAD_OF", "institution:workers-party")),
    ("The Ridge Brigade is a small armed group led by Omar Haddad.",
     ("person:omar-haddad", "HEAD_OF", "institution:ridge-brigade")),
    ("The Green Party, founded by Tom Reyes in 1990, won two seats.",
     ("person:tom-reyes", "HEAD_OF", "institution:green-party")),
    # a person named as the possessor of a party
    ("Ahead of the vote, President John Miller's Freedom Party formed a joint list.",
     ("person:john-miller", "MEMBER_OF", "institution:freedom-party")),
    # standing for a party, and a party's incumbent
    ("Mary Cole stood for the Labour Party in 1950.", ("person:mary-cole", "MEMBER_OF", "institution:labour-party")),
    ("Tom Reyes won the seat for the Labour Party in 1990.", ("person:tom-reyes", "MEMBER_OF", "institution:labour-party")),
    ("She lost to Conservative Party incumbent John Smith in 1990.",
     ("person:john-smith", "MEMBER_OF", "institution:conservative-party")),
    # a body and its members
    ("The Andean Pact includes Peru and Bolivia.", ("state:BOL", "MEMBER_OF", "institution:andean-pact")),
    ("The Northern Front, which includes the Ridge Brigade, attacked the town.",
     ("institution:ridge-brigade", "MEMBER_OF", "institution:northern-front")),
    ("NATO, including Turkey, warned Russia.", ("state:TUR", "MEMBER_OF", "institution:nato")),
    ("Prominent members of the Rotary Club have been John Smith and Mary Jones.",
     ("person:mary-jones", "MEMBER_OF", "institution:rotary-club")),
    # the party named by apposition, its member by "of"
    ("The gains came at the expense of the Reform Party, the party of Governor John Smith.",
     ("person:john-smith", "MEMBER_OF", "institution:reform-party")),
    # election or appointment to a body
    ("Mary Jones was elected to the Senate in 1998.", ("person:mary-jones", "MEMBER_OF", "institution:senate")),
    ("Kenya was elected to the Security Council.", ("state:KEN", "MEMBER_OF", "institution:un-security-council")),
])
def test_role_fact_from_names(extractor, text, expected):
    assert expected in roles(extractor, text)


@pytest.mark.parametrize("text", [
    # a candidacy for a seat is not a seat
    "Tom Reyes ran for the Senate in 2004.",
    # a state's party is not a membership of the state
    "Chile's Socialist Party lost the vote.",
    # a list of the body is not the body; a state placed in a list is not a member of its author
    "The bloc's blacklist includes Chile.",
    "The European Union included Hungary in the sanctions list.",
    # troops led by an officer: no body named
    "Troops led by Colonel Ivan Petrov entered Georgia.",
    # "including" on a common noun names no body
    "Sanctions hit five banks, including Rosneft.",
    # a nationality adjective on a profession is no role in the state, nor the state acting
    "Anna Berg is a Canadian economist who was elected to the Senate in 2006.",
    "Anna Berg, a Canadian professor, spoke in Paris.",
])
def test_no_role_fact(extractor, text):
    assert not roles(extractor, text)


def test_possessor_of_coordinated_parties_owns_only_the_first(extractor):
    found = roles(extractor, "Ahead of the vote, President John Miller's Freedom Party and the Labour Party formed a joint list.")
    assert ("person:john-miller", "MEMBER_OF", "institution:freedom-party") in found
    assert ("person:john-miller", "MEMBER_OF", "institution:labour-party") not in found


def test_of_phrase_qualifies_its_own_name_only(extractor):
    found = roles(extractor, "She lost to Tom Reyes of the Labour Party and Ann Fox of the Green Party.")
    assert ("person:ann-fox", "MEMBER_OF", "institution:green-party") in found
    assert ("person:ann-fox", "MEMBER_OF", "institution:labour-party") not in found


def test_party_in_brackets_after_each_name(extractor):
    found = roles(extractor, "She finished behind Tom Reyes (Labour Party) and Ann Fox (Liberal Party).")
    assert {("person:tom-reyes", "MEMBER_OF", "institution:labour-party"),
            ("person:ann-fox", "MEMBER_OF", "institution:liberal-party")} <= found
    assert ("person:ann-fox", "MEMBER_OF", "institution:labour-party") not in found
