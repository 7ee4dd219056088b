"""Tests for briefings.extraction.pipeline and briefings.extraction.extractors: components, sentences, provenance."""

from __future__ import annotations

from datetime import date

import pytest
from article_builders import extract_text
from spacy.language import Language

from briefings.extraction import extensions
from briefings.extraction.pipeline import FINDERS, PipelineError, build_pipeline
from briefings.model import ExtractedArticle, Provenance

ARTICLE = (
    "Oksana Hrytsenko, the regional governor, said 1,200 homes had been damaged.\n\n"
    "Petro Bondar called for an immediate truce. He said 300 shells had hit the city\n\n"
    "overnight, and about 40 per cent of the town had no power."
)


def test_paragraphs_component_runs_just_before_the_parser(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("ceasefire/paragraphs") == names.index("parser") - 1


def test_the_finders_run_last_attribution_first(nlp: Language) -> None:
    assert tuple(nlp.pipe_names[-len(FINDERS) :]) == FINDERS
    assert FINDERS[0] == "ceasefire/attribution"


ASSIGNS = {
    "ceasefire/attribution": ["doc._.ceasefire_mentions", "doc._.ceasefire_attribution"],
    "ceasefire/figures": ["doc._.ceasefire_figures"],
    "ceasefire/demands": ["doc._.ceasefire_demands"],
    "ceasefire/quotes": ["doc._.ceasefire_quotes"],
    "ceasefire/events": ["doc._.ceasefire_events"],
}


@pytest.mark.parametrize("name", FINDERS)
def test_each_finder_is_a_registered_factory_declaring_what_it_assigns(name: str) -> None:
    meta = Language.get_factory_meta(name)
    assert meta.assigns == ASSIGNS[name]
    assert meta.default_config == {}


@pytest.mark.parametrize("name", FINDERS)
def test_each_finder_writes_the_extensions_it_assigns(nlp: Language, name: str) -> None:
    doc = nlp.make_doc(ARTICLE)
    for earlier, component in nlp.pipeline:
        component(doc)
        if earlier == name:
            break
    for attr in ASSIGNS[name]:
        assert doc._.get(attr.removeprefix("doc._.")) is not None, attr


def test_the_finders_fill_their_extensions_with_what_they_found(nlp: Language) -> None:
    doc = nlp(ARTICLE + ' "We will not give up," he said on Monday.')
    assert [m.text for m in extensions.mentions_of(doc)][:2] == ["Oksana Hrytsenko", "Petro Bondar"]
    assert extensions.attribution_of(doc).mentions == extensions.mentions_of(doc)
    assert [f.value for f in extensions.figures_of(doc)][:2] == [1200, 300]
    assert [d.party.text for d in extensions.demands_of(doc)] == ["Petro Bondar"]
    assert [q.text for q in extensions.quotes_of(doc)] == ["We will not give up"]


def test_the_events_finder_places_relative_dates_by_the_publication_day(nlp: Language) -> None:
    text = "The two delegations met in Geneva on Monday."
    undated = nlp(text)
    assert extensions.published_of(undated) is None
    assert extensions.events_of(undated) == []
    doc = nlp.make_doc(text)
    extensions.set_published(doc, date(2025, 3, 5))
    [event] = extensions.events_of(nlp(doc))
    assert event.day == date(2025, 3, 3)


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
