"""Matching: the ontology's rules compiled into spaCy DependencyMatchers, and sentence gating.

Each rule's patterns are compiled once. With gating (the default) a rule's matcher runs only on
the sentences that hold one of its trigger words and at least two distinct entities, on a copy
of the sentence, and not on a sentence that lacks every word some node of each of its patterns
needs ("must" in "X says Y must ..."); without gating one matcher with every rule runs over the
whole Doc (the reference behaviour, slower). Both give the same matches at each trigger, in the
same order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from .ontology import Ontology, Rule
from .triggers import LEXICON_RULE_PREFIX

__all__ = ["LexiconIndex", "RuleMatcher", "SENTENCE_COPY_ATTRS"]

# Token attributes copied into a sentence Doc for gated matching, and the lexical ones it has
# anyway; a rule whose patterns read anything else (entities, extensions) runs on the whole Doc.
SENTENCE_COPY_ATTRS = ("LEMMA", "NORM", "POS", "TAG", "MORPH", "HEAD", "DEP")
LEXICAL_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH"})
# Token attributes a one-token rule may test to be matched from the Doc's arrays (string values).
TOKEN_SPEC_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP")


class RuleMatcher:
    """The compiled DependencyMatchers of an ontology's rules.

    Parameters
    ----------
    vocab : Vocab
        The vocab of the Docs to match.
    ontology : Ontology
    gated : bool
        One matcher per rule run on the sentences that may hold its trigger (True), or one
        matcher for all rules over the whole Doc (False).

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> m = RuleMatcher(Vocab(), Ontology.load())
    >>> len(m.rules_by_id) > 0
    True
    """

    def __init__(self, vocab, ontology: Ontology, *, gated: bool = True):
        from spacy.matcher import DependencyMatcher

        self.gated = gated
        self._keys: dict[int, tuple[Rule, tuple[str, ...]]] = {}
        self.rules_by_id = {rule.id: rule for rule in ontology.rules}
        self._matcher = None if gated else DependencyMatcher(vocab)
        self._groups: list[_RuleMatcher] = []
        self._by_lemma: dict[int, list[int]] = {}
        self._by_lower: dict[int, list[int]] = {}
        self._ungated: list[int] = []
        for rule in ontology.rules:
            if rule.id.startswith(LEXICON_RULE_PREFIX):
                continue  # one-token lexicon rules: looked up by lemma (LexiconIndex), no matcher
            patterns = rule.patterns()
            matcher = DependencyMatcher(vocab) if gated else self._matcher
            for n, (pattern, names) in enumerate(patterns):
                key = f"{rule.id}#{n}"
                matcher.add(key, [pattern])
                self._keys[vocab.strings[key]] = (rule, names)
            if not gated:
                continue
            g = len(self._groups)
            one_token = _one_token_spec(patterns, vocab.strings)
            self._groups.append(_RuleMatcher(matcher, _sentence_safe(patterns), _node_words(patterns, vocab.strings),
                                             one_token and (vocab.strings[f"{rule.id}#0"], one_token)))
            words = _trigger_words(patterns)
            if words is None:
                self._ungated.append(g)
                continue
            for attr, word in words:
                index = self._by_lemma if attr == "LEMMA" else self._by_lower
                index.setdefault(vocab.strings.add(word), []).append(g)

    def __call__(self, doc, is_busy: Callable) -> list[tuple[Rule, dict[str, int]]]:
        """``(rule, {node name: token index})`` of every match, in matcher order.

        ``is_busy(sent)`` tells whether a sentence holds two distinct entities (gated mode
        skips the others).
        """
        matches = self._gated(doc, is_busy) if self.gated else self._matcher(doc)
        out = []
        for match_id, token_ids in matches:
            rule, names = self._keys[match_id]
            out.append((rule, dict(zip(names, token_ids))))
        return out

    def _gated(self, doc, is_busy) -> list[tuple[int, list[int]]]:
        """The matches of every rule whose trigger word occurs in a sentence with two entities.

        A rule's matcher runs on a copy of each such sentence (a dependency pattern never
        leaves its sentence's tree), or once on the whole Doc when its patterns read
        attributes a copy lacks or a sentence's tree is not closed. Matches of one rule at one
        trigger come in the order the all-rules matcher gives them, so results are identical.
        """
        from spacy.attrs import IDS, LEMMA, LOWER

        words = doc.to_array([LEMMA, LOWER])
        lemma_ids, lower_ids = words[:, 0].tolist(), words[:, 1].tolist()
        by_lemma, by_lower = self._by_lemma, self._by_lower
        plan: list[tuple[object, list[int], set[int], set[int]]] = []
        for sent in doc.sents:
            lemmas, lowers = set(lemma_ids[sent.start:sent.end]), set(lower_ids[sent.start:sent.end])
            groups = set(self._ungated)
            for lemma in lemmas:
                groups.update(by_lemma.get(lemma, ()))
            for lower in lowers:
                groups.update(by_lower.get(lower, ()))
            if groups and is_busy(sent):
                plan.append((sent, sorted(groups), lemmas, lowers))
        if not plan:
            return []
        matches: list[tuple[int, list[int]]] = []
        whole_doc: set[int] = set()
        copy_attrs = tuple(IDS[name] for name in SENTENCE_COPY_ATTRS)
        array = doc.to_array(list(copy_attrs))
        heads = array[:, SENTENCE_COPY_ATTRS.index("HEAD")].astype("int64") + np.arange(len(doc))
        tokens = columns = None
        for sent, groups, lemmas, lowers in plan:
            head = heads[sent.start:sent.end]
            closed = bool(head.min() >= sent.start and head.max() < sent.end)
            sent_doc = None
            for g in groups:
                group = self._groups[g]
                if not closed or not group.sentence_safe:
                    whole_doc.add(g)
                    continue
                if not group.possible(lemmas, lowers):
                    continue  # a copy of this sentence lacks a word every pattern needs: no match there
                if group.one_token is not None:
                    # one node: its matches are the sentence's tokens with its attributes, in order
                    columns = columns or [c.tolist() for c in doc.to_array(list(TOKEN_SPEC_ATTRS)).T]
                    match_id, ((c0, ids0), *spec) = group.one_token
                    column = columns[c0]
                    matches.extend((match_id, [i]) for i in range(sent.start, sent.end)
                                   if column[i] in ids0 and all(columns[c][i] in ids for c, ids in spec))
                    continue
                if sent_doc is None:
                    tokens = tokens or _words_and_spaces(doc)
                    sent_doc = _sentence_doc(sent, copy_attrs, array, tokens)
                off = sent.start
                matches.extend((match_id, [i + off for i in token_ids]) for match_id, token_ids in group.matcher(sent_doc))
        # a rule may also have run on a closed sentence above: the Doc repeats those matches in
        # the same order, after them, so the first match at each trigger is unchanged
        for g in sorted(whole_doc):
            matches.extend(self._groups[g].matcher(doc))
        return matches



@dataclass(frozen=True, slots=True)
class _RuleMatcher:
    """The DependencyMatcher of one rule; ``sentence_safe``: it may run on a sentence copy.

    ``words``: per pattern, ``(is_lemma, word ids)`` of each of its nodes limited to a word list;
    a pattern can match only where every such node finds one of its words.
    """

    matcher: object
    sentence_safe: bool
    words: tuple[tuple[tuple[bool, frozenset[int]], ...], ...]
    # (match id, ((column of TOKEN_SPEC_ATTRS, value ids), ...)) of a rule whose one pattern is one
    # token (:func:`_one_token_spec`): matched from token arrays, no sentence copy; else None
    one_token: tuple[int, tuple[tuple[int, frozenset[int]], ...]] | None = None

    def possible(self, lemmas: set[int], lowers: set[int]) -> bool:
        """Whether some pattern's word-limited nodes all have a word among ``lemmas`` / ``lowers``
        (the LEMMA and LOWER ids of a sentence); False: no match in that sentence."""
        return any(all(not ids.isdisjoint(lemmas if is_lemma else lowers) for is_lemma, ids in nodes)
                   for nodes in self.words)


def _trigger_words(patterns) -> set[tuple[str, str]] | None:
    """(``LEMMA`` or ``LOWER``, word) pairs one of which a trigger token must have; None when a
    pattern's trigger is not limited to a word list (the rule then runs on every sentence)."""
    words: set[tuple[str, str]] = set()
    for pattern, _names in patterns:
        attrs = {k.upper(): v for k, v in pattern[0].get("RIGHT_ATTRS", {}).items()}
        for attr in ("LEMMA", "LOWER"):
            value = attrs.get(attr)
            if isinstance(value, str):
                words.add((attr, value))
                break
            if isinstance(value, Mapping) and isinstance(value.get("IN"), (list, tuple)):
                words.update((attr, v) for v in value["IN"])
                break
        else:
            return None
    return words


