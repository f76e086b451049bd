"""Gazetteer of states and major international organisations.

The gazetteer resolves a surface form ("the Kremlin", "U.S.", "Venezuelan",
"NATO") to a graph node key (``state:RUS``, ``institution:nato``) with one
dictionary lookup. Its data is ``extractors/data/gazetteer.json``, regenerated
from open data by ``bench/build_gazetteer.py`` (sources and licences in
``extractors/data/GAZETTEER_SOURCES.md``). Nothing is downloaded at run time.

File format (``"version": "gazetteer.v1"``)::

    {
      "version": "gazetteer.v1",
      "attribution": "...",                 # one line naming the sources
      "states": [{
        "iso3": "RUS", "iso2": "RU",        # ISO 3166-1 (Kosovo: XKX / XK)
        "wikidata": "Q159",                 # or null
        "name": "Russia",                   # short common English name
        "status": "member",                 # UN status: member | observer | other
        "variants": ["Russian Federation"], # other names of the state
        "acronyms": [],                     # matched only when written in capitals
        "demonyms": ["Russian", "Russians"],# matched only when capitalised
        "capitals": ["Moscow"],
        "seats": [{"name": "Kremlin",       # a seat of power standing for the state
                   "kind": "executive",     # executive | defence | foreign | legislature
                   "variants": []}]
      }],
      "organisations": [{
        "id": "nato",                       # node key institution:<id>
        "name": "NATO",
        "acronyms": ["NATO"],               # matched only when written in capitals
        "variants": ["North Atlantic Treaty Organization"],
        "wikidata": "Q7184"                 # or null
      }],
      "case_sensitive": ["China", "Turkey"] # names that are also common words:
                                            # matched only when capitalised
    }

Lookup normalises the text: case-insensitive, accents stripped, a leading
"the" dropped, a trailing possessive ("'s", "’s") dropped, dots inside
acronyms ignored ("U.S." == "US"), "&" read as "and", hyphens and whitespace
collapsed. Three guards keep common words out: acronyms match only when the
text is upper case as given (so the pronoun "us" is not the United States),
demonyms and the ``case_sensitive`` names match only when capitalised ("polish
the table", "turkey dinner" do not match), and forms claimed by two entries
are left out of the file by the build script.

Examples
--------
>>> gaz = Gazetteer.load()
>>> m = gaz.lookup("the Kremlin's")
>>> (m.kind, m.key, m.name, m.codes["wikidata"])
('seat', 'state:RUS', 'Russia', 'Q159')
>>> gaz.lookup("U.S.").key
'state:USA'
>>> gaz.lookup("us") is None
True
>>> gaz.lookup("United Nations").key
'institution:un'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.corpus.errors import DataError

__all__ = [
    "DEFAULT_PATH",
    "EXTRA_PATH",
    "FORMAT_VERSION",
    "KINDS",
    "Gazetteer",
    "Match",
    "Organisation",
    "Region",
    "State",
    "normalise",
]

#: The bundled gazetteer file.
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.json"
#: The file format this module reads.
FORMAT_VERSION = "gazetteer.v1"
#: Every value of :attr:`Match.kind`.
KINDS = ("state", "demonym", "capital", "seat", "organisation", "region")

# When two entries share a normalised form (the build script prevents it), the
# kind earlier in this order wins, so the result does not depend on file order.
_PRIORITY = {"state": 0, "organisation": 1, "seat": 2, "capital": 3, "demonym": 4, "region": 5}
#: Political parties and first-level regions (``bench/build_parties_regions.py``), merged into the
#: bundled gazetteer on load: parties as organisations, regions as kind ``region`` (a Location).
EXTRA_PATH = DEFAULT_PATH.with_name("parties_regions.json")

# Case guards on an index entry.
_ANY_CASE = 0  # matches in any case
_CAPITALISED = 1  # the first letter must be upper case
_UPPER = 2  # every letter must be upper case (acronyms)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# A dot (and spaces) after a single letter before another one: "U. S." -> "US".
_ACRONYM_DOT = re.compile(r"\b([^\W\d_])\.\s*(?=[^\W\d_]\b)")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015,/]+")
_DROPPED = re.compile(r"[.'()\"]")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _surface(text: str) -> str:
    """The significant part of ``text``: no accents, no leading "the", no possessive."""
    text = _strip_accents(text.translate(_APOSTROPHES)).strip()
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


@lru_cache(maxsize=1 << 16)  # a pure function of a name; the same names recur in every document
def normalise(text: str) -> str:
    """Return the lookup key of a surface form.

    Parameters
    ----------
    text : str
        A name as written in a document.

    Returns
    -------
    str
        Lower case, accents stripped, leading "the" and trailing possessive
        dropped, acronym dots removed, "&" read as "and", punctuation and
        hyphens turned into single spaces.

    Examples
    --------
    >>> normalise("the U.S.'s")
    'us'
    >>> normalise("Côte d’Ivoire")
    'cote divoire'
    >>> normalise("Bosnia & Herzegovina")
    'bosnia and herzegovina'
    """
    text = _surface(text)
    text = _ACRONYM_DOT.sub(r"\1", text)
    text = text.replace("&", " and ")
    text = _DROPPED.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    return _LEADING_THE.sub("", text.strip()).casefold()


def _case_ok(text: str, guard: int) -> bool:
    if guard == _ANY_CASE:
        return True
    letters = [c for c in _surface(text) if c.isalpha()]
    if not letters:
        return False
    if guard == _UPPER:
        return all(c.isupper() for c in letters)
    return letters[0].isupper()


@dataclass(frozen=True, slots=True)
class Match:
    """What a surface form resolves to.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`: ``"state"`` (a name of the state), ``"demonym"``,
        ``"capital"``, ``"seat"`` (a seat of power used for the state) or
        ``"organisation"``.
    key : str
        The graph node id: ``state:<ISO3>`` or ``institution:<id>``.
    name : str
        Canonical display name of the state or organisation.
    codes : dict
        ``iso3``, ``iso2`` and ``wikidata`` where known (organisations: ``wikidata``).
    form : str
        The gazetteer form that matched ("Kremlin", "Russians", "U.N." -> "UN").
    role : str or None
        For seats, what the seat stands for (``"executive"``, ``"defence"``,
        ``"foreign"``, ``"legislature"``); otherwise None.
    """

    kind: str
    key: str
    name: str
    codes: dict[str, str] = field(hash=False)
    form: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class State:
    """One state record of the gazetteer (see the module docstring for fields)."""

    iso3: str
    iso2: str
    wikidata: str | None
    name: str
    status: str
    variants: tuple[str, ...]
    acronyms: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[tuple[str, str, tuple[str, ...]], ...]  # (name, kind, variants)

    @property
    def key(self) -> str:
        """Graph node id, ``state:<ISO3>``."""
        return f"state:{self.iso3}"

    @property
    def codes(self) -> dict[str, str]:
        """``iso3``, ``iso2`` and ``wikidata`` where known."""
        codes = {"iso3": self.iso3, "iso2": self.iso2, "wikidata": self.wikidata}
        return {k: v for k, v in codes.items() if v}


@dataclass(frozen=True, slots=True)
class Organisation:
    """One international organisation of the gazetteer."""

    id: str
    name: str
    acronyms: tuple[str, ...]
    variants: tuple[str, ...]
    wikidata: str | None

    @property
    def key(self) -> str:
        """Graph node id, ``institution:<id>``."""
        return f"institution:{self.id}"

    @property
    def codes(self) -> dict[str, str]:
        """``wikidata`` where known."""
        return {"wikidata": self.wikidata} if self.wikidata else {}


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level subdivision of a state (ISO 3166-2): a place, never an actor."""

    code: str
    name: str
    variants: tuple[str, ...]

    @property
    def key(self) -> str:
        """Graph node id, ``location:<slug of name>``."""
        from .models import slugify

        return f"location:{slugify(self.name)}"

    @property
    def codes(self) -> dict[str, str]:
        return {}


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    key: str
    name: str
    codes: tuple[tuple[str, str], ...]
    form: str
    role: str | None
    guard: int

    def match(self) -> Match:
        return Match(self.kind, self.key, self.name, dict(self.codes), self.form, self.role)


class Gazetteer:
    """States and organisations indexed by normalised surface form.

    Parameters
    ----------
    data : Mapping
        The parsed JSON document (see the module docstring). Use
        :meth:`load` to read the bundled file.

    Raises
    ------
    corpus.errors.DataError
        If ``data`` is not a ``gazetteer.v1`` document.

    Examples
    --------
    >>> gaz = Gazetteer.load()
    >>> gaz.lookup("Caracas").kind, gaz.lookup("Caracas").key
    ('capital', 'state:VEN')
    >>> gaz.state("VAT").name
    'Vatican'
    """

    def __init__(self, data: Mapping) -> None:
        if not isinstance(data, Mapping) or data.get("version") != FORMAT_VERSION:
            found = data.get("version") if isinstance(data, Mapping) else type(data).__name__
            raise DataError(
                f"Gazetteer data has version {found!r}, expected {FORMAT_VERSION!r}. "
                "Regenerate it with: python bench/build_gazetteer.py"
            )
        self.version: str = FORMAT_VERSION
        self.attribution: str = str(data.get("attribution", ""))
        try:
            self._states = {s["iso3"]: _state_record(s) for s in data["states"]}
            self._orgs = {o["id"]: _org_record(o) for o in (*data["organisations"], *data.get("parties", ()))}
            self._regions = tuple(Region(r["code"], r["name"], tuple(r.get("variants", ()))) for r in data.get("regions", ()))
        except (KeyError, TypeError) as exc:
            raise DataError(f"Gazetteer data is malformed: missing or bad field {exc}.") from exc
        capitalised = {normalise(form) for form in data.get("case_sensitive", ())}
        self._index: dict[str, _Entry] = {}
        for form, kind, record, role, guard in self._forms():
            if guard == _ANY_CASE and normalise(form) in capitalised:
                guard = _CAPITALISED
            self._add(form, kind, record, role, guard)

    # -- construction -------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer file; the result is cached per path.

        Parameters
        ----------
        path : str or Path, optional
            A ``gazetteer.v1`` JSON file. Defaults to the bundled
            :data:`DEFAULT_PATH`.

        Returns
        -------
        Gazetteer
            The same instance for the same path (do not mutate it).

        Raises
        ------
        corpus.errors.DataError
            If the file is missing, is not JSON, or is not ``gazetteer.v1``.

        Examples
        --------
        >>> Gazetteer.load() is Gazetteer.load()
        True
        """
        resolved = Path(DEFAULT_PATH if path is None else path).resolve()
        return _load_cached(str(resolved))

    def _forms(self) -> Iterator[tuple[str, str, State | Organisation | Region, str | None, int]]:
        for st in self._states.values():
            yield st.name, "state", st, None, _ANY_CASE
            for form in st.variants:
                yield form, "state", st, None, _ANY_CASE
            for form in st.acronyms:
                yield form, "state", st, None, _UPPER
            for name, role, variants in st.seats:
                for form in (name, *variants):
                    yield form, "seat", st, role, _ANY_CASE
            for form in st.capitals:
                yield form, "capital", st, None, _ANY_CASE
            for form in st.demonyms:
                yield form, "demonym", st, None, _CAPITALISED
        for org in self._orgs.values():
            yield org.name, "organisation", org, None, (_UPPER if org.name in org.acronyms else _ANY_CASE)
            for form in org.variants:
                yield form, "organisation", org, None, _ANY_CASE
            for form in org.acronyms:
                yield form, "organisation", org, None, _UPPER
        for region in self._regions:
            for form in (region.name, *region.variants):
                yield form, "region", region, None, _CAPITALISED

    def _add(self, form: str, kind: str, record: State | Organisation | Region, role: str | None, guard: int) -> None:
        norm = normalise(form)
        if not norm:
            return
        old = self._index.get(norm)
        # First come wins unless the new form is of a stronger kind, or of the
        # same kind with a looser case guard ("Chad" the name over "CHAD").
        if old is not None and (_PRIORITY[kind], guard) >= (_PRIORITY[old.kind], old.guard):
            return
        self._index[norm] = _Entry(kind, record.key, record.name, tuple(record.codes.items()), form, role, guard)

    # -- queries -------------------------------------------------------------

    def lookup(self, text: str) -> Match | None:
        """Resolve a surface form.

        Parameters
        ----------
        text : str
            A mention as written ("the Kremlin", "U.S.", "Venezuelans").

        Returns
        -------
        Match or None
            None when the form is unknown or fails its case guard.

        Examples
        --------
        >>> gaz = Gazetteer.load()
        >>> m = gaz.lookup("Venezuelans")
        >>> m.kind, m.key, m.codes["iso3"]
        ('demonym', 'state:VEN', 'VEN')
        >>> gaz.lookup("polish") is None, gaz.lookup("Polish").key
        (True, 'state:POL')
        """
        entry = self._index.get(normalise(text))
        if entry is None or not _case_ok(text, entry.guard):
            return None
        return entry.match()

    def state(self, iso3: str) -> State | None:
        """Return the state with ISO 3166-1 alpha-3 code ``iso3`` (any case), or None.

        Examples
        --------
        >>> Gazetteer.load().state("xkx").name
        'Kosovo'
        """
        return self._states.get(iso3.upper())

    def states(self) -> tuple[State, ...]:
        """Return every state, sorted by ISO3 code.

        Examples
        --------
        >>> sum(s.status == "member" for s in Gazetteer.load().states())
        193
        """
        return tuple(self._states[k] for k in sorted(self._states))

    def organisation(self, org_id: str) -> Organisation | None:
        """Return the organisation with id ``org_id`` (``"un"``, ``"nato"``), or None."""
        return self._orgs.get(org_id.lower())

    def organisations(self) -> tuple[Organisation, ...]:
        """Return every organisation, sorted by id."""
        return tuple(self._orgs[k] for k in sorted(self._orgs))

    def entries(self) -> Iterator[tuple[str, Match]]:
        """Yield ``(form, match)`` for every indexed form, e.g. to build a PhraseMatcher.

        Acronyms, demonyms and case-sensitive names still need :meth:`lookup`
        (or the same case check) on the text found.

        Examples
        --------
        >>> forms = dict(Gazetteer.load().entries())
        >>> forms["Holy See"].key
        'state:VAT'
        """
        for entry in self._index.values():
            yield entry.form, entry.match()

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self._states)} states, {len(self._orgs)} organisations, {len(self)} forms>"


def _state_record(s: Mapping) -> State:
    return State(
        iso3=s["iso3"],
        iso2=s["iso2"],
        wikidata=s.get("wikidata"),
        name=s["name"],
        status=s["status"],
        variants=tuple(s.get("variants", ())),
        acronyms=tuple(s.get("acronyms", ())),
        demonyms=tuple(s.get("demonyms", ())),
        capitals=tuple(s.get("capitals", ())),
        seats=tuple((x["name"], x["kind"], tuple(x.get("variants", ()))) for x in s.get("seats", ())),
    )


def _org_record(o: Mapping) -> Organisation:
    return Organisation(
        id=o["id"],
        name=o["name"],
        acronyms=tuple(o.get("acronyms", ())),
        variants=tuple(o.get("variants", ())),
        wikidata=o.get("wikidata"),
    )


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise DataError(
            f"Gazetteer file not found: {path}. Regenerate it with: python bench/build_gazetteer.py"
        ) from None
    except (OSError, ValueError) as exc:
        raise DataError(f"Gazetteer file {path} cannot be read: {exc}.") from exc
    if isinstance(data, dict) and isinstance(data.get("states"), list):
        # demonyms of data/agents.toml the file lacks ("Serb"): see extractors/actors.py
        from .actors import demonym_completions

        extra = demonym_completions(s for s in data["states"] if isinstance(s, Mapping) and "iso3" in s and "name" in s)
        data = dict(data, states=[dict(s, demonyms=list(s.get("demonyms", ())) + extra[s["iso3"]])
                                  if isinstance(s, Mapping) and s.get("iso3") in extra else s for s in data["states"]])
    if Path(path) == DEFAULT_PATH.resolve() and isinstance(data, dict) and EXTRA_PATH.is_file():
        try:
            extra = json.loads(EXTRA_PATH.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"Gazetteer file {EXTRA_PATH} cannot be read: {exc}.") from exc
        data = dict(data, parties=extra.get("parties", []), regions=extra.get("regions", []))
    return Gazetteer(data)
