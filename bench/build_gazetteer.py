"""Regenerate ``extractors/data/gazetteer.json`` from open data.

Usage::

    .venv/bin/pip install countryinfo==1.0.1      # build-time only, MIT
    .venv/bin/python bench/build_gazetteer.py [--lexicons DIR] [--out FILE]

Sources (licences in ``extractors/data/GAZETTEER_SOURCES.md``):

* pycountry (ISO 3166-1 names and codes, from Debian iso-codes);
* countryinfo 1.0.1 (MIT): English short names, alternative spellings,
  capitals, demonyms;
* the Phoenix/PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance,
  2014): country synonyms, government seats and international organisations,
  read from ``../shared/data/lexicons/petrarch2`` (``--lexicons``);
* the hand-curated tables below, marked ``CURATED``, for what those lack:
  UN membership, Wikidata ids (Wikidata is CC0), current names and capitals,
  plural and person-noun demonyms, seats of government and the organisation
  list.

Only facts are derived (names, codes, links); no lexicon file is copied. A
Phoenix synonym is kept only when it is an English form of the state: all its
words occur in the state's English names from pycountry/countryinfo/the
curated tables (this drops cities, misspellings, foreign-language names,
historical entities and people). Forms claimed by two states or organisations
are dropped (printed with ``--verbose``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.extractors.gazetteer import FORMAT_VERSION, Gazetteer, normalise  # noqa: E402

DEFAULT_LEXICONS = ROOT.parent / "shared" / "data" / "lexicons" / "petrarch2"
DEFAULT_OUT = ROOT / "extractors" / "data" / "gazetteer.json"

ATTRIBUTION = (
    "Derived from pycountry (ISO 3166, Debian iso-codes; LGPL-2.1), countryinfo (MIT, Porimol Chandro), "
    "the Phoenix/PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance) and Wikidata ids (CC0); "
    "see extractors/data/GAZETTEER_SOURCES.md."
)

# ---------------------------------------------------------------------------
# CURATED: the 193 UN member states (ISO 3166-1 alpha-3), per un.org/en/about-us/member-states.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU
EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND
IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS
MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK
PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR
ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
# CURATED: the two non-member observer states, and the two other states the issue asks for.
UN_OBSERVERS = ["VAT", "PSE"]
OTHER_STATES = ["TWN", "XKX"]

# CURATED: Wikidata ids (Wikidata is CC0). Netherlands/Denmark/New Zealand use
# the country items (Q55, Q35, Q664) that news entity linkers resolve to.
WIKIDATA = dict(
    pair.split(":")
    for pair in """
