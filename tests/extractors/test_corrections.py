"""Analyst corrections that survive rebuilds (issue 15, item 6): the file format, each kind of
correction on hand-made results, and ``newsgraph build --corrections`` end to end."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.extractors.corrections import Corrections, CorrectionsError, apply_corrections, load_corrections
from newsgraph.extractors.models import INSTITUTION, PERSON, DocResult, Entity, Mention
from newsgraph.extractors.resolution import describe, resolve_corpus
from newsgraph.graph.build import build_graph
from newsgraph.graph.cli import cli


def _result(doc_id: str, *names: tuple[str, str, str]) -> DocResult:
    """A document naming (text, type, key) in one sentence each."""
    mentions, ents, pos = [], {}, 0
    for i, (text, etype, key) in enumerate(names):
        mentions.append(Mention(pos, pos + len(text), text, etype, key, "exact", i))
        ents.setdefault(key, Entity(key, etype, text))
        pos += len(text) + 1
    text = " ".join(n[0] for n in names)
    return DocResult(doc_id, None, len(names), mentions, ents, [], {0: (0, len(text), text)},
                     [(0, sorted(ents))] if len(ents) > 1 else [])


def _graph(results):
    return build_graph(results, {r.doc_id: {} for r in results})


def test_merge_joins_every_node_with_a_listed_name():
    a = _result("a", ("Volodymyr Zelenskyy", PERSON, "person:volodymyr-zelenskyy"))
    b = _result("b", ("Zelensky", PERSON, "person:zelensky"), ("Kyiv", "Location", "location:kyiv"))
    fixes = Corrections.from_data({"merge": [["Volodymyr Zelenskyy", "Zelensky"]]})
    G = _graph(apply_corrections([a, b], fixes))
    assert "person:zelensky" not in G
    node = G.nodes["person:volodymyr-zelenskyy"]
    assert set(node["aliases"]) == {"Volodymyr Zelenskyy", "Zelensky"}
    assert {"doc": "b", "alias": "Zelensky", "count": 1, "how": "correction:merge"} in node["resolution"]
    assert G.has_edge("location:kyiv", "person:volodymyr-zelenskyy") or G.has_edge("person:volodymyr-zelenskyy", "location:kyiv")


def test_never_merge_undoes_a_corpus_surname_join():
    a = _result("a", ("Tamim Al Thani", PERSON, "person:tamim-al-thani"))
    b = _result("b", ("Al Thani", PERSON, "person:al-thani"))
    joined = resolve_corpus([a, b])
    assert joined[1].mentions[0].key == "person:tamim-al-thani"  # the resolution rule joins them
    fixes = Corrections.from_data({"never_merge": [["Tamim Al Thani", "Al Thani"]]})
    G = _graph(resolve_corpus([a, b], corrections=fixes))
    assert G.nodes["person:tamim-al-thani"]["aliases"] == ["Tamim Al Thani"]
    apart = [n for n, d in G.nodes(data=True) if d["aliases"] == ["Al Thani"]]
    assert len(apart) == 1 and G.nodes[apart[0]]["resolution"][0]["how"] == "correction:never_merge"


def test_types_retype_a_node_and_take_gazetteer_codes():
    a = _result("a", ("Sinn Féin", PERSON, "person:sinn-fein"), ("Ireland", "Location", "location:ireland"))
    fixes = Corrections.from_data({"types": {"Sinn Féin": "Institution", "Ireland": "State"}})
    G = _graph(apply_corrections([a], fixes))
    assert G.nodes["institution:sinn-fein"]["type"] == INSTITUTION
    assert "state:IRL" in G and G.nodes["state:IRL"]["codes"].get("iso3") == "IRL"
    assert not any(n.startswith("person:") for n in G)


def test_not_entities_drops_the_string_and_its_edges():
    a = _result("a", ("Café", PERSON, "person:cafe"), ("Russia", "State", "state:RUS"), ("Iran", "State", "state:IRN"))
    G = _graph(apply_corrections([a], Corrections.from_data({"not_entities": ["cafe"]})))
    assert "person:cafe" not in G and G.has_node("state:RUS")
    assert not any("person:cafe" in (u, v) for u, v in G.edges())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("merge: [[A]]", "merge"),
        ("never_merge: [[A, B, C]]", "pair"),
        ("types: {A: Country}", "Country"),
        ("rename: {}", "unknown section 'rename'"),
        ("merge: [unclosed", "not valid YAML"),
        ("- a list", "expected a mapping"),
    ],
)
def test_bad_files_name_the_file_and_entry(tmp_path, content, message):
    path = tmp_path / "fixes.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=message) as err:
        load_corrections(path)
    assert str(path) in str(err.value)


def test_every_correction_how_is_described():
    hows = {row["how"] for row in describe()}
    assert {"correction:merge", "correction:never_merge", "correction:type"} <= hows


def test_cli_corrections_survive_rebuilds_and_update(tmp_path):
    fixes = tmp_path / "corrections.yml"
    fixes.write_text("types:\n  Stratfor: Location\nnot_entities:\n  - Kremlin\n", encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    args = ["build", str(SAMPLE_DIR), "-o", str(out), "--formats", "graphml", "--corrections", str(fixes)]
    res = runner.invoke(cli, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output

    def graph():
        return json.loads((out / "graph.json").read_text(encoding="utf-8"))

    nodes = {n["id"]: n for n in graph()["nodes"]}
    assert nodes["location:stratfor"]["type"] == "Location" and "institution:stratfor" not in nodes
    assert "Kremlin" not in nodes["state:RUS"]["aliases"]
    shown = runner.invoke(cli, ["entities", str(out / "graph.json"), "--explain", "Stratfor", "--format", "json"])
    assert {row["how"] for row in json.loads(shown.output)} == {"correction:type"}
    # the same build again: nothing to rewrite
    again = runner.invoke(cli, args, catch_exceptions=False)
    assert "Nothing changed" in again.output
    # a changed corrections file is part of the key: the outputs are rewritten with it
    fixes.write_text("not_entities:\n  - Kremlin\n", encoding="utf-8")
    changed = runner.invoke(cli, args, catch_exceptions=False)
    assert "Nothing changed" not in changed.output
    assert "institution:stratfor" in {n["id"] for n in graph()["nodes"]}
    # --update keeps the earlier build's corrections
    extra = tmp_path / "extra.txt"
    extra.write_text("The Kremlin said on Monday that Russia would talk to Iran.\n", encoding="utf-8")
    upd = runner.invoke(cli, ["build", "--update", str(out), str(extra)], catch_exceptions=False)
    assert upd.exit_code == 0, upd.output
    assert "Kremlin" not in {n["id"]: n for n in graph()["nodes"]}["state:RUS"]["aliases"]


def test_cli_bad_corrections_file_is_one_line(tmp_path):
    fixes = tmp_path / "c.yml"
    fixes.write_text("types: {Stratfor: Company}\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["build", str(SAMPLE_DIR), "-o", str(tmp_path / "o"), "--corrections", str(fixes)])
    assert res.exit_code == 1
    assert "Company" in res.output and "Traceback" not in res.output
