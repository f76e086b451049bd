"""Resolution and graph assembly stream: the builder holds the registry and the graph, not the
documents. Each document here carries a large sentence the graph never keeps (no co-occurrence
or relation points at it), so holding every document would show in the peak memory."""

import tracemalloc

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
