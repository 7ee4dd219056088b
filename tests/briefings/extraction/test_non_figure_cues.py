"""Tests of briefings.extraction.non_figure_cues: the cue words are data; runs of numbers."""

from __future__ import annotations

from spacy.language import Language

from briefings.extraction.non_figure_cues import first_of_run, load_non_figure_cues


def test_the_cue_words_are_data() -> None:
    cues = load_non_figure_cues()
    assert {"part", "section", "issue", "article"} <= cues.label_words
    assert "familiar" in cues.anonymity_words
    assert "aged" in cues.age_words


def test_the_first_number_of_a_run(nlp: Language) -> None:
    doc = nlp("Men aged 18 to 60 and points 4, 5 and 6 are listed.")
    cues = load_non_figure_cues()
    assert first_of_run(doc[4], cues).text == "18"
    assert first_of_run(doc[11], cues).text == "4"
