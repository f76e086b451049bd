"""Hand-built graphs for the HTML export tests and benchmark.

:func:`fixture_graph` follows the graph.json contract of DEVELOPERS.md exactly
and carries HTML/script injection payloads in an entity name, an alias, a
document title and evidence sentences. :func:`synthetic_graph` makes a large,
deterministic graph of any size for the benchmark and large-graph tests.
"""

import random

import networkx as nx

__all__ = [
    "PAYLOAD_NAME",
    "PAYLOAD_ALIAS",
    "PAYLOAD_SENTENCE",
    "PAYLOAD_TITLE",
    "fixture_graph",
    "synthetic_graph",
    "news_like_graph",
]

# Each payload sets window.__pwned if the page ever interprets it as HTML or script.
PAYLOAD_NAME = "Evil <img src=x onerror=\"window.__pwned='name'\"> Corp"
PAYLOAD_ALIAS = "<script>window.__pwned='alias'</script>"
PAYLOAD_SENTENCE = (
    "Evil Corp met Nicolás Maduro <img src=x onerror=\"window.__pwned='sentence'\"> "
    "in Caracas.</script><script>window.__pwned='breakout'</script>\u2028<!-- done"
)
PAYLOAD_TITLE = "<b>Leak</b><script>window.__pwned='title'</script>"

_DOCS = {
    "d1": {"title": "Russia offers asylum", "date": "2024-01-05", "outlet": "Reuters"},
    "d2": {"title": "New sanctions on Caracas", "date": "2024-02-10", "outlet": "AP"},
    "d3": {"title": PAYLOAD_TITLE, "date": "2024-03-20", "outlet": "The <i>Outlet</i>"},
    "d4": {"title": "Think tank report", "date": None, "outlet": "CSIS"},
}

# (id, name, type, aliases, mentions, docs, titles, codes)
_ENTITIES = [
    ("person:nicolas-maduro", "Nicolás Maduro", "Person", ["Nicolás Maduro", "Maduro",
     "Nicolas Maduro"], 9, ["d1", "d2", "d3"], ["President"], {}),
    ("person:evil-corp", PAYLOAD_NAME, "Person", [PAYLOAD_NAME, PAYLOAD_ALIAS], 2, ["d3"], [], {}),
    ("state:VEN", "Venezuela", "State", ["Venezuela", "Caracas government"], 7, ["d1", "d2", "d3"],
     [], {"iso3": "VEN", "iso2": "VE", "wikidata": "Q717"}),
    ("state:RUS", "Russia", "State", ["Russia", "Moscow", "Kremlin"], 5, ["d1", "d2"], [],
     {"iso3": "RUS", "iso2": "RU", "wikidata": "Q159"}),
    ("state:USA", "United States", "State", ["United States", "Washington", "U.S."], 6,
     ["d2", "d4"], [], {"iso3": "USA", "iso2": "US", "wikidata": "Q30"}),
    ("institution:csis", "Center for Strategic and International Studies", "Institution",
     ["CSIS", "Center for Strategic and International Studies"], 3, ["d4"], [],
     {"wikidata": "Q1068306"}),
    ("location:caracas", "Caracas", "Location", ["Caracas"], 4, ["d2", "d3", "d4"], [], {}),
]

