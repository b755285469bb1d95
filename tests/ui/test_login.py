from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.users import UserService
from app.ui.first_run_dialog import FirstRunDialog
from app.ui.login_dialog import LoginDialog
from tests.conftest import ADMIN_PASSWORD


def test_repeated_failures_slow_the_login_down(qtbot, sessions: SessionFactory, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(UserService(sessions), "测试办事处")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.username.setText("admin")
    for _ in range(2):
        dialog.password.setText("wrong")
        dialog.accept()
        assert ok.isEnabled() and dialog.error.text() == "用户名或密码错误"
    dialog.password.setText("wrong")
    dialog.accept()
    assert not ok.isEnabled() and "秒后再试" in dialog.error.text()
    qtbot.waitUntil(ok.isEnabled, timeout=5000)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_first_run_sets_up_the_office(qtbot, sessions: SessionFactory) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(UserService(sessions))
    qtbot.addWidget(dialog)
    dialog.office.setText("文登区总工会")
    dialog.password.setText("longpass")
    dialog.password2.setText("longpas")
    dialog.accept()
    assert "不一致" in dialog.error.text() and not UserService(sessions).is_initialised()
    dialog.password2.setText("longpass")
    dialog.accept()
    assert dialog.actor is not None and UserService(sessions).office().name == "文登区总工会"
