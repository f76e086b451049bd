"""graph.api.KnowledgeGraph: lookups, tables, evidence, sub-graphs, the inline view and the exports.

The sample-corpus tests use the session's build (real model); the rest use small hand-built
graphs that follow the graph.json contract.
"""

from __future__ import annotations

import copy
import html
import json
import sys

import networkx as nx
import pandas as pd
import pytest

from newsgraph.corpus.errors import UsageError
from newsgraph.graph import KnowledgeGraph
from newsgraph.graph.api import InlineHTML
from newsgraph.extractors.models import MENTIONED_WITH

MADURO, RUSSIA, VATICAN = "person:nicolas-maduro", "state:RUS", "state:VAT"


@pytest.fixture
def kg(sample_build):
    G, records, _out = sample_build
    return KnowledgeGraph(copy.deepcopy(G), copy.deepcopy(records))


def _edge(G, u, v, rtype, *, evidence, symmetric=False, family="cooperation", status="asserted"):
    G.add_edge(u, v, key=rtype, type=rtype, label=rtype.lower(), family=family, symmetric=symmetric,
               weight=len(evidence), status=status, first_seen=None, last_seen=None, evidence=evidence)


def _ev(doc="d1", sentence="A sentence.", date=None, status=None):
    ev = {"doc": doc, "sentence": sentence, "start": 0, "end": len(sentence), "date": date}
    if status:
        ev.update(trigger="x", trigger_start=0, trigger_end=1, rule="r.v1", confidence=0.8, status=status,
                  according_to=None, role=None)
    return ev


@pytest.fixture
def small():
    """a -MET_WITH- b (symmetric, stored once), a -ACCUSED-> c, a/b/c co-occur; d alone."""
    G = nx.MultiDiGraph(documents=2, document_index={"d1": {"title": "One", "date": "2024-01-02"},
                                                     "d2": {"title": "Two", "date": None}})
    for n, name, etype, mentions in [("person:a", "Ann Alpha", "Person", 5), ("state:BBB", "Betaland", "State", 3),
                                     ("person:c", "Cem Gamma", "Person", 2), ("location:d", "Delta", "Location", 1)]:
        G.add_node(n, id=n, name=name, type=etype, aliases=[name, name.split()[0]], mentions=mentions,
                   docs=["d1"], titles=[], codes={}, resolution=[])
    _edge(G, "person:a", "state:BBB", "MET_WITH", symmetric=True,
          evidence=[_ev("d2", "Ann met Betaland.", None, "asserted")])
    _edge(G, "person:a", "person:c", "ACCUSED", family="conflict", status="alleged",
          evidence=[_ev("d1", "Ann allegedly accused Cem.", "2024-01-02", "alleged")])
    for u, v in [("person:a", "state:BBB"), ("person:a", "person:c"), ("person:c", "state:BBB")]:
        _edge(G, u, v, MENTIONED_WITH, family="co-occurrence", evidence=[_ev(), _ev("d2")])
    return KnowledgeGraph(G)


# -- construction and lookups ----------------------------------------------------------------
def test_nx_is_the_graph_itself_not_a_copy(small):
    G = small.nx
    assert KnowledgeGraph(G).nx is G
    G.add_node("state:NEW", name="Newland", type="State", aliases=["Newland"], mentions=1)
    assert small.find("newland") == ["state:NEW"]  # the alias index follows the graph


def test_find_and_entity_by_any_alias_accent_and_case(kg):
    for name in ("Maduro", "nicolas maduro", "NICOLÁS MADURO", MADURO):
        assert kg.find(name)[0] == MADURO
        assert kg.entity(name)["name"] == "Nicolás Maduro"
    entity = kg.entity("Maduro")
    assert entity["id"] == MADURO and entity["type"] == "Person" and "Maduro" in entity["aliases"]
    entity["name"] = "changed"
    assert kg.nx.nodes[MADURO]["name"] == "Nicolás Maduro"  # a copy of the attributes
    assert kg.find("Atlantis") == []


