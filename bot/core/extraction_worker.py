"""Extraction in a worker process that can really be stopped: every article within a time limit.

spaCy's tokenizer is quadratic on some runs of punctuation, and a thread cannot be stopped:
one hostile text would pin a CPU for hours. So the pipeline runs in a process of its own
(bot/core/extraction_process.py), started with "spawn" (forking a process that holds
threads and an event loop is unsafe), loaded once and kept between articles.

Invariants:

- One request at a time: extractions queue on a lock, and an article's time limit (the
  `budget`) starts once its request is sent, so no article pays for another's.
- The event loop never blocks: it is woken when the worker's answer is readable, and the
  answer is read and unpickled in a thread.
- An article over its budget gets the worker killed (SIGKILL) and is refused with one
  sentence (`ExtractionTimeoutError`); a worker that dies or raises refuses its article with
  one sentence too (`ExtractionFailedError`), its details in the log. The next article starts
  a fresh worker, as does one sent after the worker was killed from outside.
- The articles of a batch go through `nlp.pipe` together and come back one by one; the
  batch shares its articles' budgets (the next answer is due within a budget per article
  still awaited). When it overruns or its worker dies, the articles not yet answered are
  extracted one by one, each within its own budget, so only the culprit is refused. An
  article alone whose worker dies is tried once more on a fresh worker: the death may have
  had another cause (an outside kill, the kernel out of memory) than the article.
- No orphan: `close()` kills the worker, multiprocessing ends it at exit (a daemon), and the
  worker ends itself once its parent is gone.

Use a worker from one event loop at a time (tests hand one to a loop after another).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import weakref
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from bot.core.extraction_process import ArticleFailed, Ready, Request, StartFailed, serve
from briefings.errors import ExtractionFailedError, ExtractionTimeoutError, InputError
from briefings.model import ExtractedArticle, SourceText

log = logging.getLogger(__name__)

# Loading the pipeline takes about two seconds; this is for a machine under heavy load.
START_SECONDS = 120.0
# A killed process ends at once; this only bounds the wait for one stuck in the kernel.
CLOSE_SECONDS = 10.0

Extracted = ExtractedArticle | InputError


class WorkerStartError(RuntimeError):
    """The worker could not load the pipeline (a model not installed, say)."""


class _WorkerGoneError(Exception):
    """The worker's connection ended: the process died or was killed."""


