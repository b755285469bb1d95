"""Proposed file names carry unit, period and day; dialogs start where that kind of file went last,
else in the folder set in 设置, else in the documents — never inside the program's folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.settings import SettingsService
from app.ui import file_places
from app.ui.file_places import program_folder, proposed_name, remember, start_folder
from tests.ui.test_enrollment_tab import tab  # noqa: F401 - fixture


def test_proposed_names_tell_files_apart() -> None:
    day = dt.date(2026, 12, 2)
    name = proposed_name("团体申请表", "D0002", "第3期", suffix=".pdf", day=day)
    assert name == "团体申请表-D0002-第3期-20261202.pdf"
    assert proposed_name("付款清单", "", None, suffix=".xlsx", day=day) == "付款清单-20261202.xlsx"
    assert proposed_name("人员手册", "A/B: C", suffix=".xlsx", day=day) == "人员手册-A_B_C-20261202.xlsx"


def test_dialogs_start_in_the_last_folder_of_their_kind(tmp_path: Path, sessions: SessionFactory) -> None:
    assert not start_folder("xlsx").resolve().is_relative_to(program_folder())
    (tmp_path / "lists").mkdir()
    remember("xlsx", tmp_path / "lists" / "付款清单.xlsx")
    assert start_folder("xlsx") == tmp_path / "lists"
    assert start_folder("pdf", sessions) != tmp_path / "lists"  # each kind its own folder
    remember("roster", program_folder() / "app")  # never inside the program's folder
    assert not start_folder("roster").resolve().is_relative_to(program_folder())


def test_pdf_dialogs_start_in_the_settings_folder_until_one_is_used(
    tmp_path: Path, sessions: SessionFactory, admin: Actor
) -> None:
    service = SettingsService(sessions, admin)
    chosen = tmp_path / "打印"
    chosen.mkdir()
    current = service.load()
    printing = dataclasses.replace(current.printing, output_folder=str(chosen))
    service.save(dataclasses.replace(current, printing=printing))
    assert start_folder("pdf", sessions) == chosen
    (tmp_path / "later").mkdir()
    remember("pdf", tmp_path / "later" / "x.pdf")
    assert start_folder("pdf", sessions) == tmp_path / "later"


def test_enrollment_form_proposes_unit_period_and_day(
    tab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def fake_dialog(_parent, _title, start, _filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    monkeypatch.setattr(file_places, "documents", lambda: tmp_path)
    tab._on_print_clicked("application")
    assert asked == [str(tmp_path / f"团体申请表-JL01-第1期-{dt.date.today():%Y%m%d}.pdf")]
