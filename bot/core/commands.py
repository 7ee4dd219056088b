"""The command core: one function turns a line a user typed into a reply, for every front end."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core import arguments
from bot.core.actor_lookup import find_actor
from bot.core.admin_commands import ADMIN_HANDLERS
from bot.core.callers import VISITOR, Caller
from bot.core.charts import CHART_HANDLERS
from bot.core.deep_links import start
from bot.core.figure_lookup import figures_on_topic, topic_heading
from bot.core.language_commands import LANGUAGE_HANDLERS
from bot.core.positions import overview, side_positions, voice_positions
from bot.core.privacy_commands import PRIVACY_HANDLERS
from bot.core.questions import actor_card, answer_question
from bot.core.runtime import Runtime
from bot.core.subscription_commands import SUBSCRIPTION_HANDLERS
from briefings.errors import ArgumentError
from briefings.i18n import N_, _
from briefings.replies.briefs import (
    NO_PLACES,
    WHO_PLACES,
    ActorPage,
    build_source,
    build_sources,
    build_unknown_actor,
    build_who,
)
from briefings.replies.chart_briefs import offer_chart
from briefings.replies.demand_briefs import (
    build_no_demands,
    build_overview,
    build_party_demands,
    build_side_demands,
    build_voices,
)
from briefings.replies.figure_briefs import build_figures, build_no_figures
from briefings.replies.help_briefs import build_help
from briefings.replies.load_briefs import build_admin_only
from briefings.replies.reply import Reply, text_reply
from briefings.replies.share_briefs import share_one_group
from briefings.replies.story_briefs import build_no_quotes, build_quotes, build_timeline
from briefings.vocabulary.sides import side_named
from briefings.vocabulary.standing import place_kinds, voices_named
from storage import (
    Session,
    StoreError,
    count_named_places,
    demands_of,
    figures_overview,
    get_source,
    is_dropped,
    list_actors,
    list_sources,
    quotes_of,
    timeline,
)

# Bounds that keep every answer quick on a large store; rows past them are counted, not shown.
WHO_ACTORS = 60
SOURCES_SHOWN = 40
# The /figures overview: the newest of each measure and side. Twelve read 468 figures at 10,000
# articles, and rendering them took a third of the answer; eight leave each claimant's newest
# value and the one before it.
FIGURES_PER_MEASURE = 8
DEMAND_PARTIES = 12
DEMANDS_PER_PARTY = 5
TOPIC_FIGURES = 60
PARTY_DEMANDS = 60
QUOTES_SHOWN = 25
TIMELINE_EVENTS = 40


@dataclass(frozen=True)
class CommandLine:
    """A command as typed: its name (lower-case, without @botname) and its argument.

    ``argument`` is cleaned (bot.core.arguments.clean: hidden characters out, whitespace
    collapsed); ``raw`` is the argument as typed, line breaks kept, for pasted text.
    """

    name: str
    argument: str
    raw: str = ""


_COMMAND = re.compile(r"/(\S+)(?:\s+(.*))?", re.DOTALL)


def parse_command(text: str) -> CommandLine | None:
    """Split '/name@bot argument' into its parts; None for text that is not a command."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    raw = match.group(2) or ""
    name = arguments.clean(match.group(1)).split("@")[0].lower()
    return CommandLine(name, arguments.clean(raw), raw)


async def answer(runtime: Runtime, text: str, caller: Caller = VISITOR) -> Reply:
    """The reply to one line: a command with its argument, or a question in plain words.

    An argument the command does not take is answered with its one sentence (ArgumentError).
    """
    command = parse_command(text) or CommandLine("ask", arguments.clean(text), text)
    try:
        return await dispatch(runtime, command, caller)
    except ArgumentError as error:
        return arguments.refusal(error)


async def dispatch(runtime: Runtime, command: CommandLine, caller: Caller) -> Reply:
    """The reply of the handler that takes the command; the hint when none does."""
    admin_handler = ADMIN_HANDLERS.get(command.name)
    if admin_handler is not None:
        if not caller.is_admin:
            return build_admin_only(command.name)
        return await admin_handler(runtime, command.raw, caller)
    runtime_handler = (
        CHART_HANDLERS.get(command.name)
        or SUBSCRIPTION_HANDLERS.get(command.name)
        or LANGUAGE_HANDLERS.get(command.name)
        or PRIVACY_HANDLERS.get(command.name)
    )
    if runtime_handler is not None:
        return await runtime_handler(runtime, command.argument, caller)
    handler = COMMANDS.get(command.name)
    if handler is None:
        return unknown_command(command.name)
    return await read_answer(runtime, handler, command.argument)


async def read_answer(runtime: Runtime, handler: Handler, argument: str) -> Reply:
    """A handler's reply read in a read-only session; once more on a new connection when the
    first had died (readers do not test a connection before using it)."""
    try:
        async with runtime.readers() as session:
            return await handler(session, argument)
    except StoreError as error:
        if not is_dropped(error):
            raise
    async with runtime.readers() as session:
        return await handler(session, argument)


async def respond(runtime: Runtime, text: str, caller: Caller = VISITOR) -> str:
    """The reply to one line as plain text, as the console and `briefbot ask` print it."""
    return (await answer(runtime, text, caller)).plain


def unknown_command(name: str) -> Reply:
    """The hint for a command the bot does not know, its name echoed cleaned and bounded."""
    shown = arguments.shown_command(name)
    if not shown:
        return text_reply(_("I don't know that command. /help lists the commands."), ("/help",))
    unknown = _("I don't know /{command}. /help lists the commands.").format(command=shown)
    return text_reply(unknown, ("/help",))


