"""文件 → 用户管理, 修改密码, 注销 / 切换用户 and one copy per database, as a clerk uses them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.user_admin import UserAdmin
from app.services.users import LOCK_AFTER, UserService, WrongPassword
from app.ui.main_window import MainWindow
from app.ui.users.login_dialog import LoginDialog
from app.ui.users.user_manager import NewUserDialog, ResetPasswordDialog, RoleDialog, UserManagerDialog
from tests.conftest import ADMIN_PASSWORD, CLERK_PASSWORD


def _when_shown(kind: type, act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the first visible top-level ``kind`` once the event loop shows it."""

    def poll() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            act(found[0])
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_administrator_manages_users_in_the_window(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    dialog = UserManagerDialog(sessions, admin)
    qtbot.addWidget(dialog)
    assert [u.username for u in dialog.users] == ["admin", "clerk1"]
    assert not dialog.reset_button.isEnabled()  # nothing selected yet

    def fill_new(d: QWidget) -> None:
        assert isinstance(d, NewUserDialog)
        d.username.setText("Wang")
        d.display_name.setText("王芳")
        d.role.setCurrentIndex(d.role.findData("auditor"))
        d.password.setText("wang")
        d.repeat.setText("wang")
        d.accept()
        assert "至少 8" in d.error.text()  # refused by the service's policy, dialog stays
        d.password.setText("first-pass-1")
        d.repeat.setText("first-pass-1")
        d.accept()

    _when_shown(NewUserDialog, fill_new)
    dialog.add_button.click()
    wang = next(u for u in dialog.users if u.username == "Wang")
    assert wang.role == "auditor" and wang.must_change
    assert dialog.selected() == wang and dialog.table.item(2, 3).text() == "正常，须改密码"

    dialog.select("clerk1")
    _when_shown(RoleDialog, lambda d: (d.role.setCurrentIndex(d.role.findData("auditor")), d.accept()))
    dialog.role_button.click()
    assert dialog.selected().role == "auditor"

    dialog.active_button.click()  # 停用
    assert not dialog.selected().active and dialog.table.item(1, 3).text() == "已停用"
    assert dialog.active_button.text() == "启用"
    dialog.active_button.click()
    assert dialog.selected().active

    minutes = (dt.datetime(2020, 1, 1) + dt.timedelta(minutes=i) for i in range(100))
    for _ in range(LOCK_AFTER):  # a minute apart: no waiting, just counting
        with pytest.raises(WrongPassword):
            UserService(sessions, clock=lambda: next(minutes)).login("clerk1", "wrong-guess")
    dialog.refresh("clerk1")
    assert dialog.selected().locked and "已锁定" in dialog.table.item(1, 3).text()
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert not dialog.selected().locked and not dialog.unlock_button.isEnabled()

    def reset(d: QWidget) -> None:
        assert isinstance(d, ResetPasswordDialog)
        d.password.setText("reset-pass-9")
        d.repeat.setText("reset-pass-9")
        d.accept()

    _when_shown(ResetPasswordDialog, reset)
    dialog.reset_button.click()
    assert dialog.selected().must_change
    assert UserService(sessions).login("clerk1", "reset-pass-9").must_change

    dialog.select("admin")  # the only administrator stays one
    dialog.active_button.click()
    assert "唯一可用的管理员" in dialog.error.text() and dialog.selected().active


def test_only_administrators_see_user_management(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    def menu_texts(actor: Actor) -> list[str]:
        window = MainWindow(sessions, actor, UserService(sessions).office(), "数据库：测试")
        qtbot.addWidget(window)
        return [a.text() for a in window.menuBar().actions()[0].menu().actions()]

    assert "用户管理(&U)…" in menu_texts(admin)
    clerk_menu = menu_texts(clerk)
    assert "用户管理(&U)…" not in clerk_menu
    assert "修改密码(&P)…" in clerk_menu and "注销 / 切换用户(&L)" in clerk_menu


def test_log_out_and_switch_user_without_quitting(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor, db_url: str
) -> None:
    """The real start: admin logs in, 注销 / 切换用户, clerk1 logs in, then quits."""
    from app.ui import launch

    seen: list[str] = []

    def as_admin(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        seen.append(window.actor.username)
        window.log_out()
        _when_shown(LoginDialog, as_clerk)

    def as_clerk(login: QWidget) -> None:
        assert isinstance(login, LoginDialog)
        login.username.setText("clerk1")
        login.password.setText(CLERK_PASSWORD)
        login.accept()
        _when_shown(MainWindow, finish)

    def finish(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        seen.append(window.actor.username)
        assert window.tabs.count() == 5  # a clerk's window: no audit tab
        window.close()

    _when_shown(MainWindow, as_admin)
    code = launch.run_gui(db_url, ("admin", ADMIN_PASSWORD))
    assert code == 0 and seen == ["admin", "clerk1"]


def test_a_second_copy_on_the_same_database_is_refused(tmp_path: Path) -> None:
    from app.ui.launch import single_instance_lock

    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = single_instance_lock(url)
    assert first is not None
    assert single_instance_lock(f"sqlite:///{tmp_path / '.' / 'a.db'}") is None  # the same file
    assert single_instance_lock(f"sqlite:///{tmp_path / 'b.db'}") is not None  # another database
    first.unlock()
    assert single_instance_lock(url) is not None


def test_clerks_cannot_manage_users_even_with_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    with pytest.raises(Exception, match="无权管理用户"):
        UserManagerDialog(sessions, clerk)
    assert UserAdmin(sessions, admin).list_users()[1].username == "clerk1"
