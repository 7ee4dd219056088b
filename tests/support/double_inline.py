"""`BotApiDouble`'s inline mode: a user typing `@bot query` in any chat, and the bot's answer.

`push_inline_query("zelensky", user_id=55, language_code="uk")` queues an `inline_query`
update and returns its id; `ask_inline(...)` pushes one and waits for the bot's
answerInlineQuery, returning the `InlineAnswer` kept: the results as sent, the text each
shows once chosen (tags stripped, as Telegram shows it), cache_time and is_personal.

answerInlineQuery is checked as Telegram checks it: an unknown or already answered query id
("query is too old…"), more than 50 results (RESULTS_TOO_MUCH), a result id empty or over 64
bytes (RESULT_ID_INVALID) or repeated (RESULT_ID_DUPLICATE), an article without a title, a
message text that is empty, over 4,096 characters or HTML Telegram cannot parse, a button
whose URL is not http(s) or tg, or whose callback data is over 64 bytes.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.bot_api_calls import Fault, FaultError, JSONDict
from tests.support.bot_api_objects import DEFAULT_USER_ID, make_user_json
from tests.support.telegram_html import render_text, utf16_len

if TYPE_CHECKING:
    from tests.support.double_store import DoubleStore

Handler = Callable[[JSONDict], Awaitable[Any]]
MOST_RESULTS = 50
ID_BYTES = 64
TEXT_LIMIT = 4096
CALLBACK_BYTES = 64
TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_URL_SCHEMES = ("https://", "http://", "tg://")


@dataclass(frozen=True)
class InlineAnswer:
    """The bot's answerInlineQuery: its results as sent, and the text each shows when chosen."""

    results: list[JSONDict]
    shown: dict[str, str]
    cache_time: int | None
    is_personal: bool

    def result(self, result_id: str) -> JSONDict:
        """One result, by its id."""
        return next(r for r in self.results if r["id"] == result_id)


@dataclass
class InlineState:
    """Inline queries pushed, and the answer to each once the bot gave it (None before)."""

    answers: dict[str, InlineAnswer | None] = field(default_factory=dict)


class InlineMethods:
    """answerInlineQuery, checked and kept in the double's `InlineState`."""

    def __init__(self, store: DoubleStore) -> None:
        self._store = store

    def routes(self) -> dict[str, Handler]:
        """The inline methods by name."""
        return {"answerInlineQuery": self._answer_inline_query}

    async def _answer_inline_query(self, params: JSONDict) -> bool:
        answers = self._store.inline.answers
        query_id = str(params.get("inline_query_id"))
        if query_id not in answers or answers[query_id] is not None:
            raise FaultError(Fault.bad_request(TOO_OLD))
        results = params.get("results") or []
        if not isinstance(results, list):
            raise FaultError(Fault.bad_request("can't parse inline query results JSON object"))
        if len(results) > MOST_RESULTS:
            raise FaultError(Fault.bad_request("RESULTS_TOO_MUCH"))
        shown: dict[str, str] = {}
        for result in results:
            result_id = _result_id(result, shown)
            shown[result_id] = _shown_text(result)
            _check_markup(result.get("reply_markup"))
        cache_time = params.get("cache_time")
        answers[query_id] = InlineAnswer(
            results,
            shown,
            None if cache_time is None else int(cache_time),
            bool(params.get("is_personal")),
        )
        return True


def _result_id(result: JSONDict, seen: dict[str, str]) -> str:
    """A result's id, refused as Telegram refuses it: empty, over 64 bytes, or repeated."""
    result_id = str(result.get("id") or "")
    if not result_id or len(result_id.encode("utf-8")) > ID_BYTES:
        raise FaultError(Fault.bad_request("RESULT_ID_INVALID"))
    if result_id in seen:
        raise FaultError(Fault.bad_request("RESULT_ID_DUPLICATE"))
    return result_id


def _shown_text(result: JSONDict) -> str:
    """The text an article result sends when chosen, parsed as Telegram parses it."""
    if result.get("type") != "article":
        raise FaultError(Fault.bad_request("the double answers article results only"))
    if not str(result.get("title") or "").strip():
        raise FaultError(Fault.bad_request("RESULT_TITLE_EMPTY"))
    content = result.get("input_message_content") or {}
    text = content.get("message_text")
    if not isinstance(text, str):
        raise FaultError(Fault.bad_request("input_message_content is required"))
    try:
        plain, _entities = render_text(text, content.get("parse_mode"), content.get("entities"))
    except ValueError as error:
        raise FaultError(Fault.bad_request(f"can't parse entities: {error}")) from None
    if not plain.strip():
        raise FaultError(Fault.bad_request("MESSAGE_EMPTY"))
    if utf16_len(plain) > TEXT_LIMIT:
        raise FaultError(Fault.bad_request("MESSAGE_TOO_LONG"))
    return plain


def _check_markup(markup: Any) -> None:
    """Refuse buttons Telegram refuses: a URL of another scheme, callback data over 64 bytes."""
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    for button in (b for row in rows for b in row):
        url = button.get("url")
        if url is not None and not str(url).startswith(_URL_SCHEMES):
            raise FaultError(Fault.bad_request("BUTTON_URL_INVALID"))
        data = button.get("callback_data")
        if data is not None and len(str(data).encode("utf-8")) > CALLBACK_BYTES:
            raise FaultError(Fault.bad_request("BUTTON_DATA_INVALID"))


class IncomingInline:
    """Users' inline queries, as updates for the bot, and the answers the bot gave them."""

    _store: DoubleStore

    def push_inline_query(
        self,
        query: str,
        user_id: int = DEFAULT_USER_ID,
        *,
        language_code: str | None = "en",
        chat_type: str = "private",
    ) -> str:
        """Queue an inline query (`@bot query` typed in a chat of `chat_type`); its id."""
        answers = self._store.inline.answers
        query_id = str(900_000 + len(answers) + 1)
        answers[query_id] = None
        user = make_user_json(user_id, language_code=language_code)
        raw = {"id": query_id, "from": user, "query": query, "offset": "", "chat_type": chat_type}
        self._store.queue_update({"inline_query": raw})
        return query_id

    def inline_answer(self, query_id: str) -> InlineAnswer | None:
        """The bot's answer to an inline query, or None while it has not answered."""
        return self._store.inline.answers.get(query_id)

    async def ask_inline(
        self,
        query: str,
        user_id: int = DEFAULT_USER_ID,
        *,
        language_code: str | None = "en",
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> InlineAnswer:
        """Push an inline query and wait for the bot's answer to it."""
        query_id = self.push_inline_query(query, user_id, language_code=language_code)
        deadline = time.monotonic() + timeout
        while (answer := self.inline_answer(query_id)) is None:
            if time.monotonic() >= deadline:
                calls = [(c.method, c.ok) for c in self._store.log]
                raise AssertionError(f"no answer to inline query {query!r}; calls: {calls}")
            await self._store.recorded.wait(deadline - time.monotonic())
        return answer
