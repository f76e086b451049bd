"""Entity resolution on the bundled sample corpus: the acceptance checks of issue 3."""

from __future__ import annotations

import pytest

from newsgraph.extractors.models import fold


def nodes_named(G, name: str) -> list[str]:
    """Nodes whose display name or an alias equals ``name`` (accent- and case-insensitive)."""
    want = fold(name)
    return [n for n, d in G.nodes(data=True)
            if fold(d["name"]) == want or any(fold(a) == want for a in d["aliases"])]


def aliases(G, node: str) -> set[str]:
    return set(G.nodes[node]["aliases"])


def test_russia_is_one_node_with_moscow_and_the_kremlin(sample_graph):
    G = sample_graph
    assert G.nodes["state:RUS"]["type"] == "State"
    assert {"Russia", "Moscow", "Kremlin"} <= aliases(G, "state:RUS")
    assert G.nodes["state:RUS"]["codes"]["iso3"] == "RUS"
    assert nodes_named(G, "Russia") == ["state:RUS"]


def test_united_states_is_one_node(sample_graph):
    G = sample_graph
    assert {"US", "U.S.", "Washington", "United States"} <= aliases(G, "state:USA")
    for name in ("US", "U.S.", "United States"):
        assert nodes_named(G, name) == ["state:USA"]


def test_vatican_is_a_state(sample_graph):
    assert sample_graph.nodes["state:VAT"]["type"] == "State"


@pytest.mark.parametrize(
    ("name", "node"),
    [
        ("Nicolás Maduro", "person:nicolas-maduro"),
        ("Vladimir Putin", "person:vladimir-putin"),
        ("Donald Trump", "person:donald-trump"),
        ("Delcy Rodriguez", "person:delcy-rodriguez"),
        ("Tareck El Aissami", "person:tareck-el-aissami"),
    ],
)
def test_people_are_one_node_each(sample_graph, name, node):
    G = sample_graph
    assert nodes_named(G, name) == [node]
    assert G.nodes[node]["type"] == "Person"
    surname = name.split()[-1]
    # the surname alone is not a node of its own
    assert not [n for n, d in G.nodes(data=True) if n != node and fold(d["name"]) == fold(surname)]


def test_maduro_aliases_and_resolution_are_explained(sample_graph):
    node = sample_graph.nodes["person:nicolas-maduro"]
    assert {"Maduro", "Nicolás Maduro"} <= set(node["aliases"])
    hows = {r["how"] for r in node["resolution"]}
    assert {"surname", "pronoun"} <= hows
    assert any("President" in t for t in node["titles"])


def test_csis_joins_its_long_form(sample_graph):
    G = sample_graph
    node = "institution:center-for-strategic-and-international-studies"
    assert G.nodes[node]["type"] == "Institution"
    assert "CSIS" in aliases(G, node)
    assert nodes_named(G, "CSIS") == [node]


def test_the_two_lopezes_stay_apart(sample_graph):
    G = sample_graph
    assert G.nodes["person:leopoldo-lopez"]["type"] == "Person"
    assert G.nodes["person:lopez-bello"]["type"] == "Person"
    assert "Lopez Bello" not in aliases(G, "person:leopoldo-lopez")


def test_no_demonym_nodes(sample_graph):
    names = {fold(d["name"]) for _, d in sample_graph.nodes(data=True)}
    assert not names & {"russian", "venezuelan", "american", "spanish", "russians", "venezuelans"}


@pytest.mark.parametrize(
    ("node", "etype"),
    [
        ("location:caribbean", "Location"),
        ("institution:abc", "Institution"),
        ("institution:stratfor", "Institution"),
    ],
)
def test_typing(sample_graph, node, etype):
    assert sample_graph.nodes[node]["type"] == etype


def test_no_person_node_for_an_organisation_or_operation(sample_graph):
    people = {fold(d["name"]) for _, d in sample_graph.nodes(data=True) if d["type"] == "Person"}
    assert not people & {"stratfor", "absolute resolve"}
    assert not [n for n in sample_graph if "post-" in n or n.endswith("su-30")]


# -- issue 15: the sample has no split, absent or junk actor -------------------------------------

def test_sample_companies_named_as_partners_are_found(sample_graph):
    assert sample_graph.nodes["institution:pdvsa"]["type"] == "Institution"


def test_sample_full_name_misread_as_a_number_is_one_person(sample_graph):
    """The model reads one first name as a number; the full name still gives the node, and the
    surname alone joins it."""
    nodes = nodes_named(sample_graph, "Chávez")
    assert nodes == nodes_named(sample_graph, "Hugo Chávez") and len(nodes) == 1
    assert sample_graph.nodes[nodes[0]]["type"] == "Person"


@pytest.mark.parametrize("junk", ["Somos", "Chavismo", "International Narcotics Control Strategy Report", "Hague"])
def test_sample_has_no_junk_nodes(sample_graph, junk):
    assert nodes_named(sample_graph, junk) == []


def test_sample_the_hague_keeps_its_article(sample_graph):
    assert [sample_graph.nodes[n]["type"] for n in nodes_named(sample_graph, "The Hague")] == ["Location"]
