"""Four clerks saving different records at the same moment, 30 times: one chain, never a fork.

Before: on PostgreSQL 27 of 30 rounds gave a false "records deleted" alarm (two entries after
the same one). Now appends are serialised (an advisory lock; ``seq`` is unique) and ``audit
verify`` passes. Runs on SQLite and PostgreSQL (conftest: BOTH_BACKENDS).
"""

from __future__ import annotations

import multiprocessing

from app.models.db import SessionFactory
from app.services.audit_queries import AuditQueries
from app.services.auth import Actor
from tests.audit_writers import write_units

WRITERS, ROUNDS = 4, 30


def test_four_writers_at_once_keep_one_chain(sessions: SessionFactory, db_url: str, admin: Actor) -> None:
    before = AuditQueries(sessions).verify_report().count
    ctx = multiprocessing.get_context("spawn")
    barrier, errors = ctx.Barrier(WRITERS), ctx.Queue()
    who = (admin.user_id, admin.username, admin.role)
    procs = [
        ctx.Process(target=write_units, args=(db_url, who, w, ROUNDS, barrier, errors))
        for w in range(WRITERS)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    failed = []
    while not errors.empty():
        failed.append(errors.get())
    assert failed == [] and [p.exitcode for p in procs] == [0] * WRITERS
    report = AuditQueries(sessions).verify_report()
    print(
        f"并发写入 {WRITERS}×{ROUNDS}：共 {report.count} 条，"
        + ("通过" if report.ok else "；".join(report.problems))
    )
    assert report.ok, report.problems
    assert report.count == before + WRITERS * ROUNDS
