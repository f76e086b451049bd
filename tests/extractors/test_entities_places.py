"""Places by sentence, regions and parties: capitals that act, first-level subdivisions, party names.

Real model on hand-written sentences; the rules are in :mod:`extractors.typing_cues`
(:func:`acting`) and :mod:`extractors.mentions` (gazetteer kinds ``region`` and party
organisations from ``data/parties_regions.json``).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsgraph.extractors.gazetteer import Gazetteer
from newsgraph.extractors.models import INSTITUTION, LOCATION, STATE
from newsgraph.extractors.typing_cues import acting, event_verbs


def typed(extractor, text: str) -> dict[str, tuple[str, str]]:
    result = extractor.process(extractor.nlp(text), "t", None)
    return {m.text: (m.type, m.key) for m in result.mentions}


# -- a capital that is the patient of speech or diplomacy acts for its state -----------------------

@pytest.mark.parametrize(
    ("text", "place", "etype"),
    [
        ("The Kremlin denied the report, and Moscow warned Kyiv on Friday.", "Kyiv", STATE),
        ("Officials in Ankara accused Washington of meddling in the vote.", "Washington", STATE),
        ("Officials in Ankara accused Washington of meddling in the vote.", "Ankara", LOCATION),
        ("The foreign minister visited Moscow last week.", "Moscow", LOCATION),
        ("Demonstrators gathered in Washington on Sunday.", "Washington", LOCATION),
    ],
)
def test_capital_acts_only_as_agent_or_patient_of_speech(extractor, text, place, etype):
    assert typed(extractor, text)[place][0] == etype


def _doc(words, heads, deps, lemmas, pos):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)


def test_patient_of_a_material_act_stays_a_place():
    # "Troops bombed Aleppo": CAMEO 19x (material conflict) is not a verb of speech or diplomacy
    doc = _doc(["Troops", "bombed", "Aleppo"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["troop", "bomb", "Aleppo"], ["NOUN", "VERB", "PROPN"])
    assert not acting(Span(doc, 2, 3))
    doc = _doc(["Moscow", "condemned", "Kyiv"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["Moscow", "condemn", "Kyiv"], ["PROPN", "VERB", "PROPN"])
    assert acting(Span(doc, 2, 3)) and acting(Span(doc, 0, 1))


def test_event_verbs_come_from_the_trigger_lexicon():
    verbs = event_verbs()
    assert {"warn", "accuse", "condemn", "meet", "threaten"} <= verbs
    assert not verbs & {"visit", "bomb", "attack", "enter", "seize", "travel"}


# -- regions ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "key"),
    [("Crimea", "location:crimea"), ("Northern Ireland", "location:northern-ireland"),
     ("Iraqi Kurdistan", "location:kurdistan-region"), ("Al Anbar", "location:al-anbar")],
)
def test_regions_in_the_gazetteer(text, key):
    m = Gazetteer.load().lookup(text)
    assert (m.kind, m.key) == ("region", key)


def test_states_and_capitals_win_over_regions():
    gaz = Gazetteer.load()
    assert gaz.lookup("Georgia").kind == "state"  # also a US state
    assert gaz.lookup("Washington").kind == "capital"  # also a US state


def test_region_the_model_tags_org_is_a_location(extractor):
    found = typed(extractor, "Russia annexed Crimea in 2014 after a disputed referendum.")
    assert found["Crimea"] == (LOCATION, "location:crimea")
    assert found["Russia"][0] == STATE


def test_one_word_region_does_not_override_a_person(extractor):
    # "Victoria" is an Australian state in ISO 3166-2 and a given name: the model's PERSON stays
    found = typed(extractor, "Victoria Nuland met the foreign minister. Victoria said the talks went well.")
    assert found["Victoria Nuland"][0] == "Person"


# -- parties ----------------------------------------------------------------------------------------

def test_phoenix_party_is_an_institution(extractor):
    found = typed(extractor, "The Chinese Communist Party expelled two officials on Monday.")
    assert found["Chinese Communist Party"] == (INSTITUTION, "institution:communist-party-of-china")


def test_party_table_records_have_sources():
    gaz = Gazetteer.load()
    assert gaz.organisation("syrian-national-coalition").name == "Syrian National Coalition"
    assert "Phoenix" in __import__("json").loads(
        __import__("newsgraph.extractors.gazetteer", fromlist=["EXTRA_PATH"]).EXTRA_PATH.read_text())["attribution"]


def test_of_phrase_acts_only_after_an_actor_noun():
    # "the streets of Moscow": a place; "officials of Moscow": an agent noun of data/agents.toml
    for noun, lemma, expected in (("streets", "street", False), ("officials", "official", True)):
        doc = _doc(["the", noun, "of", "Moscow"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                   ["the", lemma, "of", "Moscow"], ["DET", "NOUN", "ADP", "PROPN"])
        assert acting(Span(doc, 3, 4)) is expected, noun


# -- armed groups (Phoenix REB/INS/IMG blocks) --------------------------------------------------------

def test_armed_group_names_and_acronym_are_one_institution(extractor):
    found = typed(extractor, "Fighters of ISIL withdrew from the village. Later Daesh shelled the road "
                             "and the Nusra Front claimed the attack.")
    key = "institution:islamic-state-of-iraq-and-the-levant"
    assert found["ISIL"] == (INSTITUTION, key)
    assert found["Daesh"] == (INSTITUTION, key)
    assert found["Nusra Front"][0] == INSTITUTION


def test_armed_group_table_leaves_leaders_out():
    gaz = Gazetteer.load()
    group = gaz.organisation("islamic-state-of-iraq-and-the-levant")
    assert "ISIL" in group.acronyms and not any("Baghdadi" in v for v in group.variants)
    assert gaz.lookup("isis") is None  # an acronym matches only in capitals


# -- places by their words: features, place nouns, "-held", one text one place ------------------------

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Engineers inspected the Haditha Dam on Tuesday.", "Haditha Dam"),
        ("Rebels shelled the town of Kafr Nabudah on Monday.", "Kafr Nabudah"),
        ("Government troops entered insurgent-held Sarmin at dawn.", "Sarmin"),
    ],
)
def test_named_places_are_locations(extractor, text, name):
    assert typed(extractor, text)[name][0] == LOCATION


def test_ship_names_are_not_actors(extractor):
    found = typed(extractor, "The destroyer USS Kidd sailed with the French navy.")
    assert not any("Kidd" in name for name in found)


def test_arabic_group_word_makes_an_institution(extractor):
    found = typed(extractor, "Jaish al-Fatah and the Hamza Brigades claimed the attack.")
    assert found["Jaish al-Fatah"][0] == INSTITUTION
    assert found["Hamza Brigades"][0] == INSTITUTION


def test_one_word_place_is_a_place_in_every_mention(extractor):
    # the model reads the first two as ORG and the third as GPE: one text, one place
    result = extractor.process(extractor.nlp(
        "Airstrikes hit Saraqib overnight. Residents of Saraqib said the bombing in Saraqib killed four."), "t", None)
    assert [m.type for m in result.mentions if m.text == "Saraqib"] == [LOCATION] * 3


# -- governorates and districts with their English names; a curly apostrophe -------------------------

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aid convoys reached Hasakah after the siege was lifted.", "Hasakah"),
        ("Voters in Prizren backed the coalition.", "Prizren"),
    ],
)
def test_governorates_and_districts_are_locations(extractor, text, name):
    assert typed(extractor, text)[name][0] == LOCATION


def test_region_inside_a_longer_name_is_not_a_mention(extractor):
    found = typed(extractor, "She joined the Nineveh Reconstruction Fund in May.")
    assert "Nineveh" not in found


def test_curly_apostrophe_form_is_found(extractor):
    found = typed(extractor, "Da\u2019esh fighters left the town at night.")
    assert found["Da\u2019esh"][0] == INSTITUTION


def test_party_word_of_another_language_leads_an_untagged_name(extractor):
    found = typed(extractor, "The Parti Socialiste and the Partido Popular lost seats to Jaysh al-Islam.")
    assert found["Parti Socialiste"][0] == INSTITUTION
    assert found["Partido Popular"][0] == INSTITUTION
    assert found["Jaysh al-Islam"][0] == INSTITUTION


# -- a demonym with an agent noun of the state's own sectors describes the state -------------------

def test_state_descriptions_are_state_mentions_with_the_demonym_words(extractor):
    text = ("Libyan government forces and the Libyan navy stopped the boats; the Libyan president "
            "and Libyan refugees were not there.")
    result = extractor.process(extractor.nlp(text), "t", None)
    found = {m.text: (m.type, m.key, m.how) for m in result.mentions}
    assert found["Libyan government forces"] == (STATE, "state:LBY", "state agent")
    assert found["Libyan navy"] == (STATE, "state:LBY", "state agent")
    assert "Libyan president" not in found and "Libyan refugees" not in found
    # the description's words stay the demonym's: relation finding reads the same tokens
    desc = next(m for m in result.mentions if m.text == "Libyan government forces")
    assert desc.tokens[1] - desc.tokens[0] == 1
