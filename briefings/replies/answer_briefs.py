"""Compose answers to plain questions: the stored sentences that best answer them, with their facts."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.entries import SentenceEntry
from briefings.i18n import _
from briefings.replies.citations import cite
from briefings.replies.demand_kinds import kind_label
from briefings.replies.figure_briefs import figure_text
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply

# A question is echoed back in the heading, shortened to this many characters.
ECHO_CHARS = 80


def echo(question: str) -> str:
    """The question as the heading repeats it: one line, shortened if long."""
    flat = " ".join(question.split())
    return flat if len(flat) <= ECHO_CHARS else flat[: ECHO_CHARS - 1].rstrip() + "…"


def enough_terms(matched: int, n_terms: int) -> bool:
    """True when a sentence holds at least half of a question's terms (and at least one)."""
    return matched >= 1 and 2 * matched >= n_terms


def rank_answers(found: Sequence[SentenceEntry], n_terms: int) -> list[SentenceEntry]:
    """Sentences that hold enough of the terms: more terms first, then those stating facts, then rank."""
    relevant = [entry for entry in found if enough_terms(entry.matched_terms, n_terms)]
    return sorted(
        relevant,
        key=lambda e: (-e.matched_terms, not (e.figures or e.demands), -e.rank),
    )


def build_answer(question: str, n_terms: int, found: Sequence[SentenceEntry], limit: int) -> Reply:
    """The best few sentences for a question, each sourced, with the facts stated in them."""
    ranked = rank_answers(found, n_terms)[:limit]
    if not ranked:
        return build_no_answer(question)
    about = _("about “{question}”").format(question=echo(question))
    lines = [line(bold(_("What the articles say")), f" {about}"), blank()]
    for number, entry in enumerate(ranked, start=1):
        lines += [*_entry_lines(number, entry), blank()]
    return reply(lines)


def _entry_lines(number: int, entry: SentenceEntry) -> list[Line]:
    lines = [line(bold(f"{number}."), f" {entry.text} ", cite([entry.article_id]))]
    for figure in entry.figures:
        stated = figure_text(figure)
        if figure.claimant:
            stated = _("{figure} (claimed by {claimant})").format(
                figure=stated, claimant=figure.claimant
            )
        # i18n: a label before a figure found in the sentence (a noun: a claimed number).
        lines.append(line("   ↳ ", italic(_("figure")), f": {stated}"))
    for demand in entry.demands:
        # i18n: after a kind of position ("demand", "proposal"): the party that takes it, and what.
        stated = _("by {party}: {demand}").format(party=demand.party, demand=demand.demand)
        lines.append(line("   ↳ ", italic(kind_label(demand.kind)), f" {stated}"))
    return lines


def build_no_answer(question: str) -> Reply:
    """The reply when nothing stored answers a question."""
    text = _("Nothing in the articles says that: no sentence matches “{question}”.")
    return reply(
        [
            line(text.format(question=echo(question))),
            line(italic(_("Try other words, or /who, /figures, /demands."))),
        ]
    )


def build_empty_question(question: str) -> Reply:
    """The reply to an empty question, or one of only common words."""
    if not question.strip():
        text = _("Ask a question after /ask, e.g. /ask what does Russia demand?")
        return reply([line(text)])
    text = _("“{question}” has no words I can search for. Try naming a person, place or thing.")
    return reply([line(text.format(question=echo(question)))])
