"""Before a roster import: which unit receives the rows (the clerk may pick another), the first
rows as read and how many the file holds — nothing is written until 导入 (issue 16 item 1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the import service (calamine, openpyxl) loads on the first import, not at start
    from app.services.roster_import import ImportPreview

FROM_FILE = ""  # the combo's data for "as the file's title says"


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        file_name: str,
        preview_for: Callable[[str | None], ImportPreview],
        units: Sequence[tuple[str, str]],
        chosen: str | None,
        parent: QWidget | None = None,
    ) -> None:
        """``preview_for(unit code or None)`` reads the file again for another receiving unit;
        ``units``: (code, label) of every unit."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入会员名册 — {name}").format(name=file_name))
        self.resize(900, 520)
        self._preview_for = preview_for
        self.unit = QComboBox()
        self.unit.addItem(self.tr("按文件标题中的单位"), FROM_FILE)
        for code, label in units:
            self.unit.addItem(label, code)
        self.unit.setCurrentIndex(max(self.unit.findData(chosen or FROM_FILE), 0))
        self.receiving = QLabel()
        self.receiving.setWordWrap(True)
        self.counts = QLabel()
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("导入(&I)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("导入到(&U)："), self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.receiving)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notices)
        layout.addWidget(buttons)
        self.unit.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.show_preview()

    def chosen_code(self) -> str | None:
        return self.unit.currentData() or None

    def show_preview(self) -> None:
        p = self._preview_for(self.chosen_code())
        self.preview = p
        self.receiving.setText(p.receiving)
        self.counts.setText(
            self.tr(
                "文件中表头以下共 {n} 行（含合计、制表人等表尾，导入时跳过并说明）；下面是前 {shown} 行。"
            ).format(n=p.rows_in_file, shown=len(p.rows))
        )
        self.table.clear()
        self.table.setColumnCount(len(p.columns))
        self.table.setRowCount(len(p.rows))
        self.table.setHorizontalHeaderLabels(p.columns)
        for r, row in enumerate(p.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.notices.setText("\n".join(p.problems + p.notices))
        self.notices.setStyleSheet("color: #b00020" if p.problems else "")
        self.import_button.setEnabled(p.can_import)
