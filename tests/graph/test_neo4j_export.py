"""Neo4j exports: rows, statements (as strings, and through Neo4j's linter), the Bolt load,
the cypher-shell script and the neo4j-admin CSVs, against a real FalkorDB server.

The three exports must give the same graph: each is compared with one snapshot.
"""

from __future__ import annotations

import csv
import datetime
import json
import math
from collections import Counter

import networkx as nx
import pytest

from newsgraph.corpus.errors import DataError, ExportError, UsageError
from newsgraph.graph.export.cypher import cypher_statements, to_cypher, write_cypher
from newsgraph.graph.export.neo4j import (
    DATE_KEYS, cypher_literal, fallback_index_statements, load_neo4j, load_steps, merge_nodes_query,
    merge_relationships_query, quote_label, quote_type, rel_id, schema_statements, to_rows,
)
from newsgraph.graph.export.neo4j_csv import (
    FILES, NODE_FILES, choose_array_delimiter, csv_tables, write_neo4j_csv,
)
from newsgraph.graph.query import free_port, split_statements
from tests.graph.sample_graph import (
    INJECTION, NASTY_ALIAS, NASTY_NAME, NASTY_SENTENCE, NASTY_TITLE, bigger_sample_graph, sample_graph,
)

NASTY_STRINGS = [NASTY_NAME, NASTY_ALIAS, NASTY_SENTENCE, NASTY_TITLE, INJECTION, "it's", 'say "hi"',
                 "back\\slash", "x\\", "\\'", "\\\\", "\\n", "\\u0041", "new\nline\r\n\ttab\b\f",
                 "a\x01b\x7f", "Nicolás Maduro 🇻🇪 中文", "\u2028sep\u2029", "a`b``", "{x: 1}", ""]


# ------------------------------------------------------------------------------------------
# Snapshots: the whole database, or an export, as comparable data
# ------------------------------------------------------------------------------------------

