"""The parse around a figure's number: the words a measure's cues are matched on.

A figure's words come from three places: the noun phrase it counts, the events around it (its
governing verb and what hangs on it), and its unit. This module gathers the first two from the
parse; figure_measures.py matches them against the taxonomy and figure_sides.py reads the side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from briefings.vocabulary.lexicon import Taxonomy

_EXPRESSION_DEPS = {"nummod", "quantmod", "compound"}
_MODIFIER_DEPS = {"amod", "compound", "nmod"}
_OWNER_DEPS = _MODIFIER_DEPS | {"poss"}
_VERB_PARTS = {"prt", "dobj", "acomp", "oprd", "attr", "advmod", "dative"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_ARGUMENTS = _SUBJECTS | {"dobj", "attr"}
_NAMED = {"GPE", "LOC", "PERSON", "ORG", "FAC"}


@dataclass(frozen=True)
class FigureContext:
    """The parts of the parse around one number that the measures are matched on."""

    phrase: tuple[Token, ...]
    owners: tuple[Token, ...]
    events: tuple[Token, ...]
    verbs: tuple[Token, ...]
    clause: Token | None
    bare: bool


def word_forms(tokens: Iterable[Token]) -> set[str]:
    """The words of these tokens, each as written (lower-cased) and as its lemma."""
    return {w for t in tokens for w in (t.lower_, t.lemma_.lower())}


def _expression(tok: Token, taxonomy: Taxonomy) -> Token:
    """The token heading the number's expression: "43,000", or "cent" in "90 per cent"."""
    while (
        tok.dep_ in _EXPRESSION_DEPS
        and tok.head is not tok
        and word_forms([tok.head]) & taxonomy.unit_words
    ):
        tok = tok.head
    return tok


def _partitive(expr: Token, preps: frozenset[str] = frozenset({"of", "in"})) -> Token | None:
    """X in "three of the ambulances", "90 per cent of prisoners", "$64bn in aid"."""
    for prep in expr.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _governing(tok: Token) -> Token | None:
    """The verb of the clause a token is in; "including" and "according" are prepositions here."""
    clause = (t for t in (tok, *tok.ancestors) if t.pos_ in {"VERB", "AUX"} and t.dep_ != "prep")
    return next(clause, None)


def _argument(verb: Token | None, deps: tuple[str, ...]) -> Token | None:
    """What a verb puts a number on: "put [the toll] at 350", "[GDP] will grow by 3.8%"."""
    if verb is None:
        return None
    for dep in deps:
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None and found.pos_ in {"NOUN", "PROPN"} and found.ent_type_ != "PERSON":
            return found
    return None


def _own_noun(tok: Token, taxonomy: Taxonomy) -> Token | None:
    """The noun a number counts, as the parse attaches it; None for "370,000 wounded"."""
    expr = _expression(tok, taxonomy)
    head = expr.head
    partitive = _partitive(expr)
    if partitive is not None:
        return partitive
    if expr.dep_ in _EXPRESSION_DEPS | {"nmod"} and _is_common(head):
        return head
    if (expr.dep_ == "pobj" and head.lower_ in taxonomy.carrier_preps) or expr.dep_ == "attr":
        return _argument(_governing(head), ("dobj", "nsubjpass", "nsubj"))
    if expr.dep_ == "dobj" and head.lemma_.lower() in taxonomy.level_verbs:
        return _argument(head, ("nsubjpass", "nsubj"))
    if expr.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    if head.pos_ == "ADJ" and head.head.pos_ == "NOUN":  # aid worth €28bn
        return head.head
    return None


def _is_common(noun: Token) -> bool:
    """A noun that can be counted: "soldiers", "Ukrainians"; not "Ukraine" in "and Ukraine 400,000"."""
    return noun.pos_ in {"NOUN", "PROPN"} and noun.ent_type_ not in _NAMED


def _gapped_owner(expr: Token) -> list[Token]:
    """The name a number hangs on when the verb is left out: "Russia lost 600,000 and [Ukraine] 400,000"."""
    head = expr.head
    return [head] if expr.dep_ in _EXPRESSION_DEPS and head.ent_type_ in _NAMED else []


def _is_counted(noun: Token | None, taxonomy: Taxonomy) -> bool:
    return noun is not None and noun.pos_ in {"NOUN", "PROPN"} and not _is_carrier(noun, taxonomy)


