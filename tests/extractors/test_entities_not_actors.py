"""Names that are no new actor by the words around them: another language's rendering of the name
before a bracket, a language, a unit or designation, an office's field; and "the <demonym> people".

Real model on invented sentences; the rules are :func:`extractors.typing_cues.rendering`,
``language_name``, ``unit_or_designation``, ``portfolio_name`` and ``population_head``, with the
``[names]`` lists of ``data/lexicon.toml``.
"""

from __future__ import annotations

import pytest

from newsgraph.extractors.models import INSTITUTION, LOCATION, PERSON, STATE

from tests.extractors.mention_table import found


# -- a rendering in brackets is a form of the name before it ---------------------------------------

def test_bracketed_rendering_after_a_language_label_is_no_actor(extractor):
    got = found(extractor, 'Jaish al-Islam (Arabic: جيش الإسلام Jaysh al-Islam, "Army of Islam") is a coalition of rebel groups.')
    assert "Jaysh al-Islam" not in got
    assert got["Jaish al-Islam"][0][0] == INSTITUTION
    assert "Army of Islam" in got  # the English name after the rendering is kept


def test_rendering_in_a_language_and_a_transliteration_are_no_people(extractor):
    got = found(extractor, "The Book of Rivers (Pirtûka Çeman in Kurdish; also transliterated as Sifr Al Anhar) is new.")
    assert not any(t == PERSON for ms in got.values() for t, _k, _h in ms), got


def test_brackets_without_a_language_keep_their_names(extractor):
    got = found(extractor, "The talks (hosted by Kofi Annan in Geneva) ended.")
    assert got["Kofi Annan"][0][0] == PERSON


# -- a language, a unit, a designation ---------------------------------------------------------------

def test_name_before_language_noun_is_a_language(extractor):
    got = found(extractor, "The songs are sung in the Sorani dialect of the Central Kurdish language.")
    assert "Central Kurdish" not in got


@pytest.mark.parametrize("text, word", [
    ("The dam feeds an 84 MW power station near the town.", "MW"),
    ("The frigate sailed with USS Hopper (DDG 70) into the Gulf.", "DDG"),
])
def test_acronym_beside_a_number_is_a_unit_or_designation(extractor, text, word):
    assert word not in found(extractor, text)


def test_known_acronym_beside_a_number_stays(extractor):
    got = found(extractor, "NATO sent 40 jets and the UN 300 observers.")
    assert got["NATO"][0][0] == INSTITUTION


# -- the field of an office title --------------------------------------------------------------------

def test_field_of_office_title_before_a_name_leaves_the_person(extractor):
    got = found(extractor, "Minister for the Balkans Helen Marsh visited Tunis on Monday.")
    assert got["Helen Marsh"][0][0] == PERSON
    assert not any("Balkans" in text for text in got)


def test_field_of_office_title_alone_is_part_of_the_title(extractor):
    got = found(extractor, "The Ministry, through its Special Adviser for Refugee Housing, will remain involved.")
    assert "Refugee Housing" not in got


def test_state_as_field_of_office_title_stays_the_state(extractor):
    got = found(extractor, "The UN Special Envoy for Yemen said the talks would resume.")
    assert got["Yemen"] == [(STATE, "state:YEM", "gazetteer")]


def test_lower_case_title_keeps_its_organisation(extractor):
    got = found(extractor, "Ahmed Yusuf, a spokesman for Hamas, said the talks would resume.")
    assert got["Hamas"][0][0] == INSTITUTION


# -- the people of a state ---------------------------------------------------------------------------

def test_demonym_with_population_noun_is_the_people(extractor):
    got = found(extractor, "The Iraqi people welcomed the vote, and the Syrian population fled.")
    assert got["Iraqi people"] == [(STATE, "state:IRQ", "people")]
    assert got["Syrian population"] == [(STATE, "state:SYR", "people")]


def test_rendering_is_found_across_a_sentence_break_in_the_bracket(extractor):
    got = found(extractor, "Operation Iron Gate (Arabic: البوابة الحديدية Al Bawaba Alhadidiya) was a military operation.")
    assert not any(t == PERSON for ms in got.values() for t, _k, _h in ms), got


# -- a body named after its region -------------------------------------------------------------------

def test_place_name_ending_with_a_body_noun_is_an_institution(extractor):
    got = found(extractor, "At the request of the ministry's Middle East Branch, the office completed a review.")
    assert got["Middle East Branch"][0][0] == INSTITUTION
    assert found(extractor, "He lives in the West Bank.")["West Bank"][0][0] != INSTITUTION


# -- copy of the wire: capitals after "U.S.", holdings "in" a company -------------------------------

@pytest.mark.parametrize("text", [
    "The rig was nearly sunk by U.S. Warships on Tuesday.",
    "Tehran said the U.S. Attacks on its platforms were an escalation.",
])
def test_capitalised_common_noun_after_a_state_is_no_name(extractor, text):
    got = found(extractor, text)
    assert got["U.S."] == [(STATE, "state:USA", "gazetteer")]
    assert not any(t == INSTITUTION for ms in got.values() for t, _k, _h in ms), got


def test_state_before_a_body_word_keeps_the_body(extractor):
    got = found(extractor, "The U.S. Navy said U.S. Forces had left.")
    assert got["U.S. Navy"][0][0] == INSTITUTION and got["U.S. Forces"][0][0] == INSTITUTION


@pytest.mark.parametrize("text, name", [
    ("Shares in Jarvis fell 5% on Monday after the warning.", "Jarvis"),
    ("He bought a stake in Gazprom last year.", "Gazprom"),
    ("Shares in train and plane-making giant Bombardier have fallen to a low.", "Bombardier"),
])
def test_name_held_in_shares_is_a_company_not_a_place(extractor, text, name):
    assert found(extractor, text)[name][0][0] == INSTITUTION


def test_name_after_in_without_a_holding_is_still_a_place(extractor):
    assert found(extractor, "He grew up in Jarvis and studied in Leeds.")["Jarvis"][0][0] == LOCATION


# -- documents, laws and truces ----------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("All sides must respect the Cessation of Hostilities in the north.", "Cessation of Hostilities"),
    ("The strike broke the Law of Armed Conflict, lawyers said.", "Law of Armed Conflict"),
    ("Both parties signed the Treaty of Lisbon in December.", "Treaty of Lisbon"),
    ("The Good Friday Agreement ended the conflict.", "Good Friday Agreement"),
])
def test_document_or_truce_names_are_no_actors(extractor, text, name):
    assert not [m for m in found(extractor, text) if name in m or m in name and " " in m], found(extractor, text)


def test_body_whose_first_word_is_a_document_noun_stays(extractor):
    got = found(extractor, "The Law Society of Scotland objected to the bill.")
    assert any(t == INSTITUTION for ms in got.values() for t, _k, _h in ms), got


# -- "the liberation of X", "a native of X": a place --------------------------------------------------

def test_object_of_a_territory_noun_is_a_place_unless_a_person(extractor):
    got = found(extractor, "The minister welcomed the liberation of Sinjar. He was a native of Al-Qa'im.")
    assert got["Sinjar"][0][0] == LOCATION and got["Al-Qa'im"][0][0] == LOCATION
    assert found(extractor, "Troops cheered the capture of Saddam Hussein.")["Saddam Hussein"][0][0] == PERSON


def test_acronym_beside_a_year_stays(extractor):
    got = found(extractor, "Since 1991 ANC leaders have met twice, and in 2003 BP bought TNK.")
    assert "ANC" in got and "BP" in got, got
