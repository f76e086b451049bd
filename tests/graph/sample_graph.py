"""A hand-built graph for the Neo4j export tests, following the graph.json contract exactly.

The facts follow the five sample articles (Russia offered Nicolás Maduro asylum through the
Vatican's Cardinal Parolin, Maduro considered asylum in Russia or Cuba, ...). Names, aliases,
a document title and evidence sentences carry Cypher injection strings, quotes, backslashes,
newlines and non-ASCII text, which every export must carry intact.
"""

import networkx as nx

__all__ = ["INJECTION", "NASTY_NAME", "NASTY_ALIAS", "NASTY_SENTENCE", "NASTY_TITLE", "DOCS",
           "sample_graph", "bigger_sample_graph"]

INJECTION = "'}) DETACH DELETE n //"
NASTY_NAME = "Seán O'Brien \"the \\ fixer\"" + "\n" + INJECTION
NASTY_ALIAS = 'O\'Brien; "the fixer" \\ ' + INJECTION + " \u2014 \u4e2d\u6587 \U0001F1FB\U0001F1EA"
NASTY_SENTENCE = ("O'Brien said: \"I met Maduro\" \\ in Caracas\nsecond line\r\n\ttabbed "
                  + INJECTION + " `) MATCH (m) DETACH DELETE m; \u00e9\u00e8 \U0001F600")
NASTY_TITLE = "Injection: " + INJECTION + " \\\" 'quoted'\nline two"

DOCS = {
    "000_53bb900a20402a61": {"title": "Russia offered Maduro asylum via Vatican before US capture, sources say",
                             "date": "2026-01-22", "outlet": "bne IntelliNews", "url": "https://example.org/000"},
    "001_b5732ac235b8c54a": {"title": "Even Moscow is looking for the exits on Nicolás Maduro",
                             "date": None, "outlet": None, "url": None},
    "002_427e35c869ece715": {"title": "US offers Maduro exit to Russia as Trump confirms talks",
                             "date": "2025-12-01", "outlet": "bne IntelliNews", "url": "https://example.org/002"},
    "003_ae0bb21b123004d3": {"title": "Venezuelan President Reportedly Considering Asylum as Pressure Grows on Regime",
                             "date": "2017-07-20", "outlet": "CNSNews", "url": "https://example.org/003"},
    "004_ec6b5c2151a68899": {"title": NASTY_TITLE, "date": "2026-01-05", "outlet": "Fortune",
                             "url": "https://example.org/004?a=1&b='2'"},
}

