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
