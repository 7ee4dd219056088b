"""Names as readers type them in Cyrillic: the spellings of the articles they stand for.

A name in Cyrillic is compared in Latin letters (briefings.identity.names.fold transliterates
it), which finds "Зеленський" as Zelenskyy and "Путін" as Putin. Names that Ukrainian spells
from their sound ("Трамп", "Макрон") do not transliterate back; data/actors.jsonl lists those
spellings of the story's actors ("names_uk"), and they stand for the actor's own name.
"""

from __future__ import annotations

from functools import cache

from briefings.identity.names import names_match
from briefings.vocabulary.lexicon import load_lexicon
from briefings.vocabulary.reader_words import in_cyrillic


def reader_spellings(phrase: str) -> tuple[str, ...]:
    """The phrase, then the names of the known actors it names in Ukrainian spelling
    ("Трамп" → "Donald Trump"); the phrase alone when it has no Cyrillic letter."""
    if not in_cyrillic(phrase):
        return (phrase,)
    named = [name for name, spellings in _spellings() if _names_one(phrase, spellings)]
    return (phrase, *named)


def _names_one(phrase: str, spellings: tuple[str, ...]) -> bool:
    """Whether a phrase names one of an actor's Ukrainian spellings (its surname alone will do;
    a longer phrase ending in it, "Україна вступила в НАТО", does not), as lookup.actors_named
    reads names."""
    size = len(phrase.split())
    return any(
        size <= len(spelling.split()) and names_match(phrase, spelling) for spelling in spellings
    )


@cache
def _spellings() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each known actor with Ukrainian spellings: its name and those spellings."""
    return tuple(
        (actor.name, actor.names_uk) for actor in load_lexicon().known_actors if actor.names_uk
    )
