"""Name cues: the words around a candidate name that say it is no new actor, or another type.

Another language's rendering of the name before a bracket (:func:`rendering`), a language
(:func:`language_name`), a unit or designation (:func:`unit_or_designation`), an office's field
(:func:`portfolio_name`), a capitalised common noun after a state (:func:`state_before_common_noun`)
and a full name the model reads as a place (:func:`person_by_given_name`). The word lists are the
``[names]`` section of ``data/lexicon.toml``; :mod:`.mentions` applies the cues, beside those of
:mod:`.typing_cues`.
"""

from __future__ import annotations

from .lexicon import words
from .typing_cues import FEATURE_HEADS, NAME_HEADS, OFFICE_TITLES, PLACE_NOUNS, STATE_COLLECTIVES, _event_nouns

__all__ = ["language_name", "person_by_given_name", "portfolio_name", "rendering", "state_before_common_noun",
           "unit_or_designation"]

RENDERING_WORDS = words("names", "rendering_words")
LANGUAGE_NOUNS = words("names", "language_nouns")
LANGUAGE_NAMES = words("names", "language_names")
# How many tokens a bracket's rendering may run before the name.
_RENDERING_WINDOW = 15
# The model's labels of a language's name ("Arabic", "Kurdish").
_LANGUAGE_LABELS = {"LANGUAGE", "NORP"}
# Titles that take their office's field after "for" ("Minister for the Balkans", "Senior
# Adviser for Refugee Housing", "Special Envoy for Yemen").
# Lower-case particles inside a name ("Maria de Souza", "Abu Bakr al Baghdadi").
NAME_PARTICLES = frozenset(words("people", "arabic_articles")) | {"bin", "da", "de", "del", "della", "der", "di", "du", "ibn", "la", "le", "van", "von"}
_PORTFOLIO_TITLES = OFFICE_TITLES | {"adviser", "advisor", "commissioner", "coordinator", "envoy", "representative"}


def _is_language(tok) -> bool:
    return tok.text[:1].isupper() and (tok.ent_type_ in _LANGUAGE_LABELS or tok.lower_ in LANGUAGE_NAMES)


def rendering(span) -> bool:
    """Whether a name inside brackets renders the name before them in another language or script:
    the bracket's part (between "(", "," and ";") opens with a language's name and a colon
    ("(Arabic: جيش الإسلام Jaysh al-Islam, ..."), or the name is followed by "in <language>"
    ("(Kitêba Cilwe in Kurdish") or follows a rendering word ("also transliterated as Y").

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Jaish al-Islam (Arabic: Jaysh al-Islam, or Army of Islam) fought.")
    >>> for t in doc:
    ...     t.ent_type_ = "NORP" if t.text == "Arabic" else ""
    >>> rendering(doc[7:11]), rendering(doc[0:4]), rendering(doc[13:16])
    (True, False, False)
    """
    doc = span.doc
    i = span.start - 1
    part_start = None
    first = max(0, span.start - _RENDERING_WINDOW)  # the model may end a sentence inside another script
    while i >= first and doc[i].text not in {")", "("}:
        if part_start is None and doc[i].text in {",", ";"}:
            part_start = i + 1
        i -= 1
    if i < first or doc[i].text != "(":
        return False  # not inside brackets
    part_start = i + 1 if part_start is None else part_start
    if part_start + 1 < span.start and _is_language(doc[part_start]) and doc[part_start + 1].text == ":":
        return True  # "(Arabic: ..."
    if any(t.lower_ in RENDERING_WORDS for t in doc[part_start : span.start]):
        return True  # "; also transliterated as Y"
    after = doc[span.end : span.end + 3]
    return len(after) >= 2 and after[0].lower_ == "in" and _is_language(after[1])  # "Y in Kurdish"


def language_name(span) -> bool:
    """A name right before a noun for a language ("the Central Kurdish language"): a language."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in LANGUAGE_NOUNS


def unit_or_designation(span) -> bool:
    """A one-word acronym after a number ("an 84 MW station": a unit) or before one ("USS Mahan (DDG
    72)": a hull number, a model): a unit or designation, not an actor."""
    if len(span) != 1 or not span.text.isupper() or not span.text.isalpha():
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.is_digit and t.ent_type_ not in {"DATE", "TIME"}
               and not (len(t) == 4 and 1000 <= int(t.text) <= 2100) for t in (before, after))  # not a year: "in 2003 BP"


def portfolio_name(span, gaz) -> int | None:
    """Where a person's name starts in a span that is the field of an office title ("Minister for
    the Balkans Helen Marsh" -> the index of "Helen"), ``span.end`` when the span is only the
    field ("Senior Adviser for Refugee Housing"), None when the span follows no capitalised office
    title and "for". The name is two or three words (capitalised, or name particles between them:
    "Maria de Souza") after a gazetteer name or opening with a given name of the Phoenix person
    table. A field the gazetteer names alone ("Special Envoy for Yemen") is that entity's mention: None."""
    from .persons import given_name

    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "for":
        return None
    title = doc[i - 1]
    if not (title.text[:1].isupper() and title.lower_.rstrip(".") in _PORTFOLIO_TITLES):
        return None
    for k in range(max(span.start + 1, span.end - 4), span.end - 1):
        rest = doc[k : span.end]
        if (rest[0].text[:1].isupper() and rest[-1].text[:1].isupper() and rest[0].pos_ == "PROPN"
                and all(t.is_alpha and (t.text[:1].isupper() or t.lower_ in NAME_PARTICLES) for t in rest)
                and (gaz.lookup(doc[span.start : k].text) is not None or given_name(rest[0].lower_))):
            return k
    return None if gaz.lookup(span.text) is not None else span.end


def state_before_common_noun(span, gaz) -> int | None:
    """Where a state's name ends in a span of the state and one capitalised plural common noun ("U.S.
    Warships", "U.S. Attacks": copy that capitalises after an abbreviation): the noun is an agent noun
    of ``data/agents.toml`` or an event noun of the trigger lexicon, and not a body's name word ("U.S.
    Forces", "U.S. Navy"); None otherwise."""
    from .actors import sector_words

    if len(span) < 2:
        return None
    last = span[-1]
    low = last.lower_
    if (not (last.is_title and last.is_alpha and low.endswith("s")) or low in NAME_HEADS | STATE_COLLECTIVES
            or not {low, low[:-1]} & (sector_words().keys() | _event_nouns())):
        return None
    found = gaz.lookup(span[:-1].text)
    return span.end - 1 if found is not None and found.kind == "state" else None


def person_by_given_name(span) -> bool:
    """A name of two or three capitalised words the model reads as a place, opening with a given name
    of the Phoenix person table (four letters or more: not "San", "Abu", "El") and acting as a verb's
    subject ("Volodymyr Zelenskyy asked ..."): a person."""
    from .persons import given_name

    words_ = list(span)
    first = words_[0]
    return (2 <= len(words_) <= 3 and all(t.is_alpha and t.is_title and t.pos_ == "PROPN" for t in words_)
            and len(first) >= 4 and given_name(first.lower_) and span.root.dep_ in {"nsubj", "nsubjpass"}
            and span.root.head.pos_ in {"VERB", "AUX"} and span[-1].lower_ not in FEATURE_HEADS | PLACE_NOUNS)
