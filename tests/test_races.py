"""Issue 15 item 4: concurrent writers cannot collide on new numbers, and wait for each other.

Several clerks create the first claim of a new year at the same moment; two imports create a
new unit from the file title at once; the same roster goes into two units at once. On SQLite
and PostgreSQL alike every writer finishes, or is told in a sentence, never an IntegrityError.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.models import Member, Unit
from app.models.db import SessionFactory
from app.services import roster_import
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.errors import InputErrors
from app.services.retry import WAITING, run_retrying, set_waiting_notice
from app.services.roster import RosterService
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay

WRITERS = 4


def _all_at_once(jobs: list[Callable[[], object]]) -> list[object]:
    """Run ``jobs`` in threads released together; their results or exceptions, in order."""
    gate = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int) -> None:
        gate.wait()
        try:
            results[i] = jobs[i]()
        except Exception as exc:  # collected: the test looks at them
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_first_claims_of_a_year_at_once_get_distinct_numbers(sessions: SessionFactory, clerk: Actor) -> None:
    members = [enrolled_member(sessions, clerk, name=f"会员{'甲乙丙丁'[i]}")[1] for i in range(WRITERS)]
    desk = ClaimService(sessions, clerk)
    for year, admission in ((2020, dt.date(2020, 5, 1)), (2021, dt.date(2020, 12, 20))):
        results = _all_at_once([lambda m=m, a=admission: desk.create(hospital_stay(m, a)) for m in members])
        assert not [r for r in results if isinstance(r, Exception)], results
        assert sorted(results) == [f"C{year}-{n:05d}" for n in range(1, WRITERS + 1)]  # type: ignore[type-var]


def _roster_file(path: Path, unit_name: str, numbers: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append([f"单位名称：{unit_name}"])
    ws.append(["序号", "姓名", "性别", "身份证号码"])
    for i, number in enumerate(numbers, 1):
        ws.append([i, f"职工{'甲乙丙丁戊己庚辛壬癸'[i - 1]}", "男" if int(number[16]) % 2 else "女", number])
    wb.save(path)
    return path


def test_two_imports_creating_new_units_take_distinct_codes(
    sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:
    files = [
        _roster_file(tmp_path / f"{i}.xlsx", f"新单位{i}", [factories.id_number() for _ in range(3)])
        for i in range(WRITERS)
    ]
    results = _all_at_once([lambda f=f: roster_import.import_roster(sessions, clerk, f) for f in files])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({r.unit_code for r in results}) == WRITERS  # type: ignore[attr-defined]
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == WRITERS
        assert s.scalar(select(func.count()).select_from(Member)) == 3 * WRITERS


def test_the_same_roster_into_two_units_at_once(
    sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:
    roster = RosterService(sessions, clerk)
    factories.unit(roster, "A001", "甲单位")
    factories.unit(roster, "B001", "乙单位")
    numbers = [factories.id_number() for _ in range(5)]
    path = _roster_file(tmp_path / "same.xlsx", "甲单位", numbers)
    results = _all_at_once(
        [lambda c=c: roster_import.import_roster(sessions, clerk, path, c) for c in ("A001", "B001")]
    )
    done = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(done) == 1 and len(refused) == 1, results
    assert isinstance(refused[0], InputErrors), refused
    text = str(refused[0])
    assert "身份证号码" in text and "已登记为会员" in text and "IntegrityError" not in text
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 5


def test_a_busy_database_is_waited_for_and_said(sessions: SessionFactory) -> None:
    """The retry loop itself: busy twice, then done; the wait is announced once."""
    from sqlalchemy.exc import OperationalError

    told: list[str] = []
    set_waiting_notice(told.append)
    calls = {"n": 0}

    def work() -> str:
        calls["n"] += 1
        if calls["n"] < 4:
            raise OperationalError("UPDATE claims …", {}, Exception("database is locked"))
        return "done"

    try:
        import app.services.retry as retry

        retry_start = retry.time.monotonic
        retry.time.monotonic = iter([0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0]).__next__  # type: ignore[assignment]
        try:
            assert run_retrying(work) == "done"
        finally:
            retry.time.monotonic = retry_start  # type: ignore[assignment]
    finally:
        set_waiting_notice(None)
    assert calls["n"] == 4 and told == [WAITING]


@pytest.fixture(autouse=True)
def _no_notice() -> None:
    set_waiting_notice(None)


def test_a_roster_write_waits_out_a_long_lock_and_says_so(
    sessions: SessionFactory, clerk: Actor, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 item 4: a write while another holds SQLite's lock past its timeout waited and
    then failed with "database is locked"; now it waits on, telling 正在等待其他操作完成…"""
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL writers queue on row locks; SQLite's whole-file lock is the case here")
    import sqlite3

    from app.models import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)  # SQLite gives up at once; our retry must not
    engine = db.make_engine(db_url)
    roster = RosterService(db.make_session_factory(engine), clerk)
    uid = factories.unit(roster, "U900", "等待单位")
    told: list[str] = []
    set_waiting_notice(told.append)
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long import holding the write lock
    done: list[object] = []
    writer = threading.Thread(target=lambda: done.append(factories.member(roster, uid, "等锁人")))
    try:
        writer.start()
        _wait_for(lambda: told == [WAITING])  # the writer is waiting, and has said so
        assert done == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        writer.join()
        engine.dispose()
    assert len(done) == 1 and isinstance(done[0], int) and told == [WAITING]


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = threading.Event()
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        deadline.wait(0.05)
