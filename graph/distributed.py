"""The same build on a Dask cluster: workers read, parse and extract; the client assembles.

``build(paths, scheduler="local:2")`` (``newsgraph build --scheduler``) comes here. The client
lists the input files and cuts them into partitions of about ``partition_words`` words
(:mod:`graph.partitions`); each partition is one task: the worker reads its files or byte range,
runs the extractor (the model is loaded once per worker process) and writes a Parquet shard
(:mod:`graph.shards`); the task returns only the small per-document metadata. At most
``PARTITIONS_PER_WORKER`` partitions per worker are in flight. The client then takes every input
in order, renames duplicate ids and skips duplicate texts exactly as the local reader does, and
builds the graph from the shards, read one at a time, twice: once into the corpus-wide name
registry, once to resolve each document against it and add it to the graph
(:class:`extractors.resolution.CorpusResolver`). The client holds the registry and the graph,
never the corpus's results; per document, only its ``documents.jsonl`` record (whose strings
the graph's document index shares) and two integers locating its result (:class:`_Accepted`).

A partition whose shard exists is not run again: a cancelled build resumes, ``--update`` runs
only the new inputs' partitions. Without a scheduler, ``--update`` of an output a cluster built
runs the new partitions in this process, with the local extractor, and writes their shards too:
the earlier inputs come from their shards, the output stays one a cluster can update again. A worker that dies has its partition run elsewhere (Dask
reschedules it); a document whose extraction raises is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx

from newsgraph.corpus.document import Document, Skipped
from newsgraph.corpus.errors import DataError, EmptyInput, UsageError
from newsgraph.corpus.readers import Fields
from newsgraph.extractors.pipeline import DocResult, Extractor
from newsgraph.extractors.resolution import CorpusResolver

from .build import build_graph
from .partitions import count_lines, is_url, plan_partitions, read_partition
from .shards import meta_row, read_shard_meta, read_shard_results, shard_exists, shard_key, write_shard

__all__ = ["PARTITION_WORDS", "ShardResults", "build_distributed", "check_scheduler", "estimate_inputs",
           "open_client",
           "run_partition"]

#: Words of text per partition (one task): big enough that scheduling costs nothing, small
#: enough that a lost worker loses little and the last partitions finish together.
PARTITION_WORDS = 50_000
#: Partitions queued per worker: one running, one waiting, so workers never idle.
PARTITIONS_PER_WORKER = 2
#: Finished partitions the client may hold while an earlier one runs, per partition in flight.
REORDER_FACTOR = 8
#: Byte ranges of one file counted per line-counting task.
RANGES_PER_COUNT = 64
ENGINE = "dask"
#: Local JSON lines files up to this size are counted exactly for the progress bar.
EXACT_COUNT_BYTES = 64 << 20


def check_scheduler(scheduler: str) -> tuple[str, int]:
    """``(address, 0)`` for a scheduler URL, ``("local:N", N)`` for a LocalCluster; else UsageError.

    >>> check_scheduler("local:2"), check_scheduler("tcp://10.0.0.5:8786")
    (('local:2', 2), ('tcp://10.0.0.5:8786', 0))
    """
    spec = str(scheduler).strip()
    if spec.startswith("local:"):
        n = int(spec[6:]) if spec[6:].isdigit() else 0
        if n < 1:
            raise UsageError(f"--scheduler local:N needs a worker count N >= 1, got {spec!r}")
        return spec, n
    if not is_url(spec):
        raise UsageError(f"--scheduler takes tcp://HOST:PORT (a running Dask scheduler) or local:N "
                         f"(N local worker processes), got {spec!r}")
    return spec, 0


@contextlib.contextmanager
def open_client(scheduler: str):
    """A Dask client: ``local:N`` starts a LocalCluster of N one-thread worker processes, a URL
    such as ``tcp://host:8786`` connects to a running scheduler."""
    try:
        from distributed import Client, LocalCluster
        import pyarrow  # noqa: F401 - the shards need it on the client too
    except ImportError as err:
        raise UsageError(f"--scheduler needs the dask extra ({err.name} is missing): "
                         f"pip install 'newsgraph[dask]'") from None

    spec, n = check_scheduler(scheduler)
    if n:
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(spec, timeout="20s")
    except (OSError, TimeoutError, ValueError) as err:
        raise DataError(f"Cannot reach the Dask scheduler at {spec!r}: {err}") from None
    with client:
        yield client


