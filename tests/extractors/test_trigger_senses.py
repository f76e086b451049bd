"""Issue 12: sense tests of ambiguous triggers (part of speech, dependency, object class, modifiers)
and the lexicon's reach (reviewed verbs, phrasal verbs, multi-word nouns, reciprocal events).

Real small English model; every sentence is made up for these tests (no dev-set text). Entities
are given by name so that the test reads the relation stage alone.
"""

from __future__ import annotations

import pytest

from newsgraph.extractors.relations import Ontology
from newsgraph.extractors.triggers import Entry, TriggerLexicon, _singular

NAMES = {
    "Peru": ("state:PER", "State"), "Chile": ("state:CHL", "State"), "Norway": ("state:NOR", "State"),
    "Bolivia": ("state:BOL", "State"), "Tanaka": ("person:tanaka", "Person"), "Ortiz": ("person:ortiz", "Person"),
    "Lima": ("location:lima", "Location"), "UNESCO": ("institution:unesco", "Institution"),
}


@pytest.fixture(scope="module")
def extract(nlp, relation_extractor):
    ex = relation_extractor
    return lambda text: {(r.subject, r.type, r.object) for r in ex(nlp(text), lambda t: NAMES.get(t.text))}


def types_of(found) -> set[str]:
    return {t for _s, t, _o in found}


# ---------------------------------------------------------------- part of speech and dependency


def test_an_adjective_is_no_act(nlp, extract):
    assert not Entry(type="CAPTURED", lemma="oust", pos="VERB").matches(nlp("The ousted leader met Peru.")[1])
    assert "CAPTURED" not in types_of(extract("The ousted president Tanaka flew to Chile."))
    assert ("state:PER", "CAPTURED", "person:tanaka") in extract("Peru ousted Tanaka in a coup.")


@pytest.mark.parametrize("text", [
    "Peru declared a cease-fire with Chile.",
    "Peru and Chile agreed to a ceasefire on Sunday.",
    "The cease-fire between Peru and Chile held overnight.",
])
def test_a_cease_fire_is_no_attack(extract, text):
    assert "ATTACKED" not in types_of(extract(text))


def test_the_host_of_a_meeting_did_not_meet(extract):
    found = extract("Norway hosts a meeting of Peru and Chile in Oslo.")
    assert not [f for f in found if f[0] == "state:NOR" or f[2] == "state:NOR"]
    assert ("state:PER", "MET_WITH", "state:CHL") in found
    # a guest is met
    assert ("state:NOR", "MET_WITH", "state:PER") in extract("Norway hosted the president of Peru.")


def test_a_place_visited_is_no_participant(extract):
    assert "MET_WITH" not in types_of(extract("Tanaka's visit to Lima ended on Friday."))
    assert ("person:tanaka", "MET_WITH", "state:CHL") in extract("Tanaka's visit to Chile ended on Friday.")


def test_a_destination_is_no_participant(extract):
    # CAMEO codes "fly to" as an intent to meet; a trip's end is a place, not a party
    assert not extract("Tanaka flew to Chile on Monday.")
    assert not extract("Tanaka headed to Chile after the vote.")


def test_a_clash_over_a_matter_is_a_dispute(extract):
    assert "ATTACKED" not in types_of(extract("Peru clashed with Chile over fishing rights."))
    assert extract("Peru clashed with Chile near the border.") >= {("state:PER", "ATTACKED", "state:CHL")}


def test_a_contest_is_no_attack(extract):
    assert "ATTACKED" not in types_of(extract("Peru and Chile fought for the title."))


# ---------------------------------------------------------------- object class


def test_fire_takes_its_target_through_a_preposition(extract):
    assert "ATTACKED" not in types_of(extract("Peru fired Tanaka as defence minister."))  # dismissed
    assert ("state:PER", "ATTACKED", "state:CHL") in extract("Peru fired on Chile at dawn.")
    assert ("state:PER", "ATTACKED", "state:CHL") in extract("Peru fired rockets at Chile.")
    assert ("state:PER", "ATTACKED", "state:CHL") in extract("Peru opened fire on Chile.")


def test_an_attack_on_a_decision_is_criticism(extract):
    found = extract("Peru attacked Chile's decision to close the port.")
    assert ("state:PER", "CRITICIZED", "state:CHL") in found and "ATTACKED" not in types_of(found)
    assert ("state:PER", "ATTACKED", "state:CHL") in extract("Peru attacked Chile at dawn.")


def test_a_sanction_as_instrument_is_no_attack(extract):
    found = extract("Peru hit Chile with new tariffs.")
    assert found == {("state:PER", "SANCTIONED", "state:CHL")}


def test_expelling_observers_is_a_sanction_expelling_a_person_a_deportation(extract):
    assert ("state:PER", "SANCTIONED", "institution:unesco") in extract("Peru expelled UNESCO observers.")
    assert ("state:PER", "EXTRADITED_TO", "person:tanaka") in extract("Peru expelled Tanaka to Chile.")


def test_closing_an_embassy_cuts_ties(extract):
    assert ("state:PER", "CUT_TIES_WITH", "state:CHL") in extract("Peru closed its embassy in Chile.")
    assert ("state:PER", "ESTABLISHED_TIES_WITH", "state:CHL") in extract("Peru reopened its embassy in Chile.")


# ---------------------------------------------------------------- modifiers: multi-word nouns


