"""Regenerate ``extractors/data/parties_regions.json``: political parties and sub-national regions.

Usage::

    .venv/bin/python bench/build_parties_regions.py [--lexicons DIR] [--out FILE]

Sources (licences in ``extractors/data/GAZETTEER_SOURCES.md``):

* **parties**: the Phoenix/PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance, 2014),
  read from ``../shared/data/lexicons/petrarch2`` (``--lexicons``): every actor block coded as a
  party (``PTY``), a government actor whose head is a "... Party", or as opposition, rebels or insurgents (``OPP``, ``REB``, ``INS``) whose head
  names a political organisation ("... Party", "... Front", "... Movement", "... Coalition"); of
  each block only the forms holding such a word (blocks also list their leaders) and no office
  word ("General Secretary of ..."). Armed groups and militias (rebels, insurgents, militarised
  groups: ``REB``, ``INS``, ``IMG``) are organisations too: of their blocks the forms holding a
  word for an armed group in English or Arabic (:data:`GROUP_WORDS`: "Brigade", "Army",
  "Jaish", "Liwa", "Jabhat", "Islamic State") and the one-word names no longer form of the block
  contains ("ISIL", "Daesh"; a leader's surname is part of his full name); one-word names of
  four letters or fewer are acronyms (matched only in capitals).
* **regions**: the first-level subdivisions of ISO 3166-2 in pycountry (Debian iso-codes,
  LGPL-2.1): provinces, regions, states, governorates, oblasts, autonomous republics; not cities,
  municipalities, districts or parishes (second-tier or city names), with the bracketed
  alternative names split off, plus the ``CURATED`` English names below for regions whose ISO
  name is in the local language.

A form that is already a name in ``gazetteer.json`` (a state, capital, demonym, seat or
organisation) is left out, and so is a one-word region name made only of a generic word
("Central", "Northern"). Only facts are derived (names and codes); no lexicon file is copied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_gazetteer import DEFAULT_LEXICONS, parse_phoenix  # noqa: E402

from newsgraph.extractors.gazetteer import DEFAULT_PATH, Gazetteer, normalise  # noqa: E402
from newsgraph.extractors.models import slugify  # noqa: E402

DEFAULT_OUT = ROOT / "extractors" / "data" / "parties_regions.json"
FORMAT = "parties-regions.v1"
ATTRIBUTION = (
    "Parties derived from the Phoenix/PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance); "
    "regions from ISO 3166-2 first-level subdivisions in pycountry (Debian iso-codes; LGPL-2.1); "
    "see extractors/data/GAZETTEER_SOURCES.md."
)

# Words that make an actor's name a political organisation's.
PARTY_WORDS = re.compile(r"\b(PARTY|FRONT|MOVEMENT|COALITION|LEAGUE|CONGRESS|ALLIANCE|UNION|INTERNATIONAL)\b")
# Sector codes of political actors in Phoenix (party, opposition, rebels, insurgents).
PARTY_CODES = re.compile(r"PTY|OPP|REB|INS")
# Sector codes of armed groups in Phoenix (rebels, insurgents, militarised groups).
ARMED_CODES = re.compile(r"REB|INS|IMG")
# Words that make a form an armed group's name, in English and Arabic transliteration (jaish/jaysh
# army, liwa brigade, katiba/kataeb battalion(s), jabhat front, harakat movement, ahrar free men).
GROUP_WORDS = re.compile(r"\b(ARMY|BRIGADES?|BATTALIONS?|MILITIA|NETWORK|ISLAMIC STATE|QAEDA|QAIDA|JAISH|JAYSH|"
                         r"LIWAA?|KATIBAT|KATAEB|JABHAT|HARAKAT|AHRAR)\b")
# Office words: a form holding one names a post, not the party ("General Secretary of ...").
OFFICE_WORDS = re.compile(r"\b(SECRETARY|CHIEF|LEADER|CHAIRMAN|PRESIDENT|POLITBURO|PRESIDIUM|BUREAU|COMMITTEE)\b")

# Subdivision types that are second-tier units or single cities, not regions.
REGION_TYPES_OUT = re.compile(r"city|municipal|district|borough|commune|parish|town|quarter|council|precinct", re.I)
# One-word region names that are generic words, not names.
GENERIC = {"capital", "central", "centre", "center", "coast", "east", "eastern", "highlands", "interior", "islands",
           "lakes", "littoral", "lower", "midlands", "north", "northern", "plateau", "south", "southern", "upper",
           "west", "western", "national", "federal", "island", "sea", "river", "mountain", "mountains", "valley"}

# CURATED: common English names of first-level subdivisions whose ISO 3166-2 name is local
# (ISO 3166-2 code -> English names).
ENGLISH_NAMES = {
    "UA-43": ["Crimea", "Autonomous Republic of Crimea"], "UA-14": ["Donetsk Oblast", "Donetsk region"],
    "UA-09": ["Luhansk Oblast", "Luhansk region"], "IQ-KR": ["Kurdistan Region", "Iraqi Kurdistan"],
    "RU-CE": ["Chechnya", "Chechen Republic"], "RU-DA": ["Dagestan"], "CN-XZ": ["Tibet"], "CN-XJ": ["Xinjiang"],
    "ES-CT": ["Catalonia"], "ES-PV": ["Basque Country"], "ES-AN": ["Andalusia"], "IT-82": ["Sicily"],
    "IN-JK": ["Jammu and Kashmir"], "MD-SN": ["Transnistria"], "AZ-NX": ["Nakhchivan"], "RS-VO": ["Vojvodina"],
    "DE-BY": ["Bavaria"], "BE-VLG": ["Flanders"], "BE-WAL": ["Wallonia"], "FR-COR": ["Corsica"],
    # Syrian provinces and Iraqi governorates (ISO names are transliterated Arabic: "Ḩalab", "Nīnawá")
    "SY-HL": ["Aleppo", "Aleppo Governorate"], "SY-RA": ["Raqqa", "Raqqah", "Al-Raqqa", "Raqqa Governorate"],
    "SY-DY": ["Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Deir ez-Zor Governorate"], "SY-HM": ["Hama", "Hama Governorate"],
    "SY-HI": ["Homs", "Homs Governorate"], "SY-LA": ["Latakia", "Latakia Governorate"], "SY-DR": ["Daraa", "Deraa", "Daraa Governorate"],
    "SY-HA": ["Hasakah", "Al-Hasakah", "Al-Hasakah Governorate"], "SY-QU": ["Quneitra", "Quneitra Governorate"],
    "SY-SU": ["Suwayda", "Sweida", "As-Suwayda Governorate"], "SY-TA": ["Tartus", "Tartus Governorate"],
    "SY-ID": ["Idlib", "Idlib Governorate"], "SY-RD": ["Rif Dimashq", "Rif Dimashq Governorate"],
    "IQ-NI": ["Nineveh", "Ninewa", "Ninawa", "Nineveh Governorate"], "IQ-AN": ["Al Anbar", "Anbar", "Anbar Governorate"],
    "IQ-SD": ["Salahuddin", "Salah al-Din", "Saladin", "Salahuddin Governorate"], "IQ-BA": ["Basra", "Basra Governorate"],
    "IQ-NA": ["Najaf", "Najaf Governorate"], "IQ-KA": ["Karbala", "Karbala Governorate"], "IQ-DQ": ["Dhi Qar", "Dhi Qar Governorate"],
    "IQ-QA": ["Qadisiyah", "Al-Qadisiyyah Governorate"], "IQ-MU": ["Muthanna", "Muthanna Governorate"],
    "IQ-WA": ["Wasit", "Wasit Governorate"], "IQ-MA": ["Maysan", "Maysan Governorate"], "IQ-DI": ["Diyala", "Diyala Governorate"],
    "IQ-KI": ["Kirkuk", "Kirkuk Governorate"], "IQ-BB": ["Babil", "Babil Governorate"],
}
# CURATED: governorates ISO 3166-2 lists under a parent (the Kurdistan Region's) and Kosovo's seven
# districts (Kosovo has no ISO 3166-2 entries; the codes here are ours, "XK-" + two letters).
EXTRA_REGIONS = {
    "IQ-AR": ["Erbil", "Arbil", "Erbil Governorate"], "IQ-DA": ["Duhok", "Dohuk", "Duhok Governorate"],
    "IQ-SU": ["Sulaymaniyah", "Sulaimaniya", "Sulaymaniyah Governorate"],
    "XK-PR": ["District of Pristina"], "XK-PZ": ["District of Prizren", "Prizren"], "XK-PE": ["District of Peja", "Peja", "Peć"],
    "XK-MI": ["District of Mitrovica", "Mitrovica", "North Mitrovica"], "XK-GL": ["District of Gjilan", "Gjilan"],
    "XK-FE": ["District of Ferizaj", "Ferizaj", "Uroševac"], "XK-GJ": ["District of Gjakova", "Gjakova", "Đakovica"],
}


def build_parties(lexicons: Path, known: set[str]) -> list[dict]:
    """Party and armed-group records ``{id, name, variants, acronyms}`` from the Phoenix actor files."""
    out: dict[str, dict] = {}
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for forms, codes, _dated in parse_phoenix(lexicons / fname):
            if not forms:
                continue
            if any(ARMED_CODES.search(c) for c in codes) and not any("PTY" in c for c in codes):
                _add_group(out, _group_forms(forms), known)
                continue
            if not any(PARTY_CODES.search(c) for c in codes):
                if not (any("GOV" in c for c in codes) and re.search(r"\bPARTY\b", forms[0])):
                    continue  # a government actor only when its head is a party ("Communist Party of China")
            if not any("PTY" in c for c in codes) and not PARTY_WORDS.search(forms[0]):
                continue  # opposition, rebels, insurgents: only when the head names an organisation
            names = [f for f in forms if PARTY_WORDS.search(f) and not OFFICE_WORDS.search(f)
                     and normalise(f) not in known and not re.search(r"[^\x00-\x7f]", f)]
            if not names:
                continue
            name = re.sub(r"^The ", "", _title(names[0]))
            pid = slugify(name)
            rec = out.setdefault(pid, {"id": pid, "name": name, "acronyms": [], "variants": [], "wikidata": None})
            for f in names[1:]:
                if _title(f) not in rec["variants"] and _title(f) != rec["name"]:
                    rec["variants"].append(_title(f))
    _merge_acronyms(out)
    return [out[k] for k in sorted(out)]


def _initials(form: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", form.upper()) if w and w not in {"OF", "AND", "THE", "AL", "IN"})


def _merge_acronyms(out: dict) -> None:
    """A group whose acronym spells another record's name ("ISIL": Islamic State of Iraq and the
    Levant) is that record: its forms join it."""
    for pid in list(out):
        rec = out[pid]
        target = next((k for k, r in out.items() if k != pid and any(
            _initials(f) == a for a in rec["acronyms"] for f in (r["name"], *r["variants"]))), None)
        if target is None:
            continue
        dest = out[target]
        for f in (rec["name"], *rec["variants"]):
            if f not in dest["variants"] and f != dest["name"]:
                dest["variants"].append(f)
        dest["acronyms"] += [a for a in rec["acronyms"] if a not in dest["acronyms"]]
        del out[pid]


def _group_forms(forms: list[str]) -> list[str]:
    """The forms of an armed group's block that name the group, not one of its leaders."""
    words_of_longer = {w for f in forms if len(f.split()) > 1 for w in re.split(r"[\s-]+", f)}
    return [f for f in forms if (GROUP_WORDS.search(f) or PARTY_WORDS.search(f) or
                                 (" " not in f and "-" not in f and f not in words_of_longer))
            and not OFFICE_WORDS.search(f)]


