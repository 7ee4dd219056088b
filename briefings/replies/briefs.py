"""Compose the answers to /who, /sources and /help as replies, from records the store hands back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefings.entries import (
    ActorEntry,
    Count,
    DemandEntry,
    FigureEntry,
    RoleEntry,
    Slice,
    SourceEntry,
)
from briefings.replies.citations import cite
from briefings.replies.counts import amount, counted
from briefings.replies.figure_briefs import figure_text, merge_figures
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply

MAIN_COMMANDS = ("/who", "/figures", "/demands", "/sources")
# The word after /who that asks for the places the articles only name ("/who places").
WHO_PLACES = "places"
PLACES_COMMAND = f"/who {WHO_PLACES}"
# An actor card lists this many roles, each with the days of its newest few articles.
CARD_ROLES = 5

STORY = (
    "December 2024: after meeting Zelenskyy and Macron in Paris, Trump called for an “immediate "
    "ceasefire”. Zelenskyy asked for a “just and enduring” peace with security guarantees; the "
    "Kremlin restated its terms."
)
COMMAND_HELP = (
    ("/who [name]", "the actors and their roles, or one actor's card"),
    ("/figures [topic]", "the numbers, who claims them, and where sources disagree"),
    ("/chart [topic]", "each claimant's figures over time, as a chart"),
    ("/demands [party]", "what each side demands, proposes or rejects"),
    ("/quotes [name]", "who said what, in their own words"),
    ("/timeline", "the dated events, newest first"),
    ("/sources", "the articles behind every answer ([n] in answers points here)"),
    ("/ask <question>", "the facts that best answer a question (or just type it)"),
    ("/subscribe [HH:MM] [city]", "a daily digest at your time; /settings, /unsubscribe"),
    ("/digest", "today's digest, now"),
    ("/help", "this message"),
)


def more_line(hidden: int, noun: str, hint: str, *, over: bool = False) -> list[Line]:
    """A note that some rows are not shown and how to see them; nothing when all are shown.

    `noun` is singular ("figure"): the line says "…and 1 more figure" or "…and 2 more figures";
    with `over` (the store stopped counting), "…and over 995 more figures".
    """
    if hidden <= 0:
        return []
    return [line(italic(f"…and {counted(hidden, f'more {noun}', over=over)}. {hint}"))]


def build_help() -> Reply:
    """What the bot does, the story in two lines, the commands, and buttons for the main ones."""
    lines = [
        line(bold("ceasefire-brief")),
        line("A sourced briefing on the Ukraine ceasefire story: every fact cites its article."),
        blank(),
        line(STORY),
        blank(),
        *(line(bold(command), f" — {what}") for command, what in COMMAND_HELP),
    ]
    return reply(lines, MAIN_COMMANDS)


@dataclass(frozen=True)
class ActorPage:
    """Which part of /who to show: the actors, or the places the articles only name, by page."""

    number: int = 1
    size: int = 60
    places: bool = False

    @property
    def offset(self) -> int:
        """How many actors come before this page."""
        return (self.number - 1) * self.size

    def command(self, number: int) -> str:
        """The command that shows page `number` of the same list ("/who 2", "/who places")."""
        words = ["/who", *([WHO_PLACES] if self.places else []), *([str(number)] * (number > 1))]
        return " ".join(words)


# No place left out of /who (the default of build_who).
NO_PLACES = Count(0)


def build_who(
    actors: Slice[ActorEntry], page: ActorPage = ActorPage(), named_places: Count = NO_PLACES
) -> Reply:
    """One page of the actors with their roles (or of the places only named), most cited first;
    what is left out is counted, with the command that shows it."""
    noun = "place" if page.places else "actor"
    if not actors.rows:
        return _no_actors(actors.total, page, named_places)
    heading = "Places the articles only name" if page.places else "Who is who"
    lines = [line(bold(heading), f" — {_who_shown(actors, page, noun)}"), blank()]
    lines += [_actor_line(actor) for actor in actors.rows]
    after = actors.total - page.offset - len(actors.rows)
    following = page.command(page.number + 1)
    notes = more_line(after, noun, f"Send {following} for the next.", over=actors.capped)
    if named_places.total and not page.places:
        places = f"Not listed: {_places(named_places)} the articles only name"
        why = "with no role, figure, position or quote"
        notes.append(line(italic(f"{places}, {why}. Send {PLACES_COMMAND}.")))
    notes.append(line(italic("Send /who NAME for one actor's card.")))
    actions = (following,) * (after > 0) + (PLACES_COMMAND,) * bool(named_places.total)
    return reply([*lines, blank(), *notes], actions)


def _who_shown(actors: Slice[ActorEntry], page: ActorPage, noun: str) -> str:
    """Which actors a page shows: all of them, the most cited few, or a range."""
    every = counted(actors.total, noun, over=actors.capped)
    if not actors.hidden:
        return f"{every}, most cited first"
    if page.number == 1:
        return f"the {len(actors.rows)} most cited of {every}"
    last = page.offset + len(actors.rows)
    return f"{page.offset + 1}–{last} of {every}, most cited first"


def _places(named: Count) -> str:
    """How many places the articles only name, "over" when the store stopped counting."""
    return counted(named.total, "place", over=named.over)


def _no_actors(total: int, page: ActorPage, named_places: Count) -> Reply:
    """The reply to a page of /who with no one on it (a page past the last, counted exactly:
    the count goes a cap past the page asked for)."""
    if total and page.number > 1:
        pages = (total - 1) // page.size + 1
        only = f"Only {counted(total, 'place' if page.places else 'actor')} in the articles"
        if pages == 1:
            return reply([line(f"{only}, all on {page.command(1)}.")])
        return reply([line(f"{only}: send {page.command(pages)} for the last of them.")])
    if page.places:
        text = "No place is only named: each has a role or takes part. /who lists the actors."
        return reply([line(text)])
    if named_places.total:
        places = _places(named_places)
        text = f"No actors yet, only {places} the articles name. Send {PLACES_COMMAND}."
        return reply([line(text)])
    return reply([line("No actors yet: load an article first.")])


def _actor_line(actor: ActorEntry) -> Line:
    role = f" — {actor.role}" if actor.role else ""
    return line("• ", bold(actor.name), role, " ", cite(actor.articles, total=actor.n_articles))


def build_actor_card(
    actor: ActorEntry, claims: Slice[FigureEntry], positions: Slice[DemandEntry]
) -> Reply:
    """One actor's card: roles, other names, what they claim and demand, and the sources."""
    lines = [line(bold(actor.name)), *_role_lines(actor)]
    if actor.aliases:
        lines.append(line("Also named: ", ", ".join(actor.aliases)))
    lines.append(line("Sources: ", cite(actor.articles, total=actor.n_articles)))
    hint = f"See /figures or /demands {actor.name}."
    if claims.rows:
        lines += [blank(), line(bold("Claims"))]
        merged = merge_figures(claims.rows)
        lines += [line("• ", figure_text(f), " ", cite(ids)) for f, ids in merged]
        lines += more_line(claims.hidden, "figure", hint, over=claims.capped)
    if positions.rows:
        lines += [blank(), line(bold("Positions"))]
        lines += [demand_line(d) for d in positions.rows]
        lines += more_line(positions.hidden, "position", hint, over=positions.capped)
    return reply(lines)


