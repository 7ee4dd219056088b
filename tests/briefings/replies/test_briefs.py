"""Tests for briefings.replies.briefs: /who, actor cards and /sources as replies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from entry_builders import make_actor_entry, make_demand_entry, make_figure_entry, make_source_entry

from briefings.entries import (
    ActorEntry,
    Count,
    DemandEntry,
    FigureEntry,
    RoleEntry,
    Slice,
)
from briefings.i18n import use_language
from briefings.replies.briefs import (
    ActorPage,
    build_actor_card,
    build_source,
    build_sources,
    build_who,
)
from briefings.replies.help_briefs import COMMAND_HELP, build_help

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


# -- /who -------------------------------------------------------------------------------


def test_build_who_says_how_many_are_shown_of_all() -> None:
    actors = Slice(
        (
            make_actor_entry(
                "Donald Trump", role="US president", articles=(1, 2, 3, 4), n_articles=9
            ),
            make_actor_entry("Keir Starmer", id_=2, articles=(2,)),
        ),
        1234,
    )

    text = build_who(actors).plain

    assert "Who is who — the 2 most cited of 1,234" in text
    assert "• Donald Trump — US president [1][2][3][4]+5" in text
    assert "• Keir Starmer [2]" in text
    assert text.index("Donald Trump") < text.index("Keir Starmer")


def test_build_who_with_every_actor_shown() -> None:
    text = build_who(Slice((make_actor_entry("Donald Trump"),), 1)).plain
    assert "1 actor, most cited first" in text
    assert "most cited of" not in text


def test_build_who_with_no_actors() -> None:
    assert build_who(Slice((), 0)).plain == "No actors yet: load an article first."


def make_actors(count: int, total: int) -> Slice[ActorEntry]:
    """`count` made-up actors of `total`."""
    return Slice(tuple(make_actor_entry(f"Person {n}", id_=n) for n in range(count)), total)


def test_build_who_names_the_command_for_the_next_page() -> None:
    reply = build_who(make_actors(2, 9), ActorPage(size=2))
    assert "Who is who — the 2 most cited of 9 actors" in reply.plain
    assert "…and 7 more actors. Send /who 2 for the next." in reply.plain
    assert reply.actions == ("/who 2",)


def test_build_who_on_a_later_page_shows_its_range() -> None:
    reply = build_who(make_actors(2, 5), ActorPage(2, size=2))
    assert "Who is who — 3–4 of 5 actors, most cited first" in reply.plain
    assert "…and 1 more actor. Send /who 3 for the next." in reply.plain
    last = build_who(make_actors(1, 5), ActorPage(3, size=2))
    assert "Who is who — 5–5 of 5 actors" in last.plain and "more actor" not in last.plain


def test_build_who_past_the_last_page_names_the_last() -> None:
    assert build_who(make_actors(0, 5), ActorPage(7, size=2)).plain == (
        "Only 5 actors in the articles: send /who 3 for the last of them."
    )
    assert build_who(make_actors(0, 1), ActorPage(2, size=2)).plain == (
        "Only 1 actor in the articles, all on /who."
    )
    assert build_who(make_actors(0, 1), ActorPage(2, size=2, places=True)).plain == (
        "Only 1 place in the articles, all on /who places."
    )


def test_build_who_counts_the_places_only_named() -> None:
    reply = build_who(make_actors(2, 2), ActorPage(), named_places=Count(3))
    assert (
        "Not listed: 3 places the articles only name, with no role, figure, position or quote. "
        "Send /who places."
    ) in reply.plain
    assert reply.actions == ("/who places",)
    one = build_who(make_actors(2, 2), ActorPage(), named_places=Count(1)).plain
    assert "Not listed: 1 place the articles only name" in one
    assert "Not listed" not in build_who(make_actors(2, 2)).plain


def test_build_who_lists_the_places_only_named() -> None:
    places = Slice((make_actor_entry("Verkhnia Lozova", articles=(2, 5)),), 1)
    reply = build_who(places, ActorPage(places=True))
    assert reply.plain.startswith("Places the articles only name — 1 place, most cited first")
    assert "• Verkhnia Lozova [2][5]" in reply.plain
    assert "Not listed" not in reply.plain
    assert build_who(Slice((), 0), ActorPage(places=True)).plain.startswith(
        "No place is only named"
    )
    more = build_who(make_actors(2, 3), ActorPage(size=2, places=True))
    assert "…and 1 more place. Send /who places 2 for the next." in more.plain


def test_build_who_with_only_places_named_is_no_empty_store() -> None:
    assert build_who(Slice((), 0), named_places=Count(2)).plain == (
        "No actors yet, only 2 places the articles name. Send /who places."
    )


# -- actor cards ------------------------------------------------------------------------


def test_actor_card_shows_role_aliases_claims_and_positions() -> None:
    actor = make_actor_entry(
        "Volodymyr Zelenskyy",
        role="President of Ukraine",
        aliases=("Zelensky", "Zelenskiy"),
        articles=(1, 3),
    )
    claims = Slice(
        (
            make_figure_entry(43_000, 1, claimant="Volodymyr Zelenskyy"),
            make_figure_entry(43_000, 3, claimant="Volodymyr Zelenskyy"),
        ),
        2,
    )
    positions = Slice((make_demand_entry("Volodymyr Zelenskyy", "security guarantees", 3),), 1)

    text = build_actor_card(actor, claims, positions).plain

    assert text.splitlines()[:4] == [
        "Volodymyr Zelenskyy",
        "Role: President of Ukraine",
        "Also named: Zelensky, Zelenskiy",
        "Sources: [1][3]",
    ]
    assert "Claims\n• 43,000 — soldiers killed, Ukraine [1][3]" in text
    assert "Positions\n• demand: security guarantees [3]" in text
    assert "more" not in text


def test_actor_card_says_how_many_more_facts_there_are() -> None:
    actor = make_actor_entry("Vladimir Putin")
    claims = Slice((make_figure_entry(600_000, 1),), 12)
    positions = Slice((make_demand_entry("Vladimir Putin", "neutrality", 1),), 1_503)

    text = build_actor_card(actor, claims, positions).plain

    assert "…and 11 more figures. See /figures or /demands Vladimir Putin." in text
    assert "…and 1,502 more positions. See /figures or /demands Vladimir Putin." in text


def test_actor_card_without_role_aliases_or_facts() -> None:
    text = build_actor_card(make_actor_entry("Keir Starmer"), NO_FIGURES, NO_DEMANDS).plain
    assert text.splitlines() == ["Keir Starmer", "Role: not stated in the articles", "Sources: [1]"]


# -- /sources ----------------------------------------------------------------------------


def test_build_sources_shows_the_newest_of_all() -> None:
    sources = Slice(
        (make_source_entry(9), make_source_entry(8, outlet=None, published=None)), 2_000
    )

    text = build_sources(sources).plain

    assert "Sources — the newest 2 of 2,000" in text
    assert "[9] Article 9 — Example News, 2025-03-09 (2 actors, 3 figures, 1 demand)" in text
    assert "[8] Article 8 (2 actors, 3 figures, 1 demand)" in text
    assert "Send /sources N for article [N]." in text


def test_counts_agree_with_their_numbers() -> None:
    one = make_source_entry(3, n_actors=1, n_figures=0, n_demands=2)
    assert "(1 actor, 0 figures, 2 demands)" in build_source(one, 3).plain
    two = Slice((make_source_entry(1), make_source_entry(2)), 2)
    assert "Sources — 2 articles" in build_sources(two).plain


def test_build_sources_with_all_shown_and_with_none() -> None:
    text = build_sources(Slice((make_source_entry(1),), 1)).plain
    assert "Sources — 1 article\n" in text and "/sources N" not in text
    assert build_sources(Slice((), 0)).plain == "No articles loaded yet."


def test_build_source_gives_one_article_or_says_there_is_none() -> None:
    assert build_source(make_source_entry(3), 3).plain.startswith("[3] Article 3")
    assert build_source(None, 7).plain == "There is no article [7]. /sources lists them."


def test_a_count_the_store_stopped_reads_over() -> None:
    sources = Slice((make_source_entry(9),), 1_000, capped=True)
    assert "Sources — the newest 1 of over 1,000" in build_sources(sources).plain
    actors = Slice(make_actors(2, 0).rows, 1_000, capped=True)
    text = build_who(actors, ActorPage(size=2), named_places=Count(1_000, over=True)).plain
    assert "the 2 most cited of over 1,000 actors" in text
    assert "…and over 998 more actors. Send /who 2 for the next." in text
    assert "Not listed: over 1,000 places the articles only name" in text


# -- in Ukrainian ------------------------------------------------------------------------

# Babel groups Ukrainian thousands with a no-break space.
NBSP = "\u00a0"


def test_who_in_ukrainian_counts_in_the_right_plural_forms() -> None:
    with use_language("uk"):
        text = build_who(make_actors(2, 1234), ActorPage(size=2), named_places=Count(3)).plain
        last = build_who(make_actors(2, 5), ActorPage(2, size=2)).plain
        one = build_who(make_actors(0, 1), ActorPage(2, size=2)).plain

    assert text.startswith(f"Хто є хто — 2 найцитованіших (усього 1{NBSP}234 дійові особи)")
    assert f"…і ще 1{NBSP}232 дійові особи. Надішліть /who 2, щоб побачити наступні." in text
    assert "статті лише згадують ще 3 місця" in text and "Надішліть /who places." in text
    assert "Хто є хто — 3–4 (усього 5 дійових осіб)" in last
    assert "…і ще 1 дійова особа. Надішліть /who 3" in last
    assert one == "У статтях лише 1 дійова особа — див. /who."
    assert "Who is who — the 2 most cited of 1,234" in build_who(make_actors(2, 1234)).plain


def test_actor_card_in_ukrainian_translates_the_interface_not_the_facts() -> None:
    actor = make_actor_entry("Volodymyr Zelenskyy", role="President of Ukraine")
    roled = replace(actor, roles=(RoleEntry("President", (date(2024, 12, 8),), 3, (1,), 1, 1),))
    claims = Slice((make_figure_entry(43_000, 1),), 12)
    positions = Slice((make_demand_entry("Kyiv", "security guarantees", 3),), 1_000, capped=True)

    with use_language("uk"):
        card = build_actor_card(roled, claims, positions).plain
        bare = build_actor_card(make_actor_entry("Keir Starmer"), NO_FIGURES, NO_DEMANDS).plain

    assert "Роль: President — 8 груд. 2024, ще 2 раніші дати [1]" in card
    assert "…і ще 11 цифр. Див. /figures або /demands Volodymyr Zelenskyy." in card
    assert "Позиції\n• вимога: security guarantees [3]" in card
    assert "…і ще понад 999 позицій." in card
    assert bare.splitlines()[1:] == ["Роль: у статтях не вказано", "Джерела: [1]"]
    english = build_actor_card(roled, claims, positions).plain
    assert "Role: President — 8 Dec 2024, 2 earlier [1]" in english


def test_sources_in_ukrainian() -> None:
    one = make_source_entry(3, n_actors=1, n_figures=22, n_demands=5)
    sources = Slice((make_source_entry(9),), 2_000)

    with use_language("uk"):
        line_ = build_source(one, 3).plain
        listed = build_sources(sources).plain
        missing = build_source(None, 7).plain

    assert line_.endswith("(1 дійова особа, 22 цифри, 5 вимог)")
    assert listed.startswith(f"Джерела — 1 найновіша з 2{NBSP}000")
    assert missing == "Статті [7] немає. /sources показує всі статті."


def test_help_in_ukrainian_keeps_the_commands_as_typed() -> None:
    english = build_help().lines
    with use_language("uk"):
        ukrainian = build_help().lines

    assert len(ukrainian) == len(english)
    assert ukrainian[3].plain.startswith("Грудень 2024 року")
    commands = [
        (e.plain, u.plain) for e, u in zip(english, ukrainian, strict=True) if " — " in e.plain
    ]
    assert len(commands) == len(COMMAND_HELP)
    for shown_english, shown_ukrainian in commands:
        command = shown_english.split()[0]
        assert shown_ukrainian.split()[0] == command
        assert shown_ukrainian.split(" — ", 1)[1] != shown_english.split(" — ", 1)[1]
    assert (
        "/who [ім’я] — дійові особи та їхні ролі або картка однієї з них" in dict(commands).values()
    )
