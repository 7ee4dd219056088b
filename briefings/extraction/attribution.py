"""Who says what: speakers of reporting verbs, "according to", passive agents, pronouns resolved."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# subject_of is re-exported: the finders import it from here.
from briefings.extraction.grammar import SUBJECTS, noun_phrase, possessor_referent
from briefings.extraction.grammar import subject_of as subject_of
from briefings.extraction.layout import (
    carried_turns,
    names_no_actor,
    paragraph_numbers,
    quote_states,
    read_label,
)
from briefings.extraction.mentions import Mention
from briefings.extraction.mentions import Source as Source
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import Lexicon

_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_THING_PRONOUNS = {"it", "its"}
_RELATIVE = {"who", "which", "that", "whose"}
# What a reporting verb says: a sentence whose verb has none of these only names the speaker.
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "advcl"}


class Attribution:
    """Speakers and pronoun resolution over one parsed article."""

    def __init__(self, doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        # A name addressed in speech ("Thank you, Anna,") or signing an entry is no actor.
        self.mentions = [m for m in mentions if not names_no_actor(doc[m.start : m.end])]
        self._by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self.sentences = list(doc.sents)
        self._sent_of = {s.start: n for n, s in enumerate(self.sentences)}
        self._paragraph = paragraph_numbers(self.sentences)
        self._in_quote = quote_states(self.sentences, self._paragraph)
        # Paragraphs opened by a speaker label, and who speaks them (None for a journalist).
        self._labels: dict[int, Source | None] = {}
        for n, sent in enumerate(self.sentences):
            if n == 0 or self._paragraph[n] != self._paragraph[n - 1]:
                self._read_label(n, sent)
        self._own: list[Source | None] = [self._own_speaker(sent) for sent in self.sentences]
        silent = [own is None for own in self._own]
        carried = carried_turns(self.sentences, self._paragraph, self._labels, silent)
        self._labels.update({para: self._labels[owner] for para, owner in carried.items()})

    # -- structure -------------------------------------------------------
    def sentence_index(self, token: Token) -> int:
        """Index of the sentence that holds a token."""
        return self._sent_of[token.sent.start]

    def in_quote(self, sent_index: int) -> bool:
        """True when a sentence lies inside a direct quote or under a speaker label."""
        return self._in_quote[sent_index] or self.labelled(sent_index)

    def labelled(self, sent_index: int) -> bool:
        """True when a sentence's paragraph opens with a speaker label ("Stubb:", "Question:")."""
        return self._paragraph[sent_index] in self._labels

    # -- speaker labels ----------------------------------------------------
    def _read_label(self, n: int, sent: Span) -> None:
        """Record who speaks a paragraph that opens with a speaker label."""
        read = read_label(self.doc[sent.start :], self.mentions)
        speaker = Source(*read.named) if read is not None and read.named else None
        if read is not None and speaker is None and read.quotes and n:
            # "Quote:" under "X told reporters." carries on the speaker of the paragraph before.
            before = self._labels.get(self._paragraph[n - 1])
            speaker = before or self._own_speaker(self.sentences[n - 1])
        if read is not None and (speaker is not None or read.asks):
            self._labels[self._paragraph[n]] = speaker
        if read is not None and read.asks:  # "Question from Anna Lind (Outlet):" names no actor
            self.mentions = [m for m in self.mentions if not sent.start <= m.start < read.end]
            self._by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}

    def _asked(self, tok: Token) -> bool:
        """True inside a journalist's question: nobody's position is stated there."""
        n = self._sent_of.get(tok.sent.start)
        return n is not None and self.labelled(n) and self._labels[self._paragraph[n]] is None

    # -- noun phrases ------------------------------------------------------
    def mention_of(self, token: Token) -> Mention | None:
        """The name a token belongs to, if any."""
        return self._by_token.get(token.i)

    def phrase(self, head: Token) -> str:
        """A readable noun phrase around a head token, without clauses and leading articles."""
        return noun_phrase(head)

    def _appositive_person(self, head: Token) -> Mention | None:
        doc = self.doc
        if head.i + 2 < len(doc) and doc[head.i + 1].text == ",":
            after = self.mention_of(doc[head.i + 2])
            if after is not None and after.kind == ActorKind.PERSON and head.pos_ == "NOUN":
                return after
        for child in head.children:
            if child.dep_ == "appos":
                m = self.mention_of(child)
                if m is not None and m.kind == ActorKind.PERSON:
                    return m
        return None

    def _previous(
        self, before: int, kinds: set[ActorKind], noun: str | None = None
    ) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.start >= before:
                break
            if m.kind in kinds and (noun is None or noun in m.text.lower()):
                best = m
        return best

    def _near(self, mention: Mention | None, head: Token) -> Mention | None:
        """A mention in the paragraph of a token or the one before; else None (too far back)."""
        here = self._paragraph[self.sentence_index(head)]
        if (
            mention is None
            or self._paragraph[self.sentence_index(self.doc[mention.start])] < here - 1
        ):
            return None
        return mention

    def _recent_subject_person(self, pronoun: Token) -> Mention | None:
        """The last person who was a subject in the few sentences before; else the last person named."""
        first = self.sentences[max(0, self._sent_of[pronoun.sent.start] - 2)].start
        window = [
            m for m in self.mentions if first <= m.start < pronoun.i and m.kind == ActorKind.PERSON
        ]
        subjects = [m for m in window if self.doc[m.end - 1].dep_ in SUBJECTS]
        if subjects:
            return subjects[-1]
        return self._previous(pronoun.i, {ActorKind.PERSON})

    def resolve(self, head: Token, speaker: Source | None = None) -> Source | None:
        """What a subject or agent token refers to, or None when it is not an agent."""
        low = head.lower_
        if low in _FIRST_PERSON:
            return speaker
        if low in _RELATIVE and head.head.dep_ == "relcl":
            return self.resolve(head.head.head, speaker)
        if low in _PERSON_PRONOUNS | _THING_PRONOUNS:
            return self._resolve_pronoun(head, speaker)
        mention = self.mention_of(head)
        if mention is not None:
            return Source(mention.text, mention)
        person = self._appositive_person(head)
        if person is not None:
            return Source(person.text, person)
        return self._descriptive(head)

    def _resolve_pronoun(self, pronoun: Token, speaker: Source | None) -> Source | None:
        is_person = pronoun.lower_ in _PERSON_PRONOUNS
        if pronoun.dep_ == "poss":
            referent = possessor_referent(pronoun)
            if referent is not None and referent.lower_ not in _PERSON_PRONOUNS | _THING_PRONOUNS:
                found = self.resolve(referent, speaker)
                if found is not None and (
                    found.mention is None or (found.mention.kind == ActorKind.PERSON) == is_person
                ):
                    return found
        if is_person:
            reporter = self._reporter_of(pronoun)
            if reporter is not None:
                return reporter
            in_sentence = self._previous(pronoun.i, {ActorKind.PERSON})
            if in_sentence is not None and self.doc[in_sentence.start].sent == pronoun.sent:
                return Source(in_sentence.text, in_sentence)
            named = self._recent_subject_person(pronoun)
        else:
            named = self._previous(pronoun.i, {ActorKind.ORGANISATION, ActorKind.COUNTRY})
        return Source(named.text, named) if named is not None else None

    def _reporter_of(self, pronoun: Token) -> Source | None:
        """ "The Ukrainian leader said he would not sign": "he" is who reports it."""
        verb = next((a for a in pronoun.ancestors if a.lemma_ in self.lexicon.speech_verbs), None)
        subject = subject_of(verb) if verb is not None and pronoun.dep_ == "nsubj" else None
        if subject is None or subject.i > pronoun.i or subject.lower_ in _PERSON_PRONOUNS:
            return None
        found = self.resolve(subject) if subject.tag_ != "NNS" else None  # "officials" is not "he"
        person = found is not None and (
            found.mention is None or found.mention.kind == ActorKind.PERSON
        )
        return found if person else None

    def _earlier_unnamed_speaker(self, head: Token) -> Source | None:
        """ "the source" after "a senior official said": the last speaker given without a name."""
        current = self._sent_of[head.sent.start]
        for n in range(current - 1, max(current - 4, -1), -1):
            for tok in reversed(self.sentences[n]):
                subject = subject_of(tok) if tok.lemma_ in self.lexicon.speech_verbs else None
                if (
                    subject is not None
                    and self.mention_of(subject) is None
                    and subject.lower_ in self.lexicon.agent_head_nouns
                ):
                    return Source(self.phrase(subject), None)
        return None

    def _descriptive(self, head: Token) -> Source | None:
        lex = self.lexicon
        low = head.lower_
        if head.pos_ == "PRON":
            return None
        if low in lex.resolvable_org_nouns and any(c.lower_ == "the" for c in head.children):
            org = self._previous(head.i, {ActorKind.ORGANISATION}, noun=low) or self._near(
                self._previous(head.i, {ActorKind.ORGANISATION}), head
            )
            if org is not None:
                return Source(org.text, org)
        if low in lex.source_nouns and any(c.lower_ == "the" for c in head.children):
            earlier = self._earlier_unnamed_speaker(head)
            if earlier is not None:
                return earlier
        if low in lex.agent_head_nouns or head.pos_ == "PROPN":
            return Source(self.phrase(head), None)
        return None

    # -- speakers ----------------------------------------------------------
    def speech_source(self, verb: Token, speaker: Source | None = None) -> Source | None:
        """The speaker of a reporting verb, if it has an agent-like subject."""
        if verb.lemma_ not in self.lexicon.speech_verbs or verb.pos_ not in {"VERB", "AUX"}:
            return None
        if self._asked(verb):
            return None
        subject = subject_of(verb)
        if subject is None or subject.dep_ == "nsubjpass":
            return None
        return self.resolve(subject, speaker)

    def according_to(self, sent: Span) -> Source | None:
        """The source named by "according to X" in a sentence."""
        for tok in sent:
            if tok.lower_ == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                if obj is not None:
                    return self.resolve(obj)
        return None

    def passive_agent(self, verb: Token) -> Source | None:
        """The "by X" agent of a verb such as "was put at ... by X"."""
        for child in verb.children:
            if child.dep_ == "agent":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self.resolve(obj)
        return None

    def _own_speaker(self, sent: Span) -> Source | None:
        source = next(filter(None, (self.speech_source(tok) for tok in sent)), None)
        return source or self.according_to(sent)

    def sentence_speaker(self, sent_index: int) -> Source | None:
        """Who speaks in a sentence: its own reporting verb, else its label's or its quote's speaker."""
        own = self._own[sent_index]
        if own is None and self.labelled(sent_index):
            return self._labels[self._paragraph[sent_index]]
        same = sent_index > 0 and self._paragraph[sent_index] == self._paragraph[sent_index - 1]
        if own is None and same and self.sentences[sent_index - 1].text.rstrip().endswith(":"):
            return self.sentence_speaker(sent_index - 1)  # X said: then the words
        if own is not None or not self._in_quote[sent_index]:
            return own
        para = self._paragraph[sent_index]
        order = list(range(sent_index + 1, len(self.sentences))) + list(range(sent_index))[::-1]
        spoken = (self._own[n] for n in order if self._paragraph[n] == para)
        found = next((source for source in spoken if source is not None), None)
        if found is not None:
            return found
        # A paragraph that opens inside a quote and names no speaker carries on the paragraph
        # before: "X told reporters on Monday." then the quote on its own.
        first = self._paragraph.index(para)
        if not first or not self._in_quote[first]:
            return None
        before = first - 1
        return self.sentence_speaker(before) if self._hands_over(before) else None

    def _hands_over(self, sent_index: int) -> bool:
        """True when a sentence leads into a quote: it is quoted itself, ends with a colon, or
        names a speaker without their words ("X told reporters on Monday.")."""
        sent = self.sentences[sent_index]
        if self._in_quote[sent_index] or sent.text.rstrip().endswith(":"):
            return True
        verbs = [t for t in sent if self.speech_source(t) is not None]
        return bool(verbs) and not any(c.dep_ in _CONTENT_DEPS for v in verbs for c in v.children)
