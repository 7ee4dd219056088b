"""Tests of briefings.replies.figure_briefs: grouping by measure and side, contested groups, merging."""

from __future__ import annotations

from itertools import count

from briefings.entries import FigureEntry
from briefings.i18n import use_language
from briefings.replies.figure_briefs import (
    CONTESTED_MARK,
    build_figures,
    build_no_figures,
    group_figures,
    merge_figures,
)

_ids = count(1)
DISAGREE = "Sources disagree"


def make_entry(
    value: float,
    *,
    measure: str | None = "military_killed",
    side: str | None = "Ukraine",
    claimant: str | None = "Kyiv",
    article_id: int = 1,
    text: str | None = None,
    what: str | None = "soldiers",
) -> FigureEntry:
    """A stored figure as the store hands it back."""
    return FigureEntry(
        next(_ids),
        text or f"{value:,.0f}",
        value,
        None,
        what,
        measure,
        side,
        claimant,
        article_id,
    )


def test_killed_and_wounded_go_under_military_losses() -> None:
    killed = make_entry(43_000, measure="military_killed")
    wounded = make_entry(370_000, measure="military_wounded")
    losses = make_entry(400_000, measure="military_losses")

    [group] = group_figures([killed, wounded, losses])

    assert (group.family, group.side) == ("military_losses", "Ukraine")
    assert group.figures == (killed, wounded, losses)
    assert group.title == "Soldiers killed and wounded — Ukraine"


def test_sides_are_grouped_apart() -> None:
    ukraine = make_entry(43_000, side="Ukraine")
    russia = make_entry(600_000, side="Russia")
    nobody = make_entry(1_000, side=None)

    groups = group_figures([ukraine, russia, nobody])

    assert {(g.family, g.side): g.figures for g in groups} == {
        ("military_losses", "Ukraine"): (ukraine,),
        ("military_losses", "Russia"): (russia,),
        ("military_losses", None): (nobody,),
    }
    assert "Soldiers killed and wounded" in {g.title for g in groups}


def test_two_claimants_with_different_values_are_contested() -> None:
    [group] = group_figures(
        [make_entry(43_000, claimant="Kyiv"), make_entry(500_000, claimant="Kremlin")]
    )
    assert group.contested


def test_two_claimants_with_the_same_value_are_not_contested() -> None:
    [group] = group_figures(
        [
            make_entry(43_000, claimant="Kyiv", article_id=1),
            make_entry(43_000, claimant="Pentagon", article_id=2),
        ]
    )
    assert not group.contested


def test_one_claimant_with_two_values_is_not_contested() -> None:
    [group] = group_figures(
        [
            make_entry(43_000, claimant="Kyiv", article_id=1),
            make_entry(46_000, claimant="Kyiv", article_id=2),
        ]
    )
    assert not group.contested


def test_unattributed_figures_do_not_make_a_group_contested() -> None:
    [group] = group_figures([make_entry(43_000), make_entry(500_000, claimant=None)])
    assert not group.contested


def test_contested_groups_come_first_and_unmeasured_last() -> None:
    other = make_entry(12, measure=None, side="Russia", what="talks")
    large = [make_entry(1_000 + n, measure="bodies_returned", side=None) for n in range(3)]
    contested = [
        make_entry(43_000, side="Russia", claimant="Kyiv"),
        make_entry(10_000, side="Russia", claimant="Kremlin"),
    ]

    groups = group_figures([other, *large, *contested])

    assert [(g.family, g.side) for g in groups] == [
        ("military_losses", "Russia"),
        ("bodies_returned", None),
        (None, None),
    ]
    assert groups[-1].title == "Other figures"
    assert groups[-1].figures == (other,)


def test_build_figures_marks_only_contested_groups() -> None:
    figures = [
        make_entry(43_000, claimant="Kyiv", article_id=1),
        make_entry(500_000, claimant="Kremlin", article_id=2),
        make_entry(757, measure="bodies_returned", side=None, claimant="Kyiv", article_id=3),
    ]

    text = build_figures(figures, "Figures").plain

    assert text.count(CONTESTED_MARK) == 1
    assert text.count(DISAGREE) == 1
    assert f"{CONTESTED_MARK}Soldiers killed and wounded — Ukraine" in text
    assert f"{CONTESTED_MARK}Bodies" not in text
    assert "Bodies of the dead repatriated" in text
    assert "• Kyiv: 43,000 soldiers killed [1]" in text
    assert "• Kremlin: 500,000 soldiers killed [2]" in text


