"""A whole Weihai coverage period and a whole Beijing medical year for one member, through the
headless commands (issue 12): every amount, slot and running total worked out by hand below.

Weihai (2012-03-12 to 2013-03-11; 80 % of 10000–40000, 90 % above, each claim the cumulative
figure less what was already paid):
  1. 2012-04  self-borne  8000 → cumulative  8000, below 10000            → 0.00, 已核定·无给付
  2. 2012-07  self-borne  8000 → cumulative 16000: 80 % × 6000 = 4800     → 4800.00 (a material late,
     then returned for materials and completed)
  3. 2012-11  self-borne 30000 → 46000: 24000 + 90 % × 6000 = 29400 − 4800 → 24600.00, paid
  4. 2013-01  self-borne 10000 → 56000: 24000 + 90 % × 16000 = 38400 − 29400 → 9000.00 (next calendar
     year, still slot 4 of the period); running total 0 + 4800 + 24600 + 9000 = 38400.00
  5. 2013-02  a 5th application → refused (period_claim_limit), rejected.
Beijing in-service medical, outpatient (one 1800 deductible a year over the year's 自付一, 20 %):
  Q1 1000 → 0.00 (closed); Q2 3000 → (4000 − 1800) × 20 % = 440.00; Q3 2000 → (6000 − 1800) × 20 %
  = 840 − 440 = 400.00; Q4 500, applied in January 2021 → 940 − 840 = 100.00; year total 940.00;
  2021-Q1 2000 (the next year's period) → (2000 − 1800) × 20 % = 40.00, the deductible anew.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.models.db import SessionFactory
from app.rules.plans import load_plans
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories
from tests.cli_helpers import password_file, run
from tests.conftest import ADMIN_PASSWORD, AUDITOR_PASSWORD

D = dt.date
WEIHAI = "weihai-2012-supplementary-medical"
MEDICAL = "beijing-inservice-medical"
ID_NUMBER = factories.id_number(D(1975, 3, 3))
MATERIALS = load_plans().get(WEIHAI).benefit("medical").materials


class Desk:
    """The clerk (admin) takes claims in; the auditor reviews, audits and approves them."""

    def __init__(self, db: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db, self.folder, self.capsys = db, folder, capsys
        self.users = {
            "admin": ["--user", "admin", "--password-file", str(password_file(folder, "a", ADMIN_PASSWORD))],
            "auditor1": [
                "--user", "auditor1", "--password-file", str(password_file(folder, "b", AUDITOR_PASSWORD))
            ],
        }  # fmt: skip
        self.cases = 0

    def cmd(self, user: str, *argv: str) -> tuple[int, str, str]:
        return run(self.capsys, "--db", self.db, *self.users[user], *argv)

    def new(
        self, plan: str, benefit: str, applied: str, event: dict[str, Any], materials: Any = "all"
    ) -> str:
        self.cases += 1
        path = self.folder / f"case{self.cases}.json"
        case = {"id_number": ID_NUMBER, "plan": plan, "benefit": benefit, "applied_on": applied,
                "materials": materials, "event": event}  # fmt: skip
        path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
        code, out, err = self.cmd("admin", "claim", "new", str(path))
        assert code == 0, err
        return out.strip().splitlines()[-1]  # the claim number is the last line

    def ok(self, user: str, action: str, claim_no: str, *extra: str) -> str:
        code, out, err = self.cmd(user, "claim", action, claim_no, *extra)
        assert code == 0, err
        return out

    def through_audit(self, claim_no: str) -> None:
        self.ok("admin", "submit", claim_no)
        self.ok("auditor1", "review", claim_no)
        self.ok("auditor1", "audit", claim_no)

    def decide(self, claim_no: str) -> str:
        self.through_audit(claim_no)
        return self.ok("auditor1", "approve", claim_no)

    def show(self, claim_no: str) -> dict[str, Any]:
        code, out, err = self.cmd("admin", "claim", "show", claim_no, "--json")
        assert code == 0, err
        return json.loads(out)


def weihai(start: str, self_borne: str, insurance: str = "1000") -> dict[str, str]:
    day = D.fromisoformat(start)
    return {
        "event_id": f"WH-{start}",
        "treatment_start": start,
        "treatment_end": (day + dt.timedelta(days=7)).isoformat(),
        "total_cost": str(int(self_borne) + int(insurance)),
        "insurance_paid": insurance,
    }


def figures(shown: dict[str, Any]) -> tuple[Any, ...]:
    return (shown["status"], shown["computed"], shown["approved"], shown["slot"], shown["period_total"])


@pytest.fixture
def desk(
    db_url: str, sessions: SessionFactory, admin: Actor, auditor: Actor, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> Desk:  # fmt: skip
    roster = RosterService(sessions, admin)
    uid = factories.unit(roster, "S001", "全期单位")
    mid = factories.member(roster, uid, "全期会员", ID_NUMBER)
    periods, enrollment = PeriodService(sessions, admin), EnrollmentService(sessions, admin)
    for plan, number, start, end, fee in (
        (WEIHAI, 1, D(2012, 3, 12), D(2013, 3, 11), "36"),
        (MEDICAL, 1, D(2020, 1, 1), D(2020, 12, 31), "60"),
        (MEDICAL, 2, D(2021, 1, 1), D(2021, 12, 31), "60"),
    ):
        period = periods.create(plan, number, start, end, fee)
        enrollment.enroll(uid, period.id, [mid], start, as_of=start)
    return Desk(db_url, tmp_path, capsys)


def test_a_whole_weihai_period_for_one_member(desk: Desk) -> None:
    first = desk.new(WEIHAI, "medical", "2012-04-20", weihai("2012-04-05", "8000"))
    assert "已核定·无给付" in desk.decide(first)
    assert figures(desk.show(first)) == ("closed_no_payment", "0.00", "0.00", 1, "0.00")
    assert desk.show(first)["self_borne"] == "8000.00"

    # Handed in without the discharge certificate: not accepted until it comes, then returned by
    # the office for a readable receipt and completed with it (claim materials resubmits it).
    receipts, certificate, *others = MATERIALS
    second = desk.new(WEIHAI, "medical", "2012-07-20", weihai("2012-07-02", "8000"), [receipts, *others])
    code, _out, err = desk.cmd("admin", "claim", "submit", second)
    assert code == 2 and certificate in err
    desk.ok("admin", "materials", second, "--received", certificate)
    desk.ok("admin", "submit", second)
    desk.ok("auditor1", "review", second)
    desk.ok("auditor1", "return", second, "--reason", "医疗费收据复印件不清楚，请补交")
    assert desk.show(second)["status"] == "returned"
    desk.ok("admin", "materials", second, "--received", receipts)  # the readable copy: resubmitted
    assert desk.show(second)["status"] == "submitted"
    desk.ok("auditor1", "review", second)
    desk.ok("auditor1", "audit", second)
    desk.ok("auditor1", "approve", second)
    assert figures(desk.show(second)) == ("approved", "4800.00", "4800.00", 2, "4800.00")

    third = desk.new(WEIHAI, "medical", "2012-11-25", weihai("2012-11-10", "30000", "20000"))
    desk.decide(third)
    desk.ok("admin", "pay", third, "--account", "6222020200001234567", "--date", "2012-12-03")
    shown = desk.show(third)
    assert figures(shown) == ("paid", "24600.00", "24600.00", 3, "29400.00")
    assert shown["paid"] == "24600.00" and shown["self_borne"] == "30000.00"

    january = desk.new(WEIHAI, "medical", "2013-01-28", weihai("2013-01-15", "10000"))
    desk.decide(january)
    shown = desk.show(january)
    assert figures(shown) == ("approved", "9000.00", "9000.00", 4, "38400.00")
    assert shown["period"] == ["2012-03-12", "2013-03-11"]
    assert any("本期累计 46000.00 + 10000.00 = 56000.00" in line for line in shown["trace"])

    fifth = desk.new(WEIHAI, "medical", "2013-02-25", weihai("2013-02-18", "5000"))
    shown = desk.show(fifth)
    assert shown["computed"] == "0.00"
    assert [r["code"] for r in shown["reasons"]] == ["period_claim_limit"]
    desk.through_audit(fifth)
    code, _out, err = desk.cmd("auditor1", "claim", "approve", fifth)
    assert code == 2 and "不能批准" in err
    assert desk.show(fifth)["status"] == "office_audited"  # nothing changed
    desk.ok("auditor1", "reject", fifth, "--reason", "本保障期已申请 4 次")
    assert desk.show(january)["period_total"] == "38400.00"  # the rejected one adds nothing


def outpatient(quarter: str, self_pay_1: str) -> dict[str, str]:
    return {"period": quarter, "self_pay_1": self_pay_1}


def test_a_whole_beijing_medical_year_for_one_member(desk: Desk) -> None:
    q1 = desk.new(MEDICAL, "outpatient", "2020-04-21", outpatient("2020-Q1", "1000"))
    assert "已核定·无给付" in desk.decide(q1)
    assert figures(desk.show(q1)) == ("closed_no_payment", "0.00", "0.00", 1, "0.00")
    code, _out, err = desk.cmd("auditor1", "claim", "approve", q1)
    assert code == 2 and "不能批准" in err  # closed: nothing left to approve

    q2 = desk.new(MEDICAL, "outpatient", "2020-07-21", outpatient("2020-Q2", "3000"))
    desk.decide(q2)
    assert figures(desk.show(q2)) == ("approved", "440.00", "440.00", 2, "440.00")

    q3 = desk.new(MEDICAL, "outpatient", "2020-10-21", outpatient("2020-Q3", "2000"))
    desk.decide(q3)
    desk.ok("admin", "pay", q3, "--account", "6217000010002000300", "--date", "2020-11-02")
    shown = desk.show(q3)
    assert figures(shown) == ("paid", "400.00", "400.00", 3, "840.00") and shown["paid"] == "400.00"

    q4 = desk.new(MEDICAL, "outpatient", "2021-01-21", outpatient("2020-Q4", "500"))
    desk.decide(q4)
    shown = desk.show(q4)
    assert figures(shown) == ("approved", "100.00", "100.00", 4, "940.00")
    assert shown["claim_no"].startswith("C2021-")  # applied for in the next calendar year
    assert any("2020 年累计自付一 6000.00 + 500.00 = 6500.00" in line for line in shown["trace"])

    next_year = desk.new(MEDICAL, "outpatient", "2021-04-21", outpatient("2021-Q1", "2000"))
    desk.decide(next_year)
    shown = desk.show(next_year)
    assert figures(shown) == ("approved", "40.00", "40.00", 1, "40.00")
    assert shown["period"] == ["2021-01-01", "2021-12-31"]
