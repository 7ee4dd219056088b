"""Tests of bot.core.charts: /chart through the command core on the seeded store, drawn off the loop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import bot.core.charts as charts
from bot.core.charts import chart_file_name
from bot.core.commands import answer
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.replies.chart_data import ChartData

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def test_a_topic_is_charted_with_its_sources_in_the_caption(seeded_runtime: Runtime) -> None:
    reply = await answer(seeded_runtime, "/chart soldiers killed")

    assert reply.photo is not None
    assert reply.photo.png.startswith(PNG_SIGNATURE)
    assert reply.photo.name == "chart-soldiers-killed.png"
    caption = reply.plain
    assert caption.startswith("⚠️ Soldiers killed and wounded — Ukraine")
    assert "• Donald Trump: 400,000 [1]" in caption
    assert "43,000 [1][2]" in caption
    assert "Sources: [1] Trump calls for" in caption
    assert "[2] themoscowtimes.com, 8 Dec 2024" in caption


async def test_without_a_topic_the_largest_measure_is_charted(seeded_runtime: Runtime) -> None:
    reply = await answer(seeded_runtime, "/chart")

    assert reply.photo is not None
    assert reply.plain.startswith("⚠️ Soldiers killed and wounded — Ukraine")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("/chart bananas", "No figures about “bananas” to chart. /figures lists them all."),
        ("/chart 24 hours", "The figures about “24 hours” count nothing a chart can show;"),
    ],
)
async def test_a_topic_without_a_chart_is_answered_in_one_sentence(
    seeded_runtime: Runtime, line: str, said: str
) -> None:
    reply = await answer(seeded_runtime, line)

    assert reply.photo is None
    assert reply.plain.startswith(said)
    assert "\n" not in reply.plain


async def test_an_empty_store_says_how_to_use_it(store_env: Path) -> None:
    seeded_runtime = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"))
    try:
        reply = await answer(seeded_runtime, "/chart")
    finally:
        await seeded_runtime.close()
    assert reply.photo is None
    assert reply.plain.startswith("Send /chart TOPIC")


async def test_figures_offer_the_chart_of_the_same_topic(seeded_runtime: Runtime) -> None:
    assert (await answer(seeded_runtime, "/figures killed")).actions == ("/chart killed",)
    assert (await answer(seeded_runtime, "/figures")).actions == ("/chart",)
    assert (await answer(seeded_runtime, "/figures bananas")).actions == ()


async def test_help_lists_chart(seeded_runtime: Runtime) -> None:
    assert "\n/chart [topic] — " in (await answer(seeded_runtime, "/help")).plain


async def test_the_chart_is_drawn_off_the_event_loop(
    seeded_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    draw = charts.render_chart

    def recording(chart: ChartData) -> bytes:
        threads.append(threading.current_thread())
        return draw(chart)

    monkeypatch.setattr(charts, "render_chart", recording)
    reply = await answer(seeded_runtime, "/chart killed")

    assert reply.photo is not None
    assert len(threads) == 1
    assert threads[0] is not threading.current_thread()


@pytest.mark.parametrize(
    ("topic", "name"),
    [
        ("soldiers killed", "chart-soldiers-killed.png"),
        ("", "chart.png"),
        ("../../etc/passwd", "chart-etc-passwd.png"),
        ("🇺🇦", "chart.png"),
    ],
)
def test_a_charts_file_name_is_safe(topic: str, name: str) -> None:
    assert chart_file_name(topic) == name
