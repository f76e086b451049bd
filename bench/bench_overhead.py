"""newsgraph's CPU beyond spaCy's parse, measured inside one build (the stable share on a busy machine).

``bench_build.py`` compares two processes (raw spaCy, then newsgraph); on a shared machine their
CPU seconds move by several percent from run to run, which hides changes of a few percent in
newsgraph's own work. This script runs one cold build (``graph.pipeline.build`` + ``graph.json``,
1 process, model loaded before the clock, a fresh result cache) of the first N documents of a
corpus and splits its CPU seconds into spaCy's parse (``Extractor._parse``: ``nlp.pipe``, the
same call raw spaCy makes) and everything else (reading, extraction, resolution, the graph,
``graph.json``, the cache). ``other/parse`` is the overhead; ``parse/total`` estimates the CPU
ratio to raw spaCy. Run it with two checkouts' interpreters, alternately, to compare them::

    .venv/bin/python bench/bench_overhead.py --limit 300
    /path/to/other/checkout/.venv/bin/python bench/bench_overhead.py --limit 300
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DATA / "bbc_news.jsonl"), help="A JSON lines corpus.")
    ap.add_argument("--limit", type=int, default=300, help="The first N documents.")
    args = ap.parse_args(argv)

    import newsgraph.extractors.pipeline as pipeline
    from newsgraph.corpus.document import Document
    from newsgraph.corpus.readers import read_documents
    from newsgraph.graph.export.json import write_json
    from newsgraph.graph.pipeline import build, open_cache

    out = Path(tempfile.mkdtemp(prefix="newsgraph-overhead-"))
    subset = out / "input.jsonl"
    docs = []
    for item in read_documents([args.corpus]):
        if isinstance(item, Document):
            docs.append(item)
            if len(docs) >= args.limit:
                break
    with open(subset, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d.id, "title": None, "date": d.date, "text": d.text}) + "\n")

    parse = [0.0]
    original = pipeline.Extractor._parse

    def timed_parse(self, documents):
        start = time.process_time()
        try:
            return original(self, documents)
        finally:
            parse[0] += time.process_time() - start

    pipeline.Extractor._parse = timed_parse
    extractor = pipeline.Extractor()
    extractor._setup()  # the model and rules load before the clock, as in bench_build.py
    start = time.process_time()
    with open_cache(out, extractor) as cache:
        G, _records, report = build([str(subset)], extractor=extractor, cache=cache)
        write_json(G, out / "graph.json")
    total = time.process_time() - start
    other = total - parse[0]
    print(f"{sys.executable}: {report.processed} docs, {report.words:,} words; CPU s: total {total:.2f}, "
          f"parse {parse[0]:.2f}, other {other:.2f}; other/parse {other / parse[0]:.3f}, "
          f"parse/total {parse[0] / total:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
