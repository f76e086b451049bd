"""Relation quality: PLOVER gold-standard recall/precision and the sample corpus' expected facts.

Usage::

    .venv/bin/python bench/relation_quality.py plover [--entities pipeline|model|both] [--show missed|wrong|all]
    .venv/bin/python bench/relation_quality.py facts  [-v]
    .venv/bin/python bench/relation_quality.py all

PLOVER scoring (``../shared/data/eval/plover_gsr_dev.jsonl``, 163 sentences). Each sentence is
one document. A gold triple (source actor, target actor, PLOVER category) is found when a typed
edge of that sentence joins an entity of the source actor to an entity of the target actor (in
that direction, or either direction for a symmetric type) and its type maps to the category:
the type's ``plover`` code, or its ``plover_intent`` code when the edge is proposed or
hypothetical (CAMEO codes an intention to act as AGREE or THREATEN). The gold file uses older
PLOVER names; they are mapped to the 2021 ones of the ontology: DEMAND -> REQUEST, DISAPPROVE
and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT. Triples with a missing actor cannot be an edge and
are left out of recall (their count is reported).

Precision is over the distinct (subject, type, object) typed edges produced on the gold
sentences, leaving out role edges (HEAD_OF, MEMBER_OF, ...: no PLOVER category) and negated
edges (kept in the graph but never shown as facts). An edge is correct when it matches a gold
triple of its sentence as above; an event the gold does not code counts as wrong.

Entities (``--entities``):

``pipeline`` (default)
    ``extractors.pipeline.Extractor().process(doc, id, None)``: typed, resolved mentions and
    the pronoun/description links, exactly as a build sees them; edges join entity keys
    (``state:RUS``, ``person:nicolas-maduro``). A gold actor's entities are the mentions and
    links whose characters overlap the actor's text in the sentence (the whole actor, else its
    longest tail: "Jordan's King Abdullah II" -> "King Abdullah II"; each piece of "A ... B"),
    plus ``state:<code>`` when the gold gives the actor's country code (ISO 3166 alpha-3; the
    CAMEO codes JAP, ITL and VTN are read as JPN, ITA, VNM) and that state is mentioned.
``model``
    the stand-in used before the pipeline existed: ``doc.ents`` (PERSON -> Person, GPE/NORP ->
    State, ORG/FAC -> Institution, LOC -> Location) plus the gold actor strings themselves (each
    actor is one entity whose tokens map to it). Optimistic: it is told where the actors are.
``both``
    both, one after the other (the default of ``plover`` and ``all``).

Facts: the sample corpus (``corpus.readers.SAMPLE_DIR``) is built with the real pipeline
(``graph.pipeline.build``) and each expected fact of issue 4 is looked up by exact node names,
as ``tests/extractors/test_sample_facts.py`` does.

Data: ../shared/data/eval/plover_gsr_dev.jsonl is from openeventdata/PLOVER (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.corpus.readers import SAMPLE_DIR  # noqa: E402
from newsgraph.extractors.pipeline import Extractor, load_model  # noqa: E402
from newsgraph.extractors.relations import Ontology, RelationExtractor  # noqa: E402

SHARED = ROOT.parent / "shared"
PLOVER_DEV = SHARED / "data" / "eval" / "plover_gsr_dev.jsonl"
ENTITY_MODES = ("pipeline", "model")

#: spaCy NER label -> newsgraph entity type (the ``model`` stand-in for the pipeline's typing).
LABEL_TYPES = {"PERSON": "Person", "GPE": "State", "NORP": "State", "ORG": "Institution", "FAC": "Institution", "LOC": "Location"}
#: Older PLOVER category names of the gold file -> the 2021 names used by the ontology.
PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: CAMEO country codes of the gold file that are not ISO 3166 alpha-3.
CAMEO_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: Expected sample-corpus facts (issue 4): (file prefix, subject, type, object, status or None).
EXPECTED_FACTS = [
    (f["doc_prefix"], f["subject"], f["type"], f["object"], f["status"])
    for f in json.loads((SAMPLE_DIR.parent / "sample_facts.json").read_text(encoding="utf-8"))["facts"]
]

Edge = tuple[str, str, str, str]  # (subject key, type, object key, status)


# ---------------------------------------------------------------------- actors


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


def _pipeline_actor_keys(result, text: str, actor: str, code: str | None) -> set[str]:
    """Entity keys of a gold actor: overlapping mentions and links, and its state by country code."""
    spans = _actor_spans(text, actor)
    items = [(m.start, m.end, m.key) for m in result.mentions] + [(s, e, k) for s, e, k, _how in result.links]
    keys = {k for s, e, k in items if any(s < ae and e > as_ for as_, ae in spans)}
    if code:
        state = f"state:{CAMEO_COUNTRY_CODES.get(code, code)}"
        if any(k == state for _s, _e, k in items):
            keys.add(state)
    return keys


def _model_entity_of(doc, actors: list[str]):
    """``doc.ents`` plus the gold actor strings (each actor is one entity named by its string)."""
    mapping = {}
    for ent in doc.ents:
        etype = LABEL_TYPES.get(ent.label_)
        if etype:
            for tok in ent:
                mapping[tok.i] = (ent.text, etype)
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


# ---------------------------------------------------------------------- PLOVER


def _read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_plover(path: Path = PLOVER_DEV, *, entities: str = "pipeline", show: str | None = None,
                 nlp=None, ontology=None, rules=()) -> dict:
    """Recall and precision of typed edges against the PLOVER gold sentences.

    ``entities`` is ``"pipeline"`` (the real extractor: resolved, typed mentions) or ``"model"``
    (``doc.ents`` plus the gold actor strings); see the module docstring for the scoring.
    """
    if entities not in ENTITY_MODES:
        raise ValueError(f"entities must be one of {', '.join(ENTITY_MODES)}, not {entities!r}")
    nlp = nlp or load_model()
    ontology = ontology or Ontology.load(*rules)
    if entities == "pipeline":
        extractor = Extractor(nlp=nlp, rules=rules)
    else:
        relation_extractor = RelationExtractor(nlp, ontology)
    rows = _read_gold(path)
    found = total = skipped = correct = produced = unmatched_actors = 0
    per_cat, per_cat_found, wrong_types = Counter(), Counter(), Counter()
    started = time.perf_counter()

    def cats(type_name: str, status: str) -> set[str]:
        return {ontology.types[type_name].plover, ontology.plover_of(type_name, status)}

    def joins(edge: Edge, sources: set[str], targets: set[str]) -> bool:
        s, type_name, o, _status = edge
        if ontology.types[type_name].symmetric and s in targets and o in sources:
            return True
        return s in sources and o in targets

    for row in rows:
        text = row["text"].strip().strip("{}")
        doc = nlp(text)
        if entities == "pipeline":
            result = extractor.process(doc, row["id"], None)
            relations = result.relations
            names = {k: e.name for k, e in result.entities.items()}

            def keys_of(actor: str, code: str | None, result=result) -> set[str]:
                return _pipeline_actor_keys(result, text, actor, code)
        else:
            actors = [a for t in row["triples"] for a in (t["source"], t["target"]) if a]
            relations = list(relation_extractor(doc, _model_entity_of(doc, actors)))
            names = {}

            def keys_of(actor: str, code: str | None) -> set[str]:
                return {actor}
        # role edges have no PLOVER category; negated edges are not facts: neither is scored
        edges = [r for r in relations if ontology.types[r.type].family != "role" and r.status != "negated"]
        edge_set = {(r.subject, r.type, r.object, r.status) for r in edges}
        gold: list[tuple[set[str], set[str], str, str]] = []
        for t in row["triples"]:
            if not t["source"] or not t["target"]:
                skipped += 1
                continue
            cat = PLOVER_ALIASES.get(t["event"], t["event"])
            src, tgt = keys_of(t["source"], t.get("source_code")), keys_of(t["target"], t.get("target_code"))
            unmatched_actors += not src or not tgt
            gold.append((src, tgt, cat, f"{t['source']} -{cat}-> {t['target']}"))
        hits = []
        for src, tgt, cat, _label in gold:
            total += 1
            per_cat[cat] += 1
            ok = any(joins(e, src, tgt) and cat in cats(e[1], e[3]) for e in edge_set)
            found += ok
            per_cat_found[cat] += ok
            hits.append(ok)
        good = {e[:3] for e in edge_set if any(joins(e, s, t) and c in cats(e[1], e[3]) for s, t, c, _ in gold)}
        distinct = {e[:3] for e in edge_set}
        for e in distinct - good:
            wrong_types[e[1]] += 1
        produced += len(distinct)
        correct += len(good)
        if show == "all" or (show == "missed" and not all(hits)) or (show == "wrong" and distinct - good):
            print(f"\n[{row['id']}] {text}")
            for (src, tgt, _cat, label), ok in zip(gold, hits):
                print(f"   gold{' OK ' if ok else ' -- '}{label}   {sorted(src)} -> {sorted(tgt)}")
            for r in relations:
                mark = "+" if (r.subject, r.type, r.object) in good else " "
                print(f"   {mark}edge {names.get(r.subject, r.subject)} -{r.type}-> {names.get(r.object, r.object)}"
                      f" ({r.status}, {r.rule}, {r.trigger!r})")
    return {
        "entities": entities,
        "sentences": len(rows),
        "gold_triples": total,
        "gold_triples_without_both_actors": skipped,
        "gold_triples_with_an_actor_without_entity": unmatched_actors,
        "found": found,
        "recall": round(found / total, 3) if total else 0.0,
        "edges": produced,
        "correct_edges": correct,
        "precision": round(correct / produced, 3) if produced else 0.0,
        "recall_by_category": {c: f"{per_cat_found[c]}/{n}" for c, n in per_cat.most_common()},
        "false_edges_by_type": dict(wrong_types.most_common()),
        "seconds": round(time.perf_counter() - started, 1),
    }


# ---------------------------------------------------------------------- sample facts


def check_facts(*, rules=(), verbose: bool = False, print_fn: Callable = print) -> dict:
    """Which expected sample-corpus facts the full build finds (exact node names)."""
    from newsgraph.corpus.readers import SAMPLE_DIR
    from newsgraph.graph.pipeline import build

    G, _records, _report = build([SAMPLE_DIR], rules=rules)
    by_name: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        by_name.setdefault(data["name"], []).append(node)
    if verbose:
        for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
            if key == "MENTIONED_WITH":
                continue
            docs = sorted({e["doc"][:3] for e in data["evidence"]})
            print_fn(f"   {G.nodes[u]['name']} -{key}-> {G.nodes[v]['name']} [{data['status']}; {', '.join(docs)}]")
    report = []
    for prefix, subj, type_name, obj, status in EXPECTED_FACTS:
        evidence = []
        for u in by_name.get(subj, []):
            for v in by_name.get(obj, []):
                data = G.get_edge_data(u, v, key=type_name) or G.get_edge_data(v, u, key=type_name) or {}
                evidence += [e for e in data.get("evidence", []) if e["doc"].startswith(prefix)]
        statuses = sorted({e["status"] for e in evidence})
        ok = bool(evidence) and (status is None or statuses == [status])
        report.append({"fact": f"{prefix} {subj} {type_name} {obj}" + (f" ({status})" if status else ""),
                       "found": ok, "statuses": statuses})
    typed = sum(1 for _u, _v, k in G.edges(keys=True) if k != "MENTIONED_WITH")
    return {"found": sum(f["found"] for f in report), "expected": len(report), "typed_edges": typed, "facts": report}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["plover", "facts", "all"])
    parser.add_argument("--data", type=Path, default=PLOVER_DEV, help="PLOVER gold JSONL")
    parser.add_argument("--entities", choices=["pipeline", "model", "both"], default="both",
                        help="entities of the PLOVER scoring: the real pipeline, doc.ents + gold actors, or both (default)")
    parser.add_argument("--rules", type=Path, action="append", default=[], help="extra rules file(s)")
    parser.add_argument("--show", choices=["missed", "wrong", "all"], help="print PLOVER sentences")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every typed edge of the sample graph")
    args = parser.parse_args(argv)
    rules = tuple(str(r) for r in args.rules)
    if args.what in {"plover", "all"}:
        nlp = load_model()
        ontology = Ontology.load(*rules)
        modes = ENTITY_MODES if args.entities == "both" else (args.entities,)
        results = [score_plover(args.data, entities=m, show=args.show, nlp=nlp, ontology=ontology, rules=rules) for m in modes]
        print(json.dumps(results if len(results) > 1 else results[0], indent=2))
    if args.what in {"facts", "all"}:
        print(json.dumps(check_facts(rules=rules, verbose=args.verbose), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
