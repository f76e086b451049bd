"""Gated rule matching (extractors/matching.py): the shortcuts give exactly the matches of spaCy's
DependencyMatcher on each sentence copy, and they are in use for the shipped rules."""

from __future__ import annotations

import pytest
from spacy.attrs import IDS

from newsgraph.corpus.readers import SAMPLE_DIR, read_documents
from newsgraph.extractors.matching import (
    SENTENCE_COPY_ATTRS,
    TOKEN_SPEC_ATTRS,
    RuleMatcher,
    _sentence_doc,
    _words_and_spaces,
)
from newsgraph.extractors.relations import Ontology

TEXTS = [
    "The minister of defence said Russia must stop the attacks, and the head of the agency agreed.",
    "Venezuela's president met the leaders of Cuba in Havana; both sides signed a trade agreement.",
    "The spokesman for the ministry told reporters that the talks with Iran would resume.",
    "Mexico offered asylum to the former president, who had asked Bolivia for help.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    texts = [d.text for d in read_documents([SAMPLE_DIR])] + TEXTS
    return list(nlp.pipe(texts))


@pytest.fixture(scope="module")
def matcher(nlp):
    return RuleMatcher(nlp.vocab, Ontology.load())


def sentence_copies(doc):
    attrs = tuple(IDS[name] for name in SENTENCE_COPY_ATTRS)
    array, tokens = doc.to_array(list(attrs)), _words_and_spaces(doc)
    return [(sent, _sentence_doc(sent, attrs, array, tokens)) for sent in doc.sents]


def test_one_token_rules_match_like_the_dependency_matcher(matcher, docs):
    one_token = [g for g in matcher._groups if g.one_token is not None]
    assert len(one_token) >= 20  # most curated rules are one trigger token: no sentence copy for them
    found = 0
    for doc in docs:
        columns = [c.tolist() for c in doc.to_array(list(TOKEN_SPEC_ATTRS)).T]
        for sent, copy in sentence_copies(doc):
            for group in one_token:
                expected = [(m, [i + sent.start for i in t]) for m, t in group.matcher(copy)]
                match_id, spec = group.one_token
                got = [(match_id, [i]) for i in range(sent.start, sent.end)
                       if all(columns[c][i] in ids for c, ids in spec)]
                assert got == expected, (sent.text, group)
                found += len(got)
    assert found >= 50, found


def test_a_sentence_a_rule_cannot_match_is_not_searched(matcher, docs):
    """Where some word-limited node of every pattern finds none of its words in a sentence, the
    rule's DependencyMatcher finds nothing there either (so it is not run)."""
    skipped = 0
    for doc in docs:
        for sent, copy in sentence_copies(doc):
            lemmas = {t.lemma for t in sent}
            lowers = {t.lex.lower for t in sent}
            for group in matcher._groups:
                if not group.possible(lemmas, lowers):
                    assert group.matcher(copy) == [], (sent.text, group)
                    skipped += 1
    assert skipped >= 100, skipped
