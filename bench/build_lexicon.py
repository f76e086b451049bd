"""Derive newsgraph's trigger lexicon and agent table from the CAMEO / Phoenix dictionaries.

Regenerate (deterministic; the outputs are committed)::

    apt-get install wordnet-base            # WordNet 3.0 data files, /usr/share/wordnet
    .venv/bin/python bench/build_lexicon.py             # writes extractors/data/triggers.toml, agents.toml
    .venv/bin/python bench/build_lexicon.py --check     # exit 1 if the committed files differ

Inputs (read-only, ``../shared/data/lexicons``; never shipped):

* ``petrarch2/CAMEO.2.0.txt`` (PETRARCH2 verb dictionary, MIT, (c) 2015 Open Event Data Alliance):
  verb blocks (a synonym set with a default CAMEO code), verb lines (optional own code) and
  patterns ``- * [PARTICLE] [OBJECT] [(PREP NOUN)] [code] # VERB``.
* ``CAMEO2PLOVER-2021.txt`` (openeventdata/PLOVER, CC BY-SA 4.0, P. Schrodt): every CAMEO code
  with its PLOVER category and description; the codes kept are those it lists.
* ``petrarch2/Phoenix.agents.txt`` (MIT, (c) 2014 Open Event Data Alliance): agent nouns ->
  sector codes; ``petrarch2/Phoenix.Countries.actors.txt`` (MIT): country synonyms (demonyms).
* WordNet 3.0 (Princeton WordNet licence, permissive; Debian ``wordnet-base``): the derivational
  links verb sense -> noun sense, for nominalisations.

Mapping a CAMEO code to an ontology type (``extractors/data/ontology.toml``, ``cameo`` field):

1. ``CODE_TYPES`` below, a reviewed table for the codes where the ontology's codes are shared by
   several types or are coarser than CAMEO (03x intents, 08x yields, 16x, 17x, 181, 192, ...);
   each line cites the CAMEO description of the code.
2. otherwise the type whose ``cameo`` code is the longest prefix of the code (ranges such as
   ``18-20`` and lists such as ``17,19`` expand to prefixes).

Codes ``03x`` ("express intent to ...") and ``13x`` carry ``intent = true``: the trigger states an
intention (status proposed) of the type's act. A pattern coded ``[:CODE]`` (only the reverse code)
carries ``reverse = true``: its grammatical subject is the target ("FACE TRIAL").

Nominalisations (``nouns``): (a) WordNet derivational links from the first three senses of each
bare-verb trigger to nouns of the lexicographer files noun.act, noun.event, noun.communication
(event nouns: arrest, mediation, invasion, visit; never agent nouns like "mediator"); (b) the
object nouns CAMEO lists after support verbs (``SUPPORT_VERBS``: "impose SANCTIONS", "hold
TALKS", "stage ATTACK"), which are event nouns by construction.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: ../shared/data beside the repository (a worktree under /work/wt/NAME looks further up).
SHARED_DATA = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
                   ROOT.parent / "shared" / "data")
LEXICONS = SHARED_DATA / "lexicons"
CAMEO = LEXICONS / "petrarch2" / "CAMEO.2.0.txt"
PLOVER = LEXICONS / "CAMEO2PLOVER-2021.txt"
AGENTS = LEXICONS / "petrarch2" / "Phoenix.agents.txt"
COUNTRIES = LEXICONS / "petrarch2" / "Phoenix.Countries.actors.txt"
WORDNET = Path("/usr/share/wordnet")
DATA = ROOT / "extractors" / "data"
ONTOLOGY = DATA / "ontology.toml"
GAZETTEER = DATA / "gazetteer.json"
TRIGGERS_OUT = DATA / "triggers.toml"
AGENTS_OUT = DATA / "agents.toml"

#: Reviewed CAMEO code -> ontology type, where longest-prefix on the ontology's codes is wrong or
#: ambiguous (None: no newsgraph type). Descriptions from CAMEO2PLOVER-2021.
CODE_TYPES = {
    "03": "PROPOSED_TO",        # express intent to cooperate (AGREED_WITH: agreement reached, a construction)
    "030": "PROPOSED_TO",       # express intent to cooperate
    "031": "COOPERATED_WITH",   # agree to engage in material cooperation (intent)
    "032": "SUPPORTED",         # intent to engage in diplomatic cooperation
    "033": "AIDED",             # intent to provide material aid
    "0331": "AIDED",            # intent to provide economic aid
    "0332": "SUPPLIED_ARMS_TO", # intent to provide military aid
    "0333": "AIDED",            # intent to provide humanitarian aid (asylum: by object noun)
    "0334": "AIDED",            # intent to provide military protection or peacekeeping
    "034": "PROPOSED_TO",       # intent to bring political reform
    "035": "CONCEDED_TO",       # intent to yield
    "0353": "RELEASED",         # intent to release persons or property
    "036": "NEGOTIATED_WITH",   # intent to meet or negotiate
    "037": "PROPOSED_TO",       # intent to settle dispute
    "038": "MEDIATED_VIA",      # intent to accept mediation (party -> mediator)
    "039": "MEDIATED",          # intent to mediate
    "040": "MET_WITH",          # consult
    "045": "MEDIATED",          # engage in mediation (MEDIATED_VIA is a construction, not a verb)
    "055": "PRAISED",           # apologize (PLOVER SUPPORT; the curated praise rule reads it too)
    "056": "PRAISED",           # forgive (PLOVER SUPPORT)
    "0233": "APPEALED_TO",      # appeal for humanitarian aid (asylum: by object noun)
    "08": "CONCEDED_TO",        # yield (ACCEPTED: accede, 083)
    "083": "ACCEPTED",          # accede to requests or demands for political reform
    "0831": "ACCEPTED", "0832": "ACCEPTED", "0833": "ACCEPTED", "0834": "ACCEPTED",
    "10": "DEMANDED",           # demand (APPEALED_TO: appeal, 02)
    "1121": "ACCUSED",          # accuse of crime, corruption (an accusation, not a charge)
    "110": "CRITICIZED",        # disapprove (PLOVER ACCUSE)
    "113": "CRITICIZED",        # rally opposition against (PLOVER ACCUSE)
    "114": "CRITICIZED",        # complain officially
    "115": "ACCUSED",           # bring lawsuit against (PLOVER ACCUSE: a formal accusation)
    "116": "INDICTED",          # find guilty or liable (legally)
    "160": "CUT_TIES_WITH",     # reduce relations
    "162": "SANCTIONED",        # reduce or stop material aid
    "1621": "SANCTIONED", "1622": "SANCTIONED", "1623": "SANCTIONED",
    "164": "CUT_TIES_WITH",     # halt negotiations
    "165": "CUT_TIES_WITH",     # halt mediation
    "166": "SANCTIONED",        # expel or withdraw (peacekeepers, observers, aid agencies: PLOVER SANCTION)
    "1661": "SANCTIONED", "1662": "SANCTIONED", "1663": "SANCTIONED",
    "17": "COERCED",            # coerce (CAPTURED: 181 abduct, 192 occupy)
    "170": "COERCED",           # coerce
    "172": "COERCED",           # impose administrative sanctions (curfew, restrictions)
    "173": "ARRESTED",          # arrest, detain, or charge with legal action
    "175": "ATTACKED",          # use violent repression (PLOVER ASSAULT)
    "1712": "ATTACKED",         # destroy property (PLOVER ASSAULT)
    "181": "CAPTURED",          # abduct, hijack, or take hostage
    "19": "ATTACKED",           # use conventional military force
    "191": "COERCED",           # impose blockade, restrict movement (PLOVER COERCE)
    "192": "CAPTURED",          # occupy territory
}

#: Reviewed verb -> CAMEO code: the bare verbs that are triggers on their own (their WordNet
#: nominalisations too). A verb is here when its first news sense is the act and its object is the
#: act's target; its code is CAMEO's own for the act where the synonym block's default is another
#: act (MEDIATE and NEGOTIATE sit in COMPROMISE [080], ARREST and DETAIN in [173] with charges).
#: Ambiguous verbs stay out ("fire" a minister, "beat" a rival, "strike" a deal, "ask" a question,
#: "demonstrate" resolve, "hold" talks, "clash" over a plan, "take over" a post). Phrasal verbs
#: ("lash out", "give in") are bare verbs too: only the reviewed ones here are triggers alone.: CAMEO's patterns or the curated rules read them in context.
VERB_CODES = {
    # cooperation
    "mediate": "045", "arbitrate": "045", "intercede": "045", "broker": "045",
    "negotiate": "046", "bargain": "046",
    "propose": "030", "suggest": None,
    "accept": "083", "reject": "120", "refuse": "120", "rebuff": "120", "spurn": "120",
    "sign": "057", "ratify": "057",
    "release": "0841", "free": "0841",
    "withdraw": "087", "retreat": "087", "pull out": "087",
    "talk": "040", "confer": "040", "discuss": "040",
    "praise": "051", "commend": "051", "hail": "051", "applaud": "051", "laud": "051",
    "congratulate": "051", "acclaim": "051", "extol": "051", "compliment": "051",
    "cooperate": "060", "collaborate": "060",
    "appeal": "020", "petition": "020", "implore": "020", "plead": "020",
    # conflict: criticism, accusation, demands, threats, protest
    "condemn": "111", "denounce": "111", "deplore": "111", "criticize": "111", "criticise": "111",
    "castigate": "111", "censure": "111", "rebuke": "111", "reprimand": "111", "chastise": "111",
    "berate": "111", "lambaste": "111", "deride": "111", "ridicule": "111", "denigrate": "111",
    "admonish": "111", "scold": "111", "chide": "111", "pillory": "111", "lash out": "111",
    "accuse": "112", "blame": "112",
    "demand": "100",
    "threaten": "130",
    "protest": "140",
    # coercion and force
    "sanction": "163", "embargo": "163", "boycott": "163",
    "arrest": "173", "detain": "173", "apprehend": "173", "imprison": "173", "jail": "173",
    "rearrest": "173", "re-arrest": "173",
    "indict": "173", "charge": "173", "prosecute": "173", "convict": "173",
    "extradite": "174", "deport": "174", "expel": "174", "banish": "174", "evict": "174",
    "confiscate": "1711", "censor": "1721", "suppress": "170", "repress": "175",
    "crack down": "170", "cordon off": "170", "kick out": "174", "boot out": "174",
    "give in": "080", "back down": "080", "abide by": "080", "conform to": "080",
    "call off": "160", "call up": "154", "pull back": "087", "set free": "0841",
    "meet with": "040", "get together": "040", "communicate with": "040", "side with": "050",
    "dress down": "111", "bridle at": "140", "fight back": "190", "string up": "1823",
    "clamp down": "170", "back out": "087", "burn down": "1712",
    "gun down": "193", "shoot down": "195", "wipe out": "190", "blow up": "183", "wage war": "190",
    "capture": "181", "abduct": "181", "kidnap": "181", "oust": "192", "overthrow": "192",
    "overrun": "192", "invade": "190",
    "mobilize": "154", "mobilise": "154",
    "attack": "190", "ambush": "190", "raid": "190", "storm": "190", "shell": "194",
    "bombard": "194", "bomb": "195", "assassinate": "186", "massacre": "202", "murder": "1823",
    "behead": "1823", "torture": "1822", "stab": "182", "injure": "182", "skirmish": "190",
}
#: Verbs and nouns coded 173 whose act is a charge or a trial, not an arrest (the ontology lists
#: 173 under INDICTED too).
INDICT_VERBS = {"indict", "charge", "prosecute", "arraign", "convict", "try", "sentence"}
INDICT_NOUNS = {"charge", "charges", "trial", "indictment", "death penalty", "&crime"}
#: Agreement reached: CAMEO codes it as 03x intent (or 050 for AGREE); the ontology's AGREED_WITH
#: (code 03) is the agreement itself, named by the verb agree or an agreement noun as object.
AGREE_VERBS = {"agree", "concur"}
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "accords", "pact", "&treaty", "understanding"}
#: Object nouns that make an aid / appeal code the asylum type.
ASYLUM_NOUNS = {"asylum", "refuge", "sanctuary", "political asylum", "&asylum"}
#: Support (light) verbs: their CAMEO object noun carries the event ("impose sanctions").
SUPPORT_VERBS = {"hold", "impose", "launch", "stage", "conduct", "make", "give", "grant", "offer",
                 "reach", "sign", "issue", "level", "file", "carry_out", "mount", "begin", "start",
                 "open", "extend", "provide", "announce", "hold_talks", "engage"}
#: CAMEO noun sets whose members name events (the others name things: weapons, aircraft, food).
EVENT_NOUNSETS = {"asylum", "ceasefire", "negotiation", "mediation", "proposal", "investigation",
                  "detention", "treaty", "solution", "dispute", "fight", "fight of words"}
#: Words after ``*`` that are particles of a phrasal verb, not objects.
PARTICLES = {"up", "down", "out", "off", "in", "on", "away", "back", "over", "forward", "aside",
             "through", "together", "apart", "along", "around", "about", "ahead"}
#: Prepositions a pattern sometimes writes bare, without parentheses ("FIRE AT", "HEAD TO"): a
#: preposition with any object, not a direct-object noun.
BARE_PREPS = {"at", "against", "to", "toward", "towards", "with", "into", "from", "for", "of", "upon"}
#: Verbs of motion: CAMEO codes a trip's destination as a meeting or a deployment ("FLY (TO)",
#: "HEAD (TO)", "COME (TO)"); with no event noun in the pattern the destination is just a place.
MOTION_VERBS = {"arrive", "come", "depart", "fly", "go", "head", "journey", "leave", "return", "travel"}
#: Nominalisations of reviewed verbs that name a thing, a feeling or a weather event more often
#: than the act in news ("a bomb", "a storm", "apprehension", "a barrage of questions", "a news
#: conference", "in charge of"), and rare or archaic forms.
NOT_EVENT_NOUNS = {"bomb", "storm", "stab", "injury", "apprehension", "barrage", "conference", "charge",
                   "conferment", "conferral", "acceptation", "arbitrament", "arbitrement", "accusal",
                   "extolment", "pleading", "talking", "overrun", "torturing"}
#: WordNet noun lexicographer files of event nouns: noun.act, noun.communication, noun.event.
EVENT_NOUN_FILES = {"04", "10", "11"}
WORDNET_SENSES = 3

#: Phoenix sector codes (first three letters of an agent code) -> sector name.
SECTORS = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "COP": "police", "OPP": "opposition",
    "JUD": "judiciary", "LEG": "legislature", "SPY": "intelligence", "UAF": "armed group",
    "PTY": "party", "BUS": "business", "CVL": "civilians", "CRM": "criminals", "MED": "media",
    "REF": "refugees", "HRI": "human rights", "NGO": "ngo", "IGO": "igo", "LAB": "labour",
    "REL": "religious", "EDU": "education", "HLH": "health", "AGR": "agriculture", "ELI": "elites",
    "ENV": "environment", "DEV": "development", "SET": "settlers", "MOD": "moderates", "RAD": "radicals",
}
#: Sectors of political actors kept in agents.toml (the rest are not actors of newsgraph relations).
ACTOR_SECTORS = ("government", "military", "rebels", "police", "opposition", "judiciary",
                 "legislature", "intelligence", "armed group", "party")

HEADER = """\
# newsgraph {what}: GENERATED by bench/build_lexicon.py -- do not edit by hand; regenerate.
#
# Sources (facts derived and compacted, with attribution):
#   PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt, Phoenix.agents.txt, Phoenix.Countries.actors.txt
#     (openeventdata/petrarch2 @ 676801c; MIT licence, (c) 2014-2015 Open Event Data Alliance)
#   CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, draft 0.8; CC BY-SA 4.0, Philip Schrodt)
#   WordNet 3.0 derivational links (Princeton University; WordNet 3.0 licence; Debian wordnet-base)
# Mapping of CAMEO codes onto newsgraph types: see the docstring of bench/build_lexicon.py.
"""


# ---------------------------------------------------------------------- inputs


def _words(raw: str) -> str:
    """CAMEO token -> lowercase words: ``CARRY_OUT`` -> ``carry out``; markers dropped."""
    raw = raw.strip().strip("$+%^=|").strip("_")
    return re.sub(r"_+", " ", raw).lower().strip()


def read_plover_codes(path: Path = PLOVER) -> dict[str, str]:
    """CAMEO code -> PLOVER category, from CAMEO2PLOVER-2021."""
    codes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            codes[m.group(1)] = m.group(2)
    return codes


def read_ontology(path: Path = ONTOLOGY) -> dict[str, dict]:
    """Ontology types (name -> table) from ontology.toml."""
    with open(path, "rb") as f:
        return tomllib.load(f)["types"]


def _prefixes(spec: str) -> list[str]:
    """Ontology ``cameo`` field -> code prefixes: ``"18-20"`` -> 18, 19, 20; ``"02,10"`` -> 02, 10."""
    out = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "-" in part:
            lo, hi = part.split("-")
            out += [str(n).zfill(len(lo)) for n in range(int(lo), int(hi) + 1)]
        else:
            out.append(part)
    return out


def code_type(code: str, types: dict[str, dict]) -> str | None:
    """Ontology type of a CAMEO code: the reviewed table, else the longest prefix match."""
    for n in range(len(code), 1, -1):
        if code[:n] in CODE_TYPES:
            return CODE_TYPES[code[:n]]
        owners = sorted(t for t, d in types.items() if code[:n] in _prefixes(d.get("cameo", "")))
        if len(owners) == 1:
            return owners[0]
        if owners:
            raise SystemExit(f"CAMEO code {code[:n]} is shared by {', '.join(owners)}: add it to CODE_TYPES")
    return None


def read_cameo(path: Path = CAMEO):
    """Synonym sets, verb lines and patterns of the CAMEO verb dictionary.

    Returns ``(synsets, verbs, patterns)``: ``{name: [words]}``; ``[(verb, code, block_code,
    block_head)]``; ``[(verb, words_after_star, code)]`` with the pattern's anchor verb.
    """
    synsets: dict[str, list[str]] = {}
    verbs, patterns = [], []
    section, current, block_code, block_verbs, head = None, None, None, [], None
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("####### SYNONYM"):
            section = "syn"
            continue
        if line.startswith("####### VERB"):
            section = "verbs"
            continue
        text = line.split("#")[0].rstrip() if not line.lstrip().startswith("- ") else line
        if section == "syn":
            if line.startswith("&"):
                current = "&" + _words(line.strip()[1:])
                synsets[current] = []
            elif line.startswith("+") and current:
                synsets[current].append(_words(line.split("#")[0]))
            continue
        if section != "verbs" or not text.strip():
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            head = _words(m.group(1)).split()[0]
            block_code = m.group(2) if re.fullmatch(r"\d+", m.group(2)) else None
            block_verbs = []
            continue
        if line.startswith("- "):
            body, _, comment = line[2:].partition("#")
            cm = re.search(r"\[([^\]]*)\]", body)
            if not cm or "*" not in body:
                continue
            anchor = _words(comment.split()[0]) if comment.split() else None
            before, after = body[: cm.start()].split("*", 1)
            if before.strip():  # a subject-side noun ("&MILITARY * ..."): not a verb trigger
                continue
            for verb in ([anchor] if anchor in block_verbs else block_verbs):
                patterns.append((verb, after.strip(), cm.group(1).strip()))
            continue
        if re.match(r"^[+A-Z]", line):
            word = re.split(r"[\s\[{#]", line)[0]
            vm = re.search(r"\[(\d+)\]", text)
            verb = _words(word)
            block_verbs.append(verb)
            if "[---]" not in text:  # "[---]": the bare verb is explicitly not an event
                verbs.append((verb, vm.group(1) if vm else None, block_code, head))
    return synsets, verbs, patterns


def _synset(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Members of a CAMEO noun synonym set (``&WEAPON``), None if unknown."""
    return synsets.get(_set_name(token)) or None


