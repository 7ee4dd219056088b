"""Whose a position is: the DemandReader that the demand cues read one parsed article with.

It tells whether a cue sits in reported speech or is framed as someone else's belief, and who
holds the position when its subject is not a named party: "the memorandum demands ..." is the
position of whoever wrote the memorandum, "the coalition of the willing demanded ..." that of
the group, and a speaker saying what the other side cannot do states the speaker's own position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from briefings.extraction.demand_parts import NEGATIVE_SUBJECTS
from briefings.extraction.grammar import subject_of
from briefings.extraction.mentions import Source
from briefings.model import ActorKind
from briefings.vocabulary.demand_words import DemandWords, load_demand_words
from briefings.vocabulary.lexicon import Lexicon
from briefings.vocabulary.sides import load_sides

_OWNER_DEPS = {"poss", "compound", "amod", "nmod"}

# Only a type here: the pipeline builds the attribution and hands it in.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution


def _owner(att: Attribution, noun: Token, speaker: Source | None) -> Source | None:
    """ "Russia's memorandum", "the Russian draft", "the Kremlin memorandum": who owns a noun."""
    for child in noun.children:
        if child.dep_ not in _OWNER_DEPS or child.lower_ in {"the", "a"}:
            continue
        found = att.resolve(child, speaker) if child.pos_ != "ADJ" else None
        if found is not None:
            return found
        country = load_sides().country_in(child.text)
        if country is not None:
            return Source(country, None)
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if obj is not None:
        return att.resolve(obj, speaker)
    # "the draft, prepared by X": the agent of a participle hung on the noun.
    made = (att.passive_agent(c) for c in noun.children if c.dep_ == "acl")
    return next((found for found in made if found is not None), None)


def _earlier_owner(att: Attribution, words: DemandWords, noun: Token) -> Source | None:
    """The owner the article gave the same document earlier ("Russia handed over a memorandum")."""
    for tok in reversed(att.doc[: noun.i + 1]):
        # the same document again, or "the document"/"the text" pointing back to any of them
        same = tok.lemma_ == noun.lemma_ or noun.lemma_ in words.generic_document_nouns
        if not same or tok.lemma_ not in words.document_nouns or tok.pos_ != "NOUN":
            continue
        owner = _owner(att, tok, None)
        if owner is not None:
            return owner
        if tok.dep_ in {"dobj", "nsubjpass"}:
            subject = subject_of(tok.head) if tok.dep_ == "dobj" else None
            agent = att.passive_agent(tok.head) if subject is None else None
            found = att.resolve(subject) if subject is not None else agent
            if found is not None:
                return found
    return None


def reporter_of_joined_act(att: Attribution, verb: Token) -> Token | None:
    """ "X said Y was keen on a deal and called for talks": the call is X's, not Y's.

    The parser hangs an act joined by "and" on the nearest verb, the reported clause's "was";
    but a reported clause that only describes a state ("was keen", "is ready") leaves its
    subject nothing to do, and the act continues what the reporter did. Only for an act with
    no subject of its own, joined to a copula that a speech verb reports.
    """
    state = verb.head
    if verb.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    described = any(c.dep_ in {"acomp", "attr"} for c in state.children)
    if state.dep_ != "ccomp" or state.lemma_ != "be" or not described:
        return None
    if att.speech_source(state.head) is None:
        return None
    return next((c for c in state.head.children if c.dep_ == "nsubj"), None)


def _agrees(pronoun: Token, party: Source) -> bool:
    """ "they" stands for a body or a group, "he" and "she" for a person."""
    person = party.mention is not None and party.mention.kind == ActorKind.PERSON
    return person if pronoun.lower_ in {"he", "she"} else not person


def document_author(
    att: Attribution, words: DemandWords, noun: Token, speaker: Source | None
) -> Source | None:
    """The author of a document that demands something, else whoever speaks of it, else itself."""
    if noun.lower_ not in words.document_nouns and noun.lemma_ not in words.document_nouns:
        return None
    # "any final text" is no document the article handed to anyone: the speaker's words hold.
    hypothetical = any(c.lower_ == "any" for c in noun.children)
    earlier = _earlier_owner(att, words, noun) if not hypothetical else None
    found = _owner(att, noun, speaker) or earlier or speaker
    return found if found is not None else Source(att.phrase(noun), None)


def group_owner(att: Attribution, words: DemandWords, noun: Token) -> Source | None:
    """ "Zelensky's team", "Russia's delegation": a group that speaks for its named owner."""
    if noun.lower_ not in words.group_nouns:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return att.resolve(owner) if owner is not None and owner.pos_ == "PROPN" else None


def group_party(att: Attribution, words: DemandWords, noun: Token) -> Source | None:
    """ "the coalition of the willing", "European leaders": a group named by its head noun."""
    if noun.lower_ not in words.group_nouns or noun.pos_ != "NOUN":
        return None
    # a bullet or dash the parser hung on the phrase is no part of the name
    return Source(att.phrase(noun).lstrip("".join(words.list_markers) + " "), None)


class DemandReader:
    """One parsed article read for demand cues: its attribution and the lexicon's cue words."""

    def __init__(self, doc: Doc, attribution: Attribution, lexicon: Lexicon) -> None:
        self.doc = doc
        self.att = attribution
        self.lex = lexicon
        self.words = load_demand_words()

    def reported_speaker(self, tok: Token) -> Source | None:
        """The speaker when a token sits in reported speech (a quote or a reporting verb's complement)."""
        n = self.att.sentence_index(tok)
        for ancestor in [tok, *tok.ancestors]:
            source = self.att.speech_source(ancestor) if ancestor is not tok else None
            aside = next((c for c in ancestor.children if c.dep_ == "parataxis"), None)
            if source is None and aside is not None:
                source = self.att.speech_source(aside)
            if source is not None:
                return source
        return self.att.sentence_speaker(n) if self.att.in_quote(n) else None

    def framed(self, tok: Token) -> bool:
        """True when a cue is framed by someone else's belief or accusation, or is hypothetical."""
        if tok.sent.text.isupper():
            return True
        chain = [tok, *tok.ancestors]
        marks = self.words.hypothetical_marks
        if any(c.lower_ in marks and c.dep_ == "mark" for t in chain for c in t.children):
            return True
        if self._alternative(tok):
            return True
        # "ended the talks without agreeing to a truce": a position not taken.
        if any(t.dep_ == "pcomp" and t.head.lower_ in self.words.negating_preps for t in chain):
            return True
        # "X argued that Y wants Z" frames Y's want; "X argued A and insists B" does not frame B.
        framing = self.lex.reported_framing_verbs
        return any(t.head.lemma_ in framing and t.dep_ not in {"conj", "ROOT"} for t in chain)

    def _alternative(self, tok: Token) -> bool:
        """ "either Ukraine pulls out, or it accepts X": one of two routes offered, no position."""
        before = tok.doc[tok.sent.start : tok.i]
        either = [t.i for t in before if t.lower_ in self.words.alternative_words]
        return bool(either) and any(t.lower_ == "or" and t.i > either[0] for t in before)

    def lemma(self, tok: Token) -> str:
        """A token's lemma, mended where the model gets a cue verb wrong."""
        return self.words.verb_forms.get(tok.lower_, tok.lemma_)

    def speaker_of(self, tok: Token) -> Source | None:
        """Who speaks the words a token is in: a reporting verb, the quote's or the sentence's speaker."""
        return self.reported_speaker(tok) or self.att.sentence_speaker(self.att.sentence_index(tok))

    def party(self, verb: Token) -> Source | None:
        """Who a cue verb's subject is, speaking for themselves or reported; None if unclear."""
        subject = reporter_of_joined_act(self.att, verb) or subject_of(verb)
        speaker = self.reported_speaker(verb)
        if subject is None:
            return None
        if subject.lower_ in NEGATIVE_SUBJECTS:
            return speaker
        if subject.dep_ == "nsubjpass":
            # "Kyiv was urged to ...": the position is the agent's, when the sentence names one;
            # "X was dismissed in Kyiv": a capital named as where it was dismissed.
            return self.att.passive_agent(verb) or self._passive_place(verb)
        if subject.lower_ in self.words.first_person:
            return self.speaker_of(verb)
        if subject.lower_ in {"that", "which"} and subject.head.dep_ == "relcl":
            subject = subject.head.head
        if self.att.in_quote(self.att.sentence_index(verb)):
            return self._thing_holder(subject, verb, self.speaker_of(verb))
        return self.holder(subject, verb, speaker)

    def _thing_holder(self, subject: Token, verb: Token, speaker: Source | None) -> Source | None:
        """ "a deal would require X", "reaching it would require X", said by Y: Y's position."""
        thing = subject.pos_ == "NOUN" or subject.dep_ == "csubj"
        if not thing or verb.lemma_ not in self.words.thing_subject_verbs:
            return None
        return speaker if self.att.resolve(subject) is None else None

    def _passive_place(self, verb: Token) -> Source | None:
        place = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"), None)
        obj = next((c for c in place.children if c.dep_ == "pobj"), None) if place else None
        found = self.att.resolve(obj) if obj is not None and obj.pos_ == "PROPN" else None
        return found if found is not None and found.mention is not None else None

    def purpose_party(self, verb: Token) -> Source | None:
        """ "efforts to press Moscow to agree": whose the efforts are, by owner or by the verb's subject."""
        noun = verb.head
        if verb.dep_ != "acl" or noun.lower_ not in self.words.purpose_nouns:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self.att.resolve(owner, self.reported_speaker(noun))
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        return self.party(governor) if noun.dep_ in {"dobj", "pobj"} else None

    def document_source(self, sent: Span) -> Source | None:
        """ "According to the text, ...": the author of the document a sentence is sourced to."""
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 2 < sent.end and tok.nbor().lower_ == "to":
                noun = next((c for c in tok.nbor().children if c.dep_ == "pobj"), None)
                if noun is not None:
                    return document_author(self.att, self.words, noun, None)
        return None

    def resolve(self, subject: Token, speaker: Source | None) -> Source | None:
        """Who a subject is; "he" or "she" in a speaker's reported words is the speaker, and "they"
        in a clause hung on a party's verb ("Kremlin officials signaled they will") is that party."""
        if subject.lower_ in self.words.third_person and speaker is not None:
            return speaker
        clause = subject.head
        pronoun = subject.lower_ in self.words.third_person | self.words.plural_pronouns
        if pronoun and clause.dep_ == "ccomp":
            governor = subject_of(clause.head)
            found = self.att.resolve(governor) if governor is not None else None
            if found is not None and _agrees(subject, found):
                return found
        return self.att.resolve(subject, speaker)

    def owner(self, noun: Token) -> Source | None:
        """Whose a position noun is by its "of" phrase: a party, or a group ("the Russian side")."""
        return self.att.resolve(noun) or group_party(self.att, self.words, noun)

    def holder(self, subject: Token, verb: Token, speaker: Source | None) -> Source | None:
        """Who holds a position whose subject is a party, a document, a group or a thing."""
        found = document_author(self.att, self.words, subject, speaker)
        found = found or group_owner(self.att, self.words, subject)
        found = found or self.resolve(subject, speaker)
        found = found or group_party(self.att, self.words, subject)
        return found if found is not None else self._thing_holder(subject, verb, speaker)
