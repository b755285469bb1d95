from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.io.batch import decrypt_office_file, is_encrypted, read_manifest, verify_batch, write_batch


def _xlsx(path: Path) -> None:
    wb = Workbook()
    wb.active.append(["身份证", "110105198506150011"])
    wb.save(path)


def _text(path: Path) -> None:
    path.write_text("第一页", encoding="utf-8")


def test_batch_has_manifest_with_checksums_and_verifies(tmp_path: Path) -> None:
    folder = write_batch(
        tmp_path, "U001_第1期", {"a.xlsx": _xlsx, "b.txt": _text}, {"counts": {"members": 1}}
    )
    body = read_manifest(folder)
    assert body["counts"] == {"members": 1}
    assert [f["name"] for f in body["files"]] == ["a.xlsx", "b.txt"]
    assert verify_batch(folder) == []
    assert not any(p.name.startswith(".partial") for p in tmp_path.iterdir())
    with pytest.raises(FileExistsError):
        write_batch(tmp_path, "U001_第1期", {"b.txt": _text}, {})


def test_one_changed_byte_missing_and_extra_files_are_found(tmp_path: Path) -> None:
    folder = write_batch(tmp_path, "B", {"a.xlsx": _xlsx, "b.txt": _text}, {})
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

    with pytest.raises(RuntimeError):
        write_batch(tmp_path, "B", {"a.txt": _text, "b.txt": broken}, {})
    assert list(tmp_path.iterdir()) == []


def test_password_encrypts_xlsx_readable_with_the_password(tmp_path: Path) -> None:
    folder = write_batch(tmp_path, "B", {"a.xlsx": _xlsx, "b.txt": _text}, {}, password="密码123")
    assert is_encrypted(folder / "a.xlsx") and not is_encrypted(folder / "b.txt")
    assert read_manifest(folder)["files"][0]["encrypted"] is True
    plain = tmp_path / "plain.xlsx"
    decrypt_office_file(folder / "a.xlsx", "密码123", plain)
    assert load_workbook(plain).active["B1"].value == "110105198506150011"
    with pytest.raises(ValueError, match="密码不正确"):
        decrypt_office_file(folder / "a.xlsx", "wrong", tmp_path / "x.xlsx")
