"""Print the plan of every statement each benchmarked command runs, on a PostgreSQL store.

Each command of bench/answer.py (and each /ask question of tests/bot/ask_questions.json) is
answered once through the real bot on a kept store (a schema bench/answer.py --keep built);
every SELECT it ran is then run again under `EXPLAIN (ANALYZE, FORMAT JSON)` with the same
values. Prints, per statement, its execution and planning time and the plan node that touched
most rows (rows returned times loops, plus rows its filter removed), flagged when over
`--flag`: a statement whose work grows with the store shows up there, where a bounded one
stays near the rows it returns.

Usage: python bench/plans.py URL [--schema bench_10000] [--flag 1000] [--only LINE ...]
URL is a postgresql+asyncpg:// URL of the database holding the schema.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench import answer as bench_answer
from bot.settings import Settings
from bot.telegram_adapter.application import build_application, start_services, stop_services
from tests.support.bot_api_objects import make_command_update
from tests.support.recording_request import RecordingRequest

Statement = tuple[str, tuple[Any, ...]]


async def statements_of(url: str, schema: str, lines: list[str]) -> dict[str, list[Statement]]:
    """The SELECTs each line's answer ran, with their values, on the store in `schema`."""
    ran: list[Statement] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            ran.append((statement, tuple(params) if isinstance(params, tuple | list) else ()))

    bench_answer._SCHEMA.set(schema)
    settings = Settings(database_url=url, telegram_token=bench_answer.TOKEN)
    application = build_application(settings, request=RecordingRequest(), rate_limited=False)
    found: dict[str, list[Statement]] = {}
    async with application:
        await start_services(application)
        event.listen(Engine, "before_cursor_execute", record)
        try:
            for line in lines:
                ran.clear()
                await application.process_update(make_command_update(line, bot=application.bot))
                found[line] = list(ran)
        finally:
            event.remove(Engine, "before_cursor_execute", record)
            await stop_services(application)
    return found


def busiest_node(plan: dict[str, Any]) -> tuple[int, str]:
    """The node of a plan that touched most rows, and how many: returned and filtered out."""
    loops = plan.get("Actual Loops", 1)
    removed = plan.get("Rows Removed by Filter", 0) + plan.get("Rows Removed by Index Recheck", 0)
    touched = (plan.get("Actual Rows", 0) + removed) * loops
    name = f"{plan['Node Type']} {plan.get('Index Name') or plan.get('Relation Name') or ''}"
    busiest = (touched, name.strip())
    for child in plan.get("Plans", []):
        busiest = max(busiest, busiest_node(child))
    return busiest


async def explain(url: str, schema: str, found: dict[str, list[Statement]], flag: int) -> None:
    """Run each statement under EXPLAIN ANALYZE and print one line for it."""
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(f"SET search_path TO {schema}")
        for line, statements in found.items():
            for statement, values in statements:
                explained = f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}"
                raw = await connection.fetchval(explained, *values)
                plan = json.loads(raw)[0]
                touched, node = busiest_node(plan["Plan"])
                mark = "  <<<" if touched > flag else ""
                print(
                    f"{line[:38]:38s} exec {plan['Execution Time']:6.2f} plan "
                    f"{plan['Planning Time']:5.2f}  most {touched:7d} {node}{mark}"
                    f"  | {' '.join(statement.split())[:60]}"
                )
    finally:
        await connection.close()


async def main(url: str, schema: str, flag: int, only: list[str] | None) -> None:
    """Answer every line, then print each statement's plan."""
    lines = only or [*bench_answer.COMMANDS, *bench_answer.questions()]
    found = await statements_of(url, schema, lines)
    await explain(url, schema, found, flag)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--schema", default="bench_10000")
    parser.add_argument("--flag", type=int, default=1000)
    parser.add_argument("--only", nargs="+")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.url, arguments.schema, arguments.flag, arguments.only))
