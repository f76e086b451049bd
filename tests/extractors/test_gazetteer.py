"""Tests of the bundled gazetteer (extractors/data/gazetteer.json) and its lookup."""

import doctest
import json

import pycountry
import pytest

import newsgraph.extractors.gazetteer as gazetteer_module
from newsgraph.corpus.errors import DataError
from newsgraph.extractors.gazetteer import DEFAULT_PATH, KINDS, Gazetteer, Match, normalise

# Non-member ISO 3166-1 entries of pycountry: dependent territories, the two
# observer states and Taiwan. pycountry minus these is the 193 UN members.
NOT_UN_MEMBERS = set(
    """
ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF GUM HKG HMD
IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PSE PYF REU SGS SHN SJM SPM SXM TCA TKL TWN UMI
VAT VGB VIR WLF
""".split()
)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("Russia", "state", "state:RUS"),
        ("Russian Federation", "state", "state:RUS"),
        ("the Russian Federation's", "state", "state:RUS"),
        ("Moscow", "capital", "state:RUS"),
        ("the Kremlin", "seat", "state:RUS"),
        ("Kremlin’s", "seat", "state:RUS"),
        ("Russian", "demonym", "state:RUS"),
        ("Russians", "demonym", "state:RUS"),
        ("US", "state", "state:USA"),
        ("U.S.", "state", "state:USA"),
        ("U. S.", "state", "state:USA"),
        ("the U.S.'s", "state", "state:USA"),
        ("United States", "state", "state:USA"),
        ("the United States of America", "state", "state:USA"),
        ("USA", "state", "state:USA"),
        ("America", "state", "state:USA"),
        ("Washington", "capital", "state:USA"),
        ("Washington, D.C.", "capital", "state:USA"),
        ("the White House", "seat", "state:USA"),
        ("the Pentagon", "seat", "state:USA"),
        ("American", "demonym", "state:USA"),
        ("Venezuela", "state", "state:VEN"),
        ("Venezuelan", "demonym", "state:VEN"),
        ("Caracas", "capital", "state:VEN"),
        ("Miraflores", "seat", "state:VEN"),
        ("Miraflores Palace", "seat", "state:VEN"),
        ("Holy See", "state", "state:VAT"),
        ("the Holy See", "state", "state:VAT"),
        ("Vatican", "state", "state:VAT"),
        ("the Vatican", "state", "state:VAT"),
        ("Vatican City", "state", "state:VAT"),
        ("Palestine", "state", "state:PSE"),
        ("Palestinians", "demonym", "state:PSE"),
        ("Taiwan", "state", "state:TWN"),
        ("Kosovo", "state", "state:XKX"),
        ("United Kingdom", "state", "state:GBR"),
        ("UK", "state", "state:GBR"),
        ("Britain", "state", "state:GBR"),
        ("British", "demonym", "state:GBR"),
        ("Downing Street", "seat", "state:GBR"),
        ("Élysée", "seat", "state:FRA"),
        ("Elysee", "seat", "state:FRA"),
        ("Zhongnanhai", "seat", "state:CHN"),
        ("Iran", "state", "state:IRN"),
        ("Islamic Republic of Iran", "state", "state:IRN"),
        ("Syria", "state", "state:SYR"),
        ("South Korea", "state", "state:KOR"),
        ("Côte d'Ivoire", "state", "state:CIV"),
        ("Cote d’Ivoire", "state", "state:CIV"),
        ("Bosnia & Herzegovina", "state", "state:BIH"),
        ("Guinea Bissau", "state", "state:GNB"),
        ("DRC", "state", "state:COD"),
        ("Kyiv", "capital", "state:UKR"),
        ("Kiev", "capital", "state:UKR"),
    ],
)
def test_state_forms(gaz, text, kind, key):
    m = gaz.lookup(text)
    assert m is not None, text
    assert (m.kind, m.key) == (kind, key)
    assert m.kind in KINDS


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("UN", "institution:un"),
        ("U.N.", "institution:un"),
        ("United Nations", "institution:un"),
        ("the United Nations", "institution:un"),
        ("ICC", "institution:icc"),
        ("International Criminal Court", "institution:icc"),
        ("NATO", "institution:nato"),
        ("OPEC", "institution:opec"),
        ("IMF", "institution:imf"),
        ("EU", "institution:eu"),
        ("European Union", "institution:eu"),
        ("World Bank", "institution:world-bank"),
        ("WHO", "institution:who"),
        ("WTO", "institution:wto"),
        ("African Union", "institution:african-union"),
        ("ASEAN", "institution:asean"),
        ("OAS", "institution:oas"),
        ("Arab League", "institution:arab-league"),
        ("IAEA", "institution:iaea"),
        ("Interpol", "institution:interpol"),
        ("Red Cross", "institution:icrc"),
        ("ICRC", "institution:icrc"),
        ("Amnesty International", "institution:amnesty-international"),
        ("Human Rights Watch", "institution:human-rights-watch"),
    ],
)
def test_organisations(gaz, text, key):
    m = gaz.lookup(text)
    assert m is not None, text
    assert (m.kind, m.key) == ("organisation", key)


