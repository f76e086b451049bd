"""Build the networkx knowledge graph from extraction results.

:func:`build_graph` is pure: DocResults and document metadata in, a ``MultiDiGraph`` out,
following the graph.json contract in DEVELOPERS.md. The results come already resolved across the
corpus (:func:`newsgraph.extractors.resolution.resolve_corpus`): this module never calls back
into the extractors.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from newsgraph import __version__
from newsgraph.extractors.models import MENTIONED_WITH, PERSON, STATUS_ORDER, DocResult, fold

__all__ = ["build_graph"]


def build_graph(
    results: Iterable[DocResult],
    documents: Mapping[str, Mapping],
    *,
    model: str = "",
    ontology=None,
    corpus: str = "",
) -> nx.MultiDiGraph:
    """Build the knowledge graph.

    Parameters
    ----------
    results : iterable of DocResult
        One per processed document, resolved across the corpus
        (:func:`newsgraph.extractors.resolution.resolve_corpus`). An entity whose ``key`` differs
        from its key in ``DocResult.entities`` joined another node: it does not name the node.
    documents : mapping
        ``doc_id -> {"title", "date", "outlet", "url", "path"}`` for processed documents (only
        its ``items()`` are read, once).
    model : str
        The spaCy model id, stored as a graph attribute.
    ontology : extractors.relations.Ontology, optional
        Gives labels, families and codes of relation types.
    corpus : str
        Display name of the corpus.

    Examples
    --------
    >>> from newsgraph.extractors.models import EntityInfo, Mention
    >>> m = [Mention(0, 6, "Russia", "State", "state:RUS", "gazetteer", 0),
    ...      Mention(16, 22, "Maduro", "Person", "person:maduro", "exact", 0)]
    >>> ents = {"state:RUS": EntityInfo("state:RUS", "State", "Russia"),
    ...         "person:maduro": EntityInfo("person:maduro", "Person", "Maduro")}
    >>> r = DocResult("d1", "2026-01-22", 4, m, ents, [], {0: (0, 23, "Russia offered Maduro.")},
    ...               [(0, ["person:maduro", "state:RUS"])])
    >>> G = build_graph([r], {"d1": {"title": "T", "date": "2026-01-22"}})
    >>> sorted(G.nodes), [k for _, _, k in G.edges(keys=True)]
    (['person:maduro', 'state:RUS'], ['MENTIONED_WITH'])
    """
    # One pass over ``results`` (each may be dropped once read) into tables that hold, as far as
    # possible, the graph's own objects: little is freed when the graph is made from them.
    nodes: dict[str, dict] = {}
    alias_counts: dict[str, dict[str, int]] = defaultdict(dict)  # a node's names (its aliases) and counts
    node_docs: dict[str, list] = defaultdict(list)  # documents in input order (a list is smaller than a set)
    resolution: dict[str, list[dict]] = defaultdict(list)  # the node attribute's entries, unsorted
    doc_resolution: Counter = Counter()  # (key, alias, how) -> count in the current document
    edges: dict[tuple[str, str, str], list[dict]] = {}  # triple -> evidence
    seen: set[tuple] = set()  # (triple, sentence, trigger) of the current document: evidence once
    doc_id = None

    for r in results:
        if r.doc_id != doc_id:  # a document's evidence never repeats another document's (its id is in it)
            _flush_resolution(resolution, doc_resolution, doc_id)
            seen.clear()
            doc_id = r.doc_id
        for key, info in r.entities.items():
            fk = info.key  # the corpus key (differs from ``key`` when resolution joined it elsewhere)
            node = nodes.setdefault(fk, {"type": info.type, "codes": {}, "canonical": None, "ambiguous": False})
            if info.titles:
                node.setdefault("titles", set()).update(info.titles)
            node["ambiguous"] = node["ambiguous"] or info.ambiguous
            if info.codes or fk.startswith("state:"):
                node["codes"] = dict(info.codes)
                if fk == key:
                    node["canonical"] = info.name
        for m in r.mentions:
            names = alias_counts[m.key]
            names[m.text] = names.get(m.text, 0) + 1
            if not node_docs[m.key] or node_docs[m.key][-1] != r.doc_id:
                node_docs[m.key].append(r.doc_id)
            doc_resolution[m.key, m.text, m.how] += 1
        for start, end, key, how in r.links:
            doc_resolution[key, _link_text(r, start, end), how] += 1
        for sent_index, keys in r.cooccurrences:
            finals = sorted(set(keys))
            s_start, s_end, s_text = r.sentences[sent_index]
            evidence = {"doc": r.doc_id, "sentence": s_text, "start": s_start, "end": s_end, "date": r.date}
            for i, a in enumerate(finals):
                for b in finals[i + 1 :]:
                    _add_evidence(edges, seen, (a, b, MENTIONED_WITH), evidence)
        for rel in r.relations:
            subject, obj = rel.subject, rel.object
            if subject == obj:
                continue
            rtype = ontology.types.get(rel.type) if ontology is not None else None
            actor = (rel.actor_role, rel.actor_sector)
            target = (rel.target_role, rel.target_sector)
            if rtype is not None and rtype.symmetric and obj < subject:
                subject, obj = obj, subject
                actor, target = target, actor
            s_text = _sentence_text(r, rel.sent_start, rel.sent_end)
            evidence = {
                "doc": r.doc_id, "sentence": s_text, "start": rel.sent_start, "end": rel.sent_end,
                "date": r.date, "trigger": rel.trigger, "trigger_start": rel.trigger_start,
                "trigger_end": rel.trigger_end, "rule": rel.rule, "confidence": rel.confidence,
                "status": rel.status, "according_to": rel.according_to, "role": rel.role,
                "actor_role": actor[0], "actor_sector": actor[1],
                "target_role": target[0], "target_sector": target[1],
                # only when the fact rests on more than the sentence: "title + Phoenix actor table"
                **({"how": rel.how} if rel.how else {}),
            }
            _add_evidence(edges, seen, (subject, obj, rel.type), evidence)

    _flush_resolution(resolution, doc_resolution, doc_id)
    G = nx.MultiDiGraph()
    index = {k: dict(v) for k, v in documents.items()}  # ``documents`` is read once (it may stream)
    dates = sorted(d["date"] for d in index.values() if d.get("date"))
    G.graph.update({
        "newsgraph_version": __version__,
        "model": model,
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "documents": len(index),
        "corpus": corpus,
        "document_index": index,
        "date_range": [dates[0], dates[-1]] if dates else None,
    })
    for key in sorted(nodes):  # the tables are emptied as the graph fills: they are not held twice
        node = nodes.pop(key)
        counts = alias_counts.pop(key, {})
        if not counts:
            continue
        G.add_node(
            key,
            id=key,
            name=node["canonical"] or _display_name(node["type"], counts),
            type=node["type"],
            aliases=[a for a, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))],
            alias_counts=dict(sorted(counts.items())),
            mentions=sum(counts.values()),
            docs=sorted(set(node_docs.pop(key))),
            titles=sorted(node.get("titles", ())) if node["type"] == PERSON else [],
            codes=node["codes"],
            resolution=sorted(resolution.pop(key), key=lambda e: (e["doc"], e["alias"], e["how"])),
            **({"ambiguous": True} if node.get("ambiguous") else {}),
        )
    triples = sorted(edges, reverse=True)
    while triples:  # each triple freed as its edge is added: the graph reuses the memory
        u, v, rtype = triple = triples.pop()
        evidence = edges.pop(triple)
        if u not in G or v not in G:
            continue
        G.add_edge(u, v, key=rtype, **_edge_attributes(rtype, evidence, ontology))
    return G


def _flush_resolution(resolution: dict[str, list[dict]], doc_resolution: Counter, doc_id: str | None) -> None:
    """Add a document's counts to the nodes' ``resolution`` entries and empty them."""
    for (key, alias, how), count in doc_resolution.items():
        resolution[key].append({"doc": doc_id, "alias": alias, "count": count, "how": how})
    doc_resolution.clear()


def _link_text(r: DocResult, start: int, end: int) -> str:
    for s_start, s_end, text in r.sentences.values():
        if s_start <= start and end <= s_end:
            return text[start - s_start : end - s_start]
    return "(pronoun)"


def _sentence_text(r: DocResult, start: int, end: int) -> str:
    for s_start, s_end, text in r.sentences.values():
        if s_start == start:
            return text
    return ""


def _add_evidence(edges: dict, seen: set, key: tuple[str, str, str], evidence: dict) -> None:
    marker = (key, evidence["start"], evidence.get("trigger_start"))  # within the current document
    if marker in seen:
        return  # one sentence is one piece of evidence for one triple
    seen.add(marker)
    edges.setdefault(key, []).append(evidence)


def _edge_attributes(rtype: str, evidence: list[dict], ontology) -> dict:
    dates = sorted(e["date"] for e in evidence if e.get("date"))
    if rtype == MENTIONED_WITH:
        attrs = {"type": rtype, "label": "appears in the same sentence as", "family": "co-occurrence",
                 "symmetric": True, "status": "asserted", "cameo": "", "plover": ""}
    else:
        spec = ontology.types.get(rtype) if ontology is not None else None
        statuses = [e["status"] for e in evidence]
        attrs = {
            "type": rtype,
            "label": getattr(spec, "label", rtype.lower().replace("_", " ")),
            "family": getattr(spec, "family", "cooperation"),
            "symmetric": bool(getattr(spec, "symmetric", False)),
            "status": min(statuses, key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER)),
            "cameo": str(getattr(spec, "cameo", "") or ""),
            "plover": str(getattr(spec, "plover", "") or ""),
        }
    attrs.update(weight=len(evidence), first_seen=dates[0] if dates else None,
                 last_seen=dates[-1] if dates else None, evidence=evidence)
    return attrs


def _display_name(etype: str, names: Mapping[str, int]) -> str:
    """The name to show (gazetteer entries use their canonical name instead): the fullest common form."""
    if not names:
        return ""
    if etype == PERSON:
        longest = max(len(n.split()) for n in names)
        full = Counter({n: c for n, c in names.items() if len(n.split()) == longest})
        # accented spellings beat their plain twins ("Nicolás" over "Nicolas")
        by_fold: dict[str, Counter] = defaultdict(Counter)
        for n, c in full.items():
            by_fold[fold(n)][n] += c
        best_fold = max(by_fold, key=lambda f: (sum(by_fold[f].values()), f))
        forms = by_fold[best_fold]
        return max(forms, key=lambda n: (n != fold(n) and n.lower() != fold(n), forms[n], n))
    return max(names, key=lambda n: (names[n], len(n), n))
