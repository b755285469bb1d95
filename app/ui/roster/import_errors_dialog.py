"""Shows every bad row of a refused import, and offers to import only the good rows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.roster_types import RowError


class ImportErrorsDialog(QDialog):
    GOOD_ROWS_ONLY = 2

    def __init__(
        self,
        parent: QWidget | None,
        errors: list[RowError],
        can_import_good_rows: bool,
        notices: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入未进行"))
        self.resize(720, 480)
        bad_rows = len({e.row for e in errors})
        label = QLabel(
            self.tr("文件中有 {rows} 行、共 {errors} 处错误，未导入任何数据。请改正后重新导入。").format(
                rows=bad_rows, errors=len(errors)
            )
        )
        label.setWordWrap(True)
        self.notices = QLabel("\n".join(notices))
        self.notices.setWordWrap(True)
        self.notices.setVisible(bool(notices))
        self.table = QTableWidget(len(errors), 4)
        heads = [self.tr("行号"), self.tr("姓名"), self.tr("列"), self.tr("错误原因")]
        self.table.setHorizontalHeaderLabels(heads)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, e in enumerate(errors):
            self.table.setItem(i, 0, QTableWidgetItem(str(e.row) if e.row else "—"))
            self.table.setItem(i, 1, QTableWidgetItem(e.person))
            self.table.setItem(i, 2, QTableWidgetItem(e.column))
            self.table.setItem(i, 3, QTableWidgetItem(e.message))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        if can_import_good_rows:
            good = buttons.addButton(
                self.tr("只导入正确的行，错误行另存…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            good.clicked.connect(lambda: self.done(self.GOOD_ROWS_ONLY))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.notices)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
