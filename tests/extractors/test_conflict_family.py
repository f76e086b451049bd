"""Issue 12, conflict family: nominal fighting between parties, the doer of an act as the target of
criticism, answers that do not negate what they answer, defeat as force only between armed sides,
and a required thing in the phrase of what is given.

Real small English model; every sentence is made up for these tests (no dev-set text). Entities
are given by name so that the test reads the relation stage alone.
"""

from __future__ import annotations

import pytest


NAMES = {
    "Peru": ("state:PER", "State"), "Chile": ("state:CHL", "State"), "Norway": ("state:NOR", "State"),
    "Bolivia": ("state:BOL", "State"), "Peruvian": ("state:PER", "State"), "Bolivian": ("state:BOL", "State"),
    "Chilean": ("state:CHL", "State"),
    "Tanaka": ("person:tanaka", "Person"), "Ortiz": ("person:ortiz", "Person"),
}


@pytest.fixture(scope="module")
def relations(nlp, relation_extractor):
    ex = relation_extractor
    return lambda text: {(r.subject, r.type, r.object): r.status for r in ex(nlp(text), lambda t: NAMES.get(t.text))}


# ---------------------------------------------------------------- fighting between X and Y


@pytest.mark.parametrize("text", [
    "Fighting between Peru and Chile killed dozens of people.",   # a gerund parsed as a verb
    "Heavy fighting between Peru and Chile was reported.",        # the noun "fighting"
    "Peru and Chile fought for three days.",                      # a span of time is no prize
])
def test_fighting_between_two_sides_is_an_act_of_each(relations, text):
    found = relations(text)
    assert ("state:PER", "ATTACKED", "state:CHL") in found
    assert ("state:CHL", "ATTACKED", "state:PER") in found


def test_fighting_for_a_prize_is_a_contest(relations):
    assert not relations("Peru and Chile fought for the title.")


# ---------------------------------------------------------------- criticism of an act


def test_condemning_a_murder_criticises_its_doer_not_the_victim(relations):
    found = relations("Norway condemned the murder of Tanaka by Peru.")
    assert ("state:NOR", "CRITICIZED", "state:PER") in found
    assert ("state:NOR", "CRITICIZED", "person:tanaka") not in found
    assert ("state:PER", "ATTACKED", "person:tanaka") in found


@pytest.mark.parametrize("text", [
    "Norway condemned the murder of Tanaka.",
    "Norway condemned Tanaka's murder.",
    "Norway criticised the arrest of Tanaka.",
])
def test_an_act_without_a_named_doer_gives_no_criticised_party(relations, text):
    assert not [k for k in relations(text) if k[1] == "CRITICIZED"]


def test_the_doer_of_an_invasion_is_criticised(relations):
    found = relations("Norway condemned Peru's invasion of Bolivia.")
    assert ("state:NOR", "CRITICIZED", "state:PER") in found
    assert ("state:NOR", "CRITICIZED", "state:BOL") not in found


@pytest.mark.parametrize("text, edge", [
    # the "of" phrase of a proposal or a demand is its maker; of an act carried by a light verb, its target
    ("Peru rejected the proposal of Chile.", ("state:PER", "REJECTED", "state:CHL")),
    ("Peru rejected the demands of Chile.", ("state:PER", "REJECTED", "state:CHL")),
    ("Peru launched an invasion of Bolivia.", ("state:PER", "ATTACKED", "state:BOL")),
])
def test_of_phrases_of_other_nouns_are_unchanged(relations, text, edge):
    assert edge in relations(text)


# ---------------------------------------------------------------- an answer does not negate what it answers


def test_an_offer_not_accepted_was_made(relations):
    found = relations("Peru did not accept the offer from Chile.")
    assert found[("state:PER", "ACCEPTED", "state:CHL")] == "negated"
    assert found[("state:CHL", "PROPOSED_TO", "state:PER")] == "asserted"


def test_an_offer_not_received_was_not_made(relations):
    found = relations("Peru did not receive an offer from Chile.")
    assert found[("state:CHL", "PROPOSED_TO", "state:PER")] == "negated"


# ---------------------------------------------------------------- defeat: force between armed sides