def test_unknown_entity_is_a_usage_error_with_close_names(kg):
    with pytest.raises(UsageError, match=r"No entity named 'Madur'.*did you mean 'Nicolás Maduro'"):
        kg.entity("Madur")
    with pytest.raises(UsageError, match="no name is close to it"):
        kg.neighbourhood("zzzzzz")


def test_load_reads_graph_json_and_documents(kg, tmp_path):
    written = kg.save(tmp_path, html=False)
    assert {"graph.json", "documents.jsonl"} <= set(written)
    for source in (tmp_path, tmp_path / "graph.json"):
        again = KnowledgeGraph.load(source)
        assert nx.is_isomorphic(again.nx, kg.nx)
        assert again.documents == json.loads(json.dumps(kg.documents))
        assert again.entity("Maduro")["id"] == MADURO  # node_link_graph drops the id attribute


def test_sample_returns_independent_copies():
    a, b = KnowledgeGraph.sample(), KnowledgeGraph.sample()
    a.nx.remove_node(MADURO)
    assert MADURO in b.nx and MADURO in KnowledgeGraph.sample().nx


# -- the CLI's rows keep their shapes ------------------------------------------------------------
def test_cli_rows_keep_their_shapes(kg):
    stats = kg.stats()
    assert {"documents", "entities", "relations", "date_range", "model"} <= set(stats)
    assert stats["documents"] == 5 and stats["relations"] == sum(
        1 for _, _, k in kg.nx.edges(keys=True) if k != MENTIONED_WITH)
    [row] = [r for r in kg.entity_rows() if r["id"] == MADURO]
    assert set(row) == {"id", "name", "type", "mentions", "docs", "aliases", "titles", "codes"}
    assert all(r["type"] == "Person" for r in kg.entity_rows(type="Person"))
    rows = kg.relation_rows(type="OFFERED_ASYLUM_TO")
    assert set(rows[0]) == {"subject", "type", "object", "subject_id", "object_id", "status", "weight",
                            "first_seen", "last_seen", "evidence"}
    assert all(r["type"] != MENTIONED_WITH for r in kg.relation_rows())
    assert any(r["type"] == MENTIONED_WITH for r in kg.relation_rows(cooccurrence=True))
    assert {r["status"] for r in kg.relation_rows(status="reported")} == {"reported"}
    assert kg.explain("Maduro") and set(kg.explain("Maduro")[0]) == {"doc", "alias", "count", "how"}


# -- evidence ----------------------------------------------------------------------------------
def test_evidence_by_alias_on_the_sample(kg):
    [ev] = kg.evidence("Russia", "OFFERED_ASYLUM_TO", "Maduro", as_dicts=True)
    assert ev["doc"] == "000_53bb900a20402a61" and ev["rule"] and 0 < ev["confidence"] <= 1
    assert kg.evidence("Maduro", "OFFERED_ASYLUM_TO", "Russia", as_dicts=True) == []  # directed: no reversed lookup


def test_evidence_is_a_dataframe_with_datetimes(kg):
    df = kg.evidence("Russia", "offered_asylum_to", "Maduro")
    assert list(df.columns[:6]) == ["doc", "date", "title", "sentence", "start", "end"]
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    [row] = df.to_dict("records")
    [raw] = kg.evidence("Russia", "OFFERED_ASYLUM_TO", "Maduro", as_dicts=True)
    assert row["date"] == pd.Timestamp(raw["date"]) and row["sentence"] == raw["sentence"]
    assert row["status"] == "reported" and row["title"] == kg.nx.graph["document_index"][raw["doc"]]["title"]
    none = kg.evidence("Maduro", "OFFERED_ASYLUM_TO", "Russia")
    assert none.empty and "sentence" in none.columns


def test_evidence_of_symmetric_edges_in_either_direction(small):
    ab = small.evidence("Betaland", "MET_WITH", "Ann", as_dicts=True)
    assert ab == small.evidence("Ann", "MET_WITH", "Betaland", as_dicts=True) != []
    assert small.evidence("Cem", "ACCUSED", "Ann", as_dicts=True) == []
    assert pd.isna(small.evidence("Ann", "MET_WITH", "Betaland")["date"].iloc[0])  # undated: NaT
    with pytest.raises(UsageError, match="Unknown relation type 'NO_SUCH_TYPE'"):
        small.evidence("Ann", "NO_SUCH_TYPE", "Cem")
    with pytest.raises(UsageError, match="one relation type"):
        small.evidence("Ann", ["MET_WITH", "ACCUSED"], "Cem")


