"""Score entities: typing on CrossNER politics and re3d, identity across documents on news_dev.

Usage::

    .venv/bin/python bench/entity_quality.py [--set crossner|re3d|news_dev|all] [--data FILE] [--errors N] [--json]

Every dev set is split by a hash of its record (document) ids into a tune and a check half
(``bench/devsplit.py``); each figure is reported for both halves.

**re3d** (``re3d_dev.jsonl``, gold entities only): typed name sets per document, loose
matching. Gold Organisation may be predicted as Institution or State, Location as Location or
State, Person as Person (the issue's mapping; Nationality and the other re3d types are not
scored). A predicted (name, type) matches a gold one of a compatible type when their folded
names are equal or the word set of one contains the other's. re3d also annotates pronouns
("we", "he", "they", "there": :data:`PRONOUNS`) as Organisation, Person and Location; a pronoun
is not a name, and newsgraph links pronouns (``DocResult.links``) but never makes them entities,
so the name sets leave them out. Descriptions ("the regime", "Iraqi forces", "the city") stay
in the gold, and newsgraph's descriptions are scored: state-agent mentions ("Iraqi forces" ->
Iraq) and a people named by its plural demonym ("the Syrians" -> Syria, ``how="people"``), which
re3d annotates as Organisation; an adjectival demonym ("Syrian refugees") is Nationality in re3d
and not scored. The figure with pronouns is printed too (``with pronouns``), and one whose
word sets ignore punctuation and possessives (``words without punctuation``: "Baghdad" then
matches "Baghdad, Iraq", which the main figure's whitespace words "baghdad," miss; both systems
are scored the same way).

**news_dev identity** (``news_dev/entities.jsonl``): the annotated actors (one per canonical
name and type, across documents) and their surface forms per document; the documents of one
half are extracted and resolved together, and every mention whose text is an annotated form
of that document gives the actor a node. *split*: actors found under more than one node;
*merging*: nodes holding the forms of two or more actors; *absent*: actors with no node. A
State's form that is also a place ("near Athens" / "Athens says") counts only its actor nodes:
the Location node of the place is not a split (annotations carry no offsets).

Gold labels are mapped to newsgraph's types (``politician``/``person`` -> Person, ``country`` ->
State, ``organisation``/``politicalparty`` -> Institution, ``location`` -> Location); the other
gold labels (election, event, misc) are not scored. Both systems run on each sentence's ``text``
in the same process with the same model:

* ``newsgraph``: the typed mentions of ``Extractor.process`` (names only: a demonym mention such
  as "Russian" links to its state in the graph but is not a name of it, so it is not scored, nor
  is a description such as "Russian forces", which CrossNER does not annotate);
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
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

EVAL = ROOT.parent / "shared" / "data" / "eval"
DEFAULT_DATA = EVAL / "crossner_politics_dev.jsonl"
RE3D = EVAL / "re3d_dev.jsonl"
NEWS_DEV = EVAL / "news_dev"
RE3D_MAP = {"Organisation": {"Institution", "State"}, "Location": {"Location", "State"}, "Person": {"Person"}}
GOLD_MAP = {"politician": "Person", "person": "Person", "country": "State",
            "organisation": "Institution", "politicalparty": "Institution", "location": "Location"}
RAW_MAP = {"PERSON": "Person", "GPE": "State", "ORG": "Institution", "LOC": "Location"}
TYPES = ("Person", "State", "Institution", "Location")
MACRO_TYPES = ("Person", "State", "Institution")
# Mentions that link to an entity without naming it (see the module docstring).
NOT_NAMES = {"demonym"}
# Mentions that describe an entity without naming it ("Syrian government forces" -> Syria, "the
# Syrians" -> Syria): re3d annotates such descriptions (Organisation), CrossNER only names, so
# only re3d scores them.
DESCRIPTIONS = {"state agent", "people", "leader's government"}
# Pronouns and pro-adverbs re3d annotates as entities: not names (see the module docstring).
PRONOUNS = frozenset("""
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves this that these those here
there who whom whose which
""".split())


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
        ours.append([(m.start, m.end, m.type) for m in result.mentions if m.how not in NOT_NAMES | DESCRIPTIONS])
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


# ---------------------------------------------------------------------- re3d


def _extractor():
    from newsgraph.extractors.pipeline import Extractor

    global _EX
    try:
        return _EX
    except NameError:
        _EX = Extractor()
        return _EX


def _words(text: str, *, bare: bool = False) -> set[str]:
    """The folded words of a name, without "the"; ``bare``: also without punctuation and a
    possessive ("Baghdad, Iraq" -> baghdad, iraq; "Assad's" -> assad)."""
    from newsgraph.extractors.models import fold

    folded = fold(text)
    if not bare:
        return set(folded.replace("the ", " ").split())
    return set(re.findall(r"[^\W_]+", re.sub(r"['\u2019]s\b", "", folded))) - {"the"}


def _loose(a: str, b: str, *, bare: bool = False) -> bool:
    wa, wb = _words(a, bare=bare), _words(b, bare=bare)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _set_prf(gold: list[set], pred: list[set], *, bare: bool = False) -> tuple[float, float, float]:
    """Loose typed name-set P/R/F1 summed over documents; gold items are (name, {types})."""
    tp_p = n_p = tp_g = n_g = 0
    for g, p in zip(gold, pred):
        n_p += len(p)
        n_g += len(g)
        tp_p += sum(1 for name, t in p if any(t in types and _loose(name, gname, bare=bare) for gname, types in g))
        tp_g += sum(1 for gname, types in g if any(t in types and _loose(name, gname, bare=bare) for name, t in p))
    prec, rec = (tp_p / n_p if n_p else 0.0), (tp_g / n_g if n_g else 0.0)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def re3d(errors: int = 0) -> str:
    """Typed name-set F1 (loose) of newsgraph and the raw model on each half of re3d dev."""
    from devsplit import split

    ex = _extractor()
    rows = load_gold(RE3D)
    out = ["| half | docs | system | P | R | F1 | F1 with pronouns | F1, words without punctuation |",
           "|---|---:|---|---:|---:|---:|---:|---:|"]
    for name, half_rows in zip(("tune", "check"), split(rows)):
        with_pronouns, ours, raw = [], [], []
        for row in half_rows:
            with_pronouns.append({(e["text"], frozenset(RE3D_MAP[e["label"]])) for e in row["entities"]
                                  if e.get("gold") and e["label"] in RE3D_MAP})
            doc = ex.nlp(row["text"])
            raw.append({(e.text, RAW_MAP[e.label_]) for e in doc.ents if e.label_ in RAW_MAP})
            result = ex.process(doc, row["id"], None)
            ours.append({(m.text, m.type) for m in result.mentions if m.how not in NOT_NAMES})
        gold = [{g for g in names if g[0].lower() not in PRONOUNS} for names in with_pronouns]
        for system, pred in (("newsgraph", ours), ("en_core_web_sm", raw)):
            p, r, f = _set_prf(gold, pred)
            f_all = _set_prf(with_pronouns, pred)[2]
            f_bare = _set_prf(gold, pred, bare=True)[2]
            out.append(f"| {name} | {len(half_rows)} | {system} | {p:.3f} | {r:.3f} | **{f:.3f}** | {f_all:.3f} | {f_bare:.3f} |")
        if errors and name == "tune":
            fp = Counter(x for g, p in zip(gold, ours) for x in p
                         if not any(x[1] in ts and _loose(x[0], gn) for gn, ts in g))
            fn = Counter((gn, "/".join(sorted(ts))) for g, p in zip(gold, ours) for gn, ts in g
                         if not any(x[1] in ts and _loose(x[0], gn) for x in p))
            out.append("\ntune false positives: " + ", ".join(f"{n}x {k}" for k, n in fp.most_common(errors)))
            out.append("\ntune false negatives: " + ", ".join(f"{n}x {k}" for k, n in fn.most_common(errors)) + "\n")
    return "\n".join(out)


# ---------------------------------------------------------------------- news_dev identity


def identity(docs: list[dict], actors: list[dict]) -> dict:
    """Split / merging / absent counts of annotated actors over the resolved keys of ``docs``."""
    from newsgraph.extractors.models import fold
    from newsgraph.extractors.resolution import resolve_corpus

    ex = _extractor()
    results = [ex.process(ex.nlp(d["text"]), d["id"], d.get("date")) for d in docs]
    results = resolve_corpus(results)

    def norm(text: str) -> str:
        text = fold(text).strip()
        return text[4:] if text.startswith("the ") else text

    keys_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, form) -> keys
    for r in results:
        for m in r.mentions:
            keys_of[(r.doc_id, norm(m.text))].add(m.key)
    doc_ids = {d["id"] for d in docs}
    # one actor named "Reagan" in one document and "Ronald Reagan" in another: the one full name
    full = defaultdict(set)
    for a in actors:
        if a["doc"] in doc_ids and len(a["canonical"].split()) > 1:
            full[(fold(a["canonical"]).split()[-1], a["type"])].add(a["canonical"])

    def canonical(a: dict) -> tuple[str, str]:
        names = full.get((fold(a["canonical"]), a["type"]), set())
        return (next(iter(names)) if len(names) == 1 else a["canonical"]), a["type"]

    nodes_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in actors:
        if a["doc"] in doc_ids:
            actor = canonical(a)
            for form in a["mentions"]:
                keys = keys_of.get((a["doc"], norm(form)), set())
                if a["type"] == "State":  # "near Athens" is the place, "Athens says" the state: not a split
                    keys = {k for k in keys if not k.startswith("location:")} or keys
                nodes_of[actor] |= keys
    actors_of: dict[str, set] = defaultdict(set)
    for actor, keys in nodes_of.items():
        for k in keys:
            actors_of[k].add(actor)
    return {
        "actors": len(nodes_of),
        "split": sorted(f"{a[0]}: {', '.join(sorted(k))}" for a, k in nodes_of.items() if len(k) > 1),
        "merging": sorted(f"{k}: {', '.join(sorted(x[0] for x in a))}" for k, a in actors_of.items() if len(a) > 1),
        "absent": sorted(a[0] for a, k in nodes_of.items() if not k),
    }


def news_dev(verbose: bool = False) -> str:
    from devsplit import split

    docs = load_gold(NEWS_DEV / "docs.jsonl")
    actors = load_gold(NEWS_DEV / "entities.jsonl")
    out = ["| half | docs | actors | split | merging | absent |", "|---|---:|---:|---:|---:|---:|"]
    details = []
    for name, half_docs in zip(("tune", "check"), split(docs)):
        c = identity(half_docs, actors)
        out.append(f"| {name} | {len(half_docs)} | {c['actors']} | {len(c['split'])} | {len(c['merging'])} | {len(c['absent'])} |")
        if verbose:
            details += [f"{name} {kind}: {x}" for kind in ("split", "merging", "absent") for x in c[kind]]
    return "\n".join(out + ([""] + details if details else []))


def crossner(args) -> int:
    from devsplit import half

    rows = load_gold(args.data)
    halves = {h: [i for i, r in enumerate(rows) if half(r["id"]) == h] for h in ("tune", "check")}
    gold = [gold_spans(r) for r in rows]
    ours, raw = predict(rows)
    results = {"newsgraph": score(gold, ours), "en_core_web_sm": score(gold, raw)}
    for h, idx in halves.items():
        for system, pred in (("newsgraph", ours), ("en_core_web_sm", raw)):
            counts = score([gold[i] for i in idx], [pred[i] for i in idx])
            print(f"{h} half ({len(idx)} sentences), {system}: macro F1 P/S/I exact "
                  f"{100 * macro(counts, 'exact'):.1f}, lenient {100 * macro(counts, 'lenient'):.1f}")
    print()
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
        tune = halves["tune"]
        print(errors([rows[i] for i in tune], [gold[i] for i in tune], [ours[i] for i in tune], args.errors))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("crossner", "re3d", "news_dev", "all"), default="all")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CrossNER jsonl file")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print newsgraph's N commonest errors (tune half)")
    ap.add_argument("--json", action="store_true", help="print the CrossNER counts as JSON instead of tables")
    args = ap.parse_args(argv)
    if args.set in ("re3d", "all"):
        print("## re3d dev: typed name sets, loose\n")
        print(re3d(args.errors) + "\n")
    if args.set in ("news_dev", "all"):
        print("## news_dev: actor identity across documents\n")
        print(news_dev(verbose=bool(args.errors)) + "\n")
    if args.set in ("crossner", "all"):
        print("## CrossNER politics dev\n")
        return crossner(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
