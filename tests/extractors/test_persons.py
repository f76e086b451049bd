"""Issue 12: bare titles ("President X", "Foreign Minister X", no state in the sentence) take their
state from the person table derived from the Phoenix country actor dictionary, as of the document's
date. Invented people, an invented actor file and invented sentences (no dev-set text); the
shipped table is checked on its own figures.

Real small English model (the session's shared extractor); the invented table is built by
bench/build_persons.py from an invented actor file and read through ``PERSONS_PATH``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import build_persons
from newsgraph.corpus.readers import Document
from newsgraph.extractors import persons

# Invented people in the Phoenix format: a head, "+" variants (one with a title, one a surname
# alone), dated codes and the undated code outside them; a person in two states at two times; a
# codeless block whose codes follow (a missing "+"); an institution; a Soviet-era Russian.
ACTORS = """\
JANE_QUILLFEATHER_  # CountryInfo.txt
+PRESIDENT_JANE_QUILLFEATHER_
+JANE_Q._QUILLFEATHER
\t[FRAELI 700101-950101]
\t[FRAGOV 950102-020101]
\t[FRAELI]
ORLO_BRANDVIK_
+ORLO_K._BRANDVIK
\t[NORGOV 100101-141231]
\t[SWEGOV >20150101]
TESSA_MARROWBY_  # CountryInfo.txt
TESSA_J._MARROWBY
\t[GBRGOVMIL 19900101-19991231]
\t[GBRELI]
GRAND_ASSEMBLY_OF_NOWHERE
\t[FRAGOVLEG 700101-950101]
IVAN_PETRUNKOV_
\t[RUSGOV 800101-930101]
\t[RUSELI 700101-800101]
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    """The person table built from the invented actor file, in use for the module's tests."""
    folder = tmp_path_factory.mktemp("lexicons")
    (folder / "Phoenix.Countries.actors.txt").write_text(ACTORS, encoding="utf-8")
    data = build_persons.build(folder)
    path = folder / "persons.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setattr(persons, "PERSONS_PATH", path)
    yield data
    mp.undo()


def test_the_invented_table_keeps_people_their_plain_names_and_dated_roles(table):
    assert len(table["people"]) == 4  # not the assembly
    assert "president-jane-quillfeather" not in table["names"]  # a title form is no name
    assert {"jane-quillfeather", "jane-q-quillfeather", "orlo-brandvik", "tessa-j-marrowby"} <= set(table["names"])
    assert {"quillfeather", "brandvik", "marrowby", "petrunkov"} <= set(table["surnames"])
    (q,) = table["names"]["jane-quillfeather"]
    assert table["people"][q] == [["FRA", "ELI", 19700101, 19950101], ["FRA", "GOV", 19950102, 20020101], ["FRA", "ELI"]]
    # the codeless block's forms are the same person's as the codes after it
    assert table["names"]["tessa-marrowby"] == table["names"]["tessa-j-marrowby"]
    # a Russian government role before 1992 is the Soviet Union's; the elite code before it is left out
    (p,) = table["names"]["ivan-petrunkov"]
    assert table["people"][p] == [["SUN", "GOV", 19800101, 19911225], ["RUS", "GOV", 19911226, 19930101]]


@pytest.mark.parametrize("name, date, expected", [
    ("jane-quillfeather", 19900101, {"FRA": frozenset({"ELI"})}),
    ("quillfeather", 19990101, {"FRA": frozenset({"GOV"})}),  # by surname
    ("quillfeather", 20100101, {"FRA": frozenset({"ELI"})}),  # outside the ranges: the undated code
    ("quillfeather", None, {"FRA": frozenset({"ELI", "GOV"})}),
    ("brandvik", 20120601, {"NOR": frozenset({"GOV"})}),
    ("brandvik", 20160601, {"SWE": frozenset({"GOV"})}),
    ("brandvik", 20000101, {}),  # no role then, no undated code
    ("brandvik", None, {"NOR": frozenset({"GOV"}), "SWE": frozenset({"GOV"})}),
    ("petrunkov", 19850101, {"SUN": frozenset({"GOV"})}),
    ("jane-brandvik", None, {}),  # a full name the table lacks is not read by its surname
])
def test_roles_at_a_date(table, name, date, expected):
    assert persons.roles_at(name, date) == expected


@pytest.mark.parametrize("name, head, title, date, expected", [
    ("quillfeather", True, "president", 19990101, "FRA"),
    ("quillfeather", True, "president", 19900101, None),  # elite, not in government then
    ("quillfeather", True, "president", None, "FRA"),  # undated: one state over all her roles
    ("quillfeather", False, "foreign minister", 19900101, "FRA"),  # a member: any role in the state
    ("quillfeather", True, "chancellor", 19990101, None),  # not only a head ("Chancellor of the Exchequer")
    ("quillfeather", True, "governor", 19990101, None),  # head of a region, not of the state
    ("quillfeather", False, "economist", 19990101, None),  # no state sector
    ("quillfeather", False, "lawyer", 19990101, None),  # also a private profession
    ("brandvik", False, "minister", 20120601, "NOR"),
    ("brandvik", False, "minister", 20160601, "SWE"),
    ("brandvik", False, "minister", None, None),  # undated: two states
    ("marrowby", False, "general", 19950101, "GBR"),
    ("petrunkov", True, "president", 19850101, "SUN"),  # no state of the gazetteer: never mentioned
])
def test_title_state(table, name, head, title, date, expected):
    assert persons.title_state(name, head=head, title=title, date=date) == expected


