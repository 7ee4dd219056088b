"""Tests of bot.core.deep_links: /start PAYLOAD through the command core on the seeded store."""

from __future__ import annotations

import time

import pytest

from bot.core.commands import answer, respond
from bot.core.runtime import Runtime
from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.share_briefs import BAD_LINK, GONE_LINK
from storage import delete_article


async def test_start_without_a_payload_is_the_help(seeded_runtime: Runtime) -> None:
    assert await answer(seeded_runtime, "/start") == await answer(seeded_runtime, "/help")


async def test_a_cards_share_payload_opens_exactly_that_card(seeded_runtime: Runtime) -> None:
    card = await answer(seeded_runtime, "/who Zelenskyy")
    assert card.share is not None and card.share.title == "Volodymyr Zelenskyy"
    assert await answer(seeded_runtime, f"/start {card.share.payload}") == card
    # /ask who is… gives the same card, sharing the same payload.
    asked = await answer(seeded_runtime, "/ask who is Zelensky?")
    assert asked.share == card.share


async def test_a_figure_group_payload_opens_that_group_with_its_claimants(
    seeded_runtime: Runtime,
) -> None:
    opened = await answer(seeded_runtime, "/start fmilitary_losses-ukraine")
    text = opened.plain
    assert "⚠️ Soldiers killed and wounded — Ukraine" in text
    assert "Donald Trump: 400,000 [1]" in text and "Volodymyr Zelenskyy: 43,000" in text
    assert "western estimates" not in text  # their figure measures no side: another group
    assert opened.share is not None and opened.share.payload == "fmilitary_losses-ukraine"
    sideless = await respond(seeded_runtime, "/start fmilitary_losses")
    assert "western estimates: closer to 70,000 soldiers killed [1]" in sideless


async def test_an_answer_of_one_group_shares_it_and_one_of_several_shares_nothing(
    seeded_runtime: Runtime,
) -> None:
    one = await answer(seeded_runtime, "/ask how many soldiers has Ukraine lost?")
    assert one.share is not None
    assert "⚠️ Soldiers killed and wounded — Ukraine" in await respond(
        seeded_runtime, f"/start {one.share.payload}"
    )
    for several in ("/figures", "/figures killed", "/figures territory"):
        assert (await answer(seeded_runtime, several)).share is None
    for other in ("/who", "/demands", "/sources", "/help"):
        assert (await answer(seeded_runtime, other)).share is None


@pytest.mark.parametrize(
    "payload", ["zz", "a0", "a012", "fsoldiers", "fmilitary_losses-atlantis", "a1 a2", "<b>"]
)
async def test_a_bad_payload_gets_one_sentence_and_help(
    seeded_runtime: Runtime, payload: str
) -> None:
    reply = await answer(seeded_runtime, f"/start {payload}")
    assert reply.plain.startswith(BAD_LINK) and "/help" in reply.plain
    assert reply.failed and reply.actions == ("/help",)


@pytest.mark.timing
async def test_a_huge_payload_costs_a_length_check(seeded_runtime: Runtime) -> None:
    started = time.perf_counter()
    reply = await answer(seeded_runtime, "/start " + "a1" * 50_000)
    assert reply.plain.startswith(BAD_LINK)
    assert time.perf_counter() - started < 1


async def test_a_stale_payload_says_what_it_opened_is_gone(seeded_runtime: Runtime) -> None:
    card = await answer(seeded_runtime, "/who Fesenko")  # named in the first seed article only
    assert card.share is not None
    async with seeded_runtime.sessions.begin() as session:
        await delete_article(session, article_id=1)
    gone = await answer(seeded_runtime, f"/start {card.share.payload}")
    assert gone.plain.startswith(GONE_LINK) and gone.failed
    never = await respond(seeded_runtime, "/start a2147483647")
    assert never.startswith(GONE_LINK)
    # A group with no figures left is gone too.
    assert (await respond(seeded_runtime, "/start fprisoners-russia")).startswith(GONE_LINK)


async def test_links_open_in_the_readers_language(seeded_runtime: Runtime) -> None:
    english = await respond(seeded_runtime, "/start fmilitary_losses-ukraine")
    with use_language(UKRAINIAN):
        ukrainian = await respond(seeded_runtime, "/start fmilitary_losses-ukraine")
        refused = await respond(seeded_runtime, "/start zz")
    assert ukrainian != english and "400,000 [1]" in ukrainian
    assert not refused.startswith(BAD_LINK)
