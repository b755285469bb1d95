"""Fuzzing the roster importer and the headless rules command with hypothesis (issue 7 item 6).

Importer: any cell values and types in a generated .xlsx either import (every stored ID
canonical) or raise InputErrors leaving the database as it was. Rules CLI: any JSON-ish case
list exits 0 with one JSON line per case, or 2 with a Chinese message and nothing on stdout.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import func, select

from app.commands import rules_cmd
from app.models import Member, Unit
from app.models.db import SessionFactory
from app.rules import idnumber
from app.services import roster_import
from app.services.auth import Actor
from app.services.errors import InputErrors
from tests import factories
from tests.rules.test_case_json import BASE, ENROLLMENT, EVENTS

HEADER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "医保卡号",
    "联系电话",
    "入会日期",
    "在职状态",
    "劳模",
    "银行账号",
]
ROW_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
CLI_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- roster importer

_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from("０１Xx \u200b\u3000\ufeff=+-@"),
    max_size=25,
).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
_ids = st.builds(
    lambda birth, male, case, pad: (
        pad + (lambda n: n.lower() if case else n)(factories.id_number(birth, male))
    ),
    st.dates(dt.date(1901, 1, 1), dt.date(2020, 12, 31)),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["", " ", "\u200b"]),
)
_cell = st.one_of(
    st.none(),
    _text,
    _ids,
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(
        ["在职", "退休", "是", "否", "男", "女", "2012-01-01", "2012年13月1日", '=A1&"x"', "=1/0"]
    ),
)
_rows = st.lists(st.lists(_cell, min_size=len(HEADER), max_size=len(HEADER)), max_size=5)


def _write(path: Path, rows: list[list[object]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称：模糊测试单位"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)


def _counts(sessions: SessionFactory) -> tuple[int, int]:
    with sessions() as s:
        return (s.scalar(select(func.count()).select_from(Member)) or 0,
                s.scalar(select(func.count()).select_from(Unit)) or 0)  # fmt: skip


@ROW_SETTINGS
@given(rows=_rows, good=st.lists(_ids, min_size=0, max_size=3))
def test_roster_import_never_crashes_and_is_all_or_nothing(
    sessions: SessionFactory, clerk: Actor, rows: list[list[object]], good: list[str]
) -> None:
    # Some rows with a name and a valid ID, so imports happen too, not only refusals.
    rows = rows + [[None, "测试", None, number, None, None, None, None, None, None] for number in good]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.xlsx"
        _write(path, rows)
        before = _counts(sessions)
        try:
            report = roster_import.import_roster(sessions, clerk, path)
        except InputErrors as exc:
            event("refused")
            assert exc.errors and all(e.message for e in exc.errors)
            assert _counts(sessions) == before
            return
    event("imported")
    assert report.errors == []
    assert _counts(sessions)[0] == before[0] + report.imported
    with sessions() as s:
        assert all(idnumber.is_valid(n) for n in s.scalars(select(Member.id_number)))


# --------------------------------------------------------------------------- rules CLI

_SPECIAL = ["2020-02-30", "2020-05-01", "1e999", "-1", "12.345", "2021-Q4", "2021-13", "self", "death",
            "disability", "26/32", "in_service", "model_worker", "１２３", "100.00元"]  # fmt: skip
_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(_SPECIAL),
)
_json = st.recursive(
    _json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into nested dicts and lists."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def _mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """A valid case with a few fields replaced by random JSON or deleted."""
    case = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 3))):
        paths = _paths(case)
        if not paths:
            break
        *parents, last = draw(st.sampled_from(paths))
        target: Any = case
        for p in parents:
            target = target[p]
        if isinstance(target, dict) and draw(st.booleans()):
            del target[last]
        else:
            target[last] = draw(_json)
    return case


def _claim_base(key: tuple[str, str]) -> dict[str, Any]:
    plan, benefit = key
    case = copy.deepcopy(BASE)
    case.update(plan=plan, benefit=benefit, event=copy.deepcopy(EVENTS.get(key, BASE["event"])))
    case["coverage"]["tier"] = "26/32" if plan == "beijing-accident" else None
    return json.loads(json.dumps(case, default=str))


_claims = st.sampled_from([("jilin-2020-hospital-combo", "hospital_allowance"), *EVENTS]).flatmap(
    lambda key: _mutated(_claim_base(key))
)
_enrollments = _mutated(ENROLLMENT)


def _run(command: str, payload: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.json"
        path.write_text(payload, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = rules_cmd.main(["rules", command, str(path)])
    return code, out.getvalue(), err.getvalue()


def _check(code: int, out: str, err: str, cases: Any) -> None:
    assert "Traceback" not in err
    event(f"exit {code}")
    if code == 0:
        lines = [json.loads(line) for line in out.splitlines()]
        assert isinstance(cases, list) and len(lines) == len(cases)
        assert all(isinstance(line, dict) and "id" in line for line in lines)
    else:
        assert code == 2, (code, err)
        assert out == "" and err.startswith("错误：")


@CLI_SETTINGS
@given(cases=st.lists(_claims, min_size=1, max_size=3) | _json)
def test_rules_evaluate_exits_0_or_2(cases: Any) -> None:
    _check(*_run("evaluate", json.dumps(cases, ensure_ascii=False)), cases)


@CLI_SETTINGS
@given(cases=st.lists(_enrollments, min_size=1, max_size=3) | _json)
def test_rules_check_enrollment_exits_0_or_2(cases: Any) -> None:
    _check(*_run("check-enrollment", json.dumps(cases, ensure_ascii=False)), cases)


@settings(max_examples=60, deadline=None)
@given(raw=st.text(max_size=40) | st.binary(max_size=40).map(lambda b: b.decode("latin-1")))
def test_rules_evaluate_survives_any_text(raw: str) -> None:
    code, out, err = _run("evaluate", raw)
    _check(code, out, err, None if code else json.loads(raw))
