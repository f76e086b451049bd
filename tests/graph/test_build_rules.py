"""The edge and node rules of ``build_graph``, one hand-built input and one expected result each.

No spaCy model here: the input is ``DocResult`` records written by hand, so each test reads
"these evidence items -> this edge". The record constructors live in one block at the top
(``_entity``, ``_mention``, ``_relation``, ``_doc_result``, ``_without_mentions_of``): when the
records move or change shape, that block is the only place to adapt.
"""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.extractors.relations import Ontology
from newsgraph.graph.build import build_graph

# --- the record constructors: the only code that knows the records' shapes -------------------------
from newsgraph.extractors.models import EntityInfo, Mention
from newsgraph.extractors.pipeline import DocResult
from newsgraph.extractors.relations import Relation


def _entity(key: str, type_: str, name: str):
    return EntityInfo(key=key, type=type_, name=name)


def _mention(*, start: int, end: int, text: str, type_: str, key: str, how: str, sent: int):
    return Mention(start=start, end=end, text=text, type=type_, key=key, how=how, sent=sent)


def _relation(*, subject, rtype, obj, sent_start, sent_end, trigger, trigger_start, status, rule):
    return Relation(subject=subject, type=rtype, object=obj, sent_start=sent_start, sent_end=sent_end,
                    trigger=trigger, trigger_start=trigger_start, trigger_end=trigger_start + len(trigger),
                    rule=rule, confidence=0.9, status=status, according_to=None, role=None)


def _doc_result(*, doc_id, date, mentions, entities, links, sentences, cooccurrences, relations):
    return DocResult(doc_id=doc_id, date=date, words=0, mentions=mentions, entities=entities, links=links,
                     sentences=sentences, cooccurrences=cooccurrences, relations=relations)


def _without_mentions_of(result, key: str):
    return dataclasses.replace(result, mentions=[m for m in result.mentions if m.key != key])


# --- the small language of these tests ------------------------------------------------------------

RUS, VEN, CUB, USA = "state:RUS", "state:VEN", "state:CUB", "state:USA"
MADURO = "person:nicolas-maduro"
NAMES = {RUS: "Russia", VEN: "Venezuela", CUB: "Cuba", USA: "United States", MADURO: "Nicolás Maduro"}
TYPES = {"state": "State", "person": "Person", "institution": "Institution", "location": "Location"}
ONTOLOGY = Ontology.load()
SYMMETRIC, DIRECTED = "MET_WITH", "OFFERED_ASYLUM_TO"  # per the shipped ontology (checked below)


@dataclasses.dataclass(frozen=True)
class Found:
    """One relation as an extractor reports it: in sentence ``sent``, trigger at offset ``at`` in it."""

    subject: str
    rtype: str
    obj: str
    sent: int = 0
    trigger: str = "met"
    at: int = 0
    status: str = "asserted"


def found(subject: str, rtype: str, obj: str, **kw) -> Found:
    return Found(subject, rtype, obj, **kw)


def said(key: str, text: str, *, sent: int = 0, how: str = "exact") -> tuple:
    """An explicit mention of ``key`` as ``text`` in sentence ``sent``, resolved because of ``how``."""
    return key, text, sent, how


