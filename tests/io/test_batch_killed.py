"""A password-protected export killed half-way leaves no plaintext on the stick; the plaintext it
had in the private scratch folder goes at the next start (issue 14, item 5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.io.scratch import remove_leftovers, scratch_root

ID = "110105198506150011"
_SCRIPT = f"""
import os, signal
from pathlib import Path
from openpyxl import Workbook
from reportlab.pdfgen import canvas
import app.io.batch as batch

def xlsx(path):
    wb = Workbook(); wb.active.append(["身份证", "{ID}"]); wb.save(path)

def pdf(path):
    c = canvas.Canvas(str(path)); c.drawString(100, 700, "ID {ID}"); c.save()

def killed(src, dst, password):  # the process dies while the plaintext PDF waits in scratch
    os.kill(os.getpid(), signal.SIGKILL)

batch.encrypt_pdf = killed
batch.write_batch(Path({{usb!r}}), "B", {{{{"a.xlsx": xlsx, "b.pdf": pdf}}}}, {{{{}}}},
                  personal={{{{"members": [{{{{"id_number": "{ID}"}}}}]}}}}, password="pw")
"""


def test_a_killed_encrypted_export_leaves_no_plaintext(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    usb = tmp_path / "usb"
    env = {**os.environ, "HZBZ_DATA_DIR": os.environ.get("HZBZ_DATA_DIR", str(tmp_path / "data"))}
    monkeypatch.setenv("HZBZ_DATA_DIR", env["HZBZ_DATA_DIR"])
    script = _SCRIPT.format(usb=str(usb))
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=Path.cwd(), check=False)
    assert done.returncode == -signal.SIGKILL
    on_stick = [p for p in usb.rglob("*") if p.is_file()]
    assert on_stick, "the export got as far as the stick"
    for path in on_stick:
        raw = path.read_bytes()
        assert ID.encode() not in raw, path
    assert all(".partial-" in str(p) for p in on_stick)  # never under the batch's real name
    left = [p for p in scratch_root().rglob("*") if p.is_file()]
    assert any(ID.encode() in p.read_bytes() or p.suffix == ".pdf" for p in left)  # plaintext was there
    assert remove_leftovers() >= 1
    assert [p for p in scratch_root().rglob("*") if p.is_file()] == []
