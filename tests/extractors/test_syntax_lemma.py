"""``syntax.lemma``: the model's lemma, corrected for regular forms of the lexicon's verbs, used
wherever the light, reception and speech verb lists are tested.

Sentences are made up for these tests. The model lemmatises "waged" and "staged" as "wag" and
"stag"; the list tests that read ``lemma`` are checked on hand-built parses with such a lemma.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.extractors.syntax import is_light_verb, lemma, reception_verb, reported_speaker
from newsgraph.extractors.triggers import Entry


@pytest.mark.parametrize("text, form", [
    ("The rebels waged a long campaign.", "waged"),
    ("The army staged a parade.", "staged"),
    ("The rebels have waged war for years.", "waged"),
])
def test_real_model_lemma_error_is_corrected(extractor, text, form):
    tok = next(t for t in extractor.nlp(text) if t.text == form)
    assert tok.lemma_ != form[:-1]  # the model's error this function exists for
    assert lemma(tok) == form[:-1]
    assert is_light_verb(tok)


def test_correct_and_unlisted_lemmas_are_kept(extractor):
    doc = extractor.nlp("The dog wagged its tail and Peru said it received an offer.")
    assert [lemma(t) for t in doc if t.pos_ == "VERB"] == ["wag", "say", "receive"]


def _doc(words, heads, deps, tags, lemmas):
    pos = ["VERB" if t.startswith("VB") else "PRON" if t == "PRP" else "PROPN" if t == "NNP"
           else "NOUN" if t == "NN" else "ADP" if t == "IN" else "AUX" if t == "MD" else "DET" for t in tags]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


def test_reception_verb_reads_corrected_lemma():
    # "secures" lemmatised as "secur": still the reception verb of "an offer from Russia"
    doc = _doc(["Iran", "secures", "an", "offer", "from", "Russia"], [1, 1, 3, 1, 3, 4],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"], ["NNP", "VBZ", "DT", "NN", "IN", "NNP"],
               ["Iran", "secur", "an", "offer", "from", "Russia"])
    assert reception_verb(doc[3]) == doc[1]


def test_reported_speaker_reads_corrected_lemma():
    # "declared" lemmatised as "declar": still the speech verb whose subject "he" stands for
    doc = _doc(["Smith", "declared", "he", "would", "leave"], [1, 1, 4, 4, 1],
               ["nsubj", "ROOT", "nsubj", "aux", "ccomp"], ["NNP", "VBD", "PRP", "MD", "VB"],
               ["Smith", "declar", "he", "would", "leave"])
    assert reported_speaker(doc[2]) == doc[0]


def test_support_verb_of_trigger_reads_corrected_lemma():
    # "waged" lemmatised as "wag": "war" is still the object of a light (support) verb
    doc = _doc(["Peru", "waged", "war"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NNP", "VBD", "NN"],
               ["Peru", "wag", "war"])
    entry = Entry(type="FOUGHT", lemma="war", pos="NOUN", support="fight")
    assert entry.matches(doc[2])
