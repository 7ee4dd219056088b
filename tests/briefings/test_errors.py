"""Tests for briefings.errors: the extraction refusals read as one sentence with the limit in it,
in the language of the answer they are raised for."""

from __future__ import annotations

import pytest

from briefings.errors import ExtractionFailedError, ExtractionTimeoutError, InputError
from briefings.i18n import UKRAINIAN, use_language


@pytest.mark.parametrize(
    ("seconds", "limit"),
    [
        (1, "1 second"),
        (1.5, "1.5 seconds"),
        (90, "90 seconds"),
        (1200, "20 minutes"),
        (1225, "1,225 seconds"),
    ],
)
def test_the_time_limit_is_written_as_people_write_it(seconds: float, limit: str) -> None:
    refused = ExtractionTimeoutError(seconds)
    assert str(refused) == (
        f"Finding the facts in this article took longer than the {limit} allowed, "
        "so it was not loaded."
    )
    assert refused.seconds == seconds


def test_both_refusals_are_input_errors_of_one_sentence() -> None:
    for refused in (ExtractionTimeoutError(90), ExtractionFailedError()):
        assert isinstance(refused, InputError)
        assert str(refused).count(". ") == 0 and str(refused).endswith(".")


@pytest.mark.parametrize(
    ("seconds", "limit"),
    [
        (1, "1 секунда"),
        (1.5, "1,5 секунди"),
        (21, "21 секунда"),
        (90, "90 секунд"),
        (1200, "20 хвилин"),
        (1225, "1\u00a0225 секунд"),
    ],
)
def test_a_refusal_raised_for_a_ukrainian_answer_is_in_ukrainian(
    seconds: float, limit: str
) -> None:
    with use_language(UKRAINIAN):
        refused = ExtractionTimeoutError(seconds)
        failed = ExtractionFailedError()
    assert str(refused) == (
        f"Пошук фактів у цій статті перевищив ліміт часу ({limit}), тому її не завантажено."
    )
    assert str(failed).startswith("Під час пошуку фактів у цій статті")
    assert str(ExtractionTimeoutError(seconds)).startswith("Finding the facts in this article")