def _freeze(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _snapshot(nodes, rels):
    """nodes: (labels, props); rels: (start id, type, end id, props) -> sorted, hashable."""
    n = sorted((tuple(sorted(labels)), tuple(sorted((k, _freeze(v)) for k, v in props.items())))
               for labels, props in nodes)
    r = sorted((s, t, e, tuple(sorted((k, _freeze(v)) for k, v in props.items()))) for s, t, e, props in rels)
    return n, r


# Properties as key/value pairs, dates as ISO text: FalkorDB's Bolt layer cannot send a date value
# back (the server exits), so dates are compared as text here and their type is tested apart.
_DATES = cypher_literal(list(DATE_KEYS))
_PAIRS = (f"[k IN keys({{x}}) WHERE NOT k IN {_DATES} | [k, {{x}}[k]]] + "
          f"[k IN keys({{x}}) WHERE k IN {_DATES} | [k, toString({{x}}[k])]]")


def db_snapshot(driver):
    records, _, _ = driver.execute_query(f"MATCH (n) RETURN labels(n) AS labels, {_PAIRS.format(x='n')} AS props")
    nodes = [(r["labels"], dict(r["props"])) for r in records]
    records, _, _ = driver.execute_query(
        f"MATCH (a)-[r]->(b) RETURN a.id AS s, type(r) AS t, b.id AS e, {_PAIRS.format(x='r')} AS props")
    rels = [(r["s"], r["t"], r["e"], dict(r["props"])) for r in records]
    return _snapshot(nodes, rels)


def rows_snapshot(G):
    """What the model says the database must hold, straight from to_rows."""
    rows = to_rows(G)
    nodes = [(["Document"], {"id": r["id"], **r["props"]}) for r in rows["documents"]]
    nodes += [(["Entity", label], {"id": r["id"], **r["props"]})
              for label, group in rows["entities"].items() for r in group]
    nodes += [(["Evidence"], {"id": r["id"], **r["props"]}) for r in rows["evidence"]]
    nodes += [(["Event"], {"id": r["id"], **r["props"]}) for r in rows["events"]]
    nodes += [(["Outlet"], {"id": r["id"], **r["props"]}) for r in rows["outlets"]]
    rels = [(r["start"], t, r["end"], r["props"]) for t, group in rows["relationships"].items() for r in group]
    for key, t in (("mentions", "MENTIONED_IN"), ("evidence_in", "IN"), ("evidence_subject", "SUBJECT"),
                   ("evidence_object", "OBJECT"), ("according_to", "ACCORDING_TO"), ("published_by", "PUBLISHED_BY"),
                   ("event_in", "IN"), ("part_of", "PART_OF")):
        rels += [(r["start"], t, r["end"], r["props"]) for r in rows[key]]
    rels += [(r["start"], r["type"], r["end"], r["props"]) for r in rows["event_roles"]]
    return _snapshot(nodes, rels)


def run_script(driver, script: str) -> list[str]:
    """Run a cypher-shell script statement by statement; return the statements the server refused.

    FalkorDB refuses Neo4j 5 schema statements; the loader's fallback indexes replace them.
    """
    from neo4j.exceptions import Neo4jError

    refused = []
    for _, statement in split_statements(script):
        try:
            driver.execute_query(statement)
        except Neo4jError:
            refused.append(statement)
    return refused


# ------------------------------------------------------------------------------------------
# Pure parts
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Person", "State", "Institution", "Location", "Entity", "X_1"])
def test_quote_label_accepts_labels(name):
    assert quote_label(name) == f"`{name}`"


@pytest.mark.parametrize("name", ["person", "Per son", "Person`) DETACH DELETE n //", "", "1X", "Pérson",
                                  None, "Person\n"])
def test_quote_label_rejects_anything_else(name):
    with pytest.raises(DataError):
        quote_label(name)


@pytest.mark.parametrize("name", ["OFFERED_ASYLUM_TO", "MEDIATED_VIA", "HEAD_OF", "X1"])
def test_quote_type_accepts_types(name):
    assert quote_type(name) == f"`{name}`"


@pytest.mark.parametrize("name", ["offered", "Offered_To", "A-B", "A`]->() DETACH DELETE n //", "", "_A"])
def test_quote_type_rejects_anything_else(name):
    with pytest.raises(DataError):
        quote_type(name)


@pytest.mark.parametrize("value, literal", [
    (None, "null"), (True, "true"), (False, "false"), (-3, "-3"), (0.5, "0.5"), (1e-05, "1e-05"),
    ("it's", "'it\\'s'"), ("a\\b", "'a\\\\b'"), ("l1\nl2\r\t", "'l1\\nl2\\r\\t'"), ("é中🇻🇪", "'é中🇻🇪'"),
    (INJECTION, "'\\'}) DETACH DELETE n //'"), ([1, "a"], "[1, 'a']"),
    ({"id": "x", "a b": 1, "`k`": 2}, "{id: 'x', `a b`: 1, ```k```: 2}"),
])
def test_cypher_literal(value, literal):
    assert cypher_literal(value) == literal


@pytest.mark.parametrize("value", [math.nan, math.inf, object(), b"bytes"])
def test_cypher_literal_rejects_unwritable_values(value):
    with pytest.raises(DataError):
        cypher_literal(value)


def test_to_rows_follows_the_model():
    G = sample_graph()
    rows = to_rows(G)
    assert sorted(rows["entities"]) == ["Institution", "Location", "Person", "State"]
    russia = next(r for r in rows["entities"]["State"] if r["id"] == "state:RUS")
    assert russia["props"]["iso3"] == "RUS" and russia["props"]["wikidata"] == "Q159"
    assert "codes" not in russia["props"] and "resolution" not in russia["props"]
    assert len(russia["props"]["alias_counts"]) == len(russia["props"]["aliases"])
    assert {d["id"] for d in rows["documents"]} == set(G.graph["document_index"])
    assert len(rows["relationships"]["OFFERED_ASYLUM_TO"]) == 2
    assert len(rows["relationships"]["MENTIONED_WITH"]) == 4
    # one Evidence node per evidence item, with three links each
    n_evidence = sum(len(d["evidence"]) for _, _, d in G.edges(data=True))
    assert len(rows["evidence"]) == n_evidence == len(rows["evidence_in"]) == len(rows["evidence_object"])
    assert len({r["id"] for r in rows["evidence"]}) == n_evidence
    # MENTIONED_IN counts come from the resolution records
    maduro = {r["end"]: r["props"]["count"] for r in rows["mentions"] if r["start"] == "person:nicolas-maduro"}
    assert maduro["001_b5732ac235b8c54a"] == 14
    # no absent values anywhere (Neo4j has no null properties)
    for r in rows["documents"] + rows["evidence"]:
        assert all(v not in (None, "", []) for v in r["props"].values())
    assert rows["documents"][1]["props"] == {"title": "Even Moscow is looking for the exits on Nicolás Maduro"}


def test_ids_are_stable_across_builds():
    a, b = to_rows(sample_graph()), to_rows(bigger_sample_graph())
    ids_a = {r["id"] for r in a["evidence"]}
    assert ids_a < {r["id"] for r in b["evidence"]}
    asylum = a["relationships"]["OFFERED_ASYLUM_TO"]
    assert {r["props"]["rel_id"] for r in asylum} == {
        rel_id("state:RUS", "OFFERED_ASYLUM_TO", "person:nicolas-maduro"),
        rel_id("state:USA", "OFFERED_ASYLUM_TO", "person:nicolas-maduro")}


@pytest.mark.parametrize("field, value", [("node type", "Person`) DETACH DELETE n //"),
                                          ("node type", "Document"), ("edge type", "met_with"),
                                          ("edge type", "IN"), ("code", "iso 3"), ("code", "name")])
def test_to_rows_rejects_names_that_are_not_safe(field, value):
    G = sample_graph()
    if field == "node type":
        G.nodes["state:RUS"]["type"] = value
    elif field == "edge type":
        G.add_edge("state:RUS", "state:USA", key=value, type=value, evidence=[])
    else:
        G.nodes["state:RUS"]["codes"] = {value: "x"}
    with pytest.raises(DataError):
        to_rows(G)


def test_statements_are_built_with_backticks_and_parameters():
    q = merge_nodes_query("Document")
    assert q.startswith("UNWIND $rows AS row\nMERGE (n:`Document` {id: row.id})")
    assert "SET n += row.props" in q
    q = merge_relationships_query("Evidence", "IN", "Document", props=False)
    assert q.splitlines()[-2:] == ["MERGE (a)-[r:`IN`]->(b)", "RETURN 0 AS changed"]
    with pytest.raises(DataError):
        merge_relationships_query("Entity", "X]->() DETACH DELETE a //", "Entity")
    assert all("IF NOT EXISTS" in s for s in schema_statements())
    assert fallback_index_statements([("Entity", "id"), ("Document", "id"), ("Evidence", "id"), ("Event", "id"),
                                      ("Outlet", "id"), ("Entity", "name"), ("Evidence", "rel_id")]) == []


def test_every_generated_statement_passes_neo4j_lint(cypher_lint):
    steps = load_steps(sample_graph())
    items = [{"query": s.query, "parameters": {"rows": []}} for s in steps]
    items += schema_statements() + fallback_index_statements()
    items.append("CALL db.indexes() YIELD label, properties RETURN label, properties")
    items += [s.build(cypher_literal(s.rows)) for s in steps]
    items.append({"query": "RETURN $probe AS probe", "parameters": {"probe": ""}})
    assert cypher_lint(items) == []


def test_the_whole_script_passes_neo4j_lint(cypher_lint):
    assert cypher_lint([to_cypher(sample_graph())]) == []


def test_literals_of_nasty_strings_pass_lint(cypher_lint):
    assert cypher_lint([f"RETURN {cypher_literal(text)} AS s" for text in NASTY_STRINGS]) == []


def test_script_statements_split_on_line_ends():
    G = sample_graph()
    script = to_cypher(G, batch_size=3)
    statements = list(cypher_statements(G, batch_size=3))
    assert [s for _, s in split_statements(script)] == statements
    # every statement ends a line with ";"; values sit on row lines, one row per line, so no
    # string literal spans lines (the nasty sentences hold \n and \r)
    assert script.count(";\n") == len(statements)
    for line in script.splitlines():
        is_row = line.startswith("{") and (line.endswith("}") or line.endswith("},"))
        assert is_row or "'" not in line or line.startswith("//"), line


def test_write_cypher_writes_the_script(tmp_path):
    G = sample_graph()
    path = write_cypher(G, tmp_path / "graph.cypher")
    assert path.read_text(encoding="utf-8") == to_cypher(G)
    with pytest.raises(ExportError):
        write_cypher(G, tmp_path / "missing-dir" / "graph.cypher")


# ------------------------------------------------------------------------------------------
# Against FalkorDB over Bolt
# ------------------------------------------------------------------------------------------

def test_literals_round_trip_on_the_server(bolt_driver):
    for text in NASTY_STRINGS:
        if text == "a\x01b\x7f" or "\\u0041" in text:
            continue  # raw control characters and \\u escapes: covered below
        records, _, _ = bolt_driver.execute_query(f"RETURN {cypher_literal(text)} AS s")
        assert records[0]["s"] == text
    control, escape = cypher_literal("a\x01b\x7f"), cypher_literal("\\u0041")
    records, _, _ = bolt_driver.execute_query(f"RETURN {control} AS s, {escape} AS u")
    # raw control characters survive; a backslash-u stays text (FalkorDB does not decode \uXXXX,
    # which is why cypher_literal writes control characters raw)
    assert (records[0]["s"], records[0]["u"]) == ("a\x01b\x7f", "\\u0041")


def test_bolt_load_matches_the_model(empty_db):
    G = sample_graph()
    progress = []
    summary = load_neo4j(G, empty_db, batch_size=4, progress=progress.append)
    assert summary.inline_values  # FalkorDB's Bolt string parameters fail the probe
    assert db_snapshot(empty_db) == rows_snapshot(G)
    rows = to_rows(G)
    assert summary.created == {
        "documents": 5, "outlets": 3, "published_by": 4, "entities": 13,
        "relationships": sum(len(g) for g in rows["relationships"].values()),
        "mentions": len(rows["mentions"]), "evidence": len(rows["evidence"]),
        "evidence_links": 3 * len(rows["evidence"]) + len(rows["according_to"]),
        "events": len(rows["events"]),
        "event_links": len(rows["event_in"]) + len(rows["part_of"]) + len(rows["event_roles"]),
    }
    assert summary.total_updated == 0
    assert sum(progress) == sum(summary.rows.values())
    assert max(progress) <= 4


def test_loading_twice_changes_nothing(empty_db):
    G = sample_graph()
    load_neo4j(G, empty_db)
    before = db_snapshot(empty_db)
    again = load_neo4j(G, empty_db, batch_size=7)
    assert (again.total_created, again.total_updated) == (0, 0)
    assert db_snapshot(empty_db) == before


def test_loading_a_bigger_graph_adds_only_what_is_new(empty_db):
    load_neo4j(sample_graph(), empty_db)
    summary = load_neo4j(bigger_sample_graph(), empty_db)
    assert summary.created == {"documents": 1, "outlets": 1, "published_by": 1, "entities": 1,
                               "relationships": 1, "mentions": 1, "evidence": 1, "evidence_links": 3,
                               "events": 1, "event_links": 4}
    assert summary.total_updated == 0
    assert db_snapshot(empty_db) == rows_snapshot(bigger_sample_graph())


def test_changed_properties_are_updated(empty_db):
    G = sample_graph()
    load_neo4j(G, empty_db)
    G.nodes["state:RUS"]["mentions"] = 1000
    G.edges["state:RUS", "person:nicolas-maduro", "OFFERED_ASYLUM_TO"]["status"] = "asserted"
    summary = load_neo4j(G, empty_db)
    assert summary.total_created == 0
    assert summary.updated["entities"] == 1 and summary.updated["relationships"] == 1
    assert db_snapshot(empty_db) == rows_snapshot(G)


def test_injection_strings_arrive_intact_and_nothing_else_happens(empty_db):
    G = sample_graph()
    load_neo4j(G, empty_db, batch_size=2)
    records, _, _ = empty_db.execute_query(
        "MATCH (p:Person {id: 'person:o-brien'}) RETURN p.name AS name, p.aliases AS aliases")
    assert records[0]["name"] == NASTY_NAME
    assert records[0]["aliases"] == [NASTY_NAME, NASTY_ALIAS]
    records, _, _ = empty_db.execute_query(
        "MATCH (d:Document {id: '004_ec6b5c2151a68899'})<-[:IN]-(e:Evidence) "
        "RETURN d.title AS title, collect(DISTINCT e.sentence) AS sentences, collect(e.according_to) AS who")
    assert records[0]["title"] == NASTY_TITLE
    assert NASTY_SENTENCE in records[0]["sentences"] and INJECTION in records[0]["who"]
    records, _, _ = empty_db.execute_query("MATCH (n) RETURN count(n) AS n")
    rows = to_rows(G)
    assert records[0]["n"] == 5 + 13 + len(rows["evidence"]) + len(rows["events"]) + len(rows["outlets"])


def test_evidence_answers_which_sentences_say_this(empty_db):
    load_neo4j(sample_graph(), empty_db)
    records, _, _ = empty_db.execute_query(
        "MATCH (a:Entity {name: 'Russia'})-[r:OFFERED_ASYLUM_TO]->(b:Entity) "
        "MATCH (e:Evidence {rel_id: r.rel_id})-[:IN]->(d:Document) "
        "RETURN b.name AS object, e.sentence AS sentence, d.title AS title, e.status AS status "
        "ORDER BY e.start")
    assert [r["object"] for r in records] == ["Nicolás Maduro", "Nicolás Maduro"]
    assert records[0]["sentence"].startswith("Russia offered Maduro asylum via Vatican")
    assert {r["status"] for r in records} == {"reported"}


def test_the_script_gives_the_same_graph_as_the_bolt_load(empty_db):
    G = sample_graph()
    refused = run_script(empty_db, to_cypher(G, batch_size=5))
    assert refused == schema_statements()  # FalkorDB has no Neo4j 5 schema syntax
    assert db_snapshot(empty_db) == rows_snapshot(G)
    # on an existing database: again, and after a Bolt load
    run_script(empty_db, to_cypher(G))
    load_neo4j(G, empty_db)
    assert db_snapshot(empty_db) == rows_snapshot(G)


def test_bolt_load_on_top_of_the_script_changes_nothing(empty_db):
    G = sample_graph()
    run_script(empty_db, to_cypher(G))
    summary = load_neo4j(G, empty_db)
    assert (summary.total_created, summary.total_updated) == (0, 0)


def test_schema_falls_back_to_plain_indexes(empty_db):
    summary = load_neo4j(sample_graph(), empty_db)
    assert summary.warnings  # the Neo4j 5 constraints were refused
    records, _, _ = empty_db.execute_query("CALL db.indexes() YIELD label, properties RETURN label, properties")
    have = {(r["label"], p) for r in records for p in r["properties"]}
    assert {("Entity", "id"), ("Document", "id"), ("Evidence", "id"), ("Evidence", "rel_id")} <= have
    assert fallback_index_statements(have) == []


def test_unreachable_server_is_a_clear_error():
    import neo4j

    driver = neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{free_port()}", auth=None, connection_timeout=2,
                                        max_transaction_retry_time=1)
    try:
        with pytest.raises(ExportError, match="Cannot reach the Neo4j server"):
            load_neo4j(sample_graph(), driver)
    finally:
        driver.close()


