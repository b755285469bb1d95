"""Qt's own texts in Chinese: the file dialog's labels and buttons, message-box buttons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from app.ui.i18n import install_translator, remove_translators


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translator(qapp, "zh_CN")
    yield
    remove_translators(qapp)


def _texts(widget) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QPushButton)}


def test_file_dialog_speaks_chinese(qtbot, chinese: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "导出付款清单", str(tmp_path), "Excel 文件 (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on Linux desktops
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："} <= texts, texts
    assert "保存(&S)" in texts and "取消" in texts, texts
    assert not [t for t in texts if t.isascii() and any(ch.isalpha() for ch in t) and t != "Excel"], texts


def test_message_box_buttons_speak_chinese(qtbot, chinese: None) -> None:  # type: ignore[no-untyped-def]
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "删除这条记录？")
    box.setStandardButtons(
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes
    )
    qtbot.addWidget(box)
    QTimer.singleShot(0, box.reject)
    box.exec()
    assert {b.text() for b in box.buttons()} >= {"确定", "取消"}, [b.text() for b in box.buttons()]
    assert box.button(QMessageBox.StandardButton.Yes).text() in ("是", "是(&Y)")
