"""Tests of storage.actors: snapshots read from the rows, and a merge's decisions written as told."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from extracted_builders import make_actor, make_draft, make_extracted, make_figure
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ExtractedArticle
from briefings.records import (
    ActorMerge,
    ArticleMention,
    DatedRole,
    MergedActor,
    NameKeys,
    SpeakerLinks,
    StoredActor,
)
from storage import dated_roles, export_store, save_extracted, stored_actors
from storage.tables import ActorMentionRow, ActorRow, FigureRow


async def save_one(
    session: AsyncSession, name: str, *aliases: str, published: date | None = None
) -> int:
    """Save an article naming one actor (merged by the real rules); its id."""
    draft = make_draft(f"{name} spoke.")
    actor = make_actor(draft, name, aliases=aliases)
    extracted = make_extracted(draft, source=name, published=published, actors=[actor])
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def test_stored_actors_are_read_with_their_aliases_in_order(session: AsyncSession) -> None:
    await save_one(session, "Donald Trump", "Trump", "The Donald")
    actor_id = (await session.scalars(select(ActorRow.id))).one()
    assert await stored_actors(session, [actor_id]) == [
        StoredActor(actor_id, "Donald Trump", "person", None, None, ("Trump", "The Donald"))
    ]
    assert await stored_actors(session, [actor_id + 1]) == []


async def test_dated_roles_are_those_of_the_newest_article_by_a_day(session: AsyncSession) -> None:
    days = [date(2024, 12, 1), None, date(2025, 2, 1)]
    places = ["Gaza", "Iran", "Syria"]
    for n, day in enumerate(days):
        draft = make_draft(f"Envoy Steve Witkoff spoke ({n}).")
        role = f"envoy to {places[n]}"
        actor = make_actor(draft, "Steve Witkoff", role=role, phrase="Steve Witkoff")
        extracted = make_extracted(draft, source=str(n), published=day, actors=[actor])
        await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    roles = await dated_roles(session, date(2025, 1, 1), titles={"envoy"})
    assert [(role.role, role.published) for role in roles] == [("envoy to Gaza", date(2024, 12, 1))]
    newest = await dated_roles(session, None, titles={"envoy"})
    assert [(role.role, role.published) for role in newest] == [
        ("envoy to Syria", date(2025, 2, 1))
    ]
    assert all(isinstance(role, DatedRole) for role in roles)
    early = await dated_roles(session, date(2024, 11, 1), titles={"envoy"})
    assert [role.role for role in early] == ["envoy to Iran"]


async def test_dated_roles_are_read_of_the_actors_holding_a_title_or_asked_for(
    session: AsyncSession,
) -> None:
    for n, (name, role) in enumerate([("Steve Witkoff", "envoy"), ("Marco Rubio", "minister")]):
        draft = make_draft(f"{name} spoke ({n}).")
        actor = make_actor(draft, name, role=role, phrase=name)
        extracted = make_extracted(draft, source=str(n), published=date(2025, 1, 1), actors=[actor])
        await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    envoys = await dated_roles(session, None, titles={"envoy", "spokesman"})
    assert [role.role for role in envoys] == ["envoy"]
    assert await dated_roles(session, None, titles={"spokesman"}) == []
    [rubio] = {role.key for role in await dated_roles(session, None, titles={"minister"})}
    both = await dated_roles(session, None, titles={"envoy"}, actor_ids=[rubio])
    assert sorted(role.role for role in both) == ["envoy", "minister"]


class TellingRules:
    """Rules that decide by a script, to show the store writes what it is told and nothing else."""

    def __init__(self) -> None:
        self.seen: list[Sequence[StoredActor]] = []
        self.roles_read: list[Sequence[DatedRole]] = []

    def merge(self, stored: Sequence[StoredActor], extracted: ExtractedArticle) -> ActorMerge:
        """Rename the first stored actor (respelling its first alias), add one new actor."""
        self.seen.append(stored)
        first = stored[0]
        renamed = MergedActor(
            first.id, "Renamed", first.kind, "told role", "told side", ("Alias", "Extra")
        )
        new = MergedActor(None, "Newcomer", "organisation", None, None, ("NC",))
        return ActorMerge(
            (renamed, *(_merged(actor) for actor in stored[1:]), new),
            (0, len(stored)),
            (ArticleMention(len(stored), 1, "told"), ArticleMention(0, 0, None)),
            frozenset({"whoever"}),
        )

    def link(
        self, extracted: ExtractedArticle, merge: ActorMerge, roles: Sequence[DatedRole]
    ) -> SpeakerLinks:
        """Link every claimant to the new actor."""
        self.roles_read.append(roles)
        return SpeakerLinks(
            {figure.claimed_by or "": len(merge.known) - 1 for figure in extracted.figures}
        )

    def name_keys(self, name: str) -> NameKeys:
        """The real keys: the store reads the candidates by them."""
        return IDENTITY_RULES.name_keys(name)

    def role_titles(self, role: str) -> frozenset[str]:
        """The real titles: the store keeps them."""
        return IDENTITY_RULES.role_titles(role)

    def fitting_titles(self, phrases: Collection[str]) -> frozenset[str]:
        """The real titles: the store reads the holders by them."""
        return IDENTITY_RULES.fitting_titles(phrases)


def _merged(actor: StoredActor) -> MergedActor:
    """A stored actor left as it was."""
    return MergedActor(actor.id, actor.name, actor.kind, actor.role, actor.side, actor.aliases)


async def test_the_store_writes_the_rows_and_links_the_rules_decide(session: AsyncSession) -> None:
    await save_one(session, "Donald Trump", "Trump", published=date(2024, 12, 1))
    draft = make_draft("Mr Smith spoke.", "Ms Jones said 5 drones fell.")
    extracted = make_extracted(
        draft,
        source="told",
        # "Trump" makes the stored Donald Trump a candidate the rules are shown.
        actors=[
            make_actor(draft, "Smith", phrase="Mr Smith", aliases=("Trump",)),
            make_actor(draft, "Jones"),
        ],
        figures=[make_figure(draft, "5 drones", value=5, claimed_by="whoever")],
    )
    rules = TellingRules()
    saved = await save_extracted(session, extracted=extracted, rules=rules)

    [[trump]] = rules.seen
    assert (trump.name, trump.aliases) == ("Donald Trump", ("Trump",))
    assert [role.role for role in rules.roles_read[0]] == []
    assert (saved.n_actors_new, saved.n_actors) == (1, 2)
    exported = await export_store(session)
    assert [(a["name"], a["aliases"], a["role"]) for a in exported["actors"]] == [
        ("Renamed", ["Alias", "Extra"], "told role"),
        ("Newcomer", ["NC"], None),
    ]
    newcomer = (await session.scalars(select(ActorRow).where(ActorRow.name == "Newcomer"))).one()
    figure = (await session.scalars(select(FigureRow))).one()
    assert figure.claimant_actor_id == newcomer.id
    mentions = await session.execute(
        select(ActorMentionRow.actor_id, ActorMentionRow.role, ActorMentionRow.start)
        .where(ActorMentionRow.article_id == saved.article_id)
        .order_by(ActorMentionRow.id)
    )
    jones, smith = draft.at("Jones").start, draft.at("Mr Smith").start
    assert mentions.tuples().all() == [(newcomer.id, "told", jones), (trump.id, None, smith)]
