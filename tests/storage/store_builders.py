"""Articles stored through the repository for the query tests: one save_* per shape of article."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from extracted_builders import make_actor, make_demand, make_draft, make_extracted, make_figure
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind
from storage import save_extracted


async def save_article(
    session: AsyncSession, *sentences: str, published: date | None = None
) -> int:
    """Store an article made of these sentences; its id."""
    extracted = make_extracted(make_draft(*sentences), published=published)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def save_plain(session: AsyncSession, sentence: str, *names: str) -> int:
    """An article of one sentence mentioning some people; its id."""
    draft = make_draft(sentence)
    actors = [make_actor(draft, name) for name in names]
    extracted = make_extracted(draft, title=sentence, actors=actors)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def save_figure(
    session: AsyncSession,
    tag: str,
    value: int,
    *,
    claimant: str | None = "Oleksandr Syrskyi",
    measure: str | None = "military_killed",
    side: str | None = "Ukraine",
    what: str = "soldiers",
) -> int:
    """An article whose one sentence states one figure (claimed by an actor in it); its id."""
    who = claimant or "Officials"
    draft = make_draft(f"{who} said {value} {what} were killed ({tag}).")
    actors = [make_actor(draft, claimant)] if claimant else []
    figure = make_figure(draft, str(value), value=value, what=what, claimed_by=claimant)
    measured = replace(figure, measure=measure, measured_side=side)
    extracted = make_extracted(draft, title=tag, actors=actors, figures=[measured])
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def save_demands(
    session: AsyncSession,
    tag: str,
    demands: list[tuple[str, str]],
    actors: tuple[str, ...] = (),
    *,
    roles: Mapping[str, str] | None = None,
    kinds: Mapping[str, ActorKind] | None = None,
    sides: Mapping[str, str] | None = None,
) -> int:
    """An article naming some actors (people unless `kinds` says otherwise, with `roles` and
    `sides`), then stating each party's demand in a sentence; its id."""
    sentences = [f"{' and '.join(actors)} spoke ({tag})."] if actors else []
    sentences += [f"{party} demanded {wording} ({tag})." for party, wording in demands]
    draft = make_draft(*sentences)
    made = [
        replace(
            make_actor(
                draft,
                name,
                kind=(kinds or {}).get(name, ActorKind.PERSON),
                role=(roles or {}).get(name),
            ),
            side=(sides or {}).get(name),
        )
        for name in actors
    ]
    found = [make_demand(draft, party, f"{wording} ({tag})") for party, wording in demands]
    extracted = make_extracted(draft, title=tag, actors=made, demands=found)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id