# (subject, type, object, label, family, symmetric, cameo, plover, evidence)
# evidence: (doc, sentence, sentence start offset, trigger or None, status, according_to, role)
_RELATIONS = [
    ("state:RUS", "OFFER_ASYLUM", "person:nicolas-maduro", "offered asylum to", "cooperation",
     False, "0233", "AID", [
         ("d1", "Moscow has offered asylum to Nicolás Maduro, officials said.", 120,
          "offered asylum", "reported", "officials", None),
         ("d2", "The Kremlin offered asylum to Maduro last month.", 40,
          "offered asylum", "asserted", None, None),
         # d1 prints the same paragraph twice: one sentence, one document
         ("d1", "Moscow has offered asylum to Nicolás Maduro, officials said.", 900,
          "offered asylum", "reported", "officials", None),
     ]),
    ("state:USA", "SANCTION", "state:VEN", "imposed sanctions on", "conflict", False, "163",
     "SANCTION", [
         ("d2", "Washington imposed new sanctions on Venezuela on Monday.", 0,
          "imposed new sanctions", "asserted", "state:VEN", None),
     ]),
    ("person:nicolas-maduro", "HEAD_OF", "state:VEN", "is head of", "role", False, "", "", [
        ("d1", "Venezuelan President Nicolás Maduro spoke on television.", 300,
         "President", "asserted", None, "president"),
    ]),
    ("person:evil-corp", "MEET", "person:nicolas-maduro", "met with", "cooperation", True,
     "040", "CONSULT", [
         ("d3", PAYLOAD_SENTENCE, 55, "met", "alleged", "<script>window.__pwned='source'</script>",
          None),
     ]),
    ("state:USA", "THREATEN", "state:RUS", "threatened", "conflict", False, "130", "THREATEN", [
        ("d2", "Washington did not threaten Moscow, the envoy said.", 200,
         "threaten", "negated", "the envoy", None),
    ]),
    ("state:RUS", "MEET", "state:VEN", "met with", "cooperation", True, "040", "CONSULT", [
        ("d1", "Russia and Venezuela met in Caracas to consider a deal.", 500,
         "met", "considered", None, None),
    ]),
]

_COOCCURRENCES = [
    ("institution:csis", "location:caracas", "d4", "CSIS opened an office in Caracas.", 10),
    ("institution:csis", "state:USA", "d4", "CSIS briefed the United States.", 60),
    ("location:caracas", "state:VEN", "d2", "Caracas is the capital of Venezuela.", 90),
]


def _doc_date(doc):
    return _DOCS[doc]["date"]


def fixture_graph():
    """A small graph that follows the graph.json contract, with injection payloads.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> G = fixture_graph()
    >>> G.number_of_nodes(), G.graph["documents"]
    (7, 4)
    """
    G = nx.MultiDiGraph()
    G.graph.update(
        newsgraph_version="0.1.0",
        model="en_core_web_sm-3.8.0",
        created="2024-04-01T12:00:00Z",
        documents=len(_DOCS),
        corpus="fixture <corpus> & co",
        document_index={
            doc: {**meta, "url": f"https://example.org/{doc}", "path": f"corpus/{doc}.txt"}
            for doc, meta in _DOCS.items()
        },
        date_range=["2024-01-05", "2024-03-20"],
    )
    for nid, name, etype, aliases, mentions, docs, titles, codes in _ENTITIES:
        G.add_node(
            nid,
            id=nid,
            name=name,
            type=etype,
            aliases=aliases,
            alias_counts={a: max(1, mentions - i) for i, a in enumerate(aliases)},
            mentions=mentions,
            docs=sorted(docs),
            titles=titles,
            codes=codes,
            resolution=[{"doc": docs[0], "alias": a, "count": 1, "how": "exact"} for a in aliases],
        )
    for subj, rtype, obj, label, family, symmetric, cameo, plover, evs in _RELATIONS:
        evidence = []
        for doc, sentence, start, trigger, status, according_to, role in evs:
            t0 = sentence.index(trigger)
            evidence.append({
                "doc": doc,
                "sentence": sentence,
                "start": start,
                "end": start + len(sentence),
                "date": _doc_date(doc),
                "trigger": trigger,
                "trigger_start": start + t0,
                "trigger_end": start + t0 + len(trigger),
                "rule": f"{rtype.lower()}.v1",
                "confidence": 0.8,
                "status": status,
                "according_to": according_to,
                "role": role,
            })
        _add_edge(G, subj, rtype, obj, label, family, symmetric, cameo, plover, evidence)
    for a, b, doc, sentence, start in _COOCCURRENCES:
        evidence = [{"doc": doc, "sentence": sentence, "start": start,
                     "end": start + len(sentence), "date": _doc_date(doc)}]
        _add_edge(G, a, "MENTIONED_WITH", b, "mentioned with", "co-occurrence", True, "", "",
                  evidence)
    return G


