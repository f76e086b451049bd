"""The comitative "with the help of Y" (rule aid.with_help.v1): Y aided the doer of the act."""

from __future__ import annotations

import pytest


def _edges(extractor, text: str) -> set[tuple[str, str, str]]:
    result = extractor.process(extractor.nlp(text), "t", None)
    return {(r.subject, r.type, r.object) for r in result.relations}


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        # passive: the doer is the by-agent
        ("The rebel commander was captured by the Jordanian army with the help of Egypt in May.",
         ("state:EGY", "AIDED", "state:JOR")),
        # active: the doer is the subject
        ("Iraq retook Ramadi with the support of Iran.", ("state:IRN", "AIDED", "state:IRQ")),
    ],
)
def test_with_the_help_of(extractor, text, edge):
    assert edge in _edges(extractor, text)


def test_with_alone_is_no_help(extractor):
    # "with" of accompaniment, not of help
    assert not any(t == "AIDED" for _s, t, _o in _edges(extractor, "Iraq retook Ramadi with Iran."))