# -- tables ----------------------------------------------------------------------------------
def test_entities_dataframe(kg):
    df = kg.entities()
    assert df.index.name == "id" and list(df.columns) == ["name", "type", "mentions", "docs", "aliases",
                                                          "titles", "codes"]
    assert len(df) == kg.nx.number_of_nodes() and df["mentions"].is_monotonic_decreasing
    assert set(kg.entities(type="State")["type"]) == {"State"}
    with pytest.raises(UsageError, match="Unknown entity type 'Nothing'"):
        kg.entities(type="Nothing")


def test_relations_dataframe_filters(kg):
    df = kg.relations()
    assert MENTIONED_WITH not in set(df["type"]) and {"label", "family", "evidence"} <= set(df.columns)
    offer = df[df["type"] == "OFFERED_ASYLUM_TO"].iloc[0]
    assert (offer["subject_id"], offer["object_id"]) == (RUSSIA, MADURO)
    assert offer["label"] == "offered asylum to" and offer["family"] == "cooperation"
    assert MENTIONED_WITH in set(kg.relations(cooccurrence=True)["type"])
    unsure = kg.relations(status=["considered", "negated"])
    assert set(unsure["status"]) <= {"considered", "negated"}
    near = kg.relations(entity="Maduro")
    assert ((near["subject_id"] == MADURO) | (near["object_id"] == MADURO)).all()
    none_yet = kg.relations(type="EXTRADITED_TO")  # in the ontology, not in this graph: no rows, no error
    assert none_yet.empty and "subject" in none_yet.columns
    assert pd.api.types.is_datetime64_any_dtype(df["first_seen"]) and df["first_seen"].notna().any()
    assert (df["first_seen"].dropna() <= df.loc[df["first_seen"].notna(), "last_seen"]).all()


def test_timeline_orders_by_date_with_undated_last(small):
    t = small.timeline()
    assert list(t["type"]) == ["ACCUSED", "MET_WITH"]  # dated first, then undated
    assert t.iloc[0]["title"] == "One" and pd.isna(t.iloc[1]["date"])
    assert t.iloc[0]["date"] == pd.Timestamp("2024-01-02") and pd.api.types.is_datetime64_any_dtype(t["date"])
    assert t.iloc[0]["status"] == "alleged"
    assert len(small.timeline(cooccurrence=True)) == 2 + 3 * 2


