"""Group name mentions into actors and read each actor's role as the article states it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from briefings.extraction.extensions import published_of
from briefings.extraction.mentions import Mention
from briefings.identity.names import fold, names_match
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import Lexicon

_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "case", "punct"}
_STRIP_WORDS = {
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "this",
    "that",
    ",",
    "'s",
    "’s",
}
_MAX_ROLES = 3
# Lower-case words inside a long title: "Secretary of the National Security Council".
_TITLE_JOINERS = {"of", "the", "and", "for", "on"}


@dataclass
class ActorGroup:
    """The mentions of one actor in one article, and the roles found for it."""

    kind: ActorKind
    mentions: list[Mention]
    roles: list[str] = field(default_factory=list)
    acts: bool = False
    day: date | None = None  # the article's date, which picks a known actor's role

    @property
    def names(self) -> list[str]:
        """Distinct surface names, longest first."""
        seen: dict[str, None] = {}
        for m in sorted(
            self.mentions, key=lambda m: (-len(m.text.split()), m.text.isupper(), m.start)
        ):
            seen.setdefault(m.text, None)
        return list(seen)

    @property
    def name(self) -> str:
        """The canonical name: the known actor's, else the longest form used."""
        known = next((m.known for m in self.mentions if m.known is not None), None)
        return known.name if known is not None else self.names[0]

    @property
    def role(self) -> str | None:
        """Roles as stated, joined; the known actor's role on the article's date when it states none."""
        if self.roles:
            return "; ".join(self.roles[:_MAX_ROLES])
        known = next((m.known for m in self.mentions if m.known is not None), None)
        return known.role_on(self.day) if known is not None else None


def _has_role_word(tokens: list[Token], lexicon: Lexicon) -> bool:
    return any(
        t.lower_ in lexicon.role_words or t.lower_.split("-")[0] in lexicon.role_words
        for t in tokens
    )