AFG:Q889 ALB:Q222 DZA:Q262 AND:Q228 AGO:Q916 ATG:Q781 ARG:Q414 ARM:Q399 AUS:Q408 AUT:Q40 AZE:Q227
BHS:Q778 BHR:Q398 BGD:Q902 BRB:Q244 BLR:Q184 BEL:Q31 BLZ:Q242 BEN:Q962 BTN:Q917 BOL:Q750 BIH:Q225
BWA:Q963 BRA:Q155 BRN:Q921 BGR:Q219 BFA:Q965 BDI:Q967 CPV:Q1011 KHM:Q424 CMR:Q1009 CAN:Q16 CAF:Q929
TCD:Q657 CHL:Q298 CHN:Q148 COL:Q739 COM:Q970 COG:Q971 COD:Q974 CRI:Q800 CIV:Q1008 HRV:Q224 CUB:Q241
CYP:Q229 CZE:Q213 DNK:Q35 DJI:Q977 DMA:Q784 DOM:Q786 ECU:Q736 EGY:Q79 SLV:Q792 GNQ:Q983 ERI:Q986
EST:Q191 SWZ:Q1050 ETH:Q115 FJI:Q712 FIN:Q33 FRA:Q142 GAB:Q1000 GMB:Q1005 GEO:Q230 DEU:Q183 GHA:Q117
GRC:Q41 GRD:Q769 GTM:Q774 GIN:Q1006 GNB:Q1007 GUY:Q734 HTI:Q790 HND:Q783 HUN:Q28 ISL:Q189 IND:Q668
IDN:Q252 IRN:Q794 IRQ:Q796 IRL:Q27 ISR:Q801 ITA:Q38 JAM:Q766 JPN:Q17 JOR:Q810 KAZ:Q232 KEN:Q114
KIR:Q710 PRK:Q423 KOR:Q884 KWT:Q817 KGZ:Q813 LAO:Q819 LVA:Q211 LBN:Q822 LSO:Q1013 LBR:Q1014 LBY:Q1016
LIE:Q347 LTU:Q37 LUX:Q32 MDG:Q1019 MWI:Q1020 MYS:Q833 MDV:Q826 MLI:Q912 MLT:Q233 MHL:Q709 MRT:Q1025
MUS:Q1027 MEX:Q96 FSM:Q702 MDA:Q217 MCO:Q235 MNG:Q711 MNE:Q236 MAR:Q1028 MOZ:Q1029 MMR:Q836 NAM:Q1030
NRU:Q697 NPL:Q837 NLD:Q55 NZL:Q664 NIC:Q811 NER:Q1032 NGA:Q1033 MKD:Q221 NOR:Q20 OMN:Q842 PAK:Q843
PLW:Q695 PAN:Q804 PNG:Q691 PRY:Q733 PER:Q419 PHL:Q928 POL:Q36 PRT:Q45 QAT:Q846 ROU:Q218 RUS:Q159
RWA:Q1037 KNA:Q763 LCA:Q760 VCT:Q757 WSM:Q683 SMR:Q238 STP:Q1039 SAU:Q851 SEN:Q1041 SRB:Q403 SYC:Q1042
SLE:Q1044 SGP:Q334 SVK:Q214 SVN:Q215 SLB:Q685 SOM:Q1045 ZAF:Q258 SSD:Q958 ESP:Q29 LKA:Q854 SDN:Q1049
SUR:Q730 SWE:Q34 CHE:Q39 SYR:Q858 TJK:Q863 TZA:Q924 THA:Q869 TLS:Q574 TGO:Q945 TON:Q678 TTO:Q754
TUN:Q948 TUR:Q43 TKM:Q874 TUV:Q672 UGA:Q1036 UKR:Q212 ARE:Q878 GBR:Q145 USA:Q30 URY:Q77 UZB:Q265
VUT:Q686 VEN:Q717 VNM:Q881 YEM:Q805 ZMB:Q953 ZWE:Q954 VAT:Q237 PSE:Q219060 TWN:Q865 XKX:Q1246
""".split()
)

# CURATED: canonical short English names where countryinfo's differs from news usage.
NAMES = {
    "BHS": "Bahamas", "GMB": "Gambia", "CIV": "Ivory Coast", "CZE": "Czech Republic", "MKD": "North Macedonia",
    "SWZ": "Eswatini", "VAT": "Vatican", "TLS": "East Timor", "CPV": "Cape Verde", "FSM": "Micronesia",
    "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo", "PSE": "Palestine",
    "XKX": "Kosovo", "TUR": "Turkey",
}
# CURATED: extra English names (current, former-but-current-in-news, short forms).
EXTRA_VARIANTS = {
    "USA": ["United States of America", "America"],
    "GBR": ["Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "RUS": ["Russian Federation"],
    "VAT": ["Holy See", "Vatican City", "Vatican City State", "the Holy See"],
    "PSE": ["State of Palestine", "Palestinian territories", "occupied Palestinian territories"],
    "TWN": ["Republic of China", "Chinese Taipei"],
    "XKX": ["Republic of Kosovo"],
    "CHN": ["People's Republic of China", "mainland China"],
    "PRK": ["Democratic People's Republic of Korea"],
    "KOR": ["Republic of Korea"],
    "COD": ["DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CZE": ["Czechia"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "SWZ": ["Swaziland"],
    "TLS": ["Timor-Leste"],
    "CPV": ["Cabo Verde"],
    "MMR": ["Burma"],
    "TUR": ["Türkiye", "Turkiye"],
    "NLD": ["Holland", "the Netherlands"],
        "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "TTO": ["Trinidad"],
    "ATG": ["Antigua"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Christopher and Nevis"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines", "St Vincent"],
    "STP": ["Sao Tome and Principe"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR"],
    "BRN": ["Brunei Darussalam"],
    "GNB": ["Guinea Bissau"],
    "PNG": ["Papua New Guinea"],
    "SAU": ["Kingdom of Saudi Arabia"],
    "SYR": ["Syrian Arab Republic"],
    "IRN": ["Islamic Republic of Iran"],
    "VEN": ["Bolivarian Republic of Venezuela"],
    "BOL": ["Plurinational State of Bolivia"],
    "TZA": ["United Republic of Tanzania"],
    "MDA": ["Republic of Moldova"],
}
# CURATED: acronyms used in news text (matched only in capitals). ISO codes are
# not used as acronyms: "CAN", "AND", "PER" are English words.
ACRONYMS = {
    "USA": ["US", "USA", "U.S.", "U.S.A."], "GBR": ["UK", "U.K."], "ARE": ["UAE", "U.A.E."],
    "COD": ["DRC"], "CHN": ["PRC"], "KOR": ["ROK"], "PRK": ["DPRK"], "ZAF": ["RSA"], "SAU": ["KSA"],
    "NZL": ["NZ"], "TWN": ["ROC"],
}
# CURATED: current capitals where countryinfo is outdated or names a city that
# is not the seat of the state; extra spellings after the first.
CAPITALS = {
    "USA": ["Washington", "Washington, D.C.", "Washington DC"],
    "KAZ": ["Astana", "Nur-Sultan"],
    "UKR": ["Kyiv", "Kiev"],
    "BOL": ["Sucre", "La Paz"],
    "ZAF": ["Pretoria", "Cape Town"],
    "PSE": ["Ramallah"],
    "XKX": ["Pristina", "Prishtina"],
    "VAT": [],  # Vatican City is a name of the state itself
    "SWZ": ["Mbabane", "Lobamba"],
    "MMR": ["Naypyidaw", "Nay Pyi Taw", "Naypyitaw"],
    "IND": ["New Delhi"],
    "CHE": ["Bern", "Berne"],
    "IRN": ["Tehran", "Teheran"],
    "YEM": ["Sanaa", "Sana'a"],
    "LKA": ["Colombo", "Sri Jayawardenepura Kotte"],
    "MYS": ["Kuala Lumpur", "Putrajaya"],
    "CIV": ["Yamoussoukro"],
    "TWN": ["Taipei"],
    "KIR": ["Tarawa", "South Tarawa"],
    "SMR": ["City of San Marino"],
    "MDV": [],  # "Malé" normalises to the English word "male"
    "SYC": [],  # "Victoria" is mostly the Australian state or a person
}
# CURATED: seats of power used metonymically for the state. Phoenix lists some
# (KREMLIN -> RUSGOV, WHITE_HOUSE -> USAGOV, NUMBER_10_DOWNING_STREET -> GBRGOV,
# MALACANANG_PALACE -> PHLGOV, PENTAGON -> USAMIL); the rest are added here.
SEATS = {
    "RUS": [("Kremlin", "executive", ["Russian White House"])],
    "USA": [("White House", "executive", []), ("Pentagon", "defence", []), ("Foggy Bottom", "foreign", []),
            ("Capitol Hill", "legislature", [])],
    "GBR": [("Downing Street", "executive", ["Number 10", "No 10", "No. 10", "10 Downing Street",
                                              "Number 10 Downing Street"]),
            ("Whitehall", "executive", []), ("Westminster", "legislature", [])],
    "FRA": [("Élysée", "executive", ["Élysée Palace", "Elysee Palace"]), ("Matignon", "executive", []),
            ("Quai d'Orsay", "foreign", [])],
    "CHN": [("Zhongnanhai", "executive", [])],
    "VEN": [("Miraflores", "executive", ["Miraflores Palace", "Palacio de Miraflores"])],
    "PHL": [("Malacañang", "executive", ["Malacañang Palace", "Malacanang Palace"])],
    "KOR": [("Blue House", "executive", ["Cheong Wa Dae"])],
    "JPN": [("Kantei", "executive", [])],
    "ARG": [("Casa Rosada", "executive", [])],
    "BRA": [("Planalto", "executive", ["Planalto Palace", "Palácio do Planalto"]), ("Itamaraty", "foreign", [])],
    "ITA": [("Palazzo Chigi", "executive", []), ("Farnesina", "foreign", [])],
    "ESP": [("Moncloa", "executive", ["La Moncloa", "Moncloa Palace"])],
    "UKR": [("Bankova", "executive", [])],
    "DEU": [("Bundeskanzleramt", "executive", [])],
    "ISR": [("Knesset", "legislature", [])],
}
# CURATED: demonym corrections and person nouns (countryinfo gives one
# adjective). The first list replaces countryinfo's value when given with "=".
DEMONYMS = {
    "ARG": ["Argentine", "Argentinian", "Argentinean"], "CPV": ["=Cape Verdean"],
    "ECU": ["Ecuadorian", "Ecuadorean"], "KGZ": ["=Kyrgyz", "Kyrgyzstani"], "TJK": ["=Tajik", "Tajikistani"],
    "MDV": ["=Maldivian"], "SAU": ["Saudi", "Saudis"], "ISL": ["=Icelandic", "Icelander", "Icelanders"],
    "SVN": ["Slovenian"], "DJI": ["=Djiboutian"], "FIN": ["Finn", "Finns"], "BWA": ["Botswanan", "Batswana"],
    "LSO": ["Basotho"], "SUR": ["Surinamese"], "PHL": ["Filipina", "Filipinos", "Filipinas", "Philippine"],
    "UZB": ["Uzbek", "Uzbeks"], "KAZ": ["Kazakh", "Kazakhs"], "TKM": ["Turkmens"], "COM": ["Comorian"],
    "LUX": ["Luxembourgish"], "GNB": ["Bissau-Guinean"], "GBR": ["Briton", "Britons", "Brit", "Brits"],
    "POL": ["Pole", "Poles"], "DNK": ["Dane", "Danes"], "SWE": ["Swede", "Swedes"], "TUR": ["Turk", "Turks"],
    "ESP": ["Spaniard", "Spaniards"], "FRA": ["Frenchman", "Frenchmen", "Frenchwoman"],
    "NLD": ["Dutchman", "Dutchmen"], "IRL": ["Irishman", "Irishwoman"], "XKX": ["Kosovar", "Kosovan"],
    "TLS": ["Timorese"], "SLV": ["Salvadorean"], "VCT": ["Vincentian"], "BRB": ["Bajan"],
    "TTO": ["Tobagonian"], "LAO": ["Lao"], "ATG": ["Antiguan"], "BIH": ["Bosnian"],
    "KNA": ["=Kittitian", "Nevisian"], "SWZ": ["Swazi", "Emaswati"], "MMR": ["Burmese"],
    "CZE": ["Czech"], "DEU": ["Germans"], "KOR": ["South Korean"], "PRK": ["North Korean"], "USA": ["American"],
    "NZL": ["New Zealander"], "ARE": ["Emirati"], "SSD": ["South Sudanese"], "PSE": ["Palestinian"],
    "MKD": ["=North Macedonian", "Macedonian"], "TWN": ["Taiwanese"], "BEN": ["Beninese"],
}
# Demonyms that take no plural "-s".
_NO_PLURAL = re.compile(
    r"(ese|ish|ch|ss|sh|ois|asy|wana|otho|wati|Kiribati|Vanuatu|Lao|Kyrgyz|ic|s|man|men)$|\band\b|^Philippine$"
)
# CURATED: forms dropped: misleading ("Peoples Republic of Korea" is not the DPRK's name),
# inverted ISO names, and "Congo", which news uses for both Congos.
DROP_VARIANTS = {"Province of China Taiwan", "Peoples Republic of Korea", "Congo"}
# CURATED: states with no demonym of their own ("Vatican" is the state's name).
NO_DEMONYM = {"VAT"}
# Words an English name of a state may contain besides the state's own name
# words (filters foreign-language spellings such as "Osterreich", "Island").
GENERIC_WORDS = set("""
the of and republic kingdom state states federal federation democratic peoples people islamic united
principality commonwealth union grand duchy socialist plurinational bolivarian independent cooperative
co operative oriental eastern hashemite arab sultanate nation confederation federated hellenic islands
""".split())
# CURATED: state names and demonyms that are also common English words; they
# match only when capitalised ("turkey", "china", "chad", "guinea pig").
CASE_SENSITIVE = ["China", "Turkey", "Chad", "Guinea", "Japan", "Panama", "Lima", "Pentagon", "Commonwealth"]
# Demonyms dropped because they name two states equally ("Dominican", "Congolese").
AMBIGUOUS_PREFERENCE = {"Dominican": "DOM", "Dominicans": "DOM"}

# CURATED: international organisations: (id, canonical name, acronyms,
# variants, Wikidata id, Phoenix code whose entries give more variants).
ORGANISATIONS = [
    ("un", "United Nations", ["UN", "U.N."], ["United Nations Organization"], "Q1065", "IGOUNO"),
    ("un-security-council", "UN Security Council", ["UNSC"],
     ["United Nations Security Council", "Security Council", "U.N. Security Council"], "Q37470", None),
    ("un-general-assembly", "UN General Assembly", ["UNGA"],
     ["United Nations General Assembly", "U.N. General Assembly"], "Q47423", None),
    ("unhcr", "UNHCR", ["UNHCR"], ["UN refugee agency", "United Nations High Commissioner for Refugees",
                                   "UN High Commissioner for Refugees"], None, "IGOUNOREFHCR"),
    ("ohchr", "UN Human Rights Office", ["OHCHR"],
     ["Office of the United Nations High Commissioner for Human Rights", "UN Human Rights Council",
      "United Nations Human Rights Council"], None, "IGOUNOHRIHCH"),
    ("unicef", "UNICEF", ["UNICEF"], ["United Nations Children's Fund"], "Q740308", "IGOUNOKID"),
    ("unesco", "UNESCO", ["UNESCO"], ["United Nations Educational, Scientific and Cultural Organization"],
     "Q7809", None),
    ("undp", "UNDP", ["UNDP"], ["United Nations Development Programme"], "Q161718", None),
    ("wfp", "World Food Programme", ["WFP"], ["World Food Program", "UN World Food Programme"], None,
     "IGOUNOWFP"),
    ("fao", "Food and Agriculture Organization", ["FAO"],
     ["UN Food and Agriculture Organization", "United Nations Food and Agriculture Organization"], "Q82151",
     "IGOUNOAGRFAO"),
    ("icj", "International Court of Justice", ["ICJ"], ["World Court"], "Q7801", "IGOUNOJUDICJ"),
    ("icc", "International Criminal Court", ["ICC"], [], "Q47488", None),
    ("iaea", "International Atomic Energy Agency", ["IAEA"], [], "Q41984", "IGOUNOIAE"),
    ("who", "World Health Organization", ["WHO"], ["World Health Organisation"], "Q7817", "IGOUNOHLHWHO"),
    ("wto", "World Trade Organization", ["WTO"], ["World Trade Organisation"], "Q7825", None),
    ("imf", "International Monetary Fund", ["IMF"], [], "Q7804", None),
    ("world-bank", "World Bank", [], ["World Bank Group"], "Q7164", None),
    ("ilo", "International Labour Organization", ["ILO"],
     ["International Labor Organization", "International Labour Organisation"], "Q54129", "IGOUNOLABILO"),
    ("ipcc", "Intergovernmental Panel on Climate Change", ["IPCC"], [], None, "IGOUNOENV"),
    ("eu", "European Union", ["EU", "E.U."], [], "Q458", None),
    ("european-commission", "European Commission", [], ["EU Commission"], "Q8880", None),
    ("european-parliament", "European Parliament", [], [], "Q8889", None),
    ("ecb", "European Central Bank", ["ECB"], [], "Q8901", None),
    ("council-of-europe", "Council of Europe", [], [], "Q8908", None),
    ("osce", "Organization for Security and Co-operation in Europe", ["OSCE"],
     ["Organization for Security and Cooperation in Europe"], "Q81299", None),
    ("nato", "NATO", ["NATO", "OTAN"], ["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation",
                                        "North Atlantic Alliance", "Atlantic Alliance"], "Q7184", "IGOWSTNAT"),
    ("opec", "OPEC", ["OPEC"], ["Organization of the Petroleum Exporting Countries",
                                "Organisation of the Petroleum Exporting Countries"], "Q7795", "IGOBUSOPC"),
    ("oecd", "OECD", ["OECD"], ["Organisation for Economic Co-operation and Development",
                                "Organization for Economic Cooperation and Development"], "Q41550", None),
    ("african-union", "African Union", ["AU"], [], "Q7159", None),
    ("asean", "ASEAN", ["ASEAN"], ["Association of Southeast Asian Nations",
                                   "Association of South East Asian Nations"], "Q7768", "IGOSEAASN"),
    ("oas", "Organization of American States", ["OAS"], ["Organisation of American States"], "Q123759", None),
    ("arab-league", "Arab League", [], ["League of Arab States"], "Q7172", "IGOMEAARL"),
    ("gcc", "Gulf Cooperation Council", ["GCC"],
     ["Gulf Co-operation Council", "Cooperation Council for the Arab States of the Gulf"], None, None),
    ("oic", "Organisation of Islamic Cooperation", ["OIC"], ["Organization of Islamic Cooperation",
                                                             "Organization of the Islamic Conference"], "Q47543", None),
    ("ecowas", "ECOWAS", ["ECOWAS"], ["Economic Community of West African States"], None, None),
    ("mercosur", "Mercosur", ["MERCOSUR"], ["Mercosul"], None, None),
    ("commonwealth", "Commonwealth of Nations", [], ["the Commonwealth"], "Q7785", None),
    ("g7", "G7", ["G7", "G-7"], ["Group of Seven"], None, None),
    ("g20", "G20", ["G20", "G-20"], ["Group of Twenty"], None, None),
    ("brics", "BRICS", ["BRICS"], [], None, None),
    ("interpol", "Interpol", ["INTERPOL"], ["International Criminal Police Organization"], "Q8475", "IGOCOPITP"),
    ("icrc", "International Committee of the Red Cross", ["ICRC"], ["Red Cross"], None, None),
    ("ifrc", "International Federation of Red Cross and Red Crescent Societies", ["IFRC"], [], None, None),
    ("amnesty-international", "Amnesty International", [], [], None, None),
    ("human-rights-watch", "Human Rights Watch", ["HRW"], [], None, None),
    ("msf", "Médecins Sans Frontières", ["MSF"], ["Doctors Without Borders", "Medecins Sans Frontieres"],
     None, None),
    ("transparency-international", "Transparency International", [], [], None, None),
    ("reporters-without-borders", "Reporters Without Borders", ["RSF"], ["Reporters Sans Frontières"], None, None),
    ("greenpeace", "Greenpeace", [], [], None, None),
]
# Words that mark a Phoenix entry as a person, an office or a sub-unit, not the organisation.
_ROLE_WORDS = {
    "secretary", "general", "chief", "president", "official", "officials", "spokesman", "spokeswoman",
    "spokesperson", "monitor", "monitors", "peacekeeper", "peacekeepers", "director", "head", "envoy",
    "ambassador", "countries", "ministers", "minister", "mission", "commander", "forces", "troops", "summit",
}


def _log(verbose: bool, *args: object) -> None:
    if verbose:
        print(*args, file=sys.stderr)


# -- Phoenix parsing -----------------------------------------------------------

_CODE = re.compile(r"\[([A-Z~-]+)(?:\s+[^\]]*)?\]")


def parse_phoenix(path: Path, *, dates: bool = False) -> list[tuple[list[str], list, bool]]:
    """Parse a TABARI .actors file into ``(forms, codes, dated)`` blocks.

    ``forms`` is the head followed by its ``+`` synonyms (underscores as
    spaces), ``codes`` the actor codes, ``dated`` whether any code has a date
    restriction (a person's role, not the entity itself). With ``dates``, each
    code is a pair ``(code, restriction)``: ``("RUSGOV", "991231-080507")``,
    ``("RUSELI", "")`` for an undated code.
    """
    blocks: list[tuple[list[str], list, bool]] = []
    forms: list[str] = []
    codes: list = []
    dated = False

    def flush() -> None:
        nonlocal forms, codes, dated
        if forms:
            blocks.append((forms, codes, dated))
        forms, codes, dated = [], [], False

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        text = line.strip()
        found = list(_CODE.finditer(text))
        head = _CODE.sub("", text).strip()
        if raw[:1] in " \t" and not head:  # a code line
            pass
        elif text.startswith("+"):
            forms.append(head[1:])
        else:
            flush()
            forms.append(head)
        for m in found:
            restriction = m.group(0)[len(m.group(1)) + 1 : -1].strip()
            codes.append((m.group(1), restriction) if dates else m.group(1))
            dated = dated or bool(restriction)
    flush()
    return [([_phoenix_form(f) for f in fs if _phoenix_form(f)], cs, d) for fs, cs, d in blocks]


def _phoenix_form(form: str) -> str:
    return re.sub(r"\s+", " ", form.replace("_", " ")).strip()


def _title(form: str) -> str:
    small = {"of", "the", "and", "for", "on", "in"}
    words = form.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _words(text: str) -> set[str]:
    return set(normalise(text).split())


# -- states ----------------------------------------------------------------------

def _countryinfo_records() -> dict[str, dict]:
    import countryinfo

    base = Path(countryinfo.__file__).resolve().parent
    records: dict[str, dict] = {}
    for sub in ("data", "data_no_iso"):
        for f in sorted((base / sub).glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            iso = d.get("ISO") or {}
            code = iso.get("alpha3") if isinstance(iso, dict) else None
            if code and code not in records:
                records[code] = d
    return records


def _plural(demonym: str) -> str | None:
    if _NO_PLURAL.search(demonym):
        return None
    return demonym + "s"


def _uniq(items) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        item = item.strip()
        if item and normalise(item) not in seen:
            seen[normalise(item)] = item
    return list(seen.values())


def build_states(lexicons: Path, verbose: bool) -> list[dict]:
    import pycountry

    info = _countryinfo_records()
    phoenix = parse_phoenix(lexicons / "Phoenix.Countries.actors.txt")
    # Country blocks: one undated three-letter code (Kosovo is KSV in Phoenix).
    phoenix_forms: dict[str, list[str]] = defaultdict(list)
    phoenix_seats: set[str] = set()
    for forms, codes, dated in phoenix:
        if len(codes) == 1 and not dated and re.fullmatch(r"[A-Z]{3}", codes[0]):
            phoenix_forms["XKX" if codes[0] == "KSV" else codes[0]].extend(forms)
        elif codes and not dated:
            phoenix_seats.update(normalise(f) for f in forms)

    wanted = UN_MEMBERS + UN_OBSERVERS + OTHER_STATES
    assert len(set(UN_MEMBERS)) == 193, len(set(UN_MEMBERS))
    assert set(wanted) <= set(WIKIDATA), set(wanted) - set(WIKIDATA)
    states = []
    for iso3 in wanted:
        pc = pycountry.countries.get(alpha_3=iso3)
        ci = info.get(iso3, {})
        if iso3 == "XKX":
            iso2, pc_names = "XK", ["Kosovo"]
        else:
            iso2 = pc.alpha_2
            pc_names = [getattr(pc, a, None) for a in ("common_name", "name", "official_name")]
            pc_names = [n for n in pc_names if n]
            # "Korea, Republic of" -> "Republic of Korea"
            pc_names = [" ".join(reversed(n.split(", ", 1))) if ", " in n else n for n in pc_names]
            pc_names = [re.sub(r"\s*\(.*\)$", "", n) for n in pc_names]
        name = NAMES.get(iso3) or ci.get("name") or pc_names[0]
        curated = [name, *EXTRA_VARIANTS.get(iso3, [])]
        # Demonyms.
        dem_extra = [] if iso3 in NO_DEMONYM else DEMONYMS.get(iso3, [])
        replaced = [d[1:] for d in dem_extra if d.startswith("=")]
        given = [d.strip() for d in (ci.get("demonym") or "").split(",")]
        base = [] if iso3 in NO_DEMONYM else (replaced or given)
        demonyms = _uniq(base + [d for d in dem_extra if not d.startswith("=")])
        demonyms = _uniq(demonyms + [p for d in demonyms if (p := _plural(d))])
        demonym_keys = {normalise(d) for d in demonyms}
        # English names: pycountry and curated ones, then countryinfo's
        # alternative spellings whose words are all name or generic words.
        own_words = set().union(*(_words(n) for n in [*pc_names, *curated]), *(_words(d) for d in demonyms))
        alt = [a for a in [ci.get("name", ""), *ci.get("altSpellings", [])]
               if a and a.isascii() and not re.fullmatch(r"[A-Z]{2,3}", a)]
        alt = [" ".join(reversed(a.split(", ", 1))) if ", " in a else a for a in alt]
        alt = [a for a in alt if _words(a) <= own_words | GENERIC_WORDS]
        english = _uniq([*curated, *pc_names, *alt])
        phrases = [normalise(n) for n in english]
        # Phoenix synonyms: kept when they are a run of two or more words of an
        # English name ("STATES_OF_AMERICA"); single words, misspellings,
        # cities, foreign names and inverted forms ("KOREA_SOUTH") are dropped.
        variants = list(english[1:])
        for form in phoenix_forms.get(iso3, []):
            key = normalise(form)
            if "(" in form or "," in form or key in demonym_keys or len(key.split()) < 2:
                continue
            if any(f" {key} " in f" {p} " for p in phrases):
                variants.append(_title(form))
        acronyms = ACRONYMS.get(iso3, [])
        acronym_keys = {normalise(a) for a in acronyms}
        dropped = acronym_keys | demonym_keys | {normalise(name)} | {normalise(d) for d in DROP_VARIANTS}
        variants = [v for v in _uniq(variants) if normalise(v) not in dropped]
        capitals = CAPITALS.get(iso3)
        if capitals is None:
            found = ci.get("capital") or []
            capitals = [found] if isinstance(found, str) else list(found)
        capitals = [c for c in _uniq(capitals) if normalise(c) != normalise(name)]
        seats = [{"name": n, "kind": k, "variants": v} for n, k, v in SEATS.get(iso3, [])]
        for seat in seats:
            if {normalise(f) for f in [seat["name"], *seat["variants"]]} & phoenix_seats:
                _log(verbose, f"seat confirmed by Phoenix: {iso3} {seat['name']}")
        status = "member" if iso3 in UN_MEMBERS else "observer" if iso3 in UN_OBSERVERS else "other"
        states.append({
            "iso3": iso3, "iso2": iso2, "wikidata": WIKIDATA.get(iso3), "name": name, "status": status,
            "variants": variants, "acronyms": acronyms, "demonyms": demonyms, "capitals": capitals,
            "seats": seats,
        })
    return sorted(states, key=lambda s: s["iso3"])


# -- organisations ---------------------------------------------------------------

def build_organisations(lexicons: Path, verbose: bool) -> list[dict]:
    blocks = parse_phoenix(lexicons / "Phoenix.International.actors.txt")
    by_code: dict[str, list[str]] = defaultdict(list)
    for forms, codes, dated in blocks:
        if not dated and len(set(codes)) == 1:
            by_code[codes[0]].extend(forms)
    orgs = []
    for org_id, name, acronyms, variants, qid, code in ORGANISATIONS:
        acronym_keys = {normalise(a) for a in acronyms}
        vocab = set().union(_words(name), *(_words(v) for v in variants)) | {"the", "of", "and", "for"}
        found = []
        for form in by_code.get(code, []) if code else []:
            words = _words(form)
            key = normalise(form)
            if not words or words & _ROLE_WORDS:
                continue
            if key in acronym_keys:
                continue
            if words <= vocab and len(words) > 1:
                found.append(_title(form))
            elif re.fullmatch(r"[A-Z]{2,6}", form.replace(".", "")) and key.upper() == form.replace(".", ""):
                _log(verbose, f"Phoenix acronym not taken for {org_id}: {form}")
        merged = _uniq([*variants, *found])
        merged = [v for v in merged if normalise(v) != normalise(name) and normalise(v) not in acronym_keys]
        orgs.append({"id": org_id, "name": name, "acronyms": acronyms, "variants": merged, "wikidata": qid})
    return orgs


# -- collisions ------------------------------------------------------------------

def drop_ambiguous(states: list[dict], orgs: list[dict], verbose: bool) -> None:
    """Remove forms that two different states/organisations claim (in place)."""
    owners: dict[str, set[str]] = defaultdict(set)
    fields = ("variants", "acronyms", "demonyms", "capitals")
    for s in states:
        owners[normalise(s["name"])].add(s["iso3"])
        for f in fields:
            for form in s[f]:
                owners[normalise(form)].add(s["iso3"])
        for seat in s["seats"]:
            for form in [seat["name"], *seat["variants"]]:
                owners[normalise(form)].add(s["iso3"])
    for o in orgs:
        for form in [o["name"], *o["acronyms"], *o["variants"]]:
            owners[normalise(form)].add("org:" + o["id"])
    canonical = {normalise(s["name"]): s["iso3"] for s in states}
    canonical.update({normalise(o["name"]): "org:" + o["id"] for o in orgs})
    preferred = {normalise(k): v for k, v in AMBIGUOUS_PREFERENCE.items()}

    def keep(form: str, owner: str) -> bool:
        key = normalise(form)
        if len(owners[key]) == 1:
            return True
        winner = canonical.get(key) or preferred.get(key)
        if winner:
            return winner == owner
        _log(verbose, f"ambiguous, dropped: {form!r} claimed by {sorted(owners[key])}")
        return False

    for s in states:
        for f in fields:
            s[f] = [x for x in s[f] if keep(x, s["iso3"])]
    for o in orgs:
        o["variants"] = [x for x in o["variants"] if keep(x, "org:" + o["id"])]
        o["acronyms"] = [x for x in o["acronyms"] if keep(x, "org:" + o["id"])]


def build(lexicons: Path, verbose: bool = False) -> dict:
    states = build_states(lexicons, verbose)
    orgs = build_organisations(lexicons, verbose)
    drop_ambiguous(states, orgs, verbose)
    return {
        "version": FORMAT_VERSION,
        "attribution": ATTRIBUTION,
        "states": states,
        "organisations": orgs,
        "case_sensitive": CASE_SENSITIVE,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS, help="Phoenix dictionaries folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON file")
    parser.add_argument("--verbose", action="store_true", help="report dropped and confirmed forms")
    args = parser.parse_args(argv)
    if not (args.lexicons / "Phoenix.Countries.actors.txt").is_file():
        parser.error(f"no Phoenix dictionaries in {args.lexicons}; pass --lexicons DIR")
    data = build(args.lexicons, args.verbose)
    Gazetteer(data)  # validate before writing
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.1f} KB): "
          f"{len(data['states'])} states, {len(data['organisations'])} organisations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
