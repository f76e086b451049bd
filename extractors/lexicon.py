"""The word lists that drive extraction, read once from ``data/lexicon.toml``.

Each section of the file is one concern (people, institutions, places, names, coref, arguments,
modality) and each key one list, commented in the file. Lists are sets, except the few whose
order matters (:func:`ordered`). Editing the file changes the build cache key
(:func:`newsgraph.extractors.pipeline.extractor_version`), so cached results are re-extracted.

Examples
--------
>>> "president" in words("people", "title_words")
True
>>> ordered("arguments", "with_preps")[0]
'with'
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from newsgraph.corpus.errors import DataError

__all__ = ["LEXICON_PATH", "load_lexicon", "words", "ordered"]

#: The lexicon shipped with newsgraph.
LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.toml"


@functools.cache
def load_lexicon(path: Path = LEXICON_PATH) -> dict[str, dict[str, tuple[str, ...]]]:
    """``{section: {key: words}}`` of a lexicon file, each list checked for duplicates.

    Raises :class:`DataError` naming the section and key of a malformed or duplicated entry.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the lexicon: {exc}") from None
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise DataError(f"{path}: [{section}] must be a table of word lists")
        out[section] = {}
        for key, values in table.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise DataError(f"{path}: {section}.{key} must be a list of strings")
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                raise DataError(f"{path}: {section}.{key} lists {', '.join(dupes)} more than once")
            out[section][key] = tuple(values)
    return out


def ordered(section: str, key: str) -> tuple[str, ...]:
    """One word list in file order (for lists tried in order)."""
    try:
        return load_lexicon()[section][key]
    except KeyError:
        raise DataError(f"{LEXICON_PATH}: no word list {section}.{key}") from None


def words(section: str, key: str) -> frozenset[str]:
    """One word list as a set."""
    return frozenset(ordered(section, key))
