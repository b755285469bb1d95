# ruff: noqa: F811 - make_site and office are fixtures imported from tests.services.test_batch_import
"""Two installations, a unit and its office, each with its own database and key pair, exchange
enrollment, claims and results batches through one folder (the USB stick), the way issue 14 asks:
key registration against the fingerprint on paper, then a wrong-office batch, a replay, a forged
claims batch and a forged results batch, each refused or harmless, and the paper code checked."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Claim
from app.services.batch_import import BatchImporter, BatchRefused
from app.services.batch_results import BatchResults
from app.services.claim_documents import ClaimDocuments
from app.services.claims import ClaimService
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.keys import KeyRefused, KeyService
from app.services.paper_verify import PaperVerifier
from tests.exchange_helpers import resign
from tests.services.test_batch_import import Site, counts, export, make_site, office, unit_a  # noqa: F401
from tests.services.test_batch_results import claim_at, unit_status
from tests.services.test_batch_trust import other_office, refused
from tests.services.test_paper_code import scan

D = dt.date


def test_a_unit_and_its_office_exchange_through_a_folder(
    tmp_path: Path,
    make_site,
    office: Site,
    auditor,  # type: ignore[no-untyped-def]
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    unit = unit_a(make_site, pair_with=None)
    unit_keys, office_keys = KeyService(unit.sessions, unit.clerk), KeyService(office.sessions, office.admin)
    assert unit_keys.identity().fingerprint != office_keys.identity().fingerprint  # two key pairs

    # Key registration: each side brings its key file; the other types the fingerprint from paper.
    unit_file = unit_keys.export_public(stick / "unit.hzbzkey")
    office_file = office_keys.export_public(stick / "office.hzbzkey")
    with pytest.raises(KeyRefused):
        office_keys.register(unit_file, "0000-0000-0000-0000")
    office_keys.register(unit_file, unit_keys.identity().fingerprint)
    unit_keys.register(office_file, office_keys.identity().fingerprint)

    # Enrollment: the unit's batch and its stamped 团体申请表.
    importer = BatchImporter(office.sessions, office.clerk)
    enrollment = export(unit, stick / "out")
    assert importer.import_batch(enrollment).imported
    EnrollmentDocuments(unit.sessions, unit.clerk).print_group_application(
        unit.unit_id, unit.period_id, tmp_path / "团体申请表.pdf", copies=1
    )
    assert (
        PaperVerifier(office.sessions, office.clerk).verify(scan(tmp_path / "团体申请表.pdf", tmp_path)).agree
    )

    # A replay: the same batch id, one changed share, signed again with the unit's own key.
    replay = stick / "replay"
    shutil.copytree(enrollment, replay)
    resign(replay, unit.sessions, lambda m: m["members"][0].update(shares=2))
    refused(office, replay, "重放")

    # A wrong-office batch: made by another unit for another office, carried here.
    elsewhere = other_office(tmp_path)
    stray_unit = make_site("第三电子厂", "WH003", [("周敏", "110105198506060027")],
                           pair_with=(elsewhere.sessions, elsewhere.admin))  # fmt: skip
    stray = KeyService(stray_unit.sessions, stray_unit.clerk)
    office_keys.register(stray.export_public(stick / "stray.hzbzkey"), stray.identity().fingerprint)
    refused(office, export(stray_unit, stick / "stray"), "不是发给本机")

    # Claims: a genuine batch, and a forged one without facts (refused, never at the unit's figure).
    claim_no = claim_at(unit, "王芳", "住院-1", "30000")
    docs = ClaimDocuments(unit.sessions, unit.clerk)
    forged = docs.export_claims("WH001", D(2012, 7, 1), D(2012, 7, 31), stick / "forged-claims")
    resign(forged, unit.sessions, lambda m: [c.pop("facts") for c in m["claims"]])
    assert [c.code for c in importer.preview_batch(forged).conflicts] == ["claim_lacks_facts"]
    # The genuine one, with a batch password this time.
    claims = docs.export_claims(
        "WH001", D(2012, 7, 1), D(2012, 7, 31), stick / "claims", password="批次密码-2012"
    )
    assert importer.import_batch(claims, "批次密码-2012").imported
    with office.sessions() as s:
        office_claim = s.scalars(select(Claim)).one()
        assert office_claim.amount_fen == 800000  # the office's own computation from the facts

    # The office decides; results go back; a forged results batch cannot pay 999,999. The clerk
    # who imported the batch took the claims in at the office, so someone else reviews them.
    ClaimService(office.sessions, auditor).act(office_claim.claim_no, "review")
    ClaimService(office.sessions, auditor).act(office_claim.claim_no, "audit", today=D(2012, 8, 10))
    ClaimService(office.sessions, auditor).act(
        office_claim.claim_no, "approve", amount="7500", reason="扣除不合规票据"
    )
    results = BatchResults(office.sessions, office.clerk).export_results("WH001", stick / "back")
    forged_results = stick / "forged-results"
    shutil.copytree(results, forged_results)
    resign(forged_results, office.sessions, lambda m: m["claims"][0].update(
        status="paid", approved="999999.00", paid="999999.00", paid_on="2012-08-20"))  # fmt: skip
    before = counts(unit.sessions)
    with pytest.raises(BatchRefused, match="上限"):
        BatchResults(unit.sessions, unit.clerk).import_results(forged_results)
    # The unit cannot make results itself: its key is not an office's.
    unit_made = stick / "unit-made-results"
    shutil.copytree(results, unit_made)
    resign(unit_made, unit.sessions)
    with pytest.raises(BatchRefused, match="未登记的密钥"):
        BatchResults(unit.sessions, unit.clerk).import_results(unit_made)
    assert counts(unit.sessions) == before
    report = BatchResults(unit.sessions, unit.clerk).import_results(results)
    assert report.claims_changed == 1 and unit_status(unit, claim_no) == ("approved", 750000, None)
    assert BatchResults(unit.sessions, unit.clerk).import_results(results).already_imported
