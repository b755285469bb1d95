"""The papers of a claim show what was decided (issue 12 item 6): before approval the computed
amount, once approved the approved amount and the approval's reason — form, payment list, batch list."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from app.models.db import SessionFactory
from app.rules.plans import load_plans
from app.services.auth import Actor
from app.services.claim_documents import ClaimDocuments, _claims_xlsx
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimDraft, ClaimService
from app.services.code_labels import PlanNames
from tests.factories_claims import D, enrolled_member, hospital_stay


def _flat_text(path: Path) -> str:
    return re.sub(r"\s", "", "".join(page.extract_text() for page in PdfReader(path).pages))


def test_the_form_prints_the_approved_amount_and_its_reason(
    sessions: SessionFactory, clerk: Actor, auditor: Actor, tmp_path: Path
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    docs = ClaimDocuments(sessions, clerk)
    before = docs.form(no)
    assert before.amount_shown == Decimal("500.00") and before.shown_reasons == before.reasons
    desk.act(no, "submit")
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit", today=D(2020, 5, 29))
    office.act(no, "approve", amount="333.33", reason="住院天数按结算清单核减")
    form = ClaimDocuments(sessions, clerk).form(no)
    assert form.amount_due == Decimal("500.00") and form.amount_shown == Decimal("333.33")
    assert form.shown_reasons[-1] == "批准互助金 333.33 元（规则计算 500.00 元）：住院天数按结算清单核减"
    out = tmp_path / "form.pdf"
    docs.print_forms([no], out)
    text = _flat_text(out)
    assert "核定互助金333.33" in text and "叁佰叁拾叁元叁角叁分" in text
    assert "住院天数按结算清单核减" in text and "伍佰元整" not in text
    # the bank's list pays the approved amount; the batch's claims list carries the reason
    assert docs.payment_list(tmp_path / "pay.xlsx") == 1
    cells = [[c.value for c in r] for r in load_workbook(tmp_path / "pay.xlsx").active.iter_rows()]
    assert Decimal(str(cells[1][6])) == Decimal("333.33")
    full = ClaimQueries(sessions).get(no)
    _claims_xlsx(tmp_path / "list.xlsx", [full], {no: "住院天数按结算清单核减"}, PlanNames(load_plans()))
    cells = [[c.value for c in r] for r in load_workbook(tmp_path / "list.xlsx").active.iter_rows()]
    header = cells[0]
    assert Decimal(str(cells[1][header.index("核定金额")])) == Decimal("500")
    assert Decimal(str(cells[1][header.index("批准金额")])) == Decimal("333.33")
    assert cells[1][header.index("批准原因")] == "住院天数按结算清单核减"


def test_the_forms_signature_lines_name_who_did_each_step(
    sessions: SessionFactory, clerk: Actor, auditor: Actor, tmp_path: Path
) -> None:
    """Issue 18 item 7: 经办人/审核人 carried no names, though the program knows who did each step."""
    _uid, mid = enrolled_member(sessions, clerk)
    desk, office = ClaimService(sessions, clerk), ClaimService(sessions, auditor)
    no = desk.create(hospital_stay(mid))
    docs = ClaimDocuments(sessions, clerk)
    docs.print_forms([no], tmp_path / "new.pdf")  # printed at intake: lines left for the pen
    assert "经办员甲" not in _flat_text(tmp_path / "new.pdf")
    desk.act(no, "submit")
    office.act(no, "review")
    office.act(no, "audit", today=D(2020, 5, 29))
    office.act(no, "approve")
    assert dict(docs.form(no).signers) == {
        "create": "经办员甲", "submit": "经办员甲",
        "review": "审核员乙", "audit": "审核员乙", "approve": "审核员乙",
    }  # fmt: skip
    docs.print_forms([no], tmp_path / "approved.pdf")
    text = _flat_text(tmp_path / "approved.pdf")
    assert "经办人：审核员乙" in text and "审核人：审核员乙" in text


def test_the_beijing_free_form_only_for_a_jingka_holder_whose_unit_remits_union_funds(
    sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:
    """Seed 003: the 持京卡职工 form (free of the fee) is for a Jingka holder whose unit remits its
    union funds; anyone else signs the 缴费人员 form. The form shows the treatment's 自付一."""
    from app.services.roster import RosterService, UnitDraft

    medical = "beijing-inservice-medical"
    roster = RosterService(sessions, clerk)
    roster.save_unit(UnitDraft("BJ1", "缴经费单位", remits_union_funds=True))
    roster.save_unit(UnitDraft("BJ2", "未缴经费单位", remits_union_funds=False))
    cases = {
        "holder, remitting unit": ("BJ1", "1234567890123456", False),
        "holder, unit not remitting": ("BJ2", "1234567890123457", True),
        "no Jingka": ("BJ1", "", True),
    }
    desk = ClaimService(sessions, clerk)
    docs = ClaimDocuments(sessions, clerk)
    for i, (who, (unit, card, paying)) in enumerate(cases.items()):
        _uid, mid = enrolled_member(sessions, clerk, medical, D(2020, 1, 1), unit_code=unit,
                                    name=f"京卡{i}", jingka_card=card)  # fmt: skip
        facts = {"period": "2020-Q2", "self_pay_1": "3000"}
        got = load_plans().get(medical).benefit("outpatient").materials
        draft = ClaimDraft(mid, medical, "outpatient", facts, D(2020, 7, 21), materials_received=got)
        no = desk.create(draft)
        form = docs.form(no)
        assert form.paying_member is paying, who
        docs.print_forms([no], tmp_path / f"{i}.pdf")
        text = _flat_text(tmp_path / f"{i}.pdf")
        assert ("缴费人员" in text) is paying and ("持京卡职工" in text) is not paying, who
        assert "3,000.00" in text or "3000.00" in text, who  # the 自付一 the amount rests on
