"""Filters that name a type or a status: checked, case-insensitive, lists everywhere, same in the CLI.

A filter value that does not exist used to match nothing, silently ("(no rows)", exit 0);
now it is a UsageError naming the closest value (CLI: one line, exit 2).
"""

from __future__ import annotations

import copy
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.corpus.errors import UsageError
from newsgraph.extractors.models import STATUS_ORDER
from newsgraph.graph import KnowledgeGraph
from newsgraph.graph.cli import cli
from newsgraph.graph.filters import check_entity_types, check_relation_types, check_statuses, relation_types


@pytest.fixture
def kg(sample_build):
    G, records, _out = sample_build
    return KnowledgeGraph(copy.deepcopy(G), copy.deepcopy(records))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# -- the checks themselves --------------------------------------------------------------------
@pytest.mark.parametrize("value, message", [
    ("OFFERED_ASYLUM", "Unknown relation type 'OFFERED_ASYLUM'. Did you mean OFFERED_ASYLUM_TO?"),
    ("met_wth", "Unknown relation type 'met_wth'. Did you mean MET_WITH?"),
    ("Sanction", "Unknown relation type 'Sanction'. Did you mean SANCTIONED?"),
])
def test_unknown_relation_type_suggests_the_closest(value, message):
    with pytest.raises(UsageError) as err:
        check_relation_types(value, known=relation_types())
    assert str(err.value) == message


def test_no_close_type_lists_the_known_ones():
    with pytest.raises(UsageError, match=r"^Unknown relation type 'XYZZY'\. Known: ACCEPTED, ACCUSED, .*MENTIONED_WITH"):
        check_relation_types("XYZZY", known=relation_types())


def test_values_come_back_canonical_and_deduplicated():
    assert check_relation_types(["offered_asylum_to", " Mediated_Via ", "OFFERED_ASYLUM_TO"],
                                known=relation_types()) == ("OFFERED_ASYLUM_TO", "MEDIATED_VIA")
    assert check_statuses({"REPORTED"}) == ("reported",)
    assert check_entity_types(("institution", "LOCATION")) == ("Institution", "Location")
    assert check_statuses(None) is None and check_entity_types(None) is None


@pytest.mark.parametrize("status", STATUS_ORDER)
def test_every_status_of_the_model_is_accepted_in_any_case(status):
    assert check_statuses(status.upper()) == (status,)


@pytest.mark.parametrize("bad, message", [
    ("assertd", "Unknown status 'assertd'. Did you mean asserted?"),
    ("denied", "Unknown status 'denied'. Known: asserted, reported, alleged, proposed, considered, hypothetical, negated"),
    ([], "An empty list of statuses matches nothing; pass None for any status"),
    ([1], "A status is a string, got 1"),
])
def test_bad_statuses(bad, message):
    with pytest.raises(UsageError) as err:
        check_statuses(bad)
    assert str(err.value) == message


def test_unknown_entity_type():
    with pytest.raises(UsageError, match=r"^Unknown entity type 'Persn'\. Did you mean Person\?$"):
        check_entity_types("Persn")


# -- the API on the sample ------------------------------------------------------------------------
def test_relation_type_in_any_case_finds_the_offer(kg):
    for spelling in ("OFFERED_ASYLUM_TO", "offered_asylum_to", "Offered_Asylum_To"):
        df = kg.relations(type=spelling)
        assert list(zip(df["subject"], df["type"], df["object"])) == [("Russia", "OFFERED_ASYLUM_TO", "Nicolás Maduro")]
    assert len(kg.timeline(type="offered_asylum_to")) == 1
    assert len(kg.relation_rows(type="offered_asylum_to")) == 1


@pytest.mark.parametrize("call", [
    lambda kg: kg.relations(type="OFFERED_ASYLUM"),
    lambda kg: kg.relations(type=["MEDIATED_VIA", "OFFERED_ASYLUM"]),
    lambda kg: kg.relation_rows(type="OFFERED_ASYLUM"),
    lambda kg: kg.timeline(type="OFFERED_ASYLUM"),
    lambda kg: kg.evidence("Russia", "OFFERED_ASYLUM", "Maduro"),
], ids=["relations", "relations-list", "relation_rows", "timeline", "evidence"])
def test_every_filter_refuses_an_unknown_type(kg, call):
    with pytest.raises(UsageError, match=r"^Unknown relation type 'OFFERED_ASYLUM'\. Did you mean OFFERED_ASYLUM_TO\?$"):
        call(kg)


