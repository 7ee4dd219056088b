"""Tests of storage.export: the exact JSON shape an external scorer reads."""

from __future__ import annotations

import json
from datetime import date

from extracted_builders import make_actor, make_demand, make_draft, make_extracted, make_figure
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind, DemandKind, ExtractedArticle
from storage import export_store, save_extracted

SENTENCES = (
    "Volodymyr Zelensky met envoys in Rome on Saturday.",
    "Zelensky said 30 days of ceasefire were needed before talks.",
    "The Kremlin said Russia wanted Ukraine to withdraw from four regions.",
)
DEMAND = "withdraw from four regions"


def make_talks() -> tuple[str, ExtractedArticle]:
    """The text and extracted article of a small article with every kind of fact."""
    draft = make_draft(*SENTENCES)
    extracted = make_extracted(
        draft,
        byline="A. Writer",
        published=date(2025, 3, 1),
        actors=[
            make_actor(
                draft, "Volodymyr Zelensky", role="Ukrainian president", aliases=["Zelensky"]
            ),
            make_actor(draft, "Russia", kind=ActorKind.COUNTRY),
        ],
        figures=[
            make_figure(
                draft, "30 days", value=30, unit="days", what="ceasefire", claimed_by="Zelensky"
            )
        ],
        demands=[make_demand(draft, "The Kremlin", DEMAND, kind=DemandKind.CONDITION)],
    )
    return draft.text, extracted


async def test_export_has_the_agreed_shape(session: AsyncSession) -> None:
    text, extracted = make_talks()
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    exported = await export_store(session)
    zelensky, russia = exported["actors"]
    assert exported == {
        "articles": [
            {
                "id": saved.article_id,
                "title": "Ceasefire talks",
                "outlet": "Example News",
                "byline": "A. Writer",
                "published": "2025-03-01",
                "source": "talks.txt",
                "content_hash": extracted.source.content_hash,
                "facts": {"actors": 2, "figures": 1, "demands": 1},
            }
        ],
        "actors": [
            {
                "id": zelensky["id"],
                "name": "Volodymyr Zelensky",
                "aliases": ["Zelensky"],
                "role": "Ukrainian president",
                "kind": "person",
                "articles": [saved.article_id],
            },
            {
                "id": russia["id"],
                "name": "Russia",
                "aliases": [],
                "role": None,
                "kind": "country",
                "articles": [saved.article_id],
            },
        ],
        "figures": [
            {
                "value": 30.0,
                "text": "30 days",
                "unit": "days",
                "what": "ceasefire",
                "claimed_by": "Volodymyr Zelensky",
                "qualifier": None,
                "measure": None,
                "measured_side": None,
                "kind": "total",
                "period": None,
                "holder": None,
                "article": saved.article_id,
                "sentence": SENTENCES[1],
                "span": [text.index("30 days"), text.index("30 days") + len("30 days")],
            }
        ],
        "demands": [
            {
                "party": "The Kremlin",
                "demand": DEMAND,
                "kind": "condition",
                "article": saved.article_id,
                "sentence": SENTENCES[2],
                "span": [text.index(DEMAND), text.index(DEMAND) + len(DEMAND)],
            }
        ],
    }
    assert zelensky["id"] < russia["id"]


async def test_export_is_json_and_ordered_by_id(session: AsyncSession) -> None:
    for index in range(3):
        draft = make_draft(f"Envoy {index} said {index + 2} talks were held.")
        figure = make_figure(draft, f"{index + 2} talks", value=index + 2)
        await save_extracted(
            session, extracted=make_extracted(draft, figures=[figure]), rules=IDENTITY_RULES
        )
    exported = await export_store(session)
    assert json.loads(json.dumps(exported)) == exported
    ids = [article["id"] for article in exported["articles"]]
    assert ids == sorted(ids)
    assert [figure["value"] for figure in exported["figures"]] == [2.0, 3.0, 4.0]


async def test_empty_store_exports_empty_lists(session: AsyncSession) -> None:
    assert await export_store(session) == {
        "articles": [],
        "actors": [],
        "figures": [],
        "demands": [],
    }
