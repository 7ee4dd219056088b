"""Print the share of the /ask question set answered right, on a fresh store of the seeds.

The set is tests/bot/ask_questions.json; each question's answer is right when its first cited
fact holds the words the set asks for (tests/support/ask_eval.py). The test of the same name
fails when the share drops below its floor.

Usage: python scripts/ask_share.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.core.commands import respond  # noqa: E402
from bot.core.runtime import open_runtime  # noqa: E402
from bot.core.seeding import ensure_seeded  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.support.ask_eval import AskScore, load_cases  # noqa: E402


async def main() -> None:
    """Seed a store in a temporary directory, ask every question, print the score."""
    with tempfile.TemporaryDirectory() as workdir:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(workdir) / 'ask.db'}",
            seeds_dir=REPO / "seeds",
        )
        runtime = await open_runtime(settings)
        try:
            await ensure_seeded(runtime)
            score = AskScore()
            for case in load_cases():
                score.add(case, await respond(runtime, f"/ask {case.question}"))
        finally:
            await runtime.close()
    print(score.report())


if __name__ == "__main__":
    asyncio.run(main())
