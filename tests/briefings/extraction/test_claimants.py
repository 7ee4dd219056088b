"""Tests of briefings.extraction.claimants: candidate claimants of a number, and the one picked."""

from __future__ import annotations

import pytest
from spacy.language import Language

from briefings.extraction.attribution import Source
from briefings.extraction.claimants import (
    Candidate,
    Cue,
    find_candidates,
    load_claimant_cues,
    pick_claimant,
)
from briefings.extraction.extensions import attribution_of


def candidates(nlp: Language, text: str, number: str) -> list[Candidate]:
    """The candidate claimants of a number written in a one-article text."""
    doc = nlp(text)
    attribution = attribution_of(doc)
    token = next(token for token in doc if token.text == number)
    return find_candidates(token, attribution)


def picked(nlp: Language, text: str, number: str) -> tuple[str, Cue] | None:
    """Who is picked as the number's claimant, and from which cue."""
    best = pick_claimant(candidates(nlp, text, number))
    return (best.source.text, best.cue) if best else None


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("Kyiv said 20 drones were downed.", "20", ("Kyiv", Cue.SPEECH_VERB)),
        (
            "The death toll was put at 40 by the regional governor.",
            "40",
            ("regional governor", Cue.PASSIVE_AGENT),
        ),
        ("Kyiv called for the exchange of 300 prisoners.", "300", ("Kyiv", Cue.CALL_SUBJECT)),
        (
            "Some 5,000 soldiers were wounded, according to the Pentagon.",
            "5,000",
            ("Pentagon", Cue.ACCORDING_TO),
        ),
        (
            "Russia lost 700 tanks, a number given by the general staff.",
            "700",
            ("general staff", Cue.NEAREST_REPORT_AGENT),
        ),
        (
            "“We shot down 40 drones. The night was long,” Zelenskyy said.",
            "40",
            ("Zelenskyy", Cue.SENTENCE_SPEAKER),
        ),
    ],
)
def test_each_cue_finds_a_claimant(
    nlp: Language, text: str, number: str, expected: tuple[str, Cue]
) -> None:
    assert picked(nlp, text, number) == expected


def test_a_governing_speech_verb_beats_according_to(nlp: Language) -> None:
    text = "Kyiv said 20 drones were downed, according to the Pentagon."
    found = [(c.source.text, c.cue) for c in candidates(nlp, text, "20")]
    assert ("Pentagon", Cue.ACCORDING_TO) in found
    assert picked(nlp, text, "20") == ("Kyiv", Cue.SPEECH_VERB)


def test_a_speaker_whose_subject_holds_the_number_is_only_the_nearest_speaker(
    nlp: Language,
) -> None:
    text = "The army, which lost 200 tanks, said on Monday that it would regroup."
    cues = {c.cue for c in candidates(nlp, text, "200")}
    assert Cue.SPEECH_VERB not in cues
    assert picked(nlp, text, "200") == ("army", Cue.NEAREST_SPEECH)


def test_a_passive_agent_on_the_number_beats_a_speaker_elsewhere_in_the_sentence(
    nlp: Language,
) -> None:
    text = (
        "Losses were estimated at 700 by the general staff on Tuesday, "
        "and the ministry said the fighting went on."
    )
    assert picked(nlp, text, "700") == ("general staff", Cue.PASSIVE_AGENT)


def test_a_number_with_no_cue_has_no_claimant(nlp: Language) -> None:
    assert picked(nlp, "Zelenskyy spoke on Monday.\n\nRussia fired 90 missiles.", "90") is None


def test_the_order_is_stage_then_nearness_then_cue() -> None:
    near, far = Source("near", None), Source("far", None)
    assert pick_claimant([]) is None
    later_stage = Candidate(near, Cue.ACCORDING_TO)
    farther_verb = Candidate(far, Cue.CALL_SUBJECT, step=5)
    assert pick_claimant([later_stage, farther_verb]) == farther_verb
    nearer = Candidate(near, Cue.CALL_SUBJECT, step=1)
    assert pick_claimant([farther_verb, nearer]) == nearer
    same_verb_speaker = Candidate(far, Cue.SPEECH_VERB, step=1)
    assert pick_claimant([nearer, same_verb_speaker]) == same_verb_speaker


def test_the_cue_words_are_data() -> None:
    cues = load_claimant_cues()
    assert {"urge", "call"} <= cues.call_verbs
    assert {"estimate", "put"} <= cues.report_verbs
