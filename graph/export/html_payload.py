"""The data behind the HTML view: one JSON document, each fact once.

:func:`payload` turns a graph that follows the graph.json contract into the dict the page
script reads. The page builds its vis-network nodes and edges from it; nothing is repeated in
a second ``vis`` block. To stay small on large corpora:

* documents are listed once and referred to by index;
* evidence sentences of a relation are merged when they repeat (a paragraph an article
  prints twice, a wire story several outlets carry): one item with every document that has it;
* ``MENTIONED_WITH`` edges are compact rows ``[from, to, sentences, [documents]]``, with
  their sentences only when there are few of them (``cooccurrence_evidence``).

No absolute path leaves the machine: document paths are made relative to the folder that
holds every input (or reduced to the file name), and ``file:`` URLs are dropped.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from heapq import heappop, heappush

import networkx as nx

from newsgraph.extractors.models import FACTUAL_STATUSES, MENTIONED_WITH, STATUS_ORDER

from .html_layout import layout_positions
from .style import FAMILY_COLORS, OTHER_FAMILY as _OTHER_FAMILY, OTHER_TYPE as _OTHER_TYPE, TYPE_STYLES

__all__ = ["FAMILY_ORDER", "NODE_SIZE", "payload", "relative_paths"]

#: Order of relation families in an entity's relation list: events first, roles, then co-occurrence.
FAMILY_ORDER = ("conflict", "cooperation", "", "role", "co-occurrence")

#: Co-occurrence sentences are embedded when there are at most this many of them.
COOCCURRENCE_SENTENCE_BUDGET = 3000

#: Smallest and largest node radius drawn by the page (vis-network ``scaling``).
NODE_SIZE = (7, 34)
_LABEL_CHAR = 7.5    # average width of a label character (13 px system font)
_LABEL_HEIGHT = 16   # room for a label under its node

_WINDOWS_ABS = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")
_SPACES = re.compile(r"\s+")


def payload(G, *, title, max_nodes, size_by, show_cooccurrence, cooccurrence_evidence="auto",
            focus=None, label_count=30):
    """Build the JSON-able dict the page script reads (see the module docstring)."""
    gattrs = G.graph
    docs = _Documents(gattrs.get("document_index") or {})
    typed = nx.Graph()
    typed.add_edges_from((u, v) for u, v, k in G.edges(keys=True)
                         if _rtype(G, u, v, k) != MENTIONED_WITH and u != v)
    rank_order = _connectivity_order(G, typed)
    rank = {n: i for i, n in enumerate(rank_order)}
    values = {n: _value(G, typed, n, size_by) for n in G}
    radius, labels = _sizes(G, typed, values, label_count)
    positions = layout_positions(typed, [n for n in rank_order if n in typed],
                                 isolated=[n for n in rank_order if n not in typed],
                                 radius=radius, labels=labels, shown=max_nodes)
    index = {n: i for i, n in enumerate(rank_order)}  # entity list order == rank order

    entities = []
    for n in rank_order:
        data = G.nodes[n]
        x, y = positions[n]
        degree = typed.degree(n) if n in typed else 0
        mentions = int(data.get("mentions") or 0)
        entities.append({
            "id": _id(G, n),
            "name": str(data.get("name") or _id(G, n)),
            "type": data.get("type") or "Other",
            "aliases": [str(a) for a in data.get("aliases") or []],
            "codes": {k: str(v) for k, v in (data.get("codes") or {}).items() if v},
            "titles": [str(t) for t in data.get("titles") or []],
            "mentions": mentions,
            "docs": [docs.ref(d) for d in data.get("docs") or []],
            "degree": degree,
            "neighbours": len((G.succ[n].keys() | G.pred[n].keys()) - {n}),  # any relation, either way
            "value": values[n],
            "rank": rank[n],
            "x": x,
            "y": y,
        })

    relations, cooccurrences, rel_types = [], [], {}
    cooc_items = sum(len(d.get("evidence") or []) for u, v, k, d in G.edges(keys=True, data=True)
                     if _rtype(G, u, v, k) == MENTIONED_WITH)
    with_sentences = (cooc_items <= COOCCURRENCE_SENTENCE_BUDGET if cooccurrence_evidence == "auto"
                      else bool(cooccurrence_evidence))
    for u, v, k, data in G.edges(keys=True, data=True):
        rtype = _rtype(G, u, v, k)
        family = data.get("family") or ("co-occurrence" if rtype == MENTIONED_WITH else "")
        label = str(data.get("label") or rtype.lower().replace("_", " "))
        entry = rel_types.setdefault(rtype, {"type": rtype, "label": label, "family": family,
                                             "symmetric": bool(data.get("symmetric")), "count": 0})
        entry["count"] += 1
        evidence = data.get("evidence") or []
        weight = int(data.get("weight") or len(evidence) or 1)
        ev_docs = _unique(docs.ref(ev.get("doc"), date=ev.get("date")) for ev in evidence)
        if rtype == MENTIONED_WITH:
            row = [index[u], index[v], weight, ev_docs]
            if with_sentences:
                row.append(_merge_cooccurrence(evidence, docs))
            cooccurrences.append(row)
            continue
        status = data.get("status") or "asserted"
        items = _merge_evidence(G, evidence, docs)
        relations.append({
            "from": _id(G, u),
            "to": _id(G, v),
            "type": rtype,
            "status": status,
            "weight": weight,
            "docs": len(ev_docs),
            "outlets": len({docs.outlet(d) for d in ev_docs} - {None}),
            "first_seen": data.get("first_seen"),
            "last_seen": data.get("last_seen"),
            "cameo": str(data.get("cameo") or ""),
            "plover": str(data.get("plover") or ""),
            "statuses": sorted({i["status"] or status for i in items} or {status},
                               key=_status_key),
            "evidence": items,
        })

    date_range = gattrs.get("date_range") or docs.date_range()
    n_docs = gattrs.get("documents")
    present_types = {e["type"] for e in entities}
    present_families = {r["family"] for r in rel_types.values()}
    return {
        "meta": {
            "title": str(title if title is not None else _no_abs(str(gattrs.get("corpus") or ""))
                         or "newsgraph"),
            "corpus": _no_abs(str(gattrs.get("corpus") or "")),
            "documents": int(n_docs if n_docs is not None else len(docs.index)),
            "entities": G.number_of_nodes(),
            "relations": len(relations),
            "cooccurrences": len(cooccurrences),
            "cooccurrenceSentences": with_sentences,
            "date_range": list(date_range) if date_range else None,
            "max_nodes": max_nodes,
            "size_by": size_by,
            "show_cooccurrence": bool(show_cooccurrence),
            "focus": _id(G, focus) if focus is not None else None,
            "labels": label_count,
            "model": str(gattrs.get("model") or ""),
            "created": str(gattrs.get("created") or ""),
            "version": str(gattrs.get("newsgraph_version") or ""),
        },
        "legend": {
            "types": [{"type": t, **TYPE_STYLES.get(t, _OTHER_TYPE)}
                      for t in [*TYPE_STYLES, *sorted(present_types - set(TYPE_STYLES))]],
            "families": [{"family": f, "color": FAMILY_COLORS.get(f, _OTHER_FAMILY)}
                         for f in [*FAMILY_COLORS, *sorted(present_families - set(FAMILY_COLORS) - {""})]],
            "familyOrder": list(FAMILY_ORDER),
            "statuses": list(STATUS_ORDER),
            "factual": sorted(FACTUAL_STATUSES, key=_status_key),
            "nodeSize": list(NODE_SIZE),
        },
        "relationTypes": sorted(rel_types.values(),
                                key=lambda r: (r["type"] == MENTIONED_WITH, r["family"], r["type"])),
        "documents": docs.rows(),
        "entities": entities,
        "relations": relations,
        "cooccurrences": cooccurrences,
    }


# --------------------------------------------------------------------------- ranking


def _connectivity_order(G, typed):
    """Every node, ordered so that each prefix is a well-connected part of the typed graph.

    Start at the node with most typed neighbours and grow greedily through the best-connected
    neighbour on the frontier; when a component is exhausted restart at the best-connected
    remaining node. Nodes without a typed relation come last, most mentioned first. Ties
    break on mentions, then id, so the order is deterministic.
    """
    def key(n):
        return (-(typed.degree(n) if n in typed else 0), -int(G.nodes[n].get("mentions") or 0),
                str(n))

    order, seen, heap = [], set(), []
    for start in sorted(typed, key=key):
        if start in seen:
            continue
        seen.add(start)
        heappush(heap, (key(start), start))
        while heap:
            _, n = heappop(heap)
            order.append(n)
            for m in typed[n]:
                if m not in seen:
                    seen.add(m)
                    heappush(heap, (key(m), m))
    order.extend(sorted((n for n in G if n not in typed), key=key))
    return order


def _value(G, typed, n, size_by):
    if size_by == "degree":
        return max(1, typed.degree(n) if n in typed else 0)
    return max(1, int(G.nodes[n].get("mentions") or 0))


def _sizes(G, typed, values, label_count):
    """Each node's radius as the page draws it at zoom 1, and the labels always drawn (px)."""
    lo, hi = min(values.values(), default=1), max(values.values(), default=1)
    radius = {n: NODE_SIZE[0] + (NODE_SIZE[1] - NODE_SIZE[0]) * (v - lo) / (hi - lo) if hi > lo
              else NODE_SIZE[0] for n, v in values.items()}
    top = sorted(typed, key=lambda n: (-typed.degree(n), -int(G.nodes[n].get("mentions") or 0), str(n)))
    labels = {n: (_LABEL_CHAR * len(str(G.nodes[n].get("name") or n)) + 8, _LABEL_HEIGHT)
              for n in top[:label_count]}
    return radius, labels