def test_driver_errors_become_newsgraph_errors():
    from neo4j import exceptions as ne

    from newsgraph.graph.export.neo4j import _translate

    assert isinstance(_translate(ne.AuthError("The client is unauthorized"), database=None), UsageError)
    missing = ne.Neo4jError._hydrate_neo4j(code="Neo.ClientError.Database.DatabaseNotFound",
                                           message="Database does not exist. Database name: 'nope'.")
    err = _translate(missing, database="nope")
    assert isinstance(err, UsageError) and "'nope' does not exist" in str(err)
    assert _translate(ne.Neo4jError._hydrate_neo4j(code="Neo.DatabaseError.General.UnknownError",
                                                   message="x"), database=None) is None


def test_bad_batch_size_is_a_usage_error(bolt_driver):
    with pytest.raises(UsageError):
        load_neo4j(sample_graph(), bolt_driver, batch_size=0)


# ------------------------------------------------------------------------------------------
# neo4j-admin CSVs
# ------------------------------------------------------------------------------------------

def _parse_typed(value: str, kind: str, delimiter: str):
    """A field as neo4j-admin reads it (value is None for an empty unquoted field)."""
    if value is None:
        return None
    if kind.endswith("[]"):
        return [_parse_typed(v, kind[:-2], delimiter) for v in value.split(delimiter)]
    return {"long": int, "double": float, "boolean": lambda v: v == "true"}.get(kind, str)(value)


