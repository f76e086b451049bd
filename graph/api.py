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
>>> [ev["doc"] for ev in kg.evidence("Russia", "OFFERED_ASYLUM_TO", "Maduro")]
['000_53bb900a20402a61']
>>> kg.nx.has_edge("state:RUS", "person:nicolas-maduro", key="OFFERED_ASYLUM_TO")
True
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import html as _html
import itertools
import json
import os
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from newsgraph.corpus.errors import UsageError
from newsgraph.corpus.readers import SAMPLE_DIR, Fields
from newsgraph.extractors.models import MENTIONED_WITH, fold

from .export.json import read_json, to_json_data, write_json

__all__ = ["KnowledgeGraph", "InlineHTML"]


class InlineHTML:
    """An HTML page shown inline by Jupyter: what :meth:`KnowledgeGraph.show` returns.

    ``_repr_html_`` is an ``<iframe srcdoc="...">`` holding the whole page, escaped, with
    ``sandbox="allow-scripts"``: the page's own scripts run, isolated from the notebook, and
    the same output renders in JupyterLab, classic Notebook and VS Code (no extension, no
    server, no network). ``page`` is the page itself.

    Examples
    --------
    >>> view = InlineHTML("<p>Tom & Jerry</p>", height=200)
    >>> print(view._repr_html_())
    <iframe srcdoc="&lt;p&gt;Tom &amp; Jerry&lt;/p&gt;" sandbox="allow-scripts" ...></iframe>
    """

    def __init__(self, page: str, *, height: int = 650):
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{_html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
                f'title="newsgraph interactive view"></iframe>')

    def __repr__(self) -> str:
        return f"<InlineHTML {len(self.page):,} characters; display it in Jupyter>"


