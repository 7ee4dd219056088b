"""The demand cues of nouns: "their demand for X", "the plan is Y", and stances on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from briefings.extraction.demand_parts import (
    FoundDemand,
    complement_end,
    is_negated,
    span_text,
)
from briefings.extraction.mentions import Source
from briefings.model import DemandKind

# The reader is made by demands.py and handed to each cue; here it is only a type.
if TYPE_CHECKING:
    from briefings.extraction.demand_reader import DemandReader


def noun_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """A demand noun whose content the sentence gives, and whose party owns it or is "of" it."""
    kind = reader.lex.demand_nouns.get(tok.lower_)
    if kind is None or tok.pos_ != "NOUN":
        return None
    content = _noun_content(reader, tok)
    if content is None:
        return None
    possessor = next((c for c in tok.children if c.dep_ == "poss"), None)
    of_party = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    party = None
    speaker = reader.reported_speaker(tok)
    if possessor is not None and possessor.lower_ in reader.words.first_person_possessives:
        speaker = reader.speaker_of(tok)
    if tok.dep_ == "nsubj" and speaker is not None:
        stance = _stance_on(reader, tok, speaker, possessor)
        if stance is not None:
            return stance
    if possessor is not None:
        party = reader.att.resolve(possessor, speaker)
    elif of_party is not None:
        obj = next((c for c in of_party.children if c.dep_ == "pobj"), None)
        party = reader.owner(obj) if obj is not None else None
    if party is None:
        return None
    return FoundDemand(party, *span_text(reader.doc, content[0], content[1]), kind)


def _stance_on(
    reader: DemandReader, noun: Token, speaker: Source, possessor: Token | None
) -> FoundDemand | None:
    """ "X said Y's terms were not a plan but a demand for surrender": X's stance, when negative."""
    verb = noun.head
    owner = reader.att.resolve(possessor, speaker) if possessor is not None else None
    if not is_negated(verb) or owner is None or owner.text == speaker.text:
        return None
    start = min(t.i for t in noun.subtree)
    return FoundDemand(
        speaker, *span_text(reader.doc, start, complement_end(verb)), DemandKind.REJECTION
    )


def _noun_content(reader: DemandReader, noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ == "relcl" and child.lemma_ in reader.lex.demand_noun_links:
            obj = next(
                (c for c in child.children if c.dep_ in {"dobj", "attr", "xcomp", "ccomp"}),
                None,
            )
            if obj is not None:
                return min(t.i for t in obj.subtree), max(t.i for t in obj.subtree) + 1
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.lemma_ in reader.lex.demand_noun_links:
        obj = next(
            (
                c
                for c in verb.children
                if c.dep_ in {"xcomp", "attr", "dobj", "ccomp"} and c.i > verb.i
            ),
            None,
        )
        if obj is not None and obj.pos_ == "PRON":
            return _after_colon(noun.sent, obj)
        if obj is not None:
            return min(t.i for t in obj.subtree), max(t.i for t in obj.subtree) + 1
        # "Our position is simple: a ceasefire first": what follows the colon.
        return _after_colon(noun.sent, verb)
    if _states_its_content(noun):
        return min(t.i for t in noun.subtree), max(t.i for t in noun.subtree) + 1
    return None


def _states_its_content(noun: Token) -> bool:
    """ "Moscow's demands to cap the army", "Kyiv's call for a truce", "Russia's demand that Kyiv
    withdraw": the noun carries its content."""
    owned = any(c.dep_ == "poss" for c in noun.children)
    return owned and any(
        (c.dep_ == "acl" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children))
        or (c.dep_ in {"acl", "ccomp"} and any(g.lower_ == "that" for g in c.children))
        or (c.dep_ == "prep" and c.lower_ == "for")
        for c in noun.children
    )


def _after_colon(sent: Span, after: Token) -> tuple[int, int] | None:
    """ "remain those set out in June: X": the content is what follows the colon, up to the end of
    the quote it may sit in."""
    colon = next((t for t in sent if t.text == ":" and t.i > after.i), None)
    if colon is None:
        return None
    close = next((t.i for t in sent if t.i > colon.i and t.text in {'"', "”"}), sent.end)
    return colon.i + 1, close


def held_noun_cue(reader: DemandReader, tok: Token) -> FoundDemand | None:
    """ "The memorandum contains several demands, including X", "Kyiv raised the idea of X":
    a position the subject puts forward, whose content the noun carries."""
    if tok.lower_ not in reader.words.raised_nouns or tok.dep_ != "dobj" or tok.pos_ != "NOUN":
        return None
    verb = tok.head
    if verb.lemma_ not in reader.words.holding_verbs or reader.framed(verb):
        return None
    if any(c.dep_ == "poss" for c in tok.children):
        return None
    colon = tok.i + 1 < tok.sent.end and reader.doc[tok.i + 1].text == ":"
    carried = any(
        c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in reader.words.content_preps)
        for c in tok.children
    )
    party = reader.party(verb) if carried or colon else None
    if party is None:
        return None
    end = tok.sent.end if colon else max(t.i for t in tok.subtree) + 1
    kind = reader.lex.demand_nouns.get(tok.lower_, DemandKind.PROPOSAL)
    return FoundDemand(party, *span_text(reader.doc, verb.i, end), kind)
