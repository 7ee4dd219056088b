"""Positions stated without a verb of demanding: denied permission, importance, "let", willingness.

"Russia cannot veto this", said by a Ukrainian, is Ukraine's position; so are "the key is X",
"X is essential", "let there be X first" and "Kyiv expressed willingness to X".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from briefings.extraction.demand_parts import (
    NEGATIVE_SUBJECTS,
    FoundDemand,
    clause_start,
    complement_end,
    is_negated,
    span_text,
)
from briefings.extraction.grammar import subject_of
from briefings.extraction.mentions import Source
from briefings.model import DemandKind
from briefings.vocabulary.sides import side_of

# The reader is made by demands.py and handed to each cue; here it is only a type.
if TYPE_CHECKING:
    from briefings.extraction.demand_reader import DemandReader


def side_guess(source: Source) -> str | None:
    """The side a party is on, from its known country or its name."""
    mention = source.mention
    country = mention.known.country if mention is not None and mention.known else None
    return side_of(source.text, country=country)


def prohibition_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "Russia cannot veto this", "Russia has no say", said by the other side: the speaker's
    rejection of the other side's say."""
    denied = tok.dep_ == "aux" and tok.lower_ in reader.words.permission_modals
    verb = tok.head if denied else tok
    # "Russia cannot veto/dictate/block" denies a say; "Russia cannot win" is an assessment.
    if verb.lemma_ not in reader.words.control_verbs:
        return None
    if denied and not is_negated(verb):
        return None
    if not denied and not (tok.lemma_ == "have" and _has_no_object(tok)):
        return None
    subject = subject_of(verb)
    if subject is None or reader.framed(verb):
        return None
    speaker = reader.speaker_of(verb)
    party = reader.att.resolve(subject, speaker)
    if speaker is None or party is None or party.text == speaker.text:
        return None
    their_side = side_guess(party)
    if their_side is None or their_side == side_guess(speaker):
        return None
    start, end = clause_start(verb), complement_end(verb)
    return FoundDemand(speaker, *span_text(reader.doc, start, end), DemandKind.REJECTION)


def nobody_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "Nobody will be able to impose a freeze on us", "no one can dictate": the speaker's
    rejection of anyone's say."""
    if tok.lower_ not in NEGATIVE_SUBJECTS or tok.dep_ != "nsubj":
        return None
    verb = tok.head
    able = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ == "able"), None)
    target = next((c for c in able.children if c.dep_ == "xcomp"), None) if able else verb
    permitted = able is not None or any(
        c.dep_ == "aux" and c.lower_ in reader.words.permission_modals for c in verb.children
    )
    if target is None or not permitted or target.lemma_ not in reader.words.control_verbs:
        return None
    speaker = reader.speaker_of(verb)
    if speaker is None or reader.framed(verb):
        return None
    end = max(t.i for t in verb.subtree) + 1
    return FoundDemand(speaker, *span_text(reader.doc, tok.i, end), DemandKind.REJECTION)


def _has_no_object(verb: Token) -> bool:
    return any(
        c.dep_ == "dobj" and any(g.lower_ == "no" for g in c.children) for c in verb.children
    )


def importance_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "X is essential", "the key is X": what a speaker holds necessary."""
    adjective = tok.dep_ == "acomp" and tok.lower_ in reader.words.importance_adjectives
    noun = tok.dep_ == "nsubj" and tok.lower_ in reader.words.importance_nouns
    verb = tok.head
    if not (adjective or noun) or verb.lemma_ != "be" or reader.framed(verb):
        return None
    speaker = reader.speaker_of(verb)
    if speaker is None:
        return None
    start, end = clause_start(verb), max(t.i for t in verb.subtree) + 1
    return FoundDemand(speaker, *span_text(reader.doc, start, end), DemandKind.DEMAND)


def let_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "Let there be guarantees first": an imperative of the speaker."""
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    if tok.lower_ not in reader.words.let_words or own_subject:
        return None
    if not any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children):
        return None
    speaker = reader.speaker_of(tok)
    if speaker is None:
        return None
    end = max(t.i for t in tok.subtree) + 1
    return FoundDemand(speaker, *span_text(reader.doc, tok.i, end), DemandKind.DEMAND)


