"""Name comparison shared by the resolution rules: initials, suffix and surname indexes, variants.

Examples
--------
>>> initials(["Center", "for", "Strategic", "and", "International", "Studies"])
'CSIS'
>>> edit_distance("zelensky", "zelenskyy", 2)
1
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from .lexicon import words
from .models import (
    fold,
)
from .persons import same_person_possible

__all__ = ["ACRONYM", "initials", "suffix_index", "surname_index", "name_core", "edit_distance",
           "variant_candidates", "VariantIndex", "first_name_index", "ARABIC_ARTICLES", "ARABIC_ARTICLE_RE"]

#: An acronym: "CSIS", "U.N.", "AT&T".
ACRONYM = re.compile(r"^[A-Z][A-Z&.\-]{1,9}$")
# An acronym defined in brackets after a name: "SDLP", "PvdA", "IdV" (two or more capitals).
_DEFINED_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z&.]{1,9}$")
_STOP_INITIALS = words("institutions", "stop_initials")
_ORG_GENERIC = words("institutions", "org_generic")

def initials(words_: list[str]) -> str:
    """Initials of a long name, skipping function words: ``initials("Center for X Y".split()) == 'CXY'``."""
    return "".join(w[0] for w in words_ if w.lower() not in _STOP_INITIALS and w[:1].isalpha()).upper()


def suffix_index(names: dict[str, str]) -> dict[str, set[str]]:
    """Multi-word endings of person names: ``{"el aissami": {"person:tareck-el-aissami"}}``."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        for i in range(1, len(parts) - 1):
            index[" ".join(parts[i:])].add(key)
    return index


def surname_index(names: dict[str, str]) -> dict[str, set[str]]:
    """Surnames of full (two or more words) person names: ``{"maduro": {"person:nicolas-maduro"}}``.

    Spanish names with four or more words are also known by the last-but-one word
    ("Nester Luis Reverol Torres" is "Reverol").
    """
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        if len(parts) >= 2:
            index[parts[-1]].add(key)
            if len(parts) >= 4:
                index[parts[-2]].add(key)
    return index


#: Arabic article prefixes of a surname (lower case), and a regular expression of any one of them.
ARABIC_ARTICLES = words("people", "arabic_articles")
ARABIC_ARTICLE_RE = "(?:" + "|".join(sorted(ARABIC_ARTICLES, key=lambda a: (-len(a), a))) + ")"
# An article before a surname: "al-Sisi", "el-Sisi", "As-Sadr" compare as "sisi", "sadr".
_ARTICLE = re.compile(rf"^{ARABIC_ARTICLE_RE}[-' ]")


@functools.lru_cache(maxsize=1 << 16)
def name_core(word: str) -> str:
    """A surname for comparing spellings: folded, without an Arabic article, hyphens or quotes.

    >>> name_core("al-Sisi") == name_core("el-Sisi") == name_core("Sisi")
    True
    """
    return re.sub(r"[^a-z0-9]", "", _ARTICLE.sub("", fold(word)))