# -- on the worker ------------------------------------------------------------------------------

_EXTRACTORS: dict[tuple, Extractor] = {}


def _worker_extractor(model: str, rules: tuple[str, ...], batch_size: int) -> Extractor:
    """One Extractor per worker process and setting: the model loads on the first partition."""
    key = (model, tuple(rules), batch_size)
    if key not in _EXTRACTORS:
        extractor = Extractor(model, rules=rules, batch_size=batch_size)
        list(extractor.pipe([]))  # load the model, gazetteer matcher and relation rules now
        _EXTRACTORS[key] = extractor
    return _EXTRACTORS[key]


def run_partition(partition: dict, *, shard: str, shards: str, fields: dict, model: str, rules: tuple,
                  batch_size: int, line_base: int = 0, extractor: Extractor | None = None) -> list[dict]:
    """The task: read a partition, extract its documents, write its shard; return the metadata.

    ``extractor``: the one to use in this process (a local update), instead of the worker's own.
    """
    items = read_partition(partition, fields=Fields(**fields), line_base=line_base)
    docs = [item for item in items if isinstance(item, Document)]
    extracted = _extract(docs, extractor or _worker_extractor(model, rules, batch_size)) if docs else []
    rows, results = [], []
    outcomes = iter(extracted)
    for item in items:
        if isinstance(item, Skipped):
            rows.append(meta_row(kind="skipped", id=item.id, path=item.path, reason=item.reason))
            results.append(None)
            continue
        result, error = next(outcomes)
        rows.append(meta_row(kind="document", id=item.id, path=item.path, title=item.title, date=item.date,
                             outlet=item.outlet, url=item.url, author=item.author, notes=list(item.notes),
                             words=item.words, text_sha1=item.text_hash, error=error))
        results.append(result)
    write_shard(shards, shard, rows, results)
    return rows


def _extract(docs: list[Document], extractor: Extractor) -> list[tuple[dict | None, str | None]]:
    """``(result dict, None)`` or ``(None, reason)`` per document; one failure spoils no other.

    The same isolation as the local build (:meth:`Extractor.extract`): a document that raises is
    recorded with "extraction failed: Class: first line" and the others go on.
    """
    return [(x.result.to_dict(), None) if x.error is None else (None, f"extraction failed: {x.error}")
            for x in extractor.extract(docs)]


# -- on the client ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Done(Document):
    """A processed document as the client knows it: metadata, word count and text hash, no text."""

    n_words: int = 0
    sha1: str = ""

    @property
    def words(self) -> int:
        return self.n_words

    @property
    def text_hash(self) -> str:
        return self.sha1


class ShardResults:
    """The DocResults of the accepted documents, read from the shards in input order.

    ``accepted`` (an :class:`_Accepted`) says where each accepted document's result is and
    holds its record. Re-iterable: each pass reads the shards again, one at a time, and decodes
    one document at a time.
    """

    def __init__(self, folder: str, accepted: "_Accepted"):
        self.folder = folder
        self.accepted = accepted

    def __len__(self) -> int:
        return len(self.accepted)

    def __iter__(self) -> Iterator[DocResult]:
        records = self.accepted.records
        for key, positions, indices in self.accepted.parts:
            for i, data in zip(indices, read_shard_results(self.folder, key, positions)):
                data["doc_id"], data["date"] = records[i]["id"], records[i]["date"]
                yield DocResult.from_dict(data)


class _Accepted:
    """Where the accepted documents are, a few bytes each: per shard, the row positions of its
    accepted documents and the index of each one's ``documents.jsonl`` record, which holds its
    id and metadata (the strings the graph's document index then shares); and the urls."""

    def __init__(self, records: list[dict]):
        self.records = records
        self.parts: list[tuple[str, array, array]] = []  # (shard key, row positions, record indices)
        self.urls: list[str | None] = []  # in input order

    def add(self, key: str, position: int, doc: Document) -> None:
        """The next accepted document: row ``position`` of shard ``key``; its record is the last."""
        if not self.parts or self.parts[-1][0] != key:
            self.parts.append((key, array("q"), array("q")))
        self.parts[-1][1].append(position)
        self.parts[-1][2].append(len(self.records) - 1)
        self.urls.append(doc.url)

    def __len__(self) -> int:
        return len(self.urls)

    def documents(self) -> "_Documents":
        """``doc id -> metadata`` (:meth:`Document.meta`) for :func:`graph.build.build_graph`."""
        return _Documents(self)


