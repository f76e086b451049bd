"""Name spans: the spans of one ``Doc`` that may name an actor, before typing.

The model's entity spans, corrected where it splits or misses names: institution names split at
"of" or "and" ("Progressive Conservative Party" + "of Manitoba"), a first name read as a number
("Hugo" CARDINAL + "Chávez"), hyphenated partners, party names of other languages ("Partido de la
..."), capitalised alliance nouns ("the Coalition"), forms of address ("Mr X") and gazetteer names
the model missed. :mod:`.mentions` types them.
"""

from __future__ import annotations

from .gazetteer import Gazetteer
from .lexicon import words
from .names import ARABIC_ARTICLES
from .syntax import tokens_with_text
from .typing_cues import NAME_HEADS, PARTY_FIRST, TITLE_WORDS

__all__ = ["candidate_spans"]

PARTNER_NOUNS = words("institutions", "partner_nouns")
ALLIANCE_NOUNS = words("institutions", "alliance_nouns")
HONORIFICS = words("people", "honorifics")
GROUP_HEADS = words("institutions", "name_heads_extra")
# Labels the model gives numbers: a capitalised word with one is a misread name ("Hugo" CARDINAL).
_NUMBER_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY"}
# Lower-case particles inside a name of another language ("Partido de la Liberación", "Jaysh al-Islam").
_NAME_PARTICLES = ARABIC_ARTICLES | {"de", "del", "della", "des", "di", "do", "dos", "du", "et", "i", "la", "le", "les", "y"}


def candidate_spans(doc, gaz: Gazetteer, phrase_matcher, labels) -> list:
    """The name spans of a parsed ``Doc``: the model's entities with ``labels`` (and group names it
    read as works), gazetteer names it missed, and the names it split or left untagged, joined."""
    spans = [e if e.label_ in labels else _span(doc, e.start, e.end, "ORG")
             for e in doc.ents if e.label_ in labels or _group_title(e)]
    if phrase_matcher is not None:
        spans = _add_gazetteer_spans(doc, spans, phrase_matcher, gaz)
    spans = _party_spans(doc, _partner_spans(doc, _extend_names(doc, _merge_spans(doc, spans))))
    return _titled_spans(doc, _alliance_spans(doc, spans))


def _merge_spans(doc, spans):
    """Join entity spans the model split inside one institution's name.

    * "Progressive Conservative Party" + "of" + "Manitoba" -> one ORG ("X of <place>" when X ends
      with an institution head noun, or the model's span already ends with "of");
    * "Social Democratic" + "and" + "Labour Party" -> one ORG (an adjective-final name joined by
      "and" to a name ending with a head noun).
    """
    if not spans:
        return spans
    out = [spans[0]]
    for b in spans[1:]:
        a = out[-1]
        gap = [t.lower_ for t in doc[a.end : b.start]] if b.start - a.end <= 2 else None  # None: too far to join
        a_last = doc[a.end - 1].lower_
        merged = None
        if a.label_ in {"ORG", "FAC"} and b.label_ in {"GPE", "LOC", "GAZ"}:
            if (a_last in NAME_HEADS and gap in (["of"], ["of", "the"])) or (a_last == "of" and gap in ([], ["the"])):
                merged = "ORG"
        elif a.label_ == "ORG" and b.label_ == "ORG" and gap == ["and"] and doc[b.end - 1].lower_ in NAME_HEADS:
            if doc[a.end - 1].pos_ == "ADJ" or a_last.endswith(("ic", "al", "ive", "ist", "ian")):
                merged = "ORG"
        if merged:
            out[-1] = _span(doc, a.start, b.end, merged)
        else:
            out.append(b)
    return [_extend_of(doc, s, out[i + 1].start if i + 1 < len(out) else len(doc)) for i, s in enumerate(out)]


