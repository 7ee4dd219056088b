"""/chart: each claimant's figures of one measure over time, drawn as a PNG off the event loop."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

from bot.core import arguments
from bot.core.callers import Caller
from bot.core.chart_rendering import render_chart
from bot.core.figure_lookup import figures_on_topic
from bot.core.runtime import Runtime
from briefings.entries import FigureEntry
from briefings.errors import ArgumentError
from briefings.replies.chart_briefs import (
    build_chart_caption,
    build_chart_usage,
    build_no_chart,
    build_nothing_to_chart,
)
from briefings.replies.chart_data import build_chart_data, chart_group
from briefings.replies.reply import Photo, Reply
from storage import Session, figures_overview, source_dates

# Figures read for a chart: a topic's newest, or the newest of each measure and side.
TOPIC_FIGURES = 120
PER_MEASURE = 24
_NOT_FILE_NAME = re.compile(r"[^a-z0-9]+")


async def chart_reply(runtime: Runtime, topic: str, caller: Caller | None = None) -> Reply:
    """/chart TOPIC: the chart of the topic's largest measure; without one, of the largest of all.

    A topic too long is answered in one sentence here too: `briefbot chart` calls this directly.
    """
    try:
        topic = arguments.topic(topic, "/chart")
    except ArgumentError as error:
        return arguments.refusal(error)
    async with runtime.sessions() as session:
        figures = await chart_figures(session, topic)
        group = chart_group(figures)
        if group is None:
            return _no_chart(topic, figures)
        sources = await source_dates(session, {f.article_id for f in group.figures})
    data = build_chart_data(figures, sources)
    if data is None:  # every article of the group was removed meanwhile
        return build_no_chart(topic)
    # The session is closed before drawing: a render holds no database connection.
    png = await asyncio.to_thread(render_chart, data)
    caption = build_chart_caption(data, sources, topic)
    return replace(caption, photo=Photo(png, chart_file_name(topic)))


async def chart_figures(session: Session, topic: str) -> list[FigureEntry]:
    """The figures /figures TOPIC shows (more of them), or every measure's newest without a topic."""
    if not topic:
        return await figures_overview(session, per_measure=PER_MEASURE)
    return list((await figures_on_topic(session, topic, limit=TOPIC_FIGURES)).rows)


def _no_chart(topic: str, figures: list[FigureEntry]) -> Reply:
    if not topic:
        return build_chart_usage()
    return build_nothing_to_chart(topic) if figures else build_no_chart(topic)


def chart_file_name(topic: str) -> str:
    """The file a terminal saves a topic's chart under: chart-soldiers-killed.png."""
    slug = _NOT_FILE_NAME.sub("-", topic.lower()).strip("-")[:60].strip("-")
    return f"chart-{slug}.png" if slug else "chart.png"


# The chart command, by name, for the command core's dispatch.
CHART_HANDLERS = {"chart": chart_reply}