def _set_name(token: str) -> str:
    """``&MILITARY`` -> ``&military``: a reference to ``[nounsets.military]`` of triggers.toml."""
    return "&" + _words(token[1:])


def _parse_pattern(after: str, synsets: dict[str, list[str]]) -> list[dict] | None:
    """Words after ``*`` -> particle / object / (prep, prep_object) variants; None if unusable."""
    pps = re.findall(r"\(([^)]*)\)", after)
    rest = re.sub(r"\([^)]*\)", " ", after)
    if len(pps) > 1:
        return None
    tokens = re.findall(r"\{[^}]*\}|\S+", rest)
    tokens = [t for t in tokens if t not in {"$", "+", "^", "%", "=", "|"}]
    particle, objects = "", [""]
    for k, tok in enumerate(tokens):
        if _words(tok) in BARE_PREPS and objects == [""] and not pps:
            pps = [" ".join(tokens[k:])]  # the preposition and what follows it
            break
        if tok.startswith("&"):
            if _synset(tok, synsets) is None:
                return None
            objects = [_set_name(tok)]
        elif tok.startswith("{"):
            objects = [_words(tok.strip("{}").replace(" ", "_"))]
        elif _words(tok) in PARTICLES and not particle and objects == [""]:
            particle = _words(tok)
        else:
            if objects != [""]:
                return None
            objects = [_words(tok)]
    prep, pobjs = "", [""]
    if pps:
        words = re.findall(r"\{[^}]*\}|\S+", pps[0])
        words = [w for w in words if w not in {"$", "+", "^", "%"}]
        if not words:
            return None
        prep = _words(words[0]).split("/")[0]
        if len(words) > 1:
            w = words[1]
            if w.startswith("&") and _synset(w, synsets) is None:
                return None
            pobjs = [_set_name(w) if w.startswith("&") else _words(w.strip("{}").replace(" ", "_"))]
            if len(words) > 2:
                return None
    if any(o and not re.fullmatch(r"&?[a-z][a-z' -]*", o) or o.startswith("&") and o not in synsets
           for o in objects + pobjs):
        return None
    return [{"particle": particle, "object": o, "prep": prep, "prep_object": p}
            for o in objects for p in pobjs]