def _node_words(patterns, strings) -> tuple[tuple[tuple[bool, frozenset[int]], ...], ...]:
    """Per pattern, ``(is_lemma, word ids)`` of each node whose ``LEMMA`` or ``LOWER`` is limited
    to a word or a word list (the ids of ``strings``, as in ``Doc.to_array``)."""
    out = []
    for pattern, _names in patterns:
        nodes = []
        for node in pattern:
            attrs = {k.upper(): v for k, v in node.get("RIGHT_ATTRS", {}).items()}
            for attr in ("LEMMA", "LOWER"):
                value = attrs.get(attr)
                if isinstance(value, str):
                    nodes.append((attr == "LEMMA", frozenset({strings.add(value)})))
                    break
                if isinstance(value, Mapping) and isinstance(value.get("IN"), (list, tuple)):
                    nodes.append((attr == "LEMMA", frozenset(strings.add(v) for v in value["IN"] if isinstance(v, str))))
                    break
        out.append(tuple(nodes))
    return tuple(out)


def _one_token_spec(patterns, strings) -> tuple[tuple[int, frozenset[int]], ...] | None:
    """``((column, value ids), ...)`` when the rule has one pattern of one token whose every
    attribute is one of :data:`TOKEN_SPEC_ATTRS` equal to a string or ``IN`` a list of strings
    (a token matches when each attribute's id is among the values, as spaCy's Matcher reads
    them); None for anything else (it keeps its DependencyMatcher).

    >>> from spacy.strings import StringStore
    >>> s = StringStore()
    >>> spec = _one_token_spec([([{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LOWER": "of", "DEP": {"IN": ["prep"]}}}], ("trigger",))], s)
    >>> [(TOKEN_SPEC_ATTRS[c], sorted(s[i] for i in ids)) for c, ids in spec]
    [('LOWER', ['of']), ('DEP', ['prep'])]
    >>> _one_token_spec([([{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"NOT_IN": ["say"]}}}], ("trigger",))], s) is None
    True
    """
    if len(patterns) != 1 or len(patterns[0][0]) != 1:
        return None
    attrs = patterns[0][0][0].get("RIGHT_ATTRS", {})
    spec = []
    for key, value in attrs.items():
        name = {"TEXT": "ORTH"}.get(key.upper(), key.upper())
        if name not in TOKEN_SPEC_ATTRS:
            return None
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, Mapping) and set(value) == {"IN"} and isinstance(value["IN"], (list, tuple)) \
                and all(isinstance(v, str) for v in value["IN"]):
            values = value["IN"]
        else:
            return None
        spec.append((TOKEN_SPEC_ATTRS.index(name), frozenset(strings.add(v) for v in values)))
    return tuple(spec) if spec else None


