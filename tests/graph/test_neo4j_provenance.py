"""Provenance in the Neo4j model: sources, outlets, distinct counts, mention counts, typed dates
(CSV columns, Bolt rows, script literals, and dates the server compares as dates)."""

from __future__ import annotations

import csv
import datetime

from newsgraph.graph.export.cypher import to_cypher
from newsgraph.graph.export.neo4j import DATE_KEYS, load_neo4j, load_steps, to_rows
from newsgraph.graph.export.neo4j_csv import csv_tables, write_neo4j_csv
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


def test_dates_are_python_dates_in_the_rows_the_bolt_loader_sends(tmp_path):
    G = sample_graph()
    G.graph["document_index"]["001_b5732ac235b8c54a"]["date"] = "sometime in 2025"  # not ISO: stays text
    rows = to_rows(G)
    dates = {r["id"]: r["props"].get("date") for r in rows["documents"]}
    assert dates["003_ae0bb21b123004d3"] == datetime.date(2017, 7, 20)
    assert dates["001_b5732ac235b8c54a"] == "sometime in 2025"
    offers = rows["relationships"]["OFFERED_ASYLUM_TO"]
    assert all(type(r["props"]["first_seen"]) is datetime.date for r in offers)
    assert all(r["props"]["first_seen"] <= r["props"]["last_seen"] for r in offers)
    assert all(type(r["props"]["date"]) is datetime.date for r in rows["evidence"] if "date" in r["props"])
    assert any("date" in r["props"] for r in rows["events"])
    assert all(type(r["props"]["date"]) is datetime.date for r in rows["events"] if "date" in r["props"])
    # the load statements carry the same values (the driver sends datetime.date as a Neo4j Date)
    sent = [v for step in load_steps(G) for row in step.rows for k, v in row["props"].items() if k in DATE_KEYS]
    assert sent and {type(v) for v in sent} == {datetime.date, str}
    # a column with a date that is not ISO is a string column in the CSVs; the others stay dates
    folder = write_neo4j_csv(G, tmp_path / "csv")
    with open(folder / "documents.csv", encoding="utf-8", newline="") as f:
        header, *body = list(csv.reader(f))
    assert "date" in header and "date:date" not in header
    assert {"2017-07-20", "sometime in 2025"} <= {r[header.index("date")] for r in body}
    assert "date:date" in (folder / "events.csv").read_text(encoding="utf-8").splitlines()[0]


def test_the_script_writes_dates_as_neo4j_date_literals():
    script = to_cypher(sample_graph())
    assert "date: date('2017-07-20')" in script and "first_seen: date('2026-01-22')" in script
    assert "date: '2017-07-20'" not in script and "first_seen: '" not in script


def test_dates_loaded_over_bolt_compare_as_dates_on_the_server(empty_db):
    load_neo4j(sample_graph(), empty_db)

    def one(query):
        records, _, _ = empty_db.execute_query(query)
        return records[0][0]

    # (FalkorDB's Bolt layer cannot send a date back, so the checks return text and numbers)
    assert one("MATCH (d:Document) WHERE d.date = date('2017-07-20') RETURN d.id") == "003_ae0bb21b123004d3"
    assert one("MATCH (d:Document) WHERE d.date = '2017-07-20' RETURN count(d)") == 0  # not a string
    assert one("MATCH (d:Document) WHERE d.date >= date('2026-01-01') RETURN count(d)") == 2
    assert one("MATCH (d:Document {id: '004_ec6b5c2151a68899'}) RETURN d.date.year * 100 + d.date.month") == 202601
    assert one("MATCH ()-[r:OFFERED_ASYLUM_TO]->() WHERE r.first_seen < date('2026-01-01') "
               "RETURN toString(r.first_seen)") == "2025-12-01"
    assert one("MATCH (e:Evidence) WHERE e.date IS NOT NULL AND e.date < date('2020-01-01') "
               "RETURN count(e)") == one("MATCH (e:Evidence) WHERE toString(e.date) STARTS WITH '2017' RETURN count(e)")
    assert one("MATCH (v:Event) WHERE v.date > date('2025-12-31') RETURN count(v)") > 0
