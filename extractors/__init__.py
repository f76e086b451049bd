"""newsgraph.extractors: spaCy pipeline, entity typing and resolution, typed relations.

Stages, each a module: :mod:`.mentions` (candidates and typing), :mod:`.resolution` (in-document
and corpus-wide rules), :mod:`.coref` (pronouns and descriptions), :mod:`.relations` (composing
:mod:`.ontology`, :mod:`.matching`, :mod:`.arguments`, :mod:`.modality`); :mod:`.pipeline` runs
them per document; the records and shared constants are in :mod:`.models`.
"""

from newsgraph.corpus.errors import DataError, NewsgraphError, UsageError

from .mentions import find_mentions
from .models import RESULT_VERSION, DocResult, Entity, EntityInfo, Mention, Relation
from .pipeline import DEFAULT_MODEL, EXTRACTOR_VERSION, Extractor, extractor_version, load_model
from .relations import Ontology, RelationExtractor
from .resolution import corpus_mapping, resolve_corpus

__all__ = [
    "DEFAULT_MODEL",
    "DocResult",
    "Entity",
    "EntityInfo",
    "EXTRACTOR_VERSION",
    "Extractor",
    "Mention",
    "Ontology",
    "Relation",
    "RelationExtractor",
    "RESULT_VERSION",
    "corpus_mapping",
    "extractor_version",
    "find_mentions",
    "load_model",
    "resolve_corpus",
    "NewsgraphError",
    "UsageError",
    "DataError",
]
