"""Who a claiming phrase names: a name, a resolved phrase, or a study's author.

Used by `briefings/extraction/claimants.py`, which decides among the candidates; the cue words
are `briefings/data/claimants.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from briefings.extraction.mentions import Source
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import data_text

_POSSESSIVE = re.compile(r"\s*['’]s?$")
_CUE_LISTS = (
    "call_verbs",
    "report_verbs",
    "finding_verbs",
    "study_nouns",
    "author_preps",
    "citing_verbs",
    "transfer_verbs",
    "figure_nouns",
)

# Only a type here: the pipeline builds the attribution and hands it in.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution


@dataclass(frozen=True)
class ClaimantCues:
    """The cue words, from briefings/data/claimants.json."""

    call_verbs: frozenset[str]
    report_verbs: frozenset[str]
    finding_verbs: frozenset[str]
    study_nouns: frozenset[str]
    author_preps: frozenset[str]
    citing_verbs: frozenset[str]
    transfer_verbs: frozenset[str]
    figure_nouns: frozenset[str]


@cache
def load_claimant_cues() -> ClaimantCues:
    """Read the claimant cue words once."""
    data = json.loads(data_text("claimants.json"))
    return ClaimantCues(**{key: frozenset(data[key]) for key in _CUE_LISTS})


def who(
    subject: Token, attribution: Attribution, cues: ClaimantCues, speaking: bool
) -> Source | None:
    """Who a claiming subject is: a study's author, a name, a resolved phrase or, for a speech
    verb, the plural noun phrase itself ("Russian milbloggers claimed")."""
    if is_study(subject, cues):
        # Without an author, a study stands as written only where it names one ("western estimates").
        return author(subject, attribution, cues) or attribution.resolve(subject)
    if attribution.mention_of(subject) is None and _is_compound_name(subject):
        # A name of several words is its own ("the Coordination Headquarters for ..."),
        # not a back-reference to the organisation named before.
        return Source(attribution.phrase(subject), None)
    found = attribution.resolve(subject)
    if found is None and speaking and subject.tag_ == "NNS" and not is_count(subject):
        return Source(attribution.phrase(subject), None)
    if found is not None and found.mention is not None and _names_another(subject, found):
        return Source(attribution.phrase(subject), None)
    if found is not None and found.mention is None:
        return _role_holder(subject, attribution) or found
    return found


def _role_holder(noun: Token, attribution: Attribution) -> Source | None:
    """ "the minister" after "Russia's foreign minister, Sergei Lavrov": the last person the
    article has given that title, when the phrase is definite and names no one itself. A
    country the phrase names must be in the title too ("the Ukrainian president")."""
    definite = any(c.lower_ == "the" for c in noun.children)
    if noun.pos_ != "NOUN" or not definite:
        return None
    wanted = _sides(noun.children, attribution)
    people = [m for m in attribution.mentions if m.end <= noun.i and m.kind == ActorKind.PERSON]
    for person in reversed(people):
        heads = _title_heads(attribution.doc[person.end - 1], person.start)
        if noun.lemma_.lower() not in {w for t in heads for w in (t.lemma_.lower(), t.lower_)}:
            continue
        if not wanted or wanted & _sides((t for h in heads for t in h.subtree), attribution):
            return Source(person.text, person)
    return None


def _sides(tokens: Iterable[Token], attribution: Attribution) -> set[str]:
    """The countries or sides these words name: "Ukrainian", "Russia's"."""
    sides = attribution.lexicon.measures.folded_sides
    return {side for t in tokens if (side := sides.get((t.lower_,))) is not None}


def _title_heads(name: Token, first: int) -> list[Token]:
    """The head words that title a named person: "Foreign Minister X", "X, the ombudsman", "the
    country's defence minister, X"; not "a spokesman for [the headquarters]"."""
    heads = [c for c in name.children if c.dep_ == "appos"]
    heads += [t for t in name.subtree if t.dep_ == "compound" and t.i < first]
    return heads + ([name.head] if name.dep_ == "appos" else [])


def is_count(noun: Token) -> bool:
    """ "two sources", "three officials": a count of unnamed people names no one."""
    return any(c.dep_ == "nummod" for c in noun.children)


def _names_another(noun: Token, found: Source) -> bool:
    """ "the defence ministry" taken back to "the Kremlin": a modified common noun is its own
    phrase unless what it is taken back to bears that noun."""
    modified = any(c.dep_ in {"compound", "amod"} for c in noun.children)
    # A person is found through apposition ("the regional governor, Ivan Fedorov"), not taken back.
    person = found.mention is not None and found.mention.kind == ActorKind.PERSON
    return noun.pos_ == "NOUN" and modified and not person and noun.lower_ not in found.text.lower()


def is_study(noun: Token, cues: ClaimantCues) -> bool:
    """A study or count: "survey", "poll", "estimates"."""
    return noun.lower_ in cues.study_nouns or noun.lemma_.lower() in cues.study_nouns


def _is_compound_name(head: Token) -> bool:
    """A proper name of several words: "Coordination Headquarters"."""
    return head.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children
    )


def author(study: Token, attribution: Attribution, cues: ClaimantCues) -> Source | None:
    """Who made a study: "a survey by X", "data from X", "X's estimates", "a KIIS poll"."""
    for child in study.children:
        if child.dep_ == "acl" and attribution.passive_agent(child) is not None:
            return attribution.passive_agent(child)  # "a poll conducted by X"
        maker = _maker(child, cues)
        found = who(maker, attribution, cues, speaking=False) if maker is not None else None
        if found is not None:
            return found if found.mention else Source(_POSSESSIVE.sub("", found.text), None)
    return None


def _maker(child: Token, cues: ClaimantCues) -> Token | None:
    """The token of a study's child that names its maker, if it names one."""
    if child.dep_ == "prep" and child.lower_ in cues.author_preps:
        return next((c for c in child.children if c.dep_ == "pobj"), None)
    if child.dep_ == "prep" and child.lower_ == "of":
        # "the reckoning of the Oryx project", not "a survey of 2,000 Ukrainians"
        return next((c for c in child.children if _is_named_body(c)), None)
    if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
        return child
    return None


def _is_named_body(tok: Token) -> bool:
    """A named organisation or person: "the Oryx project", "the General Staff"."""
    named = tok.ent_type_ in {"ORG", "PERSON"} or _is_compound_name(tok)
    return tok.dep_ == "pobj" and (named or any(c.ent_type_ == "ORG" for c in tok.children))
