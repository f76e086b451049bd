"""Provenance in the Neo4j model: sources, outlets, distinct counts, mention counts, typed CSV dates."""

from __future__ import annotations

from newsgraph.graph.export.neo4j import load_neo4j, to_rows
from newsgraph.graph.export.neo4j_csv import csv_tables
from tests.graph.sample_graph import sample_graph


def test_according_to_an_entity_id_is_a_relationship_free_text_a_property(empty_db):
    G = sample_graph()
    ev = G.edges["person:donald-trump", "person:nicolas-maduro", "SPOKE_WITH"]["evidence"][0]
    ev["according_to"] = "institution:stratfor"
    rows = to_rows(G)
    assert [r["end"] for r in rows["according_to"]] == ["institution:stratfor"]
    load_neo4j(G, empty_db)
    records, _, _ = empty_db.execute_query(
        "MATCH (e:Evidence)-[:ACCORDING_TO]->(s:Entity) RETURN e.type AS t, s.name AS source")
    assert [(r["t"], r["source"]) for r in records] == [("SPOKE_WITH", "Stratfor")]
    records, _, _ = empty_db.execute_query(
        "MATCH (e:Evidence {type: 'APPEALED_TO'}) RETURN e.according_to AS text")
    assert records[0]["text"] == "the Washington Post"


def test_relationships_count_distinct_documents_and_outlets_as_integers(empty_db):
    G = sample_graph()
    rows = to_rows(G)
    proposed = rows["relationships"]["PROPOSED_TO"][0]["props"]
    assert (proposed["weight"], proposed["docs"], proposed["outlets"]) == (2, 2, 1)  # doc 001 has no outlet
    load_neo4j(G, empty_db)
    records, _, _ = empty_db.execute_query(
        "MATCH (d:Document)-[:PUBLISHED_BY]->(o:Outlet) RETURN o.name AS outlet, count(d) AS docs ORDER BY outlet")
    assert [(r["outlet"], r["docs"]) for r in records] == [("CNSNews", 1), ("Fortune", 1), ("bne IntelliNews", 2)]
    records, _, _ = empty_db.execute_query("MATCH ()-[r:PROPOSED_TO]->() RETURN r.docs AS d, r.outlets AS o")
    assert isinstance(records[0]["d"], int) and isinstance(records[0]["o"], int)


def test_node_mentions_equal_the_sum_over_mentioned_in(sample_graph):
    """The real sample build: pronouns and descriptions are references, not mentions."""
    rows = to_rows(sample_graph)
    total = {}
    for r in rows["mentions"]:
        total[r["start"]] = total.get(r["start"], 0) + r["props"].get("count", 0)
    for nid, data in sample_graph.nodes(data=True):
        assert total.get(nid, 0) == data["mentions"], nid
    maduro = [r for r in rows["mentions"] if r["start"] == "person:nicolas-maduro"]
    assert any(r["props"].get("references") for r in maduro)


def test_csv_dates_are_typed_dates():
    tables = csv_tables(sample_graph())
    assert "date:date" in tables["documents.csv"][0] and "date:date" in tables["evidence.csv"][0]
    assert {"first_seen:date", "last_seen:date", "docs:long", "outlets:long"} <= set(tables["relationships.csv"][0])
    assert "date:date" in tables["events.csv"][0]
    assert tables["mentioned_in.csv"][0] == [":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "count:long"]
