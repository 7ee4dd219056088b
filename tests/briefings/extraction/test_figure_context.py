"""Tests for briefings.extraction.figure_context: the words around a figure's number."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Token

from briefings.extraction.figure_context import FigureContext, read_context, word_forms
from briefings.vocabulary.lexicon import load_lexicon


def context_of(nlp: Language, text: str, number: str, unit: str | None = None) -> FigureContext:
    """The context of the number written `number` in this text."""
    token = next(t for t in nlp(text) if t.text == number)
    return read_context(token, unit, load_lexicon().measures)


def texts(tokens: tuple[Token, ...]) -> set[str]:
    return {t.text for t in tokens}


def test_the_phrase_is_the_counted_noun_and_its_modifiers(nlp: Language) -> None:
    found = context_of(
        nlp, "Petro Bondar said 43,000 Ukrainian soldiers had been killed.", "43,000"
    )
    assert {"Ukrainian", "soldiers"} <= texts(found.phrase)
    assert {"Ukrainian", "soldiers"} <= texts(found.owners)
    assert "killed" in texts(found.events)
    assert not found.bare


def test_a_number_alone_borrows_the_noun_before_it(nlp: Language) -> None:
    text = "Zelenskyy said 45,100 Ukrainian soldiers had been killed and 390,000 injured."
    found = context_of(nlp, text, "390,000")
    assert "soldiers" in texts(found.phrase)
    assert "injured" in texts(found.events)


def test_only_a_number_without_a_unit_borrows_a_noun(nlp: Language) -> None:
    text = "Petro Bondar said 40 soldiers were killed and 64 were wounded."
    assert "soldiers" in texts(context_of(nlp, text, "64").phrase)
    assert "soldiers" not in texts(context_of(nlp, text, "64", unit="USD").phrase)


def test_a_toll_is_a_carrier_the_number_is_bare_in(nlp: Language) -> None:
    found = context_of(nlp, "The death toll rose to 350, officials said.", "350")
    assert found.bare
    assert {"death", "toll"} <= texts(found.phrase)


def test_word_forms_are_lower_cased_words_and_lemmas(nlp: Language) -> None:
    assert {"soldiers", "soldier", "were", "be"} <= word_forms(nlp("Soldiers were"))
