"""The main job: files -> Documents -> DocResults -> graph -> every export in one folder."""

from __future__ import annotations

import itertools
import json
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import networkx as nx

from newsgraph.corpus.document import Document, Skipped
from newsgraph.corpus.errors import ExportError
from newsgraph.corpus.readers import Fields, iter_input_files, read_documents
from newsgraph.extractors.pipeline import DEFAULT_MODEL, DocResult, Extractor
from newsgraph.extractors.resolution import resolve_corpus

from .build import MENTIONED_WITH, build_graph
from .cache import Manifest, ResultCache
from .export.graphml import write_gexf, write_graphml
from .export.json import write_json

__all__ = ["BuildReport", "build", "count_inputs", "open_cache", "outputs_current", "write_outputs"]


@dataclass
class BuildReport:
    """What a build did, for the closing summary."""

    processed: int = 0
    skipped: int = 0
    cached: int = 0  # processed documents whose extraction came from the cache
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
            "documents_cached": self.cached,
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


def open_cache(out: str | os.PathLike, extractor: Extractor) -> ResultCache:
    """The result cache of the output directory ``out`` for ``extractor``'s model and rules."""
    return ResultCache.open(out, **extractor.fingerprint())


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
    cache: ResultCache | None = None,
    previous: Manifest | None = None,
) -> tuple[nx.MultiDiGraph, list[dict], BuildReport]:
    """Read, extract and build the graph of ``paths``.

    Returns the graph, the ``documents.jsonl`` records (every input, processed or skipped, in
    input order) and a report. ``on_document`` is called once per input as it is done (for
    progress bars).

    With a ``cache`` (see :func:`open_cache`), documents whose extraction is cached are not
    parsed again, new results are stored, and the inputs are staged as the manifest that
    :func:`write_outputs` publishes. With ``previous`` (the manifest of an earlier build), its
    inputs come first and ``paths`` are added to them: the graph is the one a full build of the
    earlier paths plus ``paths`` gives.
    """
    paths = [str(p) for p in paths]
    extractor = extractor or Extractor(model, rules=rules, batch_size=batch_size, n_process=n_process)
    fields = fields or Fields()
    all_paths = (list(previous.info["paths"]) if previous is not None else []) + paths
    report = BuildReport()
    records: list[dict | None] = []
    slots: dict[str, int] = {}
    meta: dict[str, dict] = {}
    start = time.perf_counter()
    if cache is not None:
        cache.begin_manifest({"paths": all_paths, "model": extractor.model, "rules": list(extractor.rules),
                              "fields": asdict(fields)})
    if previous is not None:
        seen = _ReadState()
        items = itertools.chain(seen.track(previous.items()),  # then the new paths, as if read after them
                                read_documents(paths, fields=fields, seen_ids=seen.ids, seen_texts=seen.texts))
    else:
        items = read_documents(paths, fields=fields)

    def documents() -> Iterator[Document]:
        for item in items:
            if cache is not None:
                cache.stage(item)
            if isinstance(item, Skipped):
                records.append(item.status_record())
                report.skipped += 1
                report.skipped_reasons.append((item.id or item.path, item.reason))
                if on_document:
                    on_document(item)
                continue
            slots[item.id] = len(records)
            records.append(None)  # filled in input order when the document is done
            yield item

    results = []
    try:
        for doc, text_sha1, result, hit in _extract(documents(), extractor, cache):
            records[slots.pop(doc.id)] = doc.status_record()
            meta[doc.id] = doc.meta()
            report.processed += 1
            report.words += doc.words
            if hit:
                report.cached += 1
            elif cache is not None:
                cache.put(text_sha1, result.to_dict())
            results.append(result)
            if on_document:
                on_document(doc)
    finally:
        if cache is not None:
            cache.commit()  # keep every finished result, also on Ctrl-C or an error
    G = build_graph(resolve_corpus(results), meta, model=extractor.model_id, ontology=extractor.ontology,
                    corpus=corpus_name(all_paths))
    report.seconds = time.perf_counter() - start
    return G, records, report


def _extract(documents: Iterable[Document], extractor: Extractor,
             cache: ResultCache | None) -> Iterator[tuple[Document, str, DocResult, bool]]:
    """Yield ``(document, text sha1, DocResult, from_cache)`` in input order.

    Cached documents are not parsed. The extractor (and its model) starts at the first
    document that is not cached; until then cached results are yielded as they are read, and
    afterwards they wait in order behind the documents being parsed.
    """
    docs = iter(documents)
    backlog: deque = deque()  # [document, sha1, cached result or None], in input order
    for doc in docs:
        text_sha1 = doc.text_hash
        hit = _cached(cache, text_sha1, doc)
        if hit is None:
            backlog.append((doc, text_sha1, None))
            break
        yield doc, text_sha1, hit, True
    else:
        return

    def misses() -> Iterator[Document]:
        yield backlog[0][0]
        for doc in docs:
            text_sha1 = doc.text_hash
            hit = _cached(cache, text_sha1, doc)
            backlog.append((doc, text_sha1, hit))
            if hit is None:
                yield doc

    for result in extractor.pipe(misses()):
        while backlog[0][2] is not None:
            yield *backlog.popleft(), True
        doc, text_sha1, _ = backlog.popleft()
        yield doc, text_sha1, result, False
    while backlog:
        yield *backlog.popleft(), True