def read_import_dir(directory):
    """Read the CSVs back by neo4j-admin's rules: typed headers, ID spaces, array delimiter."""
    readme = (directory / "README.txt").read_text(encoding="utf-8")
    code = readme.split("--array-delimiter=U+", 1)[1][:4]
    delimiter = chr(int(code, 16))
    nodes, rels = [], []
    for name in FILES:
        with open(directory / name, encoding="utf-8", newline="") as f:
            text = f.read()
        reader = csv.reader(text.splitlines(keepends=True))
        header = next(reader)
        # csv.reader cannot tell "" from an empty field: find unquoted empty fields separately
        for row in _rows_with_nulls(text):
            record = {}
            for column, value in zip(header, row):
                key, _, kind = column.partition(":")
                record[(key, kind.split("(")[0])] = value
            props = {}
            for (key, kind), value in record.items():
                if key and kind not in ("ID",) and value is not None:
                    props[key] = _parse_typed(value, kind or "string", delimiter)
            if name in NODE_FILES:
                id_key = next(k for k in record if k[1] == "ID")
                labels = record[("", "LABEL")].split(delimiter)
                nodes.append((labels, {"id": record[id_key], **props}))
            else:
                rels.append((record[("", "START_ID")], record[("", "TYPE")], record[("", "END_ID")], props))
    return _snapshot(nodes, rels)