def test_troops_defeating_rebels_is_force(relations):
    assert ("state:PER", "ATTACKED", "state:BOL") in relations("Peruvian troops defeated Bolivian rebels near the border.")


@pytest.mark.parametrize("text", [
    "Tanaka defeated Ortiz in the runoff.",
    "Peru defeated Chile in the final.",
])
def test_an_electoral_or_sporting_defeat_is_no_force(relations, text):
    assert not [k for k in relations(text) if k[1] == "ATTACKED"]


# ---------------------------------------------------------------- the thing given


@pytest.mark.parametrize("text", [
    "Peru sold its stake in a missile maker to Chile.",
    "Peru sent a delegation to Chile to discuss weapons.",
    "Peru sold the land to Chile, which used it for tank training.",
    "Peru delivered a letter to Chile about the missile tests.",
])
def test_an_arms_word_outside_the_thing_given_is_no_arms_supply(relations, text):
    assert not [k for k in relations(text) if k[1] == "SUPPLIED_ARMS_TO"]


@pytest.mark.parametrize("text", [
    "Peru sold weapons and ammunition to Chile.",
    "Peru sold $20 million in rifles to Chile.",
    "Peru sold billions of dollars of weapons to Chile.",
    "Peru sold fighter jets to Chile.",
])
def test_arms_given_are_an_arms_supply(relations, text):
    assert ("state:PER", "SUPPLIED_ARMS_TO", "state:CHL") in relations(text)


# ---------------------------------------------------------------- modality of a participle on its doer


def test_stopping_the_attackers_does_not_negate_their_attack(relations):
    found = relations("Peruvian troops attacking Chile were stopped at the border.")
    assert found[("state:PER", "ATTACKED", "state:CHL")] == "asserted"
    # a blocking verb on the event itself still negates it
    assert relations("Peru blocked the attack on Chile.").get(("state:PER", "ATTACKED", "state:CHL")) in {None, "negated"}


# ---------------------------------------------------------------- advice as a request


def test_advising_an_act_is_a_request(relations):
    assert ("state:NOR", "APPEALED_TO", "state:PER") in relations("Norway advised Peru to halt the operation.")


def test_advising_on_a_topic_is_no_request(relations):
    assert not [k for k in relations("Norway advised Peru on security reforms.") if k[1] == "APPEALED_TO"]


# ---------------------------------------------------------------- the doer of an act a preposition names


def test_the_accused_is_the_doer_of_the_act_accused_of(relations):
    found = relations("Peru accused Chile of shelling Bolivia.")
    assert ("state:PER", "ACCUSED", "state:CHL") in found
    assert found.get(("state:CHL", "ATTACKED", "state:BOL")) == "alleged"
    assert ("state:PER", "ATTACKED", "state:BOL") not in found
    # blame is an allegation too
    assert relations("Peru blamed Chile for attacking Bolivia.").get(("state:CHL", "ATTACKED", "state:BOL")) == "alleged"


def test_the_means_of_an_act_is_the_subjects(relations):
    assert ("state:PER", "ATTACKED", "state:BOL") in relations("Peru punished Chile by shelling Bolivia.")


def test_an_act_warned_against_did_not_happen(relations):
    assert relations("Peru warned Chile against attacking Bolivia.").get(("state:CHL", "ATTACKED", "state:BOL")) == "hypothetical"


# ---------------------------------------------------------------- troops at a frontier


@pytest.mark.parametrize("text", [
    "Peru massed troops on the border with Chile.",
    "Peru deployed troops along the Chilean border.",
    "Peru deployed troops to its border with Chile.",
])
def test_troops_massed_at_a_border_face_the_state_across_it(relations, text):
    assert ("state:PER", "MOBILIZED_AGAINST", "state:CHL") in relations(text)


def test_troops_deployed_inside_a_state_are_not_against_it(relations):
    assert not [k for k in relations("Peru deployed troops in Chile.") if k[1] == "MOBILIZED_AGAINST"]


# ---------------------------------------------------------------- precision guards


@pytest.fixture(scope="module")
def pipeline_relations(extractor):
    """Relations found by the whole pipeline (mentions typed by newsgraph: demonyms, agent nouns)."""
    nlp = extractor.nlp
    return lambda text: {(r.subject, r.type, r.object) for r in extractor.process(nlp(text), "t", None).relations}