def test_multi_word_noun_entries(nlp):
    entry = Entry(type="PROTESTED_AGAINST", lemma="strike", pos="NOUN", modifiers=frozenset({"hunger"}))
    assert entry.matches(nlp("Tanaka began a hunger strike.")[4])
    assert not entry.matches(nlp("Tanaka began a strike.")[3])
    assert _singular("exercises") == "exercise" and _singular("talks") == "talk" and _singular("process") == "process"
    lex = TriggerLexicon.load()
    assert "PROTESTED_AGAINST" in lex.compound_types(nlp("Tanaka began a hunger strike.")[4])


def test_a_modifier_fixes_a_non_violent_sense(extract):
    found = extract("Peru launched a scathing attack on Chile.")
    assert ("state:PER", "CRITICIZED", "state:CHL") in found and "ATTACKED" not in types_of(found)
    assert ("state:PER", "ATTACKED", "state:CHL") in extract("Peru launched a rocket attack on Chile.")
    assert "ATTACKED" not in types_of(extract("Peruvian workers began a hunger strike against Chile."))


def test_joint_exercises_are_cooperation(extract):
    assert ("state:PER", "COOPERATED_WITH", "state:CHL") in extract("Peru and Chile held joint naval exercises.")


# ---------------------------------------------------------------- the lexicon's reach


@pytest.mark.parametrize("text, expected", [
    ("Peru lashed out at Chile on Friday.", ("state:PER", "CRITICIZED", "state:CHL")),  # particle + "at"
    ("Peru pulled out of Bolivia last year.", ("state:PER", "WITHDREW_FROM", "state:BOL")),  # "out" parsed as a preposition
    ("Peru cracked down on Tanaka's supporters.", ("state:PER", "COERCED", "person:tanaka")),
    ("Peru agreed to cooperate with Chile on fishing.", ("state:PER", "COOPERATED_WITH", "state:CHL")),
    ("Peru castigated Chile for the delay.", ("state:PER", "CRITICIZED", "state:CHL")),
    ("Peru took Tanaka into custody.", ("state:PER", "ARRESTED", "person:tanaka")),
])
def test_lexicon_triggers(extract, text, expected):
    assert expected in extract(text)


def test_reciprocal_events_act_both_ways(extract):
    found = extract("Clashes between Peru and Chile killed ten soldiers.")
    assert {("state:PER", "ATTACKED", "state:CHL"), ("state:CHL", "ATTACKED", "state:PER")} <= found
    # the sentence's subject is the doer of "clashed with"
    assert ("state:CHL", "ATTACKED", "state:PER") not in extract("Peru clashed with Chile near the border.")


def test_every_coded_type_has_reviewed_or_constrained_triggers():
    lex = TriggerLexicon.load()
    onto = Ontology.load()
    coded = [n for n, t in onto.types.items() if t.cameo and t.family not in {"role", "co-occurrence"}]
    assert [n for n in coded if not lex.lemmas(n, "VERB") and not lex.lemmas(n, "NOUN")] == []


def test_the_doer_of_an_event_noun_that_kills(extract):
    # the subject of "killed" is an attack; its agent is the modifier (or the weapon's owner)
    assert ("state:PER", "ATTACKED", "person:ortiz") in extract("Peru air strikes killed Ortiz on Monday.")
    assert ("state:PER", "ATTACKED", "person:tanaka") in extract("Recent Peru drone strikes have killed Tanaka.")


def test_a_plan_as_object_is_struck_down_not_attacked(extract):
    assert "ATTACKED" not in types_of(extract("Peru killed Chile's proposal in committee."))
    assert "ATTACKED" not in types_of(extract("Peru hit Chile's plan hard."))


def test_people_of_a_state_stand_for_it_as_objects_of_arrest(nlp, relation_extractor):
    names = dict(NAMES, Peruvians=("state:PER", "State"))
    found = {(r.subject, r.type, r.object) for r in relation_extractor(nlp("Chile arrested twelve Peruvians."), lambda t: names.get(t.text))}
    assert found == {("state:CHL", "ARRESTED", "state:PER")}


def test_a_multi_word_object_needs_its_modifiers(nlp, extract):
    entry = Entry(type="CRITICIZED", lemma="issue", pos="VERB", objects=frozenset({"defiant statement"}))
    assert entry.matches(nlp("Peru issued a defiant statement.")[1])
    assert not entry.matches(nlp("Peru issued a statement.")[1])
    assert "CRITICIZED" not in types_of(extract("Peru issued a formal statement to Chile."))


def test_phrasal_verbs_need_review(extract):
    # CAMEO codes "take over" as a seizure; taking over a post or a presidency is no coercion
    assert not extract("Peru takes over the presidency of UNESCO from Chile in July.")
    assert ("state:PER", "CONCEDED_TO", "state:CHL") in extract("Peru gave in to pressure from Chile.")


def test_the_possessor_of_a_killing_is_its_victim(extract):
    found = extract("Tanaka's torture in a Peru jail angered Chile.")
    assert not [f for f in found if f[0] == "person:tanaka" and f[1] == "ATTACKED"]
    # an event of another type under a curated verb is read too
    assert ("state:PER", "ATTACKED", "person:tanaka") in extract("Chile condemned Peru's assassination of Tanaka.")
    assert ("state:PER", "ATTACKED", "state:CHL") in extract("Peru's invasion of Chile began at dawn.")
