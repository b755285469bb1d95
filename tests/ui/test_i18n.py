"""The English UI: the main window's menus and tabs, the roster tab and the window's own dialogs show
no Chinese UI text once the English translator is in; without it, Chinese (the default)."""
# ruff: noqa: F811 - fixtures are imported from other test modules

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from app.models.db import SessionFactory
from app.services import backup
from app.services.auth import Actor
from app.services.roster import RosterService
from app.services.roster_types import RowError
from app.services.users import UserService
from app.ui.backup_dialog import BackupDialog
from app.ui.batch_dialog import BatchImportDialog
from app.ui.first_run_dialog import FirstRunDialog
from app.ui.help_dialog import HelpDialog
from app.ui.main_window import MainWindow
from app.ui.roster.import_errors_dialog import ImportErrorsDialog
from app.ui.roster.member_dialog import MemberDialog
from app.ui.roster.member_model import COL
from app.ui.roster.roster_tab import RosterTab
from app.ui.roster.unit_dialog import UnitDialog
from app.ui.tasks import BackgroundTask
from app.ui.users.idle_lock import LockDialog
from app.ui.users.login_dialog import LoginDialog
from tests import factories
from tests.services.test_batch_import import export, make_site, office, unit_a, unit_b  # noqa: F401
from tests.ui.i18n_helpers import TS_DIR, english, ts_problems, untranslated_texts  # noqa: F401

OFFICE = "测试办事处"  # the conftest office: data, allowed in the window title
CHINESE_TABS = ["会员名册(&1)", "参保缴费(&2)", "理赔(&3)", "保障计划(&4)", "统计(&5)", "审计日志(&6)"]


def _window(qtbot, sessions: SessionFactory, actor: Actor, db_url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, actor)
    uid = factories.unit(roster)
    factories.member(
        roster, uid, "张三", factories.id_number(dt.date(1980, 5, 1)), categories=frozenset({"hardship"})
    )
    factories.member(
        roster, uid, "李四", factories.id_number(dt.date(1990, 1, 2), male=False), employment="retired"
    )
    window = MainWindow(sessions, actor, UserService(sessions).office(), "db.sqlite", db_url)
    qtbot.addWidget(window)
    window.roster_tab.units.setCurrentRow(1)
    return window


def test_chinese_is_the_default(qtbot, sessions: SessionFactory, admin: Actor, db_url: str) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, sessions, admin, db_url)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == CHINESE_TABS
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    # The walk does find Chinese UI text where there is some (so the English tests can fail).
    found = untranslated_texts(window.roster_tab)
    assert "QPushButton text: 新增会员(&A)" in found and any("身份证号码" in f for f in found)


def test_main_window_menus_tabs_and_roster_tab_in_english(  # type: ignore[no-untyped-def]
    english, qtbot, sessions: SessionFactory, admin: Actor, db_url: str
) -> None:
    window = _window(qtbot, sessions, admin, db_url)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == [
        "Roster (&1)",
        "Enrollment (&2)",
        "Claims (&3)",
        "Plans (&4)",
        "Statistics (&5)",
        "Audit Log (&6)",
    ]
    assert window.windowTitle() == f"Workers' Mutual Aid Desk — {OFFICE}"
    assert untranslated_texts(window.menuBar()) == []
    assert untranslated_texts(window.statusBar()) == []
    assert untranslated_texts(window.tabs.tabBar()) == []
    assert untranslated_texts(window.roster_tab) == []
    assert untranslated_texts(window.audit_tab) == []
    assert window.roster_tab.status.text() == "Members: 2, shown: 2"
    model = window.roster_tab.model
    shown = {model.member_at(r).name: r for r in range(model.rowCount())}
    assert model.index(shown["李四"], COL["employment"]).data() == "Retired"
    assert model.index(shown["李四"], COL["gender"]).data() == "Female"
    assert model.index(shown["张三"], COL["categories"]).data() == "Hardship"
    assert window.roster_tab.units.item(0).text() == "All units (2)"


