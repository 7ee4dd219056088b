"""Draw chart data as a PNG with matplotlib (Agg, no GUI), imported on the first chart drawn.

matplotlib costs about half a second to import, which no other command should pay: it is
imported inside `render_chart`, never at the top of a module. Figures are built with the
object API (`Figure`, `FigureCanvasAgg`), never pyplot, so no backend or GUI is chosen and
no global figure list grows. One chart is drawn at a time (a lock): matplotlib's font and
text caches are shared and not documented as thread-safe, and a render takes a fraction of
a second. Callers run it off the event loop (`asyncio.to_thread`).
"""

from __future__ import annotations

import io
import re
import threading
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from briefings.i18n import ENGLISH, _, current_language, formats
from briefings.replies.chart_briefs import clip
from briefings.replies.chart_data import ChartData, ChartSeries

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH, HEIGHT, DPI = 9.0, 5.0, 110  # inches and dots per inch: 990 × 550 pixels
# Colour-blind-safe (Okabe–Ito), one per claimant; red is kept for contested rings.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
CONTESTED = "#C00000"
LEGEND_CHARS = 30
UNDATED_HALF_WIDTH = timedelta(days=3)
MIN_SPAN = timedelta(days=30)  # the narrowest stretch of time the x axis shows
FONT = "DejaVu Sans"
# Dates labelled concisely (Dec 2024, 8, 15…; the months in the chart's language, see
# _dates_in_language), one font everywhere (DejaVu Sans ships with matplotlib).
STYLE: dict[Any, str] = {"date.converter": "concise", "font.family": FONT}
_drawing = threading.Lock()


def render_chart(chart: ChartData) -> bytes:
    """The chart as PNG bytes: one line of markers per series, contested values ringed in red."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # rcParams are global: set only inside the lock, and restored when the chart is drawn.
    with _drawing, rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _draw_series(axes, chart)
        _label(axes, chart)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()


def _draw_series(axes: Axes, chart: ChartData) -> None:
    """Each series in its claimant's colour and its measure's marker; rings on contested points."""
    claimants = list(dict.fromkeys(series.claimant for series in chart.series))
    measures = list(dict.fromkeys(series.measure for series in chart.series))
    for series in chart.series:
        colour = COLOURS[claimants.index(series.claimant) % len(COLOURS)]
        marker = MARKERS[measures.index(series.measure) % len(MARKERS)]
        dated = [p for p in series.points if not p.undated]
        undated = [p for p in series.points if p.undated]
        style: dict[str, Any] = {"color": colour, "marker": marker, "markersize": 7, "zorder": 2}
        label = _legend_label(series)
        if dated:
            # A line joins dated points only: an undated one has no place in time to join.
            axes.plot(
                _days([p.day for p in dated]),
                [p.value for p in dated],
                linewidth=1.6,
                label=label,
                **style,
            )
            label = "_nolegend_"  # matplotlib leaves labels starting with "_" out
        if undated:
            axes.plot(
                _days([p.day for p in undated]),
                [p.value for p in undated],
                linestyle="none",
                label=label,
                **style,
            )
    ringed = [p for series in chart.series for p in series.points if p.contested]
    if ringed:
        axes.scatter(
            _days([p.day for p in ringed]),
            [p.value for p in ringed],
            s=260,
            zorder=3,
            facecolors="none",
            edgecolors=CONTESTED,
            linewidths=2,
            label=_("contested value"),
        )


def _legend_label(series: ChartSeries) -> str:
    """The claimant, and below it the measure where the series has its own."""
    name = clip(series.claimant, LEGEND_CHARS)
    return drawable(name + (f"\n({clip(series.measure, LEGEND_CHARS)})" if series.measure else ""))


def _xy(series: ChartSeries) -> tuple[Any, list[float]]:
    return _days([p.day for p in series.points]), [p.value for p in series.points]


def _days(days: list[date]) -> Any:
    """Days as numpy datetime64, which matplotlib places on a date axis."""
    import numpy

    return numpy.array(days, dtype="datetime64[D]")


def _label(axes: Axes, chart: ChartData) -> None:
    """Title, axis labels, dates on x, thousands on y from zero, the legend below the plot."""
    from matplotlib.ticker import FuncFormatter

    axes.set_title(drawable(chart.title), fontsize=13, fontweight="bold")
    axes.set_ylabel(drawable(chart.y_label))
    if chart.undated_day:
        axes.set_xlabel(_("article date; undated articles in the grey band"))
    else:
        axes.set_xlabel(_("article date"))
    if chart.undated_day is not None:
        _undated_band(axes, chart)
    axes.yaxis.set_major_formatter(FuncFormatter(_thousands))
    axes.xaxis.set_major_formatter(_dates_in_language()(axes.xaxis.get_major_locator()))
    days = [p.day for series in chart.series for p in series.points]
    if days and max(days) - min(days) < MIN_SPAN:
        # A few days (or one) would be stretched over years of empty axis; show a month or so.
        middle = min(days) + (max(days) - min(days)) / 2
        axes.set_xlim(*_days([middle - MIN_SPAN / 2, middle + MIN_SPAN / 2]))
    values = [p.value for series in chart.series for p in series.points]
    if values and min(values) >= 0:
        axes.set_ylim(bottom=0, top=max(values) * 1.12 or 1)
    axes.grid(True, color="#DDDDDD", linewidth=0.8)
    # Beside the plot, not on it: a legend inside would hide points wherever it stood.
    axes.figure.legend(loc="outside right upper", fontsize=9)


def _undated_band(axes: Axes, chart: ChartData) -> None:
    """A grey band, labelled "undated", where the points of undated articles stand."""
    slot = chart.undated_day
    assert slot is not None
    dated = [p.day for series in chart.series for p in series.points if not p.undated]
    half = max((slot - max(dated)) * 0.4, UNDATED_HALF_WIDTH) if dated else UNDATED_HALF_WIDTH
    low, high = _days([slot - half, slot + half])
    axes.axvspan(low, high, color="#EEEEEE", zorder=0)
    axes.text(
        _days([slot])[0],
        0.98,
        # i18n: in place of an article's date, when it gives none
        _("undated"),
        transform=axes.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize=9,
        color="#555555",
    )


def _thousands(value: float, position: Any) -> str:
    """A tick label as the chart's language writes numbers: 400,000; 2.5 ("400 000", "2,5")."""
    whole = abs(value) >= 10 or value == int(value)
    return formats.number(round(value) if whole else round(value, 1))