def _cached(cache: ResultCache | None, text_sha1: str, doc: Document) -> DocResult | None:
    if cache is None:
        return None
    data = cache.get(text_sha1)
    if data is None:
        return None
    data["doc_id"], data["date"] = doc.id, doc.date
    return DocResult.from_dict(data)


class _ReadState:
    """The ids and texts already read, as :func:`corpus.readers.read_documents` tracks them."""

    def __init__(self):
        self.ids: set[str] = set()
        self.texts: dict[str, str] = {}

    def track(self, items: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
        """Pass earlier inputs through, remembering their ids and texts."""
        for item in items:
            if isinstance(item, Document):
                self.ids.add(item.id)
                self.texts.setdefault(item.text_hash, item.id)
            elif item.reason.startswith("duplicate of ") and item.id is not None:
                self.ids.add(item.id)  # a duplicate's id was taken when it was read
            yield item


def corpus_name(paths: Iterable[str | os.PathLike]) -> str:
    """A display name for the corpus: a folder's manifest ``name``, else the input names.

    >>> from newsgraph.corpus.readers import SAMPLE_DIR
    >>> corpus_name([SAMPLE_DIR])
    'newsgraph sample: Russia, Maduro, asylum and Vatican mediation'
    >>> corpus_name(["a/news.jsonl", "b"])
    'news.jsonl, b'
    """
    names = []
    for p in paths:
        manifest = Path(p) / "manifest.json"
        try:
            names.append(json.loads(manifest.read_text("utf-8"))["name"])
        except (OSError, ValueError, KeyError, TypeError):
            names.append(Path(p).name or str(p))
    return ", ".join(names)


def count_inputs(paths: Iterable[str | os.PathLike]) -> int:
    """Quick estimate of the number of inputs in ``paths``, for progress bars: one per file, one
    per non-empty line of a JSON lines file, one per record of a JSON list. Nothing is parsed
    but ``.json`` files.
    """
    from newsgraph.corpus.readers import JSON_SUFFIXES

    total = 0
    for path in iter_input_files(paths):
        suffix = path.suffix.lower()
        try:
            if suffix == ".json":
                data = json.loads(path.read_bytes())
                total += len(data) if isinstance(data, list) else 1
            elif suffix in JSON_SUFFIXES:
                with open(path, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            else:
                total += 1
        except (OSError, ValueError):
            total += 1
    return total


def write_outputs(G: nx.MultiDiGraph, records: list[dict], out: str | os.PathLike, *,
                  html: bool = True, cache: ResultCache | None = None) -> list[str]:
    """Write every export of the graph into ``out``; return the file names written.

    With the ``cache`` of the build, its manifest is published once the files are written, so
    that ``build --update`` starts from exactly these outputs.
    """
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
    if cache is not None:
        cache.set_outputs({"html": html, "code": _graph_code_version(), "files": _file_stats(out, written)})
        cache.publish_manifest()
    return written


def outputs_current(out: str | os.PathLike, cache: ResultCache, *, html: bool = True) -> list[str] | None:
    """The files in ``out`` when they are exactly what :func:`write_outputs` would write again.

    That is when the build just run with ``cache`` had the same inputs (texts and metadata),
    options and versions as the build that wrote ``out``, the same export code and options, and
    none of ``out``'s files was changed or removed since. Otherwise None. A rebuild with nothing
    changed then need not rewrite its exports (their ``created`` time stays that of the first).
    """
    outputs = cache.published_outputs()
    if not outputs or outputs.get("html") != html or outputs.get("code") != _graph_code_version():
        return None
    names = list(outputs["files"])
    if _file_stats(Path(out), names) != outputs["files"] or not cache.staged_equals_published():
        return None
    return names


def _file_stats(out: Path, names: list[str]) -> dict:
    """``{name: [[relative path, size, mtime_ns], ...]}`` of written files and folders."""
    stats = {}
    for name in names:
        path = Path(out) / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        stats[name] = [[str(f.relative_to(out)), f.stat().st_size, f.stat().st_mtime_ns] for f in files if f.exists()]
    return stats


def _graph_code_version() -> str:
    """Hash of the graph package's code and assets: a change rewrites the exports."""
    import hashlib

    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(here.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _optional_writers(*, html: bool):
    """Exports whose modules exist: HTML, the Cypher script and the neo4j-admin CSVs."""
    import importlib.util

    if html and importlib.util.find_spec("newsgraph.graph.export.html"):
        from .export.html import write_html

        yield "graph.html", write_html
    if importlib.util.find_spec("newsgraph.graph.export.cypher"):
        from .export.cypher import write_cypher

        yield "graph.cypher", write_cypher
    if importlib.util.find_spec("newsgraph.graph.export.neo4j_csv"):
        from .export.neo4j_csv import write_neo4j_csv

        yield "neo4j-import", write_neo4j_csv
