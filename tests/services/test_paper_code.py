# ruff: noqa: F811 - make_site and office are fixtures imported from test_batch_import
"""The stamped paper bound to the batch (issue 14, item 6): a printed 团体申请表, 人员手册 and
申请审核表 carry a QR code and a 12-character code; the office reads them back from the rendered
page and finds whether paper and imported batch agree, and which figure differs when not."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.services.batch_import import BatchImporter
from app.services.claim_documents import ClaimDocuments
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.paper_code import normal_code, parse_input
from app.services.paper_verify import PaperVerifier
from tests.cli_helpers import login, run
from tests.conftest import ADMIN_PASSWORD
from tests.services.test_batch_import import Site, export, make_site, office, unit_a  # noqa: F401
from tests.services.test_batch_results import claim_at

D = dt.date


def scan(pdf: Path, tmp_path: Path, page: int = 1) -> str:
    """The text of the QR code on a page as a scanner reads it from the rendered image."""
    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)  # fmt: skip
    image = Image.open(next(tmp_path.glob(f"{prefix.name}*.png")))
    found = [b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1, found
    return found[0]


def test_a_printed_group_application_agrees_with_the_imported_batch_and_a_changed_figure_shows(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    BatchImporter(office.sessions, office.clerk).import_batch(export(a, tmp_path / "a"))
    docs = EnrollmentDocuments(a.sessions, a.clerk)
    docs.print_group_application(a.unit_id, a.period_id, tmp_path / "团体申请表.pdf", copies=1)
    text = scan(tmp_path / "团体申请表.pdf", tmp_path)
    verifier = PaperVerifier(office.sessions, office.clerk)
    check = verifier.verify(text)
    assert check.agree and check.form == "团体申请表" and "第一机械厂" in check.source
    code = parse_input(text).code
    typed = verifier.verify(code.lower().replace("-", " "))
    assert typed.agree and "一致" in typed.lines()[-1]

    # One figure changed on the paper: the amount in the QR text, and a code made from that amount.
    amount = text.split("|")[-1]
    changed = verifier.verify(text.rsplit("|", 1)[0] + "|999.00")
    assert not changed.agree
    assert [(d.label, d.paper, d.batch) for d in changed.differences] == [("金额", "999.00", amount)]
    from app.services.paper_code import code_of, enrollment_figures

    fields = text.split("|")
    digest_figures = [f for f in verifier._candidates(office.sessions(), "GA")][0].figures
    forged = code_of(enrollment_figures("GA", digest_figures.digest, fields[3], *fields[4].split("%3A"),
                                        int(fields[5]), "999.00"))  # fmt: skip
    check = verifier.verify(forged)
    assert not check.agree and [d.label for d in check.differences] == ["金额"]
    assert "金额" in "\n".join(check.lines())

    # The 人员手册 carries its own code on its first page, bound to the same batch.
    docs.print_personnel_roster(a.unit_id, a.period_id, tmp_path / "人员手册.pdf", copies=1)
    roster = verifier.verify(scan(tmp_path / "人员手册.pdf", tmp_path))
    assert roster.agree and roster.form == "人员手册"


def test_a_claim_form_is_verified_against_the_claim_taken_in(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    claim_no = claim_at(a, "王芳", "住院-1", "30000")
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    batch = ClaimDocuments(a.sessions, a.clerk).export_claims(
        "WH001", D(2012, 7, 1), D(2012, 7, 31), tmp_path / "c"
    )
    importer.import_batch(batch)
    ClaimDocuments(a.sessions, a.clerk).print_forms([claim_no], tmp_path / "申请审核表.pdf")
    text = scan(tmp_path / "申请审核表.pdf", tmp_path)
    check = PaperVerifier(office.sessions, office.clerk).verify(text)
    assert check.agree and check.form == "申请审核表" and claim_no in check.source
    # The batch's own copy of the form carries the same code.
    (tmp_path / "batch").mkdir()
    assert scan(batch / "申请审核表.pdf", tmp_path / "batch") == text


def test_bad_codes_and_unknown_codes(sessions, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="不是核验码"):
        normal_code("ABC")
    assert normal_code("7k3m q9xa 2bcd") == "7K3M-Q9XA-2BCD"
    assert normal_code("OIL0-0000-0000") == "0110-0000-0000"
    check = PaperVerifier(sessions, admin).verify("7K3M-Q9XA-2BCD")
    assert not check.found and "没有找到" in check.lines()[0]


def test_headless_verify_paper(
    tmp_path: Path,
    make_site,
    office: Site,
    db_url: str,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    BatchImporter(office.sessions, office.clerk).import_batch(export(a, tmp_path / "a"))
    docs = EnrollmentDocuments(a.sessions, a.clerk)
    docs.print_group_application(a.unit_id, a.period_id, tmp_path / "g.pdf", copies=1)
    code = parse_input(scan(tmp_path / "g.pdf", tmp_path)).code
    auth = login(tmp_path, "admin", ADMIN_PASSWORD)
    status, out, _err = run(capsys, "--db", db_url, *auth, "verify-paper", code)
    assert status == 0 and "一致" in out
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    status, out, _err = run(capsys, "--db", db_url, *auth, "verify-paper", wrong)
    assert status == 2 and "不一致" in out and "金额" in out
    status, _out, err = run(capsys, "--db", db_url, *auth, "verify-paper", "nonsense")
    assert status == 2 and "不是核验码" in err
