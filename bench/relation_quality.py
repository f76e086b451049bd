"""Relation quality on every dev set, both halves (tune / check), per family: one markdown table.

Usage::

    .venv/bin/python bench/relation_quality.py                 # all dev sets -> bench/results/relation_quality.md
    .venv/bin/python bench/relation_quality.py --sets plover news_dev [--show missed|wrong|all --half tune]
    .venv/bin/python bench/relation_quality.py facts [-v]      # the sample corpus' expected facts

Each dev set is split by ``bench/devsplit.py`` (SHA-256 of the record id): rules are tuned on
the ``tune`` half only; the ``check`` half is what the targets of issue 12 are measured on. Never
quote a dev sentence in code or data. Rows: dev set x half x family (cooperation, conflict, role)
plus ``all``; recall = gold found / gold, precision = correct edges / edges scored.

``news_dev`` (``../shared/data/eval/news_dev``; split by document id)
    The half's documents are built with ``KnowledgeGraph.build`` and scored by the set's own
    scorer ``score_facts.py`` (recall of facts; gold-match precision, a lower bound; negatives
    asserted), run on the half's facts. Per family: the facts of that family's relation types
    and the graph's edges of that family.
``plover`` (``plover_gsr_dev.jsonl``; split by sentence id)
    A gold triple (source actor, target actor, PLOVER category) is found when a typed edge of
    the sentence joins an entity of the source to one of the target (either way for a symmetric
    type) and its type maps to the category: the type's ``plover`` code, or its ``plover_intent``
    when the edge is proposed or hypothetical. Old PLOVER names map to the 2021 ones (DEMAND ->
    REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). Triples with a missing actor
    are left out. A gold actor's entities: the mentions and pronoun/description links whose
    characters overlap the actor's text (the whole actor, else its longest tail; each piece of
    "A ... B"), plus ``state:<code>`` when the gold gives the actor's country code and that state
    is mentioned. Precision: distinct (subject, type, object) edges that are not role edges and
    not negated; right when they match a gold triple of their sentence. Family of a gold triple:
    that of the first ontology type with its category.
``re3d`` (``re3d_dev.jsonl``; split by document id)
    Relations with a newsgraph counterpart (``RE3D_TYPES``) between actor entities (Person, Organisation,
    Location, Nationality); found when an edge of an accepted type joins entities of the head and tail:
    as for PLOVER, mentions and coref links overlapping them (a linked pronoun is its entity: consistency,
    not laxity). Precision over every typed edge of the documents (a lower bound: few relations annotated).
``crossre`` (``crossre_politics_dev.jsonl``; split by sentence id)
    ``role`` relations between a person/politician and an organisation/party/country: found when
    a HEAD_OF or MEMBER_OF edge joins them (either direction: the gold direction is not
    subject -> object). Precision over HEAD_OF/MEMBER_OF edges.

Data licences: PLOVER CC BY-SA 4.0; re3d per document (OGL, CC BY, ...); CrossRE GPL-3.0;
news_dev: BBC / Reuters research use (see ../shared/data/README.md).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

# ---- the newsgraph surface of this bench, in one place (extractors/ is being reorganised) -----
import networkx as nx

import newsgraph.extractors
from newsgraph import KnowledgeGraph
from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.extractors.pipeline import Extractor, load_model

ONTOLOGY_FILE = Path(newsgraph.extractors.__file__).parent / "data" / "ontology.toml"


def extract(extractor, nlp, text: str, doc_id: str):
    """One document through the pipeline: (relations, entity spans, entity names, sentences).

    relations: ``(subject key, type, object key, status, rule, trigger, sentence start)``; spans:
    ``(start, end, key)`` for every mention and pronoun/description link; sentences: ``(start,
    end, {lemmas and lowercase words})`` for the failure analysis.
    """
    doc = nlp(text)
    result = extractor.process(doc, doc_id, None)
    relations = [(r.subject, r.type, r.object, r.status, r.rule, r.trigger, r.sent_start) for r in result.relations]
    spans = [(m.start, m.end, m.key) for m in result.mentions] + [(s, e, k) for s, e, k, _how in result.links]
    sentences = [(s.start_char, s.end_char, {t.lemma_.lower() for t in s} | {t.lower_ for t in s}) for s in doc.sents]
    return relations, spans, {k: e.name for k, e in result.entities.items()}, sentences
# -------------------------------------------------------------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import HALVES, split  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
                   ROOT.parent / "shared" / "data")
EVAL = SHARED_DATA / "eval"
NEWS_DEV = EVAL / "news_dev"
SCORER = EVAL / "score_facts.py"
PLOVER_DEV = EVAL / "plover_gsr_dev.jsonl"
RE3D_DEV = EVAL / "re3d_dev.jsonl"
CROSSRE_DEV = EVAL / "crossre_politics_dev.jsonl"
RESULTS = Path(__file__).resolve().parent / "results" / "relation_quality.md"
SETS = ("news_dev", "plover", "re3d", "crossre")
FAMILY_ROWS = ("cooperation", "conflict", "role")

#: Older PLOVER category names of the gold file -> the 2021 names used by the ontology.
PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: CAMEO country codes of the gold file that are not ISO 3166 alpha-3.
CAMEO_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: re3d relation -> (family, accepted newsgraph types, undirected). PLOVER-category sets are
#: expanded from the ontology in ``_re3d_types``.
RE3D_TYPES = {
    "FightingAgainst": ("conflict", {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"}, True),
    "Dislikes": ("conflict", {"ACCUSE", "PROTEST", "REJECT", "SANCTION", "THREATEN"}, False),
    "CommWith": ("cooperation", {"CONSULT", "REQUEST", "AGREE", "MET_WITH", "SPOKE_WITH", "NEGOTIATED_WITH"}, True),
    "AlliesOf": ("cooperation", {"ALLY_OF", "SUPPORTED", "COOPERATED_WITH", "AIDED", "SUPPLIED_ARMS_TO"}, True),
    "Likes": ("cooperation", {"SUPPORTED", "PRAISED", "ALLY_OF"}, False),
    "InChargeOf": ("role", {"HEAD_OF"}, False),
    "BelongsTo": ("role", {"MEMBER_OF", "HEAD_OF"}, False),
}
RE3D_ACTORS = {"Person", "Organisation", "Location", "Nationality"}
CROSSRE_PEOPLE = {"person", "politician"}
CROSSRE_BODIES = {"organisation", "politicalparty", "country"}
ROLE_TYPES = {"HEAD_OF", "MEMBER_OF"}


class Ontology:
    """The relation types of ``ontology.toml`` as plain data (family, symmetric, PLOVER codes)."""

    def __init__(self, path: Path = ONTOLOGY_FILE):
        with open(path, "rb") as f:
            self.types = tomllib.load(f)["types"]

    def family(self, type_name: str) -> str:
        return self.types[type_name]["family"]

    def symmetric(self, type_name: str) -> bool:
        return bool(self.types[type_name].get("symmetric"))

    def plover(self, type_name: str, status: str) -> set[str]:
        t = self.types[type_name]
        intent = t.get("plover_intent") if status in {"proposed", "hypothetical"} else None
        return {t.get("plover", ""), intent or t.get("plover", "")} - {""}

    def family_of_category(self, category: str) -> str:
        return next((t["family"] for t in self.types.values() if t.get("plover") == category), "cooperation")


class Tally:
    """Gold found / gold and right edges / edges, per (half, family)."""

    def __init__(self):
        self.n = defaultdict(Counter)

    def gold(self, half: str, family: str, found: bool) -> None:
        for fam in (family, "all"):
            self.n[(half, fam)]["gold"] += 1
            self.n[(half, fam)]["found"] += found

    def edge(self, half: str, family: str, right: bool) -> None:
        for fam in (family, "all"):
            self.n[(half, fam)]["edges"] += 1
            self.n[(half, fam)]["right"] += right

    def rows(self, name: str, notes: dict | None = None) -> list[dict]:
        out = []
        for half in HALVES:
            for fam in ("all", *FAMILY_ROWS):
                c = self.n.get((half, fam))
                if not c:
                    continue
                out.append({"set": name, "half": half, "family": fam, **c,
                            **((notes or {}).get((half, fam), {}))})
        return out


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _overlapping(spans, ranges) -> set[str]:
    return {k for s, e, k in spans if any(s < re_ and e > rs for rs, re_ in ranges)}


def _joins(onto: Ontology, edge, sources: set[str], targets: set[str], undirected: bool = False) -> bool:
    s, type_name, o = edge[:3]
    if (undirected or onto.symmetric(type_name)) and s in targets and o in sources:
        return True
    return s in sources and o in targets


# ---------------------------------------------------------------------- failure classes


_LEXICON: dict[str, set[str]] | None = None


def lexicon_words() -> dict[str, set[str]]:
    """Type -> trigger lemmas of extractors/data/triggers.toml (verbs' first word and nouns)."""
    global _LEXICON
    if _LEXICON is None:
        with open(ONTOLOGY_FILE.parent / "triggers.toml", "rb") as f:
            types = tomllib.load(f)["types"]
        _LEXICON = {t: {e["lemma"].split()[0] for e in d["verbs"] if e.get("source") != "synset"}
                    | {e["lemma"] for e in d["nouns"] if " " not in e["lemma"]} for t, d in types.items()}
    return _LEXICON


_RULE_WORDS: dict[str, set[str]] | None = None


def rule_words() -> dict[str, set[str]]:
    """Type -> trigger lemmas of the current curated rules of ontology.toml."""
    global _RULE_WORDS
    if _RULE_WORDS is None:
        with open(ONTOLOGY_FILE, "rb") as f:
            rules = tomllib.load(f).get("rules", [])
        _RULE_WORDS = defaultdict(set)
        for rule in rules:
            spec = rule.get("trigger", {})
            for key in ("lemma", "lower", "LEMMA", "LOWER"):
                values = spec.get(key, [])
                values = values.get("IN", []) if isinstance(values, dict) else values
                _RULE_WORDS[rule["type"]].update(v.lower() for v in ([values] if isinstance(values, str) else values))
    return _RULE_WORDS


def classify_miss(onto: Ontology, relations, src: set[str], tgt: set[str], accepted: set[str],
                  words: set[str], in_sentence: Callable, *, undirected: bool = False) -> str:
    """Why a gold relation was missed (tune half only): the failure classes of issue 12."""
    if not src or not tgt:
        return "actor not an entity"
    between = [r for r in relations if _joins(onto, r, src, tgt, True)]
    if any(r[1] in accepted for r in between):
        return "modality or direction (edge of the type, wrong status or direction)"
    if between:
        return "type or sense (edge of another type between the actors)"
    if any(r[1] in accepted and in_sentence(r) for r in relations):
        return "argument (trigger found, other arguments)"
    if any(rule_words().get(t, set()) & words for t in accepted):
        return "argument not found (a current rule's trigger word is there, no edge)"
    lexicon = lexicon_words()
    if any(lexicon.get(t, set()) & words for t in accepted):
        return "missing trigger (lexicon has one)"
    return "missing trigger (not in lexicon either)"


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


def _plover_keys(spans, text: str, actor: str, code: str | None) -> set[str]:
    """Entity keys of a gold actor: overlapping mentions and links, and its state by country code."""
    keys = _overlapping(spans, _actor_spans(text, actor))
    if code:
        state = f"state:{CAMEO_COUNTRY_CODES.get(code, code)}"
        if any(k == state for _s, _e, k in spans):
            keys.add(state)
    return keys


def score_plover(*, nlp, extractor, onto: Ontology, show: str | None = None, show_half: str = "tune",
                 path: Path = PLOVER_DEV) -> list[dict]:
    tally, failures = Tally(), Counter()
    rows = _read_jsonl(path)
    tune, _check = split(rows)
    tune_ids = {r["id"] for r in tune}
    for row in rows:
        half = "tune" if row["id"] in tune_ids else "check"
        text = row["text"].strip().strip("{}")
        relations, spans, names, sentences = extract(extractor, nlp, text, row["id"])
        # role edges have no PLOVER category; negated edges are not facts: neither is scored
        edges = {r[:4] for r in relations if onto.family(r[1]) != "role" and r[3] != "negated"}
        gold = []
        for t in row["triples"]:
            if not t["source"] or not t["target"]:
                continue
            cat = PLOVER_ALIASES.get(t["event"], t["event"])
            src = _plover_keys(spans, text, t["source"], t.get("source_code"))
            tgt = _plover_keys(spans, text, t["target"], t.get("target_code"))
            gold.append((src, tgt, cat, f"{t['source']} -{cat}-> {t['target']}"))
        hits = []
        for src, tgt, cat, _label in gold:
            ok = any(_joins(onto, e, src, tgt) and cat in onto.plover(e[1], e[3]) for e in edges)
            tally.gold(half, onto.family_of_category(cat), ok)
            hits.append(ok)
            if not ok and half == "tune":
                accepted = {t for t in onto.types if cat in onto.plover(t, "asserted") | onto.plover(t, "proposed")}
                failures[classify_miss(onto, relations, src, tgt, accepted, set().union(*(x[2] for x in sentences)),
                                       lambda e: True)] += 1
        good = {e[:3] for e in edges if any(_joins(onto, e, s, t) and c in onto.plover(e[1], e[3]) for s, t, c, _ in gold)}
        if half == "tune":
            for e in {e[:3] for e in edges} - good:
                failures[f"precision: false {e[1]}"] += 1
        for e in {e[:3] for e in edges}:
            tally.edge(half, onto.family(e[1]), e in good)
        if show and half == show_half and (show == "all" or (show == "missed" and not all(hits))
                                           or (show == "wrong" and {e[:3] for e in edges} - good)):
            print(f"\n[{row['id']}] {text}")
            for (src, tgt, _c, label), ok in zip(gold, hits):
                print(f"   gold{' OK ' if ok else ' -- '}{label}   {sorted(src)} -> {sorted(tgt)}")
            for s, type_name, o, status, rule, trigger, _start in relations:
                mark = "+" if (s, type_name, o) in good else " "
                print(f"   {mark}edge {names.get(s, s)} -{type_name}-> {names.get(o, o)} ({status}, {rule}, {trigger!r})")
    return tally.rows("plover"), failures


# ---------------------------------------------------------------------- re3d, CrossRE


def _re3d_accepts(onto: Ontology) -> dict[str, set[str]]:
    """re3d relation -> accepted newsgraph types (PLOVER categories expanded to their types)."""
    out = {}
    for label, (_fam, names, _und) in RE3D_TYPES.items():
        out[label] = {t for t, d in onto.types.items() if t in names or d.get("plover") in names}
    return out


def score_spans(name: str, *, nlp, extractor, onto: Ontology, path: Path, show: str | None = None,
                show_half: str = "tune") -> tuple[list[dict], Counter]:
    """re3d or CrossRE: gold relations as character spans of head and tail (``show``: print misses/wrong edges)."""
    tally, failures = Tally(), Counter()
    accepts = _re3d_accepts(onto)
    docs = _read_jsonl(path)
    tune, _check = split(docs)
    tune_ids = {d["id"] for d in tune}
    for doc in docs:
        half = "tune" if doc["id"] in tune_ids else "check"
        relations, spans, names, sentences = extract(extractor, nlp, doc["text"], doc["id"])
        edges = {r[:3] for r in relations if r[3] != "negated"}
        gold, texts = [], []  # (src keys, tgt keys, accepted types, undirected, family, head span); text
        ents = doc["entities"]
        for r in doc["relations"]:
            h, t = ents[r["head"]], ents[r["tail"]]
            if name == "re3d":
                if r["label"] not in RE3D_TYPES or h["label"] not in RE3D_ACTORS or t["label"] not in RE3D_ACTORS:
                    continue
                if r["label"] == "InChargeOf" and h["label"] != "Person":
                    continue
                fam, _n, undirected = RE3D_TYPES[r["label"]]
                hs, ts = [tuple(r["head_span"])], [tuple(r["tail_span"])]
                types = accepts[r["label"]]
            else:
                labels = {h["label"], t["label"]}
                if r["label"] != "role" or not (labels & CROSSRE_PEOPLE and labels & CROSSRE_BODIES):
                    continue
                fam, undirected, types = "role", True, ROLE_TYPES
                hs, ts = [(h["char_start"], h["char_end"])], [(t["char_start"], t["char_end"])]
            gold.append((_overlapping(spans, hs), _overlapping(spans, ts), types, undirected, fam, hs[0]))
            texts.append(f"{r['label']}: {doc['text'][hs[0][0]:hs[0][1]]!r} ({h['label']}) -> "
                          f"{doc['text'][ts[0][0]:ts[0][1]]!r} ({t['label']})")
        shown = show and half == show_half
        if shown:
            print(f"\n=== [{doc['id'][:8]}] {doc.get('source', '')}: {doc.get('title', '')}")
        for (src, tgt, types, undirected, fam, (start, _end)), label in zip(gold, texts):
            ok = any(e[1] in types and _joins(onto, e, src, tgt, undirected) for e in edges)
            if shown and show in {"missed", "all"} and (show == "all" or not ok):
                sent = next((x for x in sentences if x[0] <= start < x[1]), (0, 0, set()))
                print(f"  gold{' OK ' if ok else ' -- '}{label}  keys {sorted(src)} -> {sorted(tgt)}\n"
                      f"       | {' '.join(doc['text'][sent[0]:sent[1]].split())}")
            tally.gold(half, fam, ok)
            if not ok and half == "tune":
                sent = next((x for x in sentences if x[0] <= start < x[1]), (0, 0, set()))
                failures[classify_miss(onto, relations, src, tgt, types, sent[2],
                                       lambda r, sent=sent: sent[0] <= r[6] < sent[1], undirected=undirected)] += 1
        scored = edges if name == "re3d" else {e for e in edges if e[1] in ROLE_TYPES}
        for e in scored:
            right = any(e[1] in types and _joins(onto, e, s, t, u) for s, t, types, u, _f, _h in gold)
            tally.edge(half, onto.family(e[1]), right)
            if half == "tune" and not right:
                failures[f"precision: false {e[1]}"] += 1
            if shown and show in {"wrong", "all"} and not right:
                r = next(r for r in relations if r[:3] == e)
                sent = next((x for x in sentences if x[0] <= r[6] < x[1]), (0, 0, set()))
                print(f"  wrong {names.get(e[0], e[0])} -{e[1]}-> {names.get(e[2], e[2])} ({r[3]}, {r[4]}, {r[5]!r})\n"
                      f"       | {' '.join(doc['text'][sent[0]:sent[1]].split())}")
    return tally.rows(name), failures


# ---------------------------------------------------------------------- news_dev


def _scorer(graph: Path, folder: Path) -> dict:
    """Run news_dev's own scorer; parse its SUMMARY line."""
    out = subprocess.run([sys.executable, str(SCORER), str(graph), str(folder)], capture_output=True,
                         text=True, check=True).stdout
    m = re.search(r"recall (\d+)/(\d+) .*precision (\d+)/(\d+) .*negatives asserted (\d+)/(\d+)", out)
    if not m:
        raise RuntimeError(f"unexpected scorer output: {out[-300:]}")
    found, gold, right, edges, neg_bad, negs = map(int, m.groups())
    return {"found": found, "gold": gold, "right": right, "edges": edges, "negatives_asserted": f"{neg_bad}/{negs}"}


def _news_dev_failures(data: dict, ids_in: set[str], files: dict, onto: Ontology, nlp) -> Counter:
    """Failure classes of the tune half of news_dev, with the scorer's own matching functions."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    sf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sf)
    nodes = {n["id"]: {sf.fold(n.get("name", ""))} | {sf.fold(a) for a in n.get("aliases", []) or []}
             for n in data["nodes"]}
    forms = {}
    for e in files["entities"]:
        forms.setdefault((e["doc"], sf.fold(e["canonical"])), set()).update(
            {sf.fold(e["canonical"])} | {sf.fold(m) for m in e["mentions"]})

    def ids(doc, fact, side):
        out = set()
        for name in [fact[side]] + sf.as_list(fact.get(f"alt_{side}")):
            want = forms.get((doc, sf.fold(name)), {sf.fold(name)})
            out |= {i for i, names in nodes.items() if names & want}
        return out

    typed = [e for e in data["edges"] if e["type"] != "MENTIONED_WITH"]
    failures = Counter()
    gold_pairs = set()
    for f in files["facts"] + files["pairwise_facts"]:
        if f["doc"] in ids_in:
            for t in sf.family(f["relation"]):
                for a in ids(f["doc"], f, "subject"):
                    for b in ids(f["doc"], f, "object"):
                        gold_pairs |= {(f["doc"], t, a, b), (f["doc"], t, b, a)}
    for e in typed:
        for ev in e["evidence"]:
            if ev["doc"] in ids_in and ev["status"] != "negated" and \
                    (ev["doc"], e["type"], e["source"], e["target"]) not in gold_pairs:
                failures[f"precision: false {e['type']}"] += 1
                break
    for f in files["facts"]:
        doc = f["doc"]
        if doc not in ids_in:
            continue
        fam = sf.family(f["relation"])
        src, tgt = ids(doc, f, "subject"), ids(doc, f, "object")
        in_doc = [e for e in typed if any(ev["doc"] == doc for ev in e["evidence"])]
        between = [e for e in in_doc if {e["source"], e["target"]} & src and {e["source"], e["target"]} & tgt]
        hit = [e for e in between if e["type"] in fam]
        if hit:
            if f["status"] in {"asserted", "reported"} and not any(e["status"] in {"asserted", "reported"} for e in hit):
                failures["modality (found, but not as a fact)"] += 1
            continue
        if not src or not tgt:
            failures["actor not an entity"] += 1
        elif between:
            failures["type or sense (edge of another type between the actors)"] += 1
        elif any(e["type"] in fam and any(ev["doc"] == doc and ev["sentence"].strip() == f["evidence"].strip()
                                          for ev in e["evidence"]) for e in in_doc):
            failures["argument (trigger found, other arguments)"] += 1
        else:
            words = {t.lemma_.lower() for t in nlp(f["evidence"])} | {w.lower() for w in f["evidence"].split()}
            accepted = {t for t in fam if t in onto.types}
            if any(rule_words().get(t, set()) & words for t in accepted):
                failures["argument not found (a current rule's trigger word is there, no edge)"] += 1
            elif any(lexicon_words().get(t, set()) & words for t in accepted):
                failures["missing trigger (lexicon has one)"] += 1
            else:
                failures["missing trigger (not in lexicon either)"] += 1
    return failures


def score_news_dev(*, onto: Ontology, nlp=None, failures: Counter | None = None,
                   folder: Path = NEWS_DEV) -> list[dict]:
    docs = _read_jsonl(folder / "docs.jsonl")
    files = {n: _read_jsonl(folder / f"{n}.jsonl") for n in ("facts", "negatives", "entities", "pairwise_facts")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for half, half_docs in zip(HALVES, split(docs)):
            ids = {d["id"] for d in half_docs}
            src = tmp / f"{half}.jsonl"
            src.write_text("".join(json.dumps(d) + "\n" for d in half_docs), encoding="utf-8")
            kg = KnowledgeGraph.build(src)
            data = nx.node_link_data(kg.nx, edges="edges")
            if half == "tune" and failures is not None:
                failures.update(_news_dev_failures(data, ids, files, onto, nlp))
            for fam in ("all", *FAMILY_ROWS):
                keep = (lambda rel: True) if fam == "all" else (lambda rel, fam=fam: rel in onto.types and onto.family(rel) == fam)
                sub = tmp / f"{half}-{fam}"
                sub.mkdir()
                for n, records in files.items():
                    chosen = [r for r in records if r["doc"] in ids and (n == "entities" or keep(r["relation"]))]
                    (sub / f"{n}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
                graph = dict(data, edges=[e for e in data["edges"] if fam == "all" or e.get("family") == fam])
                (sub / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
                if not (sub / "facts.jsonl").read_text():
                    continue
                rows.append({"set": "news_dev", "half": half, "family": fam, **_scorer(sub / "graph.json", sub)})
    return rows


# ---------------------------------------------------------------------- table


def markdown(rows: list[dict]) -> str:
    lines = ["| dev set | half | family | gold | found | recall | edges | right | precision | note |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        recall = f"{r['found'] / r['gold']:.2f}" if r.get("gold") else "-"
        precision = f"{r['right'] / r['edges']:.2f}" if r.get("edges") else "-"
        note = f"negatives asserted {r['negatives_asserted']}" if "negatives_asserted" in r else ""
        fam = f"**{r['family']}**" if r["family"] == "all" else r["family"]
        lines.append(f"| {r['set']} | {r['half']} | {fam} | {r.get('gold', 0)} | {r.get('found', 0)} | {recall} "
                     f"| {r.get('edges', 0)} | {r.get('right', 0)} | {precision} | {note} |")
    return "\n".join(lines)


def run(sets=SETS, *, show: str | None = None, show_half: str = "tune", print_fn: Callable = print):
    onto = Ontology()
    nlp = load_model()
    extractor = Extractor(nlp=nlp)
    rows, failures = [], {}
    started = time.perf_counter()
    for name in sets:
        if name == "news_dev":
            failures[name] = Counter()
            rows += score_news_dev(onto=onto, nlp=nlp, failures=failures[name])
        elif name == "plover":
            r, failures[name] = score_plover(nlp=nlp, extractor=extractor, onto=onto, show=show, show_half=show_half)
            rows += r
        else:
            path = RE3D_DEV if name == "re3d" else CROSSRE_DEV
            r, failures[name] = score_spans(name, nlp=nlp, extractor=extractor, onto=onto, path=path,
                                            show=show, show_half=show_half)
            rows += r
    table = markdown(rows)
    print_fn(table)
    for name, counts in failures.items():
        print_fn(f"\n{name} tune-half misses: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print_fn(f"\n({time.perf_counter() - started:.0f} s)")
    return rows, table


# ---------------------------------------------------------------------- sample facts


def check_facts(*, verbose: bool = False, print_fn: Callable = print) -> dict:
    """Which expected sample-corpus facts the sample build finds (exact node names)."""
    expected = json.loads((SAMPLE_DIR.parent / "sample_facts.json").read_text(encoding="utf-8"))["facts"]
    G = KnowledgeGraph.build(SAMPLE_DIR).nx
    by_name: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        by_name.setdefault(data["name"], []).append(node)
    if verbose:
        for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
            if key != "MENTIONED_WITH":
                print_fn(f"   {G.nodes[u]['name']} -{key}-> {G.nodes[v]['name']} [{data['status']}]")
    report = []
    for f in expected:
        prefix, subj, type_name, obj, status = f["doc_prefix"], f["subject"], f["type"], f["object"], f["status"]
        evidence = []
        for u in by_name.get(subj, []):
            for v in by_name.get(obj, []):
                data = G.get_edge_data(u, v, key=type_name) or G.get_edge_data(v, u, key=type_name) or {}
                evidence += [e for e in data.get("evidence", []) if e["doc"].startswith(prefix)]
        statuses = sorted({e["status"] for e in evidence})
        ok = bool(evidence) and (status is None or statuses == [status])
        report.append({"fact": f"{prefix} {subj} {type_name} {obj}" + (f" ({status})" if status else ""),
                       "found": ok, "statuses": statuses})
    return {"found": sum(f["found"] for f in report), "expected": len(report), "facts": report}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", choices=["sets", "facts"], default="sets")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS), help="dev sets (default: all)")
    parser.add_argument("--show", choices=["missed", "wrong", "all"], help="print PLOVER sentences / re3d and CrossRE misses or wrong edges of one half")
    parser.add_argument("--half", choices=HALVES, default="tune", help="the half --show prints (default: tune)")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("-v", "--verbose", action="store_true", help="facts: print every typed edge")
    args = parser.parse_args(argv)
    if args.what == "facts":
        print(json.dumps(check_facts(verbose=args.verbose), indent=2, ensure_ascii=False))
        return 0
    _rows, table = run(args.sets, show=args.show, show_half=args.half)
    if not args.no_write and list(args.sets) == list(SETS):
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text("# Relation quality: every dev set, both halves\n\nWritten by "
                           "`bench/relation_quality.py` (see its docstring for the scoring). Tune rules on "
                           "the `tune` half only; targets are read on `check`.\n\n" + table + "\n",
                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
