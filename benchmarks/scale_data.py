"""A city office's database for ``python -m benchmarks scale``: N members in units of ~200 (and one
unit of 20,000 left out of the busy period, for the enrollment figure), every other member enrolled
in this year's period, one claim per 50 members at every stage, one audit entry per 2 members.

Built once and reused (a 1M-member SQLite file takes a few minutes, 3.2M on PostgreSQL longer):
the database records what it holds in ``app_settings`` (``bench_scale``). Members go in through
the driver in the app's own column layout (roster_bulk), with the search index built as the app's
bulk path builds it; on PostgreSQL by COPY, with the secondary indexes made after the load (an
office's database grows by imports over years; a fresh build only packs them tighter). Audit
entries carry real hash chains, so ``audit verify`` has real work.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Engine, text

PLAN = "jilin-2020-hospital-combo"
MEMBERS_PER_UNIT = 200
BIG_UNIT = 20_000
CLAIMS_EVERY = 50
AUDIT_EVERY = 2
CHUNK = 50_000
PASSWORD = "bench-pass"
MARKER = "bench_scale"
AREAS = ("110101", "110105", "110108", "220102", "220104", "371002", "371082", "330110", "440305", "510107")
STATUSES = (
    "submitted",
    "unit_reviewed",
    "office_audited",
    "approved",
    "paid",
    "paid",
    "rejected",
    "returned",
)
MEMBER_COLUMNS = (
    "unit_id", "name", "name_key", "name_initials", "id_number", "gender", "birth_date", "phone",
    "medical_card", "social_security_card", "jingka_card", "bank_name", "bank_account", "employment",
    "left_on", "union_member_since", "is_model_worker", "is_hardship", "basic_medical_insurance",
    "created_at", "updated_at", "version",
)  # fmt: skip


def built(engine: Engine) -> dict[str, Any] | None:
    """What ``build`` recorded in this database, or None."""
    from app.models.db import current_revision

    if current_revision(engine) is None:
        return None
    with engine.connect() as conn:
        value = conn.execute(text("SELECT value FROM app_settings WHERE key = :k"), {"k": MARKER}).scalar()
    return json.loads(value) if value else None


def key_lost(engine: Engine) -> bool:
    """Whether the database's audit key is missing from this data folder (a new machine's temporary
    folder): no audit entry can then be written, so the benchmark builds it again."""
    from app.services import audit_key

    with engine.connect() as conn:
        marker = audit_key.marker_of(conn)
    return marker is not None and audit_key.read_key(marker[0]) is None


def wipe(engine: Engine) -> None:
    """Empty a benchmark database (only one ``built`` recognises) so ``build`` can fill it again."""
    assert built(engine) is not None, "not a benchmark database"
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    else:
        path = engine.url.database
        engine.dispose()
        assert path
        os.remove(path)


def _check_char(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def member_rows(
    start: int, count: int, unit_of: Callable[[int], int], seed: int
) -> Iterator[tuple[Any, ...]]:
    """Members ``start`` … ``start + count - 1`` as rows of MEMBER_COLUMNS; ID numbers unique by
    construction (area, birth day and sequence number all come from the member's index)."""
    from app.rules.collation import name_initials, name_key
    from app.services.demo import BANKS, GIVEN, SURNAMES

    rng = random.Random(seed * 1_000_003 + start)
    born0 = dt.date(1964, 1, 1)
    stamp = dt.datetime(2026, 1, 5, 9, 0, 0)
    for k in range(start, start + count):
        j = k // len(AREAS)
        born = born0 + dt.timedelta(days=j % 15_000)
        male = rng.random() < 0.55
        seq = (j // 15_000) * 2 + (1 if male else 0)
        first17 = f"{AREAS[k % len(AREAS)]}{born:%Y%m%d}{seq:03d}"
        given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
        name = rng.choice(SURNAMES) + given
        employment = rng.choices(("in_service", "retired", "left"), (90, 7, 3))[0]
        yield (
            unit_of(k), name, name_key(name), name_initials(name), first17 + _check_char(first17),
            "男" if male else "女", born, "1" + rng.choice("3589") + str(rng.randrange(10**8, 10**9)),
            str(rng.randrange(10**11, 10**12)), str(rng.randrange(10**11, 10**12)),
            "6" + str(rng.randrange(10**14, 10**15)) if rng.random() < 0.6 else "", rng.choice(BANKS),
            "62" + str(rng.randrange(10**16, 10**17)), employment, None, None, rng.random() < 0.01,
            rng.random() < 0.02, rng.random() > 0.03, stamp, stamp, 1,
        )  # fmt: skip


def _insert(
    conn: Any, dialect: str, table: str, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]
) -> int:
    """Rows into ``table`` at the driver: COPY on PostgreSQL, executemany on SQLite (ISO dates)."""
    raw = conn.connection.driver_connection
    n = 0
    if dialect == "postgresql":
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    batch: list[tuple[Any, ...]] = []
    cur = raw.cursor()
    for row in rows:
        batch.append(tuple(v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v.isoformat()
                           if isinstance(v, dt.date) else v for v in row))  # fmt: skip
        if len(batch) >= CHUNK:
            cur.executemany(sql, batch)
            n += len(batch)
            batch.clear()
    cur.executemany(sql, batch)
    cur.close()
    return n + len(batch)


def _secondary_indexes(conn: Any) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the members' indexes other than its keys (PostgreSQL)."""
    rows = conn.execute(
        text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('members', 'enrollments') "
            "AND indexname NOT LIKE 'pk\\_%' AND indexname NOT LIKE 'uq\\_%'"
        )
    ).all()
    return [(name, sql) for name, sql in rows]


