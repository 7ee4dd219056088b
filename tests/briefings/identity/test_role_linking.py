"""Tests of briefings.identity.role_linking (and the rules object): speakers linked by name or role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from identity_builders import make_actor, make_article, make_stored

from briefings.identity.role_linking import (
    article_mentions,
    possible_holders,
    role_holder,
    stated_role,
)
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import Actor, ExtractedArticle
from briefings.records import ArticleMention, DatedRole, StoredActor

DEC_1, DEC_10, DEC_15, DEC_20 = (date(2024, 12, day) for day in (1, 10, 15, 20))
FEB_1, FEB_10 = date(2025, 2, 1), date(2025, 2, 10)


def claims_by(
    who: str, day: date | None, actors: Sequence[Actor] = (), text: str = ""
) -> ExtractedArticle:
    """An article in which someone, named only by a phrase, claims, demands and says something."""
    return make_article(
        text,
        actors=actors,
        claimants=[who],
        parties=[who],
        speakers=[who],
        published=day,
    )


def linked(
    stored: Sequence[StoredActor], roles: Sequence[DatedRole], article: ExtractedArticle
) -> dict[str, int | None]:
    """The id (None for a new actor) of the actor each linked speaker names."""
    merge = IDENTITY_RULES.merge(stored, article)
    links = IDENTITY_RULES.link(article, merge, roles)
    return {text: merge.known[index].id for text, index in links.actors.items()}


PESKOV = make_stored(7, "Dmitry Peskov")


def test_a_role_phrase_links_to_the_actor_another_article_names() -> None:
    roles = [DatedRole(7, "Kremlin spokesman", DEC_10, 1)]
    article = claims_by("Kremlin spokesman", DEC_20)
    assert IDENTITY_RULES.merge([PESKOV], article).role_phrases == {"Kremlin spokesman"}
    assert linked([PESKOV], roles, article) == {"Kremlin spokesman": 7}


def test_a_name_links_without_reading_roles() -> None:
    article = claims_by("Peskov", DEC_20, [make_actor("Dmitry Peskov")])
    merge = IDENTITY_RULES.merge([PESKOV], article)
    assert merge.role_phrases == frozenset()
    assert linked([PESKOV], [], article) == {"Peskov": 7}


def test_an_ambiguous_role_phrase_links_to_no_one() -> None:
    stored = [make_stored(1, "Volodymyr Zelenskyy"), make_stored(2, "Denys Shmyhal")]
    roles = [
        DatedRole(1, "Ukrainian President", DEC_10, 1),
        DatedRole(2, "Ukrainian prime minister", DEC_10, 2),
    ]
    assert linked(stored, roles, claims_by("Ukrainian leader", DEC_20)) == {}
    assert linked(stored, roles, claims_by("Ukrainian president", DEC_20)) == {
        "Ukrainian president": 1
    }


def test_a_role_links_to_whoever_held_it_by_the_articles_date() -> None:
    stored = [make_stored(1, "Joe Biden"), make_stored(2, "Donald Trump")]
    roles = [DatedRole(1, "US President", DEC_1, 1), DatedRole(2, "US President", FEB_1, 2)]
    assert linked(stored, roles, claims_by("US president", DEC_15)) == {"US president": 1}
    assert linked(stored, roles, claims_by("US president", FEB_10)) == {}
    former = [*roles, DatedRole(1, "Former US President", FEB_1, 3)]
    assert linked(stored, former, claims_by("US president", FEB_10)) == {"US president": 2}


def test_the_role_an_article_gives_its_actor_wins_over_older_ones() -> None:
    stored = [make_stored(1, "Joe Biden")]
    roles = [DatedRole(1, "US President", DEC_1, 1)]
    biden = make_actor("Joe Biden", role="Former US President")
    article = claims_by("US president", FEB_1, [biden], "Former US President Joe Biden spoke.")
    assert linked(stored, roles, article) == {}


def test_a_bare_title_links_only_to_an_actor_of_its_article() -> None:
    roles = [DatedRole(7, "Kremlin spokesman", None, 1)]
    assert linked([PESKOV], roles, claims_by("spokesman", None)) == {}

    peskov = make_actor("Dmitry Peskov", role="Kremlin spokesman")
    article = claims_by("spokesman", None, [peskov], "Kremlin spokesman Dmitry Peskov spoke.")
    assert linked([PESKOV], roles, article) == {"spokesman": 7}


def test_a_new_actor_of_the_article_can_hold_the_role() -> None:
    peskov = make_actor("Dmitry Peskov", role="Kremlin spokesman")
    article = claims_by("spokesman", None, [peskov], "Kremlin spokesman Dmitry Peskov spoke.")
    assert linked([], [], article) == {"spokesman": None}


def test_a_role_only_the_data_gives_is_not_stated() -> None:
    # "President of Ukraine" is the data's role for Zelenskyy (briefings/data/actors.jsonl).
    assert stated_role("President of Ukraine", "Zelenskyy spoke.") is None
    assert stated_role("President of Ukraine", "The President of Ukraine spoke.") is not None
    assert stated_role("envoy", "He left.") == "envoy"
    assert stated_role(None, "He left.") is None


def test_a_mention_takes_a_later_appearance_role_when_the_first_states_none() -> None:
    actors = [make_actor("Witkoff"), make_actor("Trump"), make_actor("Steve Witkoff", role="envoy")]
    mentions = article_mentions((0, 1, 0), actors, "Witkoff, the envoy, met Trump.")
    assert mentions == (ArticleMention(0, 0, "envoy"), ArticleMention(1, 1, None))


def test_role_holder_names_the_newest_holder_of_the_first_role_phrase() -> None:
    stored = [make_stored(1, "Joe Biden"), make_stored(2, "Donald Trump")]
    roles = [DatedRole(1, "US President", DEC_1, 1), DatedRole(2, "US President", FEB_1, 2)]
    assert role_holder(["peace", "Kremlin spokesman"], roles, stored) is None
    roles = [*roles, DatedRole(1, "Former US President", FEB_1, 3)]
    assert role_holder(["peace", "US president"], roles, stored) == 2


def test_the_possible_holders_are_those_whose_newest_role_a_phrase_may_name() -> None:
    roles = [
        DatedRole(1, "US President", DEC_1, 1),
        DatedRole(2, "US President", FEB_1, 2),
        DatedRole(1, "Former US President", FEB_1, 3),
        DatedRole(3, "Kremlin spokesman", FEB_1, 4),
        DatedRole(4, "President of Ukraine", FEB_1, 5),
        DatedRole(5, "spokesman for the headquarters", FEB_1, 6),
    ]
    # Whatever the country the actor has (Zelensky's is known only from its names); only
    # roles the phrase names exactly, as a holder is picked among all actors.
    assert possible_holders(["the US president"], roles) == {2}
    assert possible_holders(["the president"], roles) == {2, 4}
    assert possible_holders(["peace", "the Kremlin spokesman"], roles) == {3}
    names = ["Biden", "Trump", "Peskov", "Zelensky", "Lubinets"]
    stored = [make_stored(n, name) for n, name in enumerate(names, 1)]
    for phrase in ("US president", "Kremlin spokesman"):
        picked = [actor for actor in stored if actor.id in possible_holders([phrase], roles)]
        holder = role_holder([phrase], roles, picked)
        assert holder is not None
        assert holder == role_holder([phrase], roles, stored)
