# ruff: noqa: F811 - make_site and office are fixtures imported from test_batch_import
"""What a forged batch can no longer do (issue 14, item 2 and 3): the office prices every claim from
its facts with its own plans; results move a unit's claim only to a state the office decided,
never above the unit's computed cap, after a preview; member data that differs is a conflict."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import AuditEvent, Claim, ExchangeLink, Member
from app.services.batch_import import BatchImporter, BatchRefused
from app.services.batch_results import BatchResults
from app.services.claim_decisions import ClaimDraft
from app.services.claim_documents import ClaimDocuments
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from tests.exchange_helpers import resign, rewrite_file
from tests.factories_claims import materials
from tests.services.test_batch_import import (  # noqa: F401 - make_site and office are fixtures
    WEIHAI,
    Site,
    counts,
    export,
    make_site,
    office,
    unit_a,
)
from tests.services.test_batch_results import claim_at, unit_status

D = dt.date
UNREADABLE = "在职状态、基本医保、用工形式或聘用期不可读"


def _claims_batch(a: Site, out: Path) -> Path:
    return ClaimDocuments(a.sessions, a.clerk).export_claims("WH001", D(2012, 7, 1), D(2012, 7, 31), out)


def _decided(tmp_path: Path, a: Site, office: Site, auditor) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    """A unit claim sent, approved at the office at 7,500 and answered in a results batch."""
    claim_no = claim_at(a, "王芳", "住院-1", "30000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    importer.import_batch(_claims_batch(a, tmp_path / "c"))
    with office.sessions() as s:
        office_no = s.scalars(select(Claim.claim_no)).one()
    # The office clerk who imported (took in) the claim does not review it (duties).
    checker = ClaimService(office.sessions, auditor)
    checker.act(office_no, "review")
    checker.act(office_no, "audit", today=D(2012, 8, 10))
    checker.act(office_no, "approve", amount="7500", reason="扣除不合规票据")
    return claim_no, BatchResults(office.sessions, office.clerk).export_results("WH001", tmp_path / "back")


def test_forged_results_cannot_pay_above_the_cap_or_decide_a_draft(
    tmp_path: Path,
    make_site,
    office: Site,
    auditor,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    claim_no, results = _decided(tmp_path, a, office, auditor)
    with a.sessions() as s:
        member_id = s.scalars(select(Member.id).where(Member.name == "赵磊")).one()
    draft_facts = {"event_id": "门诊-9", "treatment_start": "2012-06-01", "treatment_end": "2012-06-02",
                   "total_cost": "100", "insurance_paid": "100"}  # fmt: skip
    draft_no = ClaimService(a.sessions, a.clerk).create(
        ClaimDraft(
            member_id,
            WEIHAI,
            "medical",
            draft_facts,
            D(2012, 7, 1),
            materials_received=materials(WEIHAI, "medical"),
        )  # fmt: skip
    )
    before = counts(a.sessions)
    service = BatchResults(a.sessions, a.clerk)

    def forge(name: str, change) -> Path:  # type: ignore[no-untyped-def]
        import shutil

        folder = tmp_path / name
        shutil.copytree(results, folder)
        resign(folder, office.sessions, change)  # signed with the office's own key: an insider there
        return folder

    def paid_999999(m) -> None:  # type: ignore[no-untyped-def]
        m["claims"][0].update(status="paid", approved="999999.00", paid="999999.00", paid_on="2012-08-20")

    huge = forge("huge", paid_999999)
    preview = service.preview_results(huge)
    assert any("超过本单位按方案计算的上限" in r for r in preview.refusals)
    with pytest.raises(BatchRefused, match="上限"):
        service.import_results(huge)

    def approve_draft(m) -> None:  # type: ignore[no-untyped-def]
        m["claims"][0].update(claim_no=draft_no, status="approved", approved="50000.00")

    with pytest.raises(BatchRefused, match="从未随理赔上报批次报送办事处"):
        service.import_results(forge("draft", approve_draft))

    def overpaid(m) -> None:  # type: ignore[no-untyped-def]
        m["claims"][0].update(status="paid", paid="7600.00", paid_on="2012-08-20")

    with pytest.raises(BatchRefused, match="超过批准金额"):
        service.import_results(forge("overpaid", overpaid))
    with pytest.raises(BatchRefused, match="负数"):
        service.import_results(forge("negative", lambda m: m["claims"][0].update(approved="-1.00")))
    with pytest.raises(BatchRefused, match="不是办事处能作出的决定"):
        service.import_results(forge("status", lambda m: m["claims"][0].update(status="draft")))
    assert counts(a.sessions) == before
    assert unit_status(a, claim_no) == ("submitted", None, None)
    assert unit_status(a, draft_no) == ("draft", None, None)
    assert ClaimQueries(a.sessions).payments_due() == []

    # The genuine batch: the preview lists the change, the import makes exactly it, audited with the batch.
    preview = service.preview_results(results)
    assert not preview.refusals and [c.to_status for c in preview.claims] == ["approved"]
    assert any("批准 7500.00 元" in line for line in preview.lines())
    report = service.import_results(results)
    assert report.claims_changed == 1 and unit_status(a, claim_no) == ("approved", 750000, None)
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    with a.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "office_result")).one()
        detail = json.loads(event.detail) if isinstance(event.detail, str) else event.detail
        assert detail["batch_id"] == manifest["batch_id"] and detail["status"] == ["submitted", "approved"]
        assert detail["approved"] == [None, "7500.00"]


def test_a_forged_claims_batch_cannot_set_the_office_amount(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    claim_no = claim_at(a, "王芳", "住院-1", "30000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))

    # Without facts the claim is refused, never taken at the unit's figure.
    bare = _claims_batch(a, tmp_path / "bare")
    resign(bare, a.sessions, lambda m: [c.pop("facts") for c in m["claims"]])
    preview = importer.preview_batch(bare)
    conflict = f"claim_lacks_facts:{claim_no}"
    assert [(c.id, c.choices) for c in preview.conflicts] == [(conflict, ("skip",))]
    assert "不予受理" in preview.conflicts[0].message
    importer.import_batch(bare, resolutions={conflict: "skip"})
    with office.sessions() as s:
        assert s.scalars(select(Claim)).all() == []
        link = s.scalars(select(ExchangeLink).where(ExchangeLink.kind == "claim")).one()
        assert (link.unit_ref, link.outcome, link.claim_id) == (claim_no, "refused", None)


def test_the_unit_figure_is_never_the_office_amount(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    claim_at(a, "王芳", "住院-1", "30000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    inflated = _claims_batch(a, tmp_path / "inflated")

    def to_45000(path: Path) -> None:
        wb = load_workbook(path)
        ws = wb.active
        column = [c.value for c in ws[1]].index("核定金额") + 1
        ws.cell(row=2, column=column, value="45000.00")
        wb.save(path)

    fix = rewrite_file(inflated, "理赔清单.xlsx", to_45000)
    resign(inflated, a.sessions, lambda m: (fix(m), m["totals"].update(amount="45000.00")))
    preview = importer.preview_batch(inflated)
    assert any("单位计算 45000.00 元" in n and "8000.00 元" in n for n in preview.notes)
    importer.import_batch(inflated)
    with office.sessions() as s:
        claim = s.scalars(select(Claim)).one()
        assert claim.amount_fen == 800000  # the office's own figure from the facts
        assert "单位上报计算金额 45000.00 元" in claim.decision


def test_negative_shares_refuse_the_batch(tmp_path: Path, make_site, office: Site) -> None:  # type: ignore[no-untyped-def]
    a = unit_a(make_site)
    folder = export(a, tmp_path / "a")
    resign(folder, a.sessions, lambda m: m["members"][0].update(shares=-5))
    before = counts(office.sessions)
    with pytest.raises(BatchRefused, match="参保份数“-5”不是正整数"):
        BatchImporter(office.sessions, office.clerk).import_batch(folder)
    assert counts(office.sessions) == before


def test_an_unknown_employment_refuses_the_batch(tmp_path: Path, make_site, office: Site) -> None:  # type: ignore[no-untyped-def]
    # It went unchecked into the rules (a KeyError from a plan that limits employment) and the roster.
    a = unit_a(make_site)
    folder = export(a, tmp_path / "a")
    resign(folder, a.sessions, lambda m: m["members"][0].update(employment="boss"))
    before = counts(office.sessions)
    importer = BatchImporter(office.sessions, office.clerk)
    assert any(UNREADABLE in r for r in importer.preview_batch(folder).refusals)
    with pytest.raises(BatchRefused, match=UNREADABLE):
        importer.import_batch(folder)
    assert counts(office.sessions) == before


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("employment", ["在职"], UNREADABLE),  # unhashable: it raised in the `in` test
        ("engagement", {"a": 1}, UNREADABLE),
        ("basic_medical_insurance", "yes", UNREADABLE),
        ("effective_date", "2012-13-40", "生效日期“2012-13-40”不可读"),
        ("effective_date", ["2012-03-01"], "生效日期“?”不可读"),
    ],
)
def test_a_signed_batch_with_odd_member_values_is_refused_not_an_internal_error(  # type: ignore[no-untyped-def]
    tmp_path: Path, make_site, office: Site, field: str, value: object, said: str
) -> None:
    # A signature proves who made the file, not that every value has the right type.
    a = unit_a(make_site)
    folder = export(a, tmp_path / "a")
    resign(folder, a.sessions, lambda m: m["members"][0].update({field: value}))
    before = counts(office.sessions)
    importer = BatchImporter(office.sessions, office.clerk)
    assert any(said in r for r in importer.preview_batch(folder).refusals)
    with pytest.raises(BatchRefused, match=re.escape(said)):
        importer.import_batch(folder)
    assert counts(office.sessions) == before


def test_changed_member_data_is_a_conflict_the_clerk_decides(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    with office.sessions.begin() as s:  # the office's record was corrected at the counter
        member = s.scalars(select(Member).where(Member.name == "王芳")).one()
        member.name, number = "王小芳", member.id_number
    again = export(a, tmp_path / "again")
    preview = importer.preview_batch(again)
    conflict = f"member_changed:{number}"
    assert [c.id for c in preview.conflicts] == [conflict]
    assert "姓名“王小芳”→“王芳”" in preview.conflicts[0].message
    with pytest.raises(Exception, match="冲突未处理"):
        importer.import_batch(again)
    importer.import_batch(again, resolutions={conflict: "keep"})
    with office.sessions() as s:
        assert s.scalars(select(Member.name).where(Member.id_number == number)).one() == "王小芳"
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "keep")).one()
        detail = json.loads(event.detail) if isinstance(event.detail, str) else event.detail
        assert detail["name"] == ["王小芳", "王芳"]
    third = export(a, tmp_path / "third")
    importer.import_batch(third, resolutions={conflict: "update"})
    with office.sessions() as s:
        assert s.scalars(select(Member.name).where(Member.id_number == number)).one() == "王芳"
