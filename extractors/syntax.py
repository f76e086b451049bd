"""Dependency-tree helpers shared by the argument finder and the rule patterns.

Dependency-label sets are named constants (ClearNLP labels of the English spaCy models); word
lists come from ``data/lexicon.toml`` ([arguments]).
"""

from __future__ import annotations

from collections.abc import Iterable

from .lexicon import words

__all__ = [
    "SUBJ_DEPS", "PASSIVE_SUBJ_DEPS", "OBJ_DEPS", "DATIVE_DEPS", "PREP_DEPS", "MODIFIER_DEPS",
    "CLAUSE_DEPS", "VERBAL_POS", "NOMINAL_POS", "PLURAL_TAGS",
    "lemma", "is_light_verb", "is_passive", "is_reduced_passive", "pobjs", "by_agents", "with_conjuncts", "subjects", "is_mandative", "reported_speaker", "relative_first",
    "event_scopes", "hyphen_pair", "partners_in", "ASSISTING_VERBS", "tokens_with_text", "reception_verb", "is_gerund_noun", "clause_verbs", "clause_agents", "listed_members",
    "subject_read_as_object",
    "doc_text", "DOC_TEXT_KEY",
]

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
PASSIVE_MARK_DEPS = frozenset({"nsubjpass", "csubjpass", "auxpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
NOUN_AGENT_MOD_DEPS = frozenset({"compound", "amod", "nmod"})
LIGHT_VERB_OBJ_DEPS = frozenset({"dobj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
VERBAL_POS = frozenset({"VERB", "AUX"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Object-predicate labels the parser gives to a name apposed to a direct object.
APPOSED_OBJ_DEPS = frozenset({"oprd", "appos", "npadvmod"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
FINITE_AUX_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Hyphens joining two names into one modifier: "the Peru-Chile talks".
HYPHENS = frozenset({"-", "\u2013", "/"})
# Confidence factors of argument paths.
INHERITED = 0.9
MODIFIER_ARG = 0.85
PREP_ARG = 0.75

REL_PRONOUNS = words("arguments", "rel_pronouns")
LIGHT_VERBS = words("arguments", "light_verbs")
OBJECT_CONTROL_VERBS = words("arguments", "object_control_verbs")
OBJECT_CONTROL_PREPS = words("arguments", "object_control_preps")
PREP_CONTROL = words("arguments", "prep_control")
COMPANION_ADVS = words("arguments", "companion_advs")
JOINING_VERBS = words("arguments", "joining_verbs")
ASSISTING_VERBS = words("arguments", "assisting_verbs")
MANDATIVE_MODALS = words("arguments", "mandative_modals")
SPEAKER_PRONOUNS = words("arguments", "speaker_pronouns")
SPEECH_VERBS = words("arguments", "speech_verbs")
STATIVE_PASSIVE_PREPS = words("arguments", "stative_passive_preps")
RECEPTION_VERBS = words("arguments", "reception_verbs")
EXAMPLE_PREPS = words("arguments", "example_preps")
# Prepositions naming the doer of an event noun a reception verb takes: "an offer FROM Y".
SOURCE_PREPS = ("from", "of")
# The verbs of the lists above whose regular forms :func:`lemma` lemmatises itself.
LEXICON_VERBS = LIGHT_VERBS | RECEPTION_VERBS | SPEECH_VERBS
REGULAR_FORM_TAGS = frozenset({"VBD", "VBN", "VBZ"})
# Endings of regular verb forms with the stems they leave: "waged" -> "wage", "pushes" -> "push".
REGULAR_ENDINGS = (("d", 1), ("s", 1), ("es", 2))


def lemma(tok) -> str:
    """The lowercase lemma of ``tok``, corrected where the model's lemma of a regular form of a
    lexicon verb (``light_verbs``, ``reception_verbs``, ``speech_verbs``) is off: "waged" ->
    "wag" gives "wage". Test verb lists with this, not ``lemma_``.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["waged", "wagged"], tags=["VBD", "VBD"], lemmas=["wag", "wag"])
    >>> [lemma(t) for t in doc]
    ['wage', 'wag']
    """
    lem = tok.lemma_.lower()
    if lem in LEXICON_VERBS or tok.tag_ not in REGULAR_FORM_TAGS:
        return lem
    low = tok.lower_
    for ending, cut in REGULAR_ENDINGS:
        if low.endswith(ending) and low[:-cut] in LEXICON_VERBS:
            return low[:-cut]
    return lem


def is_light_verb(verb) -> bool:
    """Whether a verb only carries its event noun (``light_verbs``)."""
    return lemma(verb) in LIGHT_VERBS


#: Dependencies of a noun phrase: a gerund in one of them with no subject or object of its own
#: is a noun ("Fighting between X and Y killed ...", "reported heavy fighting").
NOUN_PHRASE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
GERUND_VERB_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "dative", "aux", "auxpass", "mark", "neg", "prt", "ccomp", "xcomp"})


def is_gerund_noun(tok) -> bool:
    """Whether a gerund the model tagged as a verb is used as a noun: in a noun's position, with
    no subject, object or auxiliary of its own ("FIGHTING between X and Y killed dozens")."""
    return (tok.tag_ == "VBG" and tok.dep_ in NOUN_PHRASE_DEPS
            and not any(c.dep_ in GERUND_VERB_DEPS for c in tok.children))


def is_passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_MARK_DEPS for c in verb.children)


def is_reduced_passive(verb) -> bool:
    """Whether a past participle modifies a noun as a passive without auxiliary: "the SDF,
    backed by the US, ..." (``acl``), "the US-backed SDF" (``amod``). The noun is its patient.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["the", "US", "-", "backed", "SDF", "won"], heads=[4, 3, 3, 4, 5, 5],
    ...           deps=["det", "npadvmod", "punct", "amod", "nsubj", "ROOT"],
    ...           tags=["DT", "NNP", "HYPH", "VBN", "NNP", "VBD"], pos=["DET", "PROPN", "PUNCT", "VERB", "PROPN", "VERB"])
    >>> is_reduced_passive(doc[3]), [t.text for t in _hyphen_doer(doc[3])], is_reduced_passive(doc[5])
    (True, ['US'], False)
    """
    return (verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"} and verb.head.i != verb.i
            and verb.head.pos_ in NOMINAL_POS and not any(c.dep_ in OBJ_DEPS for c in verb.children))


def _hyphen_doer(verb) -> list:
    """The name joined by a hyphen before a participle: "US" in "the US-backed SDF"."""
    doc = verb.doc
    return [c for c in verb.children if c.i == verb.i - 2 and doc[c.i + 1].text in HYPHENS
            and c.pos_ in {"PROPN", "NOUN", "ADJ"}]


def pobjs(tok, *words: str) -> list:
    """Objects of the prepositions ``words`` attached to ``tok``, in order ("between A and B"
    gives A)."""
    out = []
    for c in tok.children:
        if c.dep_ in PREP_DEPS and c.lower_ in words:
            out += [p for p in c.children if p.dep_ == "pobj"]
            # a coordinated phrase of the same preposition: "with Chile and WITH Peru"
            out += [p for d in c.children if d.dep_ == "conj" and d.lower_ == c.lower_
                    for p in d.children if p.dep_ == "pobj"]
    return out


def by_agents(verb) -> list:
    """The objects of a passive's by-agent: "US forces" in "arrested by US forces"."""
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def with_conjuncts(tok) -> list:
    """``tok`` and its coordinated siblings: "Russia or Cuba", "Russia and China"."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ not in VERBAL_POS)
    return out


def subjects(verb, depth: int = 0) -> list[tuple[object, float]]:
    """The subject of a verb: its own, a passive by-agent, or one inherited from its governor."""
    if is_reduced_passive(verb):
        # "the SDF, backed by the US", "the US-backed SDF": the by-agent or the hyphened name
        return [(p, 1.0) for p in by_agents(verb)] + [(c, MODIFIER_ARG) for c in _hyphen_doer(verb)]
    if is_passive(verb):
        # "X was arrested by US forces"
        agents = [(p, 1.0) for p in by_agents(verb)]
        if not agents and any(c.dep_ == "prep" and c.lower_ in STATIVE_PASSIVE_PREPS for c in verb.children):
            # adjectival passive: "Peru is opposed to Chilean mediation"
            return [(c, INHERITED) for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        return agents
    subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if subj:
        s = relative_first(verb, subj)[0]
        near = subj[-1]
        if any(c.dep_ == "cc" for c in s.children) and len(subj) > 1:
            # "Chile as well as Peru condemned X": subjects coordinated by a multi-word "as"
            return [(t, 1.0) for t in subj]
        if (len(subj) > 1 and s.lower_ not in REL_PRONOUNS and near.i < verb.i
                and not any(t.text == "," for t in verb.doc[near.i + 1:verb.i])):
            # two subjects before one verb: the parser joined a clause that lost its verb ("While
            # X, who ..., Y did not intervene"); the nearest, not closed off by a comma as an
            # apposition is ("Members of X, a body ..., investigated"), is the verb's own
            s = near
        # "Mullin, who sits on ...": the noun the relative clause modifies
        if s.lower_ in REL_PRONOUNS and verb.dep_ == "relcl":
            return [(verb.head, 1.0)]
        # "The agency working in the region said": a participle parsed as the subject
        if s.pos_ == "VERB" and s.tag_ in PARTICIPLE_TAGS:
            inner = [c for c in s.children if c.dep_ in SUBJ_DEPS and c.i < s.i]
            if inner:
                return [(inner[0], 1.0)]
        return [(s, 1.0)] + [(c, INHERITED) for c in companions(s, verb)]
    if depth >= 3:
        return []
    head = verb.head
    # "called ON Ukraine to hold talks", "appealed TO Chile to release": the object of the
    # verb's preposition does the act of its infinitive (object control through a preposition)
    if verb.dep_ in {"xcomp", "advcl"} and head.pos_ in VERBAL_POS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        controllers = [p for c in head.children if c.dep_ == "prep" and c.i < verb.i
                       and f"{lemma(head)} {c.lower_}" in PREP_CONTROL for p in c.children if p.dep_ == "pobj"]
        if controllers:
            return [(controllers[0], INHERITED)]
    # "prompted Maduro to appeal": object control (for verbs that have it), else subject
    # control: "Russia offered to grant", "Blair met Chirac to talk about Iraq"
    if verb.dep_ == "xcomp":
        objs = [c for c in head.children if c.dep_ in OBJ_DEPS and c.i < verb.i]
        if objs and head.lemma_.lower() in OBJECT_CONTROL_VERBS:
            return [(objs[0], INHERITED)]
        # passive raising or control: "X is expected to sign", "X was asked (by Y) to mediate"
        passive_subjects = [c for c in head.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if passive_subjects and is_passive(head):
            s = relative_first(head, passive_subjects)[0]
            if s.lower_ in REL_PRONOUNS and head.dep_ == "relcl":
                return [(head.head, INHERITED)]
            return [(s, INHERITED)]
        return [(t, c * INHERITED) for t, c in subjects(head, depth + 1)]
    # "Peru is ready (willing, prepared) to negotiate": an adjective predicate's subject is the
    # copula's (the adjective's own clause passes it on above, as xcomp)
    if verb.dep_ == "acomp" and head.pos_ in VERBAL_POS:
        return [(t, c * INHERITED) for t, c in subjects(head, depth + 1)]
    # "Russia sold arms and trained troops", "visited X to mediate"
    if verb.dep_ in {"conj", "advcl"} and head.pos_ in VERBAL_POS:
        return [(t, c * INHERITED) for t, c in subjects(head, depth + 1)]
    # "sees Peru as backing Chile": an "as" predicate is said of the governing verb's object
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.pos_ in VERBAL_POS:
        objs = [c for c in head.head.children if c.dep_ in OBJ_DEPS]
        if objs:
            return [(objs[0], INHERITED)]
    # "accused Iran OF shelling X", "thanked X FOR backing Y", "barred X FROM entering": the
    # object of the verb is the doer of the act its preposition names
    if verb.dep_ == "pcomp" and head.lower_ in OBJECT_CONTROL_PREPS and head.head.pos_ in VERBAL_POS:
        objs = [c for c in head.head.children if c.dep_ in OBJ_DEPS and c.i < head.i]
        if objs:
            return [(objs[0], INHERITED)]
    # "by granting asylum": the verb of the preposition
    if verb.dep_ == "pcomp" and head.head.pos_ in VERBAL_POS:
        gov = head.head
        # "Chile joined Peru IN condemning X": the one joined does it too; "Chile helped Peru IN
        # fighting X": the one helped does it
        partners = partners_in(head)
        if partners and lemma(gov) in ASSISTING_VERBS:
            return partners
        return [(t, c * INHERITED) for t, c in subjects(gov, depth + 1)] + partners
    # "the country offering asylum": the noun a participle modifies; "X issued a declaration
    # demanding ...": the subject of the light verb carrying that noun
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in NOMINAL_POS and verb.tag_ == "VBG":
        if head.dep_ in LIGHT_VERB_OBJ_DEPS and is_light_verb(head.head):
            return [(head, INHERITED)] + [(t, c * INHERITED) for t, c in subjects(head.head, depth + 1)]
        return [(head, INHERITED)]
    return []


def partners_in(prep) -> list[tuple[object, float]]:
    """The objects of a verb of joining or assisting whose "in" phrase ``prep`` names an act they
    share: "joined Peru IN condemning X", "helped Iraq IN its fight against X" (``joining_verbs``,
    ``assisting_verbs``); empty for any other preposition or verb."""
    gov = prep.head
    if prep.lower_ != "in" or gov.pos_ not in VERBAL_POS or lemma(gov) not in JOINING_VERBS | ASSISTING_VERBS:
        return []
    return [(c, INHERITED) for c in gov.children if c.dep_ in OBJ_DEPS]


def companions(subject, verb) -> list:
    """The parties a subject acts together with ("Chile, along with Peru, condemned X", "Chile,
    together with Peru, ..."): the objects of "with" after ``companion_advs`` on the subject or
    on the verb between the two.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["Chile", ",", "along", "with", "Peru", ",", "condemned", "Bolivia"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[6, 0, 6, 2, 3, 6, 6, 6],
    ...           deps=["nsubj", "punct", "prep", "prep", "pobj", "punct", "ROOT", "dobj"])
    >>> [t.text for t in companions(doc[0], doc[6])]
    ['Peru']
    """
    out = []
    for owner in (subject, verb):
        for w in owner.children:
            if owner is verb and not subject.i < w.i < verb.i:
                continue
            # "along with" (a preposition with a "with" phrase) or "together with" (an adverb on "with")
            if w.dep_ == "prep" and w.lower_ in COMPANION_ADVS:
                out += pobjs(w, "with")
            elif w.dep_ == "prep" and w.lower_ == "with" and any(a.lower_ in COMPANION_ADVS for a in w.children if a.dep_ == "advmod"):
                out += [p for p in w.children if p.dep_ == "pobj"]
    return out


def is_mandative(verb) -> bool:
    """Whether a complement clause states what should happen ("that the US cancel the sale",
    "that X must leave"), not what happened ("insisted that the agency had done a lot")."""
    if any(c.dep_ == "aux" and c.lower_ in MANDATIVE_MODALS for c in verb.children):
        return True
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_AUX_TAGS for c in verb.children):
        return False
    return verb.tag_ == "VB" or (verb.tag_ == "VBP" and verb.lemma_ != "be")


def reported_speaker(pronoun):
    """The subject of the speech verb whose complement clause ``pronoun`` is the subject of."""
    clause = pronoun.head
    if pronoun.dep_ not in SUBJ_DEPS | PASSIVE_SUBJ_DEPS or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if lemma(verb) not in SPEECH_VERBS:
        return None
    speakers = [t for t, _conf in subjects(verb)]
    if speakers and speakers[0].lower_ not in SPEAKER_PRONOUNS:
        return speakers[0]
    return None


def relative_first(verb, subjects: list) -> list:
    """Subjects of a relative clause with the relative pronoun first: in "the cartel, which the US
    claims is headed by X" the parser gives "headed" two subjects; "which" is the one it has."""
    if verb.dep_ == "relcl" and len(subjects) > 1:
        rel = [s for s in subjects if s.lower_ in REL_PRONOUNS]
        if rel:
            return rel
    return subjects



def event_scopes(noun) -> list:
    """The event noun and the verbs that only report it: "a deal was reached between X and Y"
    (the noun is the verb's passive subject or object), "the accord (that was) signed between X
    and Y" (a past participle or passive relative clause on the noun)."""
    scopes = [noun]
    head = noun.head
    if noun.dep_ in OBJ_DEPS | PASSIVE_SUBJ_DEPS and head.pos_ in VERBAL_POS and head.i != noun.i:
        scopes.append(head)
    scopes += [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ in VERBAL_POS and c.tag_ == "VBN"]
    return scopes


def hyphen_pair(noun, ent) -> list:
    """``ent`` of both names of "A-B" compounds on ``noun`` (the name before the hyphen modifies
    the one after): "the Peru-Chile talks"."""
    doc = noun.doc
    out = []
    for c in noun.children:
        if c.dep_ != "compound" or (second := ent(c)) is None:
            continue
        for d in c.children:
            gap = doc[d.i + 1:c.i]
            if (d.dep_ == "compound" and d.i < c.i and len(gap) == 1 and gap[0].text in HYPHENS
                    and (first := ent(d)) is not None and first[0] != second[0]):
                out += [first, second]
    return out


#: The ``Doc.user_data`` key under which :func:`doc_text` keeps a Doc's text.
DOC_TEXT_KEY = ("newsgraph", "text")


def doc_text(doc) -> str:
    """``doc.text``, joined once per Doc and then kept in ``doc.user_data`` (``Doc.text`` makes a
    Token for every word on each call). The extractor seeds it with the text it parsed.

    >>> import spacy
    >>> doc = spacy.blank("en")("Talks in Oslo.")
    >>> doc_text(doc), doc.user_data[DOC_TEXT_KEY] is doc_text(doc)
    ('Talks in Oslo.', True)
    """
    text = doc.user_data.get(DOC_TEXT_KEY)
    if text is None:
        text = doc.user_data[DOC_TEXT_KEY] = doc.text
    return text


def tokens_with_text(doc, text: str | Iterable[str], *, lower: bool = False, start: int = 0,
                     end: int | None = None) -> list:
    """The tokens of ``doc[start:end]`` whose text (lower-case form if ``lower``) is ``text`` or
    one of the strings ``text``, in order, found in the Doc's ``ORTH`` (``LOWER``) array (no Token
    object is made for the others).

    >>> import spacy
    >>> doc = spacy.blank("en")("Paris-Berlin talks - and Rome")
    >>> [t.i for t in tokens_with_text(doc, "-")], tokens_with_text(doc, "-", start=2)[0].i
    ([1, 4], 4)
    >>> [t.text for t in tokens_with_text(doc, {"paris", "rome"}, lower=True)]
    ['Paris', 'Rome']
    """
    import numpy as np
    from spacy.attrs import LOWER, ORTH

    end = len(doc) if end is None else end
    if end <= start:
        return []
    texts = [text] if isinstance(text, str) else list(text)
    ids = np.array([doc.vocab.strings[t] for t in texts], dtype=np.uint64)
    hits = np.flatnonzero(np.isin(doc.to_array(LOWER if lower else ORTH)[start:end], ids)) + start
    return [doc[i] for i in hits.tolist()]


def reception_verb(noun, *, of_is_doer: bool = True):
    """The verb whose subject receives the event ``noun`` names, when the noun names its doer by
    a "from" (or "of") phrase or a possessor: "X received an offer from Y", "X has the backing of
    Y", "X rejected Y's demand"; else None ("X had talks" is a light verb's event)."""
    head = noun.head
    if noun.dep_ not in OBJ_DEPS or head.pos_ not in VERBAL_POS or lemma(head) not in RECEPTION_VERBS:
        return None
    if is_passive(head):
        return None
    preps = SOURCE_PREPS if of_is_doer else SOURCE_PREPS[:1]
    if any(pobjs(noun, w) for w in preps) or (of_is_doer and any(c.dep_ == "poss" for c in noun.children)):
        return head
    return None


def source_phrases(noun, *, of_is_doer: bool = True) -> list:
    """The doer phrases of a received event noun (see :func:`reception_verb`)."""
    preps = SOURCE_PREPS if of_is_doer else SOURCE_PREPS[:1]
    out = [p for w in preps for p in pobjs(noun, w)]
    return out + ([c for c in noun.children if c.dep_ == "poss"] if of_is_doer else [])


def clause_verbs(noun) -> list:
    """Verbs of a relative or participle clause that carry the act an event noun names: a light
    verb whose object the noun is ("the sanctions (that) X imposed on Y", "the sanctions imposed
    on Y") or any participle with a by-agent ("the embargo enforced by X")."""
    out = []
    for c in noun.children:
        if c.dep_ not in {"relcl", "acl"} or c.pos_ not in VERBAL_POS:
            continue
        own_object = any(g.dep_ in OBJ_DEPS and g.lower_ not in REL_PRONOUNS for g in c.children)
        by_agent = c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children)
        if by_agent or (is_light_verb(c) and not own_object and c.tag_ != "VBG"):
            out.append(c)
    return out


def clause_agents(verb) -> list:
    """The doer of a clause verb of :func:`clause_verbs`: its by-agent or its own subject (not the
    relative pronoun, which stands for the event noun)."""
    by = pobjs(verb, "by")
    if by or is_passive(verb) or verb.dep_ == "acl":
        return by
    return [s for s in verb.children if s.dep_ in SUBJ_DEPS and s.lower_ not in REL_PRONOUNS]


def listed_members(noun) -> list:
    """Names listed as the members of a group noun, with their conjuncts: "two carmakers - A and
    B" (apposition), "neighbours, including A and B", "firms such as A, B and C"."""
    out = []
    for c in noun.children:
        if c.dep_ == "appos":
            out.append(c)
        elif c.dep_ == "prep" and (c.lower_ in EXAMPLE_PREPS or (c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))):
            out += [p for p in c.children if p.dep_ == "pobj"]
    return [t for o in out for t in with_conjuncts(o)]


def subject_read_as_object(obj) -> bool:
    """Whether a verb's object is the missing subject of the finite clause right after it: the
    model parses "warned [the party] [was a threat]" as object plus a subjectless complement; a
    finite clause has a subject, so the noun is the clause's, and the verb's object is the clause.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["He", "warned", "the", "party", "was", "a", "threat"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 1, 6, 4],
    ...           deps=["nsubj", "ROOT", "det", "dobj", "ccomp", "det", "attr"],
    ...           tags=["PRP", "VBD", "DT", "NN", "VBD", "DT", "NN"])
    >>> subject_read_as_object(doc[3])
    True
    """
    if obj.dep_ not in OBJ_DEPS:
        return False
    for clause in obj.head.children:
        if clause.dep_ == "ccomp" and clause.i > obj.i and clause.left_edge.i == obj.right_edge.i + 1:
            finite = clause.tag_ in {"VBD", "VBP", "VBZ"} or any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
            if finite and not any(c.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS | {"expl"} for c in clause.children):
                return True
    return False
