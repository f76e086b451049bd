"""Argument roles and modality cues on hand-built Docs: the rules, not the trained model.

Each Doc is given its words, heads, dependency labels, tags and lemmas by hand
(``Doc(vocab, words=..., heads=..., deps=...)``), so a test fails only when a rule (or the
lexicon entry it reads) changes, never because the model parsed a sentence differently.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.extractors.arguments import ROLE_FINDERS, ROLES, Frame
from newsgraph.extractors.modality import modality
from newsgraph.extractors.ontology import Ontology
from newsgraph.extractors.relations import RelationExtractor

VOCAB = spacy.blank("en").vocab
ONTOLOGY = Ontology.load()
RULES = {r.id: r for r in ONTOLOGY.rules}
ENTITIES = {"Russia": ("state:RUS", "State"), "Assad": ("person:assad", "Person"),
            "Putin": ("person:putin", "Person"), "Maduro": ("person:maduro", "Person")}


def entity_of(tok):
    return ENTITIES.get(tok.text)


def make(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A parsed Doc from ``(word, head index, dep, pos, tag, lemma)`` rows."""
    words, heads, deps, pos, tags, lemmas = map(list, zip(*rows))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


# "Russia granted Assad asylum ."
ACTIVE = [("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"), ("granted", 1, "ROOT", "VERB", "VBD", "grant"),
          ("Assad", 1, "dative", "PROPN", "NNP", "Assad"), ("asylum", 1, "dobj", "NOUN", "NN", "asylum"),
          (".", 1, "punct", "PUNCT", ".", ".")]
# "Assad was granted asylum by Russia ."
PASSIVE = [("Assad", 2, "nsubjpass", "PROPN", "NNP", "Assad"), ("was", 2, "auxpass", "AUX", "VBD", "be"),
           ("granted", 2, "ROOT", "VERB", "VBN", "grant"), ("asylum", 2, "dobj", "NOUN", "NN", "asylum"),
           ("by", 2, "agent", "ADP", "IN", "by"), ("Russia", 4, "pobj", "PROPN", "NNP", "Russia"),
           (".", 2, "punct", "PUNCT", ".", ".")]
# "Russia 's offer of asylum to Assad ."
NOUN = [("Russia", 2, "poss", "PROPN", "NNP", "Russia"), ("'s", 0, "case", "PART", "POS", "'s"),
        ("offer", 2, "ROOT", "NOUN", "NN", "offer"), ("of", 2, "prep", "ADP", "IN", "of"),
        ("asylum", 3, "pobj", "NOUN", "NN", "asylum"), ("to", 2, "prep", "ADP", "IN", "to"),
        ("Assad", 5, "pobj", "PROPN", "NNP", "Assad"), (".", 2, "punct", "PUNCT", ".", ".")]
# "Putin met with Maduro ."
MET = [("Putin", 1, "nsubj", "PROPN", "NNP", "Putin"), ("met", 1, "ROOT", "VERB", "VBD", "meet"),
       ("with", 1, "prep", "ADP", "IN", "with"), ("Maduro", 2, "pobj", "PROPN", "NNP", "Maduro"),
       (".", 1, "punct", "PUNCT", ".", ".")]


def role_texts(rows, trigger: int, role: str, rule_id: str = "asylum.grant.v1") -> list[str]:
    doc = make(rows)
    frame = Frame(doc, RULES[rule_id], {"trigger": trigger}, entity_of, ONTOLOGY, frozenset())
    return [tok.text for tok, _conf in ROLE_FINDERS[role](frame)]


@pytest.mark.parametrize(
    ("rows", "trigger", "role", "expected"),
    [
        (ACTIVE, 1, "agent", ["Russia"]),  # active subject
        (ACTIVE, 1, "recipient", ["Assad"]),  # indirect object
        (ACTIVE, 1, "patient", ["asylum"]),  # direct object
        (PASSIVE, 2, "agent", ["Russia"]),  # passive by-agent
        (PASSIVE, 2, "recipient", ["Assad"]),  # passive subject of a ditransitive
        (NOUN, 2, "agent", ["Russia"]),  # possessor of an event noun with an "of" phrase
        (NOUN, 2, "patient", ["asylum"]),  # "of" phrase of an event noun
        (NOUN, 2, "recipient", ["Assad"]),  # "to" phrase
        (MET, 1, "with", ["Maduro"]),  # the other party of a joint act
    ],
)
def test_argument_roles(rows, trigger, role, expected):
    assert role_texts(rows, trigger, role) == expected


def test_every_role_a_rule_may_name_has_a_function():
    used = {r for rule in ONTOLOGY.rules for r in rule.subject + rule.object if not r.startswith("prep:")}
    assert used <= ROLES == set(ROLE_FINDERS)