# ---------------------------------------------------------------------- WordNet


class WordNet:
    """Just enough WordNet 3.0 (data files) for verb -> event-noun derivational links."""

    def __init__(self, root: Path = WORDNET):
        if not (root / "index.verb").exists():
            raise SystemExit(f"WordNet data not found in {root}: apt-get install wordnet-base")
        self.index = {}
        for line in (root / "index.verb").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                parts = line.split()
                n_ptr = int(parts[3])
                self.index[parts[0]] = parts[4 + n_ptr + 2:]
        self.verb_data = self._offsets(root / "data.verb")
        self.noun_data = self._offsets(root / "data.noun")

    @staticmethod
    def _offsets(path: Path) -> dict[str, str]:
        return {line[:8]: line for line in path.read_text(encoding="latin-1").splitlines() if line[:1].isdigit()}

    def nominalisations(self, verb: str) -> list[str]:
        """Event nouns derivationally related to the verb's first senses (sorted, unique)."""
        out = set()
        for offset in self.index.get(verb.replace(" ", "_"), [])[:WORDNET_SENSES]:
            f = self.verb_data[offset].split("|")[0].split()
            w_cnt = int(f[3], 16)
            words = [f[4 + 2 * i].lower() for i in range(w_cnt)]
            k = 4 + 2 * w_cnt
            for i in range(int(f[k])):
                sym, off, pos, st = f[k + 1 + 4 * i: k + 5 + 4 * i]
                src = int(st[:2], 16)
                if sym != "+" or pos != "n" or not (1 <= src <= w_cnt) or words[src - 1] != verb.replace(" ", "_"):
                    continue
                n = self.noun_data[off].split()
                if n[1] not in EVENT_NOUN_FILES:
                    continue
                word = n[4 + 2 * (int(st[2:], 16) - 1)]
                out.add(re.sub(r"\(.*\)$", "", word).replace("_", " ").lower())
        return sorted(out)


