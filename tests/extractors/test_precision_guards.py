"""Issue 12, precision on unseen news: sense tests by object class and grammar, and modality cues
read on the event itself (a determiner "no", a future time word, a purpose clause).

Classes of wrong edges found by reading newsgraph's edges on bench articles outside every dev set.
Real small English model (the shared ``extractor`` fixture); every sentence is made up for these
tests. Entities are given by name so that the test reads the relation stage alone.
"""

from __future__ import annotations

import pytest


NAMES = {
    "Peru": ("state:PER", "State"), "Chile": ("state:CHL", "State"), "Japan": ("state:JPN", "State"),
    "Korea": ("state:KOR", "State"), "NATO": ("institution:nato", "Institution"),
    "Liberals": ("institution:liberals", "Institution"), "Gomez": ("person:gomez", "Person"),
    "Carter": ("person:carter", "Person"), "Castillo": ("person:castillo", "Person"),
    "Lopez": ("person:lopez", "Person"), "Bank": ("institution:bank", "Institution"),
}


@pytest.fixture(scope="module")
def extract(nlp, relation_extractor):
    ex = relation_extractor
    return lambda text: {(r.subject, r.type, r.object): r.status for r in ex(nlp(text), lambda t: NAMES.get(t.text))}


# ---------------------------------------------------------------- senses


@pytest.mark.parametrize("text", [
    "Gomez on Tuesday called the NATO strikes on two of its bases an escalation and promised revenge.",
    "Gomez called NATO a relic of the past.",
])
def test_naming_verb_with_an_object_predicate_is_no_appeal_or_demand(extract, text):
    found = extract(text)
    assert not {t for _s, t, _o in found} & {"APPEALED_TO", "DEMANDED", "SPOKE_WITH"}


def test_call_on_still_appeals(extract):
    # the naming guard leaves CALL (ON), an appeal in CAMEO (020)
    assert ("person:gomez", "APPEALED_TO", "state:PER") in extract("Gomez called on Peru to free the prisoners.")


@pytest.mark.parametrize("text", [
    "Carter has already met stiff opposition from the Liberals to his plans.",
    "Carter received criticism from the Liberals for the budget.",
    "Carter encountered resistance from NATO.",
])
def test_meeting_opposition_or_criticism_is_no_meeting(extract, text):
    assert not any(t == "MET_WITH" for _s, t, _o in extract(text))


def test_meeting_a_person_is_still_a_meeting(extract):
    assert ("person:carter", "MET_WITH", "person:castillo") in extract("Carter met Castillo in the capital.")


# ---------------------------------------------------------------- modality


@pytest.mark.parametrize(("text", "edge", "status"), [
    # "no" on the object or on the event noun
    ("Chile will accept no monitoring by the Bank.", ("state:CHL", "ACCEPTED", "institution:bank"), "negated"),
    ("Peru held no talks with Chile last year.", ("state:PER", "MET_WITH", "state:CHL"), "negated"),
    # a present tense with a future time word
    ("Peru and Chile meet tomorrow to settle a dispute over fishing rights.", ("state:PER", "MET_WITH", "state:CHL"),
     "proposed"),
    # a to-infinitive adverbial clause is a purpose
    ("Gomez traveled to the capital to hold talks with Castillo.", ("person:gomez", "MET_WITH", "person:castillo"),
     "proposed"),
])
def test_modality_cues_on_the_event(extract, text, edge, status):
    found = extract(text)
    key = edge if edge in found else (edge[2], edge[1], edge[0])
    assert found[key] == status


@pytest.mark.parametrize("text", [
    "Gomez met Castillo in Lima on Monday.",
    "Gomez met Castillo and gave no details of the talks.",  # "no" on another event's noun
    "Gomez met Castillo yesterday to settle the dispute.",  # the purpose is the settling, not the meeting
])
def test_plain_past_events_stay_asserted(extract, text):
    assert extract(text)[("person:gomez", "MET_WITH", "person:castillo")] == "asserted"


# ---------------------------------------------------------------- arguments and roles


def test_a_clause_cut_off_by_a_dash_is_not_the_content_of_a_demand(extract):
    found = extract("Peru, Chile and Korea want the fund capped at 2% of output - the Bank has urged an increase to 3%.")
    assert not any(t == "DEMANDED" for _s, t, _o in found)
    assert ("state:PER", "DEMANDED", "state:CHL") in extract("Chile must withdraw its troops, Peru demanded.")


@pytest.mark.parametrize("text", [
    "Castillo, director of the Tokyo office of the Bank, met Gomez.",
    "Castillo, the head of tax at the Bank, said taxes rose.",
])
def test_the_head_of_a_part_of_a_body_is_a_member_of_it(extract, text):
    found = extract(text)
    assert ("person:castillo", "MEMBER_OF", "institution:bank") in found
    assert ("person:castillo", "HEAD_OF", "institution:bank") not in found


def test_the_head_of_the_body_itself_stays_its_head(extract):
    assert ("person:castillo", "HEAD_OF", "institution:bank") in extract("Castillo, the head of the Bank, met Gomez.")


def test_a_phrasal_verb_of_rule_or_head_is_no_role(extract):
    found = extract("Castillo ruled out a fresh initiative by the Liberals.")
    assert not any(t == "HEAD_OF" for _s, t, _o in found)
    assert ("person:castillo", "HEAD_OF", "institution:liberals") in extract("Castillo leads the Liberals.")


def test_the_head_of_a_named_body_heads_it_not_the_body_it_sits_in(extractor):
    text = "Linda Knox, Director of the Scottish Policy Centre at Glasgow University, said the increase was slowing."
    r = extractor.process(extractor.nlp(text), "t", None)
    heads = {r.entities[x.object].name for x in r.relations if x.type == "HEAD_OF"}
    assert heads == {"Scottish Policy Centre"}


def test_a_place_word_beside_the_owner_is_where_the_post_is(extractor):
    r = extractor.process(extractor.nlp('"Sales rose," said Aidan Burke, Google\'s European chief.'), "t", None)
    roles = {(x.type, r.entities[x.object].name) for x in r.relations if x.type in {"HEAD_OF", "MEMBER_OF"}}
    assert roles == {("HEAD_OF", "Google")}


def test_a_place_in_a_locative_phrase_is_where_the_post_is(extractor):
    text = "The letter came from Roy Hale, head of the EU delegation in Washington, and reached Dan Ross."
    r = extractor.process(extractor.nlp(text), "t", None)
    assert not any(r.entities[x.object].name == "Washington" for x in r.relations if x.type in {"HEAD_OF", "MEMBER_OF"})