class _Documents(Mapping):
    """The document index of :class:`_Accepted`, each entry made when it is read."""

    def __init__(self, accepted: _Accepted):
        self.accepted = accepted

    def __len__(self) -> int:
        return len(self.accepted)

    def __iter__(self) -> Iterator[str]:
        return (doc_id for doc_id, _ in self.items())

    def __getitem__(self, doc_id: str) -> dict:
        for key, meta in self.items():
            if key == doc_id:
                return meta
        raise KeyError(doc_id)

    def items(self) -> Iterator[tuple[str, dict]]:  # type: ignore[override]
        records, urls = self.accepted.records, iter(self.accepted.urls)
        for _, _, indices in self.accepted.parts:
            for i in indices:
                r = records[i]  # Document.meta(), from the same strings
                yield r["id"], {"title": r["title"], "date": r["date"], "outlet": r["outlet"], "url": next(urls),
                                "path": r["path"]}


def build_distributed(paths: Iterable[str | os.PathLike], *, scheduler: str | None, extractor: Extractor,
                      fields: Fields, on_document: Callable | None = None, cache=None, previous=None,
                      shards: str | os.PathLike | None = None, corrections=None,
                      partition_words: int = PARTITION_WORDS) -> tuple[nx.MultiDiGraph, list[dict], object]:
    """:func:`graph.pipeline.build` on a Dask cluster; same arguments, same results.

    ``shards`` is the folder or fsspec URL of the Parquet shards (default: a temporary folder,
    removed afterwards; a cluster on other machines needs a URL they can all write). With
    ``previous``, the earlier build's paths are planned as that build planned them (its
    ``plan``), so their partitions whose shards exist are not run. ``scheduler=None`` (only with
    ``previous``) runs the partitions without a shard here, with ``extractor``. ``cache`` (the
    SQLite build cache) keeps the manifest only.
    """
    from .pipeline import BuildReport, corpus_name

    if scheduler is None and previous is None:
        raise UsageError("a build without --scheduler runs locally: use graph.pipeline.build")
    paths = [str(p) for p in paths]
    all_paths = (list(previous.info["paths"]) if previous is not None else []) + paths
    start = time.perf_counter()
    report = BuildReport()
    fingerprint = extractor.fingerprint()
    fields_dict = asdict(fields)
    with contextlib.ExitStack() as stack:
        folder = str(shards) if shards is not None else stack.enter_context(tempfile.TemporaryDirectory())
        state = _Accept(on_document, report)
        with open_client(scheduler) if scheduler is not None else contextlib.nullcontext() as client:
            workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
            # the inputs of each earlier build as it planned them (shards reused), then the new ones
            plan = [*_earlier_plan(previous, workers, partition_words, fields_dict, fingerprint), [len(paths), workers]]
            partitions, first = [], 0
            for count, planned_workers in plan:
                partitions += plan_partitions(all_paths[first:first + count], partition_words=partition_words,
                                              workers=planned_workers)
                first += count
            keys = [shard_key(dict(p, fields=fields_dict), fingerprint) for p in partitions]
            if cache is not None:
                info = {"paths": all_paths, "model": extractor.model, "rules": list(extractor.rules),
                        "fields": fields_dict, "engine": ENGINE, "shards": keys, "plan": plan,
                        "partition_words": partition_words,
                        "shard_folder": folder if is_url(folder) else os.path.abspath(folder)}
                if corrections is not None:  # as graph.pipeline.build: a changed file changes the outputs
                    info["corrections"] = {"path": corrections.source, "digest": corrections.digest}
                cache.begin_manifest(info)
            if client is not None:
                _run(client, partitions, keys, folder, extractor, fields_dict, state, workers=workers)
            else:
                _run_here(partitions, keys, folder, extractor, fields_dict, state)
        if not state.found:
            raise EmptyInput("No article files found in the given paths")
        if cache is not None:
            cache.commit()
        state.finish()
        # Resolution in two passes over the shards, one document at a time: names into the
        # registry, then each document resolved into the graph (extractors.resolution.CorpusResolver).
        results = ShardResults(folder, state.accepted)
        resolver = CorpusResolver()
        for result in results:
            resolver.add(result)
        G = build_graph(resolver.resolve_all(results, corrections=corrections), state.accepted.documents(),
                        model=extractor.model_id, ontology=extractor.ontology, corpus=corpus_name(all_paths))
    report.seconds = time.perf_counter() - start
    return G, state.records, report