# (id, name, type, aliases, {doc: count}, titles, codes)
_ENTITIES = [
    ("state:RUS", "Russia", "State", ["Russia", "Moscow", "Kremlin"],
     {"000_53bb900a20402a61": 9, "001_b5732ac235b8c54a": 7, "002_427e35c869ece715": 3,
      "003_ae0bb21b123004d3": 3, "004_ec6b5c2151a68899": 6}, [],
     {"iso3": "RUS", "iso2": "RU", "wikidata": "Q159"}),
    ("state:USA", "United States", "State", ["United States", "US", "Washington"],
     {"000_53bb900a20402a61": 4, "002_427e35c869ece715": 5, "003_ae0bb21b123004d3": 4}, [],
     {"iso3": "USA", "iso2": "US", "wikidata": "Q30"}),
    ("state:VEN", "Venezuela", "State", ["Venezuela"],
     {"000_53bb900a20402a61": 6, "001_b5732ac235b8c54a": 8, "004_ec6b5c2151a68899": 5}, [],
     {"iso3": "VEN", "iso2": "VE", "wikidata": "Q717"}),
    ("state:CUB", "Cuba", "State", ["Cuba"], {"003_ae0bb21b123004d3": 4, "004_ec6b5c2151a68899": 2}, [],
     {"iso3": "CUB", "iso2": "CU", "wikidata": "Q241"}),
    ("state:VAT", "Vatican", "State", ["Vatican", "Holy See"], {"000_53bb900a20402a61": 2}, [],
     {"iso3": "VAT", "iso2": "VA", "wikidata": "Q237"}),
    ("person:nicolas-maduro", "Nicolás Maduro", "Person", ["Maduro", "Nicolás Maduro", "Nicolas Maduro"],
     {"000_53bb900a20402a61": 8, "001_b5732ac235b8c54a": 14, "002_427e35c869ece715": 7,
      "003_ae0bb21b123004d3": 9, "004_ec6b5c2151a68899": 8}, ["President"], {}),
    ("person:vladimir-putin", "Vladimir Putin", "Person", ["Vladimir Putin", "Putin"],
     {"000_53bb900a20402a61": 1, "002_427e35c869ece715": 1, "004_ec6b5c2151a68899": 3}, ["President"], {}),
    ("person:donald-trump", "Donald Trump", "Person", ["Trump", "Donald Trump"],
     {"002_427e35c869ece715": 6, "003_ae0bb21b123004d3": 2, "004_ec6b5c2151a68899": 4}, ["President"], {}),
    ("person:pietro-parolin", "Pietro Parolin", "Person", ["Pietro Parolin"],
     {"000_53bb900a20402a61": 1}, ["Cardinal"], {}),
    ("person:markwayne-mullin", "Markwayne Mullin", "Person", ["Markwayne Mullin"],
     {"002_427e35c869ece715": 1}, ["Senator"], {}),
    ("person:o-brien", NASTY_NAME, "Person", [NASTY_NAME, NASTY_ALIAS], {"004_ec6b5c2151a68899": 2}, [], {}),
    ("institution:stratfor", "Stratfor", "Institution", ["Stratfor"], {"003_ae0bb21b123004d3": 3}, [],
     {"wikidata": "Q1543140"}),
    ("location:caracas", "Caracas", "Location", ["Caracas"],
     {"000_53bb900a20402a61": 1, "002_427e35c869ece715": 1}, [], {}),
]

