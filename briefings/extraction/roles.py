"""The roles the text gives a person at one mention: titles, appositions, "as" phrases."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from briefings.extraction.mentions import Mention
from briefings.vocabulary.lexicon import Lexicon

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
_FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Lower-case words inside a long title: "Secretary of the National Security Council".
_TITLE_JOINERS = {"of", "the", "and", "for", "on"}


def _has_role_word(tokens: list[Token], lexicon: Lexicon) -> bool:
    # The lemma too: a plural title ("negotiators") names the role of each person after it.
    return any(
        t.lower_ in lexicon.role_words
        or t.lower_.split("-")[0] in lexicon.role_words
        or (t.tag_ == "NNS" and t is tokens[-1] and t.lemma_.lower() in lexicon.role_words)
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
            or (tok.tag_ == "NNS" and tok.lemma_.lower() in lexicon.role_words)
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


def _shared_title(doc: Doc, m: Mention, lexicon: Lexicon) -> str | None:
    """ "US negotiators X, Y and Z": a plural title before a list of names is each one's role."""
    first, i = m.start, m.start - 1
    while i > 0 and doc[i].lower_ in {",", "and"}:
        while i > 0 and doc[i].lower_ in {",", "and"}:
            i -= 1
        name_end = i
        while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            i -= 1
        if i == name_end:
            break
        first = i + 1
    if first == m.start or first == 0 or doc[first - 1].tag_ != "NNS":
        return None
    return _title_before(doc, replace(m, start=first), lexicon)


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
        and head.head.ent_type_ != "PERSON"  # "A, B and C" is a list of names, not a title
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
        if tok.tag_ in _FINITE_VERB_TAGS:
            return None  # "X, again raised the idea": a clause, not an apposition
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


def relative_role(doc: Doc, m: Mention) -> str | None:
    """ "X, who heads the agency": the relative clause after a person's first mention."""
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
        _shared_title(doc, m, lexicon),
        *_appositive_roles(doc, m, lexicon),
        _comma_role_after(doc, m, lexicon),
        _comma_role_before(doc, m, lexicon),
        _as_role(doc, m, lexicon),
    ]
    partitive = _partitive_before(doc, m)
    if partitive is not None:
        # "one of the town's doctors, X": X is one of the doctors; a role cut from the
        # plural ("doctors", "town's doctors") would make X all of them.
        found = [partitive if r and partitive.endswith(r) else r for r in found]
    return list(dict.fromkeys(r for r in found if r))


def _partitive_before(doc: Doc, m: Mention) -> str | None:
    """ "one of the village's last residents, X", "two of its advisers, X and Y"."""
    if m.start < 2 or doc[m.start - 1].text != ",":
        return None
    for i in range(m.start - 2, max(0, m.start - 14), -1):
        tok = doc[i]
        if tok.is_punct or tok.is_sent_start:
            return None
        if tok.lower_ == "of" and i > 0 and (doc[i - 1].lower_ == "one" or doc[i - 1].like_num):
            return doc[i - 1 : m.start - 1].text
    return None