@pytest.mark.parametrize("call", [
    lambda kg: kg.relations(status="assertd"),
    lambda kg: kg.relation_rows(status=["reported", "assertd"]),
    lambda kg: kg.timeline(status="assertd"),
], ids=["relations", "relation_rows", "timeline"])
def test_every_filter_refuses_an_unknown_status(kg, call):
    with pytest.raises(UsageError, match=r"^Unknown status 'assertd'\. Did you mean asserted\?$"):
        call(kg)


def test_lists_are_accepted_everywhere(kg):
    both = kg.relations(type=["offered_asylum_to", "MEDIATED_VIA"])
    assert set(both["type"]) == {"OFFERED_ASYLUM_TO", "MEDIATED_VIA"} and len(both) == 2
    assert set(kg.timeline(type=["OFFERED_ASYLUM_TO", "MEDIATED_VIA"])["type"]) == {"OFFERED_ASYLUM_TO", "MEDIATED_VIA"}
    assert set(kg.entities(type=["state", "Person"])["type"]) == {"State", "Person"}
    assert {r["type"] for r in kg.entity_rows(type=("Institution",))} == {"Institution"}
    assert set(kg.relations(status=("Considered", "NEGATED"))["status"]) <= {"considered", "negated"}
    assert set(kg.timeline(status=["considered"])["status"]) == {"considered"}


def test_asking_for_co_occurrence_by_type_includes_it(kg):
    mixed = kg.relations(type=["mentioned_with", "OFFERED_ASYLUM_TO"])
    assert {"MENTIONED_WITH", "OFFERED_ASYLUM_TO"} == set(mixed["type"])


def test_a_type_of_the_graph_outside_the_ontology_is_known():
    """A user rules file adds types: the graph's own types are valid filter values."""
    G = nx.MultiDiGraph(documents=1, document_index={})
    for n in ("person:a", "person:b"):
        G.add_node(n, id=n, name=n[7:].upper(), type="Person", aliases=[], mentions=1, docs=[], resolution=[])
    ev = {"doc": "d1", "sentence": "A invited B.", "start": 0, "end": 12, "date": "2024-05-02", "status": "asserted"}
    G.add_edge("person:a", "person:b", key="INVITED", type="INVITED", weight=1, status="asserted",
               first_seen="2024-05-02", last_seen="2024-05-02", evidence=[ev])
    kg = KnowledgeGraph(G)
    assert kg.relations(type="invited")["object"].tolist() == ["B"]
    assert kg.evidence("A", "Invited", "B")["sentence"].tolist() == ["A invited B."]
    with pytest.raises(UsageError, match="Did you mean INVITED"):
        kg.relations(type="INVITE")


# -- the CLI: exit 2 with the same one line ---------------------------------------------------------
@pytest.fixture(scope="module")
def graph_json(sample_build):
    return sample_build[2] / "graph.json"


@pytest.mark.parametrize("args, message", [
    (["relations", "--type", "OFFERED_ASYLUM"], "Error: Unknown relation type 'OFFERED_ASYLUM'. Did you mean OFFERED_ASYLUM_TO?"),
    (["relations", "--status", "assertd"], "Error: Unknown status 'assertd'. Did you mean asserted?"),
    (["entities", "--type", "Persn"], "Error: Unknown entity type 'Persn'. Did you mean Person?"),
])
def test_cli_exits_2_on_an_unknown_value(graph_json, args, message):
    result = run(args[0], graph_json, *args[1:])
    assert result.exit_code == 2
    assert result.output.strip() == message and "Traceback" not in result.output


def test_cli_accepts_any_case_and_repeated_options(graph_json):
    offer = run("relations", graph_json, "--type", "offered_asylum_to", "--format", "json")
    assert offer.exit_code == 0
    assert [(r["subject"], r["object"]) for r in json.loads(offer.output)] == [("Russia", "Nicolás Maduro")]
    two = run("relations", graph_json, "--type", "OFFERED_ASYLUM_TO", "--type", "mediated_via",
              "--status", "REPORTED", "--status", "asserted", "--format", "json")
    rows = json.loads(two.output)
    assert two.exit_code == 0 and {r["type"] for r in rows} <= {"OFFERED_ASYLUM_TO", "MEDIATED_VIA"} and rows
    people = run("entities", graph_json, "--type", "person", "--type", "STATE", "--format", "json")
    assert people.exit_code == 0 and {r["type"] for r in json.loads(people.output)} == {"Person", "State"}
