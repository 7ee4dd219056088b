"""Deep-link payloads: a shared card or figure group as the `start` parameter of a t.me link.

Telegram passes `https://t.me/<bot>?start=<payload>` to the bot as "/start <payload>"; the
payload is at most 64 characters of A-Z, a-z, 0-9, _ and -. Two kinds, each in one form only
(so a payload made here is parsed back to what made it, and nothing else is):

- `a<id>`: an actor's card, its id in ASCII digits without leading zeros, 1 to 2,147,483,647
  (the store's 32-bit keys): `a12`.
- `f<measure>` or `f<measure>-<side>`: the figures of a measure (a family, as /figures groups
  them) on no side or on one side: `fmilitary_losses-ukraine`. Measure ids are lower-case
  letters and `_` (data/measures.json), and a side is written as its lower-case slug with `_`
  for spaces (`united_states`), so `-` never occurs in either and separates them.

A payload comes from anyone who can type a link: it is read here only, bounded before any
pattern is applied, and only measures and sides the data knows are accepted. Anything else
is no payload (None), and the front end says so in one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from briefings.vocabulary.lexicon import load_lexicon
from briefings.vocabulary.measures import measure_family

# Telegram's limit on a start parameter, and the characters it allows.
PAYLOAD_CHARS = 64
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ACTOR = re.compile(r"a([1-9][0-9]{0,9})")
_GROUP = re.compile(r"f([a-z][a-z0-9_]*)(?:-([a-z0-9_]+))?")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# The store's keys are 32-bit integers (as bot.core.arguments.LAST_KEY).
LAST_ID = 2**31 - 1
ACTOR_KIND = "a"
GROUP_KIND = "f"
SEPARATOR = "-"


@dataclass(frozen=True)
class ActorLink:
    """A link to an actor's card, by the actor's id."""

    actor_id: int


@dataclass(frozen=True)
class GroupLink:
    """A link to a figure group: a measure family, and the side measured (None: no side)."""

    measure: str
    side: str | None = None


Shared = ActorLink | GroupLink


def payload_of(subject: Shared) -> str | None:
    """The payload that opens a card or group; None for one no payload can name (an id out
    of range, a measure or side the data does not know)."""
    if isinstance(subject, ActorLink):
        if not 1 <= subject.actor_id <= LAST_ID:
            return None
        return f"{ACTOR_KIND}{subject.actor_id}"
    if subject.measure not in group_measures():
        return None
    if subject.side is None:
        return f"{GROUP_KIND}{subject.measure}"
    slug = side_slug(subject.side)
    if sides_by_slug().get(slug) != subject.side:
        return None
    payload = f"{GROUP_KIND}{subject.measure}{SEPARATOR}{slug}"
    return payload if len(payload) <= PAYLOAD_CHARS else None


def parse_payload(text: str) -> Shared | None:
    """What a payload opens; None for anything that is not a payload made by payload_of."""
    if len(text) > PAYLOAD_CHARS or not _PAYLOAD.fullmatch(text):
        return None
    actor = _ACTOR.fullmatch(text)
    if actor is not None:
        actor_id = int(actor.group(1))
        return ActorLink(actor_id) if actor_id <= LAST_ID else None
    group = _GROUP.fullmatch(text)
    if group is None or group.group(1) not in group_measures():
        return None
    slug = group.group(2)
    if slug is None:
        return GroupLink(group.group(1))
    side = sides_by_slug().get(slug)
    return GroupLink(group.group(1), side) if side is not None else None


def side_slug(side: str) -> str:
    """A side as a payload writes it: lower-case, runs of other characters as one `_`."""
    return _NOT_SLUG.sub("_", side.casefold()).strip("_")


@cache
def group_measures() -> frozenset[str]:
    """The measures /figures groups by (each measure's family) that the data knows."""
    ids = (measure.id for measure in load_lexicon().measures.measures)
    return frozenset(measure_family(measure_id) for measure_id in ids)


@cache
def group_members(family: str) -> frozenset[str]:
    """The measures listed under a family: itself and its parts (killed, wounded, missing)."""
    ids = (measure.id for measure in load_lexicon().measures.measures)
    return frozenset(m for m in ids if measure_family(m) == family)


@cache
def sides_by_slug() -> dict[str, str]:
    """Every side a figure can measure (data/measures.json), by its slug."""
    taxonomy = load_lexicon().measures
    sides = {*taxonomy.folded_sides.values(), *taxonomy.exact_sides.values()}
    return {side_slug(side): side for side in sorted(sides)}


def deep_link(bot_username: str, payload: str) -> str:
    """The link that opens a payload in the bot: https://t.me/<bot>?start=<payload>."""
    return f"https://t.me/{bot_username}?start={payload}"


def share_url(bot_username: str, payload: str, title: str) -> str:
    """Telegram's share page for a payload's deep link, with a title as the message text."""
    link = quote(deep_link(bot_username, payload), safe="")
    return f"https://t.me/share/url?url={link}&text={quote(title, safe='')}"
