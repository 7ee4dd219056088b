"""What a reader's plain question asks for (figures, demands, an actor, events, quotes) and about what.

The cue words are data (`briefings/data/questions.json`); what a figure counts comes from the
measures' own cue words (`measures.json`), and sides and countries from `sides.json`. Nothing
here reads the store: the bot looks the named actor up and tries each kind of answer in turn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from briefings.questions.terms import QUESTION_WORDS, query_terms, stop_words
from briefings.vocabulary.lexicon import Measure, data_text, load_lexicon
from briefings.vocabulary.measures import measure_family
from briefings.vocabulary.reader_words import english_reading, in_cyrillic
from briefings.vocabulary.sides import load_sides

# Words of a question, possessive endings dropped below; hyphens and dots stay inside a word.
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
# "who's", "what's": the clitic is "is", so that "who's Kellogg" is asked like "who is Kellogg".
_IS_CLITIC = re.compile(r"\b(who|what|where|when|how)['’]s\b", re.IGNORECASE)
# The longest actor name a question is searched for, in words ("Volodymyr Oleksandrovych Zelenskyy").
_NAME_WORDS = 4
# Endings a cue or topic word may carry in a question: "wants", "wanted", "given", "losses".
_ENDINGS = ("s", "es", "ed", "d", "n", "en", "ing")


class Asks(StrEnum):
    """A kind of answer a question can want."""

    REASONS = "reasons"
    FIGURES = "figures"
    DEMANDS = "demands"
    ACTOR = "actor"
    EVENTS = "events"
    QUOTES = "quotes"


@dataclass(frozen=True)
class Question:
    """A question read: the kinds of answer it wants, best first, and what it is about."""

    text: str
    asks: tuple[Asks, ...]
    # Content words for full-text ranking, and those left once the cue words are dropped.
    terms: tuple[str, ...]
    topic: tuple[str, ...]
    # Measures the question names ("losses" names soldiers killed, wounded and both).
    measures: frozenset[str]
    # The first country or body it names ("Ukraine", "Russian", "the EU"), and that one's side.
    country: str | None
    side: str | None
    # Phrases that may name an actor, longest first: "Keith Kellogg", "Kellogg".
    names: tuple[str, ...]


@dataclass(frozen=True)
class _Cues:
    """The cue phrases of each kind, in the order kinds are tried."""

    kinds: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    # Every word of every cue: what a question's topic leaves out.
    words: frozenset[str]


def read_question(text: str) -> Question:
    """Read what a question asks for and about what, without looking anything up; a question
    in Ukrainian as the English its words stand for (briefings.vocabulary.reader_words)."""
    reading = english_reading(text)
    words = question_words(reading)
    folded = [word.casefold() for word in words]
    measures = measures_asked(folded)
    asks = _asks(folded, bool(measures))
    # The articles are in English: a Cyrillic word counts through its English (names apart).
    terms = tuple(term for term in query_terms(reading) if not in_cyrillic(term))
    topic = tuple(term for term in terms if not word_forms(term) & _cues().words)
    book = load_sides()
    country = book.country_in(" ".join(words))
    return Question(
        text=text,
        asks=asks,
        terms=terms,
        topic=topic,
        measures=measures,
        country=country,
        side=book.side_of_country_named(country),
        # Names as the reader wrote them, not the English added after a Ukrainian question.
        names=name_phrases(question_words(text)),
    )


def question_words(text: str) -> list[str]:
    """The words of a question as written, "who's" read as "who is", possessive endings dropped."""
    expanded = _IS_CLITIC.sub(r"\1 is", text)
    return [_POSSESSIVE.sub("", word) for word in _WORD.findall(expanded)]


def name_phrases(words: list[str]) -> tuple[str, ...]:
    """Runs of up to four words that begin and end with a content word, longest first."""
    phrases: list[str] = []
    for size in range(min(_NAME_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if _is_name_word(span[0]) and _is_name_word(span[-1]):
                phrases.append(" ".join(span))
    return tuple(dict.fromkeys(phrases))


def _is_name_word(word: str) -> bool:
    """Whether a word may begin or end an actor's name: not a common or question word; in
    Cyrillic, where the common words are not listed, a capitalised word ("Трамп")."""
    folded = word.casefold()
    if in_cyrillic(word):
        return len(folded) > 1 and word[:1].isupper()
    return len(folded) > 1 and folded not in stop_words() and folded not in QUESTION_WORDS


def _asks(folded: list[str], names_measure: bool) -> tuple[Asks, ...]:
    """The kinds of answer a question's cues call for, in the order the data tries them."""
    forms = [word_forms(word) for word in folded]
    held = frozenset().union(*forms)
    asks: list[Asks] = []
    for kind, cues in _cues().kinds:
        if kind == "figures_by_topic":
            found = names_measure
            kind = Asks.FIGURES
        else:
            found = any(cue[0] in held and _has_phrase(forms, cue) for cue in cues)
        if found and Asks(kind) not in asks:
            asks.append(Asks(kind))
    return tuple(asks)