# ---------------------------------------------------------------------- triggers


def build_triggers() -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Per ontology type: verbs (lemma + optional pattern) and nouns, each with its CAMEO code.

    Returns ``(triggers, nounsets)``: nounsets are the CAMEO noun synonym sets the patterns name.
    """
    types = read_ontology()
    synsets, verbs, patterns = read_cameo()
    wordnet = WordNet()
    out = {t: {"verbs": {}, "nouns": {}} for t in types}

    def add(kind: str, type_name: str | None, entry: dict) -> None:
        if type_name is None:
            return
        key = tuple(entry.get(k, "") for k in ("lemma", "particle", "object", "prep", "prep_object"))
        old = out[type_name][kind].get(key)
        if old is None or old["source"].startswith("object of ") and entry["source"].startswith("wordnet:"):
            # a nominalisation of a reviewed verb is an event noun anywhere, not only as the
            # object of one support verb ("the arrest of X", not only "announced the arrest")
            out[type_name][kind][key] = entry

    def typed(code: str, lemma: str, obj: str = "") -> tuple[str | None, dict]:
        extra = {}
        if code[:2] == "03":
            extra["intent"] = True
        t = code_type(code, types)
        if obj in ASYLUM_NOUNS and code[:2] in {"02", "03", "07"}:
            t = {"02": "SOUGHT_ASYLUM_IN", "03": "OFFERED_ASYLUM_TO", "07": "GRANTED_ASYLUM_TO"}[code[:2]]
        if t == "ARRESTED" and (lemma in INDICT_VERBS or obj in INDICT_NOUNS):
            t = "INDICTED"
        if lemma in AGREE_VERBS and code[:2] in {"03", "05"} or obj in AGREEMENT_NOUNS and code[:2] == "03":
            t, extra = "AGREED_WITH", {}
        return t, extra

    bare: dict[str, tuple[str, str]] = {}
    for verb, own, block, head in verbs:
        code, source = (own, "verb") if own else (block, "verb" if verb.split()[0] == head else "synset")
        if verb in VERB_CODES:
            code, source = VERB_CODES[verb], "reviewed"
        if not code:
            continue
        t, extra = typed(code, verb)
        if t:
            add("verbs", t, {"lemma": verb, "cameo": code, "source": source, **extra})
            bare.setdefault(verb, (t, code))
    for verb, after, codes in patterns:
        first, _, second = codes.partition(":")
        code, reverse = (first, False) if re.fullmatch(r"\d+", first) else (second, True)
        if not re.fullmatch(r"\d+", code or ""):
            continue
        for variant in _parse_pattern(after, synsets) or []:
            if not any(variant.values()):
                continue
            if verb in MOTION_VERBS and not (variant["object"] or variant["prep_object"]):
                continue  # "fly to X": a destination, no participant
            t, extra = typed(code, verb, variant["object"] or variant["prep_object"])
            entry = {"lemma": verb, **{k: v for k, v in variant.items() if v}, "cameo": code, "source": "pattern", **extra}
            if reverse:
                entry["reverse"] = True
            add("verbs", t, entry)
            obj = variant["object"]
            if t and obj and verb in SUPPORT_VERBS and not variant["particle"] and not reverse:
                if obj.startswith("&") and obj[1:] not in EVENT_NOUNSETS:
                    continue  # "offer &WEAPON": the object is a thing, not the event
                for noun in synsets[obj] if obj.startswith("&") else [obj]:
                    add("nouns", t, {"lemma": noun, "cameo": code, "source": f"object of {verb}", **extra})
    for verb, (t, code) in sorted(bare.items()):
        if " " in verb:
            continue
        for noun in wordnet.nominalisations(verb):
            if noun in NOT_EVENT_NOUNS and verb in VERB_CODES:
                continue
            extra = {"intent": True} if code[:2] == "03" else {}
            add("nouns", t, {"lemma": noun, "cameo": code, "source": f"wordnet:{verb}", **extra})
    used = {v for d in out.values() for e in d["verbs"].values() for v in (e.get("object"), e.get("prep_object"))
            if v and v.startswith("&")}
    nounsets = {name[1:]: sorted(set(synsets[name])) for name in sorted(used)}
    return out, nounsets


def _toml_str(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_triggers(triggers: dict[str, dict], nounsets: dict[str, list[str]]) -> str:
    types = read_ontology()
    lines = [HEADER.format(what="trigger lexicon"), """\
