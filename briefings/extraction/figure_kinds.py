"""What kind of count a figure is (total, rate, change, one event's), the period it covers, whose.

English reporting marks these on the number's own clause: a rate by "a day" or "daily", a change by
"a further" or "rose by", a running total by "since 2022", "so far" or a perfect verb ("have been
killed"), one event's toll by "in the attack", "overnight" or "on Tuesday", one transaction by its
noun ("a $500m package"). A count over a bounded period ("in November", "this month") is a total
for that period. The reporting verb's own words ("said on Sunday that ...") are not the figure's.
Cue words are data/figure_kinds.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from briefings.extraction.figure_context import read_context
from briefings.model import FigureKind
from briefings.vocabulary.figure_kind_words import FigureKindWords, load_figure_kind_words
from briefings.vocabulary.lexicon import Taxonomy

_MAX_PERIOD_TOKENS = 12
_MAX_HOLDER_TOKENS = 6
_NAMED_OWNERS = {"GPE", "ORG", "NORP", "PERSON"}


@dataclass(frozen=True)
class KindReading:
    """A figure's kind, the period as written ("a day", "since 2022") and its holder or donor."""

    kind: FigureKind
    period: str | None = None
    holder: str | None = None


def read_kind(
    tok: Token, qualifier: str | None, unit: str | None, taxonomy: Taxonomy
) -> KindReading:
    """The kind, period and holder of the figure whose number is this token."""
    words = load_figure_kind_words()
    anchors = _anchors(tok, unit, taxonomy)
    kind, period = _kind_and_period(tok, anchors, qualifier, words)
    return KindReading(kind, period, _holder(anchors, words))


def _anchors(tok: Token, unit: str | None, taxonomy: Taxonomy) -> list[Token]:
    """The number, the noun it counts, and its own verb (with a verb it is a conjunct of)."""
    context = read_context(tok, unit, taxonomy)
    anchors = [tok]
    head = tok.head
    while head is not head.head and anchors[-1].dep_ in {"nummod", "quantmod", "compound", "nmod"}:
        anchors.append(head)
        head = head.head
    clause = context.clause
    if clause is not None:
        # "killed or wounded every single day": a verb's conjuncts share its words.
        anchors += [clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        if clause.dep_ == "conj" and clause.head.pos_ in {"VERB", "AUX"}:
            anchors.append(clause.head)
    return list(dict.fromkeys(anchors))


def _kind_and_period(
    tok: Token, anchors: list[Token], qualifier: str | None, words: FigureKindWords
) -> tuple[FigureKind, str | None]:
    rate = _rate(tok, anchors, words)
    if rate is not None:
        return FigureKind.RATE, rate
    if qualifier in words.change_qualifiers or _changed_by(tok, words):
        return FigureKind.CHANGE, None
    cumulative = _cumulative(anchors, words)
    if cumulative is not None:
        return FigureKind.TOTAL, cumulative or None
    event = _event_marker(anchors, words)
    if event is not None:
        return FigureKind.EVENT, event or None
    bounded = _bounded_period(anchors, words)
    if bounded is not None or _is_perfect(anchors, words):
        return FigureKind.TOTAL, bounded
    if _is_simple_past(anchors) and _sentence_names_event(tok, words):
        return FigureKind.EVENT, None
    return FigureKind.TOTAL, None


def _attached(anchors: list[Token]) -> list[Token]:
    """The words hung directly on the number, its noun or its verb, but not the phrase holding
    the number itself ("in 24 hours" is the figure, not its period)."""
    number = anchors[0]
    return [
        c
        for a in anchors
        for c in a.children
        if c not in anchors and not (c.left_edge.i <= number.i <= c.right_edge.i)
    ]


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _text(tokens: list[Token]) -> str:
    """The words of a phrase as written, at most a few."""
    tokens = sorted(tokens, key=lambda t: t.i)[:_MAX_PERIOD_TOKENS]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in {"ADP", "DET", "CCONJ"}):
        tokens.pop()  # a phrase cut short ends on a word, not "in" or "the"
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""


def _rate(tok: Token, anchors: list[Token], words: FigureKindWords) -> str | None:
    """ "1,500 a day", "killed every single day", "per week", "daily"."""
    for child in _attached(anchors):
        if child.lower_ in words.rate_adverbs:
            return child.text
        unit = child if _lemma(child) in words.period_units else _object(child, {"per"})
        if unit is None or unit.i < tok.i or _lemma(unit) not in words.period_units:
            continue
        lead = unit.i - 1
        while lead > tok.i and unit.doc[lead].lower_ in words.rate_fillers:
            lead -= 1
        if unit.doc[lead].lower_ in words.rate_leads:
            return unit.doc[lead : unit.i + 1].text
    return None