def doc(doc_id: str, *relations: Found, date: str | None = None, together=(), mentions=(), links=(),
        sentences: list[str] | None = None):
    """A DocResult: ``relations`` found, ``together`` = (sentence, keys) co-occurrences.

    Every entity used gets one plain mention per sentence it appears in, unless ``mentions``
    (``said(...)``) names it; ``links`` are (text in sentence, sentence, key, how).
    """
    used = [(f.sent, k) for f in relations for k in (f.subject, f.obj)]
    used += [(i, k) for i, keys in together for k in keys]
    n = max([i for i, _ in used] + [m[2] for m in mentions] + [ln[1] for ln in links] + [0]) + 1
    texts = sentences or [f"Sentence {i} of {doc_id} about something." for i in range(n)]
    sents, offset = {}, 0
    for i, text in enumerate(texts):
        sents[i] = (offset, offset + len(text), text)
        offset += len(text) + 1
    explicit = {m[0] for m in mentions}
    specs = list(mentions) + sorted({(k, NAMES.get(k, k.split(":")[1]), i, "exact")
                                     for i, k in used if k not in explicit})
    ment = [_mention(start=sents[i][0], end=sents[i][0] + len(t), text=t, type_=TYPES[k.split(":")[0]],
                     key=k, how=h, sent=i) for k, t, i, h in specs]
    ents = {k: _entity(k, TYPES[k.split(":")[0]], NAMES.get(k, k.split(":")[1])) for k, *_ in specs}
    rels = [_relation(subject=f.subject, rtype=f.rtype, obj=f.obj, sent_start=sents[f.sent][0],
                      sent_end=sents[f.sent][1], trigger=f.trigger, trigger_start=sents[f.sent][0] + f.at,
                      status=f.status, rule=f"{f.rtype.lower()}.test.v1") for f in relations]
    lnk = []
    for text, i, key, how in links:
        start = sents[i][0] + sents[i][2].index(text)
        lnk.append((start, start + len(text), key, how))
    return _doc_result(doc_id=doc_id, date=date, mentions=ment, entities=ents, links=lnk, sentences=sents,
                       cooccurrences=[(i, list(keys)) for i, keys in together], relations=rels)


def build(*results):
    documents = {r.doc_id: {"title": r.doc_id, "date": r.date} for r in results}
    return build_graph(results, documents, ontology=ONTOLOGY)


def edge(G, u: str, rtype: str, v: str) -> dict:
    assert G.has_edge(u, v, rtype), f"no edge {u} -{rtype}-> {v}; edges: {sorted(G.edges(keys=True))}"
    return G.edges[u, v, rtype]


def typed_edges(G) -> list[tuple[str, str, str]]:
    return sorted((u, v, k) for u, v, k in G.edges(keys=True) if k != "MENTIONED_WITH")


def test_the_types_used_here_are_what_the_tests_assume():
    assert ONTOLOGY.types[SYMMETRIC].symmetric and not ONTOLOGY.types[DIRECTED].symmetric


# --- status: the strongest among the evidence ---------------------------------------------------------

# Each adjacent pair of the contract's order (asserted > reported > alleged > proposed > considered >
# hypothetical > negated), weaker found first, then the whole ladder.
STATUS_CASES = [
    (["reported", "asserted"], "asserted"),
    (["alleged", "reported"], "reported"),
    (["proposed", "alleged"], "alleged"),
    (["considered", "proposed"], "proposed"),
    (["hypothetical", "considered"], "considered"),
    (["negated", "hypothetical"], "hypothetical"),
    (["negated"], "negated"),
    (["negated", "hypothetical", "considered", "proposed", "alleged", "reported", "asserted"], "asserted"),
    (["alleged", "negated", "considered"], "alleged"),
]


@pytest.mark.parametrize(("statuses", "expected"), STATUS_CASES)
@pytest.mark.parametrize("reverse", [False, True], ids=["weaker-first", "stronger-first"])
def test_edge_status_is_the_strongest_among_its_evidence(statuses, expected, reverse):
    statuses = statuses[::-1] if reverse else statuses
    G = build(doc("d1", *[found(RUS, "SANCTIONED", VEN, sent=i, status=s) for i, s in enumerate(statuses)]))
    e = edge(G, RUS, "SANCTIONED", VEN)
    assert e["status"] == expected
    assert [x["status"] for x in e["evidence"]] == statuses  # each item keeps its own status


def test_status_summary_spans_documents():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN, status="negated")),
              doc("d2", found(RUS, "SANCTIONED", VEN, status="reported")),
              doc("d3", found(RUS, "SANCTIONED", VEN, status="considered")))
    assert edge(G, RUS, "SANCTIONED", VEN)["status"] == "reported"


def test_co_occurrence_edges_are_asserted_whatever_the_relations_say():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN, status="negated"), together=[(0, [RUS, VEN])]))
    assert edge(G, RUS, "MENTIONED_WITH", VEN)["status"] == "asserted"
    assert edge(G, RUS, "SANCTIONED", VEN)["status"] == "negated"


# --- evidence de-duplication: one sentence and trigger is one piece of evidence ----------------------


