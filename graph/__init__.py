"""newsgraph.graph: build the networkx knowledge graph, analyse it, export it."""

from newsgraph.corpus.errors import DataError, NewsgraphError, UsageError

from .api import KnowledgeGraph
from .build import build_graph

__all__ = ["KnowledgeGraph", "build_graph", "NewsgraphError", "UsageError", "DataError"]
