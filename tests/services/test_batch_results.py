"""The round trip: two units' batches in at the office, the office decides, the results go back and
each unit's own claims and enrollments take the office's decisions."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from sqlalchemy import select

from app import cli
from app.commands import batch_cmd
from app.models import Claim, ClaimStep, Enrollment, Member
from app.models.db import open_database
from app.services.batch_import import BatchImporter
from app.services.batch_results import BatchResults
from app.services.claim_decisions import ClaimDraft
from app.services.claim_documents import ClaimDocuments
from app.services.claims import ClaimService
from app.services.keys import KeyService
from app.services.users import UserService
from tests.cli_helpers import login
from tests.factories_claims import materials
from tests.services.test_batch_import import (  # noqa: F401 - make_site and office are fixtures
    SHARED_ID,
    WEIHAI,
    Site,
    counts,
    export,
    make_site,
    office,
    unit_a,
    unit_b,
    weihai_period,
)

D = dt.date


def claim_at(site: Site, name: str, event: str, total: str) -> str:
    """A Weihai medical claim taken in and reviewed at the unit; returns the unit's claim number."""
    with site.sessions() as s:
        member_id = s.scalars(select(Member.id).where(Member.name == name)).one()
    service = ClaimService(site.sessions, site.clerk)
    facts = {
        "event_id": event,
        "treatment_start": "2012-06-01",
        "treatment_end": "2012-06-10",
        "total_cost": total,
        "insurance_paid": "10000",
    }
    draft = ClaimDraft(
        member_id, WEIHAI, "medical", facts, D(2012, 7, 1), materials_received=materials(WEIHAI, "medical")
    )
    claim_no = service.create(draft)
    service.act(claim_no, "submit")
    return claim_no


def unit_status(site: Site, claim_no: str) -> tuple[str, int | None, int | None]:
    with site.sessions() as s:
        c = s.scalars(select(Claim).where(Claim.claim_no == claim_no)).one()
        return c.status, c.approved_fen, c.paid_fen


