"""Admin handler tests: /load, /articles and /remove through process_update, Bot API recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from app_builders import ADMIN_ID, make_settings, runtime_of, shown_text, started_application

import storage.saving as saving
from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.menus import ADMIN_MENU, MENU
from briefings.replies.load_briefs import EXTRACTING, READING, SAVING
from storage import export_store
from tests.support.bot_api_objects import (
    make_callback_update,
    make_command_update,
    make_document_update,
    make_user_json,
    make_user_message_json,
)
from tests.support.recording_request import RecordingRequest

VISITOR_ID = 5150
ARTICLE = (
    "Envoys meet in Geneva\n\n"
    "GENEVA, 10 December 2024 — Keith Kellogg, the US envoy, met Ukrainian officials in Geneva "
    "on Monday. Russia's defence ministry said 90,000 Ukrainian soldiers had been killed since "
    "2022.\n\n"
    "The Kremlin demanded that Ukraine withdraw from four regions before any ceasefire."
)


@pytest_asyncio.fixture
async def app(app: BriefApplication) -> AsyncIterator[BriefApplication]:
    """The shared bot (tests/bot/telegram_adapter/conftest.py), running.

    Running, so that handlers with block=False become tasks the application tracks.
    """
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def snapshot(app: BriefApplication) -> dict[str, Any]:
    """The whole store as `briefbot export` prints it."""
    async with runtime_of(app).sessions() as session:
        return dict(await export_store(session))


async def settle(app: BriefApplication) -> None:
    """Wait for handlers that run beside other updates (block=False, run as PTB tasks) to finish."""
    for _ in range(500):
        pending = [t for t in asyncio.all_tasks() if "create_task_callback" in repr(t.get_coro())]
        if not pending:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the load did not finish")


async def command(app: BriefApplication, text: str, user_id: int = ADMIN_ID) -> None:
    """A user (the admin by default) sends a command in their private chat; wait for the load."""
    await app.process_update(make_command_update(text, bot=app.bot, chat_id=user_id))
    await settle(app)


def texts(recorder: RecordingRequest, chat_id: int = ADMIN_ID) -> list[str]:
    """What the chat was shown, in order: each message sent and each edit."""
    calls = [c for c in recorder.calls() if c.method in {"sendMessage", "editMessageText"}]
    return [shown_text(c.params["text"]) for c in calls if int(c.params["chat_id"]) == chat_id]


async def test_admins_get_the_admin_menu_in_their_own_chat(
    seeded_store: Path, extraction_worker: ExtractionWorker, recorder: RecordingRequest
) -> None:
    async with started_application(make_settings(seeded_store), extraction_worker, recorder):
        calls = recorder.calls("setMyCommands")
    # English, Telegram's default, has no language_code; then each other language has its own.
    languages = [call.params.get("language_code") for call in calls]
    assert languages == [None, None, "uk", "uk"]
    everyone, admin = calls[:2]
    assert [c["command"] for c in everyone.params["commands"]] == [c.command for c in MENU]
    assert "scope" not in everyone.params
    assert [c["command"] for c in admin.params["commands"]] == [c.command for c in ADMIN_MENU]
    assert admin.params["scope"] == {"type": "chat", "chat_id": ADMIN_ID}
    assert calls[3].params["scope"] == admin.params["scope"]


async def test_pasted_text_is_loaded_with_progress_in_one_message(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await command(app, f"/load {ARTICLE}")
    shown = texts(recorder)
    assert shown[:3] == [READING, EXTRACTING, SAVING]
    assert len(recorder.calls("sendMessage")) == 1
    summary = shown[-1]
    assert summary.startswith("✅ Loaded as article [3]")
    assert "Envoys meet in Geneva" in summary
    assert "Disagrees with earlier sources" in summary
    recorder.clear()
    await command(app, "/sources 3")
    assert "Envoys meet in Geneva" in texts(recorder)[0]


async def test_the_same_text_again_is_reported_as_already_loaded(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await command(app, f"/load {ARTICLE}")
    before = await snapshot(app)
    recorder.clear()
    await command(app, f"/load {ARTICLE}")
    assert texts(recorder)[-1].startswith("Already loaded as article [3]")
    assert await snapshot(app) == before


async def test_a_non_admin_is_refused_and_nothing_changes(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    before = await snapshot(app)
    for line in (f"/load {ARTICLE}", "/articles", "/remove 1", "/remove 1 yes"):
        recorder.clear()
        await command(app, line, user_id=VISITOR_ID)
        [shown] = texts(recorder, VISITOR_ID)
        assert "is for admins" in shown
    assert await snapshot(app) == before


async def test_load_in_reply_to_a_message_loads_its_text(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    user = make_user_json(ADMIN_ID)
    pasted = make_user_message_json(7, ADMIN_ID, user, text=ARTICLE)
    update = make_command_update("/load", bot=app.bot, chat_id=ADMIN_ID, reply_to=pasted)
    await app.process_update(update)
    await settle(app)
    assert texts(recorder)[-1].startswith("✅ Loaded as article [3]")


async def test_a_bare_load_explains_the_ways_to_load(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await command(app, "/load")
    assert texts(recorder)[-1].startswith("To load an article, send one of:")


async def test_a_document_with_load_as_caption_is_downloaded_and_loaded(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    recorder.store_file("doc-1", ARTICLE.encode())
    update = make_document_update(
        "doc-1",
        "geneva.txt",
        bot=app.bot,
        file_size=len(ARTICLE.encode()),
        caption="/load",
        chat_id=ADMIN_ID,
    )
    await app.process_update(update)
    await settle(app)
    assert recorder.calls("getFile")
    assert texts(recorder)[-1].startswith("✅ Loaded as article [3]")


@pytest.mark.parametrize(
    ("name", "content", "size", "reason"),
    [
        ("scan.txt", b"\x00\x01\x02\xff" * 400, None, "binary"),
        ("big.txt", b"x", 3 * 1024 * 1024, "limit is 2.0 MB"),
        ("report.pdf", b"%PDF-1.7 ...", None, "cannot read .pdf"),
        ("empty.txt", b"   \n\n  ", None, ""),
    ],
)
async def test_a_bad_document_is_refused_and_the_store_is_unchanged(
    app: BriefApplication,
    recorder: RecordingRequest,
    name: str,
    content: bytes,
    size: int | None,
    reason: str,
) -> None:
    before = await snapshot(app)
    recorder.store_file("doc-bad", content)
    update = make_document_update(
        "doc-bad",
        name,
        bot=app.bot,
        file_size=size or len(content),
        caption="/load",
        chat_id=ADMIN_ID,
        mime_type="application/octet-stream",
    )
    await app.process_update(update)
    await settle(app)
    summary = texts(recorder)[-1]
    assert summary.startswith("❌ Not loaded.")
    assert summary.endswith("The store is unchanged.")
    assert reason.lower() in summary.lower()
    if size:
        assert not recorder.calls("getFile")
    assert await snapshot(app) == before


async def test_a_failure_during_the_save_rolls_everything_back(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = await snapshot(app)
    real = saving._insert_sentences

    async def fail_after_the_sentences(*args: Any, **kwargs: Any) -> Any:
        await real(*args, **kwargs)
        raise saving.IntegrityError("INSERT", {}, Exception("injected failure"))

    monkeypatch.setattr(saving, "_insert_sentences", fail_after_the_sentences)
    await command(app, f"/load {ARTICLE}")
    assert texts(recorder)[-1].startswith("❌ Not loaded. The database refused the article")
    assert await snapshot(app) == before


async def test_other_users_are_answered_while_an_article_is_extracted(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The load's handler waits on the extraction (here held until the other user has had an
    # answer); test_load_budget_e2e.py answers /who while the worker really works.
    released = asyncio.Event()
    worker = runtime_of(app).extraction
    real_extract = worker.extract_each

    async def held_extract(*args: Any, **kwargs: Any) -> Any:
        await asyncio.wait_for(released.wait(), timeout=10)
        return await real_extract(*args, **kwargs)

    monkeypatch.setattr(worker, "extract_each", held_extract)
    await app.process_update(make_command_update(f"/load {ARTICLE}", bot=app.bot, chat_id=ADMIN_ID))
    await app.process_update(make_command_update("/who", bot=app.bot, chat_id=VISITOR_ID))
    answered = [c for c in recorder.calls("sendMessage") if c.params["chat_id"] == VISITOR_ID]
    assert answered and shown_text(answered[0].params["text"]).startswith("Who is who")
    released.set()
    await settle(app)
    assert texts(recorder)[-1].startswith("✅ Loaded as article [3]")


async def test_articles_lists_what_is_loaded(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await command(app, "/articles")
    shown = texts(recorder)[0]
    assert shown.startswith("Loaded articles")
    assert "1. " in shown and "2. " in shown


async def test_remove_asks_then_removes_on_the_button(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await command(app, "/remove 2")
    [prompt] = recorder.calls("sendMessage")
    assert shown_text(prompt.params["text"]).startswith("Remove article [2]")
    [[button]] = prompt.params["reply_markup"]["inline_keyboard"]
    assert button["callback_data"] == "cmd:/remove 2 yes"
    visitor_press = make_callback_update(
        button["callback_data"], bot=app.bot, chat_id=ADMIN_ID, user_id=VISITOR_ID
    )
    await app.process_update(visitor_press)
    assert len((await snapshot(app))["articles"]) == 2
    recorder.clear()
    press = make_callback_update(button["callback_data"], bot=app.bot, chat_id=ADMIN_ID)
    await app.process_update(press)
    assert texts(recorder)[-1].startswith("🗑 Removed article [2]")
    assert [a["id"] for a in (await snapshot(app))["articles"]] == [1]
    recorder.clear()
    await app.process_update(press)
    assert texts(recorder)[-1].startswith("There is no article 2.")


async def test_two_admins_loading_at_once_both_succeed_without_duplicate_actors(
    seeded_store: Path, extraction_worker: ExtractionWorker, recorder: RecordingRequest
) -> None:
    second_admin = ADMIN_ID + 1
    settings = make_settings(seeded_store).model_copy(
        update={"admin_ids": frozenset({ADMIN_ID, second_admin})}
    )
    other = ARTICLE.replace("Envoys meet in Geneva", "Envoys meet again").replace(
        "90,000", "95,000"
    )
    async with started_application(settings, extraction_worker, recorder) as app:
        await app.start()
        try:
            await asyncio.gather(
                app.process_update(
                    make_command_update(f"/load {ARTICLE}", bot=app.bot, chat_id=ADMIN_ID)
                ),
                app.process_update(
                    make_command_update(f"/load {other}", bot=app.bot, chat_id=second_admin)
                ),
            )
            await settle(app)
            exported = await snapshot(app)
        finally:
            await app.stop()
    assert texts(recorder)[-1].startswith("✅ Loaded as article")
    assert texts(recorder, second_admin)[-1].startswith("✅ Loaded as article")
    names = [actor["name"] for actor in exported["actors"]]
    assert len(names) == len(set(names))
    assert sum("Kellogg" in name for name in names) == 1
    assert len(exported["articles"]) == 4