# (subject, type, object, label, family, symmetric, cameo, plover, evidence)
# evidence: (doc, sentence, start, trigger, status, according_to, role)
_RELATIONS = [
    ("state:RUS", "OFFERED_ASYLUM_TO", "person:nicolas-maduro", "offered asylum to", "cooperation", False,
     "0233", "AID", [
         ("000_53bb900a20402a61", "The initiative, reportedly channelled through Cardinal Pietro Parolin, "
          "offered Maduro political asylum and personal security guarantees in Russian territory.", 640,
          "offered", "reported", "the sources", None),
         ("000_53bb900a20402a61", "Russia offered Maduro asylum via Vatican before US capture, sources say",
          0, "offered", "reported", "sources", None),
     ]),
    ("state:RUS", "MEDIATED_VIA", "person:pietro-parolin", "acted through the mediation of", "cooperation",
     False, "", "CONSULT", [
         ("000_53bb900a20402a61", "The initiative, reportedly channelled through Cardinal Pietro Parolin, "
          "offered Maduro political asylum and personal security guarantees in Russian territory.", 640,
          "channelled through", "reported", None, None),
     ]),
    ("state:RUS", "MEDIATED_VIA", "state:VAT", "acted through the mediation of", "cooperation", False,
     "", "CONSULT", [
         ("000_53bb900a20402a61", "Russia presented a formal proposal to the United States through Vatican "
          "mediation to facilitate Nicolás Maduro's departure from Venezuela.", 310, "mediation",
          "reported", "diplomatic sources", None),
     ]),
    ("state:RUS", "PROPOSED_TO", "state:USA", "made a proposal to", "cooperation", False, "030", "AGREE", [
        ("000_53bb900a20402a61", "Russia presented a formal proposal to the United States through Vatican "
         "mediation to facilitate Nicolás Maduro's departure from Venezuela.", 310, "presented a formal proposal",
         "reported", "diplomatic sources", None),
        ("001_b5732ac235b8c54a", "Russia floated an offer to the United States to facilitate Maduro's "
         "departure from Venezuela.", 120, "floated an offer", "alleged", "ABC", None),
    ]),
    ("person:nicolas-maduro", "REJECTED", "state:RUS", "rejected", "conflict", False, "120", "REJECT", [
        ("000_53bb900a20402a61", "However, the plan collapsed when Maduro rejected the negotiated solution.",
         1500, "rejected", "asserted", None, None),
    ]),
    ("state:USA", "OFFERED_ASYLUM_TO", "person:nicolas-maduro", "offered asylum to", "cooperation", False,
     "0233", "AID", [
         ("002_427e35c869ece715", "The United States has offered Venezuelan President Nicolás Maduro the "
          "opportunity to leave his country for Russia.", 260, "offered", "alleged", "Markwayne Mullin", None),
     ]),
    ("person:nicolas-maduro", "SOUGHT_ASYLUM_IN", "state:RUS", "sought asylum in", "cooperation", False,
     "0233", "REQUEST", [
         ("003_ae0bb21b123004d3", "Venezuelan President Nicolas Maduro is actively considering asylum in "
          "Russia or Cuba.", 130, "considering asylum", "considered", "Stratfor", None),
     ]),
    ("person:nicolas-maduro", "SOUGHT_ASYLUM_IN", "state:CUB", "sought asylum in", "cooperation", False,
     "0233", "REQUEST", [
         ("003_ae0bb21b123004d3", "Venezuelan President Nicolas Maduro is actively considering asylum in "
          "Russia or Cuba.", 130, "considering asylum", "considered", "Stratfor", None),
     ]),
    ("person:donald-trump", "SPOKE_WITH", "person:nicolas-maduro", "spoke with", "cooperation", True,
     "040", "CONSULT", [
         ("002_427e35c869ece715", "Trump had held a telephone conversation with Maduro.", 120,
          "held a telephone conversation", "reported", "the New York Times", None),
     ]),
    ("person:nicolas-maduro", "APPEALED_TO", "person:vladimir-putin", "appealed to", "cooperation", False,
     "020", "REQUEST", [
         ("002_427e35c869ece715", "The US pressure campaign has prompted Maduro to appeal directly to "
          "Russian President Vladimir Putin for urgent military assistance.", 2400, "appeal", "reported",
          "the Washington Post", None),
     ]),
    ("person:vladimir-putin", "HEAD_OF", "state:RUS", "is head of", "role", False, "", "", [
        ("004_ec6b5c2151a68899", "Russian President Vladimir Putin and Venezuelan President Nicolas Maduro "
         "hold breakfast talks.", 0, "President", "asserted", None, "President"),
    ]),
    ("person:o-brien", "MET_WITH", "person:nicolas-maduro", "met with", "cooperation", True, "040",
     "CONSULT", [
         ("004_ec6b5c2151a68899", NASTY_SENTENCE, 900, "met", "alleged", INJECTION, None),
     ]),
]

_COOCCURRENCES = [
    ("location:caracas", "person:nicolas-maduro", "000_53bb900a20402a61",
     "Maduro's arrest in Caracas during a US-led military operation on January 3.", 2100),
    ("person:nicolas-maduro", "state:CUB", "004_ec6b5c2151a68899",
     "It is not about saving Maduro from his already written fate, given Cuba and Nicaragua.", 2800),
    ("institution:stratfor", "person:nicolas-maduro", "003_ae0bb21b123004d3",
     "The release of Lopez was an apparent concession, according to Stratfor.", 1700),
    ("person:o-brien", "state:VEN", "004_ec6b5c2151a68899", NASTY_SENTENCE, 900),
]

_STRENGTH = ["asserted", "reported", "alleged", "proposed", "considered", "hypothetical", "negated"]


