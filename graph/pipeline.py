"""The main job: files -> Documents -> DocResults -> graph -> every export in one folder.

:func:`build_corpus` is the one build path: ``newsgraph build``, ``KnowledgeGraph.build`` and
``newsgraph.build`` all call it. It opens the result cache of the output folder, adds to an
earlier build (``update``), runs :func:`build` (read, extract, build the graph) and writes the
exports of the registry (:mod:`newsgraph.graph.export`) unless they are already up to date.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
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
from newsgraph.corpus.errors import ExportError, UsageError
from newsgraph.corpus.manifest import manifest_name
from newsgraph.corpus.readers import Fields, check_outcome, count_inputs, read_documents  # count_inputs: re-exported
from newsgraph.corpus.safe import display_path
from newsgraph.extractors.models import MENTIONED_WITH
from newsgraph.extractors.corrections import Corrections, load_corrections
from newsgraph.extractors.pipeline import DEFAULT_MODEL, DocResult, Extraction, Extractor
from newsgraph.extractors.resolution import CorpusResolver

from .build import build_graph
from .cache import Manifest, ResultCache, read_manifest
from .export import select_exporters
from .export.atomic import atomic_path
from .heap import long_lived_heap, mark_long_lived
from .lock import make_output_dir, output_lock
from .spool import ResultSpool

__all__ = ["BuildReport", "build_corpus", "build", "count_inputs", "open_cache", "outputs_current",
           "write_outputs"]


@dataclass
class BuildReport:
    """What a build did, for the closing summary."""

    processed: int = 0
    skipped: int = 0
    cached: int = 0  # processed documents whose extraction came from the cache
    words: int = 0
    seconds: float = 0.0
    skipped_reasons: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the files in ``out`` (written, or unchanged)
    out: str | None = None  # the output folder, if any
    unchanged: bool = False  # True when ``out`` already held exactly these outputs: nothing was written

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


def build_corpus(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    out: str | os.PathLike | None = None,
    *,
    update: bool = False,
    cache: bool = True,
    model: str | None = None,
    rules: Iterable[str | os.PathLike] = (),
    fields: Fields | str | None = None,
    batch_size: int = 32,
    processes: int = 1,
    formats: Iterable[str] | None = None,
    html: bool = True,
    scheduler: str | None = None,
    shards: str | os.PathLike | None = None,
    extractor: Extractor | None = None,
    wait: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[Document | Skipped], None] | None = None,
    strict: bool = False,
    corrections: str | os.PathLike | None = None,
) -> tuple[nx.MultiDiGraph, list[dict], BuildReport]:
    """Build the graph of ``paths`` and, with ``out``, write every export there: the one build path.

    Parameters
    ----------
    paths : path or list of paths
        Files or folders of articles (``.txt``, ``.md``, ``.html``, ``.json``, ``.jsonl``).
    out : path, optional
        Output folder for graph.json, documents.jsonl and the exports, and the home of the
        result cache (``OUT/.newsgraph-cache.sqlite``): a rebuild parses only new or changed
        documents, and writes nothing when its outputs are already exact (``report.unchanged``).
        None: build in memory only, with no cache.
    update : bool
        Add ``paths`` to the earlier build in ``out``: its documents are not read or parsed
        again; the graph is the one a full build of its paths plus ``paths`` gives. ``model``
        and ``rules`` default to the earlier build's.
    cache : bool
        Read and write the result cache of ``out``.
    model : str, optional
        spaCy model package or path (default ``en_core_web_sm``).
    rules : list of paths
        Extra relation rule files (TOML, YAML or JSON).
    fields : Fields or str, optional
        JSON/JSONL field names, as ``Fields(...)`` or ``"id,title,date,text"``.
    batch_size, processes : int
        Documents per spaCy batch; worker processes.
    formats : list of str, optional
        Optional exports to write (names from :data:`newsgraph.graph.export.EXPORTERS`);
        default every default one. graph.json and documents.jsonl are always written.
    html : bool
        False leaves the HTML page out.
    scheduler : str, optional
        Extract on a Dask cluster (``tcp://host:8786`` or ``local:N``; see ``graph/distributed.py``).
    shards : path or URL, optional
        The cluster's result shards (default ``OUT/shards`` with the cache, else a temporary folder).
    extractor : Extractor, optional
        A ready extractor (then ``model``, ``rules``, ``batch_size`` and ``processes`` are unused).
    wait : bool
        When another build holds ``out`` (its lock ``OUT/.newsgraph.lock``), wait for it
        instead of failing with :class:`~newsgraph.graph.lock.OutputBusy`.
    on_start : callable, optional
        Called once with the estimated number of inputs, before the first is read.
    on_document : callable, optional
        Called with each input (Document or Skipped) as it is done.
    strict : bool
        Any skipped input is an error (:class:`~corpus.errors.InputsSkipped`, nothing written).
    corrections : path, optional
        An analyst's corrections file (YAML/JSON; see :mod:`newsgraph.extractors.corrections`),
        applied after resolution; its content is part of the build's key. With ``update`` it
        defaults to the earlier build's file.

    Returns
    -------
    (graph, records, report)
        The graph, the documents.jsonl records (every input, processed or skipped) and a
        :class:`BuildReport` (``files`` written or up to date in ``out``).

    Raises
    ------
    UsageError
        A missing path, a bad option, ``update`` without a cached build in ``out``.
    DataError
        A missing model or an invalid rules file; no document processed
        (:class:`~corpus.errors.NothingProcessed`); with ``strict``, an input skipped; ``out``
        cannot be created (``ExportError``) or another build is writing to it (``OutputBusy``).

    Examples
    --------
    >>> import tempfile
    >>> from newsgraph.corpus.readers import SAMPLE_DIR
    >>> out = tempfile.mkdtemp()
    >>> G, records, report = build_corpus([SAMPLE_DIR], out, formats=["graphml"])
    >>> report.files, report.cached
    (['graph.json', 'documents.jsonl', 'graph.graphml'], 0)
    >>> G, records, report = build_corpus([SAMPLE_DIR], out, formats=["graphml"])
    >>> report.cached, report.unchanged                   # nothing parsed, nothing rewritten
    (5, True)
    """
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if isinstance(fields, str):
        fields = Fields.parse(fields)
    rules = tuple(str(r) for r in rules)
    with output_lock(out, wait=wait) if out is not None else contextlib.nullcontext():
        # one build at a time in OUT: the cache, the manifest and the exports are this build's
        previous = None
        if update:
            if out is None:
                raise UsageError("An update adds to the build in an output folder: give its path (OUT)")
            if not cache:
                raise UsageError("An update reads the earlier build from the cache of OUT: do not turn the cache off")
            previous = read_manifest(out)
            # the earlier build's model and rules unless given again
            model = model or previous.info.get("model")
            rules = rules or tuple(previous.info.get("rules", ()))
            corrections = corrections or (previous.info.get("corrections") or {}).get("path")
        fixes = load_corrections(corrections) if corrections is not None else None
        exporters = select_exporters(formats, exclude=() if html else ("html",)) if out is not None else []
        extractor = extractor or _extractor(model or DEFAULT_MODEL, rules, batch_size, processes)
        result_cache = open_cache(out, extractor) if out is not None and cache else None
        try:
            on_cluster = scheduler is not None or (previous is not None and previous.info.get("engine") == "dask")
            if on_cluster:  # graph/distributed.py: check the address before any work, count without reading text
                from .distributed import check_scheduler, estimate_inputs

                if scheduler is not None:
                    check_scheduler(scheduler)
                if shards is None and previous is not None and not os.path.isdir(os.path.join(out, "shards")):
                    shards = previous.info.get("shard_folder")  # where the earlier build wrote them (a URL)
                if shards is None and result_cache is not None:
                    shards = os.path.join(out, "shards")
            if on_start is not None:
                on_start(estimate_inputs((list(previous.info["paths"]) if previous else []) + paths) if on_cluster
                         else count_inputs(paths) + (len(previous) if previous is not None else 0))
            G, records, report = build(paths, extractor=extractor, fields=fields, on_document=on_document,
                                       cache=result_cache, previous=previous, corrections=fixes, scheduler=scheduler,
                                       shards=shards)
            check_outcome(report.processed, report.skipped_reasons, strict=strict)  # before anything is written
            if out is not None:
                names = [e.name for e in exporters]
                # nothing changed since the build that wrote OUT: its exports are still exact
                unchanged = outputs_current(out, result_cache, formats=names) if result_cache is not None else None
                report.files = unchanged or write_outputs(G, records, out, formats=names, cache=result_cache)
                report.out, report.unchanged = str(out), unchanged is not None
        finally:
            if result_cache is not None:
                result_cache.close()
        return G, records, report


def _extractor(model: str, rules: tuple[str, ...], batch_size: int, processes: int) -> Extractor:
    """An Extractor for these options; without rule files, one per setting per process (the
    model loads once, so a second build in a notebook is fast). Rule files are read anew."""
    if rules:
        return Extractor(model, rules=rules, batch_size=batch_size, n_process=processes)
    return _shared_extractor(model, batch_size, processes)


@functools.lru_cache(maxsize=4)
def _shared_extractor(model: str, batch_size: int, processes: int) -> Extractor:
    return Extractor(model, batch_size=batch_size, n_process=processes)


@long_lived_heap
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
    corrections: Corrections | None = None,
    scheduler: str | None = None,
    shards: str | os.PathLike | None = None,
) -> tuple[nx.MultiDiGraph, list[dict], BuildReport]:
    """Read, extract and build the graph of ``paths`` (the core of :func:`build_corpus`).

    Returns the graph, the ``documents.jsonl`` records (every input, processed or skipped, in
    input order) and a report. ``on_document`` is called once per input as it is done (for
    progress bars).

    With a ``cache`` (see :func:`open_cache`), documents whose extraction is cached are not
    parsed again, new results are stored, and the inputs are staged as the manifest that
    :func:`write_outputs` publishes. With ``previous`` (the manifest of an earlier build), its
    inputs come first and ``paths`` are added to them: the graph is the one a full build of the
    earlier paths plus ``paths`` gives.

    With a Dask ``scheduler`` (``tcp://host:8786`` or ``local:N``), workers read and extract and
    write their results as Parquet ``shards`` (a folder or fsspec URL): see ``graph/distributed.py``.
    """
    paths = [str(p) for p in paths]
    extractor = extractor or Extractor(model, rules=rules, batch_size=batch_size, n_process=n_process)
    fields = fields or Fields()
    if scheduler is not None or (previous is not None and previous.info.get("engine") == "dask"):
        from .distributed import build_distributed

        return build_distributed(paths, scheduler=scheduler, extractor=extractor, fields=fields,
                                 on_document=on_document, cache=cache, previous=previous, shards=shards,
                                 corrections=corrections)
    all_paths = (list(previous.info["paths"]) if previous is not None else []) + paths
    report = BuildReport()
    records: list[dict | None] = []
    slots: dict[str, int] = {}
    meta: dict[str, dict] = {}
    start = time.perf_counter()
    if cache is not None:
        info = {"paths": all_paths, "model": extractor.model, "rules": list(extractor.rules), "fields": asdict(fields)}
        if corrections is not None:  # a changed corrections file changes the outputs
            info["corrections"] = {"path": corrections.source, "digest": corrections.digest}
        cache.begin_manifest(info)
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

    resolver = CorpusResolver()  # pass one of resolution as documents are done; pass two reads them back
    spool = ResultSpool(cache)
    try:
        for doc, text_sha1, outcome, hit in _extract(documents(), extractor, cache):
            if not len(spool):
                mark_long_lived()  # the model and rules are loaded by now
            if outcome.error is not None:  # isolation: this document alone is skipped, with the reason
                skipped = Skipped(doc.id, doc.path, f"extraction failed: {outcome.error}")
                records[slots.pop(doc.id)] = skipped.status_record()
                report.skipped += 1
                report.skipped_reasons.append((doc.id, skipped.reason))
                if on_document:
                    on_document(skipped)
                continue
            record = records[slots.pop(doc.id)] = doc.status_record()
            if outcome.notes:
                record["reason"] = "; ".join(filter(None, [record["reason"], *outcome.notes]))
            meta[doc.id] = doc.meta()
            report.processed += 1
            report.words += doc.words
            if hit:
                report.cached += 1
            elif cache is not None:
                cache.put(text_sha1, dict(outcome.result.to_dict(), notes=list(outcome.notes)))
            resolver.add(outcome.result)
            spool.add(doc, outcome.result)
            if on_document:
                on_document(doc)
        G = build_graph(resolver.resolve_all(spool, corrections=corrections), meta, model=extractor.model_id,
                        ontology=extractor.ontology, corpus=corpus_name(all_paths))
    finally:
        spool.close()
        if cache is not None:
            cache.commit()  # keep every finished result, also on Ctrl-C or an error
    report.seconds = time.perf_counter() - start
    return G, records, report


def _extract(documents: Iterable[Document], extractor: Extractor,
             cache: ResultCache | None) -> Iterator[tuple[Document, str, Extraction, bool]]:
    """Yield ``(document, text sha1, Extraction, from_cache)`` in input order.

    Cached documents are not parsed. The extractor (and its model) starts at the first
    document that is not cached; until then cached results are yielded as they are read, and
    afterwards they wait in order behind the documents being parsed. A document whose
    extraction failed comes with the error (and is not cached).
    """
    docs = iter(documents)
    backlog: deque = deque()  # [document, sha1, cached Extraction or None], in input order
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

    for outcome in extractor.extract(misses()):
        while backlog[0][2] is not None:
            yield *backlog.popleft(), True
        doc, text_sha1, _ = backlog.popleft()
        yield doc, text_sha1, outcome, False
    while backlog:
        yield *backlog.popleft(), True


def _cached(cache: ResultCache | None, text_sha1: str, doc: Document) -> Extraction | None:
    if cache is None:
        return None
    data = cache.get(text_sha1)
    if data is None:
        return None
    data["doc_id"], data["date"] = doc.id, doc.date
    notes = tuple(data.pop("notes", ()))
    return Extraction(doc.id, DocResult.from_dict(data), notes)


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
    return ", ".join(manifest_name(p) or display_path(Path(p).name or str(p)) for p in paths)


def write_outputs(G: nx.MultiDiGraph, records: list[dict], out: str | os.PathLike, *,
                  formats: Iterable[str] | None = None, html: bool = True,
                  cache: ResultCache | None = None) -> list[str]:
    """Write graph.json, documents.jsonl and the exports into ``out``; return the names written.

    The exports are those of the registry (:mod:`newsgraph.graph.export`): ``formats`` names
    the optional ones (default: every default one); ``html=False`` leaves the HTML page out.
    With the ``cache`` of the build, its manifest is published once the files are written, so
    that ``build --update`` starts from exactly these outputs.
    """
    exporters = select_exporters(formats, exclude=() if html else ("html",))
    out = make_output_dir(out)
    written = []
    for exporter in exporters:
        # never half-written: each export goes to a staging path, fsynced, then renamed over the old
        with atomic_path(out / exporter.filename) as tmp:
            exporter.write(G, tmp)
        written.append(exporter.filename)
        if exporter.name == "json":  # the input accounting comes right after the graph
            _write_records(records, out / "documents.jsonl")
            written.append("documents.jsonl")
    if cache is not None:
        cache.set_outputs({"formats": [e.name for e in exporters], "code": _graph_code_version(),
                           "files": _file_stats(out, written)})
        cache.publish_manifest()
    return written


def _write_records(records: list[dict], path: Path) -> None:
    """documents.jsonl: one line per input, processed or skipped (written atomically)."""
    try:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except OSError as err:
        raise ExportError(f"Cannot write {str(path)!r}: {err.strerror}") from None


def outputs_current(out: str | os.PathLike, cache: ResultCache, *, formats: Iterable[str] | None = None,
                    html: bool = True) -> list[str] | None:
    """The files in ``out`` when they are exactly what :func:`write_outputs` would write again.

    That is when the build just run with ``cache`` had the same inputs (texts and metadata),
    options and versions as the build that wrote ``out``, the same export code and exports
    (``formats`` and ``html`` as for :func:`write_outputs`), and none of ``out``'s files was
    changed, removed or damaged since (their SHA-256 hashes are recorded). Otherwise None. A rebuild with nothing changed then need not
    rewrite its exports (their ``created`` time stays that of the first).
    """
    names = [e.name for e in select_exporters(formats, exclude=() if html else ("html",))]
    outputs = cache.published_outputs()
    if not outputs or outputs.get("formats") != names or outputs.get("code") != _graph_code_version():
        return None
    files = list(outputs["files"])
    if _file_stats(Path(out), files) != outputs["files"] or not cache.staged_equals_published():
        return None
    return files


def _file_stats(out: Path, names: list[str]) -> dict:
    """``{name: [[relative path, size, sha256], ...]}`` of written files and folders: the
    content, so that a truncated or edited output is not taken for the one written."""
    stats = {}
    for name in names:
        path = Path(out) / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        stats[name] = [[str(f.relative_to(out)), f.stat().st_size, _sha256(f)] for f in files if f.is_file()]
    return stats


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _graph_code_version() -> str:
    """Hash of the graph package's code and assets: a change rewrites the exports."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(here.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
