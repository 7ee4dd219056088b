"""The catalogs: every message of the interface in both languages, Ukrainian translated with
its placeholders and plural forms, and no user-facing literal left outside them."""

from __future__ import annotations

import ast
import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.telegram_adapter.application import ALREADY_POLLING
from briefings.i18n import ENGLISH, UKRAINIAN, current_language, language_for, n_, use_language
from briefings.i18n.extraction import ROOT, extract_messages
from briefings.i18n.upkeep import problems

# The modules whose strings people read: replies, vocabulary, errors, the core's messages, the
# Telegram adapter's buttons and notices, the console.
INTERFACE = (
    "briefings/replies",
    "briefings/vocabulary",
    "briefings/errors.py",
    "bot/core",
    "bot/telegram_adapter",
    "bot/terminal/console.py",
    "bot/terminal/load_report.py",
    "briefings/reading",
    "storage/failures.py",
)
# Two words, or a capitalised word: prose a person reads (identifiers and commands are not).
PROSE = re.compile(r"[A-Za-z]{2,}[^\n]*\s[A-Za-z]{2,}|^[A-Z][a-z]{2,}")
MARKERS = frozenset({"_", "N_", "n_", "counted"})
# Calls whose strings are for the operator: logs, and errors no user sees.
OPERATOR_CALLS = frozenset(
    {
        "debug",
        "info",
        "warning",
        "error",
        "exception",
        "critical",
        "log",
        "ValueError",
        "RuntimeError",
        "TypeError",
        "KeyError",
        "AssertionError",
        "NotImplementedError",
    }
)
# Reviewed literals that look like prose but no person reads as the interface, by module.
NOT_INTERFACE: dict[str, frozenset[str]] = {
    # A name in the module's __all__.
    "briefings/reading/articles.py": frozenset({"TextFormat"}),
    # What drivers say, matched to sort a failure (asyncio's, Alembic's), and the messages of
    # storage's own exceptions, for the log (the user's sentence is describe_store_failure's).
    "storage/failures.py": frozenset(
        {"Multiple exceptions:", "Can't locate revision", "cannot create ", "no such file: "}
    ),
    # The operator's: a second process refused at start (stderr, exit 1), and a job's name.
    "bot/telegram_adapter/application.py": frozenset({ALREADY_POLLING, "digest tick"}),
    # matplotlib's settings: the chart's font, the legend's place, a PNG metadata key.
    "bot/core/chart_rendering.py": frozenset({"DejaVu Sans", "outside right upper", "Software"}),
    # The worker's start failures and exit, for the log (a load it fails says UNEXPECTED).
    "bot/core/extraction_worker.py": frozenset(
        {
            "the extraction worker did not start",
            "the extraction worker cannot load ",
            "not running",
            "exit code ",
        }
    ),
    # HTTP request headers: the loader's User-Agent, the header names, the encodings asked for.
    "bot/core/fetching.py": frozenset(
        {"ceasefire-brief/1.0 (article loader)", "User-Agent", "Accept", "Accept-Encoding"}
    ),
    "bot/core/page_bodies.py": frozenset({"gzip, deflate"}),
    # The source name of pasted text, stored with the article (the store's language, English).
    "bot/core/loading.py": frozenset({"pasted text"}),
    # DuplicateArticleError's message, for the log: replies are built from its fields.
    "briefings/errors.py": frozenset({"already loaded as article "}),
    # Qualifiers as stored with a figure, matched to bound its value; never shown from here.
    "briefings/replies/figure_comparison.py": frozenset(
        {"less than", "at most", "up to", "more than", "at least"}
    ),
    # Telegram's error text, matched to tell a deleted chat from other refusals.
    "bot/telegram_adapter/digest_sender.py": frozenset({"chat not found"}),
    # A digest failure's kind, an enum value the fan-out matches and logs; never shown.
    "bot/core/digest_sender.py": frozenset({"retry later"}),
    # The report to the operators' error channel, in English like the logs.
    "bot/telegram_adapter/error_handler.py": frozenset(
        {"no exception", "<b>ceasefire-brief error</b>: ", "\n…and happened "}
    ),
    # The group of a failure, shown in that report.
    "bot/telegram_adapter/error_reports.py": frozenset({"no exception", "unknown place"}),
    # Commands, the same in every language: the buttons under a group's /settings.
    "briefings/replies/group_briefs.py": frozenset(
        {"/settings long private", "/settings long here"}
    ),
    # Telegram's error text for a user it knows no private chat with.
    "bot/telegram_adapter/group_replies.py": frozenset({"chat not found"}),
    # Telegram's error text for an edit that changes nothing.
    "bot/telegram_adapter/replying.py": frozenset({"not modified"}),
    # An asyncio task's name, for the logs.
    "bot/telegram_adapter/serving.py": frozenset({"poller standby"}),
    # HTTP answers to Telegram's posts and to health probes (load balancers, operators).
    "bot/telegram_adapter/webhook_server.py": frozenset(
        {
            "Forbidden: wrong or missing secret token.\n",
            "Bad request: not a Telegram update.\n",
            "the bot's services are not running yet",
            "the store did not answer in time",
            "the store's schema is ",
            "store answers at schema revision ",
        }
    ),
}