def test_read_only_roster_tab_in_english(english, qtbot, sessions: SessionFactory, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    info = UserService(sessions).create_user(
        admin, "auditor1", "auditor-pass", "auditor", "审核员甲", temporary=False
    )
    tab = RosterTab(sessions, Actor(info.id, info.username, info.role))
    qtbot.addWidget(tab)
    assert tab.add_button.toolTip() == "Your role may not change the roster"
    assert untranslated_texts(tab) == []


def test_login_first_run_lock_and_help_dialogs_in_english(  # type: ignore[no-untyped-def]
    english, qtbot, sessions: SessionFactory, admin: Actor
) -> None:
    users = UserService(sessions)
    login = LoginDialog(users, OFFICE)
    first = FirstRunDialog(users)
    lock = LockDialog(users, admin)
    guide = HelpDialog()
    for dialog in (login, first, lock, guide):
        qtbot.addWidget(dialog)
    assert untranslated_texts(login, allowed=[OFFICE]) == []
    assert untranslated_texts(first) == []
    assert [first.level.itemText(i) for i in range(3)] == [
        "Grassroots union",
        "Agency office",
        "Branch office",
    ]
    assert untranslated_texts(lock) == []
    assert untranslated_texts(guide, skip=[guide.browser]) == []  # the guide itself is Chinese
    login.username.setText("admin")
    login.password.setText("wrong")
    login.accept()
    assert login.error.text() == "Wrong user name or password"
    first.password.setText("secret-1")
    first.password2.setText("secret-2")
    first.accept()
    assert first.error.text() == "The two passwords differ"


def test_first_run_keeps_the_chinese_level_while_showing_english(
    english, qtbot, sessions: SessionFactory
) -> None:  # type: ignore[no-untyped-def]
    users = UserService(sessions)
    first = FirstRunDialog(users)
    qtbot.addWidget(first)
    first.office.setText("Test office")
    first.level.setCurrentIndex(2)
    first.password.setText("secret-1")
    first.password2.setText("secret-1")
    first.accept()
    office = users.office()
    assert first.actor is not None and office is not None and office.level == "办事处"


def test_backup_dialog_and_progress_in_english(  # type: ignore[no-untyped-def]
    english, qtbot, sessions: SessionFactory, admin: Actor, db_url: str
) -> None:
    dialog = BackupDialog(sessions, admin, db_url)
    qtbot.addWidget(dialog)
    backup.backup_now(db_url, dialog.folder, label="manual")
    dialog.reload()
    assert dialog.table.item(0, 1).text() == "Manual"
    assert untranslated_texts(dialog) == []
    task = BackgroundTask(dialog, "Backing up…", lambda _p, _c: None)
    assert task.dialog is not None
    assert [b.text() for b in task.dialog.findChildren(QPushButton)] == ["Cancel"]
    task.dialog.deleteLater()


def test_batch_import_dialog_in_english(  # type: ignore[no-untyped-def]
    english, qtbot, tmp_path: Path, make_site, office, sessions: SessionFactory, clerk: Actor
) -> None:
    assert BatchImportDialog(sessions, clerk, export(unit_a(make_site), tmp_path / "a")).run_import()
    folder = export(unit_b(make_site), tmp_path / "b")
    dialog = BatchImportDialog(sessions, clerk, folder)
    qtbot.addWidget(dialog)
    assert dialog.preview.conflicts
    # The summary is the service's Chinese account of the batch, and the folder name is data.
    assert untranslated_texts(dialog, allowed=[folder.name], skip=[dialog.summary]) == []
    combo = next(iter(dialog._choices.values()))
    assert combo.itemText(0) == "Choose…" and "Skip (do not process)" in [
        combo.itemText(i) for i in range(combo.count())
    ]


def test_roster_dialogs_in_english(english, qtbot, sessions: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    mid = factories.member(roster, uid, "王芳", factories.id_number(dt.date(1992, 3, 4), male=False))
    edit = MemberDialog(None, lambda _d, _f: None, roster.member(mid))
    add = MemberDialog(None, lambda _d, _f: None)
    unit = UnitDialog(None, lambda _d: None, roster.list_units()[0])
    errors = ImportErrorsDialog(None, [RowError(2, "姓名", "缺少姓名")], can_import_good_rows=True)
    for dialog in (edit, add, unit, errors):
        qtbot.addWidget(dialog)
        assert untranslated_texts(dialog) == []
    assert edit.windowTitle() == "Edit Member" and add.windowTitle() == "New Member"
    assert edit.derived.text().startswith("Female  1992-03-04")
    add._on_add_family_clicked()
    assert add.family.item(0, 0).text() == "spouse"
    add.family.item(0, 1).setText("李明")
    add.family.item(0, 2).setText(factories.id_number(dt.date(1990, 1, 1)))
    add.union_since.setText("not a date")
    with pytest.raises(ValueError, match="is not a valid date"):
        add.values()
    add.union_since.setText("2015-03-01")
    _draft, family = add.values()
    assert family[0].relation == "spouse"


@pytest.mark.parametrize("area", ["main", "roster"])
def test_translation_files_are_finished(area: str) -> None:
    path = TS_DIR / f"{area}.ts"
    assert path.is_file(), f"run scripts/i18n.sh {area}"
    assert ts_problems(path) == []
