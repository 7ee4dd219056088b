"""Find the names in a parsed article and say what each one is: person, organisation, country or place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from briefings.extraction.grammar import text_of
from briefings.identity.names import fold, names_match
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import KnownActor, Lexicon

_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}
_ORG_WORDS = re.compile(
    r"\b(agency|headquarters|committee|department|ministry|party|bank|council|union|times|"
    r"office|court|staff|mission|institute|service|force|forces|army|group|news|post|press|"
    r"parliament|commission|fund|alliance|university|company|corporation|media|brief|centre|"
    r"center|foundation|bureau|directorate|command|guard)\b",
    re.I,
)
_CREDIT_LINE = re.compile(r"^\s*(photograph|photo|picture|illustration|image)\b", re.I)


@dataclass(frozen=True)
class Mention:
    """A name in the text and what it denotes."""

    start: int
    end: int
    text: str
    kind: ActorKind | None
    known: KnownActor | None

    @property
    def is_actor_kind(self) -> bool:
        """True for people and organisations (places and groups are not actors)."""
        return self.kind in (ActorKind.PERSON, ActorKind.ORGANISATION)


def _trim_places(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    while len(tokens) > 1 and tokens[-1].text.lower() in lexicon.places:
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[0].text.lower() in lexicon.places:
        tokens = tokens[1:]
    return tokens


def _clean_span(span: Span, lexicon: Lexicon) -> Span | None:
    """Trim determiners, possessives and trailing non-name tokens; cut at line breaks."""
    tokens = list(span)
    for i, tok in enumerate(tokens):
        if "\n" in tok.text_with_ws and i < len(tokens) - 1:
            tokens = tokens[: i + 1]
            break
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or not tokens[0].text[0].isalnum()):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or not tokens[-1].text[0].isalnum()):
        tokens = tokens[:-1]
    if span.label_ == "PERSON":
        tokens = _trim_places(tokens, lexicon)
        # "Spokeswoman Irina Volkova": the title is the role, not part of the name.
        while len(tokens) > 1 and tokens[0].lower_ in lexicon.role_titles:
            tokens = tokens[1:]
    if not tokens or not tokens[0].text[0].isupper():
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def _trimmed_places(doc: Doc, ent: Span, kept: Span, lexicon: Lexicon) -> list[Mention]:
    """Places cut off a person's span ("Donald Trump Kyiv") become mentions of their own."""
    cut = [t for t in ent if not kept.start <= t.i < kept.end and t.text.lower() in lexicon.places]
    return [Mention(t.i, t.i + 1, t.text, ActorKind.COUNTRY, None) for t in cut]


def _known(text: str, lexicon: Lexicon) -> KnownActor | None:
    for actor in lexicon.known_actors:
        names = (actor.name, *actor.aliases)
        if actor.kind == ActorKind.PERSON and any(names_match(text, n) for n in names):
            return actor
        if fold(text) in {fold(n) for n in names}:
            return actor
    return None


