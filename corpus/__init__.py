"""newsgraph.corpus: news articles in, clean Document records out."""

from .clean import clean_article, parse_date
from .document import Document, Skipped
from .errors import DataError, NewsgraphError, UsageError
from .readers import SAMPLE_DIR, Fields, read_documents

__all__ = [
    "Document",
    "Skipped",
    "Fields",
    "read_documents",
    "clean_article",
    "parse_date",
    "SAMPLE_DIR",
    "NewsgraphError",
    "UsageError",
    "DataError",
]
