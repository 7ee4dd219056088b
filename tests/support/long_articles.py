"""Builders of long texts for the extraction time limit and long-text tests.

`make_long_article` is a legitimate article that takes the pipeline seconds on any machine
(the seeds' bodies, over and over), so a test can give it a time limit it cannot meet
without depending on a hostile input that reading might tidy away. `make_huge_article` is
over spaCy's 1,000,000-character limit yet quick to extract: long made-up words, few tokens.
"""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# The ending of the huge article: a figure and a quote far from the start.
HUGE_ENDING = (
    "GENEVA, 10 December 2024 — Russia's defence ministry said 90,000 Ukrainian soldiers had "
    'been killed. "We will not give up our land," Volodymyr Zelenskyy said.'
)


def make_long_article(parts: int = 30) -> str:
    """A long article: the seeds' bodies `parts` times (about 9 KB each time), as a file holds it."""
    bodies = [path.read_text().split("\n", 1)[1] for path in sorted(SEEDS.glob("*.txt"))]
    body = "\n\n".join(bodies)
    sections = (f"Part {n} of the dossier.\n\n{body}" for n in range(1, parts + 1))
    return "A long dossier on the ceasefire talks\n\n" + "\n\n".join(sections)


def make_huge_article(chars: int = 1_050_000) -> str:
    """An article of about `chars` characters: paragraphs of long made-up words, then a figure
    and a quote in its last paragraph."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    paragraphs: list[str] = ["A very long file on the ceasefire talks"]
    size = len(paragraphs[0])
    n = 0
    while size < chars - len(HUGE_ENDING):
        words = " ".join((letters[(n + k) % 26 :] + letters[: (n + k) % 26]) * 2 for k in range(20))
        paragraphs.append(f"{words}.")
        size += len(paragraphs[-1]) + 2
        n += 1
    paragraphs.append(HUGE_ENDING)
    return "\n\n".join(paragraphs)