def _object(prep: Token, preps: set[str] | frozenset[str]) -> Token | None:
    """The object of a preposition among these: "day" in "per day"."""
    if prep.dep_ not in {"prep", "agent"} or prep.lower_ not in preps:
        return None
    return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)


def _changed_by(tok: Token, words: FigureKindWords) -> bool:
    """ "rose by 3.8%", "fell by 120": the number is the "by" object of a change verb."""
    head = tok
    while head.dep_ in {"nummod", "quantmod", "compound"} and head.head is not head:
        head = head.head
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "by" and _lemma(prep.head) in words.change_verbs


def _cumulative(anchors: list[Token], words: FigureKindWords) -> str | None:
    """ "since 2022", "since the invasion began": the period; "" for "so far", "in total"."""
    for child in _attached(anchors):
        if child.dep_ == "prep" and child.lower_ in words.cumulative_preps:
            return _text(list(child.subtree))
        marks = [c for c in child.children if c.dep_ == "mark"]
        if child.dep_ == "advcl" and any(m.lower_ in words.cumulative_preps for m in marks):
            return _text(list(child.subtree))
    clause = [t for a in anchors for t in a.subtree]
    lowered = [t.lower_ for t in sorted(set(clause), key=lambda t: t.i)]
    for phrase in words.cumulative_phrases:
        n = len(phrase)
        if any(tuple(lowered[i : i + n]) == phrase for i in range(len(lowered) - n + 1)):
            return ""
    return None


def _event_marker(anchors: list[Token], words: FigureKindWords) -> str | None:
    """ "in an attack", "by shelling", "overnight", "on Tuesday", a package: one event's."""
    if any(_lemma(a) in words.transaction_nouns for a in anchors[1:] if a.pos_ == "NOUN"):
        return ""
    for child in _attached(anchors):
        if child.lower_ in words.single_days:
            return child.text
        target = _object(child, {"in", "by", "during", "after", "from", "on"})
        if target is None:
            continue
        if _lemma(target) in words.event_nouns or (
            child.lower_ == "on" and target.lower_ in words.single_days
        ):
            return _text([child, *[t for t in target.lefts], target])
    return None


def _bounded_period(anchors: list[Token], words: FigureKindWords) -> str | None:
    """ "in November", "over the past week", "this month": a total for that period."""
    for child in _attached(anchors):
        target = _object(child, words.period_preps)
        if target is not None and (
            target.ent_type_ == "DATE" or _lemma(target) in words.period_units
        ):
            return _text(list(child.subtree))
        if child.dep_ in {"npadvmod", "tmod"} and child.ent_type_ == "DATE":
            return _text(list(child.subtree))
    return None


def _is_perfect(anchors: list[Token], words: FigureKindWords) -> bool:
    """ "have been killed", "has lost": a running total."""
    verbs = [a for a in anchors if a.pos_ in {"VERB", "AUX"}]
    return any(
        c.dep_ == "aux" and _lemma(c) in words.perfect_auxiliaries
        for v in verbs
        for c in v.children
    )


def _is_simple_past(anchors: list[Token]) -> bool:
    """ "were killed", "died": a past verb without a perfect auxiliary."""
    verbs = [a for a in anchors if a.pos_ in {"VERB", "AUX"}]
    return any(
        v.tag_ == "VBD" or any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in v.children)
        for v in verbs
    )


def _sentence_names_event(tok: Token, words: FigureKindWords) -> bool:
    """Whether the number's sentence names an event ("by attacks", "after a strike")."""
    return any(_lemma(t) in words.event_nouns for t in tok.sent if t.pos_ == "NOUN")


def _holder(anchors: list[Token], words: FigureKindWords) -> str | None:
    """Whose sum or stock it is: "the UK's", "US aid", "Washington has committed", "by Germany"."""
    for anchor in anchors[1:]:
        for child in anchor.children:
            if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
                return _phrase_text(child)
            if child.dep_ == "compound" and child.ent_type_ in _NAMED_OWNERS:
                return _phrase_text(child)
            if child.dep_ == "acl" and _lemma(child) in words.holder_verbs:
                agent = _agent(child)
                if agent is not None:
                    return agent
        if anchor.pos_ == "VERB" and _lemma(anchor) in words.holder_verbs:
            subject = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                return _phrase_text(subject)
            return _agent(anchor)
    return None


def _agent(verb: Token) -> str | None:
    """X in "unveiled by X"."""
    for child in verb.children:
        target = _object(child, {"by"})
        if target is not None and target.pos_ in {"PROPN", "NOUN"}:
            return _phrase_text(target)
    return None


def _phrase_text(head: Token) -> str:
    """A name or noun phrase without its determiner or possessive ending: "Nordic and Baltic leaders"."""
    tokens = [t for t in head.subtree if t.dep_ not in {"det", "case", "punct", "relcl", "acl"}]
    tokens = [t for t in tokens if t.i <= head.i][-_MAX_HOLDER_TOKENS:]
    return _text(tokens)