def _extend_names(doc, spans):
    """A name whose first word the model read as a number ("Hugo" CARDINAL, then "Chávez"
    untagged or GPE) is one PERSON span: the misread word and the one or two capitalised
    proper nouns after it."""
    starts = {s.start: s for s in spans}
    taken = {i for s in spans for i in range(s.start, s.end)}
    new, replaced = [], set()
    for ent in doc.ents:
        if ent.label_ not in _NUMBER_LABELS or len(ent) != 1:
            continue
        first = ent[0]
        if not (first.is_alpha and first.text[:1].isupper() and first.pos_ == "PROPN" and first.lower_ not in TITLE_WORDS):
            continue
        j = ent.end
        while j < len(doc) and j < ent.end + 2 and doc[j].pos_ == "PROPN" and doc[j].is_alpha and doc[j].text[:1].isupper():
            j += 1
        if j == ent.end:
            continue
        inside = [starts[i] for i in range(ent.end, j) if i in starts]
        if any(i in taken for i in range(ent.end, j)) and not (inside and all(s.end <= j for s in inside)):
            continue
        replaced.update(s.start for s in inside)
        new.append(_span(doc, ent.start, j, "PERSON"))
    if not new:
        return spans
    return sorted([s for s in spans if s.start not in replaced] + new, key=lambda s: s.start)


def _partner_spans(doc, spans):
    """Untagged names hyphenated as partners ("the PDVSA-Roszarubezhneft joint partnership"):
    each part an ORG when one is an acronym and the pair modifies a partner noun."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    extra = []
    for tok in tokens_with_text(doc, "-", start=1, end=len(doc) - 1):
        a, b = doc[tok.i - 1], doc[tok.i + 1]
        if tok.text != "-" or tok.whitespace_ or a.whitespace_ or {a.i, b.i} & taken:
            continue
        if not (a.is_alpha and b.is_alpha and a.text[:1].isupper() and b.text[:1].isupper()
                and (a.text.isupper() or b.text.isupper()) and len(a) >= 3 and len(b) >= 3):
            continue
        nxt = doc[b.i + 1 : b.i + 3]
        if any(t.lower_ in PARTNER_NOUNS for t in nxt):
            extra += [_span(doc, a.i, a.i + 1, "ORG"), _span(doc, b.i, b.i + 1, "ORG")]
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _party_spans(doc, spans):
    """Untagged party and group names led by a party word of another language ("Parti Socialiste",
    "Partido de la Liberación", "Jaysh al-Islam"): the word and the capitalised words after it
    (with the particles between them) are one ORG."""
    span_at = {i: s for s in spans for i in range(s.start, s.end)}
    extra, absorbed = [], set()
    for tok in tokens_with_text(doc, PARTY_FIRST, lower=True):
        if tok.i in span_at or not tok.text[:1].isupper():
            continue
        end = j = tok.i + 1
        while j < len(doc) and j < tok.i + 7:
            t, inner = doc[j], span_at.get(j)
            if inner is not None and (inner.start != j or not all(x.text[:1].isupper() for x in inner if x.is_alpha)):
                break  # the model's span of another name ("... Party of <PERSON's name>") stops it
            if inner is not None:
                end = j = inner.end  # "Partido de la" + the model's "Liberación Dominicana": one name
            elif t.is_alpha and t.text[:1].isupper():
                end = j = j + 1
            elif t.lower_ in _NAME_PARTICLES or t.text == "-" and not t.whitespace_:
                j += 1
            else:
                break
        if end > tok.i + 1:
            extra.append(_span(doc, tok.i, end, "ORG"))
            absorbed.update(id(span_at[i]) for i in range(tok.i, end) if i in span_at)
            span_at.update((i, extra[-1]) for i in range(tok.i, end))
    if not extra:
        return spans
    return sorted([s for s in spans if id(s) not in absorbed] + extra, key=lambda s: s.start)


def _alliance_spans(doc, spans):
    """An untagged alliance noun capitalised inside a sentence is that alliance's short name, an ORG:
    "help from the Coalition", "Coalition aircraft struck" (not a sentence's first word, nor a
    word of a headline in title case, nor part of a longer name)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    extra = []
    for tok in doc:
        if (tok.i in taken or tok.lower_ not in ALLIANCE_NOUNS or not tok.text[:1].isupper() or not tok.text[1:].islower()
                or tok.is_sent_start or _title_case(tok.sent) or _capitalised(doc, tok.i - 1) and doc[tok.i - 1].lower_ != "the"
                or _capitalised(doc, tok.i + 1) and doc[tok.i + 1].pos_ == "PROPN"):
            continue
        extra.append(_span(doc, tok.i, tok.i + 1, "ORG"))
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _group_title(ent) -> bool:
    """A name the model read as a work, event or product that a group noun and "of"/"for" lead
    ("Army of the Righteous Path", "Front for the Liberation of X"): a group's name, an ORG span."""
    words = [t for t in ent if t.lower_ != "the"]
    return (ent.label_ in {"WORK_OF_ART", "EVENT", "PRODUCT"} and len(words) > 2 and words[0].text[:1].isupper()
            and words[0].lower_ in GROUP_HEADS and words[1].lower_ in {"of", "for"})


