"""The reviewed tables of bench/build_lexicon.py: how CAMEO codes, verbs and nouns map onto
newsgraph's ontology where the dictionaries alone would be wrong or too loose.

Each table says why its entries are there; a change here changes ``extractors/data/triggers.toml``
(regenerate with ``bench/build_lexicon.py``; ``--check`` tells when it is stale).
"""

from __future__ import annotations

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
#: ("lash out", "give in") are bare verbs too: only the reviewed ones here are triggers alone; the
#: others count in CAMEO's patterns (with an object or a preposition) or in the curated rules.
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
    # WELCOME sits in CAMEO's ACCLAIM block [051]; its hosting sense is coded by its patterns with
    # a guest as object ("WELCOME * VISIT", "(TO)", "COUNTERPARTS" [043]), which the curated
    # meeting rule reads first: what is left ("welcomed X's decision") is praise of its doer
    "welcome": "051",
    "cooperate": "060", "collaborate": "060",
    "appeal": "020", "petition": "020", "implore": "020", "plead": "020",
    # SUGGEST [020]: a request only with the act advised ("advised X TO leave"; not "advised the
    # government on reforms"): the sense test of lexicon.toml [triggers] clause_sense_verbs
    "advise": "020",
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
    # IMPEL [170] "coerce": a coercion of the object only with the act forced on it ("forced X TO
    # sell"; not "forced its way", "forced a vote"): lexicon.toml [triggers] clause_sense_verbs
    "force": "170", "compel": "170",
    # NATIONALIZE [171] "seize property": the owner of what is taken over is its target
    "nationalise": "171", "nationalize": "171",
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
    # DESTROY [190]: its electoral and sporting sense ("defeat CANDIDATE", "defeat GOVERNMENT",
    # "beat (IN ELECTION)" are [---] in CAMEO) is left out by the sense test of lexicon.toml
    # [triggers] force_sense_verbs: one side must be an armed agent noun ("troops", "rebels")
    "defeat": "190", "overpower": "190",
    # synonyms of CAMEO's blocks whose news sense is the act on a named target
    "belittle": "111", "disparage": "111", "impugn": "111", "malign": "111", "reproach": "111", "slander": "111",
    "blackmail": "170", "hijack": "181",
    "bludgeon": "180", "butcher": "202", "decapitate": "1823", "flog": "180", "slay": "1823", "strangle": "1823",
    "torch": "1712",
}
#: Verbs and nouns coded 173 whose act is a charge or a trial, not an arrest (the ontology lists
#: 173 under INDICTED too).
INDICT_VERBS = {"indict", "charge", "prosecute", "arraign", "convict", "try", "sentence"}
INDICT_NOUNS = {"charge", "charges", "trial", "indictment", "death penalty", "&crime"}
#: Verbs CAMEO codes 173 ("charge with legal action") that name a private lawsuit: an accusation
#: (115, bring lawsuit against; PLOVER ACCUSE), neither an arrest nor an indictment.
LAWSUIT_VERBS = {"sue"}
#: Agreement reached: CAMEO codes it as 03x intent (or 050 for AGREE); the ontology's AGREED_WITH
#: (code 03) is the agreement itself, named by the verb agree or an agreement noun as object.
AGREE_VERBS = {"agree", "concur"}
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "accords", "pact", "&treaty", "understanding"}
#: Object nouns that make an aid / appeal code the asylum type.
ASYLUM_NOUNS = {"asylum", "refuge", "sanctuary", "political asylum", "&asylum"}
#: Verbs of expression: CAMEO codes the stance they express by its object noun ("EXPRESS *
#: OUTRAGE" [111], "VOICE * SATISFACTION" [051]): the noun is the event, and
#: its target is the object of a preposition of the noun (``STANCE_PREPS``): "expressed outrage AT
#: X", "voiced anger OVER X's decision", "displeasure WITH the government".
EXPRESSION_VERBS = {"express", "voice"}
STANCE_PREPS = ("about", "at", "over", "to", "toward", "towards", "with")
#: Support (light) verbs: their CAMEO object noun carries the event ("impose sanctions").
SUPPORT_VERBS = {"hold", "impose", "launch", "stage", "conduct", "make", "give", "grant", "offer",
                 "reach", "sign", "issue", "level", "file", "carry_out", "mount", "begin", "start",
                 "open", "extend", "provide", "announce", "hold_talks", "engage"} | EXPRESSION_VERBS
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
#: Sectors of people who do not act for their state (agents.toml ``[civil]``): a demonym with one
#: of their nouns is no state actor ("Chilean business leaders", "Greek farmers", "the Turkish
#: community"). Political-actor sectors win when a noun is in both.
CIVIL_SECTORS = ("business", "labour", "civilians", "agriculture", "education", "media", "health",
                 "religious", "refugees")
