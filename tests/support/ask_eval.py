"""Score answers to plain questions: is the fact that must come first the first one the answer gives?"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

QUESTION_SET = Path(__file__).resolve().parents[1] / "bot" / "ask_questions.json"
# A citation closes every fact line: "… [1]" or "… [1][2]".
_CITED = re.compile(r"\[\d+\]\s*$")


@dataclass(frozen=True)
class AskCase:
    """A question and the words its answer's first fact must hold."""

    question: str
    first: tuple[str, ...]


@dataclass
class AskScore:
    """How many questions were answered right, and the answers that were not."""

    right: int = 0
    misses: list[tuple[AskCase, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many questions were asked."""
        return self.right + len(self.misses)

    @property
    def share(self) -> float:
        """The share answered right."""
        return self.right / self.total if self.total else 0.0

    def add(self, case: AskCase, answer: str) -> None:
        """Count one answer."""
        if answered_right(case, answer):
            self.right += 1
        else:
            self.misses.append((case, first_fact(answer)))

    def report(self) -> str:
        """The share and each miss with the first fact it gave instead."""
        lines = [f"/ask question set: {self.right}/{self.total} answered right ({self.share:.0%})"]
        for case, given in self.misses:
            shown = given.replace("\n", " | ")[:200] or "(no cited fact)"
            lines.append(
                f"  MISS {case.question!r}: wanted {list(case.first)}; first fact: {shown}"
            )
        return "\n".join(lines)


def load_cases(path: Path = QUESTION_SET) -> list[AskCase]:
    """The questions of the set, in order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [AskCase(row["question"], tuple(row["first"])) for row in data["questions"]]


def first_fact(answer: str) -> str:
    """The answer's first cited line with the uncited lines above it in its paragraph."""
    paragraph: list[str] = []
    for raw in answer.splitlines():
        text = raw.rstrip()
        if not text:
            paragraph = []
            continue
        paragraph.append(text)
        if _CITED.search(text):
            return "\n".join(paragraph)
    return ""


def answered_right(case: AskCase, answer: str) -> bool:
    """Whether the first fact holds every word the case wants, case aside."""
    fact = first_fact(answer).casefold()
    return bool(fact) and all(word.casefold() in fact for word in case.first)