def _has_phrase(forms: list[frozenset[str]], cue: tuple[str, ...]) -> bool:
    """Whether consecutive words (each given as its plain forms) hold a cue phrase."""
    size = len(cue)
    return any(
        all(cue[i] in forms[start + i] for i in range(size))
        for start in range(len(forms) - size + 1)
    )


@lru_cache(maxsize=1 << 16)
def word_forms(word: str) -> frozenset[str]:
    """A lowercased word and the stems it may be a form of: "wanted" is also "want", "losses" "loss".

    Kept for the words seen last: an answer asks it of every word of every fact it weighs.
    """
    stems = {
        word[: -len(end)] for end in _ENDINGS if word.endswith(end) and len(word) > len(end) + 2
    }
    return frozenset({word, f"{word}s", *stems})


def measures_asked(folded: Iterable[str]) -> frozenset[str]:
    """The measures a question names best, with every measure listed under the same heading.

    A measure scores a point for each of its nouns in the question, two for each of its own
    terms ("losses", "prisoners"), and one for each of its events. Events and peoples
    ("Ukrainians") count only beside a noun or term of their own ("soldiers … lost") or each
    other ("Ukrainians died"): "lost" or "Ukrainians" alone names no measure.
    """
    taxonomy = load_lexicon().measures
    peoples = {form[0] for form in taxonomy.folded_sides if len(form) == 1}
    words = list(folded)
    things = [word_forms(word) for word in words if word not in peoples]
    people = [word_forms(word) for word in words if word in peoples]
    scores = {m.id: _score(m, things, people) for m in taxonomy.measures}
    best = max(scores.values(), default=0)
    if best == 0:
        return frozenset()
    families = {measure_family(m_id) for m_id, score in scores.items() if score == best}
    return frozenset(m.id for m in taxonomy.measures if m.family in families)


def _score(measure: Measure, things: list[frozenset[str]], people: list[frozenset[str]]) -> int:
    """How well a question's words name one measure; 0 when they name it by no noun or term."""
    nouns = sum(1 for word in things if word & measure.nouns)
    terms = sum(2 for word in things if word & measure.terms)
    events = sum(1 for word in things if word & measure.events)
    peoples = sum(1 for word in people if word & measure.nouns)
    if nouns + terms == 0 and not (peoples and events):
        return 0
    return nouns + terms + events + peoples


@cache
def _cues() -> _Cues:
    """Read the cue phrases once."""
    data = json.loads(data_text("questions.json"))
    kinds = tuple(
        (entry["kind"], tuple(tuple(cue.split()) for cue in entry["cues"]))
        for entry in data["asks"]
    )
    words = frozenset(word for _, cues in kinds for cue in cues for word in cue)
    return _Cues(kinds, words)
