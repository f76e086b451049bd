"""Score entity typing on the CrossNER politics dev set: newsgraph vs. raw ``en_core_web_sm``.

Usage::

    .venv/bin/python bench/entity_quality.py [--data FILE] [--errors N] [--json]

Gold labels are mapped to newsgraph's types (``politician``/``person`` -> Person, ``country`` ->
State, ``organisation``/``politicalparty`` -> Institution, ``location`` -> Location); the other
gold labels (election, event, misc) are not scored. Both systems run on each sentence's ``text``
in the same process with the same model:

* ``newsgraph``: the typed mentions of ``Extractor.process`` (names only: a demonym mention such
  as "Russian" links to its state in the graph but is not a name of it, so it is not scored);
* ``raw``: the model's entities with the plain mapping PERSON -> Person, GPE -> State,
  ORG -> Institution, LOC -> Location.

A prediction is correct under ``exact`` when its character offsets and type equal a gold
entity's, and under ``lenient`` when it overlaps a gold entity of the same type (each gold
entity matched at most once). Precision, recall and F1 are reported per type, with the macro F1
over Person/State/Institution (the issue's target) and over all four types.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "eval" / "crossner_politics_dev.jsonl"
GOLD_MAP = {"politician": "Person", "person": "Person", "country": "State",
            "organisation": "Institution", "politicalparty": "Institution", "location": "Location"}
RAW_MAP = {"PERSON": "Person", "GPE": "State", "ORG": "Institution", "LOC": "Location"}
TYPES = ("Person", "State", "Institution", "Location")
MACRO_TYPES = ("Person", "State", "Institution")
# Mentions that link to an entity without naming it (see the module docstring).
NOT_NAMES = {"demonym"}


def load_gold(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def gold_spans(row: dict) -> list[tuple[int, int, str]]:
    return [(e["char_start"], e["char_end"], GOLD_MAP[e["label"]]) for e in row["entities"]
            if e["label"] in GOLD_MAP]


def predict(rows: list[dict]) -> tuple[list[list], list[list]]:
    """(newsgraph spans, raw model spans) per sentence, from one parse of each sentence."""
    from newsgraph.extractors.pipeline import Extractor

    ex = Extractor()
    ours, raw = [], []
    texts = ((r["text"], r["id"]) for r in rows)
    for doc, doc_id in ex.nlp.pipe(texts, as_tuples=True, batch_size=64):
        raw.append([(e.start_char, e.end_char, RAW_MAP[e.label_]) for e in doc.ents if e.label_ in RAW_MAP])
        result = ex.process(doc, doc_id, None)
        ours.append([(m.start, m.end, m.type) for m in result.mentions if m.how not in NOT_NAMES])
    return ours, raw


def score(gold: list[list], pred: list[list]) -> dict[str, dict[str, Counter]]:
    """Counts of tp/fp/fn per mode ('exact', 'lenient') and type."""
    out = {"exact": defaultdict(Counter), "lenient": defaultdict(Counter)}
    for g_spans, p_spans in zip(gold, pred):
        p_spans = list(dict.fromkeys(p_spans))
        g_set = set(g_spans)
        for s, e, t in p_spans:
            out["exact"][t]["tp" if (s, e, t) in g_set else "fp"] += 1
        for s, e, t in g_spans:
            if (s, e, t) not in p_spans:
                out["exact"][t]["fn"] += 1
        used: set[int] = set()
        for s, e, t in p_spans:
            hit = next((i for i, (gs, ge, gt) in enumerate(g_spans)
                        if i not in used and gt == t and gs < e and s < ge), None)
            if hit is None:
                out["lenient"][t]["fp"] += 1
            else:
                used.add(hit)
                out["lenient"][t]["tp"] += 1
        for i, (_s, _e, t) in enumerate(g_spans):
            if i not in used:
                out["lenient"][t]["fn"] += 1
    return out


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(results: dict[str, dict], mode: str) -> str:
    lines = [f"| system | type | P | R | F1 | gold | predicted |", "|---|---|---:|---:|---:|---:|---:|"]
    for system, counts in results.items():
        c = counts[mode]
        for t in TYPES:
            p, r, f = prf(c[t])
            lines.append(f"| {system} | {t} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | "
                         f"{c[t]['tp'] + c[t]['fn']} | {c[t]['tp'] + c[t]['fp']} |")
        macro3 = sum(prf(c[t])[2] for t in MACRO_TYPES) / len(MACRO_TYPES)
        macro4 = sum(prf(c[t])[2] for t in TYPES) / len(TYPES)
        lines.append(f"| {system} | **macro P/S/I** | | | **{100 * macro3:.1f}** | | |")
        lines.append(f"| {system} | macro all four | | | {100 * macro4:.1f} | | |")
    return "\n".join(lines)


def macro(counts: dict, mode: str) -> float:
    return sum(prf(counts[mode][t])[2] for t in MACRO_TYPES) / len(MACRO_TYPES)


def errors(rows, gold, pred, limit: int) -> str:
    """The most frequent wrong and missed spans of newsgraph (exact mode), for error analysis."""
    wrong, missed = Counter(), Counter()
    for row, g_spans, p_spans in zip(rows, gold, pred):
        g_by_span = {(s, e): t for s, e, t in g_spans}
        p_set = set(p_spans)
        for s, e, t in p_set:
            if g_by_span.get((s, e)) != t:
                wrong[(row["text"][s:e], t, g_by_span.get((s, e), "-"))] += 1
        for s, e, t in g_spans:
            if (s, e, t) not in p_set:
                missed[(row["text"][s:e], t)] += 1
    out = ["wrong (text, predicted, gold):"]
    out += [f"  {n:3d} {k}" for k, n in wrong.most_common(limit)]
    out.append("missed (text, gold):")
    out += [f"  {n:3d} {k}" for k, n in missed.most_common(limit)]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CrossNER jsonl file")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print newsgraph's N commonest errors")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON instead of tables")
    args = ap.parse_args(argv)
    rows = load_gold(args.data)
    gold = [gold_spans(r) for r in rows]
    ours, raw = predict(rows)
    results = {"newsgraph": score(gold, ours), "en_core_web_sm": score(gold, raw)}
    if args.json:
        print(json.dumps({s: {m: {t: dict(c) for t, c in by.items()} for m, by in r.items()}
                          for s, r in results.items()}, indent=1))
        return 0
    print(f"CrossNER politics dev: {len(rows)} sentences, {sum(map(len, gold))} scored gold entities\n")
    for mode in ("exact", "lenient"):
        print(f"### {mode} span match\n")
        print(table(results, mode))
        diff = 100 * (macro(results["newsgraph"], mode) - macro(results["en_core_web_sm"], mode))
        print(f"\nnewsgraph - raw, macro F1 over Person/State/Institution: {diff:+.1f} points\n")
    if args.errors:
        print(errors(rows, gold, ours, args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
