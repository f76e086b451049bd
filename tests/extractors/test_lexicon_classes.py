"""Issue 12: whole classes of the CAMEO-derived trigger lexicon (bench/build_lexicon.py), each with
its sense test: stances named by the object of an expression verb ("expressed outrage at X"),
support-verb objects that are events only under their verb ("filed a complaint against X").

Real small English model; sentences are invented for these tests (no dev-set text). Entities are
given by name so that the test reads the relation stage alone.
"""

from __future__ import annotations

import pytest

NAMES = {
    "Norway": ("state:NOR", "State"), "Moldova": ("state:MDA", "State"), "Peru": ("state:PER", "State"),
    "Chile": ("state:CHL", "State"), "Tanaka": ("person:tanaka", "Person"), "Ortiz": ("person:ortiz", "Person"),
    "Codelco": ("institution:codelco", "Institution"),
}


@pytest.fixture(scope="module")
def extract(nlp, relation_extractor):
    def run(text):
        return {(r.subject, r.type, r.object) for r in relation_extractor(nlp(text), lambda t: NAMES.get(t.text))
                if r.status != "negated"}

    return run


@pytest.mark.parametrize("text", [
    "Peru expressed outrage at Chile over the border incident.",
    "Peru voiced anger over Chile's decision to close the port.",
    "Peru expressed strong displeasure with Chile.",
    "Peru voiced dismay at Chile's handling of the crisis.",
])
def test_a_stance_of_disapproval_is_criticism(extract, text):
    assert ("state:PER", "CRITICIZED", "state:CHL") in extract(text)


def test_a_stance_of_approval_is_praise(extract):
    assert ("state:PER", "PRAISED", "state:CHL") in extract("Peru expressed gratitude to Chile for its help.")


@pytest.mark.parametrize("text", [
    "Peru expressed concern about the weather in Chile.",   # CAMEO 012: a pessimistic comment, no act
    "Peru expressed regret over Chile's losses.",            # CAMEO codes it both sympathy and apology
    "Peru expressed fear that Chile would suffer.",
])
def test_a_stance_cameo_does_not_type_is_no_relation(extract, text):
    assert not {t for _s, t, _o in extract(text)} & {"CRITICIZED", "PRAISED"}


@pytest.mark.parametrize("text, expected", [
    ("Peru filed a complaint against Chile with the tribunal.", ("state:PER", "CRITICIZED", "state:CHL")),
    ("Peru issued a warning to Chile.", ("state:PER", "THREATENED", "state:CHL")),
])
def test_support_verb_objects_of_unreviewed_verbs(extract, text, expected):
    # "complaint" and "warning" are CAMEO objects of FILE and ISSUE; their verbs (complain, warn)
    # are no reviewed triggers alone, which must not hide the support-verb entry
    assert expected in extract(text)


def test_a_stance_noun_needs_its_expression_verb(extract):
    # "anger" alone is no act of criticism: it must be the object of a support or light verb
    assert not any(t == "CRITICIZED" for _s, t, _o in extract("The anger in Peru at Chile grew."))


def test_welcoming_an_act_praises_its_doer_welcoming_a_guest_is_a_meeting(extract):
    # WELCOME is in CAMEO's praise block [051]; with a guest as object it is hosting [043]
    assert ("state:PER", "PRAISED", "state:CHL") in extract("Peru welcomed Chile's decision to reopen the border.")
    assert ("state:PER", "PRAISED", "state:CHL") in extract("Peru welcomed the decision by Chile to reopen the border.")
    hosted = extract("Peru welcomed Tanaka to Lima on Monday.")
    assert ("state:PER", "MET_WITH", "person:tanaka") in hosted
    assert not any(t == "PRAISED" for _s, t, _o in hosted)


@pytest.mark.parametrize("text", [
    "Peru welcomed the agreement between Chile and Moldova.",
    "Peru welcomed the ceasefire between Chile and Moldova.",
])
def test_an_event_of_another_type_welcomed_is_no_meeting_of_its_parties(extract, text):
    # a verb of meeting with an event noun that only other types name ("agreement": AGREED_WITH)
    assert ("state:CHL", "MET_WITH", "state:MDA") not in extract(text)