def _sentence_safe(patterns) -> bool:
    """Whether every token attribute the patterns read is the same on a sentence copy."""
    return all(
        _copied_attr(k.upper()) for pattern, _names in patterns for node in pattern for k in node.get("RIGHT_ATTRS", {})
    )


def _words_and_spaces(doc) -> tuple[list[str], list[bool]]:
    """Every token's text and whether a space follows it, from the Doc's arrays."""
    from spacy.attrs import ORTH, SPACY

    arr = doc.to_array([ORTH, SPACY])
    strings = doc.vocab.strings
    return [strings[o] for o in arr[:, 0].tolist()], [bool(x) for x in arr[:, 1].tolist()]


def _sentence_doc(sent, attrs: tuple[int, ...], array, tokens: tuple[list[str], list[bool]]):
    """A copy of ``sent`` as a Doc with ``attrs`` (rows of ``array``, the Doc's ``to_array``);
    ``tokens``: the Doc's words and spaces (:func:`_words_and_spaces`).

    Like ``Span.as_doc`` without the entities and user data: that reads every entity of the
    whole Doc for each sentence, which made a long document quadratic.
    """
    from spacy.tokens import Doc

    words, spaces = tokens
    sent_doc = Doc(sent.doc.vocab, words=words[sent.start:sent.end], spaces=spaces[sent.start:sent.end])
    sent_doc.from_array(list(attrs), array[sent.start:sent.end])
    return sent_doc


