"""Compose the answers to /who and /sources as replies, from records the store hands back."""

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
from briefings.i18n import _, formats, n_
from briefings.replies.citations import cite
from briefings.replies.counts import amount, counted
from briefings.replies.demand_kinds import kind_label
from briefings.replies.figure_briefs import figure_text, merge_figures
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply

# The word after /who that asks for the places the articles only name ("/who places").
WHO_PLACES = "places"
PLACES_COMMAND = f"/who {WHO_PLACES}"
# An actor card lists this many roles, each with the days of its newest few articles.
CARD_ROLES = 5


def more_line(hidden: int, more: str, hint: str) -> list[Line]:
    """A note that some rows are not shown and how to see them; nothing when all are shown.

    `more` is the hidden rows counted, `counted(hidden, "{n} more figure", "{n} more
    figures", over=...)`: the line says "…and 2 more figures. {hint}" ("…and over 995 more
    figures" when the store stopped counting).
    """
    if hidden <= 0:
        return []
    # i18n: {more} is a count such as "3 more figures"; {hint} says how to see them.
    return [line(italic(_("…and {more}. {hint}").format(more=more, hint=hint)))]


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
    if not actors.rows:
        return _no_actors(actors.total, page, named_places)
    heading = _("Places the articles only name") if page.places else _("Who is who")
    lines = [line(bold(heading), f" — {_who_shown(actors, page)}"), blank()]
    lines += [_actor_line(actor) for actor in actors.rows]
    after = actors.total - page.offset - len(actors.rows)
    following = page.command(page.number + 1)
    more = _more_rows(after, page.places, over=actors.capped)
    notes = more_line(after, more, _("Send {command} for the next.").format(command=following))
    if named_places.total and not page.places:
        notes.append(line(italic(_not_listed(named_places))))
    notes.append(line(italic(_("Send /who NAME for one actor's card."))))
    actions = (following,) * (after > 0) + (PLACES_COMMAND,) * bool(named_places.total)
    return reply([*lines, blank(), *notes], actions)


def _who_shown(actors: Slice[ActorEntry], page: ActorPage) -> str:
    """Which actors a page shows: all of them, the most cited few, or a range."""
    every = _rows(actors.total, page.places, over=actors.capped)
    if not actors.hidden:
        return _("{every}, most cited first").format(every=every)
    if page.number == 1:
        shown = amount(len(actors.rows))
        return _("the {shown} most cited of {every}").format(shown=shown, every=every)
    first, last = amount(page.offset + 1), amount(page.offset + len(actors.rows))
    range_ = _("{first}–{last} of {every}, most cited first")
    return range_.format(first=first, last=last, every=every)


def _rows(total: int, places: bool, *, over: bool = False) -> str:
    """How many actors, or places only named, there are: "3 actors", "over 1,000 places"."""
    if places:
        return counted(total, "{n} place", "{n} places", over=over)
    return counted(total, "{n} actor", "{n} actors", over=over)


def _more_rows(hidden: int, places: bool, *, over: bool) -> str:
    """How many more actors, or places only named, the next pages show: "7 more actors"."""
    if places:
        return counted(hidden, "{n} more place", "{n} more places", over=over)
    return counted(hidden, "{n} more actor", "{n} more actors", over=over)


def _not_listed(named: Count) -> str:
    """The note that /who leaves out the places the articles only name, and how to see them."""
    return _(
        "Not listed: {places} the articles only name, with no role, figure, position or quote. "
        "Send {command}."
    ).format(places=_rows(named.total, True, over=named.over), command=PLACES_COMMAND)


def _no_actors(total: int, page: ActorPage, named_places: Count) -> Reply:
    """The reply to a page of /who with no one on it (a page past the last, counted exactly:
    the count goes a cap past the page asked for)."""
    if total and page.number > 1:
        pages = (total - 1) // page.size + 1
        every = _rows(total, page.places)
        if pages == 1:
            text = _("Only {every} in the articles, all on {command}.")
        else:
            text = _("Only {every} in the articles: send {command} for the last of them.")
        return reply([line(text.format(every=every, command=page.command(pages)))])
    if page.places:
        text = _("No place is only named: each has a role or takes part. /who lists the actors.")
        return reply([line(text)])
    if named_places.total:
        places = _rows(named_places.total, True, over=named_places.over)
        text = _("No actors yet, only {places} the articles name. Send {command}.")
        return reply([line(text.format(places=places, command=PLACES_COMMAND))])
    return reply([line(_("No actors yet: load an article first."))])


def _actor_line(actor: ActorEntry) -> Line:
    role = f" — {actor.role}" if actor.role else ""
    return line("• ", bold(actor.name), role, " ", cite(actor.articles, total=actor.n_articles))


