"""The identity rules a save applies, in one object the core hands the store.

The store reads its actors (and, only when the merge asks, their dated roles) and writes
what these rules decide; `storage.actors.ActorRules` is the shape it expects.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from briefings.identity.merging import merge_actors, with_holders
from briefings.identity.names import name_keys
from briefings.identity.role_linking import (
    article_mentions,
    link_speakers,
    unlinked_role_phrases,
)
from briefings.identity.role_phrases import fitting_titles, role_titles
from briefings.model import ExtractedArticle
from briefings.records import ActorMerge, DatedRole, NameKeys, SpeakerLinks, StoredActor


class IdentityRules:
    """Merge an article's actors into the stored ones, then link its speakers to them."""

    def merge(self, stored: Sequence[StoredActor], extracted: ExtractedArticle) -> ActorMerge:
        """Which known actor each actor is, its mentions' stated roles, and the role phrases to link."""
        merged = merge_actors(stored, extracted.actors)
        return replace(
            merged,
            mentions=article_mentions(merged.picks, extracted.actors, extracted.source.text),
            role_phrases=unlinked_role_phrases(extracted, merged.picks),
        )

    def link(
        self, extracted: ExtractedArticle, merge: ActorMerge, roles: Sequence[DatedRole]
    ) -> SpeakerLinks:
        """The known actor each claimant, party and speaker names."""
        return link_speakers(extracted, merge, roles)

    def with_holders(self, merge: ActorMerge, holders: Sequence[StoredActor]) -> ActorMerge:
        """The merge with more stored actors known after its own, as role holders for the links
        (the store reads them apart: they share no surname key with the article's actors)."""
        return with_holders(merge, holders)

    def role_titles(self, role: str) -> frozenset[str]:
        """The titles of the roles a stated role holds (the store keeps them per actor)."""
        return role_titles(role)

    def fitting_titles(self, phrases: Collection[str]) -> frozenset[str]:
        """The titles a role must have for one of some role phrases to name its holder."""
        return fitting_titles(phrases)

    def name_keys(self, name: str) -> NameKeys:
        """The keys a name is stored and found by (only names sharing a surname key can match)."""
        return name_keys(name)


IDENTITY_RULES = IdentityRules()