# --------------------------------------------------------------------------- evidence


def _merge_evidence(G, evidence, docs):
    """Typed-relation evidence with repeated sentences merged into one item each."""
    items, by_key = [], {}
    for ev in evidence:
        sentence = str(ev.get("sentence") or "")
        mark = _trigger_span(ev, sentence)
        source = ev.get("according_to")
        source_id = str(source) if source is not None and source in G else None
        source_name = (str(G.nodes[source].get("name") or source) if source_id
                       else (str(source) if source else None))
        key = (_norm_sentence(sentence), mark and sentence[mark[0]:mark[1]], ev.get("status"),
               source_name, ev.get("role"))
        ref = docs.ref(ev.get("doc"), date=ev.get("date"))
        item = by_key.get(key)
        if item is None:
            item = by_key[key] = {
                "sentence": sentence,
                "mark": mark,
                "status": ev.get("status"),
                "according_to": source_name,
                "according_id": _id(G, source) if source_id else None,
                "role": ev.get("role"),
                "rule": ev.get("rule"),
                "confidence": ev.get("confidence"),
                "docs": [],
                "count": 0,
            }
            items.append(item)
        item["count"] += 1
        if ref not in item["docs"]:
            item["docs"].append(ref)
        conf = ev.get("confidence")
        if isinstance(conf, (int, float)) and (item["confidence"] is None or conf > item["confidence"]):
            item["confidence"] = conf
    return items