def _add_group(out: dict, forms: list[str], known: set[str]) -> None:
    forms = [f for f in forms if normalise(f) not in known and not re.search(r"[^\x00-\x7f]", f)]
    if not forms:
        return
    long = [f for f in forms if " " in f] or forms
    name = re.sub(r"^The ", "", _title(long[0]))
    pid = slugify(name)
    rec = out.setdefault(pid, {"id": pid, "name": name, "acronyms": [], "variants": [], "wikidata": None})
    for f in forms:
        if " " not in f and len(f) <= 4 and f.isalpha():
            if f not in rec["acronyms"]:
                rec["acronyms"].append(f)  # "ISIL", "AQI": matched only in capitals
        elif _title(f) not in rec["variants"] and _title(f) != rec["name"]:
            rec["variants"].append(_title(f))


def build_regions(known: set[str]) -> list[dict]:
    """Region records ``{code, name, variants}``: first-level ISO 3166-2 subdivisions."""
    import pycountry

    out = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code or REGION_TYPES_OUT.search(sub.type):
            continue
        names = _split_names(sub.name) + ENGLISH_NAMES.get(sub.code, [])
        keep = []
        for n in names:
            norm = normalise(n)
            if not norm or norm in known or re.search(r"\d|\b[A-Z]{2}-[A-Z]", n) or norm in GENERIC or not n[:1].isupper():
                continue
            if norm not in {normalise(k) for k in keep}:
                keep.append(n)
        if keep:
            name = (ENGLISH_NAMES.get(sub.code) or keep)[0]
            out.append({"code": sub.code, "name": name, "variants": [n for n in keep if n != name]})
    for code, names in EXTRA_REGIONS.items():
        keep = [n for n in names if normalise(n) not in known]
        if keep:
            out.append({"code": code, "name": keep[0], "variants": keep[1:]})
    return sorted(out, key=lambda r: r["code"])


def _split_names(name: str) -> list[str]:
    """"Catalunya [Cataluña]" -> both; "Bristol, City of" -> nothing (a city); "X, Y" -> "X"."""
    if ", " in name and name.split(", ", 1)[1].lower().startswith(("city", "the city")):
        return []
    parts = re.split(r"\s*[\[\]/]\s*", name)
    return [p.split(", ")[0].strip() for p in parts if p.strip()]


def _title(form: str) -> str:
    small = {"of", "the", "and", "for", "on", "in"}
    return " ".join(w.lower() if i and w.lower() in small else w[:1] + w[1:].lower()
                    for i, w in enumerate(form.split()))


def build(lexicons: Path) -> dict:
    gaz = Gazetteer(json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
    known = {normalise(form) for form, _ in gaz.entries()}
    parties = build_parties(lexicons, known)
    known |= {normalise(f) for p in parties for f in (p["name"], *p["variants"])}
    return {"version": FORMAT, "attribution": ATTRIBUTION, "parties": parties, "regions": build_regions(known)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    data = build(args.lexicons)
    text = json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['parties'])} parties, {len(data['regions'])} regions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
