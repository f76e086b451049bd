"""Name variants, cross-document evidence and typing fixes (issue 15, items 2-5), on
hand-made DocResults for the corpus rules and on real-model parses for the document rules."""

from __future__ import annotations

import pytest

from newsgraph.extractors.models import INSTITUTION, LOCATION, PERSON, STATE, DocResult, Entity, Mention
from newsgraph.extractors.resolution import corpus_mapping, resolve_corpus, variant_candidates
from newsgraph.graph.build import build_graph


def run(extractor, text: str) -> DocResult:
    return extractor.process(extractor.nlp(text), "t", None)


def typed(result: DocResult) -> dict[str, tuple[str, str, str]]:
    return {m.text: (m.type, m.key, m.how) for m in result.mentions}


def person_doc(doc_id: str, *names: str, date: str | None = None, states=()) -> DocResult:
    mentions, ents = [], {}
    for i, name in enumerate(names):
        key = "person:" + name.lower().replace(" ", "-")
        mentions.append(Mention(0, len(name), name, PERSON, key, "exact", i))
        ents.setdefault(key, Entity(key, PERSON, name, states=set(states)))
    return DocResult(doc_id, date, 1, mentions, ents, [], {}, [])


# -- variants across documents ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("full", "variant"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Muammar Gaddafi", "Muammar Qaddafi"),
        ("Abdel al-Sisi", "Abdel el-Sisi"),
        ("Muammar Gaddafi", "Qaddafi"),
    ],
)
def test_spelling_variants_join_across_documents(full, variant):
    a = person_doc("a", full, full)  # the commoner spelling is the node
    b = person_doc("b", variant)
    mapping = corpus_mapping([a, b])
    assert mapping[b.mentions[0].key][0] == a.mentions[0].key
    assert mapping[b.mentions[0].key][1] == "variant"


def test_variants_need_agreeing_first_names():
    assert variant_candidates("Hannibal Qaddafi", {"person:muammar-gaddafi": "Muammar Gaddafi"}) == set()
    assert variant_candidates("M. Qaddafi", {"person:muammar-gaddafi": "Muammar Gaddafi"}) == {"person:muammar-gaddafi"}


def test_short_surnames_need_exact_spelling():
    assert variant_candidates("Li Peng", {"person:li-pang": "Li Pang"}) == set()


def test_a_surname_two_people_share_stays_apart_and_is_flagged():
    a = person_doc("a", "Muammar Gaddafi")
    b = person_doc("b", "Saif Gaddafi")
    c = person_doc("c", "Gaddafi")
    results = resolve_corpus([a, b, c])
    assert results[2].mentions[0].key == "person:gaddafi"
    G = build_graph(results, {r.doc_id: {} for r in results})
    assert G.nodes["person:gaddafi"].get("ambiguous") is True
    assert "ambiguous" not in G.nodes["person:muammar-gaddafi"]


def test_a_given_name_joins_the_one_full_name_in_the_corpus():
    mapping = corpus_mapping([person_doc("a", "Xi Jinping"), person_doc("b", "Xi")])
    assert mapping["person:xi"] == ("person:xi-jinping", "given name")


def test_cross_document_surname_needs_a_compatible_time_window():
    old = person_doc("a", "George Bush", date="1990-01-01")
    new = person_doc("b", "Bush", date="2005-06-01")
    assert "person:bush" not in corpus_mapping([old, new])
    near = person_doc("c", "Bush", date="1991-03-01")
    assert corpus_mapping([old, near])["person:bush"][0] == "person:george-bush"


def test_cross_document_surname_needs_compatible_states():
    us = person_doc("a", "Lloyd Austin", states={"state:USA"})
    cn = person_doc("b", "Austin", states={"state:CHN"})
    assert "person:austin" not in corpus_mapping([us, cn])


# -- variants and given names in one document (real model) -----------------------------------

def test_document_variants_and_given_names(extractor):
    r = run(extractor, "Muammar Gaddafi ruled Libya for decades. Qaddafi was killed in 2011. "
                       "Chinese President Xi Jinping arrived in Moscow on Monday. Xi said the talks went well.")
    t = typed(r)
    assert t["Qaddafi"][1] == t["Muammar Gaddafi"][1] and t["Qaddafi"][2] == "variant"
    assert t["Xi"][1] == t["Xi Jinping"][1] and t["Xi"][2] == "given name"


