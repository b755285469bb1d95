"""A batch's files are read safely: only plain files directly in the folder that the signed manifest
lists; no path leaves the folder, no link is followed, a file swapped after hashing cannot slip in,
and sizes are checked before anything is parsed."""

# ruff: noqa: F811 - make_site and office are fixtures imported from test_batch_import
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from app.io import batch_read, roster_xlsx
from app.models import Member
from app.services.batch_import import BatchImporter
from app.services.enrollment_documents import EnrollmentDocuments
from tests.exchange_helpers import resign
from tests.services.test_batch_import import (  # noqa: F401 - fixtures
    Site,
    counts,
    export,
    make_site,
    office,
    unit_a,
    unit_b,
)
from tests.services.test_batch_trust import refused


def _list_extra(folder: Path, site: Site, name: str, body: bytes) -> None:
    """The sender's insider adds ``name`` to the signed manifest's file list."""
    entry = {"name": name, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body), "encrypted": False}
    resign(folder, site.sessions, lambda m: m["files"].append(entry))


@pytest.mark.parametrize(
    "name", ["../secret.txt", "../../etc/passwd", "/etc/passwd", "sub/a.txt", "C:\\x.txt"]
)
def test_a_listed_path_outside_the_folder_is_refused(
    tmp_path: Path, make_site, office: Site, name: str
) -> None:
    a = unit_a(make_site)
    folder = export(a, tmp_path / "usb")
    secret = b"outside the batch folder"
    (tmp_path / "usb" / "secret.txt").write_bytes(secret)
    _list_extra(folder, a, name, secret)
    refused(office, folder, "不是批次文件夹中的普通文件名")


def test_a_symlink_is_not_followed(tmp_path: Path, make_site, office: Site) -> None:
    a = unit_a(make_site)
    folder = export(a, tmp_path / "usb")
    roster = folder / "人员手册.xlsx"
    elsewhere = tmp_path / "elsewhere.xlsx"
    os.replace(roster, elsewhere)
    roster.symlink_to(elsewhere)  # same bytes, same hash: only the link is wrong
    refused(office, folder, "人员手册.xlsx", "是链接")


def test_a_subfolder_is_refused(tmp_path: Path, make_site, office: Site) -> None:
    folder = export(unit_a(make_site), tmp_path / "usb")
    (folder / "附件").mkdir()
    refused(office, folder, "子文件夹“附件”")


def test_a_file_swapped_after_hashing_cannot_slip_in(
    tmp_path: Path, make_site, office: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is parsed from the very bytes that were hashed (the private copy), not re-read."""
    a, b = unit_a(make_site), unit_b(make_site, pair_with=None)
    folder = export(a, tmp_path / "a")
    swap = tmp_path / "swap.xlsx"  # unit B's roster, a valid workbook with other people
    roster = EnrollmentDocuments(b.sessions, b.clerk).personnel_roster(b.unit_id, b.period_id)
    rows = [roster_xlsx.PersonnelRow(r.name, r.gender, r.id_number, r.medical_card) for r in roster.rows]
    roster_xlsx.write_personnel_roster(
        swap, title=roster.plan_title, unit_name=roster.unit_name, members=rows
    )
    original = batch_read._hash_copy
    swaps = []

    def hash_then_swap(fh, target):  # type: ignore[no-untyped-def]
        result = original(fh, target)
        if target is not None and target.name == "人员手册.xlsx":
            (folder / "人员手册.xlsx").write_bytes(swap.read_bytes())  # on the stick, just after hashing
            swaps.append(target)
        return result

    monkeypatch.setattr(batch_read, "_hash_copy", hash_then_swap)
    assert BatchImporter(office.sessions, office.clerk).import_batch(folder).imported
    assert swaps
    with office.sessions() as s:
        names = sorted(s.scalars(select(Member.name)))
    assert names == sorted(["王芳", "赵磊", "孙丽"])  # the hashed file's people, not the swapped ones


def test_sizes_are_checked_before_reading(
    tmp_path: Path, make_site, office: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = unit_a(make_site)
    folder = export(a, tmp_path / "usb")
    monkeypatch.setattr(batch_read, "MAX_MANIFEST", 100)
    refused(office, folder, "manifest.json", "过大")
    monkeypatch.undo()
    monkeypatch.setattr(batch_read, "MAX_FILE", 100)
    refused(office, folder, "与清单不符")
