"""One measured operation of ``python -m benchmarks scale`` in a process of its own, so its peak
RSS is its own: ``python -m benchmarks.scale_probe OP URL [PATH]`` prints one JSON line
``{"seconds": …, "rss_mb": …, …}``.

Each operation times only its work (not imports or set-up): ``seconds`` of wall time and ``cpu``
seconds of this process over the same span (what a busy shared machine stretches least).

Operations and their baselines (measured on the same database or file in the same run):
- ``export`` all members with every field, the program's way (roster_import.export_roster);
  ``export_base``: the same columns from a streamed cursor into XlsxWriter's constant-memory mode;
- ``import`` a roster file into a new SQLite database through roster_import.import_roster;
  ``import_base``: python-calamine parse of the same file + raw executemany into the same table;
- ``verify`` the audit log as ``audit verify`` does; ``verify_base``: rows streamed from the
  driver, sha256 chained in a loop.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXPORT_SQL = (
    "SELECT u.code, u.name, m.name, m.gender, m.birth_date, m.id_number, m.phone, m.medical_card, "
    "m.social_security_card, m.jingka_card, m.bank_name, m.bank_account, m.employment, "
    "m.union_member_since, m.is_model_worker, m.is_hardship, m.basic_medical_insurance "
    "FROM members m JOIN units u ON u.id = m.unit_id ORDER BY u.code, m.name_key, m.id"
)


class Clock:
    """Wall and CPU time from creation (or the last ``restart``)."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def split(self) -> tuple[float, float]:
        return time.perf_counter() - self._wall, time.process_time() - self._cpu

    def result(self, **more: Any) -> dict[str, Any]:
        wall, cpu = self.split()
        return {"seconds": wall, "cpu": cpu, **more}