def test_one_national_is_no_state(pipeline_relations):
    # "an Israeli" is a person of that nationality; "the Israelis" and "Israeli troops" are the state
    assert not pipeline_relations("Ali refused to fight an Israeli at the games in Athens.")
    assert not pipeline_relations("An Iraqi attacked Kuwait.")
    assert ("state:ISR", "ATTACKED", "state:LBN") in pipeline_relations("The Israelis attacked Lebanon.")
    assert ("state:ISR", "ATTACKED", "state:LBN") in pipeline_relations("Israeli troops attacked Lebanon.")


def test_a_companion_of_a_one_sided_act_is_no_target(relations):
    assert not relations("Tanaka shot hoops with Ortiz in Lima.")
    assert ("state:PER", "ATTACKED", "state:CHL") in relations("Peru clashed with Chile.")


def test_the_national_with_a_determiner_is_a_person(pipeline_relations):
    assert not pipeline_relations("The Belgian had an operation on her wrist in Brussels before the Paris final.")


@pytest.mark.parametrize("text, kind", [
    ("A late goal from Tanaka condemned Chile to defeat.", "CRITICIZED"),   # doomed, not criticised
    ("Tanaka is in charge of the operations of Peru in Chile.", "INDICTED"),  # a post, not a charge
    ("Tanaka is in charge of the operations of Peru in Chile.", "ACCUSED"),
    ("The Peru hit show Tanaka Tonight delighted Chile.", "ATTACKED"),       # a success, not a blow
])
def test_other_senses_of_conflict_words(relations, text, kind):
    assert not [k for k in relations(text) if k[1] == kind]


def test_condemning_for_an_act_is_criticism(relations):
    assert ("state:PER", "CRITICIZED", "state:CHL") in relations("Peru condemned Chile for the attack.")


def test_a_lawsuit_is_one_accusation(relations):
    found = relations("Peru is suing Chile in a court in Lima.")
    assert [k[1] for k in found if k[:1] == ("state:PER",)] == ["CRITICIZED"]


# ---------------------------------------------------------------- reviewed CAMEO synonyms


@pytest.mark.parametrize("text, edge", [
    ("Peruvian soldiers slew Bolivian rebels.", ("state:PER", "ATTACKED", "state:BOL")),
    ("Norway condemned the slaying of Tanaka by Peru.", ("state:PER", "ATTACKED", "person:tanaka")),
    ("Peru belittled Chile.", ("state:PER", "CRITICIZED", "state:CHL")),
    ("Peru disparaged Chile.", ("state:PER", "CRITICIZED", "state:CHL")),
])
def test_reviewed_synonyms_are_triggers(relations, text, edge):
    assert edge in relations(text)


def test_a_phrasal_entrys_preposition_may_hang_on_its_particle(nlp):
    # CAMEO "ORDER * OUT (OF COUNTRY)": the parser hangs "of" on "out", not on the verb
    from newsgraph.extractors.triggers import TriggerLexicon
    doc = nlp("Peru ordered the envoys out of the country.")
    entries = TriggerLexicon.load().entries("EXTRADITED_TO", "VERB", "order")
    assert any(e.particle == "out" and e.prep == "of" and e.matches(doc[1]) for e in entries)


@pytest.mark.parametrize("text", [
    "Peru is at war with Chile.",
    "Peru went to war against Chile in 1879.",
    "Peru remained at war with Chile.",
])
def test_being_or_going_at_war(relations, text):
    assert ("state:PER", "ATTACKED", "state:CHL") in relations(text)


def test_being_at_war_together_is_each_sides_act(relations):
    found = relations("Peru and Chile were at war for five years.")
    assert {("state:PER", "ATTACKED", "state:CHL"), ("state:CHL", "ATTACKED", "state:PER")} <= set(found)


def test_a_clause_on_a_report_noun_is_no_participle_on_its_doer(relations):
    # "reports that X attacked Y" is a complement of the noun: the denial still scopes over it
    assert relations("Norway denied reports that Chile had attacked Bolivia.").get(("state:CHL", "ATTACKED", "state:BOL")) in {None, "negated"}
