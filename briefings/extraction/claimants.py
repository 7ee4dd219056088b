"""Who claims a figure: candidates found around the number, then one picked by a fixed order.

The chain of "who claims this figure", end to end:

1. Extraction (this module) picks the claimant's text. Around a number it finds candidates,
   each with the cue it came from, and picks the first by this order (earlier wins):

   a. on the verbs governing the number, nearest first, and on each verb in this order:
      `SPEECH_VERB`, the speaker of a speech verb ("Kyiv said 20 drones were downed"),
      unless the number is inside that verb's own subject; `PASSIVE_AGENT`, the agent of a
      passive ("the toll was put at 40 by the ministry"); `CALL_SUBJECT`, the subject of a
      call verb ("Kyiv urged the release of 300 prisoners");
   b. `ACCORDING_TO`, the source of "according to X" in the number's sentence;
   c. on every word of the sentence, nearest to the number first (left before right at
      equal distance): `NEAREST_SPEECH`, the speaker of a speech verb; then
      `NEAREST_REPORT_AGENT`, the agent of a report verb ("estimated by", "put at ... by");
   d. `SENTENCE_SPEAKER`, who speaks the sentence: its own speaker, or that of the quote or
      the colon it continues (`Attribution.sentence_speaker`).

   A speaker is resolved to a named actor where it can be (pronouns included, by
   `briefings/extraction/attribution.py`), else kept as a descriptive phrase ("the Kremlin
   spokesman"). Cue words are data: `briefings/data/claimants.json`, and the speech verbs of
   `briefings/data/lexicon.json`. When a number repeats in an article, the figure keeps the
   best attributed occurrence (`briefings/extraction/figures.py`).
2. Identity links that text to a stored actor when the article is saved: to the article's
   actor of that name if exactly one fits, else, for a role phrase, to the actor holding that
   role as of the article's date (`briefings/identity/role_linking.py`).
3. The store keeps both: the text as written (`figures.claimed_by`) and the linked actor
   (`figures.claimant_actor_id`); answers show the actor's current name when there is one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

from spacy.tokens import Token

from briefings.extraction.attribution import Attribution, Source, subject_of
from briefings.vocabulary.lexicon import data_text


class Cue(IntEnum):
    """Where a candidate claimant came from; within a stage, a lower cue wins at one word."""

    SPEECH_VERB = 1
    PASSIVE_AGENT = 2
    CALL_SUBJECT = 3
    ACCORDING_TO = 4
    NEAREST_SPEECH = 5
    NEAREST_REPORT_AGENT = 6
    SENTENCE_SPEAKER = 7


# The stages of the order above; a candidate of an earlier stage always wins.
_STAGE = {
    Cue.SPEECH_VERB: 0,
    Cue.PASSIVE_AGENT: 0,
    Cue.CALL_SUBJECT: 0,
    Cue.ACCORDING_TO: 1,
    Cue.NEAREST_SPEECH: 2,
    Cue.NEAREST_REPORT_AGENT: 2,
    Cue.SENTENCE_SPEAKER: 3,
}


@dataclass(frozen=True)
class ClaimantCues:
    """The cue words, from briefings/data/claimants.json."""

    call_verbs: frozenset[str]
    report_verbs: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """A possible claimant of a figure: who, from which cue, and how far from the number.

    `step` counts from the number outwards: the governing verbs by depth, the sentence's
    words by distance (ties left first); 0 where the cue has no position.
    """

    source: Source
    cue: Cue
    step: int = 0

    @property
    def rank(self) -> tuple[int, int, int]:
        """The candidate's place in the order: stage, then step, then cue (lower wins)."""
        return (_STAGE[self.cue], self.step, self.cue)


@cache
def load_claimant_cues() -> ClaimantCues:
    """Read the claimant cue words once."""
    data = json.loads(data_text("claimants.json"))
    return ClaimantCues(frozenset(data["call_verbs"]), frozenset(data["report_verbs"]))


def claimant_of(number: Token, attribution: Attribution) -> Source | None:
    """Who claims the figure a number token heads: the best candidate, or None."""
    best = pick_claimant(find_candidates(number, attribution))
    return best.source if best is not None else None


def pick_claimant(candidates: list[Candidate]) -> Candidate | None:
    """The candidate first in the order of this module's docstring, or None."""
    return min(candidates, key=lambda candidate: candidate.rank, default=None)


def find_candidates(number: Token, attribution: Attribution) -> list[Candidate]:
    """Every candidate claimant of a number, each with its cue and step."""
    cues = load_claimant_cues()
    found = [*_governing(number, attribution, cues)]
    according = attribution.according_to(number.sent)
    if according is not None:
        found.append(Candidate(according, Cue.ACCORDING_TO))
    found += _in_sentence(number, attribution, cues)
    speaker = attribution.sentence_speaker(attribution.sentence_index(number))
    if speaker is not None:
        found.append(Candidate(speaker, Cue.SENTENCE_SPEAKER))
    return found


def _governing(number: Token, attribution: Attribution, cues: ClaimantCues) -> Iterator[Candidate]:
    """Candidates on the verbs above the number: speakers, passive agents, callers."""
    for step, verb in enumerate(number.ancestors):
        source = attribution.speech_source(verb)
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
        # A number inside the speaker's own subject ("20 officials said") is not claimed by it.
        if source is not None and (subject is None or number not in subject.subtree):
            yield Candidate(source, Cue.SPEECH_VERB, step)
        agent = attribution.passive_agent(verb)
        if agent is not None:
            yield Candidate(agent, Cue.PASSIVE_AGENT, step)
        if verb.lemma_ in cues.call_verbs and verb.pos_ == "VERB":
            caller_token = subject_of(verb)
            caller = attribution.resolve(caller_token) if caller_token is not None else None
            if caller is not None:
                yield Candidate(caller, Cue.CALL_SUBJECT, step)


def _in_sentence(
    number: Token, attribution: Attribution, cues: ClaimantCues
) -> Iterator[Candidate]:
    """Candidates on every word of the number's sentence: speakers, and report verbs' agents."""
    by_distance = sorted(number.sent, key=lambda word: abs(word.i - number.i))
    for step, word in enumerate(by_distance):
        source = attribution.speech_source(word)
        if source is not None:
            yield Candidate(source, Cue.NEAREST_SPEECH, step)
        if word.lemma_ in cues.report_verbs:
            agent = attribution.passive_agent(word)
            if agent is not None:
                yield Candidate(agent, Cue.NEAREST_REPORT_AGENT, step)
