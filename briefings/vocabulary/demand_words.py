"""The cue words of positions kept in `briefings/data/demand_cues.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefings.vocabulary.lexicon import data_text


@dataclass(frozen=True)
class DemandWords:
    """Words that mark a party's position beyond the verbs and nouns of lexicon.json."""

    document_nouns: frozenset[str]
    group_nouns: frozenset[str]
    permission_modals: frozenset[str]
    importance_adjectives: frozenset[str]
    importance_nouns: frozenset[str]
    purpose_nouns: frozenset[str]
    willingness_nouns: frozenset[str]
    proviso_marks: frozenset[str]
    let_words: frozenset[str]
    list_markers: frozenset[str]
    first_person: frozenset[str]
    thing_subject_verbs: frozenset[str]
    hypothetical_marks: frozenset[str]
    negating_preps: frozenset[str]
    verbs_needing_party_clause: frozenset[str]
    third_person: frozenset[str]
    holding_verbs: frozenset[str]
    raised_nouns: frozenset[str]
    content_preps: frozenset[str]
    restricting_adverbs: frozenset[str]
    condition_modals: frozenset[str]
    condition_adjectives: frozenset[str]
    conditioned_verbs: frozenset[str]
    up_to_words: dict[str, str]
    first_person_possessives: frozenset[str]
    condition_words: frozenset[str]
    plural_pronouns: frozenset[str]
    alternative_words: frozenset[str]
    rejection_adjectives: frozenset[str]
    judging_verbs: frozenset[str]
    generic_document_nouns: frozenset[str]
    control_verbs: frozenset[str]
    not_position_objects: frozenset[str]
    proviso_conjunctions: frozenset[str]
    verb_forms: dict[str, str]


@cache
def load_demand_words() -> DemandWords:
    """Read demand_cues.json once."""
    raw: dict[str, Any] = json.loads(data_text("demand_cues.json"))

    def words(name: str) -> frozenset[str]:
        return frozenset(raw[name])

    return DemandWords(
        document_nouns=words("document_nouns"),
        group_nouns=words("group_nouns"),
        permission_modals=words("permission_modals"),
        importance_adjectives=words("importance_adjectives"),
        importance_nouns=words("importance_nouns"),
        purpose_nouns=words("purpose_nouns"),
        willingness_nouns=words("willingness_nouns"),
        proviso_marks=words("proviso_marks"),
        let_words=words("let_words"),
        list_markers=words("list_markers"),
        first_person=words("first_person"),
        thing_subject_verbs=words("thing_subject_verbs"),
        hypothetical_marks=words("hypothetical_marks"),
        negating_preps=words("negating_preps"),
        verbs_needing_party_clause=words("verbs_needing_party_clause"),
        third_person=words("third_person"),
        holding_verbs=words("holding_verbs"),
        raised_nouns=words("raised_nouns"),
        content_preps=words("content_preps"),
        restricting_adverbs=words("restricting_adverbs"),
        condition_modals=words("condition_modals"),
        condition_adjectives=words("condition_adjectives"),
        conditioned_verbs=words("conditioned_verbs"),
        up_to_words=dict(raw["up_to_words"]),
        first_person_possessives=words("first_person_possessives"),
        condition_words=words("condition_words"),
        plural_pronouns=words("plural_pronouns"),
        alternative_words=words("alternative_words"),
        rejection_adjectives=words("rejection_adjectives"),
        judging_verbs=words("judging_verbs"),
        generic_document_nouns=words("generic_document_nouns"),
        control_verbs=words("control_verbs"),
        not_position_objects=words("not_position_objects"),
        proviso_conjunctions=words("proviso_conjunctions"),
        # spaCy's small model lemmatises some cue verbs wrongly ("hopes" -> "hop").
        verb_forms=dict(raw["verb_forms"]),
    )
