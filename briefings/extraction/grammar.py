"""Grammar shared by the finders: the subject of a verb, through the clauses that share it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_NP_CUT_DEPS = {"relcl", "appos", "acl", "advcl", "punct", "cc", "prep"}
_SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through conjunctions, infinitives and participles."""
    current = verb
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects:
            # Two subjects are a misparse, most often of a dateline ("KYIV, 10 May — The
            # ministry said"): the one nearest before the verb is its own.
            before = [s for s in subjects if s.i < current.i]
            return before[-1] if before else subjects[0]
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head
        if current.dep_ not in _SHARED_SUBJECT_DEPS or current.head is current:
            return _closing_speaker(current)
        current = current.head
    return None


def _closing_speaker(verb: Token) -> Token | None:
    """ "…, the Norwegian defence minister, Ola Berg, said.": a sentence-final verb the parse
    left without a subject takes the name or noun just before its comma."""
    doc = verb.doc
    closing = all(t.is_punct for t in doc[verb.i + 1 : verb.sent.end])
    if not closing or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    before = doc[verb.i - 2]
    return before if before.pos_ in {"PROPN", "NOUN"} else None


def noun_phrase(head: Token) -> str:
    """A readable noun phrase around a head token, without clauses and leading articles."""
    keep = [head]
    for child in head.children:
        if child.dep_ not in _NP_CUT_DEPS or (
            child.dep_ == "prep" and child.i > head.i and child.lower_ in {"of", "for"}
        ):
            keep.extend(child.subtree)
    tokens = sorted(set(keep), key=lambda t: t.i)
    # Leading articles go, and so do bullets, dashes and marks the parser hung on the phrase.
    while tokens and (
        tokens[0].lower_ in {"the", "a", "an", "this", "that"}
        or not any(ch.isalnum() for ch in tokens[0].text)
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return head.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else head.text


def possessor_referent(pronoun: Token) -> Token | None:
    """The subject of the nearest clause above a possessive that does not contain it."""
    for verb in (a for a in pronoun.ancestors if a.pos_ in {"VERB", "AUX"}):
        subject = subject_of(verb)
        if subject is not None and pronoun not in subject.subtree:
            return subject
    return None


_TEXT_KEY = "ceasefire_text"


def text_of(doc: Doc) -> str:
    """The doc's text, joined once: `Doc.text` joins every token again on each call, and the
    rules that read a token's line would otherwise cost the square of the article's length."""
    cached = doc.user_data.get(_TEXT_KEY)
    if isinstance(cached, str):
        return cached
    text: str = doc.text
    doc.user_data[_TEXT_KEY] = text
    return text
