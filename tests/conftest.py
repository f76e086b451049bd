"""Shared fixtures: the real model, the sample corpus built once per session."""

from __future__ import annotations

import pytest

from newsgraph.corpus.readers import SAMPLE_DIR


@pytest.fixture(scope="session")
def nlp():
    """The real model as the build loads it, once per session (do not add pipes to it)."""
    from newsgraph.extractors.pipeline import load_model

    return load_model()


@pytest.fixture(scope="session")
def extractor(nlp):
    from newsgraph.extractors.pipeline import Extractor

    return Extractor(nlp=nlp)


@pytest.fixture(scope="session")
def relation_extractor(nlp):
    """The relation stage alone on the default ontology, once per session: for tests that name
    their own entities (``relation_extractor(doc, entity_of)``)."""
    from newsgraph.extractors.ontology import Ontology
    from newsgraph.extractors.relations import RelationExtractor

    return RelationExtractor(nlp, Ontology.load())


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, extractor):
    """(graph, records, out dir) of the bundled sample corpus, built once with the real model."""
    from newsgraph.graph.pipeline import build, write_outputs

    out = tmp_path_factory.mktemp("sample_out")
    G, records, report = build([SAMPLE_DIR], extractor=extractor)
    write_outputs(G, records, out)
    return G, records, out


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    return sample_build[0]