def _merge_cooccurrence(evidence, docs):
    """``[[sentence, [documents]], ...]`` with repeated sentences merged."""
    out, by_key = [], {}
    for ev in evidence:
        sentence = str(ev.get("sentence") or "")
        ref = docs.ref(ev.get("doc"), date=ev.get("date"))
        row = by_key.get(_norm_sentence(sentence))
        if row is None:
            row = by_key[_norm_sentence(sentence)] = [sentence, []]
            out.append(row)
        if ref not in row[1]:
            row[1].append(ref)
    return out


def _trigger_span(ev, sentence):
    """The trigger's ``[start, end]`` within the sentence, or ``None``."""
    try:
        a, b = int(ev["trigger_start"]) - int(ev["start"]), int(ev["trigger_end"]) - int(ev["start"])
    except (KeyError, TypeError, ValueError):
        return None
    return [a, b] if 0 <= a < b <= len(sentence) else None


def _norm_sentence(text):
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


# --------------------------------------------------------------------------- documents


class _Documents:
    """The document table: each document once, referred to by its index."""

    def __init__(self, doc_index):
        self.index = {str(k): dict(v or {}) for k, v in doc_index.items()}
        self._rows, self._refs = [], {}
        self._paths = relative_paths({k: v.get("path") for k, v in self.index.items()})

    def ref(self, doc_id, *, date=None):
        doc_id = str(doc_id)
        if doc_id not in self._refs:
            meta = self.index.get(doc_id, {"date": date})
            self._refs[doc_id] = len(self._rows)
            self._rows.append({
                "id": doc_id,
                "title": _str_or_none(meta.get("title")),
                "date": _str_or_none(meta.get("date")),
                "outlet": _str_or_none(meta.get("outlet")),
                "url": _web_url(meta.get("url")),
                "path": self._paths.get(doc_id),
            })
        return self._refs[doc_id]

    def outlet(self, ref):
        return self._rows[ref]["outlet"]

    def rows(self):
        for doc_id in self.index:  # documents no entity refers to are listed too
            self.ref(doc_id)
        return self._rows

    def date_range(self):
        dates = sorted(str(d["date"]) for d in self.index.values() if d.get("date"))
        return [dates[0], dates[-1]] if dates else None


