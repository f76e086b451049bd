"""The ontology: relation types and trigger rules, loaded and validated from data files.

The relation types, their CAMEO / PLOVER codes and their trigger rules are data
(``extractors/data/ontology.toml``, documented in ``ONTOLOGY.md``); users add their own with
``Ontology.load("my_rules.yml")`` (TOML, YAML or JSON). Loading checks every field, role and
pattern, so a bad file fails at once with a message naming the file and the rule.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from newsgraph.corpus.errors import PathNotFound, RulesError

from .arguments import ROLES
from .models import ENTITY_TYPES, FAMILIES, STATUSES
from .syntax import PREP_DEPS
from .triggers import LEXICON_RULE_PREFIX, TRIGGERS_PATH, TriggerLexicon, lexicon_rule_specs

__all__ = ["DEFAULT_ONTOLOGY", "ROLES", "RelationType", "Rule", "Ontology", "spec_matches"]

#: The ontology shipped with newsgraph.
DEFAULT_ONTOLOGY = Path(__file__).parent / "data" / "ontology.toml"

TYPE_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
RULE_ID_RE = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.v[0-9]+$")
PREP_ROLE_RE = re.compile(r"^prep:[a-z-]+$")
TOP_KEYS = frozenset({"version", "types", "rules"})
TYPE_KEYS = frozenset({"label", "subject_types", "object_types", "symmetric", "cameo", "plover", "plover_intent", "family"})
RULE_KEYS = frozenset({
    "id", "type", "trigger", "head", "requires", "requires_rel", "exclude", "subject", "object",
    "possessive", "status", "role", "retype_if", "retype_to", "confidence", "pattern",
})
# Lower-case shorthand keys of a token spec and the spaCy Matcher attribute they stand for.
SHORTHAND_ATTRS = {"lemma": "LEMMA", "lower": "LOWER", "pos": "POS", "tag": "TAG", "dep": "DEP"}
# Token attribute read for each shorthand key when an ``exclude`` spec is checked in Python.
SHORTHAND_GETTERS = {"lemma": "lemma_", "lower": "lower_", "pos": "pos_", "tag": "tag_", "dep": "dep_"}


@dataclass(frozen=True, slots=True)
class RelationType:
    """A relation type of the ontology (one ``[types.NAME]`` table)."""

    name: str
    label: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    symmetric: bool
    cameo: str
    plover: str
    family: str
    plover_intent: str
    source: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A trigger rule (one ``[[rules]]`` table), validated and with its token specs compiled."""

    id: str
    type: str
    trigger: dict
    head: dict | None
    requires: dict | None
    requires_rel: str
    exclude: tuple[dict, ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    possessive: str
    status: str | None
    role: str | None
    retype_if: frozenset[str]
    retype_to: str | None
    confidence: float
    pattern: tuple | None
    source: str
    order: int

    def patterns(self) -> list[tuple[list[dict], tuple[str, ...]]]:
        """DependencyMatcher patterns of the rule, each with its node names in match order."""
        if self.pattern is not None:
            nodes = [dict(n) for n in self.pattern]
            return [(nodes, tuple(n["RIGHT_ID"] for n in nodes))]
        base = [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": self.trigger}]
        heads: list[list[dict]] = [[]]
        if self.head is not None:
            heads = [
                # "considering asylum": the head governs the trigger directly
                [{"LEFT_ID": "trigger", "REL_OP": "<", "RIGHT_ID": "head", "RIGHT_ATTRS": self.head}],
                # "asking for refuge": through one preposition
                [
                    {"LEFT_ID": "trigger", "REL_OP": "<", "RIGHT_ID": "head_prep", "RIGHT_ATTRS": {"DEP": {"IN": sorted(PREP_DEPS)}}},
                    {"LEFT_ID": "head_prep", "REL_OP": "<", "RIGHT_ID": "head", "RIGHT_ATTRS": self.head},
                ],
            ]
        requires: list[list[dict]] = [[]]
        if self.requires is not None and self.requires_rel == ">>":
            # any descendant: "sold $20 billion in weapons"
            requires = [[{"LEFT_ID": "trigger", "REL_OP": ">>", "RIGHT_ID": "requires", "RIGHT_ATTRS": self.requires}]]
        elif self.requires is not None:
            requires = [
                # "granted asylum"
                [{"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "requires", "RIGHT_ATTRS": self.requires}],
                # "offer of asylum"
                [
                    {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "requires_prep", "RIGHT_ATTRS": {"DEP": {"IN": sorted(PREP_DEPS)}}},
                    {"LEFT_ID": "requires_prep", "REL_OP": ">", "RIGHT_ID": "requires", "RIGHT_ATTRS": self.requires},
                ],
            ]
        out = []
        for h, r in itertools.product(heads, requires):
            nodes = base + h + r
            out.append((nodes, tuple(n["RIGHT_ID"] for n in nodes)))
        return out

    @property
    def specificity(self) -> int:
        """Number of constrained pattern nodes; more specific rules win on a shared trigger."""
        if self.pattern is not None:
            return len(self.pattern)
        return 1 + (self.head is not None) + (self.requires is not None)


class Ontology:
    """Relation types and trigger rules, loaded from the shipped file plus user rule files.

    Parameters
    ----------
    types : dict of str to RelationType
    rules : list of Rule
    version : str
        Hash of the rule files' content, for cache keys.
    paths : tuple of Path
        The files loaded, in order.

    Examples
    --------
    >>> onto = Ontology.load()
    >>> onto.types["OFFERED_ASYLUM_TO"].plover
    'AGREE'
    >>> len(onto.version)
    16
    """

    def __init__(self, types: dict[str, RelationType], rules: list[Rule], version: str, paths: tuple[Path, ...],
                 triggers=None):
        self.types = types
        self.rules = rules
        #: the :class:`~.triggers.TriggerLexicon` whose rules were added (or None)
        self.triggers = triggers
        self.version = version
        self.paths = paths

    def __repr__(self) -> str:
        return f"Ontology({len(self.types)} types, {len(self.rules)} rules, version={self.version!r})"

    @classmethod
    def load(cls, *extra_paths: str | Path, base: str | Path | None = DEFAULT_ONTOLOGY,
             triggers: str | Path | None = TRIGGERS_PATH) -> "Ontology":
        """Load the shipped ontology (``base``) and then each user rules file in order.

        User files use the same format (TOML, YAML or JSON); they may add types and rules,
        and add rules to existing types, but may not redefine a type or a rule id. With
        ``base``, the trigger lexicon ``triggers`` (``data/triggers.toml``) adds one verb and one
        noun rule per type (``lex.<type>.verb.v1``, see :mod:`.triggers`); ``None`` leaves it out.

        Raises
        ------
        PathNotFound
            A rules file does not exist.
        RulesError
            A file is invalid; the message names the file and the rule or type.
        """
        paths = tuple(Path(p) for p in ([base] if base is not None else []) + list(extra_paths))
        types: dict[str, RelationType] = {}
        rules: list[Rule] = []
        digest = hashlib.sha256()
        for path in paths:
            raw, data = _read_rules_file(path)
            digest.update(path.name.encode() + b"\0" + raw + b"\0")
            where = str(path)
            unknown = set(data) - TOP_KEYS
            if unknown:
                raise RulesError(f"{where}: unknown top-level key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TOP_KEYS))}")
            file_types = data.get("types", {}) or {}
            if not isinstance(file_types, Mapping):
                raise RulesError(f"{where}: 'types' must be a table of NAME = {{...}}")
            for name, spec in file_types.items():
                if name in types:
                    raise RulesError(f"{where}: type {name} is already defined in {types[name].source}; choose another name")
                types[name] = _parse_type(name, spec, where)
            file_rules = data.get("rules", []) or []
            if not isinstance(file_rules, list):
                raise RulesError(f"{where}: 'rules' must be an array of tables ([[rules]])")
            for spec in file_rules:
                rules.append(_parse_rule(spec, where, len(rules)))
        lexicon = None
        if triggers is not None and base is not None:
            lexicon = TriggerLexicon.load(triggers)
            digest.update(b"triggers\0" + Path(triggers).read_bytes() + b"\0")
            for spec in lexicon_rule_specs(lexicon, types, rules):
                rules.append(_parse_rule(spec, str(triggers), len(rules)))
        _check_references(types, rules)
        _check_patterns(rules)
        return cls(types, rules, digest.hexdigest()[:16], paths, lexicon)

    def type_nouns(self, type_name: str) -> frozenset[str]:
        """Lower-case noun triggers of one type: its curated rules' words that may be nouns and
        the type's nouns in the trigger lexicon ("strike", "shelling" for ATTACKED)."""
        cache = self.__dict__.setdefault("_type_nouns", {})
        if type_name not in cache:
            out = set(self.triggers.lemmas(type_name, "NOUN")) if self.triggers is not None else set()
            for rule in self.rules:
                if rule.type == type_name and rule.requires is None and rule.head is None:
                    out.update(_noun_trigger_words(rule))
            cache[type_name] = frozenset(out)
        return cache[type_name]

    def event_nouns(self) -> frozenset[str]:
        """Lower-case trigger words of curated rules that may be nouns (a ``pos`` list with NOUN),
        plus those of the trigger lexicon: the nouns that name events ("war", "meeting")."""
        if getattr(self, "_event_nouns", None) is None:
            out = set(self.triggers.nouns()) if self.triggers is not None else set()
            for rule in self.rules:
                out.update(_noun_trigger_words(rule))
            self._event_nouns = frozenset(out)
        return self._event_nouns

    def plover_of(self, type_name: str, status: str = "asserted") -> str:
        """PLOVER category of a relation type, its intent category for intended relations.

        >>> Ontology.load().plover_of("ATTACKED", "hypothetical")
        'THREATEN'
        """
        rtype = self.types[type_name]
        if status in {"proposed", "hypothetical"} and rtype.plover_intent:
            return rtype.plover_intent
        return rtype.plover


def _noun_trigger_words(rule) -> set[str]:
    """Lower-case trigger words (``LEMMA``, ``LOWER``: an ``IN`` list or one word) of a curated
    rule whose trigger may be a noun (a ``POS`` ``IN`` list with NOUN); empty for other rules."""
    pos = rule.trigger.get("POS", {})
    if rule.id.startswith(LEXICON_RULE_PREFIX) or not isinstance(pos, dict) or "NOUN" not in pos.get("IN", ()):
        return set()
    out = set()
    for key in ("LEMMA", "LOWER"):
        value = rule.trigger.get(key, {})
        out.update(v.lower() for v in (value.get("IN", []) if isinstance(value, dict) else [value]))
    return out


def spec_matches(tok, spec: dict) -> bool:
    """Whether ``tok`` matches a shorthand token spec (every given key must match)."""
    for key, values in spec.items():
        value = getattr(tok, SHORTHAND_GETTERS[key])
        if key in {"lemma", "lower"}:
            value = value.lower()
        if value not in values:
            return False
    return True


# ---------------------------------------------------------------------- loading


def _read_rules_file(path: Path) -> tuple[bytes, dict]:
    """Raw bytes and parsed content of a TOML, YAML or JSON rules file."""
    if not path.is_file():
        raise PathNotFound(f"rules file {path} does not exist")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        elif suffix in {".yml", ".yaml"}:
            try:
                import yaml
            except ImportError:
                raise RulesError(f"{path}: reading YAML rules needs PyYAML (pip install pyyaml), or write the file as TOML or JSON") from None
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        elif suffix == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            raise RulesError(f"{path}: unknown rules file format {suffix or '(none)'!r}; use .toml, .yml/.yaml or .json")
    except RulesError:
        raise
    except Exception as exc:  # parser errors of three libraries
        raise RulesError(f"{path}: cannot parse: {exc}") from None
    if not isinstance(data, dict):
        raise RulesError(f"{path}: expected a table with 'types' and/or 'rules' at the top level")
    return raw, data


def _str_list(value, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"{what} must be a string or a list of strings")
    return tuple(value)


def _parse_type(name: str, spec, where: str) -> RelationType:
    what = f"{where}: type {name}"
    if not TYPE_NAME_RE.match(str(name)):
        raise RulesError(f"{what}: type names are UPPER_SNAKE (^[A-Z][A-Z0-9_]*$)")
    if not isinstance(spec, Mapping):
        raise RulesError(f"{what}: expected a table of type fields")
    unknown = set(spec) - TYPE_KEYS
    if unknown:
        raise RulesError(f"{what}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TYPE_KEYS))}")
    for side in ("subject_types", "object_types"):
        if side not in spec:
            raise RulesError(f"{what}: missing {side} (a list among {', '.join(sorted(ENTITY_TYPES))})")
        bad = set(_str_list(spec[side], f"{what}: {side}")) - set(ENTITY_TYPES)
        if bad:
            raise RulesError(f"{what}: {side} has unknown entity type(s) {', '.join(sorted(bad))}; allowed: {', '.join(sorted(ENTITY_TYPES))}")
    family = spec.get("family", "cooperation")
    if family not in FAMILIES:
        raise RulesError(f"{what}: family {family!r} is not one of {', '.join(sorted(FAMILIES))}")
    symmetric = spec.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise RulesError(f"{what}: symmetric must be true or false")
    return RelationType(
        name=name,
        label=str(spec.get("label", name.lower().replace("_", " "))),
        subject_types=_str_list(spec["subject_types"], what),
        object_types=_str_list(spec["object_types"], what),
        symmetric=symmetric,
        cameo=str(spec.get("cameo", "")),
        plover=str(spec.get("plover", "")),
        family=family,
        plover_intent=str(spec.get("plover_intent", "")),
        source=where,
    )


def _token_spec(spec, what: str, *, shorthand_only: bool = False) -> dict:
    """Compile a token spec: shorthand keys to Matcher ``{"IN": [...]}``, UPPERCASE keys as is."""
    if not isinstance(spec, Mapping) or not spec:
        raise RulesError(f"{what} must be a non-empty table of token attributes")
    out = {}
    for key, value in spec.items():
        if key in SHORTHAND_ATTRS:
            values = list(_str_list(value, f"{what}.{key}"))
            if key == "lemma":
                values = values + [v[:1].upper() + v[1:] for v in values]
            elif key == "lower":
                values = [v.lower() for v in values]
            if shorthand_only:
                # checked in Python by _spec_matches (lemma and lower compare lower-cased)
                out[key] = frozenset(v.lower() if key in {"lemma", "lower"} else v for v in values)
            else:
                out[SHORTHAND_ATTRS[key]] = {"IN": sorted(set(values))}
        elif key.isupper() and not shorthand_only:
            out[key] = value
        else:
            allowed = ", ".join(SHORTHAND_ATTRS) + ("" if shorthand_only else " or an UPPERCASE spaCy Matcher attribute")
            raise RulesError(f"{what}: unknown token attribute {key!r}; use {allowed}")
    return out


def _parse_rule(spec, where: str, order: int) -> Rule:
    if not isinstance(spec, Mapping):
        raise RulesError(f"{where}: each [[rules]] entry must be a table")
    rid = spec.get("id")
    what = f"{where}: rule {rid or '#' + str(order)}"
    if not isinstance(rid, str) or not RULE_ID_RE.match(rid):
        raise RulesError(f"{what}: 'id' must look like 'family.name.v1' (lower case, dotted, ending in a version)")
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise RulesError(f"{what}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(RULE_KEYS))}")
    if not isinstance(spec.get("type"), str):
        raise RulesError(f"{what}: missing 'type' (the relation type it emits)")
    pattern = spec.get("pattern")
    if pattern is None and "trigger" not in spec:
        raise RulesError(f"{what}: needs a 'trigger' token spec (or a raw DependencyMatcher 'pattern')")
    if pattern is not None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(n, Mapping) for n in pattern):
            raise RulesError(f"{what}: 'pattern' must be a list of DependencyMatcher node tables")
        if pattern[0].get("RIGHT_ID") != "trigger":
            raise RulesError(f"{what}: the first node of 'pattern' must have RIGHT_ID = \"trigger\"")
        pattern = tuple(dict(n) for n in pattern)
    roles = {}
    for side in ("subject", "object"):
        names = _str_list(spec.get(side, []), f"{what}: {side}")
        if not names:
            raise RulesError(f"{what}: '{side}' must list at least one argument role")
        for name in names:
            if name not in ROLES and not PREP_ROLE_RE.match(name):
                raise RulesError(f"{what}: unknown {side} role {name!r}; use one of {', '.join(sorted(ROLES))} or prep:<preposition>")
        roles[side] = names
    requires_rel = spec.get("requires_rel", ">")
    if requires_rel not in {">", ">>"}:
        raise RulesError(f"{what}: requires_rel must be '>' (child, or through a preposition) or '>>' (any descendant)")
    possessive = spec.get("possessive", "agent")
    if possessive not in {"agent", "patient"}:
        raise RulesError(f"{what}: possessive must be 'agent' or 'patient'")
    status = spec.get("status")
    if status is not None and status not in STATUSES:
        raise RulesError(f"{what}: status {status!r} is not one of {', '.join(STATUSES)}")
    confidence = spec.get("confidence", 0.8)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise RulesError(f"{what}: confidence must be a number in (0, 1]")
    exclude = spec.get("exclude", ())
    if isinstance(exclude, Mapping):
        exclude = [exclude]
    return Rule(
        id=rid,
        type=spec["type"],
        trigger=_token_spec(spec["trigger"], f"{what}: trigger") if "trigger" in spec else {},
        head=_token_spec(spec["head"], f"{what}: head") if "head" in spec else None,
        requires=_token_spec(spec["requires"], f"{what}: requires") if "requires" in spec else None,
        requires_rel=requires_rel,
        exclude=tuple(_token_spec(e, f"{what}: exclude", shorthand_only=True) for e in exclude),
        subject=roles["subject"],
        object=roles["object"],
        possessive=possessive,
        status=status,
        role=spec.get("role"),
        retype_if=frozenset(w.lower() for w in _str_list(spec.get("retype_if", []), f"{what}: retype_if")),
        retype_to=spec.get("retype_to"),
        confidence=float(confidence),
        pattern=pattern,
        source=where,
        order=order,
    )


def _check_references(types: dict[str, RelationType], rules: list[Rule]) -> None:
    """Every rule names a known type and a unique id."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RulesError(f"{rule.source}: rule {rule.id} is already defined in {seen[rule.id]}; bump its version or rename it")
        seen[rule.id] = rule.source
        for name in (rule.type, rule.retype_to):
            if name is not None and name not in types:
                raise RulesError(f"{rule.source}: rule {rule.id} names unknown type {name!r}; known types: {', '.join(sorted(types))}")


def _check_patterns(rules: list[Rule]) -> None:
    """Compile every rule's patterns once, so a bad pattern fails at load time."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    matcher = DependencyMatcher(Vocab(), validate=True)
    for rule in rules:
        try:
            for n, (pattern, _names) in enumerate(rule.patterns()):
                matcher.add(f"{rule.id}#{n}", [pattern])
        except Exception as exc:  # spaCy raises ValueError / MatchPatternError with details
            raise RulesError(f"{rule.source}: rule {rule.id}: invalid pattern: {exc}") from None

