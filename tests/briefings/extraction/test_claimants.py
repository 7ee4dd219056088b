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


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The ministry did not confirm that 40 soldiers had surrendered.", "40"),
        ("Russia seized 12 villages, a figure the institute has not verified.", "12"),
    ],
)
def test_a_denying_verb_claims_nothing(nlp: Language, text: str, number: str) -> None:
    assert picked(nlp, text, number) is None


def test_a_speaker_who_also_denies_something_still_claims(nlp: Language) -> None:
    text = "Petro Bondar said 40 tanks were lost but did not confirm the date."
    assert picked(nlp, text, "40") == ("Petro Bondar", Cue.SPEECH_VERB)


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


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        (
            "The Kyiv School of Economics has identified 340 damaged bridges.",
            "340",
            "Kyiv School of Economics",
        ),
        (
            "Olena Hrytsenko believes that 2,300 children are still missing.",
            "2,300",
            "Olena Hrytsenko",
        ),
        (
            "Amnesty International has documented 87 attacks on hospitals.",
            "87",
            "Amnesty International",
        ),
        ("The Kiel Institute has tallied €45 billion in pledges.", "45", "Kiel Institute"),
    ],
)
def test_a_verb_of_finding_or_judging_names_its_subject(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.FINDING_VERB)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        (
            "A survey by the Gallup institute found that 72% of Poles back the aid.",
            "72",
            "Gallup institute",
        ),
        (
            "A poll conducted by the Levada Center showed 48 per cent want talks.",
            "48",
            "Levada Center",
        ),
        ("A Rating Group poll found 64 per cent oppose any land swap.", "64", "Rating Group"),
        ("Data from the World Bank show that 9 million people need help.", "9", "World Bank"),
    ],
)
def test_a_study_as_subject_gives_its_author(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.FINDING_VERB)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        (
            "Some 40,000 homes lack heating, according to the World Bank's estimates.",
            "40,000",
            "World Bank",
        ),
        (
            "Some 61% oppose a truce, according to a survey by the Gallup institute.",
            "61",
            "Gallup institute",
        ),
    ],
)
def test_according_to_a_study_gives_its_author(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.ACCORDING_TO)


def test_a_study_without_an_author_names_no_claimant(nlp: Language) -> None:
    assert picked(nlp, "The figures show that 30 villages were emptied.", "30") is None


def test_a_subject_that_is_not_an_agent_does_not_find(nlp: Language) -> None:
    assert picked(nlp, "Russia's losses show that 30 brigades were worn down.", "30") is None


def test_a_plural_speaker_without_a_name_is_kept_as_written(nlp: Language) -> None:
    text = "Pro-war bloggers claimed that the army had taken 14 villages."
    assert picked(nlp, text, "14") == ("Pro-war bloggers", Cue.SPEECH_VERB)


def test_a_name_of_several_words_at_the_end_is_its_own_claimant(nlp: Language) -> None:
    text = (
        "The UN refugee agency has registered 6 million refugees. Some 900 detainees were "
        "released last year, the Joint Headquarters for the Exchange of Prisoners of War says."
    )
    found = picked(nlp, text, "900")  # not the UN, the organisation named before
    assert found == ("Joint Headquarters for the Exchange of Prisoners of War", Cue.SPEECH_VERB)


def test_in_nested_reports_the_innermost_source_claims(nlp: Language) -> None:
    text = "Local television reported that the regional governor claimed 70 drones were downed."
    assert picked(nlp, text, "70") == ("regional governor", Cue.SPEECH_VERB)


def test_a_second_speech_verb_after_a_comma_and_keeps_the_first_speaker(nlp: Language) -> None:
    text = (
        'Government spokeswoman Anna Bilyk said Moscow "must stop lying" about the deal, '
        "and claimed Russian shells had hit the plant 14 times this week."
    )
    assert picked(nlp, text, "14") == ("Anna Bilyk", Cue.SPEECH_VERB)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("Citing the border guard, Interfax reported 2,400 crossings.", "2,400", "border guard"),
        (
            "The ministry, citing the air force, said 52 missiles were fired.",
            "52",
            "air force",
        ),
        (
            "State television quoted the regional governor as saying 19 houses burned.",
            "19",
            "regional governor",
        ),
    ],
)
def test_a_cited_or_quoted_source_claims_the_figure(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.SPEECH_VERB)


def test_a_person_quoted_in_the_passive_claims_the_figure(nlp: Language) -> None:
    text = "Maria Ivanova was quoted as saying 45 shells hit the port."
    assert picked(nlp, text, "45") == ("Maria Ivanova", Cue.SPEECH_VERB)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        (
            "The council's tally of 2,800 arrests is disputed, its chair admitted.",
            "2,800",
            "council",
        ),
        (
            "Amnesty International's count of 312 strikes was published on Friday.",
            "312",
            "Amnesty International",
        ),
        ("The council's tally of arrests rose to 2,950 in June.", "2,950", "council"),
        ("Figures from the health ministry reached 3,400 on Friday.", "3,400", "health ministry"),
    ],
)
def test_the_author_of_a_count_the_number_is_in_claims_it(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.STUDY_AUTHOR)


