"""claim update CLAIM_NO FILE.json and claim materials CLAIM_NO --received NAME … | all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from tests.cli_helpers import login, run
from tests.conftest import AUDITOR_PASSWORD, CLERK_PASSWORD
from tests.factories_claims import enrolled_member, hospital_stay


def test_update_and_materials_of_a_returned_claim_from_the_command_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    sessions: SessionFactory,
    clerk: Actor,
    auditor: Actor,
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid, received=("会员身份证复印件",)))
    base = ("--db", db_url, *login(tmp_path, "clerk1", CLERK_PASSWORD))
    fix = tmp_path / "fix.json"
    fix.write_text(json.dumps({"event": {"discharge_date": "2020-05-13"}}), encoding="utf-8")
    code, out, err = run(capsys, *base, "claim", "update", no, str(fix))
    assert code == 0 and out.strip() == f"{no}：草稿", err
    assert "出院日期 2020-05-11 → 2020-05-13" in err and "仍缺材料" in err
    code, out, err = run(
        capsys, *base, "claim", "materials", no, "--received", "出院病情证明复印件", "户口本"
    )
    assert code == 2 and "不需要材料：户口本" in err
    assert dict(ClaimQueries(sessions).get(no).materials)["出院病情证明复印件"] is False  # nothing ticked
    code, out, err = run(capsys, *base, "claim", "materials", no, "all")
    assert code == 0 and "应付 600.00 元" in err, err
    assert run(capsys, *base, "claim", "submit", no)[0] == 0
    office = ("--db", db_url, *login(tmp_path, "auditor1", AUDITOR_PASSWORD))
    code, _, err = run(capsys, *office, "claim", "return", no, "--reason", "结算清单不清晰")
    assert code == 0, err
    fix.write_text(json.dumps({"materials": ["会员身份证复印件"]}), encoding="utf-8")
    code, out, err = run(capsys, *base, "claim", "update", no, str(fix))
    assert code == 0 and out.strip() == f"{no}：待补件", err
    fix.write_text(json.dumps({"plan": "beijing-relief"}), encoding="utf-8")
    code, _, err = run(capsys, *base, "claim", "update", no, str(fix))
    assert code == 2 and "不能修改" in err
    code, _, err = run(capsys, *base, "claim", "update", no)
    assert code == 2 and "用法" in err
    code, out, err = run(
        capsys,
        *base,
        "claim",
        "materials",
        no,
        "--received",
        "出院病情证明复印件",
        "住院费用结算清单复印件",
        "银行卡复印件",
    )
    assert code == 0 and out.strip() == f"{no}：已受理", err  # complete again: back to 已受理
    steps = desk.steps(no)
    assert [st.action for st in steps] == [
        "create", "update", "update", "submit", "return", "update", "update", "submit",
    ]  # fmt: skip
    code, _, err = run(capsys, *base, "claim", "materials", no, "all")
    assert code == 2 and "只有草稿和待补件的理赔可以修改" in err
    code, _, err = run(capsys, *base, "claim", "update", "C2020-09999", str(fix))
    assert code == 2 and "不存在" in err
