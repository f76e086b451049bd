"""Resolution and graph assembly stream: the builder holds the registry and the graph, not the
documents. Each document here carries a large sentence the graph never keeps (no co-occurrence
or relation points at it), so holding every document would show in the peak memory."""

import tracemalloc

from newsgraph.extractors.corrections import Corrections, apply_corrections
from newsgraph.extractors.gazetteer import Gazetteer
from newsgraph.extractors.models import PERSON, DocResult, Entity, Mention
from newsgraph.extractors.resolution import CorpusResolver, resolve_corpus
from newsgraph.graph.build import build_graph
from newsgraph.graph.export.json import to_json_data

DOCS = 40
PADDING = 1 << 20  # characters of unused sentence text per document


def documents(n: int = DOCS, padding: int = PADDING):
    """Fresh DocResults, each built when asked for (as read back from a store)."""
    for i in range(n):
        full, short = ("Nicolás Maduro", "person:nicolas-maduro"), ("Maduro", "person:maduro")
        name, key = full if i % 3 == 0 else short
        mentions = [Mention(0, len(name), name, PERSON, key, "exact", 0),
                    Mention(20, 30, "Ana Pérez", PERSON, f"person:ana-perez-{i % 5}", "exact", 0)]
        entities = {key: Entity(key, PERSON, name),
                    f"person:ana-perez-{i % 5}": Entity(f"person:ana-perez-{i % 5}", PERSON, "Ana Pérez")}
        sentences = {0: (0, 40, f"{name} met Ana Pérez."), 1: (41, 41 + padding, chr(65 + i % 26) * padding)}
        yield DocResult(f"d{i}", f"2024-05-{i % 28 + 1:02d}", 6, mentions, entities, [], sentences,
                        [(0, sorted({key, f"person:ana-perez-{i % 5}"}))])


def test_two_passes_give_resolve_corpus_and_hold_one_document():
    meta = {f"d{i}": {"title": f"T{i}"} for i in range(DOCS)}
    tracemalloc.start()
    try:
        resolver = CorpusResolver()
        for r in documents():
            resolver.add(r)
        G = build_graph(resolver.resolve_all(documents()), meta)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * PADDING, f"peak {peak >> 20} MiB: the documents were held ({DOCS * PADDING >> 20} MiB in all)"
    assert "person:maduro" not in G and G.nodes["person:nicolas-maduro"]["mentions"] == DOCS
    expected = build_graph(resolve_corpus(list(documents(padding=1))), meta)
    for H in (G, expected):
        H.graph.pop("created")
    assert to_json_data(G) == to_json_data(expected)


class Store:
    """A store read again on each pass (as the builds' spool and shards are)."""

    def __init__(self, read):
        self.read = read

    def __iter__(self):
        return self.read()


def named_documents(n: int = 24, mentions: int = 600):
    """Fresh DocResults whose weight is their mentions (what corrections are decided on)."""
    people = [("Volodymyr Zelenskyy", "person:volodymyr-zelenskyy"), ("Zelensky", "person:zelensky"),
              ("Sinn Féin", "person:sinn-fein"), ("Café", "person:cafe"), ("Tamim Al Thani", "person:tamim-al-thani"),
              ("Al Thani", "person:al-thani")]
    for i in range(n):
        chosen = [people[(i + j) % len(people)] for j in range(3)]
        found = [Mention(k * 30, k * 30 + len(chosen[k % 3][0]), chosen[k % 3][0], PERSON, chosen[k % 3][1], "exact", k % 3)
                 for k in range(mentions)]
        entities = {key: Entity(key, PERSON, name) for name, key in chosen}
        sentences = {s: (s * 30, s * 30 + 20, f"{chosen[s][0]} spoke.") for s in range(3)}
        yield DocResult(f"d{i}", f"2024-05-{i % 28 + 1:02d}", 6, found, entities, [], sentences,
                        [(0, sorted(entities))])


def test_corrections_are_decided_without_holding_the_documents():
    """With every kind of correction, pass two holds no document either (they are decided on
    the documents' names, spilled to a temporary file), and gives what resolve_corpus gives."""
    fixes = Corrections.from_data({"not_entities": ["Café"], "types": {"Sinn Féin": "Institution"},
                                   "merge": [["Volodymyr Zelenskyy", "Zelensky"]],
                                   "never_merge": [["Tamim Al Thani", "Al Thani"]]})
    Gazetteer.load()  # once per process (the registry and the types correction read it), not per document
    tracemalloc.start()
    try:
        one = next(named_documents())
        held, _ = tracemalloc.get_traced_memory()  # one document's size
        del one
        resolver = CorpusResolver()
        for r in named_documents():
            resolver.add(r)
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        out = [(r.doc_id, [(m.key, m.type, m.how) for m in r.mentions[:6]], sorted(r.entities))
               for r in resolver.resolve_all(Store(named_documents), corrections=fixes)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - base < 8 * held, f"peak {peak - base >> 10} KiB: the documents were held (24 x {held >> 10} KiB)"
    expected = [(r.doc_id, [(m.key, m.type, m.how) for m in r.mentions[:6]], sorted(r.entities))
                for r in apply_corrections(resolve_corpus(list(named_documents())), fixes)]
    assert out == expected
    keys = {k for _, ms, _ in out for k, _, _ in ms}
    assert "person:zelensky" not in keys and "institution:sinn-fein" in keys and "person:cafe" not in keys
    assert any(how == "correction:never_merge" for _, ms, _ in out for _, _, how in ms)
