"""Issue 15 item 7: an exception in any slot shows a Chinese box and goes to the log, masked."""

from __future__ import annotations

import logging
import os
import stat
import sys

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.logsetup import configure_logging, log_path, mask
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.ui import crash
from app.ui.claims.claims_tab import ClaimsTab
from tests.factories_claims import D, enrolled_member, hospital_stay

ID = "110105198001020014"


def _crash_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == crash.BOX_NAME and w.isVisible()
    ]  # fmt: skip


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    assert configure_logging() == log_path()
    crash.install()
    yield
    qInstallMessageHandler(None)
    for box in _crash_boxes():
        box.close()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_a_box_and_is_logged(qtbot, hooks) -> None:  # type: ignore[no-untyped-def]
    button = QPushButton("导出")
    qtbot.addWidget(button)

    def slot() -> None:
        raise ValueError(f"会员 {ID} 账号 6222020200001111 password=秘密 出错")

    button.clicked.connect(slot)
    button.click()
    qtbot.waitUntil(lambda: bool(_crash_boxes()), timeout=5000)
    box = _crash_boxes()[0]
    text = box.text()
    assert "程序内部出错" in text and "重试" in text and str(log_path()) in text
    assert ID not in text and "秘密" not in text
    button.click()  # a second error while the box is up: logged, no second box
    assert len(_crash_boxes()) == 1
    qWarning("a Qt warning")
    for handler in logging.getLogger("hzbz").handlers:
        handler.flush()
    logged = log_path().read_text(encoding="utf-8")
    assert logged.count("Traceback (most recent call last)") == 2 and "in slot" in logged
    assert "Qt: a Qt warning" in logged
    assert ID not in logged and "6222020200001111" not in logged and "秘密" not in logged
    assert "110*************14" in logged
    if os.name == "posix":
        assert stat.S_IMODE(log_path().stat().st_mode) == 0o600
        assert stat.S_IMODE(log_path().parent.stat().st_mode) == 0o700


def test_mask_hides_numbers_passwords_and_sql_parameters() -> None:
    line = f"[SQL: INSERT ...] [parameters: ('{ID}', '张三')] 密码：abc123 pwd=x"
    masked = mask(line)
    assert ID not in masked and "张三" not in masked and "abc123" not in masked
    assert mask("第 12 行 金额 1234.50") == "第 12 行 金额 1234.50"


def test_approval_amount_in_words_is_refused_not_raised(
    qtbot, sessions: SessionFactory, clerk: Actor, auditor: Actor, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    no = ClaimService(sessions, clerk).create(hospital_stay(mid))
    ClaimService(sessions, clerk).act(no, "submit")
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit", today=D(2020, 5, 29))
    tab = ClaimsTab(sessions, auditor)
    qtbot.addWidget(tab)
    # The dialog names the refusal and asks again (the clerk then cancels): nothing raises.
    answers, labels = iter(["五百", None]), []

    def ask(_title: str, label: str, _text: str = "") -> str | None:
        labels.append(label)
        return next(answers)

    monkeypatch.setattr(tab, "_ask", ask)
    tab.select_claim(no)
    tab._on_action_clicked("approve")  # the button's slot, with 五百 typed into the dialog
    assert len(labels) == 2 and labels[1].startswith("批准金额“五百”")
    assert "批准金额" in (tab.act(no, "approve", amount="五百") or "")
    assert ClaimService(sessions, auditor).steps(no)[-1].action == "audit"
