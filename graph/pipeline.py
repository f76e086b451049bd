"""The main job: files -> Documents -> DocResults -> graph -> every export in one folder."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from corpus.document import Document, Skipped
from corpus.errors import ExportError
from corpus.readers import Fields, read_documents
from extractors.pipeline import DEFAULT_MODEL, Extractor

from .build import MENTIONED_WITH, build_graph
from .export.graphml import write_gexf, write_graphml
from .export.json import write_json

__all__ = ["BuildReport", "build", "write_outputs"]


@dataclass
class BuildReport:
    """What a build did, for the closing summary."""

    processed: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped_reasons: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def summary(self, G: nx.MultiDiGraph) -> dict:
        entity_types = Counter(d["type"] for _, d in G.nodes(data=True))
        relation_types = Counter(k for _, _, k in G.edges(keys=True))
        return {
            "documents_processed": self.processed,
            "documents_skipped": self.skipped,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "words_per_second": round(self.words / self.seconds) if self.seconds else 0,
            "entities": G.number_of_nodes(),
            "entities_by_type": dict(sorted(entity_types.items())),
            "relations": sum(v for k, v in relation_types.items() if k != MENTIONED_WITH),
            "relations_by_type": dict(sorted(relation_types.items())),
            "skipped": [{"id": i, "reason": r} for i, r in self.skipped_reasons],
            "files": self.files,
        }


def build(
    paths: Iterable[str | os.PathLike],
    *,
    model: str = DEFAULT_MODEL,
    rules: Iterable[str | os.PathLike] = (),
    batch_size: int = 32,
    n_process: int = 1,
    fields: Fields | None = None,
    extractor: Extractor | None = None,
    on_document: Callable[[Document | Skipped], None] | None = None,
) -> tuple[nx.MultiDiGraph, list[dict], BuildReport]:
    """Read, extract and build the graph of ``paths``.

    Returns the graph, the ``documents.jsonl`` records (every input, processed or skipped) and
    a report. ``on_document`` is called once per input as it is done (for progress bars).
    """
    paths = [str(p) for p in paths]
    extractor = extractor or Extractor(model, rules=rules, batch_size=batch_size, n_process=n_process)
    report = BuildReport()
    records: list[dict] = []
    meta: dict[str, dict] = {}
    start = time.perf_counter()
    pending: dict[str, Document] = {}

    def documents():
        for item in read_documents(paths, fields=fields):
            if isinstance(item, Skipped):
                records.append(item.status_record())
                report.skipped += 1
                report.skipped_reasons.append((item.id or item.path, item.reason))
                if on_document:
                    on_document(item)
                continue
            pending[item.id] = item
            yield item

    results = []
    for result in extractor.pipe(documents()):
        doc = pending.pop(result.doc_id)
        records.append(doc.status_record())
        meta[doc.id] = doc.meta()
        report.processed += 1
        report.words += doc.words
        results.append(result)
        if on_document:
            on_document(doc)
    G = build_graph(results, meta, model=extractor.model_id, ontology=extractor.ontology,
                    corpus=", ".join(Path(p).name or p for p in paths))
    report.seconds = time.perf_counter() - start
    return G, records, report


def write_outputs(G: nx.MultiDiGraph, records: list[dict], out: str | os.PathLike, *,
                  html: bool = True) -> list[str]:
    """Write every export of the graph into ``out``; return the file names written."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"Cannot create output directory {str(out)!r}: {err.strerror}") from None
    written = []
    write_json(G, out / "graph.json")
    written.append("graph.json")
    with open(out / "documents.jsonl", "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    written.append("documents.jsonl")
    write_graphml(G, out / "graph.graphml")
    write_gexf(G, out / "graph.gexf")
    written += ["graph.graphml", "graph.gexf"]
    for name, writer in _optional_writers(html=html):
        writer(G, out / name)
        written.append(name)
    return written


def _optional_writers(*, html: bool):
    """Exports whose modules exist: HTML, the Cypher script and the neo4j-admin CSVs."""
    import importlib.util

    if html and importlib.util.find_spec("graph.export.html"):
        from .export.html import write_html

        yield "graph.html", write_html
    if importlib.util.find_spec("graph.export.cypher"):
        from .export.cypher import write_cypher

        yield "graph.cypher", write_cypher
    if importlib.util.find_spec("graph.export.neo4j_csv"):
        from .export.neo4j_csv import write_neo4j_csv

        yield "neo4j-import", write_neo4j_csv
