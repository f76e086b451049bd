"""``KnowledgeGraph``: the Python API over a newsgraph graph, for notebooks, scripts and the CLI.

A ``KnowledgeGraph`` wraps the networkx ``MultiDiGraph`` of the graph.json contract
(DEVELOPERS.md) and adds lookups by any alias, pandas tables, evidence, sub-graphs, the
inline interactive view and the exports. ``kg.nx`` is the graph itself, so every networkx
algorithm works on it directly.

Examples
--------
>>> from newsgraph.graph import KnowledgeGraph
>>> kg = KnowledgeGraph.sample()                      # the bundled corpus, built once
>>> kg
<KnowledgeGraph 5 documents, ... entities, ... edges>
>>> kg.entity("Maduro")["name"]                       # any alias, any accents or case
'Nicolás Maduro'
>>> kg.evidence("Russia", "OFFERED_ASYLUM_TO", "Maduro")["doc"].tolist()
['000_53bb900a20402a61']
>>> kg.nx.has_edge("state:RUS", "person:nicolas-maduro", key="OFFERED_ASYLUM_TO")
True
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import os
import weakref
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import UsageError
from newsgraph.corpus.readers import SAMPLE_DIR, Fields
from newsgraph.extractors.models import MENTIONED_WITH, fold

from .export.json import read_json
from .api_exports import ExportsMixin, InlineHTML
from .api_tables import TablesMixin
from .filters import check_entity_types, check_relation_types, check_statuses, relation_types

__all__ = ["KnowledgeGraph", "InlineHTML"]


class KnowledgeGraph(TablesMixin, ExportsMixin):
    """A newsgraph knowledge graph: a networkx ``MultiDiGraph`` plus helpers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the graph.json contract (DEVELOPERS.md). Kept as is, not copied.
    documents : list of dict, optional
        The ``documents.jsonl`` records (every input, processed or skipped, with the reason).
    report : graph.pipeline.BuildReport, optional
        What the build did (set by :meth:`build`).

    Attributes
    ----------
    nx : networkx.MultiDiGraph
        The graph itself: changes to it are changes to this KnowledgeGraph.
    documents : list of dict
        Input records, as in ``documents.jsonl``.

    Examples
    --------
    >>> kg = KnowledgeGraph.sample()
    >>> kg.entities(type="State").loc["state:RUS", "name"]
    'Russia'
    >>> offers = kg.relations(type="OFFERED_ASYLUM_TO")
    >>> offers[["subject", "type", "object"]].values.tolist()
    [['Russia', 'OFFERED_ASYLUM_TO', 'Nicolás Maduro']]
    """

    def __init__(self, G: nx.MultiDiGraph, documents: list[dict] | None = None, *, report=None):
        self.nx = G
        self.documents = documents if documents is not None else []
        self.report = report
        self._alias_index: dict[str, list[str]] | None = None
        self._alias_index_size = -1
        self._query_file: tuple[Path, str, weakref.finalize] | None = None

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        paths,
        out: str | os.PathLike | None = None,
        *,
        update: bool = False,
        cache: bool = True,
        model: str | None = None,
        rules: Iterable[str | os.PathLike] = (),
        fields: Fields | str | None = None,
        batch_size: int = 32,
        processes: int = 1,
        formats: Iterable[str] | None = None,
        html: bool = True,
        scheduler: str | None = None,
        shards: str | os.PathLike | None = None,
    ) -> "KnowledgeGraph":
        """Read, extract and build the graph of files and folders, as ``newsgraph build`` does.

        The same build path as the CLI (:func:`newsgraph.graph.pipeline.build_corpus`): with
        ``out``, every export is written there and extraction results are cached, so building
        again parses only new or changed documents.

        Parameters
        ----------
        paths : path or list of paths
            Files or folders of ``.txt``, ``.md``, ``.html``, ``.json`` and ``.jsonl`` articles.
        out : path, optional
            Output folder (as ``newsgraph build -o OUT``): graph.json, documents.jsonl, the
            exports and the result cache. None builds in memory, with no cache.
        update : bool
            Add ``paths`` to the earlier build in ``out`` (as ``newsgraph build --update OUT``).
        cache : bool
            Use the result cache of ``out``.
        model : str, optional
            spaCy model package or path (default ``en_core_web_sm``, or the earlier build's
            with ``update``).
        rules : list of paths
            Extra relation rule files (TOML, YAML or JSON; see ``extractors/data/ONTOLOGY.md``).
        fields : Fields or str, optional
            JSON/JSONL field names, as ``Fields(...)`` or ``"id,title,date,text"``.
        batch_size : int
            Documents per spaCy batch.
        processes : int
            Worker processes, each with the model loaded once.
        formats : list of str, optional
            Optional exports written to ``out`` (default all; see
            :data:`newsgraph.graph.export.EXPORTERS`).
        html : bool
            False leaves the HTML page out of ``out``.
        scheduler : str, optional
            Extract on a Dask cluster: ``"tcp://host:8786"`` or ``"local:N"`` (README, "More
            than one machine"). The graph is the same.
        shards : path or URL, optional
            Where the cluster writes its result shards (default ``out/shards``, or a temporary
            folder without ``out``).

        Returns
        -------
        KnowledgeGraph
            With ``documents`` (every input, processed or skipped) and ``report`` set.

        Raises
        ------
        UsageError
            A missing path, a folder with no articles, a bad option.
        DataError
            A missing model or an invalid rules file.

        Examples
        --------
        >>> import json, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.jsonl"
        >>> article = {"uid": "a1", "headline": "Talks", "published": "2024-05-02",
        ...            "body": "Russian President Vladimir Putin met Nicolás Maduro in Moscow on Tuesday."}
        >>> _ = path.write_text(json.dumps(article) + "\\n", encoding="utf-8")
        >>> kg = KnowledgeGraph.build(path, fields="uid,headline,published,body")
        >>> sorted(kg.nx.nodes)
        ['location:moscow', 'person:nicolas-maduro', 'person:vladimir-putin', 'state:RUS']
        >>> kg.documents[0]["status"], kg.nx.graph["date_range"]
        ('processed', ['2024-05-02', '2024-05-02'])
        """
        from .pipeline import build_corpus

        G, records, report = build_corpus(paths, out, update=update, cache=cache, model=model, rules=rules,
                                          fields=fields, batch_size=batch_size, processes=processes,
                                          formats=formats, html=html, scheduler=scheduler, shards=shards)
        return cls(G, records, report=report)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "KnowledgeGraph":
        """Load a ``graph.json`` (or the folder holding it, with its ``documents.jsonl``).

        Examples
        --------
        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> files = KnowledgeGraph.sample().save(folder, html=False)
        >>> KnowledgeGraph.load(folder).entity("Putin")["id"]
        'person:vladimir-putin'
        """
        G = read_json(path)
        folder = Path(path) if Path(path).is_dir() else Path(path).parent
        records = []
        if (folder / "documents.jsonl").exists():
            with open(folder / "documents.jsonl", encoding="utf-8") as f:
                records = [json.loads(line) for line in f if line.strip()]
        return cls(G, records)

    @classmethod
    def sample(cls) -> "KnowledgeGraph":
        """The graph of the bundled sample corpus (``corpus/sample``: five articles).

        Built once per process with the default model; each call returns an independent copy.

        Examples
        --------
        >>> KnowledgeGraph.sample().nx.graph["documents"]
        5
        """
        G, records = _sample_graph()
        return cls(copy.deepcopy(G), copy.deepcopy(records))

    # -- lookups --------------------------------------------------------------------------
    def _index(self) -> dict[str, list[str]]:
        if self._alias_index is None or self._alias_index_size != self.nx.number_of_nodes():
            index: dict[str, list[str]] = {}
            for n, d in self.nx.nodes(data=True):
                for alias in {d.get("name", n), n, *d.get("aliases", [])}:
                    index.setdefault(fold(str(alias)), []).append(n)
            self._alias_index = index
            self._alias_index_size = self.nx.number_of_nodes()
        return self._alias_index

    def find(self, name: str) -> list[str]:
        """Node ids whose id, name or any alias is ``name`` (accent- and case-insensitive).

        Most mentioned first; an empty list when nothing matches.

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> kg.find("nicolas maduro"), kg.find("PUTIN"), kg.find("Atlantis")
        (['person:nicolas-maduro'], ['person:vladimir-putin'], [])
        """
        if name in self.nx:
            return [name]
        hits = self._index().get(fold(name.strip()), [])
        return sorted(set(hits), key=lambda n: (-self.nx.nodes[n].get("mentions", 0), n))

    def entity(self, name: str) -> dict:
        """The attributes of the entity called ``name`` (by any alias); the most mentioned wins.

        A new dict holding ``id`` and every node attribute of the graph.json contract.

        Raises
        ------
        UsageError
            No entity has that name; the message suggests close names.

        Examples
        --------
        >>> e = KnowledgeGraph.sample().entity("Putin")
        >>> e["id"], e["type"], "Vladimir Putin" in e["aliases"]
        ('person:vladimir-putin', 'Person', True)
        """
        node = self._node(name)
        return {"id": node, **self.nx.nodes[node]}

    def _node(self, name: str) -> str:
        hits = self.find(name)
        if not hits:
            raise UsageError(self._not_found(name))
        return hits[0]

    def _not_found(self, name: str) -> str:
        close = difflib.get_close_matches(fold(name), list(self._index()), n=3, cutoff=0.75)
        names = sorted({self.nx.nodes[n].get("name", n) for key in close for n in self._index()[key]})
        hint = f"; did you mean {', '.join(map(repr, names))}?" if names else ", and no name is close to it"
        return f"No entity named {name!r} in the graph{hint}"

    # -- rows (plain dicts: the CLI's listings) ---------------------------------------------
    def stats(self) -> dict:
        """Counts of documents, entities by type and relations by type, date range and model.

        Examples
        --------
        >>> s = KnowledgeGraph.sample().stats()
        >>> s["documents"], s["date_range"], s["relations.OFFERED_ASYLUM_TO"]
        (5, '2017-07-20 to 2026-01-22', 1)
        """
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

    def entity_rows(self, *, type: str | Iterable[str] | None = None) -> list[dict]:
        """Entities as dicts (id, name, type, mentions, docs, aliases, titles, codes), most mentioned first.

        ``type`` is one entity type or several, in any case (``"person"``, ``["State", "Institution"]``).

        Raises
        ------
        UsageError
            An unknown entity type: "Unknown entity type 'Persn'. Did you mean Person?".

        Examples
        --------
        >>> rows = KnowledgeGraph.sample().entity_rows(type="state")
        >>> rows[0]["type"], {r["type"] for r in rows}
        ('State', {'State'})
        """
        types = check_entity_types(type)
        rows = []
        for n, d in self.nx.nodes(data=True):
            if types is not None and d.get("type") not in types:
                continue
            rows.append({"id": n, "name": d.get("name"), "type": d.get("type"), "mentions": d.get("mentions", 0),
                         "docs": len(d.get("docs", [])), "aliases": d.get("aliases", []),
                         "titles": d.get("titles", []), "codes": d.get("codes", {})})
        return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))

    def relation_rows(self, *, type: str | Iterable[str] | None = None, entity: str | None = None,
                      status: str | Iterable[str] | None = None, cooccurrence: bool = False) -> list[dict]:
        """Relations as dicts (subject, type, object, ids, status, weight, dates, evidence).

        Heaviest first; dates are ISO strings. ``type`` and ``status`` are one value or several,
        in any case, and are checked: a type that is neither in the ontology nor in this graph,
        or a status not in ``STATUS_ORDER``, raises :class:`UsageError` with the closest name.
        ``MENTIONED_WITH`` is left out unless ``cooccurrence`` or asked by ``type``;
        ``entity`` keeps edges with that entity (any alias) at either end.

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> [(r["subject"], r["object"]) for r in kg.relation_rows(type="offered_asylum_to")]
        [('Russia', 'Nicolás Maduro')]
        >>> kg.relation_rows(type="OFFERED_ASYLUM")
        Traceback (most recent call last):
        ...
        newsgraph.corpus.errors.UsageError: Unknown relation type 'OFFERED_ASYLUM'. Did you mean OFFERED_ASYLUM_TO?
        """
        types = self._relation_types(type)
        statuses = check_statuses(status)
        nodes = set(self.find(entity)) if entity else None
        if entity and not nodes:
            raise UsageError(self._not_found(entity))
        rows = []
        for u, v, k, d in self.nx.edges(keys=True, data=True):
            if types is not None:
                if k not in types:
                    continue
            elif k == MENTIONED_WITH and not cooccurrence:
                continue
            if nodes is not None and u not in nodes and v not in nodes:
                continue
            if statuses is not None and d.get("status") not in statuses:
                continue
            rows.append({"subject": self.nx.nodes[u].get("name", u), "type": k,
                         "object": self.nx.nodes[v].get("name", v), "subject_id": u, "object_id": v,
                         "status": d.get("status"), "weight": d.get("weight"),
                         "first_seen": d.get("first_seen"), "last_seen": d.get("last_seen"),
                         "evidence": d.get("evidence", [])})
        return sorted(rows, key=lambda r: (-(r["weight"] or 0), r["type"], r["subject"], r["object"]))

    def _relation_types(self, value) -> tuple[str, ...] | None:
        """``value`` checked against the ontology's types, MENTIONED_WITH and this graph's own types."""
        if value is None:
            return None
        return check_relation_types(value, known=relation_types(k for _, _, k in self.nx.edges(keys=True)))

    def explain(self, name: str) -> list[dict]:
        """How the entity ``name`` was resolved: each ``{doc, alias, count, how}`` that joined it.

        Examples
        --------
        >>> hows = {r["how"] for r in KnowledgeGraph.sample().explain("Maduro")}
        >>> "exact" in hows
        True
        """
        return list(self.nx.nodes[self._node(name)].get("resolution", []))

    def _evidence_items(self, subject: str, rtype: str, object: str) -> list[dict]:
        subjects = self.find(subject) or [self._node(subject)]
        objects = self.find(object) or [self._node(object)]
        for u in subjects:
            for v in objects:
                data = self.nx.get_edge_data(u, v, key=rtype)
                if data is None:
                    data = self.nx.get_edge_data(v, u, key=rtype)
                    if data is not None and not (data.get("symmetric") or rtype == MENTIONED_WITH):
                        data = None
                if data:
                    return list(data.get("evidence", []))
        return []

    # -- graphs ---------------------------------------------------------------------------
    def neighbourhood(self, name: str, depth: int = 1, *, cooccurrence: bool = False) -> "KnowledgeGraph":
        """A new KnowledgeGraph of the entity ``name`` and everything within ``depth`` hops.

        Hops follow typed relations in either direction (and ``MENTIONED_WITH`` too when
        ``cooccurrence``); the result holds every edge among the nodes reached. It is a
        copy: changing it leaves this graph alone.

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> near = kg.neighbourhood("Maduro")
        >>> "state:RUS" in near.nx, near.nx.number_of_nodes() < kg.nx.number_of_nodes()
        (True, True)
        """
        if depth < 0:
            raise UsageError(f"depth must be 0 or more, got {depth}")
        center = self._node(name)
        hops = nx.Graph()
        hops.add_node(center)
        hops.add_edges_from((u, v) for u, v, k in self.nx.edges(keys=True) if cooccurrence or k != MENTIONED_WITH)
        nodes = nx.single_source_shortest_path_length(hops, center, cutoff=depth)
        return KnowledgeGraph(self.nx.subgraph(nodes).copy(), self.documents)

    def undirected(self, *, cooccurrence: bool = True) -> nx.Graph:
        """A simple undirected ``networkx.Graph`` for centrality and communities.

        One edge per connected pair; ``weight`` sums the evidence of every edge between them
        and ``types`` lists their relation types. Node attributes are shared with ``nx``.

        Examples
        --------
        >>> U = KnowledgeGraph.sample().undirected()
        >>> "OFFERED_ASYLUM_TO" in U.edges["state:RUS", "person:nicolas-maduro"]["types"]
        True
        """
        U = nx.Graph()
        U.add_nodes_from(self.nx.nodes(data=True))
        for u, v, k, d in self.nx.edges(keys=True, data=True):
            if u == v or (k == MENTIONED_WITH and not cooccurrence):
                continue
            if U.has_edge(u, v):
                U.edges[u, v]["weight"] += d.get("weight", 1)
                U.edges[u, v]["types"] = sorted({*U.edges[u, v]["types"], k})
            else:
                U.add_edge(u, v, weight=d.get("weight", 1), types=[k])
        return U

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph {self.nx.graph.get('documents', 0)} documents, "
                f"{self.nx.number_of_nodes()} entities, {self.nx.number_of_edges()} edges>")


# -- helpers ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _sample_graph():
    kg = KnowledgeGraph.build([SAMPLE_DIR])
    return kg.nx, kg.documents

