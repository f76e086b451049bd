"""A seat of government owning or modifying a person or an office title is the government, of which
the person is a member, never the head of the state (issue 15, item 4); a capital before a city's own
office is the city.

Real model on invented sentences; the rules are :func:`extractors.typing_cues.of_person` /
``of_title`` (typing) and :func:`extractors.holders.staff_of_government` (the role fact's type).
"""

from __future__ import annotations

import pytest

from newsgraph.extractors.models import INSTITUTION, LOCATION, STATE


def run(extractor, text: str):
    r = extractor.process(extractor.nlp(text), "t", None)
    typed = {m.text: (m.type, m.key) for m in r.mentions}
    facts = {(x.subject, x.type, x.object) for x in r.relations}
    return typed, facts


@pytest.mark.parametrize("text, seat, person, code", [
    ("White House Chief of Staff John Kelly said the bill would pass.", "White House", "person:john-kelly", "usa"),
    ("Kremlin spokesman Dmitry Peskov said the talks had failed.", "Kremlin", "person:dmitry-peskov", "rus"),
    ("Downing Street communications director Alastair Campbell denied the claim.", "Downing Street",
     "person:alastair-campbell", "gbr"),
])
def test_seat_before_an_office_title_makes_a_member_of_the_government(extractor, text, seat, person, code):
    typed, facts = run(extractor, text)
    government = f"institution:government-{code}"
    assert typed[seat] == (INSTITUTION, government)
    assert (person, "MEMBER_OF", government) in facts
    assert not any(t == "HEAD_OF" for _s, t, _o in facts), facts


def test_seat_owning_a_person_is_the_same_government(extractor):
    typed, _facts = run(extractor, "Downing Street's Alastair Campbell denied the claim.")
    assert typed["Downing Street"] == (INSTITUTION, "institution:government-gbr")


def test_seat_that_acts_is_still_the_state(extractor):
    typed, _facts = run(extractor, "The Kremlin said the talks had failed, and Kremlin officials left.")
    assert typed["Kremlin"] == (STATE, "state:RUS")


def test_capital_before_a_city_office_is_the_city(extractor):
    typed, facts = run(extractor, "Moscow mayor Sergei Sobyanin met the delegation on Monday.")
    assert typed["Moscow"][0] == LOCATION
    assert not any(o == "state:RUS" for _s, _t, o in facts), facts