class ExtractionWorker:
    """A process that extracts articles with the pipeline named, started on first use."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    @property
    def pid(self) -> int | None:
        """The worker process's id while it runs."""
        return self._process.pid if self._process is not None else None

    async def start(self) -> None:
        """Start the worker and load its pipeline now, rather than for the first article."""
        async with self._turn():
            await self._started()

    async def extract(self, source: SourceText, *, budget: float) -> ExtractedArticle:
        """One article's facts within `budget` seconds; raises an InputError saying why not."""
        (result,) = await self.extract_each([source], budget=budget, batch_size=1)
        if isinstance(result, InputError):
            raise result
        return result

    async def extract_each(
        self, sources: Sequence[SourceText], *, budget: float, batch_size: int
    ) -> list[Extracted]:
        """Each article's facts, or the InputError that refuses it, in order."""
        async with self._turn():
            results, stopped = await self._run(sources, budget, batch_size)
            rest = sources[len(results) :]
            if stopped is None:
                return results
            # An article over its time is not given another; one whose worker died is, once,
            # on a fresh worker (the worker may have died of something else: killed from
            # outside, or out of memory), and refused only if that one dies too.
            if len(rest) == 1 and isinstance(stopped, ExtractionTimeoutError):
                return [*results, stopped]
            log.warning("a request stopped; extracting its %d articles left one by one", len(rest))
            for source in rest:
                alone, stopped = await self._run([source], budget, 1)
                results.extend(alone if stopped is None else [stopped])
            return results

    def close(self) -> None:
        """Stop the worker (killed: it holds nothing to save) and wait for it to end."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=CLOSE_SECONDS)
            if process.exitcode is None:
                log.error("the extraction worker %s did not end when killed", process.pid)
            else:
                process.close()
        if connection is not None:
            connection.close()

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        """This caller's turn with the worker; the worker is stopped if the turn is cut short."""
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        async with lock:
            try:
                yield
            except BaseException:
                # Cancelled (a shutdown) or broken mid-request: the worker may still be busy
                # with it, and its late answers must not reach the next request.
                self.close()
                raise

    async def _run(
        self, sources: Sequence[SourceText], budget: float, batch_size: int
    ) -> tuple[list[Extracted], InputError | None]:
        """Send one request and take its answers, until all are in or the worker is stopped."""
        connection = await self._sent(Request(tuple(sources), batch_size))
        results: list[Extracted] = []
        for index, source in enumerate(sources):
            # The next answer is due within a budget for each article still awaited.
            allowed = budget * (len(sources) - index)
            try:
                answer = await _received(connection, allowed)
            except TimeoutError:
                log.warning("no facts of %s within %g s: worker stopped", source.source, allowed)
                self.close()
                return results, ExtractionTimeoutError(budget)
            except _WorkerGoneError:
                log.error("the extraction worker died on %s (%s)", source.source, self._ended())
                self.close()
                return results, ExtractionFailedError()
            results.append(_result(answer))
        return results, None

    async def _sent(self, request: Request) -> Connection:
        """Send a request to a running worker, starting one again if it was found dead."""
        connection = await self._started()
        try:
            await asyncio.to_thread(connection.send, request)
        except OSError:
            # Killed from outside while idle, just now: a fresh worker takes the request.
            log.warning("the extraction worker had died (%s); starting it again", self._ended())
            self.close()
            connection = await self._started()
            await asyncio.to_thread(connection.send, request)
        return connection

    async def _started(self) -> Connection:
        """The connection to a running worker, started (and its pipeline loaded) if need be."""
        if self._process is not None and self._connection is not None:
            # An idle worker has nothing to say: a readable connection is one that has ended.
            if self._process.is_alive() and not self._connection.poll():
                return self._connection
            log.warning("the extraction worker had died (%s); starting it again", self._ended())
            self.close()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=serve, args=(theirs, self.model, os.getpid()), name="extraction", daemon=True
        )
        self._process, self._connection = process, ours
        await asyncio.to_thread(process.start)
        theirs.close()
        try:
            answer = await _received(ours, START_SECONDS)
        except (TimeoutError, _WorkerGoneError):
            self.close()
            raise WorkerStartError("the extraction worker did not start") from None
        if isinstance(answer, StartFailed):
            self.close()
            raise WorkerStartError(
                f"the extraction worker cannot load {self.model}: {answer.reason}"
            )
        if not isinstance(answer, Ready):
            raise AssertionError(f"unexpected first answer from the worker: {answer!r}")
        return ours

    def _ended(self) -> str:
        """How the worker ended, for the log."""
        process = self._process
        if process is None:
            return "not running"
        process.join(timeout=1)
        return f"exit code {process.exitcode}"


async def _received(connection: Connection, seconds: float) -> object:
    """The worker's next answer, once readable within `seconds`; read off the event loop."""
    loop = asyncio.get_running_loop()
    readable: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not readable.done():
            readable.set_result(None)

    loop.add_reader(connection.fileno(), wake)
    try:
        await asyncio.wait_for(readable, seconds)
    finally:
        loop.remove_reader(connection.fileno())
    try:
        return await asyncio.to_thread(connection.recv)
    except (EOFError, OSError):
        raise _WorkerGoneError from None


def _result(answer: object) -> Extracted:
    """An answer as an article's facts, or the sentence that refuses it (details logged)."""
    if isinstance(answer, ExtractedArticle):
        return answer
    if isinstance(answer, ArticleFailed):
        log.error("extracting %s failed in the worker:\n%s", answer.source, answer.details)
        return ExtractionFailedError()
    raise AssertionError(f"unexpected answer from the worker: {answer!r}")
