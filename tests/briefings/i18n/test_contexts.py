"""A label's form after a number: extracted in its own context, translated apart from the
heading's form, and used where a label follows a figure's number."""

from __future__ import annotations

import json

from briefings.i18n import AFTER_NUMBER, ENGLISH, UKRAINIAN, p_, use_language
from briefings.i18n.extraction import ROOT, extract_messages
from briefings.replies.figure_briefs import label_after_number, short_label

MEASURES = ROOT / "briefings" / "data" / "measures.json"


def test_every_measure_label_is_extracted_again_after_a_number() -> None:
    labels = {measure["label"] for measure in json.loads(MEASURES.read_text())["measures"]}
    template = extract_messages()
    in_context = {message.id for message in template if message.context == AFTER_NUMBER}
    plain = {message.id for message in template if message.context is None}
    assert labels <= in_context
    assert labels <= plain


def test_ukrainian_puts_a_label_after_a_number_in_another_form_than_a_heading() -> None:
    with use_language(UKRAINIAN):
        heading, counted = short_label("military_killed"), label_after_number("military_killed")
    assert heading != counted
    assert counted != "soldiers killed"
    with use_language(ENGLISH):
        assert label_after_number("military_killed") == short_label("military_killed")


def test_an_unknown_message_in_a_context_is_its_english() -> None:
    with use_language(UKRAINIAN):
        assert p_(AFTER_NUMBER, "no such label") == "no such label"