async def who(session: Session, name: str) -> Reply:
    """/who: the actors most cited first (/who 2: the next page; /who places: the places the
    articles only name), or with a name that actor's card."""
    page = actor_page(name)
    if page is not None:
        kinds = place_kinds()
        found = await list_actors(
            session,
            limit=page.size,
            offset=page.offset,
            place_kinds=kinds,
            named_places=page.places,
        )
        places = NO_PLACES if page.places else await count_named_places(session, place_kinds=kinds)
        return build_who(found, page, places)
    name = arguments.name(name, N_("/who lists the actors"))
    actor = await find_actor(session, name)
    if actor is None:
        return build_unknown_actor(name)
    return await actor_card(session, actor)


def actor_page(argument: str) -> ActorPage | None:
    """The page of /who an argument asks for ("", "2", "places", "places 2"); None for a name;
    ArgumentError for a page number out of range or not in ASCII digits ("0", "²")."""
    words = argument.casefold().split()
    places = words[:1] == [WHO_PLACES]
    number = words[1:] if places else words
    if not number:
        return ActorPage(size=WHO_ACTORS, places=places)
    page = arguments.page_number(number[0]) if len(number) == 1 else None
    return ActorPage(page, WHO_ACTORS, places) if page is not None else None


async def figures(session: Session, topic: str) -> Reply:
    """/figures: every measure with each claimant's figures; with a topic, the figures about it,
    each claimant's restated or changed figure with its whole history."""
    if not topic:
        overview = await figures_overview(session, per_measure=FIGURES_PER_MEASURE)
        heading = _("Figures and who claims them")
        return offer_chart(build_figures(overview, heading), overview, "")
    topic = arguments.topic(topic, "/figures")
    found = await figures_on_topic(session, topic, limit=TOPIC_FIGURES)
    if not found.rows:
        return build_no_figures(topic)
    reply = build_figures(found.rows, topic_heading(topic, found), history=True)
    return share_one_group(offer_chart(reply, found.rows, topic), found.rows)


async def demands(session: Session, party: str) -> Reply:
    """/demands: each party's newest positions by side, the people quoted set apart; with a side,
    its parties' positions; with "people", the people quoted's; with a party, all of its own."""
    if not party:
        rows, choice = await overview(session, parties=DEMAND_PARTIES, per_party=DEMANDS_PER_PARTY)
        return build_overview(rows, choice, _("Demands and positions"))
    party = arguments.name(party, N_("/demands lists the parties"))
    if voices_named(party):
        rows, people, total = await voice_positions(
            session, people=DEMAND_PARTIES, per_person=DEMANDS_PER_PARTY
        )
        return build_voices(rows, people, total)
    side = side_named(party)
    if side is not None:
        found, voices = await side_positions(session, side, limit=PARTY_DEMANDS)
        return build_side_demands(found, side, voices)
    actor = await find_actor(session, party)
    name = actor.name if actor else party
    found = await demands_of(
        session, actor_id=actor.id if actor else None, party=name, limit=PARTY_DEMANDS
    )
    if not found.rows:
        return build_no_demands(party)
    return build_party_demands(found, name)


async def sources(session: Session, argument: str) -> Reply:
    """/sources: the newest articles, numbered as answers cite them; /sources N: article N."""
    if not argument:
        return build_sources(await list_sources(session, limit=SOURCES_SHOWN))
    number = arguments.article_number(argument)
    return build_source(await get_source(session, number), number)


async def ask(session: Session, question: str) -> Reply:
    """/ask and plain text: facts of the kind the question asks for, else the best sentences."""
    return await answer_question(session, arguments.question(question))


async def quotes(session: Session, speaker: str) -> Reply:
    """/quotes: the newest direct quotes; with a name, that speaker's (any alias of an actor)."""
    if not speaker:
        found = await quotes_of(session, actor_id=None, speaker=None, limit=QUOTES_SHOWN)
        return build_quotes(
            found, _("Quotes, newest first"), _("Send /quotes NAME for one speaker's.")
        )
    speaker = arguments.name(speaker, N_("/quotes shows the newest"))
    actor = await find_actor(session, speaker)
    name = actor.name if actor else speaker
    found = await quotes_of(
        session, actor_id=actor.id if actor else None, speaker=name, limit=QUOTES_SHOWN
    )
    if not found.rows:
        return build_no_quotes(speaker)
    heading = _("Quotes of {name}, newest first").format(name=name)
    return build_quotes(found, heading, _("The newest are shown."))


async def timeline_(session: Session, argument: str) -> Reply:
    """/timeline: the dated events of the articles, newest first, each sourced."""
    return build_timeline(await timeline(session, limit=TIMELINE_EVENTS))


async def help_(session: Session, argument: str) -> Reply:
    """/help and /start: what the bot does, the story, the commands."""
    # /chart's help line lives with the chart (chart_briefs), placed after /figures'.
    return build_help()


Handler = Callable[[Session, str], Awaitable[Reply]]

# Every command a user can send, by name; /start without a deep-link payload is /help.
COMMANDS: dict[str, Handler] = {
    "start": start,
    "help": help_,
    "who": who,
    "figures": figures,
    "demands": demands,
    "sources": sources,
    "quotes": quotes,
    "timeline": timeline_,
    "ask": ask,
}
