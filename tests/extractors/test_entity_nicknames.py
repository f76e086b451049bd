"""A nickname and the given name it is short for agree as first names ("Bernie" / "Bernard"), so one
person named both ways in two documents is one node (issue 15, item 2); the ``nicknames`` table."""

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