def test_an_unnamed_plural_cited_leaves_the_speaker(nlp: Language) -> None:
    text = "Russia lost 40 tanks, the institute said, citing satellite images."
    assert picked(nlp, text, "40") == ("institute", Cue.SPEECH_VERB)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("Prosecutors alleged that 230 civilians were executed.", "230", "Prosecutors"),
        ("Kyiv accused Moscow of abducting 19,000 children.", "19,000", "Kyiv"),
    ],
)
def test_alleging_and_accusing_name_their_subject(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.FINDING_VERB)


def test_a_count_of_cited_sources_leaves_the_speaker(nlp: Language) -> None:
    text = "Interfax, citing three officials, reported that 900 troops had arrived."
    assert picked(nlp, text, "900") == ("Interfax", Cue.SPEECH_VERB)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("By Warsaw's count, 1,300 refugees crossed on Monday.", "1,300", "Warsaw"),
        ("The toll rose to 23, according to rescuers.", "23", "rescuers"),
    ],
)
def test_a_source_phrase_names_the_claimant(
    nlp: Language, text: str, number: str, expected: str
) -> None:
    assert picked(nlp, text, number) == (expected, Cue.ACCORDING_TO)


def test_a_number_handed_over_is_not_reported_by_the_giver(nlp: Language) -> None:
    text = "Norway gave 14 patrol boats to the navy, the defence minister said."
    assert picked(nlp, text, "14") == ("defence minister", Cue.SPEECH_VERB)


def test_a_toll_that_claimed_lives_is_not_claimed_by_the_strikes(nlp: Language) -> None:
    text = "The floods claimed 25 lives in Odesa, the governor said."
    assert picked(nlp, text, "25") == ("governor", Cue.SPEECH_VERB)


def test_giving_a_figure_still_reports_it(nlp: Language) -> None:
    text = "Petro Bondar gave a figure of 8,000 for the missing."
    assert picked(nlp, text, "8,000") == ("Petro Bondar", Cue.SPEECH_VERB)


@pytest.mark.parametrize(
    "text",
    [
        "Poland's defence minister, Marek Nowak, visited Lviv. The minister said 70 tanks were sent.",
        "Defence Minister Marek Nowak visited Lviv. The minister said 70 tanks were sent.",
        "Marek Nowak, the defence minister, visited Lviv. The minister said 70 tanks were sent.",
    ],
)
def test_a_definite_title_is_the_person_the_article_gave_it(nlp: Language, text: str) -> None:
    assert picked(nlp, text, "70") == ("Marek Nowak", Cue.SPEECH_VERB)


def test_a_country_in_the_title_picks_its_holder(nlp: Language) -> None:
    text = (
        "Ukrainian President Ana Ceban met Polish President Jan Wrona in Riga. "
        "The Ukrainian president said 40 drones had crossed the border."
    )
    assert picked(nlp, text, "40") == ("Ana Ceban", Cue.SPEECH_VERB)


def test_a_title_of_another_country_is_not_taken(nlp: Language) -> None:
    text = (
        "Poland's foreign minister, Jan Wrona, spoke in Riga. "
        "The Russian minister claimed 600 soldiers had surrendered."
    )
    assert picked(nlp, text, "600") == ("Russian minister", Cue.SPEECH_VERB)


def test_a_title_with_the_name_in_apposition_is_the_person(nlp: Language) -> None:
    text = "The regional governor, Marek Nowak, said 70 shells hit the town."
    assert picked(nlp, text, "70") == ("Marek Nowak", Cue.SPEECH_VERB)


def test_a_word_inside_a_title_does_not_make_its_holder(nlp: Language) -> None:
    text = (
        "Marek Nowak, a spokesman for the council, spoke first. "
        "In May, 80 convoys were stopped, the council said."
    )
    found = picked(nlp, text, "80")
    assert found is not None and found[0] != "Marek Nowak"


def test_a_title_no_named_person_holds_stays_as_written(nlp: Language) -> None:
    text = "Marek Nowak visited Lviv. The minister said 70 tanks were sent."
    assert picked(nlp, text, "70") == ("minister", Cue.SPEECH_VERB)


def test_the_cue_words_are_data() -> None:
    cues = load_claimant_cues()
    assert {"urge", "call"} <= cues.call_verbs
    assert {"estimate", "put"} <= cues.report_verbs
    assert {"believe", "identify", "find"} <= cues.finding_verbs
    assert {"survey", "poll"} <= cues.study_nouns


@pytest.mark.parametrize(
    "text",
    [
        "ODESA, 4 March 2025 — The regional governor said 14 drones were downed overnight.",
        "LVIV, March 4 — The regional governor said 14 drones were downed overnight.",
    ],
)
def test_a_dateline_before_the_speaker_is_not_the_claimant(nlp: Language, text: str) -> None:
    found = picked(nlp, text, "14")
    assert found is not None and found[0] == "regional governor"


def test_a_closing_speaker_the_parse_hung_on_the_object_is_still_the_claimant(
    nlp: Language,
) -> None:
    text = "Norway has pledged $300m in aid to Ukraine, the Norwegian defence minister, Ola Berg, said."
    found = picked(nlp, text, "300")
    assert found is not None and found[0] == "Ola Berg"