def willingness_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "Kyiv expressed willingness to join talks": the subject's proposal."""
    if tok.lower_ not in reader.words.willingness_nouns or tok.dep_ != "dobj":
        return None
    if not any(c.dep_ == "acl" or (c.dep_ == "prep" and c.lower_ == "for") for c in tok.children):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    speaker = reader.reported_speaker(tok.head)
    party = reader.att.resolve(owner, speaker) if owner is not None else reader.party(tok.head)
    if party is None:
        return None
    end = max(t.i for t in tok.subtree) + 1
    return FoundDemand(party, *span_text(reader.doc, tok.head.i, end), DemandKind.PROPOSAL)


def only_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "a truce could only be discussed with X", "a summit is possible only to sign a deal", in
    someone's words: a condition of the party that holds it (the subject, else the speaker)."""
    if tok.lower_ not in reader.words.restricting_adverbs or tok.dep_ != "advmod":
        return None
    words = reader.words
    verb, stated = _restricted_verb(tok, words.condition_words)
    # "a summit is possible only to sign a deal": "only" on the infinitive after "possible"
    if verb.dep_ in {"xcomp", "advcl"} and _possible(verb.head, words.condition_adjectives):
        verb = verb.head
    modal = any(c.dep_ == "aux" and c.lower_ in words.condition_modals for c in verb.children)
    if not (
        (modal and (verb.lemma_ in words.conditioned_verbs or stated))
        or verb.lower_ in words.condition_adjectives
        or _possible(verb, words.condition_adjectives)
    ):
        return None
    verb = verb.head if verb.dep_ == "acomp" else verb
    speaker = reader.speaker_of(verb)
    if speaker is None or reader.framed(verb):
        return None
    subject = subject_of(verb)
    own = reader.resolve(subject, speaker) if subject is not None else None
    in_quote = reader.att.in_quote(reader.att.sentence_index(verb))
    party = own if own is not None and not in_quote else speaker
    end = max(t.i for t in verb.subtree) + 1
    return FoundDemand(party, *span_text(reader.doc, clause_start(verb), end), DemandKind.CONDITION)


def _possible(verb: Token, adjectives: frozenset[str]) -> bool:
    return any(c.dep_ == "acomp" and c.lower_ in adjectives for c in verb.children)


def _restricted_verb(only: Token, condition_words: frozenset[str]) -> tuple[Token, bool]:
    """The verb "only" restricts, and whether a condition word follows it: "would take effect only
    after X is lifted" restricts "take" by a stated condition."""
    head = only.head
    if head.lower_ not in condition_words:
        return head, False
    if head.dep_ == "mark" and head.head.dep_ == "advcl":
        return head.head.head, True
    return head.head, True


def up_to_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "it is now up to Kyiv to sign", "it is time for Russia to stop", in someone's words: the
    speaker's call on that party."""
    prep = reader.words.up_to_words.get(tok.lower_)
    if prep is None:
        return None
    target = _addressee(tok, prep)
    named = target is not None and (
        target.pos_ == "PROPN"
        or target.lower_ in reader.words.group_nouns | reader.lex.agent_head_nouns
    )
    if target is None or not named or reader.att.resolve(target) is None:
        return None
    verb = tok.head
    speaker = reader.speaker_of(verb)
    if speaker is None or reader.framed(verb):
        return None
    end = max(t.i for t in verb.subtree) + 1
    return FoundDemand(speaker, *span_text(reader.doc, clause_start(verb), end), DemandKind.CALL)


def _addressee(word: Token, prep: str) -> Token | None:
    """Whom "up to X" or "time for X to" names: the object of the preposition, or the subject of
    the clause the preposition opens."""
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        marked = any(c.dep_ == "mark" and c.lower_ == prep for c in child.children)
        if marked:
            return next((c for c in child.children if c.dep_ == "nsubj"), None)
    return None


def judgement_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "X is unacceptable" in someone's words, "Y called X unacceptable": a rejection by evaluation."""
    if tok.lower_ not in reader.words.rejection_adjectives:
        return None
    verb = tok.head
    if tok.dep_ == "acomp" and verb.lemma_ == "be":
        party, start = reader.speaker_of(verb), clause_start(verb)
    elif (
        tok.dep_ in {"oprd", "ccomp", "xcomp", "acomp"}
        and verb.lemma_ in reader.words.judging_verbs
    ):
        party, start = reader.party(verb), verb.i
    else:
        return None
    if party is None or reader.framed(verb):
        return None
    end = max(t.i for t in verb.subtree) + 1
    return FoundDemand(party, *span_text(reader.doc, start, end), DemandKind.REJECTION)