def test_results_round_trip_to_both_units(
    tmp_path: Path,
    make_site,  # noqa: F811
    office: Site,  # noqa: F811
    auditor,  # type: ignore[no-untyped-def]
) -> None:
    a, b = unit_a(make_site), unit_b(make_site)
    paid_no, refused_no = claim_at(a, "王芳", "住院-1", "30000"), claim_at(a, "赵磊", "住院-2", "25000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    importer.import_batch(export(b, tmp_path / "b"), resolutions={f"enrolled_elsewhere:{SHARED_ID}": "skip"})
    claims_batch = ClaimDocuments(a.sessions, a.clerk).export_claims(
        "WH001", D(2012, 7, 1), D(2012, 7, 31), tmp_path / "a-claims", today=D(2012, 8, 1)
    )
    preview = importer.preview_batch(claims_batch)
    assert preview.counts == {"新增理赔": 2} and not preview.conflicts
    importer.import_batch(claims_batch)

    # At the office: one claim goes to payment, the other is rejected.
    service, audit_service = (
        ClaimService(office.sessions, office.clerk),
        ClaimService(office.sessions, auditor),
    )
    with office.sessions() as s:
        rows = s.execute(
            select(Claim.claim_no, Claim.status, Claim.amount_fen, Member.name).join(Member)
        ).all()
    office_no = {name: no for no, status, _fen, name in rows}
    assert {(status, fen) for _no, status, fen, _n in rows} == {("submitted", 800000), ("submitted", 400000)}
    # The office clerk who imported (took in) the claims does not review them (duties).
    audit_service.act(office_no["王芳"], "review")
    audit_service.act(office_no["王芳"], "audit", today=D(2012, 8, 10))
    audit_service.act(office_no["王芳"], "approve", amount="7500", reason="扣除不合规票据 500 元")
    service.act(
        office_no["王芳"], "pay", paid_on=D(2012, 8, 20), account="6222000011112222", today=D(2012, 8, 20)
    )
    audit_service.act(office_no["赵磊"], "reject", reason="治疗不在保障范围")

    results_a = BatchResults(office.sessions, office.clerk).export_results("WH001", tmp_path / "back")
    results_b = BatchResults(office.sessions, office.clerk).export_results("WH002", tmp_path / "back")

    report = BatchResults(a.sessions, a.clerk).import_results(results_a)
    assert (report.claims_changed, report.enrollments_changed) == (2, 0)
    assert unit_status(a, paid_no) == ("paid", 750000, 750000)
    assert unit_status(a, refused_no) == ("rejected", None, None)
    with a.sessions() as s:
        steps = s.scalars(
            select(ClaimStep).join(Claim).where(Claim.claim_no == paid_no).order_by(ClaimStep.id)
        ).all()
        assert [st.to_status for st in steps][-2:] == ["approved", "paid"]
        assert all(st.reason.startswith("测试办事处意见") for st in steps[-2:])
        reject = s.scalars(
            select(ClaimStep).join(Claim).where(Claim.claim_no == refused_no).order_by(ClaimStep.id.desc())
        ).first()
        assert reject is not None and "治疗不在保障范围" in reject.reason

    settled = counts(a.sessions)
    assert BatchResults(a.sessions, a.clerk).import_results(results_a).already_imported
    assert counts(a.sessions) == settled

    # Unit B: the office refused the shared member's enrollment (she is enrolled through unit A).
    report = BatchResults(b.sessions, b.clerk).import_results(results_b)
    assert report.enrollments_changed == 1
    with b.sessions() as s:
        shared = s.scalars(select(Enrollment).join(Member).where(Member.id_number == SHARED_ID)).one()
        assert shared.status == "cancelled" and "测试办事处不予参保" in shared.cancel_reason
        assert "第一机械厂" in shared.cancel_reason


def test_a_claim_received_again_after_return_is_a_conflict_resolved_by_update(
    tmp_path: Path,
    make_site,  # noqa: F811
    office: Site,  # noqa: F811
) -> None:
    a = unit_a(make_site)
    claim_no = claim_at(a, "王芳", "住院-1", "30000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    first = ClaimDocuments(a.sessions, a.clerk).export_claims(
        "WH001", D(2012, 7, 1), D(2012, 7, 31), tmp_path / "c"
    )
    importer.import_batch(first)
    with office.sessions() as s:
        office_no = s.scalars(select(Claim.claim_no)).one()
    ClaimService(office.sessions, office.clerk).act(office_no, "return", reason="缺出院证明")
    BatchResults(a.sessions, a.clerk).import_results(
        BatchResults(office.sessions, office.clerk).export_results("WH001", tmp_path / "back")
    )
    assert unit_status(a, claim_no)[0] == "returned"
    ClaimService(a.sessions, a.clerk).act(claim_no, "submit")  # materials supplied, sent again

    again = ClaimDocuments(a.sessions, a.clerk).export_claims(
        "WH001", D(2012, 7, 1), D(2012, 7, 31), tmp_path / "c"
    )
    conflict = f"claim_already_received:{claim_no}"
    assert [c.id for c in importer.preview_batch(again).conflicts] == [conflict]
    importer.import_batch(again, resolutions={conflict: "update"})
    with office.sessions() as s:
        claims = s.scalars(select(Claim)).all()
        assert [(c.claim_no, c.status) for c in claims] == [(office_no, "submitted")]


@pytest.fixture
def main(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], int]:
    """``python -m app`` with the batch commands, whether or not app/cli.py registers them yet."""
    original = cli.build_parser

    def build(modules: Iterable[str] | None = None) -> argparse.ArgumentParser:
        parser = original(modules)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "import-batch" not in sub.choices:
            batch_cmd.register(sub)
        return parser

    monkeypatch.setattr(cli, "build_parser", build)
    return cli.main