def _earlier_plan(previous, workers: int, partition_words: int, fields: dict, fingerprint: dict) -> list[list[int]]:
    """``[[paths, workers], ...]``: how the earlier builds cut their inputs into partitions.

    An output written before plans were recorded: its paths as one group, on the number of
    workers whose partitions have the shard names it recorded (else ``workers``).
    """
    if previous is None:
        return []
    if previous.info.get("plan"):
        return previous.info["plan"]
    paths, recorded = previous.info["paths"], previous.info.get("shards") or []
    for candidate in dict.fromkeys([workers, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128]):
        keys = [shard_key(dict(p, fields=fields), fingerprint)
                for p in plan_partitions(paths, partition_words=partition_words, workers=candidate)]
        if keys == recorded:
            return [[len(paths), candidate]]
    return [[len(paths), workers]]


def _run_here(partitions: list[dict], keys: list[str], folder: str, extractor: Extractor, fields: dict,
              state: "_Accept") -> None:
    """:func:`_run` in this process: the partitions without a shard, one at a time, in order."""
    todo = [i for i, k in enumerate(keys) if not shard_exists(folder, k)]
    bases, missing = _line_bases(None, partitions, todo), set(todo)
    for i, key in enumerate(keys):
        if i in missing:
            rows = run_partition(partitions[i], shard=key, shards=folder, fields=fields, model=extractor.model,
                                 rules=tuple(extractor.rules), batch_size=extractor.batch_size,
                                 line_base=bases.get(i, 0), extractor=extractor)
            state.accept(key, rows, cached=False)
        else:
            state.accept(key, read_shard_meta(folder, key), cached=True)


def _run(client, partitions: list[dict], keys: list[str], folder: str, extractor: Extractor,
         fields: dict, state: "_Accept", *, workers: int) -> None:
    """Run the partitions without a shard, a bounded number at a time; accept every partition's
    metadata in input order as soon as all before it are done."""
    from distributed import as_completed

    todo = [i for i, k in enumerate(keys) if not shard_exists(folder, k)]
    bases = _line_bases(client, partitions, todo)
    options = dict(shards=folder, fields=fields, model=extractor.model, rules=tuple(extractor.rules),
                   batch_size=extractor.batch_size)
    limit = max(2, workers * PARTITIONS_PER_WORKER)
    pending = iter(todo)
    done: dict[int, list[dict]] = {}  # finished, waiting for an earlier partition: bounded too
    missing = set(todo)
    following = 0
    index: dict[str, int] = {}
    futures = as_completed()

    def refill() -> None:
        while len(index) < limit and len(done) < limit * REORDER_FACTOR:
            i = next(pending, None)
            if i is None:
                return
            future = client.submit(run_partition, partitions[i], shard=keys[i], line_base=bases.get(i, 0),
                                   key=f"newsgraph-partition-{i}-{keys[i]}", retries=2, **options)
            index[future.key] = i
            futures.add(future)

    following = _flush(following, done, missing, keys, folder, state)
    refill()
    for future in futures:
        done[index.pop(future.key)] = future.result()
        future.release()
        following = _flush(following, done, missing, keys, folder, state)
        refill()
    _flush(following, done, missing, keys, folder, state)


def _flush(following: int, done: dict, missing: set, keys: list[str], folder: str, state: "_Accept") -> int:
    while following < len(keys) and (following in done or following not in missing):
        if following in done:
            state.accept(keys[following], done.pop(following), cached=False)
        else:
            state.accept(keys[following], read_shard_meta(folder, keys[following]), cached=True)
        following += 1
    return following


