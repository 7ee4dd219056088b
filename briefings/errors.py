"""The domain's exception tree.

BriefingError                 base of every error the domain raises on purpose
├── InputError                the input cannot become an article (message is for the user)
│   ├── EmptyInputError       nothing to read, or no article text inside
│   ├── BinaryInputError      bytes that are not text in any encoding we accept
│   ├── InputTooLargeError    over the configured size limit
│   ├── UnsupportedFormatError a file type we do not read
│   └── FetchError            a web address that cannot or may not be fetched
│       ├── AddressNotAllowedError  not http(s), credentials inside, or a non-public host
│       └── FetchTimeoutError       no whole answer within the fetch timeout
└── DuplicateArticleError     the same article (normalised text hash) is already stored
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the domain raises on purpose."""


class InputError(BriefingError):
    """The input cannot become an article; the message is written for the user."""


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


class DuplicateArticleError(BriefingError):
    """The article is already in the store."""

    def __init__(self, article_id: int, title: str) -> None:
        super().__init__(f"already loaded as article {article_id}: {title}")
        self.article_id = article_id
        self.title = title
