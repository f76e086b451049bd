"""Descriptions of states and organisations (extractors/descriptions.py), on invented sentences.

"the regime", "the group", "coalition forces" refer back to the one actor the document named or
described with that head noun; the link then serves relations like a mention.
"""

from __future__ import annotations

import pytest


def _process(extractor, text: str):
    result = extractor.process(extractor.nlp(text), "t", None)
    links = {(text[s:e], s): (key, how) for s, e, key, how in result.links}
    edges = {(r.subject, r.type, r.object) for r in result.relations}
    return links, edges


def _linked(links, word: str) -> set[str]:
    return {key for (text, _start), (key, how) in links.items() if text == word and how == "description"}


@pytest.mark.parametrize(
    ("text", "word", "key"),
    [
        # the head noun of a name: a leader's government, a state agent, an alliance
        ("The Assad regime shelled the town of Homs. The regime denied it.", "regime",
         "institution:government-of-assad"),
        ("The Iraqi army entered Mosul on Monday. The army said it lost two tanks.", "army", "state:IRQ"),
        ("The Coalition struck targets near Mosul. On Monday coalition forces attacked Raqqa.", "coalition",
         "institution:coalition"),
        # the government nouns are one class: "government" ... "the regime"
        ("Syrian government forces shelled Daraya. The regime denied the attack.", "regime", "state:SYR"),
        ("Britain's government met the unions. The government said it would raise pay.", "government", "state:GBR"),
        ("The Labour Party met in Brighton. The party said it would cut taxes.", "party", "institution:labour-party"),
        # a lower-case noun modifying armed men: "government troops"
        ("Syrian government forces shelled Daraya. Government troops then entered the town.", "Government",
         "state:SYR"),
        # a name the text describes by the noun: "X is a militant group"
        ("Jaish al-Nasr is a militant group in Iraq. The group kidnapped two engineers.", "group",
         "institution:jaish-al-nasr"),
        # armed men ("the militants", "the fighters") refer back to the one armed group named or described
        ("Hamas militants fired rockets at Israel on Monday. Egypt said the militants also attacked an army post.",
         "militants", "institution:hamas"),
        ("Jaish al-Nasr is a jihadist group in Syria. On Monday the fighters attacked a checkpoint near Hama.",
         "fighters", "institution:jaish-al-nasr"),
    ],
)
def test_description_links(extractor, text, word, key):
    links, _edges = _process(extractor, text)
    assert _linked(links, word) == {key}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # two named coalitions: the text does not say which one
        ("The Syrian Arab Coalition and the Northern Coalition met in Hasakah. The coalition attacked Raqqa.",
         "coalition"),
        # a state's adjective or possessor says where a company is from, not what the state is
        ("Sweden's largest engineering group cut jobs. The group said profits fell.", "group"),
        # supporters of the government are not the government
        ("Britain's government raised taxes. Government supporters marched in London.", "Government"),
        # a description with its own possessor is no back reference
        ("The Iraqi army entered Mosul. Syria said its army would follow.", "army"),
        # the sentence offers another referent: a speaker of another body, an indefinite of the
        # same noun, another state for a government noun
        ("The Labour Party met in Brighton. A Conservative spokeswoman said the party broke the rules.", "party"),
        ("The Labour Party met in Brighton. If a party breaks the rules, the party must pay.", "party"),
        ("The Reagan administration raised tariffs. Manila's debt allowed the government to borrow more.",
         "government"),
        # two armed groups; and a state's troops are no armed group for "the rebels"
        ("ISIL fighters and Hamas militants were mentioned. The militants attacked Israel.", "militants"),
        ("Syrian troops shelled Homs. The rebels fired back at the army.", "rebels"),
        # nothing named with that head before
        ("Hamas fired rockets at Israel. The army said it shot down most of them.", "army"),
    ],
)
def test_description_left_unlinked(extractor, text, word):
    links, _edges = _process(extractor, text)
    assert not _linked(links, word)


def test_linked_description_is_an_argument(extractor):
    # the description is a state's agent, not "one national" ("the Belgian"): the army acts for Iraq
    _links, edges = _process(extractor, "The Iraqi army entered Mosul on Monday. The army attacked ISIL fighters.")
    assert ("state:IRQ", "ATTACKED", "institution:islamic-state-of-iraq-and-the-levant") in edges
    _links, edges = _process(extractor, "Jaish al-Nasr is a militant group in Iraq. The group was founded by Abu Bakr al-Hamawi.")
    assert ("person:abu-bakr-al-hamawi", "HEAD_OF", "institution:jaish-al-nasr") in edges
    _links, edges = _process(extractor, "Jaish al-Nasr is a jihadist group in Syria. On Monday the fighters attacked Syrian troops near Hama.")
    assert ("institution:jaish-al-nasr", "ATTACKED", "state:SYR") in edges
