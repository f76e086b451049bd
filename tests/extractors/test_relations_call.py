"""The noun "call" with a "with" party (rule speak.call_with.v1, CAMEO CALL 041): a phone call."""

from __future__ import annotations


def _edges(extractor, text: str) -> set[tuple[str, str, str]]:
    result = extractor.process(extractor.nlp(text), "t", None)
    return {(r.subject, r.type, r.object) for r in result.relations}


def test_call_with_is_spoke_with(extractor):
    edges = _edges(extractor, "Emmanuel Macron held a call with Volodymyr Zelensky on Monday.")
    assert ("person:emmanuel-macron", "SPOKE_WITH", "person:volodymyr-zelensky") in edges


def test_call_for_is_no_conversation(extractor):
    # a call for talks is a demand, whoever the talks are with
    edges = _edges(extractor, "Canada welcomed the call by Mexico for talks with Cuba.")
    assert not any(t == "SPOKE_WITH" for _s, t, _o in edges)
