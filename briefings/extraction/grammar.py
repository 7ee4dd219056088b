"""Grammar shared by the finders: the subject of a verb, through the clauses that share it."""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through conjunctions, infinitives and participles."""
    current = verb
    for _ in range(6):
        subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head
        if current.dep_ not in _SHARED_SUBJECT_DEPS or current.head is current:
            return None
        current = current.head
    return None
