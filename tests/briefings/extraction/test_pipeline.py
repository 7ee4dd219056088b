"""Tests for briefings.extraction.pipeline and briefings.extraction.extractors: components, sentences, provenance."""

from __future__ import annotations

import pytest
from article_builders import extract_text
from spacy.language import Language

from briefings.extraction.pipeline import PipelineError, build_pipeline
from briefings.model import ExtractedArticle, Provenance

ARTICLE = (
    "Oksana Hrytsenko, the regional governor, said 1,200 homes had been damaged.\n\n"
    "Petro Bondar called for an immediate truce. He said 300 shells had hit the city\n\n"
    "overnight, and about 40 per cent of the town had no power."
)


def test_paragraphs_component_runs_just_before_the_parser(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("ceasefire/paragraphs") == names.index("parser") - 1


def test_facts_component_runs_last(nlp: Language) -> None:
    assert nlp.pipe_names[-1] == "ceasefire/facts"


def test_a_model_that_is_not_installed_raises_pipeline_error_naming_it() -> None:
    with pytest.raises(PipelineError, match=r"'no_such_model' is not installed"):
        build_pipeline("no_such_model")


def test_sentences_never_span_a_paragraph_break(nlp: Language) -> None:
    text = "Officials said the convoy\n\nreached the city on Monday."
    with nlp.select_pipes(disable=["ceasefire/paragraphs"]):
        assert len(list(nlp(text).sents)) == 1  # the parser alone would join the paragraphs
    sentences = extract_text(nlp, text).sentences
    assert [s.text.strip() for s in sentences] == [
        "Officials said the convoy",
        "reached the city on Monday.",
    ]


@pytest.fixture(scope="module")
def article(nlp: Language) -> ExtractedArticle:
    found = extract_text(nlp, ARTICLE)
    assert found.figures and found.demands and found.actors
    return found


def assert_inside_its_sentence(article: ExtractedArticle, where: Provenance) -> None:
    sentence = article.sentences[where.sentence_index]
    assert sentence.start <= where.start < where.end <= sentence.end


def test_sentence_spans_give_the_sentence_text(article: ExtractedArticle) -> None:
    for index, sentence in enumerate(article.sentences):
        assert sentence.index == index
        assert ARTICLE[sentence.start : sentence.end] == sentence.text


def test_figure_provenance_spans_the_figure_text_inside_its_sentence(
    article: ExtractedArticle,
) -> None:
    for figure in article.figures:
        assert ARTICLE[figure.provenance.start : figure.provenance.end] == figure.text
        assert_inside_its_sentence(article, figure.provenance)


def test_demand_provenance_spans_the_demand_text_inside_its_sentence(
    article: ExtractedArticle,
) -> None:
    for demand in article.demands:
        assert ARTICLE[demand.provenance.start : demand.provenance.end] == demand.demand
        assert_inside_its_sentence(article, demand.provenance)


def test_actor_provenance_spans_a_name_of_the_actor(article: ExtractedArticle) -> None:
    for actor in article.actors:
        named = ARTICLE[actor.provenance.start : actor.provenance.end]
        assert named in {actor.name, *actor.aliases}
        assert_inside_its_sentence(article, actor.provenance)
