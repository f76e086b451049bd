"""Issue 12, item 5: modality of events reached through other verbs. A received event was made
even when it is turned down ("X rejected an offer from Y"); "X is said / reported to have met Y"
is reported, with the by-agent as the source.

Real small English model; sentences written for these tests (no dev-set text).
"""

from __future__ import annotations

import pytest


NAMES = {
    "Peru": ("state:PER", "State"), "Chile": ("state:CHL", "State"), "Reuters": ("institution:reuters", "Institution"),
    "Ortiz": ("person:ortiz", "Person"), "Tanaka": ("person:tanaka", "Person"),
}


@pytest.fixture(scope="module")
def extract(nlp, relation_extractor):
    ex = relation_extractor
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


def test_a_rule_that_may_read_a_title_still_reads_the_modality_of_its_verb(extract):
    # the mediation rule also reads "the mediator X" (a presupposed title); a verb keeps its cues
    found = extract("Chile would mediate between Peru and Ortiz.")
    assert found[("state:CHL", "MEDIATED", "state:PER")][0] == "hypothetical"


def test_refusal_noun_negates_its_infinitive(nlp):
    from newsgraph.extractors.modality import modality
    doc = nlp("Peru's refusal to meet Chile surprised Ortiz.")
    meet = next(t for t in doc if t.lower_ == "meet")
    assert meet.dep_ == "acl" and modality(meet, lambda t: None)[0] == "negated"


def test_failed_talks_still_took_place(extract):
    found = extract("The failure of talks between Peru and Chile surprised Ortiz.")
    assert [v[0] for k, v in found.items() if k[1] == "NEGOTIATED_WITH"] in (["asserted"], ["asserted", "asserted"])
