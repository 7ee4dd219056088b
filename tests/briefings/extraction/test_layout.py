"""Tests for briefings.extraction.layout: speaker labels, paragraphs and quoted stretches."""

from __future__ import annotations

import pytest
from spacy.language import Language

from briefings.extraction.layout import is_name_line, label_colon


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Solberg: We are ready.", "Solberg"),
        (
            "The Prime Minister of Norway, Ingrid Solberg: Good afternoon.",
            "The Prime Minister of Norway, Ingrid Solberg",
        ),
        ("Question (Daily Ledger): Will you agree?", "Question (Daily Ledger)"),
        ("Question: And the port?", "Question"),
        ('Quote from Petro Bondar: "We will not sign."', "Quote from Petro Bondar"),
        ("Q: Is there progress?", "Q"),
    ],
)
def test_a_speaker_label_ends_at_its_colon(nlp: Language, line: str, label: str) -> None:
    doc = nlp.make_doc(line)
    colon = label_colon(doc)
    assert colon is not None
    assert doc[: colon.i + 1].text.removesuffix(":") == label


@pytest.mark.parametrize(
    "line",
    [
        "Our position is simple: a ceasefire first.",
        "Kyiv, 4 May 2025. The talks resumed: both sides came.",
        "The minister said: we will not sign.",
        "No colon in this line at all.",
        "Solberg\nsaid: nothing.",
    ],
)
def test_prose_is_not_a_label(nlp: Language, line: str) -> None:
    assert label_colon(nlp.make_doc(line)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intro.\n\nAnna Lindqvist\n", True),
        ("Intro.\n\n— Anna Lindqvist in Riga\n", True),
        ("Intro.\n\nAnna Lindqvist said the talks resumed.\n", False),
    ],
)
def test_a_name_alone_on_its_line(nlp: Language, text: str, expected: bool) -> None:
    doc = nlp.make_doc(text)
    start = text.index("Anna")
    name = doc.char_span(start, start + len("Anna Lindqvist"))
    assert name is not None
    assert is_name_line(name) is expected
