"""A writer process for the audit concurrency test: saves its own units in step with the others."""

from __future__ import annotations

from typing import Any

from app.models.db import open_database
from app.services.auth import Actor
from app.services.roster import RosterService, UnitDraft


def write_units(
    url: str, actor: tuple[int, str, str], worker: int, rounds: int, barrier: Any, errors: Any
) -> None:
    engine, sessions = open_database(url)
    roster = RosterService(sessions, Actor(*actor))
    try:
        for r in range(rounds):
            barrier.wait(timeout=60)  # every writer saves at the same moment
            try:
                roster.save_unit(UnitDraft(code=f"P{worker}{r:03d}", name=f"并发单位{worker}-{r}"))
            except Exception as exc:  # reported to the test, which fails on any
                errors.put(f"{worker}/{r}: {type(exc).__name__}: {exc}")
    finally:
        engine.dispose()
