"""Tests of saving merged actors (storage.actors, storage.saving): rows, aliases, mentions and links written.

The merging rules themselves are tested on snapshots in tests/briefings/identity/test_merging.py.
"""

from __future__ import annotations

from typing import Any

from extracted_builders import (
    Draft,
    make_actor,
    make_demand,
    make_draft,
    make_extracted,
    make_figure,
)
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.identity.rules import IDENTITY_RULES
from briefings.model import Actor, ExtractedArticle
from storage import export_store, save_extracted
from storage.tables import ActorMentionRow


def one_actor_article(sentence: str, actor: Actor | None = None, **kwargs: Any) -> ExtractedArticle:
    """An article of one sentence that mentions one actor, named as given."""
    draft = make_draft(sentence)
    return make_extracted(draft, actors=[actor or make_actor(draft, **kwargs)])


async def actors(session: AsyncSession) -> list[dict[str, Any]]:
    """The exported actors."""
    return (await export_store(session))["actors"]


async def test_actor_named_twice_in_one_article_is_one_actor(session: AsyncSession) -> None:
    draft = make_draft("Donald Trump spoke on Monday.", "Trump said talks would resume.")
    extracted = make_extracted(
        draft, actors=[make_actor(draft, "Donald Trump"), make_actor(draft, "Trump")]
    )
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    assert (saved.n_actors_new, saved.n_actors) == (1, 1)
    [trump] = await actors(session)
    assert (trump["name"], trump["aliases"], trump["articles"]) == (
        "Donald Trump",
        ["Trump"],
        [saved.article_id],
    )
    mention = (await session.scalars(select(ActorMentionRow))).one()
    assert extracted.source.text[mention.start : mention.end] == "Donald Trump"


async def test_spellings_across_articles_merge_into_one_actor(session: AsyncSession) -> None:
    spellings = [
        ("Zelensky spoke in Kyiv.", "Zelensky", "Ukrainian president"),
        ("Zelenskyy spoke in Paris.", "Zelenskyy", None),
        (
            "President of Ukraine Volodymyr Zelenskyy spoke in Rome.",
            "Volodymyr Zelenskyy",
            "President of Ukraine",
        ),
    ]
    ids = []
    for sentence, name, role in spellings:
        saved = await save_extracted(
            session,
            extracted=one_actor_article(sentence, name=name, role=role),
            rules=IDENTITY_RULES,
        )
        ids.append(saved.article_id)
    [zelensky] = await actors(session)
    assert zelensky["name"] == "Volodymyr Zelenskyy"
    assert sorted(zelensky["aliases"]) == ["Zelensky", "Zelenskyy"]
    assert (zelensky["role"], zelensky["kind"], zelensky["articles"]) == (
        "Ukrainian president",
        "person",
        ids,
    )
    roles = await session.scalars(select(ActorMentionRow.role).order_by(ActorMentionRow.id))
    assert list(roles) == ["Ukrainian president", None, "President of Ukraine"]


async def test_a_role_only_the_data_gives_is_not_stored_as_stated(session: AsyncSession) -> None:
    # "President of Ukraine" is the data's role for Zelenskyy; this article does not state it.
    article = one_actor_article("Zelenskyy spoke.", name="Zelenskyy", role="President of Ukraine")
    await save_extracted(session, extracted=article, rules=IDENTITY_RULES)
    assert list(await session.scalars(select(ActorMentionRow.role))) == [None]


def trumps_draft() -> Draft:
    """Two people with one surname, and claims by each or either."""
    return make_draft(
        "Donald Trump and Melania Trump visited Kyiv.",
        "Trump said 20 prisoners were freed.",
        "Melania Trump said 300 children were returned.",
        "The Kremlin said 5 drones were downed.",
        "Trump demanded a ceasefire.",
    )


async def test_claimants_and_parties_link_only_when_one_actor_fits(session: AsyncSession) -> None:
    draft = trumps_draft()
    extracted = make_extracted(
        draft,
        actors=[make_actor(draft, "Donald Trump"), make_actor(draft, "Melania Trump")],
        figures=[
            make_figure(draft, "20 prisoners", value=20, claimed_by="Trump"),
            make_figure(draft, "300 children", value=300, claimed_by="melania trump"),
            make_figure(draft, "5 drones", value=5, claimed_by="The Kremlin"),
        ],
        demands=[make_demand(draft, "Trump", "a ceasefire")],
    )
    await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    exported = await export_store(session)
    claimants = [figure["claimed_by"] for figure in exported["figures"]]
    assert claimants == ["Trump", "Melania Trump", "The Kremlin"]
    assert [demand["party"] for demand in exported["demands"]] == ["Trump"]


async def test_linked_party_is_exported_under_the_current_canonical_name(
    session: AsyncSession,
) -> None:
    draft = make_draft("Zelenskyy asked for air defence.")
    asking = make_extracted(
        draft,
        actors=[make_actor(draft, "Zelenskyy")],
        demands=[make_demand(draft, "Zelenskyy", "air defence")],
    )
    await save_extracted(session, extracted=asking, rules=IDENTITY_RULES)
    later = one_actor_article("Volodymyr Zelensky left.", name="Volodymyr Zelensky")
    await save_extracted(session, extracted=later, rules=IDENTITY_RULES)
    [demand] = (await export_store(session))["demands"]
    assert demand["party"] == "Volodymyr Zelensky"


async def test_successive_renames_in_one_save_keep_aliases_unique(session: AsyncSession) -> None:
    first = make_draft("Trump spoke.")
    await save_extracted(
        session,
        extracted=make_extracted(
            first, actors=[make_actor(first, "Trump", aliases=["Donald Trump"])]
        ),
        rules=IDENTITY_RULES,
    )
    draft = make_draft("Donald Trump spoke.", "Donald John Trump was named in full.")
    names = ["Donald Trump", "Donald John Trump"]
    await save_extracted(
        session,
        extracted=make_extracted(draft, actors=[make_actor(draft, n) for n in names]),
        rules=IDENTITY_RULES,
    )
    [trump] = await actors(session)
    assert trump["name"] == "Donald John Trump"
    assert sorted(trump["aliases"]) == ["Donald Trump", "Trump"]
