"""The measures' taxonomy for readers of stored figures: labels, families, what compares.

The taxonomy lives in data/measures.json, read once; the answers below are cached per measure,
as /figures asks them thousands of times. briefings.extraction.figure_measures classifies a
figure's measure from the parse.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from briefings.i18n import AFTER_NUMBER, _, p_
from briefings.vocabulary.lexicon import Measure, Taxonomy, load_lexicon
from briefings.vocabulary.reader_words import english_words


def _taxonomy() -> Taxonomy:
    return load_lexicon().measures


def measure_label(measure_id: str) -> str:
    """A measure's label for readers in the current language ("soldiers killed", the data's
    label through the catalogs); the id itself if the data lacks it."""
    return _(_data_label(measure_id))


def measure_label_after_number(measure_id: str) -> str:
    """A measure's label as it reads after a number ("43,000 soldiers killed"), in the current
    language: Ukrainian's genitive ("43 000 загиблих військових")."""
    return p_(AFTER_NUMBER, _data_label(measure_id))


@cache
def _data_label(measure_id: str) -> str:
    """A measure's label as the data writes it (English): cached, as /figures asks it often."""
    measure = _taxonomy().measure(measure_id)
    return measure.label if measure is not None else measure_id.replace("_", " ")


@cache
def measure_family(measure_id: str) -> str:
    """The measure a figure is listed under: soldiers killed and wounded under military losses."""
    measure = _taxonomy().measure(measure_id)
    return measure.family if measure is not None else measure_id


@cache
def measure_unit_kind(unit: str | None) -> str | None:
    """What a unit measures: "money" for "EUR", "area" for "km²", "count" for none."""
    kinds = _taxonomy().unit_kinds
    return next((kind for kind, units in kinds.items() if unit in units), None)


@cache
def counts_things(measure_id: str) -> bool:
    """Whether a count of this measure needs its noun to be read: "four regions" of territory,
    where a measure of people ("43,000 soldiers killed") says what it counts by itself."""
    measure = _taxonomy().measure(measure_id)
    return measure is not None and measure.units != {"count"}


@cache
def comparable(first: str, second: str) -> bool:
    """Whether figures of two measures count the same thing, or one counts part of the other."""
    a, b = _taxonomy().measure(first), _taxonomy().measure(second)
    if a is None or b is None:
        return first == second
    return a == b or a.id in b.overlaps or b.id in a.overlaps


def comparable_measures(measure_id: str) -> frozenset[str]:
    """Every measure whose figures can be set against this one's (itself included)."""
    taxonomy = _taxonomy()
    return frozenset(
        {measure_id} | {m.id for m in taxonomy.measures if comparable(measure_id, m.id)}
    )


def _topic_words(measure: Measure, side_words: set[str]) -> set[str]:
    label = {w.strip("(),").lower() for w in measure.label.split()}
    # Events are left out: "have", "use" and "give" name no measure to a reader.
    cues = measure.nouns | measure.terms | set(measure.id.split("_"))
    return (label | cues) - side_words


def measures_for_topic(words: Iterable[str]) -> frozenset[str]:
    """Ids of the measures a reader's words name: "losses", "prisoners", "drones", "aid", or
    in Ukrainian "втрати", "полонені" (briefings.vocabulary.reader_words)."""
    taxonomy = _taxonomy()
    side_words = {w for form in taxonomy.folded_sides for w in form}
    wanted = {w.lower() for w in words}
    # A Ukrainian reader's words ("загиблі") name the measures their English does ("killed").
    wanted |= set(english_words(wanted))
    wanted |= {w[:-1] for w in wanted if w.endswith("s")} | {f"{w}s" for w in wanted}
    return frozenset(m.id for m in taxonomy.measures if wanted & _topic_words(m, side_words))


def with_wholes_and_parts(measures: Iterable[str]) -> frozenset[str]:
    """The measures, their wholes and their wholes' other parts: what a dispute may need.

    "killed" names soldiers killed; whether a claim of it disputes another's total of losses
    depends on the same claimant's wounded too (a whole is set against the sum of its parts).
    """
    found = set(measures)
    for _step in range(2):  # a part's whole, then the whole's other parts
        found |= {m for measure in list(found) for m in comparable_measures(measure)}
    return frozenset(found)
