"""Small helpers shared by the dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton


def enter_submits(dialog: QDialog) -> None:
    """Enter saves the dialog, as a clerk expects, whatever has focus — once.

    The dialog's accept button becomes its one default button, and no other button may take the
    default over (Qt moves "default" to whichever auto-default button last had focus, so Enter
    after tabbing through the form could press 取消). Enter in a line edit reaches the dialog,
    which presses that button: a single save (connecting returnPressed as well would save twice),
    and nothing at all while the button is disabled.
    """
    accept = next(
        (
            b
            for box in dialog.findChildren(QDialogButtonBox)
            for b in box.buttons()
            if box.buttonRole(b)
            in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)
        ),
        None,
    )
    if not isinstance(accept, QPushButton):
        for edit in dialog.findChildren(QLineEdit):
            edit.returnPressed.connect(dialog.accept)
        return
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)
    accept.setDefault(True)


def error_label() -> QLabel:
    """The red line under a form where a refused save explains itself."""
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    return label


def save_cancel(dialog: QDialog) -> QDialogButtonBox:
    """保存 / 取消 buttons wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("forms", "保存"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("forms", "取消")
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_text(exc: BaseException, limit: int = 30) -> str:
    """A refusal as the clerk reads it: every listed problem on its own line."""
    from app.services.errors import InputErrors

    if isinstance(exc, InputErrors):
        return "\n".join(str(e) for e in exc.errors[:limit])
    return str(exc)


def fill_office_levels(combo: QComboBox, current: str | None = None) -> None:
    """The office levels, shown translated; the item data keeps the Chinese level the services store."""
    from app.models.office import OFFICE_LEVELS

    labels = {
        "基层工会": QCoreApplication.translate("forms", "基层工会"),
        "代办处": QCoreApplication.translate("forms", "代办处"),
        "办事处": QCoreApplication.translate("forms", "办事处"),
    }
    for level in OFFICE_LEVELS:
        combo.addItem(labels.get(level, level), level)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
