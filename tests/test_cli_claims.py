"""Headless enrollment and claim commands, end to end on one database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from app.io.batch import verify_batch
from app.models.db import open_database
from app.services.periods import PeriodService
from app.services.roster import RosterService
from app.services.user_admin import UserAdmin
from app.services.users import UserService
from tests.cli_helpers import demo, login
from tests.exchange_helpers import office_for


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_enroll_pay_print_export_and_a_claim_to_paid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert run(capsys, "--db", db, *demo(tmp_path), "--units", "1", "--members", "12", "--seed", "3")[0] == 0
    _e, sessions = open_database(db)
    admin = UserService(sessions).actor_for("admin")
    PeriodService(sessions, admin).create(
        "jilin-2020-hospital-combo", 1, dt.date(2020, 2, 1), dt.date(2021, 1, 31), "110"
    )
    base = ("--db", db, *login(tmp_path, "admin"))
    code, out, err = run(
        capsys,
        *base,
        "enroll",
        "--plan",
        "jilin-2020-hospital-combo",
        "--period",
        "1",
        "--unit",
        "D0001",
        "--all-eligible",
        "--as-of",
        "2020-02-01",
    )
    assert code == 0, err
    enrolled = int(out.split("已参保 ")[1].split(" 人")[0])
    assert enrolled > 0
    code, out, err = run(
        capsys,
        *base,
        "record-payment",
        "--unit",
        "D0001",
        "--plan",
        "jilin-2020-hospital-combo",
        "--period",
        "1",
        "--amount",
        "80",
        "--method",
        "cash",
        "--date",
        "2020-02-03",
    )
    assert code == 0 and "已缴 80.00 元" in out, err
    pay = ("--unit", "D0001", "--plan", "jilin-2020-hospital-combo", "--period", "1")
    code, out, err = run(capsys, *base, "void-payment", *pay, "--amount", "80", "--date", "2020-02-03",
                         "--reason", "误录")  # fmt: skip
    assert code == 0 and "已缴 0.00 元" in out, err  # voided with its reason (issue 18 item 7) …
    code, _, err = run(capsys, *base, "void-payment", *pay, "--amount", "80", "--date", "2020-02-03",
                       "--reason", "误录")  # fmt: skip
    assert code == 2 and "没有未作废的缴费" in err
    code, out, err = run(capsys, *base, "record-payment", *pay, "--amount", "80", "--method", "cash",
                         "--date", "2020-02-03")  # fmt: skip
    assert code == 0 and "已缴 80.00 元" in out, err  # … and recorded again: a correction
    code, _, err = run(
        capsys,
        *base,
        "record-payment",
        "--unit",
        "D0001",
        "--plan",
        "jilin-2020-hospital-combo",
        "--period",
        "1",
        "--amount",
        "-3",
        "--method",
        "支票",
        "--date",
        "2020-02-03",
    )
    assert code == 2 and "金额" in err and "缴费方式" in err
    for form in ("group-application", "personnel-roster"):
        out_pdf = tmp_path / f"{form}.pdf"
        code, _, err = run(
            capsys,
            *base,
            "print",
            form,
            "--unit",
            "D0001",
            "--plan",
            "jilin-2020-hospital-combo",
            "--period",
            "1",
            "--out",
            str(out_pdf),
        )
        assert code == 0 and out_pdf.read_bytes().startswith(b"%PDF"), err
    (tmp_path / "pw.txt").write_text("秘密\n", encoding="utf-8")
    office_for((sessions, admin), tmp_path / "office")  # the office the batches are signed for
    code, out, err = run(
        capsys,
        *base,
        "export-batch",
        "--unit",
        "D0001",
        "--plan",
        "jilin-2020-hospital-combo",
        "--period",
        "1",
        "--out",
        str(tmp_path / "usb"),
        "--password-file",
        str(tmp_path / "pw.txt"),
    )
    assert code == 0, err
    assert "未设批次密码" not in err  # with a password: no warning …
    folder = Path(out.strip().split("：", 1)[1])
    assert verify_batch(folder) == []
    batch = ("--unit", "D0001", "--plan", "jilin-2020-hospital-combo", "--period", "1")
    code, _out, err = run(capsys, *base, "export-batch", *batch, "--out", str(tmp_path / "usb2"))
    assert code == 0 and "未设批次密码，U 盘上的文件是明文" in err  # … without one, said plainly (issue 14)

    member = next(m for m in RosterService(sessions, admin).member_rows() if m.employment == "in_service")
    case = {
        "id_number": member.id_number,
        "plan": "jilin-2020-hospital-combo",
        "benefit": "hospital_allowance",
        "applied_on": "2020-06-01",
        "materials": "all",
        "event": {
            "admission_date": "2020-05-01",
            "discharge_date": "2020-05-04",
            "local": False,
            "hospital_grade": 3,
        },
    }
    (tmp_path / "case.json").write_text(json.dumps(case), encoding="utf-8")
    code, out, err = run(capsys, *base, "claim", "new", str(tmp_path / "case.json"))
    assert code == 0 and "应付 120.00 元" in err, err
    claim_no = out.strip()
    assert run(capsys, *base, "claim", "submit", claim_no)[0] == 0
    code, _, err = run(capsys, "--db", db, "claim", "approve", claim_no, *login(tmp_path, "admin"))
    assert code == 2 and "不能批准" in err  # still 已受理: review and audit come first
    # The submitter may not review or audit their own intake either (issue 13 item 4).
    code, _, err = run(capsys, "--db", db, "claim", "review", claim_no, *login(tmp_path, "admin"))
    assert code == 2 and "受理人不能单位审核" in err
    UserAdmin(sessions, admin).create_user("auditor1", "auditor-pass", "auditor", temporary=False)
    for action in ("review", "audit"):
        argv = ("--db", db, "claim", action, claim_no, *login(tmp_path, "auditor1", "auditor-pass"))
        assert run(capsys, *argv)[0] == 0
    code, _, err = run(capsys, "--db", db, "claim", "approve", claim_no, *login(tmp_path, "admin"))
    assert code == 2 and "受理人不能批准" in err
    code, _, err = run(capsys, "--db", db, "claim", "reject", claim_no, *login(tmp_path, "admin"))
    assert code == 2 and "原因" in err
    code, out, err = run(
        capsys, "--db", db, "claim", "reject", claim_no, *login(tmp_path, "admin"), "--reason", "重复申报"
    )
    assert code == 0 and "已拒绝" in out, err
    code, _, err = run(
        capsys, *base, "print", "claim-form", "--claim", claim_no, "--out", str(tmp_path / "c.pdf")
    )
    assert code == 0, err
    code, out, err = run(
        capsys,
        *base,
        "export-claims",
        "--unit",
        "D0001",
        "--from",
        "2020-01-01",
        "--to",
        "2020-12-31",
        "--out",
        str(tmp_path / "usb"),
    )
    assert code == 0, err
    assert verify_batch(Path(out.strip().split("：", 1)[1])) == []
    code, _, err = run(capsys, *base, "claim", "new", str(tmp_path / "missing.json"))
    assert code == 2 and "无法读取" in err
