"""Compose /help (and /start without a payload): what the bot does, the story, the commands."""

from __future__ import annotations

from briefings.i18n import N_, _
from briefings.replies.reply import Reply, blank, bold, line, reply

MAIN_COMMANDS = ("/who", "/figures", "/demands", "/sources")

STORY = N_(
    "December 2024: after meeting Zelenskyy and Macron in Paris, Trump called for an “immediate "
    "ceasefire”. Zelenskyy asked for a “just and enduring” peace with security guarantees; the "
    "Kremlin restated its terms."
)
# i18n: the last line of /help: sharing (the share button, and inline mode: "@bot zelensky"
# typed in any chat), and what works in groups
SHARING = N_(
    "To pass a fact on with its sources: ↗ Share under a card or figures, or, in any chat, this "
    "bot's @username followed by a name or topic. In groups, commands work; questions in plain "
    "words are for a private chat."
)
# Each command as /help writes it (the command as typed, its argument words translated), and
# what it does.
COMMAND_HELP = (
    # i18n: /help: keep the command; translate only the word in brackets (same for the others).
    (N_("/who [name]"), N_("the actors and their roles, or one actor's card")),
    (N_("/figures [topic]"), N_("the numbers, who claims them, and where sources disagree")),
    (N_("/chart [topic]"), N_("each claimant's figures over time, as a chart")),
    (N_("/demands [party]"), N_("what each side demands, proposes or rejects")),
    (N_("/quotes [name]"), N_("who said what, in their own words")),
    ("/timeline", N_("the dated events, newest first")),
    ("/sources", N_("the articles behind every answer ([n] in answers points here)")),
    (N_("/ask <question>"), N_("the facts that best answer a question (or just type it)")),
    (N_("/subscribe [HH:MM] [city]"), N_("a daily digest at your time; /settings, /unsubscribe")),
    ("/digest", N_("today's digest, now")),
    (N_("/lang uk|en"), N_("answer in Ukrainian or English")),
    ("/privacy", N_("what the bot keeps about you, for how long and why")),
    ("/forget", N_("delete all of it")),
    ("/help", N_("this message")),
)


def build_help() -> Reply:
    """What the bot does, the story in two lines, the commands, and buttons for the main ones."""
    about = _("A sourced briefing on the Ukraine ceasefire story: every fact cites its article.")
    lines = [
        line(bold("ceasefire-brief")),
        line(about),
        blank(),
        line(_(STORY)),
        blank(),
        *(line(bold(_(command)), f" — {_(what)}") for command, what in COMMAND_HELP),
        blank(),
        line(_(SHARING)),
    ]
    return reply(lines, MAIN_COMMANDS)
