"""Who claims a figure: candidates found around the number, then one picked by a fixed order.

The chain of "who claims this figure", end to end:

1. Extraction (this module) picks the claimant's text. Around a number it finds candidates,
   each with the cue it came from, and picks the first by this order (earlier wins):

   a. on the verbs governing the number, nearest first (so the innermost of nested reports:
      "state media reported that the ministry claimed ..." is the ministry's), and on each verb
      in this order: `SPEECH_VERB`, the speaker of a speech verb ("Kyiv said 20 drones were
      downed", "..., the ministry says"), unless the number is inside that verb's own subject;
      for such a verb, a source it cites or quotes comes first ("citing the General Staff, X
      reported", "X was quoted as saying"), and a speech verb the parse hangs on what is
      reported keeps the outer speaker ("X said A, and claimed B"); `FINDING_VERB`, the subject
      of a verb of finding, judging or alleging ("Mediazona has identified", "the ombudsman
      believes"); `STUDY_AUTHOR`, the author of a study or count the number is in or that is
      the verb's subject ("the agency's count of 4,500", "the UN's tally rose to 12,000");
      `PASSIVE_AGENT`, the agent of a passive ("the toll was put at 40 by the ministry");
      `CALL_SUBJECT`, the subject of a call verb ("Kyiv urged the release of 300 prisoners");
   b. `ACCORDING_TO`, the source of "according to X" or "by X's count" in the number's
      sentence;
   c. on every word of the sentence, nearest to the number first (left before right at
      equal distance): `NEAREST_SPEECH`, the speaker of a speech verb; then
      `NEAREST_REPORT_AGENT`, the agent of a report verb ("estimated by", "put at ... by");
   d. `SENTENCE_SPEAKER`, who speaks the sentence: its own speaker, or that of the quote or
      the colon it continues (`Attribution.sentence_speaker`).

   A speech verb that hands the number over ("Germany gave 18 tanks") reports nothing. Whom a
   phrase names is `briefings/extraction/claimant_sources.py`: a named actor where it can be
   (pronouns included, by `briefings/extraction/attribution.py`); a study's author ("a survey
   by X found", "according to X's estimates", "a KIIS poll"); for a definite title ("the
   minister"), the person the article gave it; else a descriptive phrase ("the Kremlin
   spokesman", "Russian milbloggers" for a speech verb's plural subject). Cue words are data:
   `briefings/data/claimants.json`, and the speech verbs of `briefings/data/lexicon.json`.
   When a number repeats in an article, the figure keeps the best attributed occurrence
   (`briefings/extraction/figures.py`).
2. Identity links that text to a stored actor when the article is saved: to the article's
   actor of that name if exactly one fits, else, for a role phrase, to the actor holding that
   role as of the article's date (`briefings/identity/role_linking.py`).
3. The store keeps both: the text as written (`figures.claimed_by`) and the linked actor
   (`figures.claimant_actor_id`); answers show the actor's current name when there is one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from spacy.tokens import Token

from briefings.extraction.claimant_sources import (
    ClaimantCues,
    author,
    is_count,
    is_study,
    load_claimant_cues,
    who,
)
from briefings.extraction.figure_context import has_subject
from briefings.extraction.grammar import subject_of
from briefings.extraction.mentions import Source

# Only a type here: the pipeline builds the attribution and hands it in.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution


class Cue(IntEnum):
    """Where a candidate claimant came from; within a stage, a lower cue wins at one word."""

    SPEECH_VERB = 1
    FINDING_VERB = 2
    STUDY_AUTHOR = 3
    PASSIVE_AGENT = 4
    CALL_SUBJECT = 5
    ACCORDING_TO = 6
    NEAREST_SPEECH = 7
    NEAREST_REPORT_AGENT = 8
    SENTENCE_SPEAKER = 9


# The stages of the order above; a candidate of an earlier stage always wins.
_STAGE = {
    Cue.SPEECH_VERB: 0,
    Cue.FINDING_VERB: 0,
    Cue.STUDY_AUTHOR: 0,
    Cue.PASSIVE_AGENT: 0,
    Cue.CALL_SUBJECT: 0,
    Cue.ACCORDING_TO: 1,
    Cue.NEAREST_SPEECH: 2,
    Cue.NEAREST_REPORT_AGENT: 2,
    Cue.SENTENCE_SPEAKER: 3,
}


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
    according = _according_to(number, attribution, cues)
    if according is not None:
        found.append(Candidate(according, Cue.ACCORDING_TO))
    found += _in_sentence(number, attribution, cues)
    speaker = attribution.sentence_speaker(attribution.sentence_index(number))
    if speaker is not None and not _only_denies(speaker, number, attribution):
        found.append(Candidate(speaker, Cue.SENTENCE_SPEAKER))
    return found


def _only_denies(speaker: Source, number: Token, attribution: Attribution) -> bool:
    """Whether the sentence's speaker speaks in it only through a negated verb ("the ministry
    did not confirm that 40 ...")."""
    verbs = [(w, attribution.speech_source(w)) for w in number.sent]
    theirs = [w for w, source in verbs if source is not None and source.text == speaker.text]
    return bool(theirs) and all(_negated(w) for w in theirs)


