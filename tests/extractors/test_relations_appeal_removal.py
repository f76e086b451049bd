"""CAMEO readings of appeals and removals (issue 12): CALL (ON) is an appeal (020) to whoever
is called on; a demanded release names the one released, not the one asked."""

from __future__ import annotations

import pytest


def _edges(extractor, text: str) -> set[tuple[str, str, str]]:
    result = extractor.process(extractor.nlp(text), "t", None)
    return {(r.subject, r.type, r.object) for r in result.relations}


@pytest.mark.parametrize("text, subject, obj", [
    ("Norway called on Sweden to reopen the border.", "state:NOR", "state:SWE"),
    ("Austria called upon Hungary to accept the refugees.", "state:AUT", "state:HUN"),
    ("Chile called on the leaders of Bolivia to return to the talks.", "state:CHL", "state:BOL"),
])
def test_call_on_is_an_appeal(extractor, text, subject, obj):
    edges = _edges(extractor, text)
    assert (subject, "APPEALED_TO", obj) in edges
    assert not any(t in {"SPOKE_WITH", "DEMANDED"} for _s, t, _o in edges)


def test_call_on_a_day_is_no_appeal(extractor):
    # "on" with a date is a time, not CALL (ON)
    edges = _edges(extractor, "Norway phoned Sweden on Monday and called Denmark on Tuesday.")
    assert not any(t == "APPEALED_TO" for _s, t, _o in edges)


@pytest.mark.parametrize("text, subject, released", [
    ("Norway called for the release of Ivan Petrov.", "state:NOR", "person:ivan-petrov"),
    ("Norway demanded the release of Ivan Petrov.", "state:NOR", "person:ivan-petrov"),
    ("Norway pressed for the extradition of Ivan Petrov.", "state:NOR", "person:ivan-petrov"),
])
def test_one_released_is_not_the_one_asked(extractor, text, subject, released):
    edges = _edges(extractor, text)
    assert not any(s == subject and o == released for s, _t, o in edges)


def test_release_asked_of_its_holder(extractor):
    # the doer of the release asked for is the one asked; the one released is released by it
    edges = _edges(extractor, "Norway demanded the release of Ivan Petrov by Belarus.")
    assert ("state:NOR", "DEMANDED", "state:BLR") in edges
    assert ("state:BLR", "RELEASED", "person:ivan-petrov") in edges
    assert not any(o == "person:ivan-petrov" for s, _t, o in edges if s == "state:NOR")


def test_help_of_x_asked_of_x(extractor):
    # the "of" of an act not done to a target is its doer, the one asked
    edges = _edges(extractor, "Norway asked for the help of Sweden.")
    assert ("state:NOR", "APPEALED_TO", "state:SWE") in edges


@pytest.mark.parametrize("text, typ", [
    # CAMEO WITHDRAW * AMBASSADOR, RECALL * DIPLOMAT [161]: reduced relations with the state left
    ("Norway withdrew its ambassador from Belarus.", "CUT_TIES_WITH"),
    ("Norway recalled its ambassador from Belarus.", "CUT_TIES_WITH"),
    # CAMEO WITHDRAW * &PKO [1661]: peacekeepers withdrawn (PLOVER SANCTION)
    ("Norway withdrew its peacekeepers from Lebanon.", "SANCTIONED"),
    # CAMEO WITHDRAW * &MILITARY [0874]: a retreat, as before
    ("Norway withdrew its troops from Lebanon.", "WITHDREW_FROM"),
])
def test_removal_typed_by_what_is_removed(extractor, text, typ):
    edges = _edges(extractor, text)
    target = "state:BLR" if "Belarus" in text else "state:LBN"
    assert {t for s, t, o in edges if s == "state:NOR" and o == target} == {typ}


def test_taken_out_of_a_place(extractor):
    # "out of X" after the thing removed names the place left
    edges = _edges(extractor, "Norway pulled its soldiers out of Lebanon.")
    assert ("state:NOR", "WITHDREW_FROM", "state:LBN") in edges


@pytest.mark.parametrize("text, typ", [
    # CAMEO ASSURE * {FULL SUPPORT} [032], ASSURE * ASSISTANCE [0333]: intents, to the one assured
    ("Norway assured Sweden of its full support.", "SUPPORTED"),
    ("Norway assured Sweden of assistance.", "AIDED"),
    # PROMISE * AID [033], PLEDGE * SUPPORT [032]
    ("Norway promised Sweden aid.", "AIDED"),
    ("Norway pledged support to Sweden.", "SUPPORTED"),
])
def test_intent_with_a_recipient_is_proposed(extractor, text, typ):
    result = extractor.process(extractor.nlp(text), "t", None)
    found = {(r.subject, r.type, r.object, r.status) for r in result.relations}
    assert ("state:NOR", typ, "state:SWE", "proposed") in found


def test_assure_of_another_thing_is_no_act(extractor):
    # only the objects CAMEO lists for ASSURE make an act; its block's synonyms are not assure
    edges = _edges(extractor, "Norway assured Sweden of its commitment to the treaty.")
    assert not any(s == "state:NOR" and o == "state:SWE" for s, _t, o in edges)


# -- object control through a preposition: the one called on does the act asked for ------------

@pytest.mark.parametrize("text, doer, verb_type, other", [
    ("Norway called on Ukraine to hold talks with Russia.", "state:UKR", "MET_WITH", "state:RUS"),
    ("Austria called upon Hungary on Friday to hold talks with Serbia.", "state:HUN", "MET_WITH", "state:SRB"),
    ("Chile appealed to Peru to release Bolivia's fishermen.", "state:PER", "RELEASED", "state:BOL"),
])
def test_one_called_on_does_the_act(extractor, text, doer, verb_type, other):
    edges = _edges(extractor, text)
    caller = {"N": "state:NOR", "A": "state:AUT", "C": "state:CHL"}[text[0]]
    assert not any(s == caller and t == verb_type for s, t, _o in edges)
    if verb_type == "MET_WITH":
        assert (doer, verb_type, other) in edges or (other, verb_type, doer) in edges
