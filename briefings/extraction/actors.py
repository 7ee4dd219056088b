"""Group name mentions into actors and read each actor's role as the article states it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from spacy.tokens import Doc

from briefings.extraction.extensions import published_of
from briefings.extraction.mentions import Mention
from briefings.extraction.roles import relative_role, roles_of
from briefings.identity.names import fold, names_match
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import KnownActor, Lexicon, data_text

_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "case", "punct"}
_MAX_ROLES = 3


@dataclass
class ActorGroup:
    """The mentions of one actor in one article, and the roles found for it."""

    kind: ActorKind
    mentions: list[Mention]
    roles: list[str] = field(default_factory=list)
    acts: bool = False
    day: date | None = None  # the article's date, which picks a known actor's role

    @property
    def names(self) -> list[str]:
        """Distinct surface names, longest first."""
        seen: dict[str, None] = {}
        for m in sorted(
            self.mentions, key=lambda m: (-len(m.text.split()), m.text.isupper(), m.start)
        ):
            seen.setdefault(m.text, None)
        return list(seen)

    @property
    def name(self) -> str:
        """The canonical name: the known actor's, else the longest form used."""
        known = next((m.known for m in self.mentions if m.known is not None), None)
        return known.name if known is not None else self.names[0]

    @property
    def role(self) -> str | None:
        """Roles as stated, joined; the known actor's role on the article's date when it states
        none, or only past ones ("the former intelligence chief")."""
        current = [r for r in self.roles if not _is_past(r)]
        known = next((m.known for m in self.mentions if m.known is not None), None)
        dated = known.role_on(self.day) if known is not None and known.roles else None
        if current or (self.roles and dated is None):
            return "; ".join((current or self.roles)[:_MAX_ROLES])
        return known.role_on(self.day) if known is not None else None


def _is_past(role: str) -> bool:
    """True for a role its holder no longer has: "former envoy", "once defence minister"."""
    first = re.split(r"[\s-]", role.lower(), maxsplit=1)[0]
    return first in _past_markers()


@cache
def _past_markers() -> frozenset[str]:
    return frozenset(json.loads(data_text("role_phrases.json"))["past"])


def _add_role(roles: list[str], role: str) -> None:
    low = role.lower()
    if any(low in r.lower() for r in roles):
        return
    roles[:] = [r for r in roles if r.lower() not in low]
    roles.append(role)


@dataclass
class _Names:
    """A group's distinct names and known actors, kept as mentions join it."""

    texts: dict[str, None] = field(default_factory=dict)
    known: list[KnownActor] = field(default_factory=list)

    def add(self, m: Mention) -> None:
        self.texts.setdefault(m.text, None)
        if m.known is not None and m.known not in self.known:
            self.known.append(m.known)


def _same_name(m: Mention, names: _Names) -> bool:
    if m.kind == ActorKind.PERSON:
        return any(names_match(m.text, n) for n in names.texts)
    return any(fold(m.text) == fold(n) for n in names.texts) or (
        m.known is not None and m.known in names.known
    )


def group_actors(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[ActorGroup]:
    """One group per actor: mentions whose names match, in order of first mention."""
    groups: list[tuple[ActorGroup, _Names]] = []
    for m in mentions:
        if not m.is_actor_kind and m.kind != ActorKind.COUNTRY:
            continue
        # Each group's names are kept, not sorted again from its mentions at every mention:
        # that grew with the square of a long article's length.
        found = next(((g, n) for g, n in groups if g.kind == m.kind and _same_name(m, n)), None)
        if found is None:
            found = (
                ActorGroup(m.kind or ActorKind.ORGANISATION, [], day=published_of(doc)),
                _Names(),
            )
            groups.append(found)
        group, names = found
        group.mentions.append(m)
        names.add(m)
        if m.kind == ActorKind.PERSON:
            for role in roles_of(doc, m, lexicon):
                _add_role(group.roles, role)
    for g, _ in groups:
        if g.kind == ActorKind.PERSON and not g.roles:
            rel = relative_role(doc, g.mentions[0])
            if rel:
                g.roles.append(rel)
    return [g for g, _ in groups]
