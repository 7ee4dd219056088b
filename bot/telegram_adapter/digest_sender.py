"""Digests sent through Telegram: each rendered once as an HTML page with buttons, sent to a chat.

`TelegramDigestSender` is the core's `DigestSender` for the Bot API. Telegram's refusals
become outcomes, with the error the store records:
- 403 Forbidden (the user blocked the bot): blocked, "blocked: …";
- 400 "chat not found": gone, "refused: …";
- any other 400: refused, "refused: …" (the subscription stays);
- 429 flood control, 5xx, network and other Telegram errors: retry later, "RetryAfter: …",
  "NetworkError: …" (the exception's type, then its message).
Anything else is raised: it is not a delivery failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.core.digest_composer import Digest
from bot.core.digest_sender import Failure, NotSent, SendOutcome, Sent
from bot.telegram_adapter.buttons import NO_PREVIEW, action_buttons, keyboard
from bot.telegram_adapter.rendering import render_pages
from briefings.i18n import current_language


@dataclass(frozen=True)
class RenderedDigest:
    """A digest as Telegram shows it: one HTML page (digests are bounded to one) and its buttons."""

    digest: Digest
    page: str
    markup: InlineKeyboardMarkup | None


def render_digest(digest: Digest) -> RenderedDigest:
    """A digest's page and buttons, labelled in the current language."""
    page = render_pages(digest.reply)[0]
    return RenderedDigest(digest, page, keyboard([action_buttons(digest.reply)]))


@dataclass
class TelegramDigestSender:
    """Sends digests with a Bot; build one per tick, since it keeps every digest it rendered."""

    bot: Bot
    # Sent as paid broadcasts (ALLOW_PAID_BROADCAST): above 30 a second, Telegram charges Stars.
    paid_broadcast: bool = False
    # Many subscribers share one Digest object in a tick: rendered once per language (its
    # buttons' labels are in the subscriber's), by the object's identity (each entry holds its
    # digest, so no id is reused while the sender lives).
    _rendered: dict[tuple[int, str], RenderedDigest] = field(default_factory=dict, init=False)

    def rendered(self, digest: Digest) -> RenderedDigest:
        """The digest's page and buttons in the current language, rendered on first use."""
        key = (id(digest), current_language())
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = render_digest(digest)
        return found

    async def send(self, chat_id: int, digest: Digest) -> SendOutcome:
        """Send a digest as one HTML message with its buttons; how it went."""
        rendered = self.rendered(digest)
        try:
            message = await self.bot.send_message(
                chat_id,
                rendered.page,
                parse_mode=ParseMode.HTML,
                reply_markup=rendered.markup,
                link_preview_options=NO_PREVIEW,
                allow_paid_broadcast=self.paid_broadcast or None,
            )
        except TelegramError as error:
            return not_sent(error)
        return Sent(message.message_id)


def not_sent(error: TelegramError) -> NotSent:
    """What a Telegram error means for a digest, with the error the store records."""
    if isinstance(error, Forbidden):
        return NotSent(Failure.BLOCKED, f"blocked: {error}")
    if isinstance(error, BadRequest):
        gone = "chat not found" in str(error).lower()
        return NotSent(Failure.GONE if gone else Failure.REFUSED, f"refused: {error}")
    return NotSent(Failure.RETRY_LATER, f"{type(error).__name__}: {error}")
