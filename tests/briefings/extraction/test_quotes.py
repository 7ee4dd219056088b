"""Tests for briefings.extraction.quotes: direct quotes, their words and who spoke them."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from briefings.extraction.extensions import attribution_of, quotes_of
from briefings.extraction.quotes import FoundQuote, find_quotes

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def quotes_in(nlp: Language, text: str) -> list[FoundQuote]:
    return quotes_of(nlp(text))


def quoted(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.text if q.speaker else None) for q in quotes_in(nlp, text)]


def only_quote(nlp: Language, text: str) -> tuple[str, str | None]:
    found = quoted(nlp, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            '"We will not give up our land," said Ukrainian President Volodymyr Zelenskyy.',
            "We will not give up our land",
            "Volodymyr Zelenskyy",
        ),
        (
            '"The talks must start now," Petro Bondar said on Monday.',
            "The talks must start now",
            "Petro Bondar",
        ),
        (
            '"Moscow has received no proposals," Petro Bondar told reporters in Kyiv.',
            "Moscow has received no proposals",
            "Petro Bondar",
        ),
        (
            '"Ukraine will not be traded away," Oksana Hrytsenko wrote on Telegram.',
            "Ukraine will not be traded away",
            "Oksana Hrytsenko",
        ),
    ],
)
def test_a_quote_before_its_reporting_verb_goes_to_the_verbs_subject(
    nlp: Language, text: str, words: str, speaker: str
) -> None:
    assert only_quote(nlp, text) == (words, speaker)


@pytest.mark.parametrize(
    "text",
    [
        'Dmitry Peskov told reporters: "Moscow will not accept a frozen conflict."',
        'Dmitry Peskov said that "Moscow will not accept a frozen conflict."',
    ],
)
def test_a_quote_after_said_with_a_colon_or_that_keeps_its_final_period(
    nlp: Language, text: str
) -> None:
    assert only_quote(nlp, text) == ("Moscow will not accept a frozen conflict.", "Dmitry Peskov")


def test_according_to_names_the_speaker(nlp: Language) -> None:
    text = 'According to Petro Bondar, "the front line has not moved in a week."'
    assert only_quote(nlp, text) == ("the front line has not moved in a week.", "Petro Bondar")


def test_he_after_a_quote_is_the_person_named_before_not_a_name_inside_the_quote(
    nlp: Language,
) -> None:
    text = 'Olaf Scholz spoke in Berlin on Monday. "Putin is not interested in peace," he said.'
    assert only_quote(nlp, text) == ("Putin is not interested in peace", "Olaf Scholz")


def test_a_role_phrase_before_the_name_gives_the_named_person(nlp: Language) -> None:
    text = (
        '"The Ukrainian side refused and is refusing negotiation," '
        "the Kremlin spokesman Dmitry Peskov said."
    )
    words, speaker = only_quote(nlp, text)
    assert words == "The Ukrainian side refused and is refusing negotiation"
    assert "Peskov" in (speaker or "")


def test_an_unnamed_official_is_kept_as_a_descriptive_speaker(nlp: Language) -> None:
    text = '"There should be guarantees," a senior Ukrainian official said.'
    assert only_quote(nlp, text) == ("There should be guarantees", "senior Ukrainian official")


def test_a_quote_of_several_sentences_is_one_quote(nlp: Language) -> None:
    text = '"We need peace. It must be just," Zelenskyy said.'
    assert only_quote(nlp, text) == ("We need peace. It must be just", "Zelenskyy")


def test_a_quote_reopened_in_the_next_paragraph_keeps_its_speaker(nlp: Language) -> None:
    text = (
        'Zelenskyy said on Sunday: "We need a just peace.\n\n'
        '"Russia must not be rewarded for its aggression."'
    )
    assert quoted(nlp, text) == [
        ("We need a just peace.", "Zelenskyy"),
        ("Russia must not be rewarded for its aggression.", "Zelenskyy"),
    ]


def test_a_paragraph_continued_before_its_attribution_takes_the_later_speaker(
    nlp: Language,
) -> None:
    text = '"We need a just peace.\n\n"Russia must not be rewarded," Zelenskyy said.'
    assert quoted(nlp, text) == [
        ("We need a just peace.", "Zelenskyy"),
        ("Russia must not be rewarded", "Zelenskyy"),
    ]


def test_a_second_quote_without_a_verb_continues_the_speaker_of_its_paragraph(
    nlp: Language,
) -> None:
    text = '"We hear the drones first," Oksana Tkachuk said. "You learn to count the seconds."'
    assert quoted(nlp, text) == [
        ("We hear the drones first", "Oksana Tkachuk"),
        ("You learn to count the seconds.", "Oksana Tkachuk"),
    ]


def test_one_sentence_with_two_quotes_of_one_speaker_gives_two_quotes(nlp: Language) -> None:
    text = '"We are ready for talks," Zelenskyy said, "but Russia is not."'
    assert quoted(nlp, text) == [
        ("We are ready for talks", "Zelenskyy"),
        ("but Russia is not.", "Zelenskyy"),
    ]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            'Donald Trump called for an "immediate ceasefire" on Sunday.',
            "immediate ceasefire",
            "Donald Trump",
        ),
        (
            'Zelenskyy asked for a "just and enduring" peace.',
            "just and enduring",
            "Zelenskyy",
        ),
        (
            'Petro Bondar said Russia wanted "a pause to rearm" and nothing more.',
            "a pause to rearm",
            "Petro Bondar",
        ),
    ],
)
def test_a_partial_quote_of_two_words_or_more_goes_to_the_sentences_speaker(
    nlp: Language, text: str, words: str, speaker: str
) -> None:
    assert only_quote(nlp, text) == (words, speaker)


@pytest.mark.parametrize(
    "text",
    [
        'Moscow sent its so-called "peacekeepers" to the region.',
        'Donald Trump said Zelenskyy was keen for a "deal" with Russia.',
        'The film "War Diaries" opened in Kyiv on Friday.',
        # Under a verb that is neither saying nor demanding, a quoted phrase is a scare quote.
        'Many Ukrainians felt the "escalation management" of the Biden administration had failed.',
        'Critics watched the "peace process" stall for months.',
    ],
)
def test_scare_quotes_and_short_titles_are_not_quotes(nlp: Language, text: str) -> None:
    assert quoted(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dmitry Peskov said: “We will not accept it.”",
        "Dmitry Peskov said: «We will not accept it.»",
    ],
)
def test_curly_quotes_and_guillemets_are_quote_marks(nlp: Language, text: str) -> None:
    assert only_quote(nlp, text) == ("We will not accept it.", "Dmitry Peskov")


def test_apostrophes_are_not_quote_marks(nlp: Language) -> None:
    text = "Ukraine's army doesn't want a truce that isn't real, the generals' letter said."
    assert quoted(nlp, text) == []


def test_apostrophes_and_nested_single_quotes_stay_inside_a_quote(nlp: Language) -> None:
    text = "\"We don't want Ukraine's land or a 'buffer zone'\", Dmitry Peskov said."
    assert only_quote(nlp, text) == (
        "We don't want Ukraine's land or a 'buffer zone'",
        "Dmitry Peskov",
    )


def test_inch_marks_and_unclosed_marks_start_no_quote(nlp: Language) -> None:
    text = (
        'The 12" guns were moved, Petro Bondar said, and the talks were "dead on arrival.\n\n'
        "The front line did not move."
    )
    assert quoted(nlp, text) == []


def test_a_quote_nobody_is_said_to_speak_has_no_speaker(nlp: Language) -> None:
    text = 'The crowd in Kyiv waved flags. "No peace without justice for Ukraine."'
    assert only_quote(nlp, text) == ("No peace without justice for Ukraine.", None)


def test_the_token_span_covers_exactly_the_quoted_words(nlp: Language) -> None:
    doc = nlp('"We will win," Zelenskyy said.')
    [quote] = find_quotes(doc, attribution_of(doc))
    assert doc[quote.start : quote.end].text == quote.text == "We will win"


@pytest.mark.parametrize("name", ["000_80d53bb89c1a5903.txt", "004_7cff107318d3781a.txt"])
def test_seed_quotes_go_to_zelenskyy_and_to_trump_or_the_kremlin(nlp: Language, name: str) -> None:
    found = quotes_in(nlp, (SEEDS / name).read_text(encoding="utf-8"))
    speakers = [q.speaker.text for q in found if q.speaker is not None]
    assert any("Zelensk" in s for s in speakers), speakers
    assert any(part in s for s in speakers for part in ("Trump", "Kremlin", "Peskov")), speakers
    assert all(len(q.text.split()) >= 2 for q in found)


def test_a_quote_line_label_names_the_speaker(nlp: Language) -> None:
    text = (
        'The talks resumed.\n\nQuote from Petro Bondar: "Kyiv will never accept a frozen line."\n'
    )
    assert only_quote(nlp, text) == ("Kyiv will never accept a frozen line.", "Petro Bondar")
