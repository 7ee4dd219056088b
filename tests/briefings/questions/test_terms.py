"""Tests of briefings.questions.terms: which words of a question are worth searching for."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefings.questions.terms import query_terms, stop_words

SAFE_TERM = re.compile(r"[^\W_]+")


REPO = Path(__file__).resolve().parents[3]


def test_stop_words_and_question_words_are_dropped() -> None:
    assert query_terms("What did Zelenskyy say about the ceasefire?") == ["zelenskyy", "ceasefire"]
    assert query_terms("Please tell me who signed it, and why") == ["signed"]


def test_words_are_lowercased_and_deduplicated_in_order() -> None:
    assert query_terms("Talks in Riyadh: talks, TALKS and riyadh again") == [
        "talks",
        "riyadh",
    ]


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ('ceasefire* "talks" NEAR(a b)', ["ceasefire", "talks", "near"]),
        (
            "text:riyadh AND sentence_search:envoy",
            ["text", "riyadh", "sentence", "search", "envoy"],
        ),
        ("!drones & kherson | (shelling) <-> front", ["drones", "kherson", "shelling"]),
        ("**bold** _envoy_ `code` [link](url) #tag @user", ["bold", "envoy", "code", "link"]),
        ("<b>prisoners</b> &amp; exchange", ["prisoners", "amp", "exchange"]),
        ("'; DROP TABLE sentences; --", ["drop", "table", "sentences"]),
    ],
)
def test_punctuation_and_query_syntax_are_stripped(question: str, terms: list[str]) -> None:
    found = query_terms(question)
    assert found[: len(terms)] == terms
    assert all(SAFE_TERM.fullmatch(term) for term in found)


def test_emoji_are_dropped() -> None:
    assert query_terms("🕊️ peace 👍🏽 deal 🇺🇦?") == ["peace", "deal"]


def test_letters_of_any_script_are_kept() -> None:
    assert query_terms("Zelenskyy in Київ and Kraków") == ["zelenskyy", "київ", "kraków"]


def test_full_width_letters_and_ligatures_are_folded() -> None:
    assert query_terms("ｐｅａｃｅ ﬁghting") == ["peace", "fighting"]


def test_numbers_keep_their_digits_without_thousands_separators() -> None:
    question = "Were 400,000 troops or 1,234,567 people there in 2025, for 2.5 days?"
    assert query_terms(question) == ["400000", "troops", "1234567", "people", "2025", "days"]


def test_clitics_leave_no_fragments() -> None:
    assert query_terms("Ukraine's allies don't agree; we've heard they won’t") == [
        "ukraine",
        "allies",
        "agree",
        "heard",
    ]


def test_one_character_and_overlong_words_are_dropped() -> None:
    assert query_terms("x y z " + "a" * 41 + " envoy") == ["envoy"]


def test_questions_without_content_words_give_no_terms() -> None:
    assert query_terms("") == []
    assert query_terms("Who? What? Why?!") == []
    assert query_terms("?!…") == []


def test_terms_are_capped() -> None:
    question = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike"
    assert query_terms(question, max_terms=3) == ["alpha", "bravo", "charlie"]
    assert len(query_terms(question)) == 12
    assert query_terms(question, max_terms=0) == []


@pytest.mark.timing
def test_a_long_question_is_handled_quickly() -> None:
    question = " ".join(f"«word{n}»?!" for n in range(500))[:4000]
    started = time.perf_counter()
    terms = query_terms(question)
    assert time.perf_counter() - started < 0.05
    assert terms == [f"word{n}" for n in range(12)]


@pytest.mark.timing
def test_a_long_question_without_content_words_is_handled_quickly() -> None:
    question = ("the, ... " * 500)[:4000]
    started = time.perf_counter()
    assert query_terms(question) == []
    assert time.perf_counter() - started < 0.05


def test_stop_words_are_spacys_list_read_without_importing_spacy() -> None:
    probe = (
        "import sys\n"
        "from briefings.questions.terms import stop_words\n"
        "words = stop_words()\n"
        "print(len(words), 'spacy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    count, imported = done.stdout.split()
    assert imported == "False"
    from spacy.lang.en.stop_words import STOP_WORDS

    assert int(count) == len(STOP_WORDS)
    assert stop_words() == frozenset(STOP_WORDS)