def _copied_attr(name: str) -> bool:
    return name in SENTENCE_COPY_ATTRS or name in LEXICAL_ATTRS or (name.startswith(("IS_", "LIKE_")) and name != "IS_SENT_START")



class LexiconIndex:
    """The lexicon rules (``lex.<type>.verb|noun.v1``) by trigger lemma and part of speech.

    A lexicon rule's pattern is one token (a lemma of its list, a part of speech), so it needs no
    DependencyMatcher: the tokens of the sentences holding two entities are looked up here.

    Examples
    --------
    >>> index = LexiconIndex(Ontology.load())
    >>> sorted({r.type for r in index.rules_for("arrest", "NOUN")})[:1]
    ['ARRESTED']
    """

    def __init__(self, ontology: Ontology):
        self._index: dict[tuple[str, str], list[Rule]] = {}
        for rule in ontology.rules:
            if not rule.id.startswith(LEXICON_RULE_PREFIX):
                continue
            for pos in rule.trigger["POS"]["IN"]:
                for lemma in rule.trigger["LEMMA"]["IN"]:
                    if lemma == lemma.lower():
                        self._index.setdefault((lemma, pos), []).append(rule)
        self._lemmas = frozenset(lemma for lemma, _pos in self._index)
        self._ids: dict[int, str] = {}  # lemma string ids seen, -> lower-case lemma (or "")

    def rules_for(self, lemma: str, pos: str) -> list[Rule]:
        return self._index.get((lemma, pos), [])

    def __call__(self, doc, is_busy: Callable) -> list[tuple[Rule, dict[str, int]]]:
        """``(rule, {"trigger": i})`` for every token of a busy sentence with a lexicon lemma."""
        from spacy.attrs import LEMMA, SENT_START

        if len(doc) == 0:
            return []
        arr = doc.to_array([LEMMA, SENT_START])
        strings, ids, lemmas = doc.vocab.strings, self._ids, self._lemmas
        unique, inverse = np.unique(arr[:, 0], return_inverse=True)
        known = []  # per distinct lemma id of the Doc: its lexicon lemma, or ""
        for lemma_id in unique.tolist():
            word = ids.get(lemma_id)
            if word is None:
                low = strings[lemma_id].lower()
                word = ids[lemma_id] = low if low in lemmas else ""
            known.append(word)
        if not any(known):
            return []
        inverse = inverse.reshape(-1)
        hits = np.flatnonzero(np.array([bool(w) for w in known])[inverse]).tolist()
        starts = [0] + [i for i in np.flatnonzero(arr[:, 1] == 1).tolist() if i > 0] + [len(doc)]
        out = []
        k = 0
        busy: dict[int, bool] = {}  # by sentence start
        for i in hits:
            while starts[k + 1] <= i:
                k += 1
            rules = self.rules_for(known[inverse[i]], doc[i].pos_)
            if not rules:
                continue
            if starts[k] not in busy:  # one Span per sentence, not per hit
                busy[starts[k]] = is_busy(doc[starts[k]:starts[k + 1]])
            if busy[starts[k]]:
                out += [(rule, {"trigger": i}) for rule in rules]
        return out
