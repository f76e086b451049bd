"""The noun triggers of the ontology (``event_nouns``, ``type_nouns``) from both forms of a rule's
trigger words: a ``LEMMA``/``LOWER`` ``IN`` list or one word."""

from __future__ import annotations

from newsgraph.extractors.ontology import Ontology

RULES = """
[[rules]]
id = "blockade.list.v1"
type = "ATTACKED"
trigger = { LEMMA = { IN = ["Blockade"] }, POS = { IN = ["NOUN"] } }
subject = ["agent"]
object = ["patient"]

[[rules]]
id = "blockade.word.v1"
type = "ATTACKED"
trigger = { LOWER = "encirclement", POS = { IN = ["NOUN", "VERB"] } }
subject = ["agent"]
object = ["patient"]

[[rules]]
id = "blockade.verb.v1"
type = "ATTACKED"
trigger = { LEMMA = "outmanoeuvre", POS = { IN = ["VERB"] } }
subject = ["agent"]
object = ["patient"]
"""


def test_noun_triggers_from_lists_and_single_words(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES)
    onto = Ontology.load(path)
    for nouns in (onto.event_nouns(), onto.type_nouns("ATTACKED")):
        assert {"blockade", "encirclement"} <= nouns
        assert "outmanoeuvre" not in nouns
    assert "encirclement" not in onto.type_nouns("MET_WITH")
