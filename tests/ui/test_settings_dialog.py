"""设置 as the administrator uses it: every tab's values stored in one save, refusals shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.periods import PeriodService
from app.services.settings import Settings, SettingsService
from app.services.users import UserService
from app.ui.settings.settings_dialog import SettingsDialog
from tests.services.test_settings import seal_png

D = dt.date


def _save_button(dialog: SettingsDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_admin_changes_every_area_in_one_save(
    qtbot, sessions: SessionFactory, admin: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    period = PeriodService(sessions, admin).create("beijing-relief", 1, D(2026, 1, 1), D(2026, 12, 31), "10")
    dialog = SettingsDialog(sessions, admin)
    qtbot.addWidget(dialog)
    dialog.office_name.setText("威海市总工会环翠区办事处")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.default_plan.setCurrentIndex(dialog.default_plan.findData("beijing-relief"))
    assert dialog.default_period.findData(period.id) > 0  # the plan's periods are offered
    dialog.default_period.setCurrentIndex(dialog.default_period.findData(period.id))
    dialog.holidays.setPlainText("2027-01-04 元旦补休\n")
    dialog.backup_folder.setText(str(tmp_path))
    dialog.roster_copies.setValue(2)
    dialog.own_copy.setValue(2)
    seal = tmp_path / "seal.png"
    seal.write_bytes(seal_png())
    dialog.choose_seal_file(seal)
    assert dialog.seal_preview.pixmap() is not None and not dialog.seal_preview.pixmap().isNull()
    dialog.seal_on_own_copy.setChecked(True)
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    stored = SettingsService(sessions).load()
    assert saved.args[0] == stored and dialog.language_changed
    assert stored.language == "en" and stored.default_period_id == period.id
    assert stored.printing.roster_copies == 2 and stored.printing.seal_on_own_copy
    assert SettingsService(sessions).seal_image() == seal.read_bytes()
    assert UserService(sessions).office().name == "威海市总工会环翠区办事处"  # type: ignore[union-attr]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_bad_holiday_line_is_named_and_nothing_changes(
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(sessions, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.office_name.setText("改过的名字")
    dialog.holidays.setPlainText("2027-01-04\n2027-02-30 不存在的日子\n")
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    assert "第 2 行" in dialog.error.text()
    assert dialog.isVisible()  # stays open with the clerk's typing intact
    assert SettingsService(sessions).load() == Settings()
    assert UserService(sessions).office().name == "测试办事处"  # type: ignore[union-attr]


def test_a_broken_seal_image_is_refused(
    qtbot, sessions: SessionFactory, admin: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(sessions, admin)
    qtbot.addWidget(dialog)
    broken = tmp_path / "seal.png"
    broken.write_bytes(b"\x89PNG not really")
    dialog.choose_seal_file(broken)
    assert not dialog.save()
    assert "印章图片" in dialog.error.text()
    assert SettingsService(sessions).seal_image() is None


def test_a_clerk_sees_the_settings_read_only(qtbot, sessions: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(sessions, clerk)
    qtbot.addWidget(dialog)
    assert not _save_button(dialog).isEnabled()
    assert not dialog.office_name.isEnabled()
    assert dialog.office_name.text() == "测试办事处"


def test_the_backup_dialog_lists_the_folder_chosen_in_settings(
    qtbot, sessions: SessionFactory, admin: Actor, db_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.backup_dialog import BackupDialog

    folder = tmp_path / "移动硬盘备份"
    folder.mkdir()
    SettingsService(sessions, admin).save(Settings(backup_folder=str(folder)))
    dialog = BackupDialog(sessions, admin, db_url)
    qtbot.addWidget(dialog)
    assert dialog.folder == folder


def test_print_defaults_choose_the_pdf_folder_and_whether_it_opens(
    qtbot, sessions: SessionFactory, admin: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from app.services.settings import PrintDefaults
    from app.ui.printing import open_if_wanted, start_path

    assert start_path(sessions, "人员手册.pdf") == "人员手册.pdf"
    SettingsService(sessions, admin).save(
        Settings(printing=PrintDefaults(output_folder=str(tmp_path), open_after_print=False))
    )
    assert start_path(sessions, "人员手册.pdf") == str(tmp_path / "人员手册.pdf")
    assert open_if_wanted(sessions, tmp_path / "人员手册.pdf") is False
