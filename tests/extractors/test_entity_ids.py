"""Entity ids that never collide: transliterated slugs, the original script kept, a short hash
when a slug is empty or taken by another actor (issue 15, item 1)."""

from __future__ import annotations

import pytest

from newsgraph.extractors.models import PERSON, DocResult, Entity, Mention, entity_key, fold, slugify
from newsgraph.extractors.resolution import resolve_corpus, split_collisions


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Сергей Лавров", "sergey-lavrov"),  # Cyrillic
        ("Мария Захарова", "mariya-zakharova"),
        ("Αλέξης Τσίπρας", "alexis-tsipras"),  # Greek
        ("习近平", "xijinping"),  # Chinese
        ("Łukasz Kamiński", "lukasz-kaminski"),  # Polish Ł
        ("Lars Løkke Rasmussen", "lars-lokke-rasmussen"),  # Danish Ø
        ("Nicolás Maduro", "nicolas-maduro"),
    ],
)
def test_slugs_are_transliterated(name, slug):
    assert slugify(name) == slug


def test_arabic_name_gets_a_nonempty_distinct_slug():
    sisi, other = slugify("عبد الفتاح السيسي"), slugify("محمد بن سلمان")
    assert sisi and other and sisi != other and sisi != "x"


def test_a_slug_with_nothing_left_is_a_short_hash():
    a, b = slugify("…"), slugify("—")
    assert a.startswith("h-") and b.startswith("h-") and a != b


def test_two_cyrillic_people_are_two_nodes():
    """The issue's example: Lavrov and Zakharova were merged into one node ``person:x``."""
    ents = {}
    keys = {n: entity_key("person:", n, ents) for n in ("Сергей Лавров", "Мария Захарова")}
    assert len(set(keys.values())) == 2


def test_same_slug_other_script_name_is_another_actor():
    taken = {"person:ligang": Entity("person:ligang", PERSON, "李刚")}
    assert entity_key("person:", "李刚", taken) == "person:ligang"
    other = entity_key("person:", "李钢", taken)
    assert other.startswith("person:ligang-") and other != "person:ligang"
    # a Latin spelling of the same name shares the key: one actor across scripts
    latin = {"person:sergey-lavrov": Entity("person:sergey-lavrov", PERSON, "Sergey Lavrov")}
    assert entity_key("person:", "Сергей Лавров", latin) == "person:sergey-lavrov"


def _doc(doc_id, name):
    key = "person:" + slugify(name)
    return DocResult(doc_id, None, 2, [Mention(0, len(name), name, PERSON, key, "exact", 0)],
                     {key: Entity(key, PERSON, name)}, [], {}, [])


def test_corpus_keeps_colliding_script_names_apart_and_keeps_the_original_script():
    results = resolve_corpus([_doc("a", "李刚"), _doc("b", "李钢"), _doc("c", "李刚")])
    keys = [r.mentions[0].key for r in results]
    assert keys[0] == keys[2] != keys[1]
    assert [r.mentions[0].text for r in results] == ["李刚", "李钢", "李刚"]  # names stay in their script
    assert split_collisions([_doc("a", "Nicolás Maduro"), _doc("b", "Nicolas Maduro")])[1].mentions[0].key == \
        "person:nicolas-maduro"


def test_fold_compares_across_scripts():
    assert fold("Сергей Лавров") == fold("Sergey Lavrov")
    assert fold("Łódź") == "lodz"


def test_cyrillic_names_in_text_are_two_people(extractor):
    text = "Сергей Лавров met Мария Захарова in Moscow on Monday."
    result = extractor.process(extractor.nlp(text), "t", None)
    people = {m.key: m.text for m in result.mentions if m.type == PERSON}
    assert all(not k.endswith(":x") for k in people)
    assert len(set(people)) == len(people)