def _governing(number: Token, attribution: Attribution, cues: ClaimantCues) -> Iterator[Candidate]:
    """Candidates on the verbs above the number: speakers, finders, passive agents, callers."""
    for step, verb in enumerate(number.ancestors):
        source = _speaker(verb, number, attribution, cues)
        if source is not None:
            yield Candidate(source, Cue.SPEECH_VERB, step)
        finder = _finder(verb, number, attribution, cues)
        if finder is not None:
            yield Candidate(finder, Cue.FINDING_VERB, step)
        maker = _study_maker(verb, number, attribution, cues)
        if maker is not None:
            yield Candidate(maker, Cue.STUDY_AUTHOR, step)
        agent = attribution.passive_agent(verb)
        if agent is not None:
            yield Candidate(agent, Cue.PASSIVE_AGENT, step)
        if verb.lemma_ in cues.call_verbs and verb.pos_ == "VERB":
            caller_token = subject_of(verb)
            caller = attribution.resolve(caller_token) if caller_token is not None else None
            if caller is not None:
                yield Candidate(caller, Cue.CALL_SUBJECT, step)


def _study_maker(
    word: Token, number: Token, attribution: Attribution, cues: ClaimantCues
) -> Source | None:
    """The author of a study holding the number ("the agency's count of 4,500") or of a study
    that is the subject of the number's verb ("the UN's tally rose to 12,000")."""
    if is_study(word, cues):
        return author(word, attribution, cues)
    subject = _active_subject(word, number) if word.pos_ in {"VERB", "AUX"} else None
    return author(subject, attribution, cues) if subject and is_study(subject, cues) else None


def _active_subject(verb: Token, number: Token) -> Token | None:
    """A verb's subject, unless passive or holding the number ("20 officials said": not theirs)."""
    subject = subject_of(verb)
    if subject is None or subject.dep_ == "nsubjpass" or number in subject.subtree:
        return None
    return subject


def _speaker(
    verb: Token, number: Token, attribution: Attribution, cues: ClaimantCues
) -> Source | None:
    """Who says what a speech verb reports: its subject, or the speaker it continues."""
    if verb.lemma_ not in attribution.lexicon.speech_verbs or verb.pos_ not in {"VERB", "AUX"}:
        return None
    if _hands_over(verb, number, cues) or _negated(verb):
        return None
    cited = _cited(verb, attribution, cues)
    if cited is not None:
        return cited
    outer = _continued_speaker(verb, attribution)
    if outer is not None:
        return outer
    subject = _active_subject(verb, number)
    return who(subject, attribution, cues, speaking=True) if subject is not None else None


