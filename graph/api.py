"""``KnowledgeGraph``: the Python API over the graph, used by notebooks and by the CLI.

Examples
--------
>>> from graph import KnowledgeGraph
>>> kg = KnowledgeGraph.build(["corpus/sample"])           # doctest: +SKIP
>>> kg.entity("Maduro")["name"]                            # doctest: +SKIP
'Nicolás Maduro'
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import networkx as nx

from corpus.errors import UsageError
from extractors.entities import fold

from .build import MENTIONED_WITH
from .export.json import read_json, to_json_data, write_json

__all__ = ["KnowledgeGraph"]


class KnowledgeGraph:
    """A newsgraph knowledge graph: a networkx ``MultiDiGraph`` plus helpers.

    ``kg.nx`` is the graph itself (no copy): use any networkx algorithm on it.
    """

    def __init__(self, G: nx.MultiDiGraph, documents: list[dict] | None = None):
        self.nx = G
        self.documents = documents or []
        self._alias_index: dict[str, list[str]] | None = None

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def build(cls, paths, **options) -> "KnowledgeGraph":
        """Build from files/folders; options as :func:`graph.pipeline.build` (model, rules, ...)."""
        from .pipeline import build

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        G, records, _report = build(paths, **options)
        return cls(G, records)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "KnowledgeGraph":
        """Load a graph.json (or the folder holding it)."""
        G = read_json(path)
        docs_path = Path(path) if Path(path).is_dir() else Path(path).parent
        records = []
        if (docs_path / "documents.jsonl").exists():
            import json

            with open(docs_path / "documents.jsonl", encoding="utf-8") as f:
                records = [json.loads(line) for line in f if line.strip()]
        return cls(G, records)

    # -- lookups --------------------------------------------------------------------------
    def _index(self) -> dict[str, list[str]]:
        if self._alias_index is None:
            index: dict[str, list[str]] = {}
            for n, d in self.nx.nodes(data=True):
                for alias in {d.get("name", n), n, *d.get("aliases", [])}:
                    index.setdefault(fold(alias), []).append(n)
            self._alias_index = index
        return self._alias_index

    def find(self, name: str) -> list[str]:
        """Node ids whose id, name or any alias matches ``name`` (accent- and case-insensitive)."""
        if name in self.nx:
            return [name]
        hits = self._index().get(fold(name.strip()), [])
        return sorted(set(hits), key=lambda n: -self.nx.nodes[n].get("mentions", 0))

    def entity(self, name: str) -> dict:
        """The node attributes of the entity called ``name`` (by any alias), most mentioned first."""
        hits = self.find(name)
        if not hits:
            raise UsageError(f"No entity named {name!r} in the graph")
        return dict(self.nx.nodes[hits[0]])

    def _node(self, name: str) -> str:
        hits = self.find(name)
        if not hits:
            raise UsageError(f"No entity named {name!r} in the graph")
        return hits[0]

    # -- tables ---------------------------------------------------------------------------
    def stats(self) -> dict:
        G = self.nx
        types = Counter(d.get("type") for _, d in G.nodes(data=True))
        rels = Counter(k for _, _, k in G.edges(keys=True))
        out = {"documents": G.graph.get("documents", 0), "entities": G.number_of_nodes()}
        out.update({f"entities.{t}": c for t, c in sorted(types.items())})
        out["relations"] = sum(c for k, c in rels.items() if k != MENTIONED_WITH)
        out.update({f"relations.{t}": c for t, c in sorted(rels.items())})
        out["date_range"] = " to ".join(G.graph.get("date_range") or []) or None
        out["model"] = G.graph.get("model")
        return out

    def entity_rows(self, *, type: str | None = None) -> list[dict]:
        rows = []
        for n, d in self.nx.nodes(data=True):
            if type and d.get("type") != type:
                continue
            rows.append({"id": n, "name": d.get("name"), "type": d.get("type"), "mentions": d.get("mentions", 0),
                         "docs": len(d.get("docs", [])), "aliases": d.get("aliases", []),
                         "titles": d.get("titles", []), "codes": d.get("codes", {})})
        return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))

    def relation_rows(self, *, type: str | None = None, entity: str | None = None, status: str | None = None,
                      cooccurrence: bool = False) -> list[dict]:
        nodes = set(self.find(entity)) if entity else None
        if entity and not nodes:
            raise UsageError(f"No entity named {entity!r} in the graph")
        rows = []
        for u, v, k, d in self.nx.edges(keys=True, data=True):
            if type and k != type:
                continue
            if not type and k == MENTIONED_WITH and not cooccurrence:
                continue
            if nodes is not None and u not in nodes and v not in nodes:
                continue
            if status and d.get("status") != status:
                continue
            rows.append({"subject": self.nx.nodes[u].get("name", u), "type": k,
                         "object": self.nx.nodes[v].get("name", v), "subject_id": u, "object_id": v,
                         "status": d.get("status"), "weight": d.get("weight"),
                         "first_seen": d.get("first_seen"), "last_seen": d.get("last_seen"),
                         "evidence": d.get("evidence", [])})
        return sorted(rows, key=lambda r: (-(r["weight"] or 0), r["type"], r["subject"], r["object"]))

    def explain(self, name: str) -> list[dict]:
        """How the entity ``name`` was resolved: which mentions, in which documents, and why."""
        return list(self.nx.nodes[self._node(name)].get("resolution", []))

    def evidence(self, subject: str, type: str, object: str) -> list[dict]:
        """The evidence items of the edge (subject, type, object); names by any alias."""
        u, v = self._node(subject), self._node(object)
        for a, b in ((u, v), (v, u)):
            data = self.nx.get_edge_data(a, b, key=type)
            if data:
                return list(data.get("evidence", []))
        return []

    def entities(self, type: str | None = None):
        """Entities as a pandas DataFrame (needs the ``notebook`` extra)."""
        import pandas as pd

        return pd.DataFrame(self.entity_rows(type=type))

    def relations(self, type: str | None = None, status: str | None = None, cooccurrence: bool = False):
        """Relations as a pandas DataFrame (needs the ``notebook`` extra)."""
        import pandas as pd

        return pd.DataFrame(self.relation_rows(type=type, status=status, cooccurrence=cooccurrence))

    def neighbourhood(self, name: str, depth: int = 1) -> "KnowledgeGraph":
        """A new KnowledgeGraph of the entity and everything within ``depth`` hops."""
        center = self._node(name)
        nodes = nx.single_source_shortest_path_length(self.nx.to_undirected(as_view=True), center, cutoff=depth)
        H = self.nx.subgraph(nodes).copy()
        return KnowledgeGraph(H, self.documents)

    # -- exports --------------------------------------------------------------------------
    def to_json(self, path: str | os.PathLike | None = None):
        """The graph.json data, or write it to ``path``."""
        if path is None:
            return to_json_data(self.nx)
        write_json(self.nx, path)
        return path

    def to_html(self, path: str | os.PathLike | None = None, **options):
        """The interactive HTML page (a string), or write it to ``path``."""
        from .export.html import to_html, write_html

        if path is None:
            return to_html(self.nx, **options)
        write_html(self.nx, path, **options)
        return path

    def show(self, height: int = 650, **options):
        """Show the interactive view inline in Jupyter (an iframe holding the HTML export)."""
        import html as _html

        from IPython.display import HTML

        page = self.to_html(**options)
        return HTML(f'<iframe srcdoc="{_html.escape(page, quote=True)}" style="width:100%;height:{height}px;'
                    f'border:1px solid #ddd" sandbox="allow-scripts"></iframe>')

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph {self.nx.graph.get('documents', 0)} documents, "
                f"{self.nx.number_of_nodes()} entities, {self.nx.number_of_edges()} edges>")
