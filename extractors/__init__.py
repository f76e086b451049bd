"""newsgraph.extractors: spaCy pipeline, entity typing and resolution, typed relations."""

from newsgraph.corpus.errors import DataError, NewsgraphError, UsageError

from .entities import EntityInfo, Mention, find_mentions
from .pipeline import DEFAULT_MODEL, DocResult, Extractor, load_model

__all__ = [
    "DEFAULT_MODEL",
    "DocResult",
    "EntityInfo",
    "Extractor",
    "Mention",
    "find_mentions",
    "load_model",
    "NewsgraphError",
    "UsageError",
    "DataError",
]