_STRENGTH = ["asserted", "reported", "alleged", "proposed", "considered", "hypothetical", "negated"]


def _add_edge(G, subj, rtype, obj, label, family, symmetric, cameo, plover, evidence):
    if symmetric and obj < subj:
        subj, obj = obj, subj
    dates = sorted(e["date"] for e in evidence if e["date"])
    statuses = [e.get("status") or "asserted" for e in evidence]
    G.add_edge(
        subj, obj, key=rtype,
        type=rtype,
        label=label,
        family=family,
        symmetric=symmetric,
        weight=len(evidence),
        status=min(statuses, key=_STRENGTH.index),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        cameo=cameo,
        plover=plover,
        evidence=evidence,
    )


_TYPES = ["Person", "State", "Institution", "Location"]
_SYN_RELATIONS = [
    ("MEET", "met with", "cooperation", True),
    ("SUPPORT", "supported", "cooperation", False),
    ("SANCTION", "imposed sanctions on", "conflict", False),
    ("ATTACK", "attacked", "conflict", False),
    ("MEMBER_OF", "is member of", "role", False),
    ("MENTIONED_WITH", "mentioned with", "co-occurrence", True),
]


def synthetic_graph(n, *, seed=0, edges_per_node=2):
    """A deterministic contract-shaped graph with ``n`` entities.

    Edges follow preferential attachment (a few hubs, many leaves), as entity
    graphs built from news do; about a sixth are ``MENTIONED_WITH``.

    Examples
    --------
    >>> G = synthetic_graph(50)
    >>> G.number_of_nodes()
    50
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n_docs = max(1, n // 10)
    doc_index = {
        f"doc{i}": {"title": f"Article {i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "outlet": ["Reuters", "AP", "AFP"][i % 3], "url": "", "path": f"doc{i}.txt"}
        for i in range(n_docs)
    }
    dates = sorted(d["date"] for d in doc_index.values())
    G.graph.update(newsgraph_version="0.1.0", model="synthetic", created="2024-01-01T00:00:00Z",
                   documents=n_docs, corpus=f"synthetic {n}", document_index=doc_index,
                   date_range=[dates[0], dates[-1]])
    ids = []
    for i in range(n):
        etype = _TYPES[i % 4]
        nid = f"{etype.lower()}:e{i}"
        docs = sorted({f"doc{rng.randrange(n_docs)}" for _ in range(rng.randint(1, 3))})
        G.add_node(nid, id=nid, name=f"Entity {i}", type=etype, aliases=[f"Entity {i}", f"E{i}"],
                   alias_counts={f"Entity {i}": 2, f"E{i}": 1}, mentions=rng.randint(1, 40),
                   docs=docs, titles=[], codes={}, resolution=[])
        ids.append(nid)
    targets = []  # preferential attachment pool
    for i, nid in enumerate(ids):
        for _ in range(min(i, edges_per_node)):
            other = rng.choice(targets) if targets and rng.random() < 0.8 else ids[rng.randrange(i)]
            if other == nid:
                continue
            rtype, label, family, symmetric = rng.choice(_SYN_RELATIONS)
            if G.has_edge(nid, other, key=rtype) or G.has_edge(other, nid, key=rtype):
                continue
            doc = rng.choice(G.nodes[nid]["docs"])
            sentence = f"{G.nodes[nid]['name']} {label} {G.nodes[other]['name']}."
            ev = {"doc": doc, "sentence": sentence, "start": 0, "end": len(sentence),
                  "date": doc_index[doc]["date"]}
            if rtype != "MENTIONED_WITH":
                t0 = len(G.nodes[nid]["name"]) + 1
                ev.update(trigger=label, trigger_start=t0, trigger_end=t0 + len(label),
                          rule=f"{rtype.lower()}.v1", confidence=0.7,
                          status=rng.choice(["asserted", "asserted", "reported", "alleged"]),
                          according_to=None, role=None)
            _add_edge(G, nid, rtype, other, label, family, symmetric, "", "", [ev])
            targets += [nid, other]
    return G


_WORDS = ("minister government talks said officials sanctions deal market election party "
          "president company shares growth court police report agreement visit crisis").split()


def news_like_graph(*, documents=1000, entities=6600, typed=920, cooccurrences=14000, seed=5):
    """A graph shaped like a 1,000-article BBC build (same counts, similar text sizes).

    ``newsgraph build`` of the first 1,000 BBC articles gives about 6,600 entities, 920 typed
    relations and 14,000 ``MENTIONED_WITH`` edges (18,000 sentences), a 15 MB graph.json:
    this makes a graph of that size in a second, without the model.

    Examples
    --------
    >>> G = news_like_graph(documents=20, entities=100, typed=30, cooccurrences=80)
    >>> G.number_of_nodes(), G.number_of_edges() >= 100
    (100, True)
    """
    rng = random.Random(seed)

    def sentence(n):
        return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize() + "."

    doc_index = {
        f"news-{i:04d}": {"title": sentence(7), "date": None, "outlet": "BBC News", "url": None,
                          "path": f"/srv/data/news.jsonl:{i + 1}"}
        for i in range(documents)
    }
    doc_ids = list(doc_index)
    G = nx.MultiDiGraph()
    G.graph.update(newsgraph_version="0.1.0", model="synthetic", created="2024-01-01T00:00:00Z",
                   documents=documents, corpus="news.jsonl", document_index=doc_index, date_range=None)
    ids = []
    for i in range(entities):
        etype = _TYPES[i % 4]
        nid = f"{etype.lower()}:n{i}"
        name = f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS).capitalize()} {i}"
        aliases = [name] + [f"{name.split()[0]} {k}" for k in range(rng.randint(0, 3))]
        docs = sorted({rng.choice(doc_ids) for _ in range(rng.randint(1, 4))})
        G.add_node(nid, id=nid, name=name, type=etype, aliases=aliases,
                   alias_counts={a: 1 for a in aliases}, mentions=rng.randint(1, 30), docs=docs,
                   titles=[], codes={},
                   resolution=[{"doc": docs[0], "alias": a, "count": 1, "how": "exact"} for a in aliases])
        ids.append(nid)
    hubs = ids[:60]

    def pair():
        a = rng.choice(hubs) if rng.random() < 0.4 else rng.choice(ids)
        b = rng.choice(ids)
        return (a, b) if a != b else pair()

    made = 0
    while made < typed:
        a, b = pair()
        rtype, label, family, symmetric = rng.choice(_SYN_RELATIONS[:-1])
        if G.has_edge(a, b, key=rtype) or G.has_edge(b, a, key=rtype):
            continue
        evidence = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            doc, text = rng.choice(doc_ids), sentence(rng.randint(15, 35))
            evidence.append({"doc": doc, "sentence": text, "start": 100, "end": 100 + len(text),
                             "date": None, "trigger": text[:5], "trigger_start": 100, "trigger_end": 105,
                             "rule": f"{rtype.lower()}.v1", "confidence": 0.7, "status": "asserted",
                             "according_to": None, "role": None})
        _add_edge(G, a, rtype, b, label, family, symmetric, "", "", evidence)
        made += 1
    made = 0
    while made < cooccurrences:
        a, b = pair()
        if G.has_edge(a, b, key="MENTIONED_WITH") or G.has_edge(b, a, key="MENTIONED_WITH"):
            continue
        evidence = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            doc, text = rng.choice(doc_ids), sentence(rng.randint(15, 35))
            evidence.append({"doc": doc, "sentence": text, "start": 10, "end": 10 + len(text), "date": None})
        _add_edge(G, a, "MENTIONED_WITH", b, "mentioned with", "co-occurrence", True, "", "", evidence)
        made += 1
    return G
