"""Small helpers shared by the dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit


def enter_submits(dialog: QDialog) -> None:
    """Enter in any one-line field saves the dialog, as a clerk expects, whatever has focus.

    A default button alone is not enough: Qt moves "default" to whichever push button last had
    focus, so Enter after tabbing through the form could press 取消 instead.
    """
    for edit in dialog.findChildren(QLineEdit):
        edit.returnPressed.connect(dialog.accept)