@pytest.mark.parametrize(
    "text",
    ["us", "Us", "un", "who", "eu", "polish", "turkey", "china", "chad", "pentagon", "russian", "", "  ", "the",
     "Congo", "Atlantis", "male", "victoria", "crimea", "Central"],
)
def test_non_matches(gaz, text):
    assert gaz.lookup(text) is None


def test_case_sensitive_names_match_when_capitalised(gaz):
    assert gaz.lookup("Turkey").key == "state:TUR"
    assert gaz.lookup("TURKEY").key == "state:TUR"
    assert gaz.lookup("Polish").kind == "demonym"
    assert gaz.lookup("CHINA").key == "state:CHN"


@pytest.mark.parametrize(
    ("text", "iso3", "iso2", "qid"),
    [
        ("Russia", "RUS", "RU", "Q159"),
        ("United States", "USA", "US", "Q30"),
        ("Venezuela", "VEN", "VE", "Q717"),
        ("Vatican", "VAT", "VA", "Q237"),
        ("Kosovo", "XKX", "XK", "Q1246"),
        ("Taiwan", "TWN", "TW", "Q865"),
        ("Palestine", "PSE", "PS", "Q219060"),
    ],
)
def test_codes(gaz, text, iso3, iso2, qid):
    assert gaz.lookup(text).codes == {"iso3": iso3, "iso2": iso2, "wikidata": qid}


def test_organisation_codes(gaz):
    assert gaz.lookup("UN").codes == {"wikidata": "Q1065"}
    assert gaz.lookup("NATO").codes == {"wikidata": "Q7184"}
    assert gaz.lookup("Greenpeace").codes == {}


def test_match_record(gaz):
    m = gaz.lookup("the Kremlin")
    assert isinstance(m, Match)
    assert (m.name, m.form, m.role) == ("Russia", "Kremlin", "executive")
    assert gaz.lookup("Russia").role is None
    with pytest.raises(AttributeError):
        m.kind = "state"
    m.codes["iso3"] = "XXX"  # each lookup gets its own codes dict
    assert gaz.lookup("the Kremlin").codes["iso3"] == "RUS"


def test_all_un_members_present(gaz):
    expected = {c.alpha_3 for c in pycountry.countries} - NOT_UN_MEMBERS
    assert len(expected) == 193
    members = {s.iso3 for s in gaz.states() if s.status == "member"}
    assert members == expected
    assert {s.iso3 for s in gaz.states() if s.status == "observer"} == {"VAT", "PSE"}
    assert {s.iso3 for s in gaz.states() if s.status == "other"} == {"TWN", "XKX"}
    for s in gaz.states():
        assert s.wikidata and s.wikidata.startswith("Q"), s.iso3
        assert gaz.lookup(s.name).key == s.key, s.name


def test_state_accessors(gaz):
    assert gaz.state("RUS").name == "Russia"
    assert gaz.state("ven").capitals == ("Caracas",)
    assert gaz.state("ZZZ") is None
    names = {s.iso3: s.name for s in gaz.states()}
    assert names["USA"] == "United States" and names["GBR"] == "United Kingdom"
    assert names["KOR"] == "South Korea" and names["SYR"] == "Syria" and names["IRN"] == "Iran"
    assert [s.iso3 for s in gaz.states()] == sorted(names)
    assert gaz.organisation("UN").name == "United Nations"
    assert len(gaz.organisations()) >= 20


def test_entries_cover_every_form(gaz):
    forms = dict(gaz.entries())
    assert forms["Holy See"].key == "state:VAT"
    assert len(forms) == len(gaz)
    # every form resolves back through lookup (the case guards allow the form as written)
    for form, match in gaz.entries():
        assert gaz.lookup(form) == match, form


def test_load_is_cached_and_validates(tmp_path):
    assert Gazetteer.load() is Gazetteer.load(DEFAULT_PATH)
    with pytest.raises(DataError, match="not found"):
        Gazetteer.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": "gazetteer.v0"}))
    with pytest.raises(DataError, match="gazetteer.v1"):
        Gazetteer.load(bad)


def test_file_is_compact_and_attributed():
    assert DEFAULT_PATH.stat().st_size < 300_000
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert "Phoenix" in data["attribution"] and "countryinfo" in data["attribution"]


@pytest.mark.parametrize(
    ("text", "key"),
    [("the U.S.'s", "us"), ("  The   Bahamas ", "bahamas"), ("Guinea-Bissau", "guinea bissau"),
     ("São Tomé", "sao tome"), ("St. Lucia", "st lucia"), ("Washington, D.C.", "washington dc")],
)
def test_normalise(text, key):
    assert normalise(text) == key


def test_doctests():
    result = doctest.testmod(gazetteer_module)
    assert result.attempted > 0 and result.failed == 0
