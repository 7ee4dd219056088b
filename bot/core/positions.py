"""Positions as /demands, /ask and the digest show them: parties by side, the people quoted apart.

The store lists the parties to demands with most positions (PARTY_WINDOW of them) and counts
the others per side; the domain (`briefings.vocabulary.standing`) decides which of those read
are people quoted rather than parties, and which parties an overview shows; the store then
reads the newest positions of those. People quoted with fewer positions than the window's
last party are counted with the parties of their side.
"""

from __future__ import annotations

from briefings.entries import DemandEntry, PartyEntry, Slice
from briefings.vocabulary.sides import stored_side
from briefings.vocabulary.standing import PartyChoice, choose_parties, is_voice
from storage import Session, demand_parties, demands_of_side, newest_demands_of

# The parties with most positions read one by one (and told apart as parties or voices); the
# others, with fewest positions, are only counted per side. Five times the twelve an overview
# shows: reading 200 took PostgreSQL a hash of every actor (3,200 at 10,000 articles).
PARTY_WINDOW = 60


async def overview(
    session: Session, *, parties: int, per_party: int
) -> tuple[list[DemandEntry], PartyChoice]:
    """The newest few positions of the parties with most, and which parties and people are left out."""
    read, tail = await demand_parties(session, window=PARTY_WINDOW)
    choice = choose_parties(read, parties, tail)
    return await newest_demands_of(session, choice.shown, per_party=per_party), choice


async def side_positions(
    session: Session, side: str, *, limit: int
) -> tuple[Slice[DemandEntry], tuple[PartyEntry, ...]]:
    """The newest positions on a side ("Others" too) but the people quoted's, and those people."""
    read, _ = await demand_parties(session, window=PARTY_WINDOW, count_the_rest=False)
    voices = tuple(party for party in read if is_voice(party))
    stored = stored_side(side)
    found = await demands_of_side(session, side=stored, limit=limit, leaving_out=voices)
    return found, tuple(party for party in voices if party.side == stored)


async def voice_positions(
    session: Session, *, people: int, per_person: int
) -> tuple[list[DemandEntry], tuple[PartyEntry, ...], int]:
    """The newest positions of the people quoted with most, those people, and how many of them
    are among the PARTY_WINDOW parties with most positions."""
    read, _ = await demand_parties(session, window=PARTY_WINDOW, count_the_rest=False)
    voices = [party for party in read if is_voice(party)]
    shown = tuple(voices[:people])
    return await newest_demands_of(session, shown, per_party=per_person), shown, len(voices)