def test_a_meeting_hosted_or_a_visit_received_is_a_meeting(extract):
    assert ("state:CHL", "MET_WITH", "state:MDA") in extract("Peru hosted talks between Chile and Moldova.")
    assert ("state:CHL", "MET_WITH", "state:MDA") in extract("Peru hosted a summit of Chile and Moldova.")
    assert ("person:tanaka", "MET_WITH", "state:PER") in extract("Peru received a visit from Tanaka.")


@pytest.mark.parametrize("text", [
    "Peru denied Chile's request for landing rights.",
    "Peru ruled out Chile's request for new talks.",
])
def test_patterns_of_a_reviewed_verb_carry_to_its_synonym_block(extract, text):
    # CAMEO writes "REJECT * REQUEST" [120] once for its block (RULE OUT, DECLINE, DENY, REFUSE, ...)
    assert ("state:PER", "REJECTED", "state:CHL") in extract(text)


def test_a_block_verb_on_a_non_event_object_is_not_its_act(extract):
    # "deny" alone is no rejection (CAMEO codes "DENY * REPORT" as a denial of responsibility)
    assert not any(t == "REJECTED" for _s, t, _o in extract("Peru denied Chile's report on the incident."))


def test_coercion_verbs_need_the_act_forced(extract):
    # CAMEO IMPEL [170]: "forced X TO sell" coerces X; "forced a vote" coerces no one
    assert ("state:PER", "COERCED", "institution:codelco") in extract("Peru forced Codelco to sell its main mine.")
    assert ("state:PER", "COERCED", "state:CHL") in extract("Peru compelled Chile to withdraw its envoy.")
    assert not any(t == "COERCED" for _s, t, _o in extract("Peru forced a vote on the plan from Chile."))


def test_nationalising_property_coerces_its_owner(extract):
    assert ("state:PER", "COERCED", "institution:codelco") in extract("Peru nationalized Codelco's mines.")


def test_a_preposition_of_duration_is_no_sense_marker(extract):
    # speak.v1 excludes "for" ("called FOR calm" is an appeal); a span of time is no such use
    assert ("state:PER", "SPOKE_WITH", "state:CHL") in extract("Peru spoke with Chile for an hour on Monday.")
    assert not any(t == "SPOKE_WITH" for _s, t, _o in extract("Peru called for talks with Chile."))


@pytest.mark.parametrize("text, expected", [
    ("Peru is ready to negotiate with Chile.", ("state:PER", "NEGOTIATED_WITH", "state:CHL", "proposed")),
    ("Peru is willing to mediate between Chile and Moldova.", ("state:PER", "MEDIATED", "state:CHL", "proposed")),
    ("Peru was unable to help Chile.", ("state:PER", "AIDED", "state:CHL", "negated")),
    ("Peru was reluctant to criticize Chile.", ("state:PER", "CRITICIZED", "state:CHL", "negated")),
])
def test_an_adjective_predicate_passes_its_subject_and_its_modality(nlp, relation_extractor, text, expected):
    # "X is ready (willing, unable, reluctant) to VERB": the copula's subject does the act, which is
    # intended (ready, willing) or not done (unable, reluctant)
    found = {(r.subject, r.type, r.object, r.status) for r in relation_extractor(nlp(text), lambda t: NAMES.get(t.text))}
    assert expected in found


def test_a_person_accepted_is_received_not_answered(extract):
    # CAMEO "ACCEPT * &REFUGEE" [0333]: accepting people is aid; ACCEPTED answers a proposal
    assert ("state:PER", "ACCEPTED", "state:CHL") in extract("Peru accepted Chile's offer of talks.")
    assert not any(t == "ACCEPTED" for _s, t, _o in extract("Peru would be willing to accept Ortiz and Tanaka."))