def test_lower_case_arabic_article_name(extractor):
    r = run(extractor, "Abdel Fattah al-Sisi and President el-Sisi spoke.")
    t = typed(r)
    assert t["el-Sisi"][1] == t["Abdel Fattah al-Sisi"][1]


# -- typing -------------------------------------------------------------------------------------

@pytest.mark.parametrize("party", ["Sinn Féin", "Fine Gael"])
def test_party_names_are_institutions(extractor, party):
    r = run(extractor, "Sinn Féin and Fine Gael lost seats in the vote.")
    assert typed(r)[party][0] == INSTITUTION


def test_titles_alone_are_never_entities(extractor):
    r = run(extractor, "Secretary of State Marco Rubio met the Defense Minister of China.")
    texts = {m.text for m in r.mentions}
    assert "State" not in texts and "Defense" not in texts
    assert typed(r)["Marco Rubio"][0] == PERSON


def test_a_title_makes_a_person(extractor):
    r = run(extractor, "Chancellor Olaf Scholz spoke to reporters in Berlin.")
    assert typed(r)["Olaf Scholz"][0] == PERSON


def test_the_hague_keeps_its_article(extractor):
    r = run(extractor, "They end up in The Hague, in exile, or dead.")
    assert typed(r)["The Hague"][0] == LOCATION


def test_a_place_inside_an_election_name_is_not_a_mention(extractor):
    r = run(extractor, "In the 2031 United Kingdom general election, the Scottish National Party lost seats.")
    assert "United Kingdom" not in typed(r)
    assert typed(run(extractor, "The United Kingdom held an election."))["United Kingdom"][0] == STATE


def test_a_sentence_in_another_language_has_no_people(extractor):
    r = run(extractor, "He said it. Somos nuestra propia historia. But some chapters, we cannot close alone.")
    assert not [m for m in r.mentions if m.type == PERSON]


def test_a_seat_owning_a_person_is_the_government_not_the_state(extractor):
    r = run(extractor, "Downing Street's Alastair Campbell denied the report.")
    seat = typed(r)["Downing Street"]
    assert seat[0] == INSTITUTION and seat[1] != "state:GBR"
    r = run(extractor, "Downing Street said the talks would go on.")
    assert typed(r)["Downing Street"][1] == "state:GBR"


def test_hyphenated_partner_companies_are_institutions(extractor):
    r = run(extractor, "Shareholders approved the $2 billion YPF-Petrobras joint venture on Monday.")
    t = typed(r)
    assert t["YPF"][0] == INSTITUTION and t["Petrobras"][0] == INSTITUTION


@pytest.mark.parametrize(("text", "name"), [
    ("The Pentagon Annual Threat Report warned of new risks.", "Pentagon Annual Threat Report"),
    ("Peronism remains strong in the provinces.", "Peronism"),
])
def test_documents_and_ideologies_are_not_actors(extractor, text, name):
    assert not [m for m in run(extractor, text).mentions if name in m.text and m.text != "Pentagon"]


def test_two_people_of_the_person_table_are_no_spelling_variants():
    # "Reagan" and "Regan" are surnames of different people in the Phoenix table: a one-word
    # "Reagan" must not join "Donald Regan" by edit distance (a table person spelt two ways may)
    assert variant_candidates("Reagan", {"person:donald-regan": "Donald Regan"}) == set()
    assert variant_candidates("Ronald Reagan", {"person:ronald-regan": "Ronald Regan"}) == set()
    assert variant_candidates("Qaddafi", {"person:muammar-gaddafi": "Muammar Gaddafi"}) == {"person:muammar-gaddafi"}


def test_variant_index_finds_every_surname_within_the_query_bound():
    # VariantIndex indexes each surname to its own bound only: every surname within the query's
    # bound must still share a deletion form with the query (pairs one to three edits apart)
    import random

    from newsgraph.extractors.names import _deletions, _surname_bound, edit_distance

    rng = random.Random(16)
    checked = 0
    for _ in range(20_000):
        other = "".join(rng.choice("abc") for _ in range(rng.randint(2, 12)))
        query = other
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(query) + 1)
            op = rng.choice(("insert", "delete", "replace"))
            if op == "insert":
                query = query[:i] + rng.choice("abc") + query[i:]
            elif query[i:]:
                query = query[:i] + ("" if op == "delete" else rng.choice("abc")) + query[i + 1:]
        bound = _surname_bound(query)
        if edit_distance(query, other, bound) <= bound:
            checked += 1
            assert _deletions(query, bound) & _deletions(other, _surname_bound(other)), (query, other)
    assert checked > 5_000