class KnowledgeGraph:
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
                                          formats=formats, html=html)
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

    def entity_rows(self, *, type: str | None = None) -> list[dict]:
        """Entities as dicts (id, name, type, mentions, docs, aliases, titles, codes), most mentioned first."""
        rows = []
        for n, d in self.nx.nodes(data=True):
            if type and d.get("type") != type:
                continue
            rows.append({"id": n, "name": d.get("name"), "type": d.get("type"), "mentions": d.get("mentions", 0),
                         "docs": len(d.get("docs", [])), "aliases": d.get("aliases", []),
                         "titles": d.get("titles", []), "codes": d.get("codes", {})})
        return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))

    def relation_rows(self, *, type: str | None = None, entity: str | None = None,
                      status: str | Iterable[str] | None = None, cooccurrence: bool = False) -> list[dict]:
        """Relations as dicts (subject, type, object, ids, status, weight, dates, evidence).

        Heaviest first. ``MENTIONED_WITH`` is left out unless ``cooccurrence`` or asked by
        ``type``; ``entity`` keeps edges with that entity (any alias) at either end;
        ``status`` is one status or several.
        """
        nodes = set(self.find(entity)) if entity else None
        if entity and not nodes:
            raise UsageError(self._not_found(entity))
        statuses = {status} if isinstance(status, str) else set(status) if status is not None else None
        rows = []
        for u, v, k, d in self.nx.edges(keys=True, data=True):
            if type and k != type:
                continue
            if not type and k == MENTIONED_WITH and not cooccurrence:
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

    def explain(self, name: str) -> list[dict]:
        """How the entity ``name`` was resolved: each ``{doc, alias, count, how}`` that joined it.

        Examples
        --------
        >>> hows = {r["how"] for r in KnowledgeGraph.sample().explain("Maduro")}
        >>> "exact" in hows
        True
        """
        return list(self.nx.nodes[self._node(name)].get("resolution", []))

    def evidence(self, subject: str, type: str, object: str) -> list[dict]:
        """The evidence items of the edge (subject, type, object); names by any alias.

        Each item has ``doc``, ``sentence``, ``start``, ``end``, ``date`` and, for typed
        relations, ``trigger``, ``rule``, ``confidence``, ``status``, ``according_to``.
        Symmetric types are found in either direction; an empty list when there is no such edge.

        Examples
        --------
        >>> [ev] = KnowledgeGraph.sample().evidence("Russia", "OFFERED_ASYLUM_TO", "Nicolás Maduro")
        >>> ev["trigger"], ev["status"]
        ('offered', 'reported')
        """
        subjects = self.find(subject) or [self._node(subject)]
        objects = self.find(object) or [self._node(object)]
        for u in subjects:
            for v in objects:
                data = self.nx.get_edge_data(u, v, key=type)
                if data is None:
                    data = self.nx.get_edge_data(v, u, key=type)
                    if data is not None and not (data.get("symmetric") or type == MENTIONED_WITH):
                        data = None
                if data:
                    return list(data.get("evidence", []))
        return []

    # -- pandas tables (the ``notebook`` extra) ------------------------------------------------
    def entities(self, type: str | None = None):
        """Entities as a pandas DataFrame indexed by id, most mentioned first.

        Columns: name, type, mentions, docs (number of documents), aliases, titles, codes.

        Examples
        --------
        >>> people = KnowledgeGraph.sample().entities(type="Person")
        >>> people.loc["person:nicolas-maduro", ["name", "type"]].tolist()
        ['Nicolás Maduro', 'Person']
        """
        pd = _pandas()
        columns = ["id", "name", "type", "mentions", "docs", "aliases", "titles", "codes"]
        return pd.DataFrame(self.entity_rows(type=type), columns=columns).set_index("id")

    def relations(self, type: str | None = None, status: str | Iterable[str] | None = None, *,
                  entity: str | None = None, cooccurrence: bool = False):
        """Relations as a pandas DataFrame, heaviest first (filters as :meth:`relation_rows`).

        Columns: subject, type, object, label, family, status, weight, first_seen, last_seen,
        subject_id, object_id, evidence (the list of evidence dicts).

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> unsure = kg.relations(status=["alleged", "considered", "negated"])
        >>> set(unsure["status"]) <= {"alleged", "considered", "negated"}, len(unsure) > 0
        (True, True)
        """
        pd = _pandas()
        rows = self.relation_rows(type=type, entity=entity, status=status, cooccurrence=cooccurrence)
        for row in rows:
            data = self.nx.get_edge_data(row["subject_id"], row["object_id"], key=row["type"]) or {}
            row["label"], row["family"] = data.get("label"), data.get("family")
        columns = ["subject", "type", "object", "label", "family", "status", "weight", "first_seen",
                   "last_seen", "subject_id", "object_id", "evidence"]
        return pd.DataFrame(rows, columns=columns)

    def timeline(self, type: str | None = None, *, entity: str | None = None, cooccurrence: bool = False):
        """One row per evidence sentence, in date order (undated documents last).

        Columns: date, doc, title, subject, type, object, status, sentence, trigger,
        subject_id, object_id. Filters as :meth:`relations`.

        Examples
        --------
        >>> t = KnowledgeGraph.sample().timeline(entity="Maduro")
        >>> t["date"].dropna().is_monotonic_increasing, t["date"].iloc[0]
        (True, '2017-07-20')
        """
        pd = _pandas()
        index = self.nx.graph.get("document_index") or {}
        rows = []
        for rel in self.relation_rows(type=type, entity=entity, cooccurrence=cooccurrence):
            for ev in rel["evidence"]:
                rows.append({"date": ev.get("date"), "doc": ev["doc"],
                             "title": (index.get(ev["doc"]) or {}).get("title"),
                             "subject": rel["subject"], "type": rel["type"], "object": rel["object"],
                             "status": ev.get("status", rel["status"]), "sentence": ev["sentence"],
                             "trigger": ev.get("trigger"), "subject_id": rel["subject_id"],
                             "object_id": rel["object_id"], "_start": ev.get("start", 0)})
        rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["doc"], r["_start"], r["type"]))
        columns = ["date", "doc", "title", "subject", "type", "object", "status", "sentence", "trigger",
                   "subject_id", "object_id"]
        return pd.DataFrame(rows, columns=columns + ["_start"])[columns]

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

    # -- exports --------------------------------------------------------------------------
    def to_json(self, path: str | os.PathLike | None = None):
        """The graph.json data (a dict), or write it to ``path`` and return the path.

        Examples
        --------
        >>> data = KnowledgeGraph.sample().to_json()
        >>> sorted(data)
        ['directed', 'edges', 'graph', 'multigraph', 'nodes']
        """
        if path is None:
            return to_json_data(self.nx)
        return write_json(self.nx, path)

    def to_html(self, path: str | os.PathLike | None = None, *, title: str | None = None,
                max_nodes: int | None = 400, size_by: str = "mentions", show_cooccurrence: bool = False):
        """The self-contained interactive HTML page (a string), or write it to ``path``.

        Options as :func:`graph.export.html.to_html`.

        Examples
        --------
        >>> page = KnowledgeGraph.sample().neighbourhood("Maduro").to_html(title="Maduro")
        >>> page.startswith("<!DOCTYPE html>")
        True
        """
        from .export.html import to_html, write_html

        options = {"title": title, "max_nodes": max_nodes, "size_by": size_by,
                   "show_cooccurrence": show_cooccurrence}
        if path is None:
            return to_html(self.nx, **options)
        from .export.atomic import atomic_path

        with atomic_path(path) as tmp:
            write_html(self.nx, tmp, **options)
        return Path(path)

    def show(self, *, height: int = 650, title: str | None = None, max_nodes: int | None = 400,
             size_by: str = "mentions", show_cooccurrence: bool = False) -> InlineHTML:
        """The interactive view, inline in Jupyter (JupyterLab, classic Notebook, VS Code).

        Returns an :class:`InlineHTML` whose ``_repr_html_`` embeds :meth:`to_html` in a
        sandboxed iframe; make it the last expression of a cell (or ``display()`` it).

        Examples
        --------
        >>> view = KnowledgeGraph.sample().neighbourhood("Maduro").show(height=500)
        >>> view._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
        True
        """
        page = self.to_html(title=title, max_nodes=max_nodes, size_by=size_by,
                            show_cooccurrence=show_cooccurrence)
        return InlineHTML(page, height=height)

    def save(self, directory: str | os.PathLike, *, formats: Iterable[str] | None = None,
             html: bool = True) -> list[str]:
        """Write every export into ``directory``, as ``newsgraph build -o`` does.

        graph.json, documents.jsonl and the exports of the registry
        (:data:`newsgraph.graph.export.EXPORTERS`: GraphML, GEXF, the HTML page, the Cypher
        script, the neo4j-admin CSVs); ``formats`` and ``html`` choose them as for
        :meth:`build`. Returns the names written. Each file is written atomically, under the
        folder's lock (:mod:`graph.lock`).
        """
        from .lock import output_lock
        from .pipeline import write_outputs

        with output_lock(directory):
            return write_outputs(self.nx, self.documents, directory, formats=formats, html=html)

    def to_cypher(self, path: str | os.PathLike | None = None):
        """A Cypher script that merges the graph into Neo4j (for ``cypher-shell -f``).

        Returns the script, or writes it to ``path`` (see :mod:`graph.export.cypher`).

        Examples
        --------
        >>> script = KnowledgeGraph.sample().to_cypher()
        >>> "MERGE" in script and "OFFERED_ASYLUM_TO" in script
        True
        """
        from .export.cypher import to_cypher, write_cypher

        if path is None:
            return to_cypher(self.nx)
        return write_cypher(self.nx, path)

    def to_neo4j_csv(self, directory: str | os.PathLike):
        """Write the CSVs for ``neo4j-admin database import full`` into ``directory``.

        Node and relationship CSVs, ``schema.cypher`` and a README.txt holding the import
        command (see :mod:`graph.export.neo4j_csv`). Returns the directory.

        Examples
        --------
        >>> import tempfile
        >>> folder = KnowledgeGraph.sample().to_neo4j_csv(tempfile.mkdtemp())
        >>> {"entities.csv", "relationships.csv", "README.txt"} <= {p.name for p in folder.iterdir()}
        True
        """
        from .export.neo4j_csv import write_neo4j_csv

        return write_neo4j_csv(self.nx, directory)

    def load_neo4j(self, driver, *, database: str | None = None, batch_size: int = 1000, progress=None):
        """Load the graph into Neo4j over Bolt, idempotently (:func:`graph.export.neo4j.load_neo4j`).

        ``driver`` is an open ``neo4j.Driver``; the caller owns and closes it. ``progress`` is
        called with the number of rows written after each batch. Returns the load summary.
        """
        from .export.neo4j import load_neo4j

        return load_neo4j(self.nx, driver, database=database, batch_size=batch_size, progress=progress)

    def query(self, cypher: str, *, params: dict | None = None):
        """Run a read-only Cypher query on the graph with no server to set up.

        The graph is loaded into an embedded engine (:func:`graph.query.run_query`) with the
        Neo4j model of ``docs/neo4j.md``; the result is a pandas DataFrame.

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> kg.query("MATCH (a)-[:OFFERED_ASYLUM_TO]->(b) RETURN a.name AS giver, b.name AS taker")
             giver           taker
        0  Russia  Nicolás Maduro
        """
        from .query import run_query

        pd = _pandas()
        columns, rows = run_query(self._graph_file(), cypher, params=params)
        return pd.DataFrame(rows, columns=columns)

    def _graph_file(self) -> Path:
        """graph.json of the current graph for the query engine, rewritten only when it changed.

        The file lives in this process's private temporary folder (:func:`_query_dir`, removed
        at exit); the previous file is removed when the graph changes, and the current one
        when this KnowledgeGraph is garbage-collected.
        """
        data = json.dumps(to_json_data(self.nx), ensure_ascii=False, sort_keys=True).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if self._query_file is None or self._query_file[1] != digest or not self._query_file[0].exists():
            if self._query_file is not None:
                self._query_file[2]()  # remove the stale file now
            path = _query_dir() / f"graph-{next(_QUERY_FILE_NUMBERS)}.json"
            path.write_bytes(data)
            self._query_file = (path, digest, weakref.finalize(self, path.unlink, missing_ok=True))
        return self._query_file[0]

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph {self.nx.graph.get('documents', 0)} documents, "
                f"{self.nx.number_of_nodes()} entities, {self.nx.number_of_edges()} edges>")


# -- helpers ---------------------------------------------------------------------------------
def _pandas():
    try:
        import pandas as pd
    except ImportError:
        raise UsageError("Tables need pandas: pip install 'newsgraph[notebook]'") from None
    return pd


_QUERY_FILE_NUMBERS = itertools.count(1)
_query_tmp: tempfile.TemporaryDirectory | None = None


def _query_dir() -> Path:
    """This process's folder for the graph files of :meth:`KnowledgeGraph.query`.

    A ``TemporaryDirectory``, created at the first query: its finalizer removes the folder and
    everything in it when the interpreter exits.
    """
    global _query_tmp
    if _query_tmp is None:
        _query_tmp = tempfile.TemporaryDirectory(prefix="newsgraph-api-")
    return Path(_query_tmp.name)


@functools.lru_cache(maxsize=1)
def _sample_graph():
    kg = KnowledgeGraph.build([SAMPLE_DIR])
    return kg.nx, kg.documents

