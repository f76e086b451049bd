"""Issue 12: actors beyond names. A demonym with an agent noun is the state acting, with the noun's
sector from data/agents.toml on the evidence; the demonym table is completed from the same file.
Real model and pipeline; constructed sentences.
"""

from __future__ import annotations

import pytest

from newsgraph.extractors.actors import demonym_completions, sector_words
from newsgraph.extractors.gazetteer import Gazetteer
from newsgraph.extractors.relations import Ontology
from newsgraph.graph.build import build_graph


def relations(extractor, text):
    result = extractor.process(extractor.nlp(text), "d1", None)
    return [(r.subject, r.type, r.object, r.actor_role, r.actor_sector, r.target_role, r.target_sector)
            for r in result.relations]


def test_completed_demonym_is_a_state():
    match = Gazetteer.load().lookup("Serbs")
    assert (match.kind, match.key) == ("demonym", "state:SRB")


def test_completion_keeps_only_derived_forms():
    states = [{"iso3": "SRB", "name": "Serbia", "demonyms": ["Serbian"]},
              {"iso3": "USA", "name": "United States", "demonyms": ["American"]}]
    out = demonym_completions(states)
    assert out["SRB"] == ["Serb", "Serbs"]
    # the source list also gives a surname for the USA: not derived from a name of it, left out
    assert "Mcmaster" not in out.get("USA", [])


def test_sector_of_agent_nouns():
    table = sector_words()
    assert (table["soldier"], table["troop"], table["rebel"], table["police"]) == ("military", "military", "rebels", "police")
    assert "leader" not in table  # ends rebel, opposition and government phrases alike


@pytest.mark.parametrize(("text", "expected"), [
    ("Serb forces attacked Kosovo on Monday.", ("state:SRB", "ATTACKED", "state:XKX", "forces", "military")),
    ("Rwandan rebels attacked Uganda.", ("state:RWA", "ATTACKED", "state:UGA", "rebels", "rebels")),
    ("Iraqi officials met Tanaka Hiroshi in Paris.", ("state:IRQ", "MET_WITH", "person:tanaka-hiroshi", "officials", "government")),
])
def test_demonym_with_agent_noun_is_the_state_with_its_sector(extractor, text, expected):
    assert expected in [r[:5] for r in relations(extractor, text)]


def test_named_actor_has_no_actor_role(extractor):
    found = relations(extractor, "Serbia attacked Kosovo on Monday.")
    assert ("state:SRB", "ATTACKED", "state:XKX", None, None, None, None) in found


def test_head_of_nested_noun_phrase_keeps_the_role_words(extractor):
    found = relations(extractor, "Norway held talks with leaders of Romania's government.")
    assert ("state:NOR", "MET_WITH", "state:ROU", None, None, "leaders", "government") in found


def test_symmetric_edge_swaps_actor_and_target_with_its_ends(extractor):
    text = "Serbian officials held talks with Albania."
    result = extractor.process(extractor.nlp(text), "d1", None)
    G = build_graph([result], {"d1": {"title": "", "date": None}}, ontology=Ontology.load())
    (ev,) = G.edges["state:ALB", "state:SRB", "MET_WITH"]["evidence"]
    assert (ev["actor_role"], ev["target_role"], ev["target_sector"]) == (None, "officials", "government")


def test_nationality_adjective_beside_an_owner_is_no_argument(extractor):
    found = relations(extractor, "Tanaka Hiroshi vowed to defend Peru's Chilean interests.")
    objects = {r[2] for r in found if r[1] == "SUPPORTED"}
    assert "state:PER" in objects and "state:CHL" not in objects


@pytest.mark.parametrize(("text", "state"), [
    # people apart from or against their state do not act for it, nor receive for it
    ("Ecuador offered asylum to a Russian dissident.", "state:RUS"),
    ("Iranian exiles met John Kerry in Paris.", "state:IRN"),
    # nor do people of a civil sector (business, labour, civilians, ...: agents.toml [civil])
    ("In talks with Gomez last week, several Peruvian business leaders said they favoured the plan.", "state:PER"),
    ("The minister will also meet Spanish officials and local Portuguese businessmen in Madrid.", "state:PRT"),
    ("Chilean farmers held talks with Argentina.", "state:CHL"),
])
def test_dissidents_and_exiles_are_not_their_state(extractor, text, state):
    assert all(state not in (r[0], r[2]) for r in relations(extractor, text))


def test_civil_people_stand_for_their_state_in_conflict(extractor):
    # as event coding does: an attack on a state's civilians is an attack on that state
    found = relations(extractor, "Peruvian troops killed twelve Chilean civilians near the border.")
    assert ("state:PER", "ATTACKED", "state:CHL") in {r[:3] for r in found}


def test_agent_nouns_and_professions(nlp):
    from newsgraph.extractors.actors import acts_for_state, is_agent_noun

    doc = nlp("The spokesman, the economist, the dissident and the soldiers left.")
    by = {t.lower_: t for t in doc}
    assert is_agent_noun(by["spokesman"]) and is_agent_noun(by["soldiers"])
    assert not is_agent_noun(by["economist"])
    assert acts_for_state(by["soldiers"]) and not acts_for_state(by["dissident"])


def test_civil_sectors_do_not_act_for_the_state_but_political_ones_do(nlp):
    from newsgraph.extractors.actors import acts_for_state, civil_sector

    doc = nlp("Several Greek business leaders, a government spokesman and Greek workers met the army.")
    by = {t.lower_: t for t in doc}
    assert civil_sector(by["leaders"]) == "business" and not acts_for_state(by["leaders"])
    assert civil_sector(by["workers"]) == "labour" and not acts_for_state(by["workers"])
    assert acts_for_state(by["spokesman"]) and acts_for_state(by["army"])


@pytest.mark.parametrize(("form", "key"), [
    ("Iraki", "state:IRQ"), ("Katari", "state:QAT"), ("Rumanian", "state:ROU"),  # other spellings
    ("Persian", None), ("Tai", None), ("Cairene", None),  # an exonym, a family of peoples, a city's people
])
def test_completion_takes_spelling_variants_only(form, key):
    match = Gazetteer.load().lookup(form)
    assert (match.key if match else None) == key