def _clean(tokens: list[Token]) -> str | None:
    breaks = [n for n, t in enumerate(tokens) if t.is_space or "\n" in t.text_with_ws]
    if breaks:
        tokens = tokens[: breaks[0] + (0 if tokens[breaks[0]].is_space else 1)]
    while tokens and (tokens[0].lower_ in _STRIP_WORDS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in _STRIP_WORDS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _title_before(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    tokens: list[Token] = []
    i = m.start - 1
    while i >= 0:
        tok = doc[i]
        joined = tok.text == "-" or (i + 1 < len(doc) and doc[i + 1].text == "-")
        if (
            tok.lower_ in lexicon.role_titles
            or tok.lower_ in lexicon.role_words
            or joined
            or (
                tok.dep_ in {"compound", "amod"}
                and tok.head.i >= m.start - len(tokens) - 1
                and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
            )
        ):
            tokens.insert(0, tok)
        else:
            break
        i -= 1
    return _clean(tokens) if _has_role_word(tokens, lexicon) else None


def _long_title_before(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """ "Secretary of State X", "the President of the Republic of Y, X": a capitalised title
    with "of" or "for", from its first role word up to the name (or a comma before it)."""
    i = m.start - 2 if m.start > 1 and doc[m.start - 1].text == "," else m.start - 1
    tokens: list[Token] = []
    while i >= 0 and "\n" not in doc[i].text_with_ws:
        if not (doc[i].text[:1].isupper() or doc[i].lower_ in _TITLE_JOINERS):
            break
        tokens.insert(0, doc[i])
        i -= 1
    titles = lexicon.role_titles | lexicon.role_words
    first = next((n for n, t in enumerate(tokens) if t.lower_ in titles), None)
    if first is None or not any(t.lower_ in {"of", "for"} for t in tokens[first:]):
        return None
    return _clean(tokens[first:])


def _phrase(head: Token, stop_deps: set[str]) -> list[Token]:
    keep = [head]
    for child in head.children:
        if child.dep_ not in stop_deps:
            keep.extend(child.subtree)
    return sorted(set(keep), key=lambda t: t.i)


def _appositive_roles(doc: Doc, m: Mention, lexicon: Lexicon) -> list[str]:
    head = doc[m.end - 1]
    roles = []
    for child in head.children:
        if child.dep_ == "appos" and not child.like_num and child.i >= m.end:
            tokens = _phrase(child, {"relcl", "appos", "punct", "acl"})
            if _has_role_word(tokens, lexicon):
                roles.append(_clean(tokens))
    if (
        head.dep_ == "appos"
        and head.head.i < m.start
        and head.head.pos_ in {"NOUN", "NUM", "PROPN"}
    ):
        tokens = _phrase(head.head, {"appos", "relcl", "punct", "acl", "det"})
        tokens = [t for t in tokens if t.i < m.start]
        if _has_role_word(tokens, lexicon):
            roles.append(_clean(tokens))
    return [r for r in roles if r]


def _comma_role_after(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """ "Name, a political analyst," when the parser missed the apposition."""
    if m.end >= len(doc) or doc[m.end].text != ",":
        return None
    tokens: list[Token] = []
    for tok in doc[m.end + 1 : m.end + 14]:
        if tok.text in {",", ".", ";", ":"} or tok.lower_ in {
            "who",
            "which",
            "said",
            "says",
            "told",
        }:
            break
        tokens.append(tok)
    if tokens and tokens[0].like_num:
        return None
    return _clean(tokens) if tokens and _has_role_word(tokens, lexicon) else None


def _comma_role_before(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """ "its mayor, Petro Kravets" when the parser missed the apposition."""
    if m.start < 2 or doc[m.start - 1].text != ",":
        return None
    tokens: list[Token] = []
    for tok in reversed(doc[max(0, m.start - 12) : m.start - 1]):
        if (
            tok.is_punct
            or tok.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ"}
            or tok.is_sent_start
        ):
            if tok.is_sent_start and not tok.is_punct:
                tokens.insert(0, tok)
            break
        tokens.insert(0, tok)
    return _clean(tokens) if tokens and _has_role_word(tokens[-1:], lexicon) else None


def _as_role(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    head = doc[m.end - 1]
    verb = head.head
    if head.dep_ != "dobj":
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and child.i > head.i:
            tokens = [t for t in child.subtree if t is not child]
            if _has_role_word(tokens, lexicon):
                return _clean(tokens)
    return None


def _relative_role(doc: Doc, m: Mention) -> str | None:
    head = doc[m.end - 1]
    for child in head.children:
        if child.dep_ == "relcl" and any(c.lower_ == "who" for c in child.children):
            tokens = [t for t in child.subtree if t.lower_ != "who" and not t.is_punct]
            return _clean(tokens[:12])
    return None


def roles_of(doc: Doc, m: Mention, lexicon: Lexicon) -> list[str]:
    """Every role the text gives a person at one mention."""
    found = [
        _title_before(doc, m, lexicon),
        _long_title_before(doc, m, lexicon),
        *_appositive_roles(doc, m, lexicon),
        _comma_role_after(doc, m, lexicon),
        _comma_role_before(doc, m, lexicon),
        _as_role(doc, m, lexicon),
    ]
    return [r for r in found if r]


def _add_role(roles: list[str], role: str) -> None:
    low = role.lower()
    if any(low in r.lower() for r in roles):
        return
    roles[:] = [r for r in roles if r.lower() not in low]
    roles.append(role)


def _same_name(m: Mention, group: ActorGroup) -> bool:
    if m.kind == ActorKind.PERSON:
        return any(names_match(m.text, n) for n in group.names)
    return any(fold(m.text) == fold(n) for n in group.names) or (
        m.known is not None and any(x.known == m.known for x in group.mentions)
    )


def group_actors(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[ActorGroup]:
    """One group per actor: mentions whose names match, in order of first mention."""
    groups: list[ActorGroup] = []
    for m in mentions:
        if not m.is_actor_kind and m.kind != ActorKind.COUNTRY:
            continue
        group = next((g for g in groups if g.kind == m.kind and _same_name(m, g)), None)
        if group is None:
            group = ActorGroup(m.kind or ActorKind.ORGANISATION, [], day=published_of(doc))
            groups.append(group)
        group.mentions.append(m)
        if m.kind == ActorKind.PERSON:
            for role in roles_of(doc, m, lexicon):
                _add_role(group.roles, role)
    for g in groups:
        if g.kind == ActorKind.PERSON and not g.roles:
            rel = _relative_role(doc, g.mentions[0])
            if rel:
                g.roles.append(rel)
    return groups