# [types.NAME] one ontology type (extractors/data/ontology.toml)
#   cameo, plover   the type's codes, copied from the ontology
#   verbs           {lemma, particle?, object?, prep?, prep_object?, cameo, source, intent?, reverse?}
#                   lemma: verb lemma (multi-word: "carry out"); particle: phrasal particle;
#                   object: direct-object noun (surface form, may be plural: match lemma or lower;
#                   "&name" = any noun of [nounsets.name] at the end of this file);
#                   prep / prep_object: a prepositional dependent and its noun ("" = any);
#                   source: verb (the verb's own or its block's code), synset (a synonym of the
#                   block's verb: weaker), reviewed (VERB_CODES), pattern (a CAMEO pattern);
#                   intent: the trigger states an intention (status proposed);
#                   reverse: the grammatical subject is the target of the act ("face trial")
#   nouns           nominalisations {lemma, cameo, source, intent?}: source "wordnet:VERB" (a
#                   derivational link of the verb) or "object of VERB" (CAMEO support-verb object)
""", 'version = "1"', ""]
    for name in types:
        t = triggers[name]
        lines.append(f"[types.{name}]")
        lines.append(f"cameo = {_toml_str(types[name].get('cameo', ''))}")
        lines.append(f"plover = {_toml_str(types[name].get('plover', ''))}")
        for kind in ("verbs", "nouns"):
            entries = [t[kind][k] for k in sorted(t[kind])]
            if not entries:
                lines.append(f"{kind} = []")
                continue
            lines.append(f"{kind} = [")
            for e in entries:
                lines.append("  {" + ", ".join(f"{k} = {_toml_str(v)}" for k, v in e.items()) + "},")
            lines.append("]")
        lines.append("")
    lines += ["# CAMEO noun synonym sets named by patterns as \"&name\" (object or prep_object)", "[nounsets]"]
    for name, words in nounsets.items():
        lines.append(f"{_toml_str(name)} = [" + ", ".join(_toml_str(w) for w in words) + "]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- agents


def build_agents() -> dict:
    """Agent noun -> sector (political sectors only), and demonyms missing from the gazetteer."""
    import json

    text = AGENTS.read_text(encoding="latin-1")
    subs = {m.group(1): [w.strip() for w in m.group(2).split(",")]
            for m in re.finditer(r"^!(\w+)!\s*=\s*(.+)$", text, re.M)}
    sectors: dict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        m = re.match(r"^([A-Z][A-Z!_'-]*)\s*(?:\{[^}]*\})?\s*\[~(\w+)\]", line.split("#")[0].strip())
        if not m:
            continue
        sector = SECTORS.get(m.group(2)[:3])
        if sector not in ACTOR_SECTORS:
            continue
        forms = [m.group(1)]
        for name, words in subs.items():
            forms = [f.replace(f"!{name}!", w) for f in forms for w in (words if f"!{name}!" in f else [None])] \
                if any(f"!{name}!" in f for f in forms) else forms
        for form in forms:
            phrase = _words(form)
            if phrase and len(phrase.split()) <= 3 and "!" not in phrase:
                sectors[sector].add(phrase)
    gaz = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    known = {s["iso3"]: {d.lower() for d in s.get("demonyms", [])} for s in gaz["states"]}
    names = {s["iso3"]: {n.lower() for n in [s["name"], *s.get("variants", []), *s.get("capitals", []),
                                           *(x["name"] for x in s.get("seats", []))]} for s in gaz["states"]}
    wn_adj = {line.split()[0] for line in (WORDNET / "index.adj").read_text(encoding="latin-1").splitlines()
              if not line.startswith(" ")}
    wn_people = _wordnet_people_nouns()
    demonyms: dict[str, set[str]] = defaultdict(set)
    iso = None
    for line in COUNTRIES.read_text(encoding="latin-1").splitlines():
        m = re.match(r"^([A-Z][A-Z_]*)\s+\[([A-Z]{3})\]", line)
        if m:
            iso = m.group(2) if m.group(2) in known else None
            continue
        if re.match(r"^[A-Z]", line):
            iso = None  # a person or another actor block: its synonyms are not the country's
            continue
        if iso and line.startswith("+"):
            word = _words(line.split("#")[0].split()[0])
            if not word or " " in word or word in known[iso] or word in names[iso]:
                continue
            # WordNet knows it as an adjective or a people noun, or it is the country's name
            # with a demonym suffix ("kosovar" from Kosovo; not a misspelling or a province)
            stems = {n[:4] for n in names[iso]}
            misspelt = any(difflib.SequenceMatcher(None, word, n).ratio() > 0.85 for n in names[iso])
            if word in wn_people or word[:4] in stems and not misspelt and (word in wn_adj or (
                    re.search(r"(ian|an|ese|ish|i|ar|ot)$", word) and word not in _wordnet_nouns())):
                demonyms[iso].add(word)
    for iso, glossed in _wordnet_people_of(names).items():
        demonyms[iso].update(w for w in glossed if w not in known[iso])
    return {"sectors": {s: sorted(sectors[s]) for s in ACTOR_SECTORS if sectors[s]},
            "demonyms": {k: sorted(v) for k, v in sorted(demonyms.items()) if v}}


_NOUNS: set[str] | None = None


def _wordnet_nouns() -> set[str]:
    global _NOUNS
    if _NOUNS is None:
        _NOUNS = {line.split()[0] for line in (WORDNET / "index.noun").read_text(encoding="latin-1").splitlines()
                  if not line.startswith(" ")}
    return _NOUNS


def _wordnet_people_of(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """ISO3 -> nouns glossed "a native or inhabitant of NAME" / "a member of ... people of NAME"."""
    by_name = {n: iso for iso, ns in names.items() for n in ns if len(n) > 3}
    out: dict[str, set[str]] = defaultdict(set)
    for line in (WORDNET / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line[:1].isdigit() or line.split()[1] != "18" or "|" not in line:
            continue
        gloss = line.split("|", 1)[1].split(";")[0].lower()
        m = re.search(r"(?:native or inhabitant of|a native of|people (?:of|who (?:live|settled) in)) (?:the )?([a-z .'-]+)", gloss)
        name = m.group(1).split(" and ")[0].strip() if m else ""
        if name in by_name:
            f = line.split()
            out[by_name[name]].update(f[4 + 2 * i].lower() for i in range(int(f[3], 16))
                                                     if "_" not in f[4 + 2 * i])
    return out


def _wordnet_people_nouns() -> set[str]:
    """Nouns with a sense glossed as a people or an inhabitant ("a native or inhabitant of ...")."""
    out = set()
    for line in (WORDNET / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line[:1].isdigit() or line.split()[1] != "18":
            continue
        gloss = line.split("|", 1)[1].lower() if "|" in line else ""
        if re.search(r"native or inhabitant of|a native of", gloss):
            f = line.split()
            out.update(f[4 + 2 * i].lower() for i in range(int(f[3], 16)))
    return out


def render_agents(agents: dict) -> str:
    lines = [HEADER.format(what="agent nouns and demonyms"), """\
