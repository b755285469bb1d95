"""unit add, period add and enrollment show --json (issue 12 item 7): the fee multiplies out and the
two rates are each named — rule rate enrolled ÷ eligible, member rate enrolled ÷ union members."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories
from tests.cli_helpers import login, run
from tests.conftest import CLERK_PASSWORD
from tests.factories_claims import D


def _members(roster: RosterService, unit_id: int, n: int, first: int = 0, **kw: object) -> list[int]:
    return [
        factories.member(
            roster,
            unit_id,
            f"会员{first + i}",
            factories.id_number(D(1970, 1, 1) + dt.timedelta(days=first + i)),
            **kw,
        )
        for i in range(n)
    ]


def test_unit_period_and_the_figures_of_a_jilin_and_a_beijing_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str, sessions: SessionFactory, clerk: Actor
) -> None:
    base = ("--db", db_url, *login(tmp_path, "clerk1", CLERK_PASSWORD))
    code, out, err = run(
        capsys, *base, "unit", "add", "--code", "J01", "--name", "吉林一厂", "--chair", "赵主席",
        "--handler", "钱经办", "--phone", "0432-1234567", "--address", "吉林市船营区 1 号",
        "--headcount", "20", "--in-service", "20", "--remits-union-funds",
    )  # fmt: skip
    assert code == 0 and "已新增单位 J01" in out, err
    code, _, err = run(capsys, *base, "unit", "add", "--code", "J01", "--name", "又一厂")
    assert code == 2 and "已被" in err
    code, _, err = run(capsys, *base, "unit", "add", "--code", "J02", "--name", "x", "--headcount", "-1")
    assert code == 2 and "不能为负数" in err
    code, out, err = run(
        capsys, *base, "period", "add", "--plan", "jilin-2020-hospital-combo", "--number", "1",
        "--start", "2020-02-01", "--end", "2021-01-31", "--fee", "110", "--subsidy", "30",
        "--collect-from", "2020-01-08", "--collect-to", "2020-02-20",
    )  # fmt: skip
    assert code == 0 and "每人补助 30.00 元" in out, err
    code, _, err = run(
        capsys, *base, "period", "add", "--plan", "jilin-2020", "--number", "2",
        "--start", "2021-02-01", "--end", "2022-01-31", "--fee", "110",
    )  # fmt: skip
    assert code == 2 and "方案“jilin-2020”不存在" in err
    code, _, err = run(
        capsys, *base, "period", "add", "--plan", "jilin-2020-hospital-combo", "--number", "2",
        "--start", "2021-02-01", "--end", "2022-01-31", "--fee", "110", "--subsidy", "120",
    )  # fmt: skip
    assert code == 2 and "不能高于缴费标准" in err
    assert [p.number for p in PeriodService(sessions, clerk).list("jilin-2020-hospital-combo")] == [1]

    roster = RosterService(sessions, clerk)
    unit = roster.unit_by_code("J01")
    assert unit.draft.remits_union_funds and unit.draft.chair_name == "赵主席"
    ids = _members(roster, unit.id, 20)
    period = PeriodService(sessions, clerk).find("jilin-2020-hospital-combo", 1)
    EnrollmentService(sessions, clerk).enroll(
        unit.id, period.id, ids[:16], D(2020, 2, 1), as_of=D(2020, 2, 1)
    )
    show = ("enrollment", "show", "--plan", "jilin-2020-hospital-combo", "--period", "1", "--unit", "J01")
    code, out, err = run(capsys, *base, *show, "--as-of", "2020-02-01", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["members"], data["eligible"], data["enrolled"]) == (20, 20, 16)
    assert (data["rule_rate"], data["member_rate"]) == ("80.0%", "80.0%")
    assert data["fee"] == {
        "per_person": "110.00", "subsidy": "30.00", "member_pays": "80.00", "payers": 16, "free": 0,
        "payable": "1280.00",
    }  # fmt: skip
    assert data["period"] == {"start": "2020-02-01", "end": "2021-01-31"}
    assert isinstance(data["findings"], list)

    # Beijing: 16 of 20 members enrolled, 4 retired (not eligible), 10 Jingka holders free
    beijing = factories.unit(
        roster, "B01", "北京一厂", remits_union_funds=True, headcount=20, in_service_count=16
    )
    ids = _members(roster, beijing, 10, 100, jingka_card="6214830100000001")
    ids += _members(roster, beijing, 6, 200)
    _members(roster, beijing, 4, 300, employment="retired")
    bj = PeriodService(sessions, clerk).create(
        "beijing-inservice-medical", 1, D(2021, 1, 1), D(2021, 12, 31), "60"
    )
    EnrollmentService(sessions, clerk).enroll(beijing, bj.id, ids, D(2021, 1, 1), as_of=D(2021, 1, 1))
    show = ("enrollment", "show", "--plan", "beijing-inservice-medical", "--period", "1", "--unit", "B01")
    code, out, err = run(capsys, *base, *show, "--as-of", "2021-01-01", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["members"], data["eligible"], data["enrolled"]) == (20, 16, 16)
    assert (data["rule_rate"], data["member_rate"]) == ("100.0%", "80.0%")
    assert data["fee"] == {
        "per_person": "60.00", "subsidy": "0.00", "member_pays": "60.00", "payers": 6, "free": 10,
        "payable": "360.00",
    }  # fmt: skip
    code, out, err = run(capsys, *base, *show, "--as-of", "2021-01-01")
    assert code == 0 and "参保率（参加 16 人 ÷ 符合条件 16 人）= 100.0%" in out, err
    assert (
        "参加 16 人 ÷ 会员 20 人 = 80.0%" in out and "60.00 元 × 缴费 6 人 = 360.00 元（免缴 10 人）" in out
    )
    code, _, err = run(capsys, *base, "enrollment", "show", "--plan", "beijing-inservice-medical",
                       "--period", "9", "--unit", "B01", "--json")  # fmt: skip
    assert code == 2 and "没有第 9 期" in err
    for unit_code, plan, wanted in (
        ("B01", "beijing-inservice-medical",
         ("60.00元×6人=360.00元", "6人（参加16人，其中免缴10人）", "16/20=80.0%", "2021-01-01至2021-12-31")),
        ("J01", "jilin-2020-hospital-combo",
         ("110.00元，补助30.00元/人，每人缴80.00元", "80.00元×16人=1,280.00元", "16/20=80.0%")),
    ):  # fmt: skip
        out_pdf = tmp_path / f"{unit_code}.pdf"
        code, _, err = run(capsys, *base, "print", "group-application", "--unit", unit_code, "--plan", plan,
                           "--period", "1", "--out", str(out_pdf))  # fmt: skip
        assert code == 0, err
        text = "".join(re.sub(r"\s", "", page.extract_text()) for page in PdfReader(out_pdf).pages)
        for piece in wanted:
            assert piece in text, (piece, text)
