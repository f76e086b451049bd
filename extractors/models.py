"""The data model of newsgraph: one definition of each shared fact.

Every stage imports its vocabulary from here: entity types, evidence statuses and their order,
relation families, the co-occurrence type; and the small serialisable records the stages pass
on: :class:`Mention`, :class:`Entity`, :class:`Relation` and the per-document :class:`DocResult`.

Examples
--------
>>> strongest_status(["negated", "reported", "considered"])
'reported'
>>> STATUS_ORDER[0], STATUS_ORDER[-1]
('asserted', 'negated')
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from anyascii import anyascii

__all__ = [
    "PERSON",
    "STATE",
    "INSTITUTION",
    "LOCATION",
    "ENTITY_TYPES",
    "STATUSES",
    "STATUS_ORDER",
    "STATUS_PRECEDENCE",
    "FACTUAL_STATUSES",
    "FAMILIES",
    "MENTIONED_WITH",
    "strongest_status",
    "RESULT_VERSION",
    "Mention",
    "Entity",
    "EntityInfo",
    "Relation",
    "DocResult",
    "fold",
    "slugify",
    "script_form",
    "entity_key",
    "same_actor_name",
]

#: Entity node types.
PERSON, STATE, INSTITUTION, LOCATION = "Person", "State", "Institution", "Location"
ENTITY_TYPES = (PERSON, STATE, INSTITUTION, LOCATION)

#: Evidence statuses, strongest first: the edge summary is the strongest among its evidence
#: (the graph.json contract).
STATUS_ORDER = ("asserted", "reported", "alleged", "proposed", "considered", "hypothetical", "negated")
#: Every status an evidence item may carry (same set as STATUS_ORDER).
STATUSES = STATUS_ORDER
#: Which signal wins when one sentence carries several (most restrictive first).
STATUS_PRECEDENCE = ("negated", "hypothetical", "considered", "proposed", "alleged", "reported", "asserted")
#: Statuses that state a fact (drawn solid in the HTML; every other status is dashed).
FACTUAL_STATUSES = frozenset({"asserted", "reported"})

#: Relation families (they drive the HTML colours).
FAMILIES = ("cooperation", "conflict", "role", "co-occurrence")

#: The relation type of two entities named in one sentence.
MENTIONED_WITH = "MENTIONED_WITH"


def strongest_status(statuses: Iterable[str]) -> str:
    """The edge summary status: the strongest among its evidence items ("asserted" if none)."""
    present = set(statuses)
    return next((s for s in STATUS_ORDER if s in present), "asserted")


def _strip_accents(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case, accent-free, Latin-script form used for comparing names (cached: it is pure).

    Other scripts are transliterated (anyascii), so one name written in Cyrillic and in Latin
    letters folds alike; letters without a decomposition ("Ł", "Ø", "ß") get their Latin form.

    >>> fold("Nicolás MADURO"), fold("Łukasz Ø"), fold("Сергей Лавров")
    ('nicolas maduro', 'lukasz o', 'sergey lavrov')
    """
    return anyascii(unicodedata.normalize("NFC", text)).lower()


def script_form(text: str) -> str:
    """The name's own letters and digits, lower-case and accent-free but not transliterated.

    Two names with the same :func:`slugify` are different actors when both are written in
    another script than Latin and their script forms differ ("李刚" and "李钢" both give "ligang").

    >>> script_form("Сергей  Лавров!"), script_form("Nicolás Maduro")
    ('сергеилавров', 'nicolasmaduro')
    """
    return "".join(c for c in _strip_accents(text).lower() if c.isalnum())


def _short_hash(text: str) -> str:
    return hashlib.sha1(script_form(text).encode("utf-8")).hexdigest()[:8]


def slugify(text: str) -> str:
    """Readable id part, transliterated to Latin letters; a short hash when nothing is left.

    >>> slugify("Nicolás Maduro"), slugify("Мария Захарова"), slugify("Ła Øresund")
    ('nicolas-maduro', 'mariya-zakharova', 'la-oresund')
    >>> slugify("…")
    'h-df316e17'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug or "h-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _non_latin(text: str) -> bool:
    return any(c.isalpha() and not c.isascii() and "LATIN" not in unicodedata.name(c, "") for c in text)


def same_actor_name(a: str, b: str) -> bool:
    """Whether two names with one slug may name one actor: not when both are written in a
    non-Latin script and differ there."""
    return not (_non_latin(a) and _non_latin(b) and script_form(a) != script_form(b))


def entity_key(prefix: str, name: str, taken=None) -> str:
    """``prefix + slugify(name)``, or with a short hash of the name when that key is ``taken``
    (a mapping key -> Entity) by a different actor.

    >>> entity_key("person:", "Сергей Лавров")
    'person:sergey-lavrov'
    >>> taken = {"person:ligang": Entity("person:ligang", PERSON, "李刚")}
    >>> entity_key("person:", "李钢", taken) != entity_key("person:", "李刚", taken)
    True
    """
    key = prefix + slugify(name)
    if taken and key in taken and not same_actor_name(taken[key].name, name):
        key = f"{key}-{_short_hash(name)}"
    return key


#: Version of the :meth:`DocResult.to_dict` format (part of the build cache key).
RESULT_VERSION = "docresult.v1"


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in a document (offsets into the document text)."""

    start: int
    end: int
    text: str  # surface form, cleaned (no leading "the", no possessive)
    type: str
    key: str
    how: str  # why it has this key: a ``how`` value of the resolution registry, or "exact"
    sent: int
    tokens: tuple[int, int] = (0, 0)  # token span in the spaCy doc (not serialised)


