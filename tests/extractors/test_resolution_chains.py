"""In-document resolution follows a chain to its end: a given name that starts a two-word name
which itself joins a longer one ends on the longer one's node (a mention never keeps the key of
an entity that was joined away, which left graph assembly without a node for it)."""

from newsgraph.extractors.models import PERSON, Entity, Mention
from newsgraph.extractors.resolution_document import DocumentState, join_surnames


def _person(text: str, start: int) -> Mention:
    key = "person:" + text.lower().replace(" ", "-")
    return Mention(start, start + len(text), text, PERSON, key, "exact", 0)


def test_given_name_of_a_surname_phrase_joins_the_full_name():
    mentions = [_person("Lucia Ferrer Soto", 0), _person("Ferrer Soto", 30), _person("Ferrer", 60)]
    entities = {m.key: Entity(m.key, PERSON, m.text) for m in mentions}
    state = DocumentState(None, mentions, entities, lambda i: 0)
    join_surnames(state)
    assert [m.key for m in state.mentions] == ["person:lucia-ferrer-soto"] * 3
    assert [m.how for m in state.mentions] == ["exact", "surname", "given name"]
    assert {m.key for m in state.mentions} <= set(state.entities)
