"""spaCy's parse CPU inside the build's shape vs raw ``nlp.pipe``, in one process, interleaved.

A question this answers: does the build's parse cost more than raw spaCy's because extraction
runs between chunks of ``batch_size`` documents (the model evicted from CPU caches), because
of the collector (the build freezes the heap), or the size of the chunks? Each mode parses the
same first N documents of a corpus with the model and rules loaded (``Extractor._setup``, as
in a build) and times the parse alone (``time.process_time`` around ``Extractor._parse`` or
``nlp.pipe``), plus the collector's time during the parse (``gc.callbacks``):

* ``raw``        -- ``nlp.pipe(texts, batch_size=B)`` over all texts, the Docs thrown away
  (what ``bench_build.py`` times as raw spaCy);
* ``c<N>``       -- the build's shape: chunks of N documents, each parsed (``Extractor._parse``,
  ``nlp.pipe`` with ``batch_size=B``) and then extracted (``Extractor._process``) before the next;
* ``c<N>_noext`` -- the same chunks without the extraction between them;
* ``all``        -- every document parsed first (the Docs held), then extracted.

One warm-up pass runs first (vocabulary and caches); the modes then run ``--rounds`` times,
in alternating order. The minimum per mode is the least disturbed figure on a shared machine.

Usage::

    .venv/bin/python bench/bench_parse.py --limit 150 --rounds 2
    .venv/bin/python bench/bench_parse.py --modes raw c32 c256 all --freeze
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DATA / "bbc_news.jsonl"), help="A JSON lines corpus.")
    ap.add_argument("--limit", type=int, default=150, help="The first N documents.")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--modes", nargs="+", default=["raw", "c32", "c128", "all", "c32_noext"])
    ap.add_argument("--freeze", action="store_true", help="gc.freeze() after loading, as the build does.")
    args = ap.parse_args(argv)

    from newsgraph.corpus.document import Document
    from newsgraph.corpus.readers import read_documents
    from newsgraph.extractors.pipeline import Extractor

    docs = []
    for item in read_documents([args.corpus]):
        if isinstance(item, Document):
            docs.append(item)
            if len(docs) >= args.limit:
                break
    ex = Extractor(batch_size=args.batch_size)
    ex._setup()
    nlp, texts = ex.nlp, [d.text for d in docs]
    collector = [0.0, 0.0]  # [seconds in collections, start of the current one]

    def on_gc(phase, _info):
        if phase == "start":
            collector[1] = time.process_time()
        else:
            collector[0] += time.process_time() - collector[1]

    gc.callbacks.append(on_gc)

    def run(mode: str) -> tuple[float, float, float]:
        """(parse CPU s, extraction CPU s, collector CPU s during the parse)."""
        parse = extract = in_gc = 0.0
        if mode == "raw":
            g, t = collector[0], time.process_time()
            for _ in nlp.pipe(texts, batch_size=args.batch_size):
                pass
            return time.process_time() - t, 0.0, collector[0] - g
        size = len(docs) if mode == "all" else int(mode[1:].split("_")[0])
        for i in range(0, len(docs), size):
            batch = docs[i:i + size]
            g, t = collector[0], time.process_time()
            parsed = ex._parse(batch)
            t2 = time.process_time()
            parse, in_gc = parse + t2 - t, in_gc + collector[0] - g
            if not mode.endswith("_noext"):
                for d, sd in zip(batch, parsed):
                    ex._process(sd, d.id, d.date)
                extract += time.process_time() - t2
        return parse, extract, in_gc

    if args.freeze:
        gc.freeze()
    run(f"c{args.batch_size}")  # warm-up
    results: dict[str, list] = {m: [] for m in args.modes}
    for r in range(args.rounds):
        for mode in (args.modes if r % 2 == 0 else reversed(args.modes)):
            results[mode].append(run(mode))
    load = os.getloadavg()[0]
    words = sum(d.words for d in docs)
    print(f"{len(docs)} docs, {words:,} words, batch size {args.batch_size}, gc frozen: {args.freeze}, "
          f"load average at the end {load:.1f}")
    base = min(p for p, _, _ in results["raw"]) if "raw" in results else None
    print("| mode | parse CPU s (each round) | min | vs raw | extraction CPU s | gc CPU s in the parse |")
    print("|---|---|---:|---:|---|---|")
    for mode, rows in results.items():
        parses = [p for p, _, _ in rows]
        rel = f"{min(parses) / base:.3f}" if base else ""
        print(f"| {mode} | {' '.join(f'{p:.2f}' for p in parses)} | {min(parses):.2f} | {rel} | "
              f"{' '.join(f'{e:.2f}' for _, e, _ in rows)} | {' '.join(f'{g:.3f}' for _, _, g in rows)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
