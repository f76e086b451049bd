"""newsgraph.corpus: news articles in, clean Document records out."""

from .clean import clean_article, parse_date
from .document import Document, Skipped
from .errors import DataError, NewsgraphError, UsageError
from .readers import SAMPLE_DIR, Fields, check_outcome, count_inputs, read_documents
from .registry import register_reader

__all__ = [
    "Document",
    "Skipped",
    "Fields",
    "read_documents",
    "count_inputs",
    "check_outcome",
    "register_reader",
    "clean_article",
    "parse_date",
    "SAMPLE_DIR",
    "NewsgraphError",
    "UsageError",
    "DataError",
]
