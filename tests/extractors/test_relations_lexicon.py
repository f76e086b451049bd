"""Issue 12: lexicon triggers, their sense tests, argument finding through "as" predicates, and the
modality cases (obligation, blocking verbs, perception and belief, reported confirmation).

Real small English model; sentences are constructed for these tests (no dev-set text). Entities
are given by name so that the test reads the relation stage alone.
"""

from __future__ import annotations

import pytest

from newsgraph.extractors.relations import Ontology
from newsgraph.extractors.triggers import Entry, TriggerLexicon

NAMES = {
    "Norway": ("state:NOR", "State"), "Moldova": ("state:MDA", "State"), "Peru": ("state:PER", "State"),
    "Chile": ("state:CHL", "State"), "Tanaka": ("person:tanaka", "Person"), "Ortiz": ("person:ortiz", "Person"),
}


@pytest.fixture(scope="module")
def extract(nlp, relation_extractor):
    ex = relation_extractor

    def run(text, extra=None):
        names = dict(NAMES, **(extra or {}))
        return [(r.subject, r.type, r.object, r.status, r.according_to, r.rule)
                for r in ex(nlp(text), lambda t: names.get(t.text))]

    return run


def triples(found):
    return {(s, t, o) for s, t, o, *_ in found}


def test_every_coded_type_gets_lexicon_rules():
    onto = Ontology.load()
    lex_types = {r.type for r in onto.rules if r.id.startswith("lex.")}
    coded = {name for name, t in onto.types.items() if t.cameo and t.family not in {"role", "co-occurrence"}}
    assert coded - lex_types == set()
    assert all(r.id.endswith((".verb.v1", ".noun.v1")) for r in onto.rules if r.id.startswith("lex."))


def test_without_triggers_no_lexicon_rules():
    assert not any(r.id.startswith("lex.") for r in Ontology.load(triggers=None).rules)


def test_lexicon_verb_with_a_required_object_noun(extract):
    # "facilitate" is no curated trigger; the lexicon's bare verbs need a reviewed entry,
    # "broker" with an object is one
    found = extract("Norway brokered a ceasefire between Peru and Chile.")
    assert ("state:NOR", "MEDIATED", "state:PER") in triples(found)


def test_lexicon_entry_constraints(nlp):
    entry = Entry(type="X", lemma="lift", pos="VERB", objects=frozenset({"blockade"}))
    assert entry.matches(nlp("Peru lifted the blockade.")[1])
    assert not entry.matches(nlp("Peru lifted the box.")[1])
    particle = Entry(type="X", lemma="carry", pos="VERB", particle="out")
    assert particle.matches(nlp("Peru carried out raids.")[1])
    assert not particle.matches(nlp("Peru carried raids.")[1])


def test_sense_test_adjective_and_modifier_use(nlp):
    verb = Entry(type="CAPTURED", lemma="oust", pos="VERB")
    doc = nlp("The ousted leader met Peru.")
    assert not verb.matches(doc[1])  # an adjective, not the act
    noun = Entry(type="ATTACKED", lemma="fire", pos="NOUN")
    doc = nlp("Peru signed a cease-fire agreement.")
    assert not any(noun.matches(t) for t in doc if t.lemma_ == "fire")


def test_lexicon_yields_to_curated_rule_on_the_governing_word(extract):
    # "asylum" is a lexicon noun, but the curated grant rule already reads the verb
    found = extract("Norway granted Tanaka asylum.")
    assert [(s, t, o) for s, t, o, *_ in found] == [("state:NOR", "GRANTED_ASYLUM_TO", "person:tanaka")]


def test_trigger_lexicon_loads_entries():
    lex = TriggerLexicon.load()
    assert "arrest" in lex.lemmas("ARRESTED", "VERB")
    assert lex.types()


# ---------------------------------------------------------------- modality


def test_obligation_is_not_hypothetical(extract):
    found = extract("Norway must keep supporting Moldova.")
    assert ("state:NOR", "SUPPORTED", "state:MDA", "asserted") in [f[:4] for f in found]
    found = extract("Norway has to support Moldova.")
    assert ("state:NOR", "SUPPORTED", "state:MDA", "asserted") in [f[:4] for f in found]
    # possibility stays hypothetical
    found = extract("Norway could support Moldova.")
    assert ("state:NOR", "SUPPORTED", "state:MDA", "hypothetical") in [f[:4] for f in found]


