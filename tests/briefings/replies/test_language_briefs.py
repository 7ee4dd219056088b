"""Tests of briefings.replies.language_briefs: the replies to /lang in both languages."""

from __future__ import annotations

from briefings.i18n import ENGLISH, UKRAINIAN, use_language
from briefings.replies.language_briefs import (
    build_language,
    build_language_changed,
    build_unknown_language,
    own_name,
)


def test_lang_alone_names_the_language_and_offers_each_under_its_own_name() -> None:
    shown = build_language(ENGLISH)
    assert shown.plain.splitlines() == [
        "🌐 Interface language: English",
        "To change it, press a button or send its command:",
        "English — /lang en",
        "Українська — /lang uk",
    ]
    assert shown.actions == ("/lang en", "/lang uk")


def test_lang_alone_in_ukrainian_keeps_the_choices_each_in_its_own_language() -> None:
    with use_language(UKRAINIAN):
        shown = build_language(UKRAINIAN)
    first, second, *choices = shown.plain.splitlines()
    assert first == "🌐 Мова інтерфейсу: українська"
    assert second.startswith("Щоб змінити")
    assert choices == ["English — /lang en", "Українська — /lang uk"]


def test_a_change_is_said_in_the_new_language_whatever_the_old() -> None:
    with use_language(ENGLISH):
        to_ukrainian = build_language_changed(UKRAINIAN)
    with use_language(UKRAINIAN):
        to_english = build_language_changed(ENGLISH)
    assert to_ukrainian.plain.startswith("✅ Відтепер я відповідаю українською")
    assert to_english.plain == "✅ From now on I answer in English, daily digests included."
    assert to_english.actions == to_ukrainian.actions == ("/help",)


def test_an_unknown_language_is_one_sentence_marked_not_done() -> None:
    refused = build_unknown_language()
    assert refused.failed
    assert refused.plain == (
        "I don't speak that language: send /lang en for English or /lang uk for Ukrainian."
    )
    with use_language(UKRAINIAN):
        assert build_unknown_language().plain.startswith("Такої мови я не знаю")


def test_each_language_has_its_own_name_in_itself() -> None:
    with use_language(UKRAINIAN):
        assert (own_name(ENGLISH), own_name(UKRAINIAN)) == ("English", "Українська")