def _roles(extractor, text: str, date: str | None) -> set[tuple[str, str, str, str | None]]:
    (result,) = extractor.pipe([Document(id="d1", text=text, date=date)])
    return {(r.subject, r.type, r.object, r.how) for r in result.relations if r.type in {"HEAD_OF", "MEMBER_OF"}}


HOW = persons.TABLE_HOW
QUILL = "President Jane Quillfeather spoke to reporters on Monday. France will host the summit."


def test_a_bare_head_title_takes_the_state_in_office_at_the_date(table, extractor):
    assert _roles(extractor, QUILL, "1999-03-01") == {("person:jane-quillfeather", "HEAD_OF", "state:FRA", HOW)}
    # before her term the table has her outside government: no head of the state
    assert _roles(extractor, QUILL, "1990-03-01") == set()
    # no date: one state over all her roles
    assert _roles(extractor, QUILL, None) == {("person:jane-quillfeather", "HEAD_OF", "state:FRA", HOW)}


def test_a_surname_after_the_full_name_is_the_same_person(table, extractor):
    text = "Jane Quillfeather arrived in Lyon on Monday. President Quillfeather told reporters that France would act."
    assert ("person:jane-quillfeather", "HEAD_OF", "state:FRA", HOW) in _roles(extractor, text, "1999-03-01")


def test_a_member_title_with_a_person_in_two_states_needs_the_date(table, extractor):
    text = "Minister Orlo Brandvik visited Oslo on Tuesday. Norway and Sweden signed the accord."
    assert _roles(extractor, text, "2012-05-02") == {("person:orlo-brandvik", "MEMBER_OF", "state:NOR", HOW)}
    assert _roles(extractor, text, "2016-05-02") == {("person:orlo-brandvik", "MEMBER_OF", "state:SWE", HOW)}
    assert _roles(extractor, text, None) == set()


@pytest.mark.parametrize("text", [
    # no title: the table alone asserts nothing
    "Jane Quillfeather spoke to reporters on Monday. France will host the summit.",
    # the state is not mentioned in the document
    "President Jane Quillfeather spoke to reporters on Monday in a long speech.",
    # the title names its organisation, even one that is no entity
    "Jane Quillfeather, the president of the regional assembly, spoke about France on Monday.",
    # a former president holds no role, written apart or hyphenated
    "Former President Jane Quillfeather spoke to reporters on Monday. France will host the summit.",
    "He spoke after ex-president Jane Quillfeather was named. France will host the summit.",
    # an economist is in no state sector
    "Economist Jane Quillfeather spoke to reporters on Monday. France will host the summit.",
])
def test_no_role_from_the_table_without_a_bare_title(table, extractor, text):
    assert not any(how == HOW for *_rest, how in _roles(extractor, text, "1999-03-01"))


def test_a_hyphenated_past_title_is_no_role_with_a_named_state_either(extractor):
    text = "Ex-President Jane Quillfeather of France spoke to reporters on Monday."
    assert _roles(extractor, text, None) == set()


def test_a_named_state_wins_over_the_table(table, extractor):
    text = "Norwegian Minister Orlo Brandvik spoke in Stockholm. Sweden and Norway signed the accord."
    assert _roles(extractor, text, "2016-05-02") == {("person:orlo-brandvik", "MEMBER_OF", "state:NOR", None)}


def test_the_table_reaches_the_graph_evidence(table, extractor, tmp_path):
    from newsgraph.graph.pipeline import build

    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": QUILL, "date": "1999-03-01"}) + "\n", encoding="utf-8")
    G, _records, _report = build([src], extractor=extractor)
    (evidence,) = G.edges["person:jane-quillfeather", "state:FRA", "HEAD_OF"]["evidence"]
    assert evidence["how"] == HOW and evidence["role"] == "president"


def test_the_shipped_table_is_compact_and_dated():
    shipped = Path(persons.__file__).parent / "data" / "persons.json"  # not the invented one in use here
    data = json.loads(shipped.read_text(encoding="utf-8"))
    assert data["format"] == build_persons.FORMAT and "MIT" in data["attribution"]
    assert len(data["people"]) > 10000 and shipped.stat().st_size < 2_500_000
    sectors = {r[1] for roles in data["people"] for r in roles}
    assert sectors <= build_persons.STATE_SECTORS
