"""The exports of :class:`~newsgraph.graph.api.KnowledgeGraph`: files, the inline view, Neo4j, Cypher.

A mixin: the methods live on ``KnowledgeGraph`` and call the export modules of
:mod:`newsgraph.graph.export` (the same writers as ``newsgraph build``).
"""

from __future__ import annotations

import hashlib
import html as _html
import itertools
import json
import os
import tempfile
import weakref
from collections.abc import Iterable
from pathlib import Path

from .api_tables import _pandas
from .export.json import to_json_data, write_json

__all__ = ["ExportsMixin", "InlineHTML"]


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


class ExportsMixin:
    """Exports of a KnowledgeGraph (``self.nx``, ``self.documents``)."""

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
                max_nodes: int | None = 400, size_by: str = "degree", show_cooccurrence: bool = False,
                focus: str | None = None, depth: int = 1):
        """The self-contained interactive HTML page (a string), or write it to ``path``.

        Options as :func:`graph.export.html.to_html`: ``focus``/``depth`` make a story-sized
        page around one entity (any alias), as ``newsgraph html --focus NAME --depth N``.

        Examples
        --------
        >>> page = KnowledgeGraph.sample().neighbourhood("Maduro").to_html(title="Maduro")
        >>> page.startswith("<!DOCTYPE html>")
        True
        >>> "Vatican" in KnowledgeGraph.sample().to_html(focus="Maduro", depth=2)
        True
        """
        from .export.html import to_html, write_html

        options = {"title": title, "max_nodes": max_nodes, "size_by": size_by,
                   "show_cooccurrence": show_cooccurrence, "focus": focus, "depth": depth}
        if path is None:
            return to_html(self.nx, **options)
        from .export.atomic import atomic_path

        with atomic_path(path) as tmp:
            write_html(self.nx, tmp, **options)
        return Path(path)

    def show(self, *, height: int = 650, title: str | None = None, max_nodes: int | None = 400,
             size_by: str = "degree", show_cooccurrence: bool = False, focus: str | None = None,
             depth: int = 1) -> InlineHTML:
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
                            show_cooccurrence=show_cooccurrence, focus=focus, depth=depth)
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
