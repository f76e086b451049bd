"""One person, one node (issue 15, item 2): a nickname and the given name it is short for agree as
first names ("Bernie" / "Bernard", the ``nicknames`` table); a full name the model reads as a place
is a person when it opens with a given name of the Phoenix person table and acts."""

from __future__ import annotations

from newsgraph.extractors.resolution import resolve_corpus


def keys(extractor, texts: list[str]) -> list[set[str]]:
    results = [extractor.process(extractor.nlp(t), f"d{i}", None) for i, t in enumerate(texts)]
    return [{m.key for m in r.mentions if m.type == "Person"} for r in resolve_corpus(results)]


def test_nickname_joins_the_full_given_name_across_documents(extractor):
    one, two = keys(extractor, ["Former telecoms boss Bernard Ebbers went on trial on Monday.",
                                "Bernie Ebbers told the jury he knew nothing of the fraud."])
    assert one == two and len(one) == 1


def test_two_nicknames_of_one_name_stay_apart(extractor):
    # "Bernie" and "Barney" are both short for Bernard, but neither is the other's given name
    one, two = keys(extractor, ["Former telecoms boss Bernie Ebbers went on trial on Monday.",
                                "Barney Ebbers, his cousin, told the jury he knew nothing."])
    assert one != two


def test_full_name_read_as_a_place_after_a_headline_is_a_person(extractor):
    text = "Zelenskyy appeals to allies\n\nVolodymyr Zelenskyy asked Washington for air defence on Tuesday."  # the model: GPE
    r = extractor.process(extractor.nlp(text), "t", None)
    assert {m.text: m.type for m in r.mentions}.get("Volodymyr Zelenskyy") == "Person"
    places = extractor.process(extractor.nlp("San Diego voted for the plan on Monday."), "t", None)
    assert {m.text: m.type for m in places.mentions}["San Diego"] == "Location"