# [sectors]   sector name -> agent nouns (Phoenix.agents.txt, lowercase lemma phrases): a demonym or
#             country adjective with one of these nouns ("Serb forces", "Iraqi officials") is that
#             state acting, with this sector on the evidence. Only political-actor sectors are kept.
# [demonyms]  ISO 3166 alpha-3 -> demonyms / country adjectives in Phoenix.Countries.actors.txt that
#             extractors/data/gazetteer.json lacks (a completion list; lowercase).
""", 'version = "1"', "", "[sectors]"]
    for sector, nouns in agents["sectors"].items():
        lines.append(f"{_toml_str(sector)} = [" + ", ".join(_toml_str(n) for n in nouns) + "]")
    lines += ["", "[demonyms]"]
    for iso, words in agents["demonyms"].items():
        lines.append(f"{iso} = [" + ", ".join(_toml_str(w) for w in words) + "]")
    return "\n".join(lines) + "\n"


def counts(triggers: dict[str, dict]) -> list[tuple[str, int, int]]:
    """(type, verb entries, noun entries) per ontology type."""
    return [(t, len(d["verbs"]), len(d["nouns"])) for t, d in triggers.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    parser.add_argument("--counts", action="store_true", help="print entries per type")
    args = parser.parse_args(argv)
    triggers, nounsets = build_triggers()
    outputs = {TRIGGERS_OUT: render_triggers(triggers, nounsets), AGENTS_OUT: render_agents(build_agents())}
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run bench/build_lexicon.py", file=sys.stderr)
        return 1 if stale else 0
    for p, text in outputs.items():
        p.write_text(text, encoding="utf-8")
    if args.counts:
        for t, v, n in counts(triggers):
            print(f"{t:24s} verbs {v:4d}  nouns {n:3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