def test_headless_import_batch_reports_conflicts_and_takes_resolutions(
    tmp_path: Path,
    make_site,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    main: Callable[[list[str]], int],
) -> None:
    a, b = unit_a(make_site, pair_with=None), unit_b(make_site, pair_with=None)
    db = f"sqlite:///{tmp_path / 'office.db'}"
    init = ["init", "--office", "市办事处", "--level", "办事处", "--admin", "admin"]
    assert main(["--db", db, *init, "--password-file", str(_write(tmp_path / "pw", "admin-pass"))]) == 0
    engine, sessions = open_database(db)
    weihai_period(sessions, UserService(sessions).actor_for("admin"))
    engine.dispose()
    base = ["--db", db, *login(tmp_path, "admin", "admin-pass")]
    # The keys, exchanged headless: each side exports its key file and registers the other's,
    # typing the fingerprint printed on the other's paper.
    capsys.readouterr()
    assert main(["--db", db, "keys", "show"]) == 0
    office_fp = capsys.readouterr().out.split("：")[1].split()[0]
    assert main([*base, "keys", "export", "--out", str(tmp_path / "office.hzbzkey")]) == 0
    for site in (a, b):
        keys = KeyService(site.sessions, site.clerk)
        keys.register(tmp_path / "office.hzbzkey", office_fp.lower().replace("-", " "))
        unit_file = keys.export_public(tmp_path / f"{site.unit_id}-{keys.identity().name}.hzbzkey")
        wrong = "0000-0000-0000-0000"
        assert main([*base, "keys", "register", str(unit_file), "--fingerprint", wrong]) == 2
        assert "不符" in capsys.readouterr().err
        fp = keys.identity().fingerprint
        assert main([*base, "keys", "register", str(unit_file), "--fingerprint", fp]) == 0
        assert "下级单位" in capsys.readouterr().out
    assert main([*base, "keys", "list"]) == 0
    assert capsys.readouterr().out.count("下级单位") == 2
    assert main([*base, "import-batch", str(export(a, tmp_path / "a"))]) == 0
    folder_b = str(export(b, tmp_path / "b"))
    capsys.readouterr()
    assert main([*base, "import-batch", folder_b, "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert f"enrolled_elsewhere:{SHARED_ID}" in err
    resolve = ["--resolve", f"enrolled_elsewhere:{SHARED_ID}=skip"]
    assert main([*base, "import-batch", folder_b, *resolve]) == 0
    assert "已导入批次" in capsys.readouterr().out
    assert main([*base, "import-batch", folder_b, *resolve]) == 0
    assert "已导入过" in capsys.readouterr().out
    assert main([*base, "export-results", "--unit", "WH002", "--out", str(tmp_path / "back")]) == 0
    assert "处理结果批次" in capsys.readouterr().out


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_claim_facts_in_the_manifest_let_the_office_rules_decide(
    tmp_path: Path,
    make_site,  # noqa: F811
    office: Site,  # noqa: F811
) -> None:
    """The claims manifest carries each claim's facts and materials: the office's rules decide."""
    a = unit_a(make_site)
    claim_no = claim_at(a, "王芳", "住院-1", "30000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    folder = ClaimDocuments(a.sessions, a.clerk).export_claims(
        "WH001", D(2012, 7, 1), D(2012, 7, 31), tmp_path / "c"
    )
    with a.sessions() as s:
        claim = s.scalars(select(Claim).where(Claim.claim_no == claim_no)).one()
        facts, received = json.loads(claim.facts), [n for n, ok in json.loads(claim.materials) if ok]
    body = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (body["claims"][0]["facts"], body["claims"][0]["materials"]) == (facts, received)
    importer.import_batch(folder)
    with office.sessions() as s:
        claim = s.scalars(select(Claim)).one()
        assert (claim.amount_fen, claim.eligible, claim.enrollment_id is not None) == (800000, True, True)
        assert json.loads(claim.facts) == facts
        assert all(ok for _n, ok in json.loads(claim.materials))
        assert "办事处按本办事处方案重新计算为 8000.00 元" in claim.decision  # the office's own figure
