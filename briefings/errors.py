"""The domain's exception tree.

BriefingError                 base of every error the domain raises on purpose
├── InputError                an input we cannot use: an article, a time, a command's argument
│                             (the message is for the user)
│   ├── ArgumentError         a command's argument is not one it takes (a number, name, time…)
│   ├── EmptyInputError       nothing to read, or no article text inside
│   ├── BinaryInputError      bytes that are not text in any encoding we accept
│   ├── InputTooLargeError    over the configured size limit
│   ├── UnsupportedFormatError a file type we do not read
│   ├── FetchError            a web address that cannot or may not be fetched
│   │   ├── AddressNotAllowedError  not http(s), credentials inside, or a non-public host
│   │   └── FetchTimeoutError       no whole answer within the fetch timeout
│   ├── ExtractionTimeoutError  finding an article's facts took longer than allowed
│   └── ExtractionFailedError   finding an article's facts stopped (its worker died or broke)
└── DuplicateArticleError     the same article (normalised text hash) is already stored

An InputError's message is one sentence for the user, taken from the catalogs when the error
is raised: in the language of the answer being built (briefings.i18n.use_language), English
outside one. DuplicateArticleError's message is for the log; replies use its fields.
"""

from __future__ import annotations

from briefings.i18n import _, formats, n_


class BriefingError(Exception):
    """Base of every error the domain raises on purpose."""


class InputError(BriefingError):
    """An input cannot be used (an article, a time, an argument); the message is for the user."""


class ArgumentError(InputError):
    """A command's argument is not one the command takes; the message is the one sentence for it."""


class EmptyInputError(InputError):
    """There is no article text in the input."""


class BinaryInputError(InputError):
    """The input is binary, or text in an encoding we cannot decode."""


class InputTooLargeError(InputError):
    """The input is over the configured size limit."""


class UnsupportedFormatError(InputError):
    """The input's format is not one we read."""


class FetchError(InputError):
    """A web address cannot be fetched, or may not be (a private address, say)."""


class AddressNotAllowedError(FetchError):
    """The address may not be fetched: another scheme, credentials, or a non-public host."""


class FetchTimeoutError(FetchError):
    """The page did not arrive in full within the fetch timeout."""


class ExtractionTimeoutError(InputError):
    """Finding an article's facts took longer than the extraction time limit."""

    def __init__(self, seconds: float) -> None:
        # The message is in the language of the answer being built when it is raised.
        super().__init__(
            _(
                "Finding the facts in this article took longer than the {limit} allowed, "
                "so it was not loaded."
            ).format(limit=_seconds(seconds))
        )
        self.seconds = seconds


class ExtractionFailedError(InputError):
    """Finding an article's facts stopped half-way: the worker died, or a component broke."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Finding the facts in this article failed unexpectedly, so it was not loaded; "
                "the log has the details."
            )
        )


def _seconds(value: float) -> str:
    """A time limit as a reader writes it: "1 second", "90 seconds", "20 minutes"."""
    if value >= 120 and value % 60 == 0:
        minutes = value / 60
        return n_("{n} minute", "{n} minutes", minutes).format(n=formats.number(minutes))
    return n_("{n} second", "{n} seconds", value).format(n=formats.number(value))


class DuplicateArticleError(BriefingError):
    """The article is already in the store."""

    def __init__(self, article_id: int, title: str) -> None:
        super().__init__(f"already loaded as article {article_id}: {title}")
        self.article_id = article_id
        self.title = title
