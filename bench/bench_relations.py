"""Relation extraction cost: every rule over every token vs gated matching, on parsed BBC News.

Issue 8 asks for newsgraph at 0.9x of raw spaCy; relation extraction used to take a fifth of
spaCy's own CPU time, nearly all of it in spaCy's ``DependencyMatcher`` running every rule over
every token. ``RelationExtractor`` now runs each rule only on the sentences that hold one of its
trigger words and two entities (``gated=True``, the default); ``gated=False`` is the old way.

In one run: the first ``--limit`` BBC News articles are parsed (``nlp.pipe``, batch size 32, one
process; its CPU time is the reference), their entities found as ``Extractor.process`` finds
them, then relations are extracted from the same parsed Docs by both extractors, alternating,
``--repeat`` times each. The table gives each one's CPU seconds (the fastest repeat), its share
of spaCy's parse time and the ratio between them; ``same`` checks that both gave identical
relation lists.

Usage::

    .venv/bin/python bench/bench_relations.py                 # 300 articles, 2 repeats
    .venv/bin/python bench/bench_relations.py --limit 100 --repeat 1 --json out.json

CPU time (``time.process_time``) is used throughout: other work on a shared machine disturbs
it much less than wall-clock time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BBC = ROOT.parent / "shared" / "data" / "bench" / "bbc_news.jsonl"


def _entity_maps(parsed, extractor) -> list[dict[int, tuple[str, str]]]:
    """Token index -> (entity key, type) per Doc, built the way ``Extractor.process`` builds it."""
    from newsgraph.extractors.mentions import find_mentions

    gaz, matcher, _ontology, _rex = extractor._setup()
    maps = []
    for doc in parsed:
        mentions, _entities, links = find_mentions(doc, gaz, matcher)
        token_entity = {i: (m.key, m.type) for m in mentions for i in range(*m.tokens)}
        for i, (key, etype, _how) in links.items():
            token_entity.setdefault(i, (key, etype))
        maps.append(token_entity)
    return maps


def _extract_all(relation_extractor, parsed, maps) -> tuple[float, list]:
    """CPU seconds to extract the relations of every Doc, and the relations."""
    out, seconds = [], 0.0
    for doc, token_entity in zip(parsed, maps):
        start = time.process_time()
        out.append(list(relation_extractor(doc, lambda tok, te=token_entity: te.get(tok.i))))
        seconds += time.process_time() - start
    return seconds, out


def run(*, limit: int = 300, repeat: int = 2, path: Path = BBC) -> dict:
    """Measure; returns a dict of the figures (also what ``--json`` writes)."""
    from newsgraph.corpus.document import Document
    from newsgraph.corpus.readers import read_documents
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.extractors.relations import RelationExtractor

    docs = [d for d in itertools.islice(read_documents([path]), limit) if isinstance(d, Document)]
    extractor = Extractor()
    ontology = extractor.ontology
    start = time.process_time()
    parsed = list(extractor.nlp.pipe([d.text for d in docs], batch_size=32))
    spacy_cpu = time.process_time() - start
    maps = _entity_maps(parsed, extractor)
    extractors = {
        "all rules, all tokens": RelationExtractor(extractor.nlp, ontology, gated=False),
        "gated": RelationExtractor(extractor.nlp, ontology),
    }
    best = {name: float("inf") for name in extractors}
    results = {}
    for _ in range(repeat):
        for name, rex in extractors.items():
            seconds, results[name] = _extract_all(rex, parsed, maps)
            best[name] = min(best[name], seconds)
    old, new = extractors
    return {
        "documents": len(docs),
        "tokens": sum(len(d) for d in parsed),
        "sentences": sum(1 for d in parsed for _ in d.sents),
        "rules": len(ontology.rules),
        "spacy_cpu": round(spacy_cpu, 3),
        "relations": sum(map(len, results[new])),
        "same": results[old] == results[new],
        "modes": {name: {"cpu": round(best[name], 3), "share_of_spacy": round(best[name] / spacy_cpu, 4)} for name in extractors},
        "speedup": round(best[old] / best[new], 2) if best[new] else None,
    }


def to_markdown(r: dict) -> str:
    lines = [
        f"{r['documents']} BBC News articles, {r['tokens']:,} tokens, {r['sentences']:,} sentences, "
        f"{r['rules']} rules; spaCy parse {r['spacy_cpu']:.2f} s CPU; {r['relations']} relations, "
        f"identical: {r['same']}",
        "",
        "| relation extraction | CPU s | share of spaCy's parse |",
        "|---|---:|---:|",
    ]
    for name, m in r["modes"].items():
        lines.append(f"| {name} | {m['cpu']:.2f} | {m['share_of_spacy']:.1%} |")
    lines += ["", f"gated is {r['speedup']}x faster"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="number of BBC articles (default 300)")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each extractor; the fastest counts (default 2)")
    parser.add_argument("--data", type=Path, default=BBC, help="JSONL corpus (default: BBC News)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    result = run(limit=args.limit, repeat=args.repeat, path=args.data)
    print(to_markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if result["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
