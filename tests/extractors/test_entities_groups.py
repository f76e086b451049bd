"""Actors named without a full name: a people by its plural demonym, an alliance by its short name,
a government by its leader; and a feature named without its feature word.

Real model on hand-written sentences; the rules are :func:`extractors.typing_cues.people_noun`
(``how="people"``) and the alliance nouns of ``data/lexicon.toml`` read by :mod:`extractors.mentions`.
"""

from __future__ import annotations

from newsgraph.extractors.models import INSTITUTION, STATE

from tests.extractors.mention_table import found


# -- a plural demonym heading its noun phrase names the people of its state -------------------------

def test_plural_demonym_as_a_noun_is_the_people_of_its_state(extractor):
    got = found(extractor, "The Peruvians left for Chile, where Chileans and Bolivians hired them.")
    assert got["Peruvians"] == [(STATE, "state:PER", "people")]
    assert got["Chileans"] == [(STATE, "state:CHL", "people")]
    assert got["Bolivians"] == [(STATE, "state:BOL", "people")]


def test_demonym_as_a_modifier_or_a_singular_stays_a_demonym(extractor):
    got = found(extractor, "Peruvian refugees met a Peruvian and the Peruvian ambassador in Lima.")
    assert all(how == "demonym" for m in got["Peruvian"] for _t, _k, how in [m])
    assert not any(how == "people" for ms in got.values() for _t, _k, how in ms)


# -- a capitalised alliance noun inside a sentence is the alliance's short name ---------------------

def test_capitalised_alliance_noun_is_an_institution(extractor):
    text = ("Local units asked for help from the Coalition. In the south, Coalition aircraft struck a depot. "
            "The Coalition said the strikes would go on.")
    got = found(extractor, text)
    assert got["Coalition"] == [(INSTITUTION, "institution:coalition", "exact")] * 3


def test_lower_case_or_title_case_alliance_noun_is_no_name(extractor):
    got = found(extractor, "The coalition government fell in March.\nCoalition Forces Strike Depots In Tunisia")
    assert "Coalition" not in got and "coalition" not in got


def test_alliance_noun_first_in_a_sentence_is_not_read_as_a_name(extractor):
    # a sentence's first word is capitalised whatever it is: no evidence of a name
    assert "Coalition" not in found(extractor, "Coalition talks broke down on Monday.")


# -- a person's name owning a government noun names the government that person leads ---------------

def test_leader_name_with_a_government_noun_is_that_government(extractor):
    text = ("The Lukashenko regime jailed critics. Talks on a move away from the regime of Lukashenko "
            "stalled, and Lukashenko's brutal regime refused.")
    got = found(extractor, text)
    key = "institution:government-of-lukashenko"
    assert got["Lukashenko regime"] == [(INSTITUTION, key, "leader's government")]
    assert got["regime of Lukashenko"] == [(INSTITUTION, key, "leader's government")]
    assert got["Lukashenko's brutal regime"] == [(INSTITUTION, key, "leader's government")]
    # the leader keeps his own mentions: the government is a second entity, on the noun's token
    assert {t for t, _k, _h in got["Lukashenko"]} == {"Person"}


def test_leader_name_with_other_nouns_or_plural_governments_is_no_government(extractor):
    got = found(extractor, "Lukashenko's allies and the Lukashenko governments of the past met Lukashenko's ministers.")
    assert not any(h == "leader's government" for ms in got.values() for _t, _k, h in ms)


# -- a feature's name without its feature word is the same place ----------------------------------

def test_feature_name_without_its_feature_word_is_a_place(extractor):
    got = found(extractor, "The dam diverts the Tigris River into Lake Tharthar. Water flows to the Tigris while Tharthar fills.")
    assert got["Tigris"][0][0] == "Location"
    assert got["Tharthar"][0][0] == "Location"


# -- a one-word region the model reads as a person is a place where the text uses it as one ---------

def test_one_word_region_read_as_a_person_is_a_place_after_a_locative_preposition(extractor):
    got = found(extractor, "A militia commander in Muthanna was killed. His death weakens the group's hold on Muthanna.")
    assert {t for ms in [got["Muthanna"]] for t, _k, _h in ms} == {"Location"}
    # a given name that is also a region stays the person's ("Victoria Nuland", "Victoria said")
    got = found(extractor, "Victoria Nuland met the minister. Victoria said the talks went well.")
    assert got["Victoria Nuland"][0][0] == "Person"


# -- people by a title or an age --------------------------------------------------------------------

def test_untagged_personal_title_and_name_is_a_person(extractor):
    got = found(extractor, "Mr Haddadin is certain it helps. Mrs. Haddad agreed with him.")
    assert got["Haddadin"][0][0] == "Person"
    assert got["Haddad"][0][0] == "Person"


def test_name_the_model_types_org_ending_with_a_titled_surname_is_that_person(extractor):
    got = found(extractor, "\"The wells gave us water all year,\" says the farms' owner, Jamal Alkhatib. "
                           "Mr Alkhatib is sure it is a good plan.")
    assert got["Jamal Alkhatib"][0][:2] == got["Alkhatib"][0][:2] == ("Person", "person:alkhatib")


def test_name_after_an_age_is_a_person(extractor):
    got = found(extractor, "For 12-year-old Samir the school is quieter than the street.")
    assert got["Samir"][0][0] == "Person"


def test_title_in_a_title_case_headline_makes_no_person(extractor):
    got = found(extractor, "Lord Mayor Backs Bridge Plan As Costs Rise\nThe council met on Monday.")
    assert not any(t == "Person" for ms in got.values() for t, _k, _h in ms)


# -- groups the model reads as works, places by an apposed place noun -------------------------------

def test_group_noun_with_of_in_a_work_title_is_an_institution(extractor):
    # the model reads the quoted name as a WORK_OF_ART
    got = found(extractor, 'The militia, known as "Army of the Righteous Path", was founded in 2004.')
    assert got["Army of the Righteous Path"][0][0] == INSTITUTION


def test_name_with_an_apposed_place_noun_is_a_place(extractor):
    got = found(extractor, "Turkish jets fired rockets into Syria, striking Kafr Tala, an area outside Hama.")
    assert got["Kafr Tala"][0][0] == "Location"


def test_one_word_region_read_as_a_person_is_a_place_without_a_person_name_or_title(extractor):
    got = found(extractor, "The rebel columns advanced towards Raqqah and camped south and east of Raqqah.")
    assert {t for t, _k, _h in got["Raqqah"]} == {"Location"}


def test_ship_named_after_a_vessel_prefix_is_no_actor_in_any_mention(extractor):
    got = found(extractor, 'The French frigate FS Cassard joined the task force. "Cassard is proud to sail '
                           'beside the Dutch fleet," said Capt. Jean Dupont, commander of Cassard.')
    assert "Cassard" not in got and "FS Cassard" not in got
    assert got["Jean Dupont"][0][0] == "Person"