def _negated(verb: Token) -> bool:
    """ "did not confirm", "has not verified": what a verb denies, its subject does not claim."""
    return any(c.dep_ == "neg" for c in verb.children)


def _hands_over(verb: Token, number: Token, cues: ClaimantCues) -> bool:
    """ "Germany gave 18 tanks": a verb handing over the number, not reporting it."""
    if verb.lemma_ not in cues.transfer_verbs:
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    held = next((o for o in objects if number in o.subtree), None)
    return held is not None and held.lemma_.lower() not in cues.figure_nouns


def _cited(verb: Token, attribution: Attribution, cues: ClaimantCues) -> Source | None:
    """The source a speaker cites: "citing the General Staff, X reported", "quoted Y as saying",
    "Y was quoted as saying"."""
    citing = [c for c in verb.children if c.lemma_ in cues.citing_verbs and c.tag_ == "VBG"]
    head = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else None
    citing += [head] if head is not None and head.lemma_ in cues.citing_verbs else []
    for cite in citing:
        cited = next((c for c in cite.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if cited is not None and is_count(cited):
            continue  # "citing two officials": the speaker stays the source
        # "citing images": an unnamed plural cited is no source; the speaker stays.
        found = who(cited, attribution, cues, speaking=False) if cited is not None else None
        if found is not None:
            return found
    return None


def _continued_speaker(verb: Token, attribution: Attribution) -> Source | None:
    """ "X said A, and claimed B": the parse hangs "claimed" on A, but X claims B."""
    doc, head = verb.doc, verb.head
    joined = verb.i >= 2 and doc[verb.i - 1].lower_ == "and" and doc[verb.i - 2].text == ","
    if verb.dep_ != "conj" or not joined or has_subject(verb) or head.dep_ != "ccomp":
        return None
    return attribution.speech_source(head.head)


def _finder(
    verb: Token, number: Token, attribution: Attribution, cues: ClaimantCues
) -> Source | None:
    """Who finds, judges or counts what a verb governs: "Mediazona has identified 160,000"."""
    if verb.lemma_ not in cues.finding_verbs or verb.pos_ != "VERB" or _negated(verb):
        return None
    subject = _active_subject(verb, number)
    return who(subject, attribution, cues, speaking=False) if subject is not None else None


def _according_to(number: Token, attribution: Attribution, cues: ClaimantCues) -> Source | None:
    """The source of "according to X" or "by X's count" in the number's sentence.

    A study gives its author; an unnamed plural stands as written ("according to rescuers").
    """
    for source in _source_phrases(number, cues):
        if is_study(source, cues):
            found = author(source, attribution, cues)
        else:
            found = who(source, attribution, cues, speaking=True)
        if found is not None:
            return found
    return attribution.according_to(number.sent)


def _source_phrases(number: Token, cues: ClaimantCues) -> Iterator[Token]:
    """The X of "according to X" and the study of "by X's count" in the number's sentence."""
    for tok in number.sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            yield from (c for c in (to.children if to else ()) if c.dep_ == "pobj")
        elif tok.lower_ == "by" and tok.dep_ == "prep":
            yield from (c for c in tok.children if c.dep_ == "pobj" and is_study(c, cues))


def _in_sentence(
    number: Token, attribution: Attribution, cues: ClaimantCues
) -> Iterator[Candidate]:
    """Candidates on every word of the number's sentence: speakers, and report verbs' agents."""
    by_distance = sorted(number.sent, key=lambda word: abs(word.i - number.i))
    for step, word in enumerate(by_distance):
        source = attribution.speech_source(word)
        if source is not None and not (_hands_over(word, number, cues) or _negated(word)):
            yield Candidate(source, Cue.NEAREST_SPEECH, step)
        if word.lemma_ in cues.report_verbs:
            agent = attribution.passive_agent(word)
            if agent is not None:
                yield Candidate(agent, Cue.NEAREST_REPORT_AGENT, step)