def test_every_message_is_in_both_catalogs_and_translated() -> None:
    assert problems(extract_messages()) == []


def test_no_user_facing_literal_bypasses_the_catalogs() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _interface_modules()
        for line, text in _bare_prose(path)
        if text not in NOT_INTERFACE.get(str(path.relative_to(ROOT)), frozenset())
    ]
    assert found == []


def test_the_checker_sees_a_bare_literal(tmp_path: Path) -> None:
    module = tmp_path / "reply.py"
    module.write_text(
        '"""Doc string."""\n'
        'def f(n):\n    """Doc string too."""\n'
        '    log.info("Operator words here")\n'
        '    ok = _("Figures and who claims them")\n'
        '    also = counted(n, "{n} more party", "{n} more parties")\n'
        '    return f"Sources disagree about {n}"\n'
    )
    assert [text for _, text in _bare_prose(module)] == ["Sources disagree about "]


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("uk", UKRAINIAN),
        ("uk-UA", UKRAINIAN),
        ("UK", UKRAINIAN),
        ("en", ENGLISH),
        ("ru", ENGLISH),
        (None, ENGLISH),
        ("", ENGLISH),
        ("ukx", ENGLISH),
    ],
)
def test_the_language_follows_telegrams_language_code(code: str | None, language: str) -> None:
    assert language_for(code) == language


def test_ukrainian_takes_its_three_plural_forms() -> None:
    with use_language(UKRAINIAN):
        forms = [n_("{n} more party", "{n} more parties", n).format(n=n) for n in (1, 3, 5, 21)]
    with use_language(ENGLISH):
        english = n_("{n} more party", "{n} more parties", 5).format(n=5)
    assert len(set(forms[:3])) == 3 and forms[3].replace("21", "1") == forms[0]
    assert english == "5 more parties"


async def test_each_task_keeps_its_own_language() -> None:
    async def speak(language: str) -> list[str]:
        with use_language(language):
            seen = []
            for _ in range(3):
                await asyncio.sleep(0)
                seen.append(current_language())
            return seen

    english, ukrainian = await asyncio.gather(speak(ENGLISH), speak(UKRAINIAN))
    assert english == [ENGLISH] * 3 and ukrainian == [UKRAINIAN] * 3
    assert current_language() == ENGLISH


def _interface_modules() -> Iterator[Path]:
    for name in INTERFACE:
        path = ROOT / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _bare_prose(path: Path) -> Iterator[tuple[int, str]]:
    """Each string literal (or f-string part) that reads as prose and is neither a docstring,
    nor marked for the catalogs, nor said to the operator."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _docstrings(tree) | _inside_calls(tree, MARKERS | OPERATOR_CALLS)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and PROSE.search(node.value)
        ):
            yield node.lineno, node.value


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _inside_calls(tree: ast.AST, names: frozenset[str]) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node) in names:
            inside |= {id(sub) for sub in ast.walk(node)}
    return inside


def _called(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else ""