def build(url: str, members: int, seed: int = 7, say: Callable[[str], None] = print) -> None:
    """Fill an empty database (or a new SQLite file) with a city office's data."""
    from app.models import search
    from app.models.db import open_database
    from app.services.periods import PeriodService
    from app.services.users import OfficeInfo, UserService

    engine, sessions = open_database(url)
    dialect = engine.dialect.name
    users = UserService(sessions)
    if users.is_initialised():
        raise SystemExit(f"{url} is not empty; give a new database")
    admin = users.set_up(OfficeInfo("基准市总工会", "办事处", "北京市"), "admin", PASSWORD)
    started = time.perf_counter()
    big = BIG_UNIT if members >= 5 * BIG_UNIT else 0
    regular = max(1, (members - big) // MEMBERS_PER_UNIT)
    with engine.begin() as conn:
        from app.services.demo import PLACES, UNIT_KINDS

        rng = random.Random(seed)
        units = [
            (f"S{i:06d}", f"{rng.choice(PLACES)}{rng.choice('东南西北新华宏远')}{rng.choice(UNIT_KINDS)}{i}")
            for i in range(1, regular + 2)
        ]
        from app.rules.collation import name_key

        conn.execute(
            text(
                "INSERT INTO units (code, name, name_key, chair_name, chair_phone, handler_name, "
                "handler_phone, address, headcount, in_service_count, has_union, remits_union_funds, "
                "created_at, version) "
                "VALUES (:c, :n, :k, '', '', '', '', '', 0, 0, true, true, :t, 1)"
            ),
            [{"c": c, "n": n, "k": name_key(n), "t": dt.datetime(2026, 1, 5)} for c, n in units],
        )
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM units ORDER BY id")]
    unit_ids, big_unit = ids[:regular], ids[regular]
    first_big = members - big

    def unit_of(k: int) -> int:
        return big_unit if k >= first_big else unit_ids[k % len(unit_ids)]

    with engine.begin() as conn:
        dropped = _secondary_indexes(conn) if dialect == "postgresql" else []
        for name, _sql in dropped:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        before = search.bulk_begin(conn)
        for start in range(0, members, CHUNK):
            _insert(
                conn,
                dialect,
                "members",
                MEMBER_COLUMNS,
                member_rows(start, min(CHUNK, members - start), unit_of, seed),
            )
            say(f"  members {min(start + CHUNK, members):,} ({time.perf_counter() - started:.0f} s)")
        search.bulk_end(conn, before)
        say(f"  search index ({time.perf_counter() - started:.0f} s)")
    today = dt.date.today()
    periods = PeriodService(sessions, admin)
    last = periods.create(PLAN, 1, dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), "110",
                          dt.date(today.year - 2, 12, 1), dt.date(today.year - 1, 1, 31))  # fmt: skip
    busy = periods.create(PLAN, 2, dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), "110",
                          dt.date(today.year - 1, 12, 1), dt.date(today.year, 1, 31))  # fmt: skip
    with engine.begin() as conn:
        first_id = int(conn.exec_driver_sql("SELECT min(id) FROM members").scalar() or 1)
        enrolled = _enroll(conn, dialect, busy.id, first_id, members, first_big, unit_of)
        say(f"  enrollments {enrolled:,} ({time.perf_counter() - started:.0f} s)")
        claims = _claims(conn, dialect, first_id, first_big, unit_of, today, seed)
        say(f"  claims {claims:,} ({time.perf_counter() - started:.0f} s)")
        entries = _audit(conn, dialect, admin.user_id, members // AUDIT_EVERY)
        say(f"  audit entries {entries:,} ({time.perf_counter() - started:.0f} s)")
        for name, sql in dropped:
            conn.exec_driver_sql(sql)
            say(f"  index {name} ({time.perf_counter() - started:.0f} s)")
        marker = json.dumps(
            {"members": members, "units": len(ids), "big_unit": big_unit, "busy_period": busy.id,
             "last_period": last.id, "enrolled": enrolled, "claims": claims, "audit": entries}
        )  # fmt: skip
        conn.execute(
            text("INSERT INTO app_settings (key, value, updated_at) VALUES (:k, :v, :t)"),
            {"k": MARKER, "v": marker, "t": dt.datetime.now()},
        )
    if dialect == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")  # what autovacuum does to a database at rest
    say(f"built {members:,} members in {time.perf_counter() - started:.0f} s")
    engine.dispose()


def _enroll(conn: Any, dialect: str, period_id: int, first_id: int, members: int, first_big: int,
            unit_of: Callable[[int], int]) -> int:  # fmt: skip
    stamp = dt.datetime(2026, 1, 6, 9, 0, 0)
    effective = dt.date(dt.date.today().year, 1, 1)
    rows = (
        (first_id + k, period_id, unit_of(k), 1, effective, "active", "", stamp, 1)
        for k in range(0, first_big, 2)
    )
    cols = ("member_id", "period_id", "unit_id", "shares", "effective_date", "status", "cancel_reason",
            "created_at", "version")  # fmt: skip
    return _insert(conn, dialect, "enrollments", cols, rows)


def _claims(conn: Any, dialect: str, first_id: int, first_big: int, unit_of: Callable[[int], int],
            today: dt.date, seed: int) -> int:  # fmt: skip
    rng = random.Random(seed + 1)

    def rows() -> Iterator[tuple[Any, ...]]:
        for n, k in enumerate(range(0, first_big, 2 * CLAIMS_EVERY // 2)):
            admitted = dt.date(today.year, 1, 2) + dt.timedelta(days=rng.randrange(0, 200))
            status = STATUSES[n % len(STATUSES)]
            amount = rng.randrange(20, 200) * 1000
            approved = amount if status in ("approved", "paid") else None
            paid_on = admitted + dt.timedelta(days=40) if status == "paid" else None
            due = admitted + dt.timedelta(days=45) if status in ("approved", "paid") else None
            facts = json.dumps({"admission_date": admitted.isoformat(),
                                "discharge_date": (admitted + dt.timedelta(days=8)).isoformat(),
                                "local": True, "hospital_grade": "2"})  # fmt: skip
            stamp = dt.datetime.combine(admitted + dt.timedelta(days=20), dt.time(10))
            yield (
                f"C{admitted.year}-{n + 1:07d}", first_id + k, "self", unit_of(k), PLAN, "2020-01-08",
                "hospital_allowance", f"stay-{k}", admitted, facts, admitted + dt.timedelta(days=20), status,
                True, amount, 400_000, "", "[]", approved, amount if status == "paid" else None, paid_on,
                "", "", due, stamp, stamp, 1,
            )  # fmt: skip

    cols = ("claim_no", "member_id", "relation", "unit_id", "plan_code", "plan_version", "benefit",
            "event_key", "event_date", "facts", "applied_on", "status", "eligible", "amount_fen", "cap_fen",
            "decision", "materials", "approved_fen", "paid_fen", "paid_on", "paid_account", "paid_reference",
            "due_on", "created_at", "updated_at", "version")  # fmt: skip
    n = _insert(conn, dialect, "claims", cols, rows())
    conn.execute(text("INSERT INTO claim_counters (year, last) VALUES (:y, :n)"), {"y": today.year, "n": n})
    return n


def _audit(conn: Any, dialect: str, user_id: int, count: int) -> int:
    """``count`` entries numbered and chained after the existing ones, keyed exactly as
    app.services.audit keys them (with this database's audit key), so ``audit verify`` checks
    every one as it would a real log's."""
    from sqlalchemy.orm import Session

    from app.services import audit_key
    from app.services.audit import mac

    last_seq, last = conn.exec_driver_sql(
        "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
    ).first() or (0, "")
    with Session(bind=conn) as s:
        key = audit_key.key_for_append(s, int(last_seq) + 1)
    actions = (("create", "member"), ("update", "member"), ("enroll", "unit"), ("submit", "claim"))
    t0 = dt.datetime(2026, 1, 5, 8, 0, 0)

    def rows() -> Iterator[tuple[Any, ...]]:
        prev = last
        for i in range(count):
            seq = int(last_seq) + i + 1
            action, entity = actions[i % len(actions)]
            at = t0 + dt.timedelta(seconds=i * 7)
            detail = json.dumps({"n": i}, sort_keys=True)
            digest = mac(key.secret, seq, prev, at.isoformat(), "admin", action, entity, str(i + 1), detail)
            yield (seq, at, user_id, "admin", action, entity, str(i + 1), detail, prev, digest)
            prev = digest

    cols = ("seq", "at", "user_id", "username", "action", "entity", "entity_id", "detail", "prev_hash",
            "hash")  # fmt: skip
    return _insert(conn, dialect, "audit_events", cols, rows())
