"""Typed edges of bench-corpus articles outside every dev set, with their evidence, for reading by eye.

Usage::

    .venv/bin/python bench/read_edges.py --slice 0:25 [--json OUT.json]      # edges as text on stdout

Articles: BBC politics and Reuters items of ``../shared/data/bench`` with at least 600 characters
and a few political cue words, minus every news_dev article (same id, same opening text or same
title), ordered by SHA-256 of ``"rel12p:" + id``; ``--slice a:b`` takes items a..b of the BBC and
of the Reuters list each (disjoint slices give disjoint sets). Texts are cleaned as the JSON reader
cleans them. Issue 12 used 0:25 (fixing), 25:38 and 38:50 (measured, then used for a second
round), 50:63 (measured only): see ``bench/results/precision_by_eye.md``.

Data: BBC / Reuters, research use only (see ../shared/data/README.md); nothing is copied here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from newsgraph.corpus.clean import clean_article
from newsgraph.extractors.models import MENTIONED_WITH
from newsgraph.extractors.pipeline import Extractor, load_model

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
                   ROOT.parent / "shared" / "data")
CUES = (" minister", " president", " talks", " government", " agreed", " met ", " accused", " sanction",
        " troops", " leader")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def articles(lo: int, hi: int) -> list[dict]:
    """Items lo..hi of the BBC and of the Reuters candidates (see the module docstring)."""
    dev = [json.loads(line) for line in (SHARED_DATA / "eval" / "news_dev" / "docs.jsonl").open(encoding="utf-8")]
    ids, texts, titles = {d["id"] for d in dev}, {_norm(d["text"])[:300] for d in dev}, {_norm(d["title"]) for d in dev}
    out = {"bbc": [], "reuters": []}
    for name, prefixes in (("bbc_news.jsonl", ("bbc-politics",)), ("reuters21578.jsonl", ("reuters",))):
        for line in (SHARED_DATA / "bench" / name).open(encoding="utf-8"):
            d = json.loads(line)
            text = d.get("text") or ""
            if d.get("duplicate_of") or len(text) < 600 or not d["id"].startswith(prefixes):
                continue
            if d["id"] in ids or _norm(text)[:300] in texts or _norm(d.get("title")) in titles:
                continue
            if sum(text.lower().count(w) for w in CUES) >= 4:
                out["bbc" if d["id"].startswith("bbc") else "reuters"].append(d)
    key = lambda d: hashlib.sha256(("rel12p:" + d["id"]).encode()).hexdigest()  # noqa: E731
    return [d for group in out.values() for d in sorted(group, key=key)[lo:hi]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slice", default="0:25", help="a:b, items of each corpus list")
    parser.add_argument("--json", type=Path, help="also write the edges as JSON")
    args = parser.parse_args(argv)
    lo, hi = (int(x) for x in args.slice.split(":"))
    nlp = load_model()
    extractor = Extractor(nlp=nlp)
    rows = []
    for d in articles(lo, hi):
        text = clean_article(d["text"], title_line=False).text
        result = extractor.process(nlp(text), d["id"], d.get("date"))
        name = lambda k: result.entities[k].name if k in result.entities else k  # noqa: E731
        for r in result.relations:
            if r.type != MENTIONED_WITH:
                rows.append({"doc": d["id"], "subject": name(r.subject), "type": r.type, "object": name(r.object),
                             "status": r.status, "rule": r.rule, "trigger": r.trigger,
                             "sentence": text[r.sent_start:r.sent_end].replace("\n", " ")})
    for i, x in enumerate(rows):
        print(f"#{i} [{x['doc']}] {x['subject']} -{x['type']}-> {x['object']} ({x['status']}; {x['rule']}; "
              f"{x['trigger']})\n    {x['sentence']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"{len(rows)} typed edges", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