def build_actor_card(
    actor: ActorEntry, claims: Slice[FigureEntry], positions: Slice[DemandEntry]
) -> Reply:
    """One actor's card: roles, other names, what they claim and demand, and the sources."""
    lines = [line(bold(actor.name)), *_role_lines(actor)]
    if actor.aliases:
        lines.append(line(_("Also named: {names}").format(names=", ".join(actor.aliases))))
    cited = cite(actor.articles, total=actor.n_articles)
    lines.append(line(_("Sources: {citations}").format(citations=cited)))
    hint = _("See /figures or /demands {name}.").format(name=actor.name)
    if claims.rows:
        # i18n: heading of an actor's card: the figures this actor gives.
        lines += [blank(), line(bold(_("Claims")))]
        merged = merge_figures(claims.rows)
        lines += [line("• ", figure_text(f), " ", cite(ids)) for f, ids in merged]
        more = counted(claims.hidden, "{n} more figure", "{n} more figures", over=claims.capped)
        lines += more_line(claims.hidden, more, hint)
    if positions.rows:
        lines += [blank(), line(bold(_("Positions")))]
        lines += [demand_line(d) for d in positions.rows]
        hidden, over = positions.hidden, positions.capped
        more = counted(hidden, "{n} more position", "{n} more positions", over=over)
        lines += more_line(hidden, more, hint)
    return reply(lines)


def _role_lines(actor: ActorEntry) -> list[Line]:
    """The newest role the articles state, then the others, each with its days and sources."""
    if not actor.roles:
        role = actor.role or _("not stated in the articles")
        return [line(_("Role: {role}").format(role=role))]
    newest, *others = actor.roles[:CARD_ROLES]
    lines = [line(_("Role: {role}").format(role=_role_text(newest)))]
    if others:
        lines += [line(_("Other roles stated:")), *(line("• ", _role_text(r)) for r in others)]
    hidden = len(actor.roles) - CARD_ROLES
    more = counted(hidden, "{n} more role", "{n} more roles")
    return lines + more_line(hidden, more, _("The newest are shown."))


def _role_text(role: RoleEntry) -> str:
    """A role, the days of the articles that state it (the newest few), and their citations."""
    days = [format_day(day, "day") for day in role.days]
    if role.n_days > len(role.days):
        # i18n: after a list of dates: how many more dates, earlier than those.
        days.append(counted(role.n_days - len(role.days), "{n} earlier", "{n} earlier"))
    when = f" — {', '.join(days)}" if days else ""
    return f"{role.role}{when} {cite(role.articles, total=role.n_articles)}"


def format_day(day: date, precision: str) -> str:
    """A date as precisely as it is known: 7 Dec 2024, Dec 2024, or 2024."""
    if precision == "year":
        return str(day.year)
    return formats.month(day) if precision == "month" else formats.day(day)


def build_unknown_actor(query: str) -> Reply:
    """The reply when no actor goes by the name asked for."""
    text = _("No actor called “{name}” in the articles. /who lists them all.")
    return reply([line(text.format(name=query))])


def demand_line(demand: DemandEntry) -> Line:
    """One demand as a bullet: its kind, what is demanded, and the source."""
    return line(
        "• ", italic(kind_label(demand.kind)), f": {demand.demand} ", cite([demand.article_id])
    )


def build_sources(sources: Slice[SourceEntry]) -> Reply:
    """The articles behind the store, newest first, numbered as answers cite them."""
    if not sources.rows:
        return reply([line(_("No articles loaded yet."))])
    lines = [line(bold(_("Sources")), f" — {_sources_shown(sources)}"), blank()]
    lines += [_source_line(source) for source in sources.rows]
    if sources.hidden:
        lines += [blank(), line(italic(_("Send /sources N for article [N].")))]
    return reply(lines)


def _sources_shown(sources: Slice[SourceEntry]) -> str:
    """How many of the articles /sources shows: "3 articles", "the newest 20 of 1,234"."""
    if not sources.hidden:
        return counted(sources.total, "{n} article", "{n} articles")
    shown, total = len(sources.rows), amount(sources.total, over=sources.capped)
    newest = n_("the newest {shown} of {total}", "the newest {shown} of {total}", shown)
    return newest.format(shown=amount(shown), total=total)


def build_source(source: SourceEntry | None, wanted: int) -> Reply:
    """One article, as an answer's [N] cites it."""
    if source is None:
        text = _("There is no article [{number}]. /sources lists them.")
        return reply([line(text.format(number=wanted))])
    return reply([_source_line(source)])


def _source_line(source: SourceEntry) -> Line:
    published = source.published.isoformat() if source.published else None
    meta = ", ".join(part for part in (source.outlet, published) if part)
    counts = ", ".join(
        (
            counted(source.n_actors, "{n} actor", "{n} actors"),
            counted(source.n_figures, "{n} figure", "{n} figures"),
            counted(source.n_demands, "{n} demand", "{n} demands"),
        )
    )
    return line(
        bold(f"[{source.id}]"), f" {source.title}", f" — {meta}" if meta else "", f" ({counts})"
    )