def _is_carrier(noun: Token, taxonomy: Taxonomy) -> bool:
    return noun.lemma_.lower() in taxonomy.carrier_nouns


def _antecedent(tok: Token, taxonomy: Taxonomy) -> Token | None:
    """The noun of the nearest number before this one in its sentence: "43,000 soldiers ... 370,000"."""
    for other in reversed(tok.doc[tok.sent.start : tok.i]):
        noun = _own_noun(other, taxonomy) if other.like_num else None
        # Only a subject or object is taken up again; "in 24 hours, 12 died" is not about hours.
        if noun is not None and _is_counted(noun, taxonomy) and noun.dep_ in _ARGUMENTS:
            return noun
    return None


def _phrase(noun: Token, deps: set[str]) -> list[Token]:
    """The noun, its modifiers, the noun it is "of" and the noun "of" it: "bodies of fallen soldiers".

    Owners leave out participles: "Russian-held Ukrainian prisoners" are Ukraine's.
    """
    heads = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        heads.append(noun.head.head)
    of = _partitive(noun, frozenset({"of"}))
    heads.extend([of] if of is not None and of.pos_ != "PRON" else [])
    tokens = list(heads)
    for head in heads:
        for child in head.children:
            if child.dep_ in deps and not (deps is _OWNER_DEPS and child.pos_ == "VERB"):
                tokens.extend(child.subtree)
    return tokens


def _is_participle_complement(tok: Token) -> bool:
    """ "went [missing]", "were left [wounded]": a bare participle the parse calls an adverbial clause."""
    bare = not any(c.dep_ in _SUBJECTS | {"mark"} for c in tok.children)
    return tok.dep_ == "advcl" and tok.tag_ in {"VBG", "VBN", "JJ"} and bare


def _verb_parts(verb: Token) -> list[Token]:
    """A verb with its particles, objects and complements: "handed over", "are said to be in prisons"."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ in _VERB_PARTS:
            parts.append(child)
        elif child.dep_ in {"prep", "agent"}:
            parts.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
        elif child.dep_ == "xcomp" or _is_participle_complement(child):
            parts.extend(_verb_parts(child))
    return parts


def _verbs(clause: Token | None, noun: Token | None) -> list[Token]:
    """The governing verb, its conjuncts without a subject of their own, and verbs on the noun."""
    verbs = [clause] if clause is not None else []
    for verb in list(verbs):
        verbs += [c for c in verb.children if c.dep_ == "conj" and not has_subject(c)]
    if noun is not None:
        verbs += [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
    return verbs


def has_subject(tok: Token) -> bool:
    """Whether a verb has a subject of its own."""
    return any(c.dep_ in _SUBJECTS for c in tok.children)


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is a conjunct or complement of."""
    for candidate in (verb, verb.head) if verb.dep_ in {"conj", "xcomp"} else (verb,):
        found = next((c for c in candidate.children if c.dep_ == "nsubj"), None)
        if found is not None:
            return found
    return None


def read_context(tok: Token, unit: str | None, taxonomy: Taxonomy) -> FigureContext:
    """The noun phrase the number at this token counts, its owners, events, verbs and clause."""
    own, expr = _own_noun(tok, taxonomy), _expression(tok, taxonomy)
    carrier = own is not None and _is_carrier(own, taxonomy)
    # Only a number standing alone borrows a noun: "$64 billion" is not "soldiers" again.
    alone = unit is None and expr is tok
    borrowed = _antecedent(tok, taxonomy) if alone else None
    noun = own if _is_counted(own, taxonomy) or carrier else borrowed
    clause = _governing(own if own is not None else expr)
    if noun is None:
        phrase: list[Token] = []
        owners: list[Token] = []
    elif carrier:
        phrase = owners = [t for t in noun.subtree if t.i != tok.i]
    else:
        phrase, owners = _phrase(noun, _MODIFIER_DEPS), _phrase(noun, _OWNER_DEPS)
    owners = _gapped_owner(expr) or owners
    verbs = _verbs(clause, noun if noun is own else None)
    subject = clause_subject(clause) if clause is not None else None
    events = phrase + [p for v in verbs for p in _verb_parts(v)] + ([subject] if subject else [])
    return FigureContext(
        phrase=tuple(phrase),
        owners=tuple(owners),
        events=tuple(events),
        verbs=tuple(verbs),
        clause=clause,
        bare=noun is None or carrier,
    )