def _titled_spans(doc, spans):
    """An untagged form of address and the one to three capitalised proper nouns after it are a
    PERSON ("Mr Haddadin is certain"): ``people.honorifics`` go with people only (not in a
    headline in title case: "Mr Reportedly Considering ...")."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    extra = []
    for tok in doc:
        if (tok.i in taken or tok.lower_.rstrip(".") not in HONORIFICS or not tok.text[:1].isupper()
                or _title_case(tok.sent)):
            continue  # in a headline in title case every word is capitalised
        j = tok.i + 1 + (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ".")
        end = j
        while end < len(doc) and end < j + 3 and end not in taken and _capitalised(doc, end) and doc[end].pos_ == "PROPN":
            end += 1
        if end > j and (end == len(doc) or end not in taken):
            extra.append(_span(doc, tok.i, end, "PERSON"))
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _title_case(sent) -> bool:
    """A headline written in title case: most of its longer words capitalised."""
    long_words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(long_words) >= 2 and sum(t.text[:1].isupper() for t in long_words) > len(long_words) / 2


def _extend_of(doc, span, limit: int):
    """"Progressive Conservative Party" + "of Manitoba" the model left untagged -> one ORG."""
    end = span.end
    if span.label_ != "ORG" or end + 1 >= limit or doc[end - 1].lower_ not in NAME_HEADS or doc[end].lower_ != "of":
        return span
    i = end + 1
    if i < limit and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < limit and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    return _span(doc, span.start, j, "ORG") if j > i else span


def _add_gazetteer_spans(doc, spans, matcher, gaz: Gazetteer):
    """Gazetteer names the model missed or mislabelled, longest first, never over a PERSON."""
    from spacy.util import filter_spans

    taken = {i: e for e in spans for i in range(e.start, e.end)}
    extra = []
    for match_id, start, end in matcher(doc):
        covering = {taken[i] for i in range(start, end) if i in taken}
        if any(e.label_ == "PERSON" and (e.end - e.start) > (end - start) for e in covering):
            continue
        if any(e.label_ in {"PERSON"} for e in covering) and not doc[start].text.isupper():
            continue
        if covering and all(e.start <= start and e.end >= end and e.label_ != "PERSON" for e in covering):
            continue  # the model already has a span covering it
        text = doc[start:end].text
        found = gaz.lookup(text)
        if found is None or (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha
                                        and doc[start - 1].i not in taken and doc[start - 1].lower_ != "the"
                                        and not doc[start - 1].is_sent_start):
            continue  # case guard failed, or part of a longer capitalised name ("New Mexico")
        if found.kind == "region" and (covering or _capitalised(doc, end) or start > 0 and not doc[start].is_sent_start
                                       and _capitalised(doc, start - 1)):
            continue  # a region fills only a gap the model left, never inside a name ("Queensland Greens", "Gulf War")
        label = "GAZ"
        extra.append(_span(doc, start, end, label))
    if not extra:
        return spans
    kept = [e for e in spans if not any(x.start < e.end and e.start < x.end for x in extra)]
    return sorted(filter_spans(kept + extra), key=lambda s: s.start)


def _capitalised(doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()


def _span(doc, start, end, label):
    from spacy.tokens import Span

    return Span(doc, start, end, label=label)