def _looks_like_person_name(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3:
        return False
    if _ORG_WORDS.search(span.text) or span.text.isupper():
        return False
    return all(t.text[0].isupper() and t.text[1:].islower() for t in words if t.text.isalpha())


def _place_or_org(text: str, lexicon: Lexicon) -> ActorKind | None:
    key = text.lower()
    if key in lexicon.places or key.removeprefix("the ") in lexicon.places:
        return ActorKind.COUNTRY
    if key in lexicon.organisations or key.removeprefix("the ") in lexicon.organisations:
        return ActorKind.ORGANISATION
    return None


def _classify(
    span: Span, label: str, lexicon: Lexicon
) -> tuple[ActorKind | None, KnownActor | None]:
    text = span.text
    fixed = _place_or_org(text, lexicon)
    if fixed is not None:
        return fixed, _known(text, lexicon) if fixed == ActorKind.ORGANISATION else None
    if all(t.pos_ == "ADJ" for t in span):
        return None, None
    known = _known(text, lexicon)
    if known is not None:
        return known.kind, known
    if label == "PERSON":
        return ActorKind.PERSON, None
    if label in {"ORG", "NORP", "PRODUCT", "WORK_OF_ART"} and _looks_like_person_name(span):
        return ActorKind.PERSON, None
    if label in {"GPE", "LOC", "FAC"}:
        return ActorKind.COUNTRY, None
    if label == "ORG" and not text.isupper():
        return ActorKind.ORGANISATION, None
    return None, None


def _in_credit_line(span: Span) -> bool:
    # The line, not the sentence: a label such as "Photograph:" is a sentence of its own.
    text = text_of(span.doc)
    line = text[text.rfind("\n", 0, span.start_char) + 1 : span.start_char]
    after = span.doc[span.end].text if span.end < len(span.doc) else ""
    return bool(_CREDIT_LINE.match(line)) or after == "/"


def _split_org_person(ent: Span) -> list[Span]:
    """ "the Security Council Igor Sechin" tagged as one organisation: the body, then the person
    whose title it ends ("Deputy Chairman of the Security Council Igor Sechin")."""
    tokens = list(ent)
    last_org = max((n for n, t in enumerate(tokens) if _ORG_WORDS.fullmatch(t.text)), default=-1)
    tail = tokens[last_org + 1 :]
    if ent.label_ != "ORG" or last_org < 0 or not 2 <= len(tail) <= 3:
        return [ent]
    if not all(t.is_alpha and t.text[0].isupper() and t.text[1:].islower() for t in tail):
        return [ent]
    doc = ent.doc
    org = Span(doc, ent.start, ent.start + last_org + 1, label="ORG")
    return [org, Span(doc, tail[0].i, tail[-1].i + 1, label="PERSON")]


def _promote_surnames(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A lone surname tagged as something else is a person when a person elsewhere bears it."""
    people = [m.text for m in mentions if m.kind == ActorKind.PERSON]
    promoted = []
    for m in mentions:
        placed = m.kind == ActorKind.COUNTRY and m.text.lower() in lexicon.places
        if (
            m.kind != ActorKind.PERSON
            and not placed
            and m.known is None
            and any(names_match(m.text, p) for p in people)
        ):
            m = Mention(m.start, m.end, m.text, ActorKind.PERSON, None)
        promoted.append(m)
    return promoted


def find_mentions(
    doc: Doc, lexicon: Lexicon, excluded_names: tuple[str, ...] = ()
) -> list[Mention]:
    """Every name in the doc, classified, in text order; credits and bylines left out."""
    found: list[Mention] = []
    for ent in (part for whole in doc.ents for part in _split_org_person(whole)):
        if ent.label_ not in _NAME_LABELS:
            continue
        span = _clean_span(ent, lexicon)
        if span is None or _in_credit_line(span):
            continue
        if any(names_match(span.text, n) for n in excluded_names):
            continue
        kind, known = _classify(span, ent.label_, lexicon)
        found.append(Mention(span.start, span.end, span.text, kind, known))
        found.extend(_trimmed_places(doc, ent, span, lexicon))
    found = _promote_surnames(found, lexicon)
    return sorted(found + _uncovered_names(doc, found, lexicon), key=lambda m: m.start)


def _uncovered_names(doc: Doc, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Proper nouns the model did not tag that name a person already seen or a known actor."""
    covered = {i for m in found for i in range(m.start, m.end)}
    people = {m.text for m in found if m.kind == ActorKind.PERSON}
    extra = []
    for tok in doc:
        if tok.i in covered or not tok.is_alpha or not tok.text[:1].isupper() or tok.text.isupper():
            continue
        known = _known(tok.text, lexicon) if tok.pos_ == "PROPN" else None
        if (known is not None and known.kind == ActorKind.PERSON) or any(
            names_match(tok.text, p) for p in people
        ):
            extra.append(Mention(tok.i, tok.i + 1, tok.text, ActorKind.PERSON, known))
    return extra


@dataclass(frozen=True)
class Source:
    """Whom a statement is attributed to: a named actor or a descriptive phrase."""

    text: str
    mention: Mention | None
