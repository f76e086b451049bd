"""The typed mentions of one text, by surface form: shared by the entity typing tests."""

from __future__ import annotations


def found(extractor, text: str) -> dict[str, list[tuple[str, str, str]]]:
    """``{mention text: [(type, key, how), ...]}`` for ``text`` run through ``extractor``."""
    result = extractor.process(extractor.nlp(text), "t", None)
    out: dict[str, list] = {}
    for m in result.mentions:
        out.setdefault(m.text, []).append((m.type, m.key, m.how))
    return out