@cache
def _dates_in_language() -> Any:
    """matplotlib's concise date labels (Dec 2024, 8, 15…) with the months in the chart's
    language; a class made on the first chart, as matplotlib is imported only then."""
    from matplotlib.dates import ConciseDateFormatter

    class DatesInLanguage(ConciseDateFormatter):
        """Concise date labels, their month abbreviations in the current language."""

        def format_ticks(self, values: Any) -> list[str]:
            labels = super().format_ticks(values)  # type: ignore[no-untyped-call]
            return [month_words(label) for label in labels]

        def get_offset(self) -> str:
            return month_words(super().get_offset())  # type: ignore[no-untyped-call]

    return DatesInLanguage


def month_words(label: str) -> str:
    """A date label matplotlib wrote ("Dec 2024", "2024-Dec") with its months in the current
    language ("груд. 2024")."""
    language = current_language()
    if language == ENGLISH:
        return label
    pattern, names = _months(language)
    return pattern.sub(lambda month: names[month.group(1)], label)


@cache
def _months(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The English month abbreviations strftime writes in the C locale ("Dec", as Babel's
    English), as a pattern, and each one's abbreviation in a language, standing alone."""
    from babel.dates import get_month_names

    def abbreviations(locale: str) -> list[str]:
        names = get_month_names("abbreviated", context="stand-alone", locale=locale)
        return [names[number] for number in range(1, 13)]

    english = abbreviations(ENGLISH)
    pattern = re.compile(r"\b(" + "|".join(english) + r")\b")
    return pattern, dict(zip(english, abbreviations(language), strict=True))


def drawable(text: str) -> str:
    """Text matplotlib draws as written: "$" escaped (not math), glyphs the font lacks dropped."""
    known = _font_characters()
    kept = "".join(ch for ch in text if ord(ch) in known or ch in " \n")
    return kept.replace("$", r"\$")


@cache
def _font_characters() -> frozenset[int]:
    """The code points the chart's font has glyphs for (others would warn and draw boxes)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=FONT))
    return frozenset(FT2Font(path).get_charmap())