def _rss_mb() -> float:
    """This process's peak RSS (VmHWM: ru_maxrss would carry the parent's peak over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _admin(sessions: Any) -> Any:
    from app.services.users import UserService

    return UserService(sessions).actor_for("admin")


def export(url: str, out: str) -> dict[str, Any]:
    from app.models.db import open_database
    from app.services import roster_import

    _engine, sessions = open_database(url)
    clock = Clock()
    written = roster_import.export_members(sessions, None, "full", Path(out))
    return clock.result(rows=written.rows, sheets=written.sheets)


def export_base(url: str, out: str) -> dict[str, Any]:
    """XlsxWriter constant_memory from a streamed cursor, a new file every 1,048,575 rows as the
    export does (one sheet holds no more: XlsxWriter skips rows past it without a word)."""
    import xlsxwriter
    from sqlalchemy import create_engine

    from app.io.xlsx_stream import EXCEL_ROWS, part_path

    engine = create_engine(url)
    clock = Clock()
    rows, files, line = 0, 0, EXCEL_ROWS
    wb: Any = None
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, max_row_buffer=5000).exec_driver_sql(EXPORT_SQL)
        for r in result:
            if line == EXCEL_ROWS:
                if wb is not None:
                    wb.close()
                files += 1
                wb = xlsxwriter.Workbook(part_path(Path(out), files), {"constant_memory": True})
                text = wb.add_format({"num_format": "@"})
                ws = wb.add_worksheet("会员名册")
                line = 1
            for col, value in enumerate(r):
                if value is None or value == "":
                    continue
                if col in (4, 13):
                    ws.write_string(line, col, str(value))
                elif isinstance(value, str):
                    ws.write_string(line, col, value, text)
                else:
                    ws.write(line, col, value)
            rows += 1
            line += 1
    if wb is not None:
        wb.close()
    return clock.result(rows=rows, files=files)


def _fresh_sqlite(folder: str) -> tuple[str, Any, Any]:
    from app.models.db import open_database
    from app.services.roster import RosterService, UnitDraft
    from app.services.users import OfficeInfo, UserService

    url = f"sqlite:///{Path(folder) / 'import.db'}"
    engine, sessions = open_database(url)
    admin = UserService(sessions).set_up(OfficeInfo("基准", "办事处", ""), "admin", "bench-pass")
    RosterService(sessions, admin).save_unit(UnitDraft("B001", "基准单位"))
    return url, engine, (sessions, admin)


def import_(_url: str, path: str) -> dict[str, Any]:
    from app.services import roster_import

    with tempfile.TemporaryDirectory(prefix="hzbz-bench-import-") as folder:
        _u, engine, (sessions, admin) = _fresh_sqlite(folder)
        clock = Clock()
        report = roster_import.import_roster(sessions, admin, Path(path), "B001")
        result = clock.result(rows=report.imported)
        engine.dispose()
    return result


def import_base(_url: str, path: str) -> dict[str, Any]:
    """calamine parse + raw sqlite3 executemany of the same rows into the same members table, its
    plain indexes dropped before and built after (the fastest raw way, and the import's), and the
    one INSERT … SELECT that puts the rows in the search index: the state the import leaves."""
    from python_calamine import CalamineWorkbook

    from app.models.search import FTS_TABLE, STATE_TABLE, document_sql
    from benchmarks.scale_data import MEMBER_COLUMNS

    with tempfile.TemporaryDirectory(prefix="hzbz-bench-import-") as folder:
        url, engine, _ = _fresh_sqlite(folder)
        engine.dispose()
        clock = Clock()
        cells = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
        parsed, parsed_cpu = clock.split()
        start = next(i for i, row in enumerate(cells) if "身份证号码" in row) + 1
        stamp = dt.datetime(2026, 1, 5).isoformat(sep=" ")
        index_sql = f"INSERT INTO {FTS_TABLE}(rowid, doc) SELECT id, {document_sql('sqlite')} FROM members"
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        conn.execute(f"UPDATE {STATE_TABLE} SET bulk = 1 WHERE id = 1")  # search triggers stand aside
        plain = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).fetchall()
        for name, _sql in plain:
            conn.execute(f"DROP INDEX {name}")
        marks = ", ".join("?" for _ in MEMBER_COLUMNS)
        sql = f"INSERT INTO members ({', '.join(MEMBER_COLUMNS)}) VALUES ({marks})"
        rows = (
            (1, r[2], "", "", str(r[5]), r[3], str(r[4])[:10], r[6], r[7], r[8], r[9], r[10], r[11],
             "in_service", None, None, False, False, True, stamp, stamp, 1)
            for r in cells[start:]
        )  # fmt: skip
        conn.executemany(sql, rows)
        for _name, create in plain:
            conn.execute(create)
        inserted, inserted_cpu = clock.split()
        conn.execute(index_sql)
        conn.commit()
        result = clock.result(
            parse=parsed,
            parse_cpu=parsed_cpu,
            insert=inserted,
            insert_cpu=inserted_cpu,
            rows=len(cells) - start,
        )
        conn.close()
    return result


def verify(url: str, _path: str) -> dict[str, Any]:
    from app.models.db import open_database
    from app.services.audit_queries import AuditQueries

    _engine, sessions = open_database(url)
    clock = Clock()
    count, problems = AuditQueries(sessions).verify()
    return clock.result(rows=count, problems=len(problems))


def verify_base(url: str, _path: str) -> dict[str, Any]:
    """The chain checked at the floor: the driver's cursor streamed in batches, each entry's
    HMAC-SHA256 (the key's pads hashed once, as ``audit verify`` does) compared with its hash."""
    from sqlalchemy import create_engine

    from app.services import audit_key

    engine = create_engine(url)
    with engine.connect() as conn:
        marker = audit_key.marker_of(conn)
        key = audit_key.read_key(marker[0]) if marker else None
    if key is None:
        raise RuntimeError("verify_base: the benchmark database's audit key file is missing")
    pad = key.secret.ljust(64, b"\0")
    inner0, outer0 = (
        hashlib.sha256(bytes(b ^ 0x36 for b in pad)),
        hashlib.sha256(bytes(b ^ 0x5C for b in pad)),
    )
    sql = (
        "SELECT seq, at, username, action, entity, entity_id, detail, prev_hash, hash "
        "FROM audit_events ORDER BY seq"
    )
    clock = Clock()
    prev, rows, bad = "", 0, 0
    raw: Any = engine.raw_connection()
    cursor = raw.cursor(name="bench_verify") if engine.dialect.name == "postgresql" else raw.cursor()
    cursor.execute(sql)
    while batch := cursor.fetchmany(2000):
        for seq, at, user, action, entity, eid, detail, p, digest in batch:
            stamp = (dt.datetime.fromisoformat(at) if isinstance(at, str) else at).isoformat()
            inner = inner0.copy()
            inner.update("\x1f".join((str(seq), p, stamp, user, action, entity, eid, detail)).encode())
            outer = outer0.copy()
            outer.update(inner.digest())
            bad += p != prev or outer.hexdigest() != digest
            prev = digest
            rows += 1
    cursor.close()
    raw.close()
    return clock.result(rows=rows, problems=bad)


OPS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "export": export,
    "export_base": export_base,
    "import": import_,
    "import_base": import_base,
    "verify": verify,
    "verify_base": verify_base,
}


def main(argv: list[str]) -> int:
    op, url, path = argv[0], argv[1], (argv[2] if len(argv) > 2 else "")
    with tempfile.TemporaryDirectory(prefix="hzbz-bench-data-") as data:  # removed after, unless given
        os.environ.setdefault("HZBZ_DATA_DIR", data)
        result = OPS[op](url, path)
    result["rss_mb"] = _rss_mb()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
