from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.user_admin import UserAdmin
from app.services.users import UserService
from app.ui.first_run_dialog import FirstRunDialog
from app.ui.users.login_dialog import LoginDialog
from app.ui.users.password_dialog import ChangePasswordDialog
from tests.conftest import ADMIN_PASSWORD, CLERK_PASSWORD


def _dialog(qtbot, sessions: SessionFactory) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(UserService(sessions), "测试办事处", sessions=sessions)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_enter_during_the_login_delay_does_nothing(qtbot, sessions: SessionFactory, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, sessions)
    dialog.username.setText("admin")
    for _ in range(2):
        dialog.password.setText("wrong-guess")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.ok.isEnabled() and dialog.error.text() == "用户名或密码错误"
    dialog.password.setText("wrong-guess")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.ok.isEnabled() and "再错 7 次将锁定" in dialog.error.text()
    assert dialog.wait_label.text() == "请 1 秒后再试"
    # Enter with the right password inside the wait: no attempt reaches the service, none counted.
    attempts = dialog.attempts
    dialog.password.setText(ADMIN_PASSWORD)
    for _ in range(5):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.attempts == attempts and dialog.actor is None and dialog.isVisible()
    assert UserService(sessions).failures("admin") == 3
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "admin"
    assert UserService(sessions).failures("admin") == 0


def test_the_service_refuses_inside_the_wait_even_if_the_window_asks(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:
    first, second = _dialog(qtbot, sessions), _dialog(qtbot, sessions)  # two PCs of one office
    first.username.setText("admin")
    for _ in range(3):
        first.password.setText("wrong-guess")
        first.accept()
    second.username.setText("ADMIN")
    second.password.setText(ADMIN_PASSWORD)
    second.accept()
    assert second.actor is None and "请稍候" in second.error.text() and not second.ok.isEnabled()
    assert "秒后再试" in second.wait_label.text()


def test_a_temporary_password_leads_to_a_forced_change(  # type: ignore[no-untyped-def]
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    UserAdmin(sessions, admin).reset_password("clerk1", "temporary-9")
    dialog = _dialog(qtbot, sessions)
    seen: list[ChangePasswordDialog] = []

    def answer(new: str, cancel: bool = False) -> None:
        change = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ChangePasswordDialog) and w.isVisible()
        )
        seen.append(change)
        if cancel:
            change.reject()
            return
        change.new.setText(new)
        change.repeat.setText(new)
        change.accept()
        if change.isVisible():  # refused: say why, then cancel
            seen.append(change)
            change.reject()

    dialog.username.setText("clerk1")
    dialog.password.setText("temporary-9")
    QTimer.singleShot(0, lambda: answer("", cancel=True))
    dialog.accept()
    assert dialog.actor is None and "须先设置新密码" in dialog.error.text()
    dialog.password.setText("temporary-9")
    QTimer.singleShot(0, lambda: answer("temporary-9"))  # the same again: refused
    dialog.accept()
    assert dialog.actor is None and "相同" in seen[-1].error.text()
    dialog.password.setText("temporary-9")
    QTimer.singleShot(0, lambda: answer("clerk-own-2026"))
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.username == "clerk1"
    assert UserService(sessions).authenticate("clerk1", "clerk-own-2026").role == "clerk"
    assert seen[0].current.isHidden()  # the temporary password was just given: not asked again


def test_change_own_password_dialog(qtbot, sessions: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = ChangePasswordDialog(sessions, clerk)
    qtbot.addWidget(dialog)
    dialog.current.setText("not-mine-1")
    dialog.new.setText("brand-new-77")
    dialog.repeat.setText("brand-new-78")
    dialog.accept()
    assert "不一致" in dialog.error.text()
    dialog.repeat.setText("brand-new-77")
    dialog.accept()
    assert "用户名或密码错误" in dialog.error.text() and dialog.result() == 0
    dialog.current.setText(CLERK_PASSWORD)
    dialog.new.setText("aaaaaaaaaa")
    dialog.repeat.setText("aaaaaaaaaa")
    dialog.accept()
    assert "同一个字符" in dialog.error.text()
    dialog.current.setText(CLERK_PASSWORD)
    dialog.new.setText("brand-new-77")
    dialog.repeat.setText("brand-new-77")
    dialog.accept()
    assert dialog.result() == 1
    assert UserService(sessions).authenticate("clerk1", "brand-new-77").username == "clerk1"


def test_first_run_sets_up_the_office(qtbot, sessions: SessionFactory) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(UserService(sessions))
    qtbot.addWidget(dialog)
    dialog.office.setText("文登区总工会")
    dialog.password.setText("long-pass-1")
    dialog.password2.setText("long-pass")
    dialog.accept()
    assert "不一致" in dialog.error.text() and not UserService(sessions).is_initialised()
    dialog.password.setText("12345678")
    dialog.password2.setText("12345678")
    dialog.accept()
    assert "常见" in dialog.error.text() and not UserService(sessions).is_initialised()
    dialog.password.setText("long-pass-1")
    dialog.password2.setText("long-pass-1")
    dialog.accept()
    assert dialog.actor is not None and UserService(sessions).office().name == "文登区总工会"


def test_a_long_office_name_is_not_cut_in_the_login(qtbot, sessions: SessionFactory, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    """Issue 18 item 6: the login's title read "登录 — …区总工会", cut by a 360-pixel dialog."""
    name = "吉林省长春市朝阳区南湖街道办事处总工会职工互助保障代办处"
    dialog = LoginDialog(UserService(sessions), name)
    qtbot.addWidget(dialog)
    dialog.show()
    title = dialog.windowTitle()
    assert title == f"登录 — {name}" and dialog.office.text() == name and dialog.office.isVisible()
    assert dialog.width() >= min(dialog.fontMetrics().horizontalAdvance(title) + 140, 640)
