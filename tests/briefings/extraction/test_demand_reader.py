"""Tests for briefings.extraction.demand_reader: documents, groups and speakers as parties."""

from __future__ import annotations

from article_builders import extract_text, only_demand
from spacy.language import Language

from briefings.model import DemandKind


def _no_demands(nlp: Language, text: str) -> None:
    assert extract_text(nlp, text).demands == ()


def test_a_document_without_an_owner_is_its_own_party(nlp: Language) -> None:
    demand = only_demand(
        nlp, "The memorandum demands that Ukraine pull its troops out of two regions."
    )
    assert demand.party == "memorandum"
    assert "pull its troops out" in demand.demand


def test_a_document_demands_for_whoever_handed_it_over(nlp: Language) -> None:
    text = "Russia handed over a memorandum on Monday. The document demands that Ukraine hold elections."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.side) == ("Russia", "Russia")


def test_a_document_owned_by_a_country_is_that_country_s(nlp: Language) -> None:
    for text in (
        "Russia's memorandum demanded that Ukraine withdraw its troops.",
        "The Russian memorandum demanded that Ukraine withdraw its troops.",
    ):
        assert only_demand(nlp, text).party == "Russia"


def test_a_document_in_a_speaker_s_words_is_the_speaker_s_position(nlp: Language) -> None:
    text = (
        "The draft was prepared by Marko Lenz. "
        "Petro Bondar said any final text would require the approval of both parliaments."
    )
    demand = only_demand(nlp, text)
    assert demand.party == "Petro Bondar"
    assert "approval" in demand.demand


def test_a_group_named_by_its_head_noun_is_a_party(nlp: Language) -> None:
    text = "The coalition of the willing demanded a ceasefire along the current line."
    assert only_demand(nlp, text).party == "coalition of the willing"


def test_he_in_a_speaker_s_words_is_the_speaker(nlp: Language) -> None:
    text = (
        "Marko Lenz met Petro Bondar on Monday. "
        "The Ukrainian leader Petro Bondar said he will not accept any loss of territory."
    )
    found = extract_text(nlp, text).demands
    assert [d.party for d in found] == ["Petro Bondar"]


def test_a_document_sourced_by_according_to_states_its_author_s_demand(nlp: Language) -> None:
    text = "Russia handed over its draft. According to the draft, Kyiv must also hold a referendum."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.side) == ("Russia", "Russia")


def test_a_relative_clause_on_a_document_gives_the_document_s_author(nlp: Language) -> None:
    text = "Moscow handed Kyiv a document that demands Ukraine dissolve its army before any truce."
    assert only_demand(nlp, text).party == "Moscow"


def test_a_document_prepared_by_someone_is_theirs(nlp: Language) -> None:
    text = "The first draft, reportedly prepared by Marko Lenz, contains several demands, including a cap on the army."
    assert only_demand(nlp, text).party == "Marko Lenz"


def test_the_aim_of_a_side_is_that_side_s(nlp: Language) -> None:
    demand = only_demand(
        nlp, "The minimum aim of the Russian side is that Western military aid stops."
    )
    assert (demand.side, demand.demand) == ("Russia", "that Western military aid stops")


def test_a_position_dismissed_in_a_capital_is_that_capital_s(nlp: Language) -> None:
    text = "Moscow's demands to shrink the fleet were dismissed in Kyiv and in several European capitals."
    found = {(d.party, d.kind) for d in extract_text(nlp, text).demands}
    assert found == {("Kyiv", DemandKind.REJECTION), ("Moscow", DemandKind.DEMAND)}


def test_they_in_a_clause_on_a_body_s_verb_is_that_body(nlp: Language) -> None:
    text = (
        "Kremlin officials have signaled they will consider only a framework that keeps the truce."
    )
    assert only_demand(nlp, text).side == "Russia"


def test_they_in_a_person_s_words_is_not_the_person(nlp: Language) -> None:
    assert extract_text(nlp, "Petro Bondar said they will never accept a ceasefire.").demands == ()


def test_one_of_two_routes_offered_is_no_position_of_its_subject(nlp: Language) -> None:
    text = (
        "The paper offers two routes to a truce: either Ukraine pulls its forces out of the "
        "regions, or it accepts a package that would halt mobilisation."
    )
    assert [d.party for d in extract_text(nlp, text).demands] != ["Ukraine"]


def test_a_document_named_again_is_its_own_author_s_not_another_document_s(nlp: Language) -> None:
    text = "Russia handed over its memorandum. Marko Lenz later presented his plan. The plan calls for a summit."
    assert only_demand(nlp, text).party == "Marko Lenz"


def test_a_group_in_a_bulleted_line_is_named_without_the_bullet(nlp: Language) -> None:
    text = "Background:\n\n• European leaders insisted that sanctions must stay in place."
    assert [d.party for d in extract_text(nlp, text).demands] == ["European leaders"]


def test_a_named_party_s_team_or_delegation_speaks_for_it(nlp: Language) -> None:
    text = "Petro Bondar's team has floated a demilitarised zone in part of the region."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.PROPOSAL)
    assert only_demand(nlp, "Russia's delegation proposed a truce.").side == "Russia"


def test_a_position_not_taken_is_no_position(nlp: Language) -> None:
    _no_demands(nlp, "The two leaders ended their talks without agreeing to a ceasefire.")


def test_a_passive_cue_is_the_agent_s_position(nlp: Language) -> None:
    demand = only_demand(
        nlp, "Kyiv was urged to accept the plan. The plan was rejected by Petro Bondar."
    )
    assert (demand.party, demand.demand) == ("Petro Bondar", "The plan was rejected")


def test_a_cue_joined_to_a_framing_verb_is_not_framed_by_it(nlp: Language) -> None:
    text = "Marko Lenz has argued that relief awaits Russia, and insists the West must unfreeze its assets."
    assert only_demand(nlp, text).party == "Marko Lenz"


def test_a_requirement_of_a_thing_in_a_quote_is_the_speaker_s(nlp: Language) -> None:
    demand = only_demand(
        nlp, 'Reaching a settlement "would require years of work," Petro Bondar said.'
    )
    assert (demand.party, demand.demand) == ("Petro Bondar", "require years of work")


def test_efforts_to_press_a_party_are_the_call_of_whoever_makes_them(nlp: Language) -> None:
    text = "European leaders met in Paris in an effort to press Russia to accept a truce."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.demand) == ("European leaders", "press Russia to accept a truce")


def test_what_a_speaker_says_the_other_side_needs_to_do_is_the_speaker_s(nlp: Language) -> None:
    text = (
        "A Kremlin spokeswoman, Maria Ivanova, said Kyiv needs to stop shelling the power plants."
    )
    demand = only_demand(nlp, text)
    assert (demand.party, demand.side) == ("Maria Ivanova", "Russia")


def test_a_call_joined_to_a_reported_state_is_the_reporter_s(nlp: Language) -> None:
    text = "The envoy said the prime minister was open to a deal and urged both sides to talk."
    urged = [d for d in extract_text(nlp, text).demands if "urged" in d.demand]
    assert [d.party for d in urged] == ["envoy"]


def test_a_call_joined_to_a_reported_act_stays_with_its_actor(nlp: Language) -> None:
    # "wanted" is something Moscow does, so the call joined to it is Moscow's too.
    text = "Peskov said Moscow wanted guarantees and called for an end to arms deliveries."
    parties = {d.party for d in extract_text(nlp, text).demands if "arms" in d.demand}
    assert parties == {"Moscow"}
