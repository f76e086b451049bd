"""Issue 12 (re3d area): arguments of support, conflict and alliance relations in war reporting.

Reduced passives ("the X, backed by Y", "the Y-backed X"), and the guards that keep fighters,
liberated places and the like out of the wrong relation. Real small English model (the session
fixture ``nlp`` of tests/conftest.py); every sentence is made up for these tests (no dev-set text).
Entities are given by name so that the test reads the relation stage alone.
"""

from __future__ import annotations

import pytest


NAMES = {
    "Peru": ("state:PER", "State"), "Chile": ("state:CHL", "State"), "Norway": ("state:NOR", "State"),
    "Bolivia": ("state:BOL", "State"), "Tanaka": ("person:tanaka", "Person"),
    "Ortiz": ("person:ortiz", "Person"), "Lima": ("location:lima", "Location"),
    "Arica": ("location:arica", "Location"),
    "Red": ("institution:red-brigade", "Institution"), "Brigade": ("institution:red-brigade", "Institution"),
    "Andes": ("institution:andes-front", "Institution"), "Front": ("institution:andes-front", "Institution"),
}


@pytest.fixture(scope="module")
def extract(nlp, relation_extractor):
    ex = relation_extractor
    return lambda text: {(r.subject, r.type, r.object) for r in ex(nlp(text), lambda t: NAMES.get(t.text))}


def types_of(found) -> set[str]:
    return {t for _s, t, _o in found}


# ---------------------------------------------------------------- reduced passives


@pytest.mark.parametrize("text", [
    "The Andes Front, backed by Peru, seized the border town.",
    "The Andes Front, supported by Peru, crossed the river on Monday.",
    "The Peru-backed Andes Front seized the border town.",
])
def test_a_participle_on_a_name_has_that_name_as_patient(extract, text):
    assert ("state:PER", "SUPPORTED", "institution:andes-front") in extract(text)


def test_a_reduced_passive_with_a_conjoined_head(extract):
    found = extract("Chile and Bolivia, backed by Norway, rejected the plan.")
    assert {("state:NOR", "SUPPORTED", "state:CHL"), ("state:NOR", "SUPPORTED", "state:BOL")} <= found


def test_a_participle_with_its_own_object_is_no_reduced_passive(extract):
    # "the agency having backed X" / a participle that keeps its object is active
    found = extract("Officials said Chile, having backed Peru for years, changed course.")
    assert ("state:PER", "SUPPORTED", "state:CHL") not in found


def test_the_doer_of_a_hyphened_participle_is_the_name_before_the_hyphen(extract):
    # a plain compound is no doer: "the Lima-based Andes Front" names a place, and "based" is no trigger
    assert not types_of(extract("The Lima-based Andes Front seized the border town.")) & {"SUPPORTED"}


# ---------------------------------------------------------------- guards


def test_fighters_are_combatants_not_arms(extract):
    assert "SUPPLIED_ARMS_TO" not in types_of(extract("Peru sent thousands of fighters to Bolivia."))
    assert ("state:PER", "SUPPLIED_ARMS_TO", "state:BOL") in extract("Peru sold fighter jets to Bolivia.")


def test_the_patient_of_an_act_welcomed_is_no_guest(extract):
    assert "MET_WITH" not in types_of(extract("Tanaka welcomed the liberation of the Andes Front."))
    # the members of a group welcomed are met
    assert ("person:tanaka", "MET_WITH", "institution:andes-front") in extract(
        "Tanaka welcomed the leaders of the Andes Front.")
    assert ("person:tanaka", "MET_WITH", "state:PER") in extract("Tanaka welcomed a delegation from Peru.")


# ---------------------------------------------------------------- "at the request of"


@pytest.mark.parametrize("text", [
    "At the request of Peru, Chile sent troops to the border.",
    "Chile acted at the behest of Peru.",
    "Chile closed the border at Peru's request.",
])
def test_the_act_done_at_a_request_was_asked_for(extract, text):
    assert ("state:PER", "APPEALED_TO", "state:CHL") in extract(text)


def test_at_a_place_is_no_request(extract):
    assert "APPEALED_TO" not in types_of(extract("Chile met Peru at the border post."))


# ---------------------------------------------------------------- combatants


@pytest.mark.parametrize(("text", "fact"), [
    ("Tanaka, a fighter with the Andes Front, said the talks failed.",
     ("person:tanaka", "MEMBER_OF", "institution:andes-front")),
    ("Tanaka, an Andes Front militant, said the talks failed.",
     ("person:tanaka", "MEMBER_OF", "institution:andes-front")),
    ("Tanaka, a soldier in the army of Peru, was wounded.", ("person:tanaka", "MEMBER_OF", "state:PER")),
])
def test_a_combatant_is_a_member_of_the_force(extract, text, fact):
    assert fact in extract(text)


def test_fighters_of_a_group_are_no_named_member(extract):
    assert "MEMBER_OF" not in types_of(extract("Ortiz said fighters of the Andes Front had left Arica."))


# ---------------------------------------------------------------- partitives


@pytest.mark.parametrize("text", [
    "The Red Brigade, part of the Andes Front, entered the town.",
    "The Red Brigade is part of the Andes Front.",
    "The Red Brigade, a faction of the Andes Front, entered the town.",
    "The Red Brigade, the armed wing of the Andes Front, fired rockets.",
])
def test_a_part_of_a_body_is_a_member_of_it(extract, text):
    assert ("institution:red-brigade", "MEMBER_OF", "institution:andes-front") in extract(text)


@pytest.mark.parametrize("text", [
    "Peru took part in the talks with Chile.",
    "For its part, Chile rejected the offer of Peru.",
])
def test_part_in_other_phrases_is_no_membership(extract, text):
    assert "MEMBER_OF" not in types_of(extract(text))


def test_a_place_modifying_a_partitive_is_not_the_whole(extract):
    found = extract("The Red Brigade, the Andes Front's Peru affiliate, seized the town.")
    assert ("institution:red-brigade", "MEMBER_OF", "institution:andes-front") in found
    assert ("institution:red-brigade", "MEMBER_OF", "state:PER") not in found


def test_an_event_noun_modified_by_a_participle_is_no_patient(extract):
    # "the Peru ban imposed by Tanaka": the ban's modifier is its doer, not its target
    found = extract("The Peru ban on trade with Bolivia - imposed by then president Tanaka in 1986 - was lifted in April.")
    assert not [f for f in found if f[0] == "person:tanaka" and f[2] == "state:PER"]


def test_the_by_agents_of_a_participle_did_not_act_together(extract):
    found = extract("The delegation received by Peru and Chile left on Monday.")
    assert "MET_WITH" not in types_of(found)
    assert ("state:PER", "AGREED_WITH", "state:CHL") in extract("The accord signed by Peru and Chile took effect.")
