"""Compose the replies to /lang: the interface language and how to change it, a change made,
and a language the bot does not speak.

Each language is offered under its own name ("English", "Українська"), so a reader finds
theirs whatever the language of the answer; the commands (/lang en, /lang uk) are the buttons.
"""

from __future__ import annotations

from dataclasses import replace

from briefings.i18n import ENGLISH, LANGUAGES, N_, UKRAINIAN, _, use_language
from briefings.replies.reply import Line, Reply, bold, line, reply, text_reply

# i18n: a language's name, as in "Interface language: English" (lower case in Ukrainian)
NAMES = {ENGLISH: N_("English"), UKRAINIAN: N_("Ukrainian")}
# Said in the language just chosen (only the chosen language's own message is ever shown).
CHANGED = {
    ENGLISH: N_("✅ From now on I answer in English, daily digests included."),
    UKRAINIAN: N_("✅ From now on I answer in Ukrainian, daily digests included."),
}


def language_command(language: str) -> str:
    """The command that switches to a language: "/lang uk"."""
    return f"/lang {language}"


# The buttons under /lang: every language's command.
CHOICES = tuple(language_command(language) for language in LANGUAGES)


def own_name(language: str) -> str:
    """A language's name in itself, capitalised to head a line: "English", "Українська"."""
    with use_language(language):
        name = _(NAMES[language])
    return name[:1].upper() + name[1:]


def build_language(current: str) -> Reply:
    """/lang alone: the language answers come in, and how to change it."""
    lines = [
        line("🌐 ", bold(_("Interface language")), f": {_(NAMES[current])}"),
        line(_("To change it, press a button or send its command:")),
        *_choice_lines(),
    ]
    return reply(lines, CHOICES)


def build_language_changed(language: str) -> Reply:
    """The reply to /lang uk or /lang en, in the language just chosen."""
    with use_language(language):
        return text_reply(_(CHANGED[language]), ("/help",))


def build_unknown_language() -> Reply:
    """The reply to /lang with a language the bot does not speak, marked not done."""
    refusal = text_reply(
        _("I don't speak that language: send /lang en for English or /lang uk for Ukrainian."),
        CHOICES,
    )
    return replace(refusal, failed=True)


def _choice_lines() -> list[Line]:
    """A line per language: its own name and its command."""
    return [line(f"{own_name(code)} — ", language_command(code)) for code in LANGUAGES]
