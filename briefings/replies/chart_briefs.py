"""Compose /chart's words: the caption under a chart, the replies when there is none, its help line.

A caption must fit Telegram's 1,024 characters (counted, as Telegram does, in UTF-16 code units):
the heading always shows; the sources line takes at most a share of the room; the series fill
what is left, and what does not fit is counted, not cut mid-word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefings.entries import FigureEntry, SourceDate
from briefings.i18n import _, formats
from briefings.replies.chart_data import ChartData, ChartSeries, chartable
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.figure_briefs import CONTESTED_MARK, more_values
from briefings.replies.reply import Line, Reply, bold, italic, line, reply

CHART_COMMAND = "/chart"
CAPTION_LIMIT = 1024
SOURCES_SHARE = 420  # the most of a caption the sources line may take
VALUES_SHOWN = 3  # per series; the rest are counted
NAME_CHARS = 48
SOURCE_CHARS = 48
TOPIC_CHARS = 60
VALUE_CHARS = 40


def build_chart_caption(
    chart: ChartData, sources: Mapping[int, SourceDate], topic: str = ""
) -> Reply:
    """The caption: what the chart measures, each series' values with [n], the sources, in 1,024 characters."""
    mark = CONTESTED_MARK if chart.contested else "📈 "
    head = [line(bold(clip(f"{mark}{chart.title}", 120)))]
    if chart.undated_day:
        about = _(
            "Each claimant's figures by article date "
            "(undated articles in the grey band at the right)."
        )
    else:
        about = _("Each claimant's figures by article date.")
    head.append(line(italic(about)))
    if chart.contested:
        head.append(line(italic(_("Sources disagree: contested values are ringed in red."))))
    tail = [_sources_line(chart.articles, sources, SOURCES_SHARE)]
    if chart.other_groups:
        tail.append(_others_line(chart.other_groups, topic))
    series = [_series_line(each) for each in chart.series]
    hidden = chart.hidden_series
    while True:
        more = [_more_line(hidden, topic)] if hidden else []
        lines = [*head, *series, *more, *tail]
        if length(_plain(lines)) <= CAPTION_LIMIT or not series:
            return reply(lines)
        series.pop()
        hidden += 1


def build_no_chart(topic: str) -> Reply:
    """The reply when no figure matches a topic."""
    text = _("No figures about “{topic}” to chart. /figures lists them all.")
    return reply([line(text.format(topic=clip(topic, TOPIC_CHARS)))])


def build_nothing_to_chart(topic: str) -> Reply:
    """The reply when a topic's figures measure nothing a chart can show."""
    text = _("The figures about “{topic}” count nothing a chart can show; /figures lists them.")
    return reply([line(text.format(topic=clip(topic, TOPIC_CHARS)))])


def build_chart_usage() -> Reply:
    """How to use /chart, when there is nothing to chart without a topic."""
    # i18n: TOPIC may be translated; "/chart soldiers killed" is a command to send as it is
    text = _(
        "Send /chart TOPIC (such as /chart soldiers killed) once articles with figures are loaded."
    )
    return reply([line(text)])


def offer_chart(answer: Reply, figures: Sequence[FigureEntry], topic: str) -> Reply:
    """The reply with a chart button beneath it when its figures can be charted."""
    if not chartable(figures):
        return answer
    command = f"{CHART_COMMAND} {topic}".strip()
    return replace(answer, actions=(*answer.actions, command))


def length(text: str) -> int:
    """A text's length as Telegram counts it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, most: int) -> str:
    """The text, cut at a word with "…" when longer than `most` characters."""
    if len(text) <= most:
        return text
    cut = text[: most - 1].rsplit(" ", 1)[0] if " " in text[: most - 1] else text[: most - 1]
    return cut.rstrip(" ,;:—-") + "…"


def _plain(lines: Sequence[Line]) -> str:
    return "\n".join(row.plain for row in lines)


def _series_line(series: ChartSeries) -> Line:
    """• Claimant (measure): value [n][m]; value [k]; +2 more."""
    cites: dict[float, tuple[str, set[int]]] = {}
    for point in series.points:
        cites.setdefault(point.value, (point.text, set()))[1].update(point.articles)
    values = [f"{clip(text, VALUE_CHARS)} {cite(ids, limit=3)}" for text, ids in cites.values()]
    extra = f"; {more_values(len(values) - VALUES_SHOWN)}" if len(values) > VALUES_SHOWN else ""
    return line(
        "• ", bold(clip(series.label, NAME_CHARS)), ": ", "; ".join(values[:VALUES_SHOWN]) + extra
    )


def _more_line(hidden: int, topic: str) -> Line:
    command = f"/figures {clip(topic, TOPIC_CHARS)}".strip()
    # i18n: a chart's series is one claimant's line of values
    series = counted(hidden, "{n} more series", "{n} more series")
    text = _("…and {series}; {command} lists every claimant.")
    return line(italic(text.format(series=series, command=command)))


def _sources_line(articles: Sequence[int], sources: Mapping[int, SourceDate], room: int) -> Line:
    """Sources: [1] outlet or title, its day; … as many as fit in `room`, then how many more."""
    label = _("Sources:") + " "
    shown: list[str] = []
    for n, article in enumerate(articles):
        entry = _source_text(article, sources[article])
        rest = len(articles) - n - 1
        more = f"; {_more_sources(rest)}" if rest else ""
        if length(label + "; ".join([*shown, entry]) + more) > room:
            shown.append(_more_sources(len(articles) - n))
            break
        shown.append(entry)
    return line(italic(label), "; ".join(shown))


def _more_sources(hidden: int) -> str:
    """How many sources the line leaves out, and the command that lists them."""
    return _("+{n} more (/sources)").format(n=formats.number(hidden))


def _source_text(article: int, source: SourceDate) -> str:
    day = source.published
    # i18n: in place of an article's date, when it gives none
    when = formats.day(day) if day else _("undated")
    return f"[{article}] {clip(source.outlet or source.title, SOURCE_CHARS)}, {when}"


def _others_line(others: int, topic: str) -> Line:
    command = f"/figures {clip(topic, TOPIC_CHARS)}".strip()
    measures = counted(others, "{n} other measure", "{n} other measures")
    text = _("{measures} not charted; {command} lists them.")
    return line(italic(text.format(measures=measures, command=command)))
