"""newsgraph: who did what to whom in a pile of news, as a knowledge graph.

The installed package is one namespace: ``newsgraph.corpus`` (documents in),
``newsgraph.extractors`` (spaCy, entities, relations), ``newsgraph.graph`` (networkx graph,
exports, CLI). The public API is re-exported here.

Examples
--------
>>> import newsgraph
>>> newsgraph.__version__
'0.1.0'
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "build", "load", "NewsgraphError", "UsageError", "DataError", "__version__"]


def __getattr__(name: str):
    # Lazy: ``import newsgraph`` stays light; spaCy loads only when a graph is built.
    if name == "KnowledgeGraph":
        from newsgraph.graph.api import KnowledgeGraph

        return KnowledgeGraph
    if name in ("NewsgraphError", "UsageError", "DataError"):
        from newsgraph.corpus import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


def build(paths, out=None, **options):
    """Build a graph from news files or folders: ``KnowledgeGraph.build(paths, out, **options)``.

    With ``out``, the exports are written there and extraction results cached, as by
    ``newsgraph build PATHS -o OUT`` (the same build path:
    :func:`newsgraph.graph.pipeline.build_corpus`).
    """
    from newsgraph.graph.api import KnowledgeGraph

    return KnowledgeGraph.build(paths, out, **options)


def load(path):
    """Open a built graph (graph.json, or the folder that holds it): ``KnowledgeGraph.load(path)``."""
    from newsgraph.graph.api import KnowledgeGraph

    return KnowledgeGraph.load(path)