def edit_distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``bound + 1`` when it is larger than ``bound``.

    >>> edit_distance("gaddafi", "qaddafi", 2), edit_distance("zelensky", "zelenskyy", 2), edit_distance("ab", "xyz", 1)
    (1, 1, 2)
    """
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > bound:
            return bound + 1
        prev = cur
    return min(prev[-1], bound + 1)


def _surname_bound(core: str) -> int:
    """Spelling differences allowed in a surname: none under 5 letters, one under 9, else two."""
    return 0 if len(core) < 5 else 1 if len(core) < 9 else 2


def _first_names_agree(a: str, b: str) -> bool:
    """"Volodymyr" / "Volodymyr", "V." / "Volodymyr", "Muammar" / "Moammar" (one letter, long names),
    "Bernie" / "Bernard" (one a nickname of the other in the ``nicknames`` table; not two nicknames of
    one name: "Bernie" / "Barney").

    >>> _first_names_agree("Bernie", "Bernard"), _first_names_agree("Bernie", "Barney"), _first_names_agree("V.", "Vladimir")
    (True, False, True)
    """
    a, b = fold(a).rstrip("."), fold(b).rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if a in _canonicals(b) or b in _canonicals(a):
        return True
    return min(len(a), len(b)) >= 6 and edit_distance(a, b, 1) <= 1


@functools.lru_cache(maxsize=1 << 12)
def _canonicals(name: str) -> frozenset[str]:
    """The given names a lower-case nickname is short for ("bernie" -> bernard, ...)."""
    return frozenset(_nicknamer().canonicals_of(name))


@functools.cache
def _nicknamer():
    from nicknames import NickNamer  # the table is read once, on first use

    return NickNamer()


@functools.lru_cache(maxsize=1 << 14)  # the same surnames recur in every document and query
def _deletions(word: str, depth: int) -> frozenset[str]:
    """``word`` with up to ``depth`` letters deleted (itself included)."""
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return frozenset(out)


class VariantIndex:
    """Person names indexed for :func:`variant_candidates` without comparing every pair.

    Surname cores are indexed by their deletion neighbourhood: two words within edit distance
    k share a form with at most k letters deleted from each, so a query looks up its own
    deletions and checks only those candidates exactly. A query of bound k (its own length's,
    :func:`_surname_bound`) matches a surname within k edits, and such a surname needs at most its
    own length's bound of deletions: a shorter query has no larger bound, and a query longer by
    n letters has a bound at most n larger (the bound grows by one letter at a time) but n of its
    edits are insertions, which delete nothing from the surname. So each surname is indexed to its
    own bound only: no letter deleted under 5 letters, one under 9, else two.
    """

    def __init__(self, people: dict[str, str]):
        self.people = people
        self._by_form: dict[str, set[str]] = defaultdict(set)
        for key, other in people.items():
            oparts = other.split()
            if len(oparts) >= 2:
                core = name_core(oparts[-1])
                for form in _deletions(core, _surname_bound(core)):
                    self._by_form[form].add(key)

    def candidates(self, name: str, *, exclude: str | None = None) -> set[str]:
        """The closest spelling variants of ``name`` (see :func:`variant_candidates`)."""
        parts = name.split()
        if not parts:
            return set()
        core = name_core(parts[-1])
        bound = _surname_bound(core)
        keys = set().union(*(self._by_form.get(form, ()) for form in _deletions(core, bound)))
        keys.discard(exclude)
        best: dict[str, int] = {}
        for key in keys:
            other = self.people[key]
            oparts = other.split()
            if fold(other) == fold(name):
                continue
            if len(parts) >= 2 and not _first_names_agree(parts[0], oparts[0]):
                continue
            ocore = name_core(oparts[-1])
            d = edit_distance(core, ocore, bound)
            if d == 0 or d <= bound and same_person_possible(core, ocore):
                # two surnames of different people in the Phoenix person table are no variants
                best[key] = d
        if not best:
            return set()
        low = min(best.values())
        return {k for k, d in best.items() if d == low}


def variant_candidates(name: str, people: dict[str, str]) -> set[str]:
    """People (key -> name) whose name is a spelling variant of ``name``, the closest only.

    A full name matches when first names agree and the surnames are within a bounded edit
    distance after :func:`name_core`; a one-word name matches surnames the same way. Only the
    candidates at the smallest distance are returned (the caller joins when there is one).
    For many queries over one set of people, build a :class:`VariantIndex` once.

    >>> people = {"person:muammar-gaddafi": "Muammar Gaddafi", "person:hannibal-gaddafi": "Hannibal Gaddafi"}
    >>> variant_candidates("Muammar Qaddafi", people)
    {'person:muammar-gaddafi'}
    >>> sorted(variant_candidates("Qaddafi", people))
    ['person:hannibal-gaddafi', 'person:muammar-gaddafi']
    """
    return VariantIndex(people).candidates(name)


def first_name_index(names: dict[str, str]) -> dict[str, set[str]]:
    """First words of full person names: ``{"xi": {"person:xi-jinping"}}``."""
    index: dict[str, set[str]] = defaultdict(set)
    for key, name in names.items():
        parts = fold(name).split()
        if len(parts) >= 2:
            index[parts[0]].add(key)
    return index