def _line_bases(client, partitions: list[dict], todo: list[int]) -> dict[int, int]:
    """Lines before each byte-range partition to run, counted on the workers, file by file."""
    files: dict[str, list[int]] = {}
    for i, p in enumerate(partitions):
        if p["kind"] == "range":
            files.setdefault(p["file"][1], []).append(i)
    wanted = {partitions[i]["file"][1] for i in todo if partitions[i]["kind"] == "range"}
    bases: dict[int, int] = {}
    for url in sorted(wanted, key=lambda u: files[u][0]):
        indices = files[url]
        chunks = [indices[k:k + RANGES_PER_COUNT] for k in range(0, len(indices), RANGES_PER_COUNT)]
        spans = [[(partitions[i]["start"], partitions[i]["end"]) for i in chunk] for chunk in chunks]
        if client is None:  # counted here
            counts = [n for span in spans for n in count_lines(url, span)]
        else:
            futures = [client.submit(count_lines, url, span, pure=False, retries=2) for span in spans]
            counts = [n for f in futures for n in f.result()]
        total = 0
        for i, n in zip(indices, counts):
            bases[i] = total
            total += n
    return bases


class _Accept:
    """Takes every input in order: id renaming and duplicate skipping as the local reader does
    them (``corpus.readers.read_documents``), records, where the accepted documents are
    (:class:`_Accepted`) and the report."""

    def __init__(self, on_document, report):
        self.on_document = on_document
        self.report = report
        self.records: list[dict] = []
        self.accepted = _Accepted(self.records)
        self.seen_ids: set[str] = set()
        self.seen_texts: dict[str, str] = {}
        self.found = False

    def finish(self) -> None:
        """Every input is accepted: drop the tables of ids and texts seen (the graph needs neither)."""
        self.seen_ids, self.seen_texts = set(), {}

    def accept(self, key: str, rows: list[dict], *, cached: bool) -> None:
        for pos, row in enumerate(rows):
            self.found = True
            if row["kind"] == "skipped":
                self._skip(Skipped(row["id"], row["path"], row["reason"]))
                continue
            doc = _Done(id=row["id"], text="", title=row["title"], date=row["date"], outlet=row["outlet"],
                        url=row["url"], path=row["path"], author=row["author"], notes=list(row["notes"] or []),
                        n_words=row["words"], sha1=row["text_sha1"])
            if doc.id in self.seen_ids:
                base, n = doc.id, 2
                while f"{base}~{n}" in self.seen_ids:
                    n += 1
                doc.notes.append(f"id {base!r} already used; renamed {base}~{n}")
                doc.id = f"{base}~{n}"
            self.seen_ids.add(doc.id)
            if doc.sha1 in self.seen_texts:
                self._skip(Skipped(doc.id, doc.path, f"duplicate of {self.seen_texts[doc.sha1]}"))
                continue
            self.seen_texts[doc.sha1] = doc.id
            if row["error"]:
                self._skip(Skipped(doc.id, doc.path, row["error"]))
                continue
            self.records.append(doc.status_record())
            self.accepted.add(key, pos, doc)
            self.report.processed += 1
            self.report.words += doc.words
            self.report.cached += cached
            if self.on_document:
                self.on_document(doc)

    def _skip(self, item: Skipped) -> None:
        self.records.append(item.status_record())
        self.report.skipped += 1
        self.report.skipped_reasons.append((item.id or item.path, item.reason))
        if self.on_document:
            self.on_document(item)


def estimate_inputs(paths: Iterable[str | os.PathLike]) -> int:
    """Inputs in ``paths`` for a progress bar, without reading the corpus on the client: exact
    for small local files (see :func:`graph.pipeline.count_inputs`), estimated for URLs and big
    JSON lines files from their size and the lines in their first 64 KB.

    >>> from newsgraph.corpus.readers import SAMPLE_DIR
    >>> estimate_inputs([SAMPLE_DIR])
    5
    """
    import fsspec

    from .partitions import LINE_SUFFIXES, _list_files
    from .pipeline import count_inputs

    total = 0
    for raw in paths:
        for display, url, info in _list_files(raw):
            size = int(info.get("size") or 0)
            if Path(display).suffix.lower() in LINE_SUFFIXES and (is_url(url) or size > EXACT_COUNT_BYTES):
                with fsspec.open(url, "rb") as f:
                    head = f.read(65536)
                total += max(1, round(size * max(1, head.count(b"\n")) / max(1, len(head))))
            else:
                total += 1 if is_url(url) else count_inputs([url])
    return total
