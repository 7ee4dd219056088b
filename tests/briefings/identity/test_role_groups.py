"""Tests of briefings.identity.role_groups: an actor's distinct roles from grouped rows."""

from __future__ import annotations

from datetime import date

from briefings.identity.role_groups import group_roles
from briefings.records import RoleArticle, RoleDay

DEC_8, DEC_20, FEB_1 = date(2024, 12, 8), date(2024, 12, 20), date(2025, 2, 1)


def test_roles_equal_ignoring_case_and_punctuation_are_one_newest_first_without_non_roles() -> None:
    days = [
        RoleDay("U.S. President-elect", DEC_8, 1, 1),
        RoleDay("US president-elect; Republican candidate", DEC_20, 1, 3),
        RoleDay("US President; official website", FEB_1, 1, 4),
        RoleDay("us president-elect", None, 1, 2),
    ]
    firsts = [RoleArticle(row.role, row.last_article) for row in days]
    roles = group_roles(days, firsts)
    assert [(r.role, r.days, r.articles, r.n_articles) for r in roles] == [
        ("US President", (FEB_1,), (4,), 1),
        ("US president-elect", (DEC_20, DEC_8), (1, 2, 3), 3),
        ("Republican candidate", (DEC_20,), (3,), 1),
    ]


def test_a_role_counts_every_article_and_keeps_its_first_few() -> None:
    days = [
        RoleDay("Mayor of Kharkiv", DEC_8, 30, 40),
        RoleDay("mayor of Kharkiv", DEC_20, 5, 52),
        RoleDay("Mayor of Kharkiv", None, 2, 60),
    ]
    firsts = [RoleArticle("Mayor of Kharkiv", n) for n in (3, 5, 7, 9)]
    firsts += [RoleArticle("mayor of Kharkiv", n) for n in (4, 48, 49, 50)]
    [role] = group_roles(days, firsts)
    assert role.role == "mayor of Kharkiv"
    assert (role.days, role.n_articles, role.last_article) == ((DEC_20, DEC_8), 37, 60)
    assert role.articles[:4] == (3, 4, 5, 7)
