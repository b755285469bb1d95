"""A two-minute tour of the demo data at the first start (issue 18 item 8): one step per tab, the
window switching to that tab while a small box says what the tab is for and what to try first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

# (tab index, what it is for) — in the window's tab order.
STEPS = (
    (0, QT_TRANSLATE_NOOP("Tour", "会员名册：左边是单位，右边是会员。Ctrl+F 搜索姓名、拼音首字母或身份证号任意 4 位；双击会员修改资料，改错了按 Ctrl+Z 撤销。")),  # noqa: E501
    (1, QT_TRANSLATE_NOOP("Tour", "参保缴费：选方案、期数和单位，看谁符合条件、谁已参保、单位应缴多少；办理参保、登记缴费，打印团体申请表和人员手册，导出上报批次到 U 盘。")),  # noqa: E501
    (2, QT_TRANSLATE_NOOP("Tour", "理赔：受理新理赔时填写事件情况，右边即时显示应付金额和计算过程；之后依次单位审核、办事处审核、批准、登记支付，每一步都记下经办人。")),  # noqa: E501
    (3, QT_TRANSLATE_NOOP("Tour", "保障计划：各方案的项目、标准和上限；“待确认”的数值须由管理员按文件核对。")),  # noqa: E501
    (4, QT_TRANSLATE_NOOP("Tour", "统计：参保人数、缴费和理赔的汇总，可导出 Excel。")),  # noqa: E501
    (5, QT_TRANSLATE_NOOP("Tour", "审计日志：谁在何时改了什么；“校验完整性”检查记录是否被改动或删除。示例数据只供熟悉程序，正式使用请用新的数据库。")),  # noqa: E501
)  # fmt: skip


class TourDialog(QDialog):
    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("两分钟导览"))
        self.setWindowModality(Qt.WindowModality.NonModal)  # the clerk may click about meanwhile
        self.tabs = tabs
        self.steps = [(i, t) for i, t in STEPS if i < tabs.count()]
        self.step = 0
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(420)
        self.counter = QLabel()
        self.back = QPushButton(self.tr("上一步(&B)"))
        self.next = QPushButton(self.tr("下一步(&N)"))
        close = QPushButton(self.tr("结束导览"))
        self.back.clicked.connect(lambda: self.go(self.step - 1))
        self.next.clicked.connect(lambda: self.go(self.step + 1))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch()
        for b in (self.back, self.next, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.next.setDefault(True)
        self.go(0)

    def go(self, step: int) -> None:
        if not 0 <= step < len(self.steps):
            self.accept()
            return
        self.step = step
        tab, text = self.steps[step]
        self.tabs.setCurrentIndex(tab)
        self.text.setText(QCoreApplication.translate("Tour", text))
        self.counter.setText(self.tr("{n} / {total}").format(n=step + 1, total=len(self.steps)))
        self.back.setEnabled(step > 0)
        self.next.setText(self.tr("完成") if step == len(self.steps) - 1 else self.tr("下一步(&N)"))
