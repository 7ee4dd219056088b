"""Tests for briefings.extraction.attribution: who speaks a sentence, from verbs and labels."""

from __future__ import annotations

from spacy.language import Language

from briefings.extraction.extensions import attribution_of

TRANSCRIPT = """Briefing on the port talks

The Prime Minister of Norway, Ingrid Solberg: Good afternoon. We want the shelling to stop.

Question (Daily Ledger): Prime Minister, the other side says the port should be neutral.

Solberg: No. Our navy has escorted 240 ships since May.
"""


def speakers(nlp: Language, text: str) -> dict[str, str | None]:
    att = attribution_of(nlp(text))
    found = {}
    for n, sent in enumerate(att.sentences):
        speaker = att.sentence_speaker(n)
        found[sent.text.strip()] = speaker.text if speaker else None
    return found


def speaker_of(nlp: Language, text: str, words: str) -> str | None:
    found = speakers(nlp, text)
    return found[next(s for s in found if words in s)]


def test_every_sentence_under_a_label_is_the_labelled_speakers(nlp: Language) -> None:
    found = speakers(nlp, TRANSCRIPT)
    assert found["We want the shelling to stop."] == "Ingrid Solberg"
    assert found["Our navy has escorted 240 ships since May."] == "Solberg"


def test_a_surname_label_is_the_person_named_before(nlp: Language) -> None:
    att = attribution_of(nlp(TRANSCRIPT))
    last = att.sentence_speaker(len(att.sentences) - 1)
    assert last is not None and last.mention is not None


def test_a_journalists_question_has_no_speaker(nlp: Language) -> None:
    assert speaker_of(nlp, TRANSCRIPT, "the port should be neutral") is None


def test_labelled_sentences_count_as_spoken_words(nlp: Language) -> None:
    att = attribution_of(nlp(TRANSCRIPT))
    assert att.in_quote(len(att.sentences) - 1)
    assert not att.in_quote(0)


def test_a_quote_line_names_its_speaker(nlp: Language) -> None:
    text = 'Talks resumed.\n\nQuote from Petro Bondar: "We will not sign it."\n'
    assert speaker_of(nlp, text, "will not sign") == "Petro Bondar"


def test_a_bare_quote_line_is_the_speaker_of_the_paragraph_before(nlp: Language) -> None:
    text = 'Mykola Danyliuk told reporters on Monday.\n\nQuote: "We need more generators."\n'
    assert speaker_of(nlp, text, "more generators") == "Mykola Danyliuk"


def test_a_plain_label_such_as_details_names_nobody(nlp: Language) -> None:
    text = "Intro line.\n\nDetails: We want the shelling to stop.\n"
    assert speaker_of(nlp, text, "shelling") is None


def test_a_quote_paragraph_is_spoken_by_the_speaker_of_the_paragraph_before(nlp: Language) -> None:
    text = (
        "Mykola Danyliuk told reporters in Odesa on Monday.\n\n"
        '"We need 600 more generators before January. The grid will not hold."\n'
    )
    assert speaker_of(nlp, text, "The grid will not hold") == "Mykola Danyliuk"


def test_a_narrative_paragraph_before_a_quote_without_a_speaker_gives_none(nlp: Language) -> None:
    text = (
        'The port was shelled again overnight.\n\n"We need more generators. The grid is failing."\n'
    )
    assert speaker_of(nlp, text, "The grid is failing") is None


def test_a_sentence_that_already_gives_the_words_hands_no_quote_on(nlp: Language) -> None:
    text = (
        "Mykola Danyliuk said he hoped the talks would resume soon.\n\n"
        '"My brother is at the front. I want him home."\n'
    )
    assert speaker_of(nlp, text, "I want him home") is None


def resolved(nlp: Language, text: str, word: str) -> str | None:
    doc = nlp(text)
    att = attribution_of(doc)
    found = att.resolve(next(t for t in doc if t.text == word))
    return found.text if found else None


def test_he_under_a_reporting_verb_is_its_subject(nlp: Language) -> None:
    text = (
        "Petro Bondar met Anna Lind in Riga on Monday. "
        "The Ukrainian minister said he would not sign the deal."
    )
    assert resolved(nlp, text, "he") == "Ukrainian minister"


def test_the_group_is_not_an_organisation_named_paragraphs_before(nlp: Language) -> None:
    text = (
        "The Security Council met on Monday.\n\nTalks went on.\n\nMore talks followed.\n\n"
        "Petro Bondar said the group needed to go further."
    )
    assert resolved(nlp, text, "group") != "Security Council"


def test_the_group_is_the_organisation_just_named(nlp: Language) -> None:
    text = "The Wagner Group sent more fighters. Petro Bondar said the group needed to go further."
    assert resolved(nlp, text, "group") == "Wagner Group"


LONG_TRANSCRIPT = """Briefing on the port talks

Solberg: Good afternoon. We want the shelling to stop.

Our navy has escorted 240 ships since May.

Question (Daily Ledger): Will you agree to a monitoring mission?

Emmanuel Macron: We will consider it.

The talks resumed on Monday, officials said.
"""


def test_a_transcript_turn_carries_on_into_the_next_paragraph(nlp: Language) -> None:
    text = LONG_TRANSCRIPT.replace("Solberg:", "The Prime Minister, Ingrid Solberg:")
    assert speaker_of(nlp, text, "240 ships") == "Ingrid Solberg"


def test_a_question_or_a_reported_paragraph_does_not_carry_a_turn(nlp: Language) -> None:
    text = LONG_TRANSCRIPT.replace("Solberg:", "The Prime Minister, Ingrid Solberg:")
    assert speaker_of(nlp, text, "monitoring mission") is None
    assert speaker_of(nlp, text, "talks resumed") == "officials"


def test_a_headline_label_does_not_carry_into_the_story(nlp: Language) -> None:
    text = (
        "Live updates\n\nPetro Bondar: talks must go on\n\nThe port reopened on Monday.\n\n"
        "Ingrid Solberg: ships will sail\n\nThe navy escorted 240 ships.\n"
    )
    assert speaker_of(nlp, text, "240 ships") is None


def test_he_under_a_plural_speaker_is_not_that_speaker(nlp: Language) -> None:
    text = "Petro Bondar arrived in Riga on Monday. Officials said he would not sign the deal."
    assert resolved(nlp, text, "he") == "Petro Bondar"
