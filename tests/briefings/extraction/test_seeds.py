"""The key facts of the two seed articles, extracted end to end from the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from briefings.extraction.extractors import extract
from briefings.model import Actor, ExtractedArticle
from briefings.reading.articles import read_path

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
GUARDIAN = "000_80d53bb89c1a5903.txt"
MOSCOW_TIMES = "004_7cff107318d3781a.txt"


@pytest.fixture(scope="module")
def seeds(nlp: Language) -> dict[str, ExtractedArticle]:
    names = (GUARDIAN, MOSCOW_TIMES)
    return {name: extract(nlp, read_path(SEEDS / name, max_bytes=1_000_000)) for name in names}


def claimant_of(article: ExtractedArticle, value: float) -> str | None:
    found = [f for f in article.figures if f.value == value]
    assert len(found) == 1, article.figures
    return found[0].claimed_by


def demands_by(article: ExtractedArticle, party: str) -> list[str]:
    return [d.demand for d in article.demands if party in d.party]


def actors_named(article: ExtractedArticle, part: str) -> list[Actor]:
    return [a for a in article.actors if any(part in n for n in (a.name, *a.aliases))]


def test_trump_claims_400000_soldiers_lost(seeds: dict[str, ExtractedArticle]) -> None:
    assert "Trump" in (claimant_of(seeds[GUARDIAN], 400_000) or "")


@pytest.mark.parametrize("seed", [GUARDIAN, MOSCOW_TIMES])
@pytest.mark.parametrize("value", [43_000, 370_000])
def test_zelenskyy_claims_the_killed_and_wounded(
    seeds: dict[str, ExtractedArticle], seed: str, value: float
) -> None:
    assert "Zelensk" in (claimant_of(seeds[seed], value) or "")


@pytest.mark.parametrize("seed", [GUARDIAN, MOSCOW_TIMES])
def test_trump_calls_for_a_ceasefire(seeds: dict[str, ExtractedArticle], seed: str) -> None:
    calls = [d for d in seeds[seed].demands if "Trump" in d.party and d.kind == "call"]
    assert any("ceasefire" in d.demand for d in calls), seeds[seed].demands


def test_putin_demands_crimea_and_no_nato(seeds: dict[str, ExtractedArticle]) -> None:
    demands = demands_by(seeds[GUARDIAN], "Putin")
    assert any("Crimea" in d for d in demands), demands
    assert any("Nato" in d or "NATO" in d for d in demands), demands


def test_peskov_is_a_spokesman(seeds: dict[str, ExtractedArticle]) -> None:
    (peskov,) = actors_named(seeds[MOSCOW_TIMES], "Peskov")
    assert "spokes" in (peskov.role or "")


def test_zelensky_spellings_are_one_actor(seeds: dict[str, ExtractedArticle]) -> None:
    (zelensky,) = actors_named(seeds[MOSCOW_TIMES], "Zelensk")
    assert zelensky.name == "Volodymyr Zelenskyy"
    assert {"Zelensky", "Volodymyr Zelensky"} <= set(zelensky.aliases)


def test_no_role_holds_a_line_break(seeds: dict[str, ExtractedArticle]) -> None:
    roles = [a.role for seed in seeds.values() for a in seed.actors if a.role]
    assert not [r for r in roles if "\n" in r]