@dataclass(slots=True)
class Entity:
    """What a document says about one entity: display name, titles, codes.

    Mutable: the in-document stages add titles and states as they join mentions. After
    corpus-wide resolution (:func:`newsgraph.extractors.resolution.resolve_corpus`) ``key`` is
    the corpus key the entity joined, while ``DocResult.entities`` stays keyed by the
    document's own key.
    """

    key: str
    type: str
    name: str
    titles: set[str] = field(default_factory=set)
    codes: dict = field(default_factory=dict)
    states: set[str] = field(default_factory=set)  # demonym states in a person's title phrase
    ambiguous: bool = False  # corpus resolution: a short name several people could be (not cached)


#: The former name of :class:`Entity`.
EntityInfo = Entity


@dataclass(frozen=True, slots=True)
class Relation:
    """One typed relation found in one sentence: a small, serialisable evidence record.

    Offsets are character offsets in the document text; entity keys are those returned by
    the caller's ``entity_of``.
    """

    subject: str
    type: str
    object: str
    sent_start: int
    sent_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str
    confidence: float
    status: str
    according_to: str | None
    role: str | None
    #: the words naming the subject when it was reached through a noun ("forces", "leaders")
    actor_role: str | None = None
    #: the sector of that noun in data/agents.toml ("military", "government", "rebels", ...)
    actor_sector: str | None = None
    #: the same two for the object ("talks with leaders of Romania's government": "leaders")
    target_role: str | None = None
    target_sector: str | None = None
    #: what besides the sentence the fact rests on: ``"title + Phoenix actor table"`` when a bare
    #: title's state comes from the person table (``extractors/persons.py``); else None
    how: str | None = None


@dataclass(frozen=True, slots=True)
class DocResult:
    """Everything the graph needs from one document; JSON-serialisable for the cache.

    Examples
    --------
    >>> r = DocResult("d1", None, 3, [Mention(0, 6, "Russia", STATE, "state:RUS", "gazetteer", 0)],
    ...               {"state:RUS": Entity("state:RUS", STATE, "Russia")}, [], {}, [])
    >>> DocResult.from_dict(r.to_dict()) == r
    True
    """

    doc_id: str
    date: str | None
    words: int
    mentions: list[Mention]
    entities: dict[str, Entity]
    links: list[tuple[int, int, str, str]]  # (start, end, key, how) for pronouns/descriptions
    sentences: dict[int, tuple[int, int, str]]  # sentence index -> (start, end, text), evidence only
    cooccurrences: list[tuple[int, list[str]]]  # (sentence index, sorted entity keys)
    relations: list[Relation] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dict (``RESULT_VERSION`` format); token spans are not kept."""
        return {
            "version": RESULT_VERSION,
            "doc_id": self.doc_id,
            "date": self.date,
            "words": self.words,
            "mentions": [[m.start, m.end, m.text, m.type, m.key, m.how, m.sent] for m in self.mentions],
            "entities": {k: {"type": e.type, "name": e.name, "titles": sorted(e.titles), "codes": e.codes,
                             "states": sorted(e.states)} for k, e in self.entities.items()},
            "links": [list(x) for x in self.links],
            "sentences": {str(k): list(v) for k, v in self.sentences.items()},
            "cooccurrences": [[i, keys] for i, keys in self.cooccurrences],
            "relations": [asdict(r) for r in self.relations],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "DocResult":
        """The DocResult of :meth:`to_dict`'s output."""
        return cls(
            doc_id=data["doc_id"],
            date=data["date"],
            words=data["words"],
            mentions=[Mention(s, e, t, ty, k, h, n) for s, e, t, ty, k, h, n in data["mentions"]],
            entities={k: Entity(k, v["type"], v["name"], set(v["titles"]), v["codes"], set(v["states"]))
                      for k, v in data["entities"].items()},
            links=[tuple(x) for x in data["links"]],
            sentences={int(k): tuple(v) for k, v in data["sentences"].items()},
            cooccurrences=[(i, keys) for i, keys in data["cooccurrences"]],
            relations=[Relation(**r) for r in data["relations"]],
        )