def test_the_same_sentence_and_trigger_twice_is_one_evidence_item():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN, trigger="sanctioned", at=7),
                  found(RUS, "SANCTIONED", VEN, trigger="sanctioned", at=7)))
    e = edge(G, RUS, "SANCTIONED", VEN)
    assert len(e["evidence"]) == 1 and e["weight"] == 1


def test_a_symmetric_pair_found_both_ways_in_one_sentence_is_one_evidence_item():
    # "Cuba and Venezuela met": an extractor may report both directions of the joint act
    G = build(doc("d1", found(VEN, SYMMETRIC, CUB, at=20), found(CUB, SYMMETRIC, VEN, at=20)))
    assert typed_edges(G) == [(CUB, VEN, SYMMETRIC)]
    assert edge(G, CUB, SYMMETRIC, VEN)["weight"] == 1


def test_distinct_triggers_sentences_or_documents_are_distinct_evidence():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN, trigger="sanctioned", at=7),
                  found(RUS, "SANCTIONED", VEN, trigger="blacklisted", at=30),  # same sentence, other trigger
                  found(RUS, "SANCTIONED", VEN, trigger="sanctioned", at=7, sent=1)),  # other sentence
              doc("d2", found(RUS, "SANCTIONED", VEN, trigger="sanctioned", at=7)))  # other document
    e = edge(G, RUS, "SANCTIONED", VEN)
    assert [(x["doc"], x["trigger"]) for x in e["evidence"]] == [
        ("d1", "sanctioned"), ("d1", "blacklisted"), ("d1", "sanctioned"), ("d2", "sanctioned")]


def test_the_same_sentence_listed_twice_is_one_co_occurrence():
    G = build(doc("d1", together=[(0, [RUS, VEN]), (0, [VEN, RUS])]))
    assert edge(G, RUS, "MENTIONED_WITH", VEN)["weight"] == 1


def test_evidence_items_carry_the_contract_keys():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN, sent=1, trigger="sanctioned", at=4, status="alleged"),
                  date="2026-01-22", together=[(1, [RUS, VEN])]))
    (typed,) = edge(G, RUS, "SANCTIONED", VEN)["evidence"]
    sentence = "Sentence 1 of d1 about something."
    start = len("Sentence 0 of d1 about something.") + 1
    assert typed == {"doc": "d1", "sentence": sentence, "start": start, "end": start + len(sentence),
                     "date": "2026-01-22", "trigger": "sanctioned", "trigger_start": start + 4,
                     "trigger_end": start + 14, "rule": "sanctioned.test.v1", "confidence": 0.9,
                     "status": "alleged", "according_to": None, "role": None,
                     "actor_role": None, "actor_sector": None, "target_role": None, "target_sector": None}
    (co,) = edge(G, RUS, "MENTIONED_WITH", VEN)["evidence"]
    assert co == {"doc": "d1", "sentence": sentence, "start": start, "end": start + len(sentence),
                  "date": "2026-01-22"}


# --- symmetric types: stored once, subject id < object id ---------------------------------------------


@pytest.mark.parametrize(("subject", "obj"), [(VEN, CUB), (CUB, VEN)], ids=["found-backwards", "found-in-order"])
def test_a_symmetric_type_is_stored_with_the_smaller_id_first(subject, obj):
    G = build(doc("d1", found(subject, SYMMETRIC, obj)))
    assert typed_edges(G) == [(CUB, VEN, SYMMETRIC)]
    assert edge(G, CUB, SYMMETRIC, VEN)["symmetric"] is True


def test_a_symmetric_type_found_both_ways_is_one_edge_with_all_the_evidence():
    G = build(doc("d1", found(VEN, SYMMETRIC, CUB, sent=0), found(CUB, SYMMETRIC, VEN, sent=1)),
              doc("d2", found(VEN, SYMMETRIC, CUB)))
    assert typed_edges(G) == [(CUB, VEN, SYMMETRIC)]
    assert edge(G, CUB, SYMMETRIC, VEN)["weight"] == 3


def test_a_directed_type_keeps_the_order_found():
    G = build(doc("d1", found(VEN, DIRECTED, MADURO, trigger="offered"), found(RUS, DIRECTED, CUB, sent=1)))
    assert typed_edges(G) == [(RUS, CUB, DIRECTED), (VEN, MADURO, DIRECTED)]
    assert edge(G, VEN, DIRECTED, MADURO)["symmetric"] is False


