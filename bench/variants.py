"""Variants of extracted articles, to grow bench stores to any size without extracting again.

Each copy gets its own text hash, title and day, figures scaled a little (so that copies
disagree, the worst case for /figures), and the people who appear in only one article renamed
in every third copy, with invented surnames, so that the store holds many actors as a real one
would. Used by bench/answer.py and bench/load.py.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter

from briefings.model import ActorKind, ExtractedArticle


def one_off_people(bases: list[ExtractedArticle]) -> set[str]:
    """Names of people who appear in only one base article."""
    seen = Counter(a.name for base in bases for a in base.actors if a.kind is ActorKind.PERSON)
    return {name for name, count in seen.items() if count == 1}


def surname(copy: int) -> str:
    """An invented surname for the people of one copy ("Bacdef"): a word, not a number."""
    letters = "".join(
        "abcdefghijklmnopqrstuvwxyz"[int(d) + 3 * (i % 3)] for i, d in enumerate(str(copy))
    )
    return f"B{letters}ov"


def variant(base: ExtractedArticle, copy: int, rename: set[str]) -> ExtractedArticle:
    """Copy `copy` of a base article: its own hash, title and day, scaled figures, maybe new people."""
    names = {name: f"{name} {surname(copy)}" for name in rename} if copy % 3 == 0 else {}
    published = base.source.published
    if published is not None:
        published += datetime.timedelta(days=copy // 30)
    source = dataclasses.replace(
        base.source,
        title=f"{base.source.title} (copy {copy})",
        text=f"{base.source.text} #{copy}",
        published=published,
    )
    scale = 1 + copy / 10000
    return dataclasses.replace(
        base,
        source=source,
        actors=tuple(dataclasses.replace(a, name=names.get(a.name, a.name)) for a in base.actors),
        figures=tuple(
            dataclasses.replace(
                f,
                value=round(f.value * scale),
                claimed_by=names.get(f.claimed_by or "", f.claimed_by),
            )
            for f in base.figures
        ),
        demands=tuple(
            dataclasses.replace(d, party=names.get(d.party, d.party)) for d in base.demands
        ),
    )