def _rows_with_nulls(text: str):
    """RFC 4180 rows after the header; an empty unquoted field is None."""
    rows, row, i, n = [], [], 0, len(text)
    field, quoted, in_quotes = [], False, False
    while i < n:
        ch = text[i]
        if in_quotes:
            if ch == '"' and text.startswith('""', i):
                field.append('"')
                i += 2
                continue
            if ch == '"':
                in_quotes = False
            else:
                field.append(ch)
        elif ch == '"':
            in_quotes, quoted = True, True
        elif ch == ",":
            row.append("".join(field) if quoted or field else None)
            field, quoted = [], False
        elif ch == "\n":
            row.append("".join(field) if quoted or field else None)
            rows.append(row)
            row, field, quoted = [], [], False
        else:
            field.append(ch)
        i += 1
    return rows[1:]


def test_csv_import_files_hold_the_same_graph(tmp_path, empty_db):
    G = sample_graph()
    out = write_neo4j_csv(G, tmp_path / "neo4j-import")
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, "README.txt", "schema.cypher"])
    assert read_import_dir(out) == rows_snapshot(G)
    load_neo4j(G, empty_db)
    assert read_import_dir(out) == db_snapshot(empty_db)


def test_csv_headers_are_typed():
    tables = csv_tables(sample_graph())
    entities = tables["entities.csv"][0]
    assert entities[:2] == ["id:ID(Entity)", ":LABEL"]
    assert {"aliases:string[]", "alias_counts:long[]", "mentions:long", "docs:string[]", "iso3"} <= set(entities)
    assert tables["relationships.csv"][0][:3] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"]
    assert {"weight:long", "symmetric:boolean"} <= set(tables["relationships.csv"][0])
    assert {"confidence:double", "start:long"} <= set(tables["evidence.csv"][0])
    assert tables["mentioned_in.csv"][0] == [":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "count:long"]


def test_csv_readme_has_the_import_command(tmp_path):
    out = write_neo4j_csv(sample_graph(), tmp_path / "imp")
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "neo4j-admin database import full neo4j" in readme
    for name in FILES:
        assert f"={name}" in readme
    assert "--multiline-fields=true" in readme and "--array-delimiter=U+007C" in readme
    assert (out / "schema.cypher").read_text(encoding="utf-8").count(";\n") == len(schema_statements())


def test_array_delimiter_avoids_the_data(tmp_path):
    G = sample_graph()
    G.nodes["state:RUS"]["aliases"] = ["Russia|Moscow", "Kremlin"]
    out = write_neo4j_csv(G, tmp_path / "imp")
    assert "--array-delimiter=U+00A6" in (out / "README.txt").read_text(encoding="utf-8")
    assert read_import_dir(out) == rows_snapshot(G)
    with pytest.raises(DataError):
        choose_array_delimiter(["|¦;\x1f"])


def test_csv_counts_match_the_rows():
    G = sample_graph()
    tables = csv_tables(G)
    rows = to_rows(G)
    assert len(tables["evidence_entities.csv"][1]) == 2 * len(rows["evidence"])
    types = Counter(r[2] for r in tables["relationships.csv"][1])
    assert types["MENTIONED_WITH"] == 4 and types["OFFERED_ASYLUM_TO"] == 2


def test_graph_json_round_trip_feeds_the_same_rows(tmp_path):
    G = sample_graph()
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(nx.node_link_data(G, edges="edges")), encoding="utf-8")
    G2 = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert to_rows(G2) == to_rows(G)