def sample_graph(*, extra: bool = False) -> nx.MultiDiGraph:
    """The Neo4j test graph (13 entities, 5 documents, 16 relationships).

    Parameters
    ----------
    extra : bool
        Add what a later build with one more document would add (see :func:`bigger_sample_graph`).

    Examples
    --------
    >>> G = sample_graph()
    >>> G.number_of_nodes(), G.number_of_edges(), len(G.graph["document_index"])
    (13, 16, 5)
    """
    docs = dict(DOCS)
    entities = list(_ENTITIES)
    relations = list(_RELATIONS)
    if extra:
        docs["005_extra"] = {"title": "Cuba denies asylum talks", "date": "2026-02-01",
                             "outlet": "Reuters", "url": "https://example.org/005"}
        entities.append(("person:miguel-diaz-canel", "Miguel Díaz-Canel", "Person",
                         ["Miguel Díaz-Canel", "Díaz-Canel"], {"005_extra": 2}, ["President"], {}))
        relations.append(("person:miguel-diaz-canel", "REJECTED", "person:nicolas-maduro", "rejected",
                          "conflict", False, "120", "REJECT", [
                              ("005_extra", "Díaz-Canel rejected Maduro's request.", 40, "rejected",
                               "asserted", None, None)]))
    G = nx.MultiDiGraph()
    G.graph.update(
        newsgraph_version="0.1.0",
        model="en_core_web_sm-3.8.0",
        created="2026-02-02T10:00:00Z",
        documents=len(docs),
        corpus="sample",
        document_index={d: {**meta, "path": f"corpus/sample/{d}.txt"} for d, meta in docs.items()},
        date_range=["2017-07-20", "2026-02-01" if extra else "2026-01-22"],
    )
    for nid, name, etype, aliases, per_doc, titles, codes in entities:
        mentions = sum(per_doc.values())
        G.add_node(
            nid, id=nid, name=name, type=etype, aliases=aliases,
            alias_counts={a: max(1, mentions - 2 * i) for i, a in enumerate(aliases)},
            mentions=mentions, docs=sorted(per_doc), titles=titles, codes=codes,
            resolution=[{"doc": d, "alias": aliases[0], "count": c, "how": "exact"}
                        for d, c in sorted(per_doc.items())],
        )
    for subj, rtype, obj, label, family, symmetric, cameo, plover, evs in relations:
        evidence = []
        for doc, sentence, start, trigger, status, according_to, role in evs:
            t0 = sentence.find(trigger)
            evidence.append({
                "doc": doc, "sentence": sentence, "start": start, "end": start + len(sentence),
                "date": docs[doc]["date"], "trigger": trigger, "trigger_start": start + t0,
                "trigger_end": start + t0 + len(trigger), "rule": f"{rtype.lower()}.v1",
                "confidence": 0.85, "status": status, "according_to": according_to, "role": role,
            })
        _add_edge(G, subj, rtype, obj, label, family, symmetric, cameo, plover, evidence)
    for a, b, doc, sentence, start in _COOCCURRENCES:
        evidence = [{"doc": doc, "sentence": sentence, "start": start, "end": start + len(sentence),
                     "date": docs[doc]["date"]}]
        _add_edge(G, a, "MENTIONED_WITH", b, "mentioned with", "co-occurrence", True, "", "", evidence)
    return G


def bigger_sample_graph() -> nx.MultiDiGraph:
    """The sample graph after a build with one more document: 1 new entity, relation, document."""
    return sample_graph(extra=True)


def _add_edge(G, subj, rtype, obj, label, family, symmetric, cameo, plover, evidence):
    if symmetric and obj < subj:
        subj, obj = obj, subj
    dates = sorted(e["date"] for e in evidence if e["date"])
    statuses = [e.get("status") or "asserted" for e in evidence]
    G.add_edge(subj, obj, key=rtype, type=rtype, label=label, family=family, symmetric=symmetric,
               weight=len(evidence), status=min(statuses, key=_STRENGTH.index),
               first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
               cameo=cameo, plover=plover, evidence=evidence)