def test_blocked_aid_is_not_asserted(extract):
    found = extract("Norway's aid to Moldova has been blocked.")
    assert [f[:4] for f in found if f[1] == "AIDED"] == [("state:NOR", "AIDED", "state:MDA", "negated")]


def test_perceived_act_is_the_perceivers_view(extract):
    found = extract("Norway perceives Peru as supporting Chile.")
    assert [f[:5] for f in found if f[1] == "SUPPORTED"] == [("state:PER", "SUPPORTED", "state:CHL", "alleged", "state:NOR")]
    found = extract("Peru fears that Chile attacked Moldova.")
    assert [f[:5] for f in found if f[1] == "ATTACKED"] == [("state:CHL", "ATTACKED", "state:MDA", "alleged", "state:PER")]


def test_as_predicate_holder_is_the_object(extract):
    found = extract("Norway sees Peru as an ally of Chile.")
    assert ("state:PER", "ALLY_OF", "state:CHL") in triples(found)
    assert ("state:NOR", "ALLY_OF", "state:CHL") not in triples(found)


def test_confirmed_talks_are_reported_not_proposed(extract):
    found = extract("Tanaka confirmed he had held talks with Ortiz.", {"he": ("person:tanaka", "Person")})
    assert [f[:5] for f in found] == [("person:tanaka", "MET_WITH", "person:ortiz", "reported", "person:tanaka")]


# ---------------------------------------------------------------- precision guards


def test_a_place_visited_is_no_participant(extract):
    found = extract("Tanaka visited Cairo.", {"Cairo": ("location:cairo", "Location")})
    assert not [f for f in found if f[1] == "MET_WITH"]


def test_past_role_is_no_role(extract):
    extra = {"Bhutto": ("person:bhutto", "Person"), "Pakistan": ("state:PAK", "State")}
    found = extract("Peru honoured the late Pakistan leader Bhutto.", extra)
    assert not [f for f in found if f[1] in {"HEAD_OF", "MEMBER_OF"}]
    found = extract("Peru honoured Pakistan leader Bhutto.", extra)
    assert ("person:bhutto", "HEAD_OF", "state:PAK") in triples(found)


def test_minority_leader_is_a_member(extract):
    extra = {"Senate": ("institution:senate", "Institution"), "Schumer": ("person:schumer", "Person")}
    found = extract("Senate minority leader Schumer criticized Peru.", extra)
    assert ("person:schumer", "MEMBER_OF", "institution:senate") in triples(found)
    assert ("person:schumer", "HEAD_OF", "institution:senate") not in triples(found)


def test_role_attaches_to_its_own_holder_in_apposition(extract):
    extra = {"Assembly": ("institution:assembly", "Institution")}
    found = extract("Tanaka praised Ortiz, the president of the Assembly.", extra)
    assert ("person:ortiz", "HEAD_OF", "institution:assembly") in triples(found)
    assert ("person:tanaka", "HEAD_OF", "institution:assembly") not in triples(found)


def test_nominal_joining_makes_a_state_a_member(extract):
    extra = {"Union": ("institution:eu", "Institution"), "Croatia": ("state:HRV", "State")}
    found = extract("The accession of Croatia to the Union was delayed.", extra)
    assert ("state:HRV", "MEMBER_OF", "institution:eu") in triples(found)
    found = extract("Chile's entry into the Union was welcomed.", extra)
    assert ("state:CHL", "MEMBER_OF", "institution:eu") in triples(found)


def test_prepositions_of_the_event_an_act_serves(extract):
    found = extract("Peru mobilized reservists for a war against Chile.")
    assert ("state:PER", "MOBILIZED_AGAINST", "state:CHL") in triples(found)


def test_sense_tests_of_curated_triggers(extract):
    # "fire" in "cease-fire" is no attack; a verb "fire on" is
    assert not [f for f in extract("Peru declared a cease-fire against Chile.") if f[1] == "ATTACKED"]
    assert ("state:PER", "ATTACKED", "state:CHL") in triples(extract("Peru fired on Chile."))