def test_build_figures_without_contest_has_no_mark() -> None:
    figures = [
        make_entry(43_000, claimant="Kyiv", article_id=1),
        make_entry(43_000, claimant="Pentagon", article_id=2),
    ]

    text = build_figures(figures, "Figures").plain

    assert CONTESTED_MARK not in text
    assert DISAGREE not in text
    assert text.splitlines()[0] == "Figures"


def test_build_figures_cites_every_article_of_one_value() -> None:
    figures = [
        make_entry(43_000, claimant="Kyiv", article_id=3),
        make_entry(43_000, claimant="Kyiv", article_id=1),
        make_entry(4_000, measure=None, side=None, claimant=None, what="drones", article_id=2),
    ]

    text = build_figures(figures, "Figures").plain

    assert "• Kyiv: 43,000 soldiers killed [1][3]" in text
    assert "Other figures" in text
    assert "• unattributed: 4,000 drones [2]" in text
    assert text.index("Other figures") > text.index("Soldiers killed")


def test_build_figures_with_nothing() -> None:
    assert build_figures([], "Figures").plain == "No figures yet: load an article first."
    assert "“drones”" in build_no_figures("drones").plain


def test_merge_figures_merges_one_claim_across_articles() -> None:
    first = make_entry(43_000, claimant="Kyiv", article_id=2)
    again = make_entry(43_000, claimant="Kyiv", article_id=5, text="43 000")
    other_claimant = make_entry(43_000, claimant="Pentagon", article_id=3)
    other_side = make_entry(43_000, claimant="Kyiv", side="Russia", article_id=4)
    third = make_entry(43_000, claimant="Kyiv", article_id=7)

    merged = merge_figures([first, again, other_claimant, other_side, third])

    assert merged == [
        (first, [2, 5, 7]),
        (other_claimant, [3]),
        (other_side, [4]),
    ]


def test_merge_figures_keeps_different_values_apart() -> None:
    low, high = make_entry(43_000), make_entry(46_000)
    assert merge_figures([low, high]) == [(low, [1]), (high, [1])]


def test_agreeing_claimants_are_not_contested_when_one_also_gives_another_measure() -> None:
    [group] = group_figures(
        [
            make_entry(43_000, measure="military_killed", claimant="Kyiv"),
            make_entry(370_000, measure="military_wounded", claimant="Kyiv"),
            make_entry(43_000, measure="military_killed", claimant="Pentagon"),
        ]
    )
    assert not group.contested


def test_claimants_of_different_measures_in_a_family_are_not_contested() -> None:
    [group] = group_figures(
        [
            make_entry(43_000, measure="military_killed", claimant="Kyiv"),
            make_entry(370_000, measure="military_wounded", claimant="Pentagon"),
        ]
    )
    assert not group.contested


def test_figures_are_headed_in_ukrainian_and_english_alike() -> None:
    figures = [
        make_entry(43_000, claimant="Kyiv"),
        make_entry(90_000, claimant="Kremlin", article_id=2),
        make_entry(7, measure=None, claimant=None, what="drones", article_id=3),
    ]
    with use_language("uk"):
        ukrainian = build_figures(figures, "Цифри").plain
    english = build_figures(figures, "Figures").plain

    assert (
        f"{CONTESTED_MARK}Загиблі й поранені військові — Україна\nДжерела розходяться:" in ukrainian
    )
    assert "Інші цифри\n• без джерела: 7 drones [3]" in ukrainian
    # After a number, the label is in the genitive.
    assert "• Kremlin: 90,000 загиблих військових [2]" in ukrainian
    assert f"{CONTESTED_MARK}Soldiers killed and wounded — Ukraine\n{DISAGREE}" in english
    assert "Other figures\n• unattributed: 7 drones [3]" in english