def test_a_directed_type_found_both_ways_is_two_edges():
    G = build(doc("d1", found(VEN, "SANCTIONED", USA), found(USA, "SANCTIONED", VEN, sent=1)))
    assert typed_edges(G) == [(USA, VEN, "SANCTIONED"), (VEN, USA, "SANCTIONED")]


# --- weight: the number of evidence items ---------------------------------------------------------------


def test_weight_is_the_number_of_evidence_items():
    # 4 items: 2 documents, 3 sentences (one holds two triggers), 2 statuses, 1 date
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN, trigger="sanctioned", at=0),
                  found(RUS, "SANCTIONED", VEN, trigger="froze", at=20),
                  found(RUS, "SANCTIONED", VEN, sent=1, status="alleged"), date="2026-02-01"),
              doc("d2", found(RUS, "SANCTIONED", VEN, status="alleged"), date="2026-02-01"))
    e = edge(G, RUS, "SANCTIONED", VEN)
    assert len(e["evidence"]) == 4
    assert e["weight"] == 4


def test_a_single_evidence_item_weighs_one():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN), together=[(0, [RUS, VEN])]))
    assert edge(G, RUS, "SANCTIONED", VEN)["weight"] == 1
    assert edge(G, RUS, "MENTIONED_WITH", VEN)["weight"] == 1


def test_co_occurrence_weight_counts_sentences():
    G = build(doc("d1", together=[(0, [RUS, VEN]), (2, [RUS, VEN, CUB])]), doc("d2", together=[(0, [VEN, RUS])]))
    assert edge(G, RUS, "MENTIONED_WITH", VEN)["weight"] == 3
    assert edge(G, CUB, "MENTIONED_WITH", VEN)["weight"] == 1


# --- first_seen / last_seen: from the evidence's dates ---------------------------------------------------


def test_first_and_last_seen_are_the_earliest_and_latest_evidence_dates():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN), date="2026-02-10"),
              doc("d2", found(RUS, "SANCTIONED", VEN), date="2026-03-01"),
              doc("d3", found(RUS, "SANCTIONED", VEN), date="2026-01-05"),
              doc("d4", found(RUS, "SANCTIONED", VEN), date=None))
    e = edge(G, RUS, "SANCTIONED", VEN)
    assert (e["first_seen"], e["last_seen"]) == ("2026-01-05", "2026-03-01")


def test_first_and_last_seen_are_null_without_dates():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN), together=[(0, [RUS, VEN])]))
    for rtype in ("SANCTIONED", "MENTIONED_WITH"):
        e = edge(G, RUS, rtype, VEN)
        assert e["first_seen"] is None and e["last_seen"] is None


def test_one_dated_item_is_both_first_and_last_seen():
    G = build(doc("d1", found(RUS, "SANCTIONED", VEN)), doc("d2", found(RUS, "SANCTIONED", VEN), date="2026-01-22"))
    e = edge(G, RUS, "SANCTIONED", VEN)
    assert (e["first_seen"], e["last_seen"]) == ("2026-01-22", "2026-01-22")


def test_co_occurrence_dates_come_from_its_own_evidence():
    G = build(doc("d1", together=[(0, [RUS, VEN])], date="2026-03-01"),
              doc("d2", together=[(0, [VEN, RUS])], date="2026-01-05"),
              doc("d3", together=[(0, [CUB, RUS])], date="2025-12-31"))
    e = edge(G, RUS, "MENTIONED_WITH", VEN)
    assert (e["first_seen"], e["last_seen"]) == ("2026-01-05", "2026-03-01")


# --- MENTIONED_WITH: every pair named in one sentence -------------------------------------------------


def test_every_pair_in_a_sentence_gets_one_co_occurrence_edge_smaller_id_first():
    G = build(doc("d1", together=[(0, [VEN, RUS, CUB])]))
    assert sorted(G.edges(keys=True)) == [(CUB, RUS, "MENTIONED_WITH"), (CUB, VEN, "MENTIONED_WITH"),
                                          (RUS, VEN, "MENTIONED_WITH")]
    e = edge(G, CUB, "MENTIONED_WITH", VEN)
    assert (e["type"], e["family"], e["symmetric"]) == ("MENTIONED_WITH", "co-occurrence", True)
    assert e["label"] == "appears in the same sentence as"


