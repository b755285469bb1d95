from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from app.io import signing
from app.io.batch import (
    decrypt_office_file,
    is_encrypted,
    read_manifest,
    signature_text,
    verify_batch,
    write_batch,
)
from app.io.batch_crypt import decrypt_payload
from app.io.batch_read import read_head
from app.io.scratch import scratch_root

ID = "110105198506150011"


def _xlsx(path: Path) -> None:
    wb = Workbook()
    wb.active.append(["身份证", ID])
    wb.save(path)


def _pdf(path: Path) -> None:
    c = canvas.Canvas(str(path))
    c.drawString(100, 700, f"ID {ID}")
    c.save()


def _text(path: Path) -> None:
    path.write_text("第一页", encoding="utf-8")


def test_batch_has_manifest_with_checksums_and_verifies(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    folder = write_batch(usb, "U001_第1期", {"a.xlsx": _xlsx, "b.txt": _text}, {"counts": {"members": 1}})
    body = read_manifest(folder)
    assert body["counts"] == {"members": 1} and body["format_version"] == 2 and not body["encrypted"]
    assert [f["name"] for f in body["files"]] == ["a.xlsx", "b.txt"]
    assert verify_batch(folder) == []
    assert not any(p.name.startswith(".partial") for p in usb.iterdir())
    with pytest.raises(FileExistsError):
        write_batch(usb, "U001_第1期", {"b.txt": _text}, {})


def test_the_signature_covers_the_manifest_bytes(tmp_path: Path) -> None:
    pem = signing.new_private_key()
    public = signing.public_of(pem)
    fp = signing.fingerprint(public)
    folder = write_batch(
        tmp_path / "usb",
        "B",
        {"b.txt": _text},
        {"kind": "x"},
        signer=lambda raw: (fp, signing.sign(pem, raw)),
    )
    head = read_head(folder)
    assert head.signer == fp and signing.verify(public, head.signature, head.raw)
    assert not signing.verify(public, head.signature, head.raw.replace(b'"x"', b'"y"'))
    other = signing.public_of(signing.new_private_key())
    assert not signing.verify(other, head.signature, head.raw)
    assert signature_text(fp, head.signature).count(fp) == 1


def test_one_changed_byte_missing_and_extra_files_are_found(tmp_path: Path) -> None:
    folder = write_batch(tmp_path / "usb", "B", {"a.xlsx": _xlsx, "b.txt": _text}, {})
    data = bytearray((folder / "b.txt").read_bytes())
    data[0] ^= 1
    (folder / "b.txt").write_bytes(bytes(data))
    (folder / "a.xlsx").unlink()
    (folder / "x.txt").write_text("?")
    problems = verify_batch(folder)
    assert "文件“b.txt”与清单不符（已被改动或不完整）" in problems
    assert "缺少文件“a.xlsx”" in problems
    assert "清单中没有的文件“x.txt”" in problems


def test_broken_or_foreign_manifest(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{", encoding="utf-8")
    assert "已损坏" in verify_batch(tmp_path)[0]
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    assert "不是本程序" in verify_batch(tmp_path)[0]


def test_a_failing_writer_leaves_nothing(tmp_path: Path) -> None:
    def broken(path: Path) -> None:
        path.write_text("half")
        raise RuntimeError("USB stick pulled")

    usb = tmp_path / "usb"
    with pytest.raises(RuntimeError):
        write_batch(usb, "B", {"a.xlsx": _xlsx, "b.pdf": broken}, {}, password="pw")
    assert list(usb.iterdir()) == [] and list(scratch_root().iterdir()) == []


def test_a_password_leaves_no_personal_data_in_clear(tmp_path: Path) -> None:
    personal = {"members": [{"id_number": ID, "name": "王芳"}]}
    folder = write_batch(
        tmp_path / "usb", "B", {"a.xlsx": _xlsx, "b.pdf": _pdf}, {"counts": {"members": 1}},
        personal=personal, password="密码123",
    )  # fmt: skip
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["a.xlsx", "b.pdf", "manifest.json", "payload.enc"]
    for path in folder.iterdir():
        raw = path.read_bytes()
        assert ID.encode() not in raw and "王芳".encode() not in raw, path.name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    body = read_manifest(folder)
    assert body["encrypted"] and "members" not in body and body["payload"] == "payload.enc"
    assert decrypt_payload((folder / "payload.enc").read_bytes(), "密码123") == personal
    with pytest.raises(ValueError, match="密码不正确"):
        decrypt_payload((folder / "payload.enc").read_bytes(), "wrong")
    assert is_encrypted(folder / "a.xlsx")
    plain = tmp_path / "plain.xlsx"
    decrypt_office_file(folder / "a.xlsx", "密码123", plain)
    assert load_workbook(plain).active["B1"].value == ID
    with pytest.raises(ValueError, match="密码不正确"):
        decrypt_office_file(folder / "a.xlsx", "wrong", tmp_path / "x.xlsx")
    reader = PdfReader(folder / "b.pdf")
    assert reader.is_encrypted and reader.decrypt("密码123") and ID in reader.pages[0].extract_text()
    assert reader._encryption is not None and reader._encryption.V == 5  # AES-256
    assert list(scratch_root().iterdir()) == []  # the plaintext copies are gone


def test_an_encrypted_pdf_opens_in_poppler_with_the_password_only(tmp_path: Path) -> None:
    pytest.importorskip("shutil").which("pdftotext") or pytest.skip("poppler-utils not installed")
    folder = write_batch(tmp_path / "usb", "B", {"b.pdf": _pdf}, {}, password="pw-2026")
    pdf = str(folder / "b.pdf")
    shut = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True)
    assert shut.returncode != 0 and ID not in shut.stdout
    opened = subprocess.run(["pdftotext", "-upw", "pw-2026", pdf, "-"], capture_output=True, text=True)
    assert opened.returncode == 0 and ID in opened.stdout


def test_only_workbooks_and_pdfs_go_into_an_encrypted_batch(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="不能加密“b.txt”"):
        write_batch(tmp_path / "usb", "B", {"b.txt": _text}, {}, password="pw")