def test_former_holder_does_not_act_for_the_body(extract):
    assert not extract("The ousted leader of Peru met Chile.")
    assert ("state:PER", "MET_WITH", "state:CHL") in triples(extract("The leader of Peru met Chile."))


def test_between_parties_of_an_event_act_together(extract):
    found = triples(extract("Norway hosted talks between Peru and Chile."))
    assert ("state:PER", "MET_WITH", "state:CHL") in found
    assert not {t for t in found if t[0] == "state:NOR" and t[1] == "MET_WITH"}
    found = triples(extract("Norway helped broker a deal between Peru and Chile."))
    assert ("state:PER", "AGREED_WITH", "state:CHL") in found and ("state:NOR", "MEDIATED", "state:PER") in found
    assert ("state:NOR", "AGREED_WITH", "state:PER") not in found


@pytest.mark.parametrize("text", [
    "A treaty was reached between Peru and Chile after long talks.",  # passive verb of the noun
    "The deal signed between Peru and Chile in May covers fishing.",  # participle on the noun
    "Officials praised the accord that was signed between Peru and Chile.",  # passive relative clause
])
def test_between_on_the_verb_that_reports_an_event_noun(extract, text):
    assert ("state:PER", "AGREED_WITH", "state:CHL") in triples(extract(text))


def test_hyphenated_pair_of_names_on_an_event_noun(extract):
    assert ("state:PER", "NEGOTIATED_WITH", "state:CHL") in triples(extract("The Peru-Chile talks resumed in Lima on Monday."))
    # a single name modifying the noun is one party only: no pair
    assert not triples(extract("The Peru talks resumed in Lima on Monday."))


def test_a_verb_still_needs_its_doer_when_its_object_names_the_parties(extract):
    # an unrealised act with no subject: the parties of its object are not read
    assert not triples(extract("It was a chance to strengthen relations between Peru and Chile."))


def test_a_country_word_on_a_business_is_its_origin_not_the_state(extract):
    extra = {"Lufthansa": ("institution:lufthansa", "Institution"), "Chinese": ("state:CHN", "State"),
             "US": ("state:USA", "State")}
    assert not triples(extract("Lufthansa signed deals with two Chinese airlines.", extra))
    assert not triples(extract("The US company said it had agreed with a Chinese bank on the loan.", extra))
    # an agent of the state still stands for it
    assert ("institution:lufthansa", "AGREED_WITH", "state:CHN") in triples(
        extract("Lufthansa reached a deal with Chinese officials.", extra))


@pytest.fixture(scope="module")
def pipeline(nlp):
    from newsgraph.extractors.pipeline import Extractor

    ex = Extractor(nlp=nlp)
    return lambda text: {(r.subject, r.type, r.object) for r in ex.process(nlp(text), "t", None).relations}


@pytest.mark.parametrize("text, expected", [
    ("NATO General Secretary Javier Solana met Ortega in Lima.", "HEAD_OF"),  # capitalised title words
    ("NATO Secretary General Javier Solana met Ortega in Lima.", "HEAD_OF"),
    ("NATO Deputy Secretary General Javier Solana met Ortega in Lima.", "MEMBER_OF"),  # a deputy is a member
    ("Javier Solana, the deputy secretary general of NATO, met Ortega.", "MEMBER_OF"),
])
def test_title_words_decide_head_or_member(pipeline, text, expected):
    roles = {t for t in pipeline(text) if t[1] in {"HEAD_OF", "MEMBER_OF"}}
    assert roles == {("person:javier-solana", expected, "institution:nato")}


@pytest.mark.parametrize("text, expected", [
    ("Ann Lee of the Labour Party won the seat.", {("person:ann-lee", "MEMBER_OF", "institution:labour-party")}),
    ("Labour candidate Ann Lee won the seat.", {("person:ann-lee", "MEMBER_OF", "institution:labour")}),
    # a place after the name says where the person is from; a role noun is no name
    ("Ann Lee of Ohio won the seat.", set()),
    ("The leader of the Labour Party won the seat.", set()),
])
def test_a_name_qualified_by_an_institution_is_a_member(pipeline, text, expected):
    assert {t for t in pipeline(text) if t[1] in {"HEAD_OF", "MEMBER_OF"}} == expected