def test_a_sentence_with_one_entity_gives_no_edge_and_no_self_loop():
    G = build(doc("d1", together=[(0, [RUS]), (1, [VEN, VEN])]))
    assert sorted(G.nodes) == [RUS, VEN] and G.number_of_edges() == 0


# --- typed edges: attributes from the ontology, no self loops, both ends must be nodes ----------------


def test_a_typed_edge_takes_label_family_and_codes_from_the_ontology():
    G = build(doc("d1", found(VEN, DIRECTED, MADURO, trigger="offered")))
    e = edge(G, VEN, DIRECTED, MADURO)
    assert (e["type"], e["label"], e["family"], e["cameo"], e["plover"]) == (
        DIRECTED, "offered asylum to", "cooperation", "0333", "AGREE")


def test_a_relation_of_an_entity_with_itself_is_dropped():
    G = build(doc("d1", found(RUS, SYMMETRIC, RUS)))
    assert G.number_of_edges() == 0


def test_a_relation_to_an_entity_never_mentioned_is_dropped():
    G = build(_without_mentions_of(doc("d1", found(RUS, "SANCTIONED", VEN)), VEN))
    assert list(G.nodes) == [RUS] and G.number_of_edges() == 0


# --- node attributes ------------------------------------------------------------------------------------


def test_node_counts_mentions_and_lists_its_documents_sorted():
    G = build(doc("d2", mentions=[said(RUS, "Russia"), said(RUS, "Russia", sent=1)]),
              doc("d1", mentions=[said(RUS, "Moscow", how="metonymy")]),
              doc("d3", mentions=[said(VEN, "Venezuela")]))
    node = G.nodes[RUS]
    assert node["mentions"] == 3
    assert node["docs"] == ["d1", "d2"]
    assert (node["id"], node["type"], node["name"]) == (RUS, "State", "Russia")


def test_aliases_are_ordered_by_count_then_alphabetically():
    G = build(doc("d1", mentions=[said(RUS, "Moscow", how="metonymy"), said(RUS, "Russia", how="gazetteer"),
                                  said(RUS, "Kremlin", sent=1, how="metonymy"),
                                  said(RUS, "Russia", sent=1, how="gazetteer")]),
              doc("d2", mentions=[said(RUS, "Kremlin", how="metonymy"), said(RUS, "Russian", how="demonym"),
                                  said(RUS, "Russia", sent=1, how="gazetteer")]))
    node = G.nodes[RUS]
    assert node["aliases"] == ["Russia", "Kremlin", "Moscow", "Russian"]
    assert node["alias_counts"] == {"Kremlin": 2, "Moscow": 1, "Russia": 3, "Russian": 1}


def test_resolution_records_how_each_alias_joined_per_document():
    G = build(doc("d1", mentions=[said(RUS, "Russia", how="gazetteer"), said(RUS, "Moscow", sent=1, how="metonymy"),
                                  said(RUS, "Russia", sent=1, how="gazetteer")]),
              doc("d2", mentions=[said(RUS, "Russian", how="demonym")]))
    assert G.nodes[RUS]["resolution"] == [
        {"doc": "d1", "alias": "Moscow", "count": 1, "how": "metonymy"},
        {"doc": "d1", "alias": "Russia", "count": 2, "how": "gazetteer"},
        {"doc": "d2", "alias": "Russian", "count": 1, "how": "demonym"},
    ]


def test_pronoun_and_description_links_join_the_resolution_but_not_the_mentions():
    G = build(doc("d1", mentions=[said(MADURO, "Nicolás Maduro")],
                  sentences=["Nicolás Maduro spoke.", "He left.", "The president returned."],
                  links=[("He", 1, MADURO, "pronoun"), ("The president", 2, MADURO, "description")]))
    node = G.nodes[MADURO]
    assert node["mentions"] == 1 and node["aliases"] == ["Nicolás Maduro"]
    assert node["resolution"] == [
        {"doc": "d1", "alias": "He", "count": 1, "how": "pronoun"},
        {"doc": "d1", "alias": "Nicolás Maduro", "count": 1, "how": "exact"},
        {"doc": "d1", "alias": "The president", "count": 1, "how": "description"},
    ]