def test_relation_from_a_hand_built_doc():
    doc = make(ACTIVE)
    found = [(r.subject, r.type, r.object, r.status) for r in RelationExtractor(VOCAB, ONTOLOGY)(doc, entity_of)]
    assert found == [("state:RUS", "GRANTED_ASYLUM_TO", "person:assad", "asserted")]


# -- modality -------------------------------------------------------------------------------------

def _with(extra: list[tuple[str, int, str, str, str, str]], at: int) -> list:
    """ACTIVE with ``extra`` rows inserted before token ``at`` (heads re-indexed)."""
    n = len(extra)
    rows = [(w, h + n if h >= at else h, d, p, t, lem) for w, h, d, p, t, lem in ACTIVE]
    return rows[:at] + [(w, h if h < at else h + n, d, p, t, lem) for w, h, d, p, t, lem in extra] + rows[at:]


@pytest.mark.parametrize(
    ("rows", "anchor", "expected"),
    [
        (ACTIVE, 1, ("asserted", None)),
        # "Russia would grant ...": a modal of possibility
        (_with([("would", 1, "aux", "AUX", "MD", "would")], 1), 2, ("hypothetical", None)),
        # "Russia will grant ...": a modal of the future
        (_with([("will", 1, "aux", "AUX", "MD", "will")], 1), 2, ("proposed", None)),
        # "Russia did not grant ...": negation
        (_with([("did", 1, "aux", "AUX", "VBD", "do"), ("not", 1, "neg", "PART", "RB", "not")], 1), 3,
         ("negated", None)),
        # "Russia allegedly granted ...": an adverb of allegation
        (_with([("allegedly", 1, "advmod", "ADV", "RB", "allegedly")], 1), 2, ("alleged", None)),
        # "Russia reportedly granted ...": a reporting adverb
        (_with([("reportedly", 1, "advmod", "ADV", "RB", "reportedly")], 1), 2, ("reported", None)),
    ],
)
def test_modality_cues(rows, anchor, expected):
    doc = make(rows)
    assert doc[anchor].lemma_ == "grant"
    assert modality(doc[anchor], entity_of) == expected


def test_governing_verb_of_consideration():
    # "Russia is considering granting Assad asylum ."
    doc = make([("Russia", 2, "nsubj", "PROPN", "NNP", "Russia"), ("is", 2, "aux", "AUX", "VBZ", "be"),
                ("considering", 2, "ROOT", "VERB", "VBG", "consider"), ("granting", 2, "xcomp", "VERB", "VBG", "grant"),
                ("Assad", 3, "dative", "PROPN", "NNP", "Assad"), ("asylum", 3, "dobj", "NOUN", "NN", "asylum"),
                (".", 2, "punct", "PUNCT", ".", ".")])
    assert modality(doc[3], entity_of) == ("considered", None)


def test_reporting_clause_names_its_source():
    # "Russia granted Assad asylum , Putin said ."
    doc = make([("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"), ("granted", 1, "ROOT", "VERB", "VBD", "grant"),
                ("Assad", 1, "dative", "PROPN", "NNP", "Assad"), ("asylum", 1, "dobj", "NOUN", "NN", "asylum"),
                (",", 1, "punct", "PUNCT", ",", ","), ("Putin", 6, "nsubj", "PROPN", "NNP", "Putin"),
                ("said", 1, "parataxis", "VERB", "VBD", "say"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert modality(doc[1], entity_of) == ("reported", "person:putin")


# -- the lexicon and the cache key ----------------------------------------------------------------

def test_lexicon_lists_have_no_duplicates_and_load_once():
    from newsgraph.extractors.lexicon import load_lexicon

    lex = load_lexicon()
    assert load_lexicon() is lex
    assert all(len(set(v)) == len(v) for table in lex.values() for v in table.values())


def test_lexicon_rejects_a_duplicate(tmp_path):
    from newsgraph.corpus.errors import DataError
    from newsgraph.extractors.lexicon import load_lexicon

    bad = tmp_path / "lexicon.toml"
    bad.write_text('[people]\ntitle_words = ["sir", "sir"]\n', encoding="utf-8")
    with pytest.raises(DataError, match="people.title_words lists sir more than once"):
        load_lexicon(bad)


def test_cache_key_hashes_data_files_and_declared_version(monkeypatch):
    from newsgraph.extractors import pipeline

    before = pipeline.extractor_version()
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", pipeline.EXTRACTOR_VERSION + "-test")
    assert pipeline.extractor_version() != before
    assert set(pipeline.DATA_FILES) == {"gazetteer.json", "parties_regions.json", "ontology.toml", "lexicon.toml",
                                        "triggers.toml", "agents.toml", "persons.json"}
