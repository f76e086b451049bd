"""Where a local build keeps each document's result between extraction and graph assembly.

Resolution needs every document's names before it can resolve any document
(:class:`newsgraph.extractors.resolution.CorpusResolver`): the build folds each result into the
registry as it is extracted, then reads the results back one at a time, in input order, to
resolve them and add them to the graph. They are read back from the build cache when there is
one (every result is in it, by text hash), else from a temporary file of compressed results;
the build's memory is the registry and the graph, not the corpus. (A cluster build reads them
back from its Parquet shards: :class:`newsgraph.graph.distributed.ShardResults`.)

Examples
--------
>>> from newsgraph.corpus.document import Document
>>> from newsgraph.extractors.models import DocResult
>>> with ResultSpool(None) as spool:
...     spool.add(Document("d1", "Text.", date="2024-05-01"), DocResult("d1", "2024-05-01", 1, [], {}, [], {}, []))
...     [(r.doc_id, r.date, r.words) for r in spool], [r.doc_id for r in spool]
([('d1', '2024-05-01', 1)], ['d1'])
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from newsgraph.corpus.document import Document
from newsgraph.extractors.models import DocResult

from .cache import ResultCache, pack, unpack

__all__ = ["ResultSpool"]


class ResultSpool:
    """The results of a build's accepted documents, in input order, re-readable (a context manager).

    With a ``cache``, a result is read back from it by the document's text hash (it must be in
    it: cached, or put by the build); without, results are written to a temporary file.
    """

    def __init__(self, cache: ResultCache | None):
        self.cache = cache
        self.entries: list[tuple[str, str | None, str | tuple[int, int]]] = []  # (id, date, hash or span)
        self._file = tempfile.TemporaryFile() if cache is None else None

    def add(self, doc: Document, result: DocResult) -> None:
        """Keep ``doc``'s result (already in the cache when there is one)."""
        if self._file is None:
            self.entries.append((doc.id, doc.date, doc.text_hash))
            return
        blob = pack(dict(result.to_dict(), doc_id=None, date=None))
        self._file.seek(0, 2)
        self.entries.append((doc.id, doc.date, (self._file.tell(), len(blob))))
        self._file.write(blob)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[DocResult]:
        for doc_id, date, ref in self.entries:
            if self._file is None:
                data = self.cache.get(ref, count=False)
                if data is None:
                    raise RuntimeError(f"the result of {doc_id!r} is missing from the build cache")
                data.pop("notes", None)
            else:
                self._file.seek(ref[0])
                data = unpack(self._file.read(ref[1]))
            data["doc_id"], data["date"] = doc_id, date
            yield DocResult.from_dict(data)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> "ResultSpool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