def relative_paths(paths):
    """Document paths without the machine's folders: relative to the folder holding them all.

    Relative paths are kept; absolute ones are made relative to the deepest folder that
    holds every absolute path, so a corpus folder's files keep their sub-folders and a
    JSON-lines record keeps ``file.jsonl:line``.

    Examples
    --------
    >>> relative_paths({"a": "/home/me/news/x/1.txt", "b": "/home/me/news/y/2.txt", "c": "z.txt"})
    {'a': 'x/1.txt', 'b': 'y/2.txt', 'c': 'z.txt'}
    >>> relative_paths({"a": "/data/bbc.jsonl:7", "b": "/data/bbc.jsonl:8", "c": None})
    {'a': 'bbc.jsonl:7', 'b': 'bbc.jsonl:8', 'c': None}
    >>> relative_paths({"a": "C:\\\\news\\\\1.txt"})
    {'a': '1.txt'}
    """
    def posix(p):
        return str(p).replace("\\", "/")

    absolute = {k: posix(p) for k, p in paths.items() if p and _is_abs(str(p))}
    dirs = [posixpath.dirname(p) for p in absolute.values()]
    try:
        root = posixpath.commonpath(dirs) if dirs else ""
    except ValueError:  # different drives
        root = ""
    out = {}
    for k, p in paths.items():
        if not p:
            out[k] = None
        elif k in absolute:
            rel = posixpath.relpath(absolute[k], root) if root else ""
            out[k] = rel if rel and not rel.startswith("..") and not _is_abs(rel) \
                else posixpath.basename(absolute[k])
        else:
            out[k] = str(p)
    return out


def _is_abs(path):
    return path.startswith("/") or bool(_WINDOWS_ABS.match(path)) or os.path.isabs(path)


def _no_abs(text):
    """A display string with any absolute path reduced to its last part."""
    parts = [p.strip() for p in text.split(",")]
    return ", ".join(posixpath.basename(p.replace("\\", "/").rstrip("/")) or p if _is_abs(p) else p
                     for p in parts)


def _web_url(url):
    """Only http(s) URLs are links; anything else (file:, javascript:, ...) is dropped."""
    url = str(url or "").strip()
    return url if re.match(r"^https?://", url, re.I) else None


# --------------------------------------------------------------------------- small helpers


def _rtype(G, u, v, k):
    return str(G.edges[u, v, k].get("type") or k)


def _id(G, n):
    return str(G.nodes[n].get("id", n))


def _str_or_none(value):
    return None if value is None or value == "" else str(value)


def _status_key(status):
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _unique(items):
    return list(dict.fromkeys(items))

