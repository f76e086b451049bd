"""Regenerate ``extractors/data/persons.json``: people of the Phoenix actor dictionary with their dated roles in states.

Usage::

    .venv/bin/python bench/build_persons.py [--lexicons DIR] [--out FILE]

Source: the country actor dictionary of Phoenix/PETRARCH2, ``Phoenix.Countries.actors.txt``
(openeventdata/petrarch2 @ 676801c, MIT, Copyright (c) 2014 Open Event Data Alliance), read from
``../shared/data/lexicons/petrarch2`` (``--lexicons``) with ``parse_phoenix`` of
``build_gazetteer.py``. A person block lists the name and its variants (``+`` lines) and dated
codes: ``[RUSGOV 991231-080507]`` is country + sector, valid from 1999-12-31 to 2008-05-07;
``[RUSELI]`` (no date) is the code outside the dated ranges.

What is kept (facts only; no lexicon file is copied):

* **people**: blocks with a dated code, or whose codes follow a block of forms that has none
  (a missing ``+`` in the source: the forms before the codes are the same person's), and whose
  head names no institution (:data:`INSTITUTION_WORDS`: "Kosovo Assembly" is no person);
* **their roles in a state**: codes whose sector is one of :data:`STATE_SECTORS`, of people with
  at least one in a state of ``gazetteer.json`` (Phoenix ``KSV`` is Kosovo, ``XKX``; a Russian
  code before 1991-12-26 is the Soviet Union's, ``SUN``, except an elite code, which is left
  out before that date; codes of countries that are no state of
  the gazetteer are kept, since they make a person's state ambiguous when they apply):
  government, military, legislature, judiciary, police, intelligence, and ``ELI``, the
  dictionary's code for a state's elite outside office (it says which state a person belongs
  to; only a government code makes a head of state or government);
* **name forms**: the forms that are plain names, without a title or office word
  (``people.title_words`` of the lexicon, "administration", ...): "Vladimir Putin", "Vladimir V.
  Putin", not "President Putin" or "the Reagan administration"; as keys, the ``slugify`` of each
  form (``vladimir-putin``) and, for one-word lookups, the last word of each (``putin``).

Dates: ``YYMMDD`` (years 00-30 are 20YY, else 19YY, as KEDS/TABARI/PETRARCH read them) or
``YYYYMMDD``; ``<D`` is until D, ``>D`` from D. Stored as integers ``YYYYMMDD``.

Output (``persons.v1``): ``people``, a list of role lists ``[iso3, sector, start, end]`` (an
undated code is ``[iso3, sector]``), ``names`` and ``surnames``, slug -> indices into ``people``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_gazetteer import parse_phoenix  # noqa: E402

from newsgraph.extractors.models import slugify  # noqa: E402

DEFAULT_LEXICONS = next((p / "shared" / "data" / "lexicons" / "petrarch2" for p in ROOT.parents
                         if (p / "shared" / "data" / "lexicons" / "petrarch2").is_dir()),
                        ROOT.parent / "shared" / "data" / "lexicons" / "petrarch2")
DEFAULT_OUT = ROOT / "extractors" / "data" / "persons.json"
FORMAT = "persons.v1"
ATTRIBUTION = ("People and their dated roles in states derived from the Phoenix/PETRARCH2 country actor dictionary "
               "(Phoenix.Countries.actors.txt, openeventdata/petrarch2, MIT, Copyright (c) 2014 Open Event Data "
               "Alliance); see extractors/data/GAZETTEER_SOURCES.md.")

#: Phoenix sectors (the three letters after the country) that are a role in a state.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"})
#: Phoenix country codes that are not the gazetteer's ISO 3166 alpha-3.
COUNTRY_CODES = {"KSV": "XKX"}
#: The end of the Soviet Union: Phoenix codes Soviet leaders as Russian (RUSGOV) before it.
SOVIET_END = 19911226
#: The code Phoenix's country dictionary gives the Soviet Union (no state of the gazetteer).
SOVIET = "SUN"
# Words of an institution's or an office's name: a block headed by one is no person.
INSTITUTION_WORDS = frozenset({"assembly", "council", "party", "movement", "committee", "ministry", "government",
                               "parliament", "congress", "army", "front", "brigade", "brigades", "court", "office",
                               "secretary", "general", "union", "league", "organization", "organisation"})
# Words that make a form a description, not a name ("the Reagan administration").
DESCRIPTION_WORDS = frozenset({"administration", "government", "regime", "cabinet", "team", "camp", "family",
                               "forces", "supporters", "loyalists"})
# Name suffixes skipped when taking the last word ("Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
OPEN_START, OPEN_END = 0, 99999999


def title_words() -> frozenset[str]:
    """``people.title_words`` of the lexicon ("president", "minister", "gen", ...)."""
    with open(ROOT / "extractors" / "data" / "lexicon.toml", "rb") as f:
        return frozenset(tomllib.load(f)["people"]["title_words"])


def parse_date(text: str) -> int | None:
    """``YYMMDD`` (00-30: 20YY) or ``YYYYMMDD`` -> ``YYYYMMDD``; None when it is no date.

    >>> parse_date("991231"), parse_date("080507"), parse_date("20120727"), parse_date("9913")
    (19991231, 20080507, 20120727, None)
    """
    text = text.strip()
    if not text.isdigit() or len(text) < 6:
        return None
    if len(text) <= 7:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:6]
    else:
        year, rest = int(text[:4]), text[4:8]
    month, day = int(rest[:2]), int(rest[2:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year * 10000 + month * 100 + day


def parse_range(restriction: str) -> tuple[int, int] | None:
    """``"D1-D2"``, ``"<D"``, ``">D"`` -> ``(start, end)``; None when malformed.

    >>> parse_range("991231-080507"), parse_range(">080508"), parse_range("< 910409")
    ((19991231, 20080507), (20080508, 99999999), (0, 19910409))
    """
    r = restriction.replace(" ", "")
    if r.startswith(">"):
        d = parse_date(r[1:])
        return None if d is None else (d, OPEN_END)
    if r.startswith("<"):
        d = parse_date(r[1:])
        return None if d is None else (OPEN_START, d)
    parts = r.split("-")
    if len(parts) != 2:
        return None
    a, b = parse_date(parts[0]), parse_date(parts[1])
    return None if a is None or b is None or a > b else (a, b)


def roles(codes: list[tuple[str, str]], states: set[str]) -> list[list]:
    """The person's roles in states: ``[iso3, sector, start, end]``, or ``[iso3, sector]`` undated."""
    out = []
    for code, restriction in codes:
        if len(code) < 6:
            continue
        iso3 = COUNTRY_CODES.get(code[:3], code[:3])
        sector = code[3:6]
        if sector not in STATE_SECTORS:
            continue
        if not restriction:
            role = [iso3, sector]
        else:
            span = parse_range(restriction)
            if span is None:
                continue
            start, end = span
            if iso3 == "RUS" and start < SOVIET_END:
                # the Soviet Union's (and Russia's after it, for a range running past its end); an
                # elite code before it says no more than that the person was of the Soviet elite
                if sector != "ELI":
                    out.append([SOVIET, sector, start, min(end, SOVIET_END - 1)])
                if end < SOVIET_END:
                    continue
                start = SOVIET_END
            role = [iso3, sector, start, end]
        if role not in out:
            out.append(role)
    # a person whose only roles are in other countries is left out; a role in one that is no state
    # of the gazetteer is kept: it makes the person's state ambiguous when it applies
    return out if any(r[0] in states for r in out) else []