def test_tables_need_pandas(small, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(UsageError, match=r"pip install 'newsgraph\[notebook\]'"):
        small.entities()


# -- graphs ----------------------------------------------------------------------------------
def test_neighbourhood_is_a_copy_following_typed_relations(small):
    near = small.neighbourhood("Ann")
    assert set(near.nx) == {"person:a", "state:BBB", "person:c"}
    assert set(small.neighbourhood("Cem").nx) == {"person:c", "person:a"}
    assert set(small.neighbourhood("Cem", depth=2).nx) == {"person:c", "person:a", "state:BBB"}
    assert set(small.neighbourhood("Ann", depth=0).nx) == {"person:a"}
    assert set(small.neighbourhood("Delta").nx) == {"location:d"}
    near.nx.remove_node("person:c")
    assert "person:c" in small.nx
    assert near.nx.graph["documents"] == 2  # graph attributes travel with it
    with pytest.raises(UsageError):
        small.neighbourhood("Ann", depth=-1)


def test_neighbourhood_through_cooccurrence(small):
    G = small.nx
    G.add_node("person:e", id="person:e", name="Eve", type="Person", aliases=["Eve"], mentions=1, docs=["d1"])
    _edge(G, "person:c", "person:e", MENTIONED_WITH, evidence=[_ev()])
    assert "person:e" not in small.neighbourhood("Cem").nx
    assert "person:e" in small.neighbourhood("Cem", cooccurrence=True).nx


def test_undirected_sums_weights_over_types(small):
    U = small.undirected()
    assert isinstance(U, nx.Graph) and not U.is_directed() and not U.is_multigraph()
    assert U.edges["person:a", "state:BBB"]["weight"] == 1 + 2
    assert U.edges["person:a", "state:BBB"]["types"] == ["MENTIONED_WITH", "MET_WITH"]
    typed = small.undirected(cooccurrence=False)
    assert set(map(frozenset, typed.edges)) == {frozenset({"person:a", "state:BBB"}),
                                               frozenset({"person:a", "person:c"})}
    assert typed.number_of_nodes() == 4 and typed.nodes["person:a"]["name"] == "Ann Alpha"


# -- the inline view -----------------------------------------------------------------------------
def test_show_embeds_the_escaped_page_in_a_sandboxed_iframe(small):
    view = small.show(height=420, title="Small")
    assert isinstance(view, InlineHTML) and view.page == small.to_html(title="Small")
    out = view._repr_html_()
    assert html.escape(view.page, quote=True) in out
    assert out.startswith("<iframe srcdoc=") and out.endswith("</iframe>")
    assert 'sandbox="allow-scripts"' in out and "allow-same-origin" not in out and "height:420px" in out


def test_show_cannot_be_broken_out_of_by_document_data(small):
    nasty = '"></iframe><script>alert(1)</script><img src=x onerror=alert(2)>'
    small.nx.nodes["person:a"]["name"] = nasty
    small.nx.nodes["person:a"]["aliases"] = [nasty]
    out = small.show()._repr_html_()
    assert out.count("<iframe") == 1 and out.count("</iframe>") == 1
    assert "<script" not in out and "<img" not in out
    attribute = out[len('<iframe srcdoc="'): out.index('" sandbox=')]
    assert '"' not in attribute and html.unescape(attribute) == small.to_html()


# -- exports -----------------------------------------------------------------------------------
def test_to_json_and_to_html_write_files(small, tmp_path):
    data = small.to_json()
    assert nx.is_isomorphic(nx.node_link_graph(data, edges="edges"), small.nx)
    path = small.to_json(tmp_path / "graph.json")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(data))
    page = small.to_html(tmp_path / "graph.html", max_nodes=2)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_neo4j_wrappers_match_the_export_modules(small, tmp_path):
    from newsgraph.graph.export.cypher import to_cypher

    assert small.to_cypher() == to_cypher(small.nx)
    assert small.to_cypher(tmp_path / "g.cypher").read_text(encoding="utf-8") == to_cypher(small.nx)
    folder = small.to_neo4j_csv(tmp_path / "csv")
    assert (folder / "entities.csv").is_file() and (folder / "relationships.csv").is_file()


def test_load_neo4j_over_bolt(small, empty_db):
    small.load_neo4j(empty_db)
    records, _, _ = empty_db.execute_query("MATCH (a:Entity {id: 'person:a'})-[r:ACCUSED]->(b:Entity) "
                                           "RETURN b.name AS name, r.status AS status")
    assert [(r["name"], r["status"]) for r in records] == [("Cem Gamma", "alleged")]


def test_query_returns_a_dataframe_and_reloads_only_after_a_change(small, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    df = small.query("MATCH (a:Entity)-[r:ACCUSED]->(b:Entity) RETURN a.name AS accuser, b.name AS accused")
    assert df.to_dict("records") == [{"accuser": "Ann Alpha", "accused": "Cem Gamma"}]
    first = small._graph_file()
    assert small._graph_file() == first  # unchanged graph: same file, same loaded engine
    small.nx.nodes["person:c"]["name"] = "Cem Changed"
    assert small._graph_file() != first
    df = small.query("MATCH (:Entity)-[:ACCUSED]->(b:Entity) RETURN b.name AS accused")
    assert df["accused"].tolist() == ["Cem Changed"]
    with pytest.raises(UsageError, match="only reads"):
        small.query("CREATE (:Entity {id: 'x'})")
