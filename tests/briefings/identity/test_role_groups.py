"""Tests of briefings.identity.role_groups: an actor's distinct roles from grouped rows."""

from __future__ import annotations

from datetime import date

from briefings.identity.role_groups import group_roles, key_groups
from briefings.records import RoleArticle, RoleDay, RoleTally

DEC_8, DEC_20, FEB_1 = date(2024, 12, 8), date(2024, 12, 20), date(2025, 2, 1)


def tallies_of(days: list[RoleDay]) -> dict[str, RoleTally]:
    """Each role as written's tally, summed as the store sums it."""
    tallies: dict[str, RoleTally] = {}
    for row in days:
        kept = tallies.get(row.role, RoleTally(0, 0, 0))
        tallies[row.role] = RoleTally(
            kept.n_days + (row.published is not None),
            kept.n_articles + row.n_articles,
            max(kept.last_article, row.last_article),
        )
    return tallies


def test_key_groups_join_roles_equal_ignoring_case_and_punctuation_without_non_roles() -> None:
    groups = key_groups(["U.S. President-elect", "US president-elect; official website"])
    assert [(g.key, g.written) for g in groups] == [
        ("us presidentelect", ("U.S. President-elect", "US president-elect; official website"))
    ]
    assert groups[0].parts[1] == ("US president-elect; official website", "US president-elect")


def test_roles_equal_ignoring_case_and_punctuation_are_one_newest_first_without_non_roles() -> None:
    days = [
        RoleDay("U.S. President-elect", DEC_8, 1, 1),
        RoleDay("US president-elect; Republican candidate", DEC_20, 1, 3),
        RoleDay("US President; official website", FEB_1, 1, 4),
        RoleDay("us president-elect", None, 1, 2),
    ]
    firsts = [RoleArticle(row.role, row.last_article) for row in days]
    tallies = tallies_of(days)
    groups = key_groups(tallies)
    roles = group_roles(groups, days, tallies, {"us presidentelect": 2}, firsts)
    assert [(r.role, r.days, r.n_days, r.articles, r.n_articles) for r in roles] == [
        ("US President", (FEB_1,), 1, (4,), 1),
        ("US president-elect", (DEC_20, DEC_8), 2, (1, 2, 3), 3),
        ("Republican candidate", (DEC_20,), 1, (3,), 1),
    ]


def test_a_role_counts_every_article_and_day_and_keeps_its_newest_days_and_first_articles() -> None:
    # The store reads only each role as written's newest days; the tallies count all of them.
    newest = [
        RoleDay("Mayor of Kharkiv", DEC_8, 30, 40),
        RoleDay("mayor of Kharkiv", DEC_20, 5, 52),
        RoleDay("Mayor of Kharkiv", None, 2, 60),
    ]
    tallies = {"Mayor of Kharkiv": RoleTally(9, 32, 60), "mayor of Kharkiv": RoleTally(4, 5, 52)}
    firsts = [RoleArticle("Mayor of Kharkiv", n) for n in (3, 5, 7, 9)]
    firsts += [RoleArticle("mayor of Kharkiv", n) for n in (4, 48, 49, 50)]
    [role] = group_roles(key_groups(tallies), newest, tallies, {"mayor of kharkiv": 12}, firsts)
    assert role.role == "mayor of Kharkiv"
    assert (role.days, role.n_days, role.n_articles, role.last_article) == (
        (DEC_20, DEC_8),
        12,
        37,
        60,
    )
    assert role.articles[:4] == (3, 4, 5, 7)


def test_a_role_written_one_way_counts_its_own_days() -> None:
    newest = [
        RoleDay("Foreign minister", day, 1, n) for n, day in enumerate((FEB_1, DEC_20, DEC_8))
    ]
    tallies = {"Foreign minister": RoleTally(7, 9, 9)}
    [role] = group_roles(key_groups(tallies), newest, tallies, {}, [])
    assert (role.days, role.n_days, role.n_articles) == ((FEB_1, DEC_20, DEC_8), 7, 9)