def name_forms(forms: list[str], titles: frozenset[str]) -> list[str]:
    """The forms that are plain names (no title, office or description word)."""
    out = []
    for form in forms:
        words = [w.strip(".,").lower() for w in form.split()]
        if not words or set(words) & (titles | DESCRIPTION_WORDS) or re.search(r"[^\x00-\x7f]", form):
            continue
        out.append(form)
    return out


def surname(form: str) -> str | None:
    """The last word of a name of two words or more, suffixes skipped ("King" of "... King Jr.")."""
    words = [w for w in form.split() if w.strip(".,").lower() not in SUFFIXES]
    return slugify(words[-1]) if len(words) >= 2 and len(words[-1].strip(".,")) > 1 else None


def person_blocks(path: Path) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """Person blocks ``(forms, codes)``: codeless blocks join the block whose codes follow."""
    out, pending = [], []
    for forms, codes, dated in parse_phoenix(path, dates=True):
        if not codes:
            pending += forms
            continue
        forms, pending = pending + forms, []
        if not dated or not forms:
            continue
        head = {w.lower() for w in forms[0].split()}
        if head & INSTITUTION_WORDS:
            continue
        out.append((forms, codes))
    return out


def build(lexicons: Path) -> dict:
    with open(ROOT / "extractors" / "data" / "gazetteer.json", encoding="utf-8") as f:
        states = {s["iso3"] for s in json.load(f)["states"]}
    titles = title_words()
    people: list[list[list]] = []
    names: dict[str, list[int]] = defaultdict(list)
    surnames: dict[str, list[int]] = defaultdict(list)
    for forms, codes in person_blocks(lexicons / "Phoenix.Countries.actors.txt"):
        found = roles(codes, states)
        plain = name_forms(forms, titles)
        if not found or not plain:
            continue
        i = len(people)
        people.append(found)
        for form in plain:
            key = slugify(form)
            if i not in names[key]:
                names[key].append(i)
            last = surname(form)
            if last and i not in surnames[last]:
                surnames[last].append(i)
    return {"format": FORMAT, "attribution": ATTRIBUTION, "people": people,
            "names": dict(sorted(names.items())), "surnames": dict(sorted(surnames.items()))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    data = build(args.lexicons)
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['people'])} people, {len(data['names'])} names, "
          f"{len(data['surnames'])} surnames ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
