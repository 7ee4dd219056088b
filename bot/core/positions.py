"""Positions as /demands, /ask and the digest show them: parties by side, the people quoted apart.

The store lists every party to demands; the domain (`briefings.vocabulary.standing`) decides
which are people quoted rather than parties, and which parties an overview shows; the store
then reads the newest positions of those.
"""

from __future__ import annotations

from briefings.entries import DemandEntry, PartyEntry, Slice
from briefings.vocabulary.sides import stored_side
from briefings.vocabulary.standing import PartyChoice, choose_parties, is_voice
from storage import Session, demand_parties, demands_of_side, newest_demands_of


async def overview(
    session: Session, *, parties: int, per_party: int
) -> tuple[list[DemandEntry], PartyChoice]:
    """The newest few positions of the parties with most, and which parties and people are left out."""
    choice = choose_parties(await demand_parties(session), parties)
    return await newest_demands_of(session, choice.shown, per_party=per_party), choice


async def side_positions(
    session: Session, side: str, *, limit: int
) -> tuple[Slice[DemandEntry], tuple[PartyEntry, ...]]:
    """The newest positions on a side ("Others" too) but the people quoted's, and those people."""
    voices = tuple(party for party in await demand_parties(session) if is_voice(party))
    stored = stored_side(side)
    found = await demands_of_side(session, side=stored, limit=limit, leaving_out=voices)
    return found, tuple(party for party in voices if party.side == stored)


async def voice_positions(
    session: Session, *, people: int, per_person: int
) -> tuple[list[DemandEntry], tuple[PartyEntry, ...], int]:
    """The newest positions of the people quoted with most, those people, and how many there are."""
    voices = [party for party in await demand_parties(session) if is_voice(party)]
    shown = tuple(voices[:people])
    return await newest_demands_of(session, shown, per_party=per_person), shown, len(voices)