def _role_lines(actor: ActorEntry) -> list[Line]:
    """The newest role the articles state, then the others, each with its days and sources."""
    if not actor.roles:
        return [line("Role: ", actor.role or "not stated in the articles")]
    newest, *others = actor.roles[:CARD_ROLES]
    lines = [line("Role: ", _role_text(newest))]
    if others:
        lines += [line("Other roles stated:"), *(line("• ", _role_text(r)) for r in others)]
    return lines + more_line(len(actor.roles) - CARD_ROLES, "role", "The newest are shown.")


def _role_text(role: RoleEntry) -> str:
    """A role, the days of the articles that state it (the newest few), and their citations."""
    days = [format_day(day, "day") for day in role.days]
    if role.n_days > len(role.days):
        days.append(f"{role.n_days - len(role.days)} earlier")
    when = f" — {', '.join(days)}" if days else ""
    return f"{role.role}{when} {cite(role.articles, total=role.n_articles)}"


def format_day(day: date, precision: str) -> str:
    """A date as precisely as it is known: 7 Dec 2024, Dec 2024, or 2024."""
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def build_unknown_actor(query: str) -> Reply:
    """The reply when no actor goes by the name asked for."""
    return reply([line(f"No actor called “{query}” in the articles. /who lists them all.")])


def demand_line(demand: DemandEntry) -> Line:
    """One demand as a bullet: its kind, what is demanded, and the source."""
    return line("• ", italic(demand.kind), f": {demand.demand} ", cite([demand.article_id]))


def build_sources(sources: Slice[SourceEntry]) -> Reply:
    """The articles behind the store, newest first, numbered as answers cite them."""
    if not sources.rows:
        return reply([line("No articles loaded yet.")])
    shown = (
        f"the newest {len(sources.rows)} of {amount(sources.total, over=sources.capped)}"
        if sources.hidden
        else counted(sources.total, "article")
    )
    lines = [line(bold("Sources"), f" — {shown}"), blank()]
    lines += [_source_line(source) for source in sources.rows]
    if sources.hidden:
        lines += [blank(), line(italic("Send /sources N for article [N]."))]
    return reply(lines)


def build_source(source: SourceEntry | None, wanted: int) -> Reply:
    """One article, as an answer's [N] cites it."""
    if source is None:
        return reply([line(f"There is no article [{wanted}]. /sources lists them.")])
    return reply([_source_line(source)])


def _source_line(source: SourceEntry) -> Line:
    published = source.published.isoformat() if source.published else None
    meta = ", ".join(part for part in (source.outlet, published) if part)
    counts = ", ".join(
        counted(n, noun)
        for n, noun in (
            (source.n_actors, "actor"),
            (source.n_figures, "figure"),
            (source.n_demands, "demand"),
        )
    )
    return line(
        bold(f"[{source.id}]"), f" {source.title}", f" — {meta}" if meta else "", f" ({counts})"
    )
