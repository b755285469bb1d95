"""设置: office profile, language and defaults, holiday list, backup folder, printing and the seal.

Every value is checked and stored by app.services.settings in one transaction; the dialog
only shows and collects them. Only an administrator may change them; others see them read-only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.periods import PeriodService
from app.services.plans import PlanService
from app.services.settings import KEEP, MAX_COPIES, PrintDefaults, Settings, SettingsService
from app.services.users import OfficeInfo, UserService
from app.ui.forms import error_label, fill_office_levels, save_cancel
from app.ui.i18n import LANGUAGES

SEAL_PREVIEW = 96  # pixels


class SettingsDialog(QDialog):
    sig_saved = Signal(object)
    """The settings were stored: carries the new Settings."""

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.resize(640, 520)
        self._service = SettingsService(sessions, actor)
        self._periods = PeriodService(sessions, actor)
        self._saved = self._service.load()
        self._seal: bytes | None | object = KEEP  # KEEP, new bytes, or None (remove)
        self._seal_image = self._service.seal_image()
        self.editable = actor.can("office.manage")
        self.language_changed = False

        self.tabs = QTabWidget()
        self.tabs.addTab(self._office_page(UserService(sessions).office()), self.tr("办事处资料"))
        self.tabs.addTab(self._defaults_page(PlanService(sessions, actor)), self.tr("界面与默认"))
        self.tabs.addTab(self._holidays_page(), self.tr("节假日"))
        self.tabs.addTab(self._printing_page(), self.tr("打印与印章"))
        self.error = error_label()
        self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        if not self.editable:
            layout.addWidget(QLabel(self.tr("只有管理员可以修改设置；以下为当前设置，仅供查看。")))
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if not self.editable:
            for page in (self.tabs.widget(i) for i in range(self.tabs.count())):
                page.setEnabled(False)
            self.buttons.button(self.buttons.StandardButton.Save).setEnabled(False)
        self._show(self._saved)

    # ---------------------------------------------------------------- pages

    def _office_page(self, office: OfficeInfo | None) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.office_name = QLineEdit(office.name if office else "")
        self.office_name.setToolTip(self.tr("必填：本办事处（或工会、代办处）的全称，显示在窗口标题上"))
        self.office_level = QComboBox()
        fill_office_levels(self.office_level, office.level if office else None)
        self.office_level.setToolTip(
            self.tr("基层工会的印章盖在“单位（盖章）”处；代办处、办事处的印章盖在“办事处意见（盖章）”处")
        )
        self.office_region = QLineEdit(office.region if office else "")
        self.office_region.setToolTip(self.tr("选填：所在地区，如“威海市”"))
        form.addRow(self.tr("名称："), self.office_name)
        form.addRow(self.tr("级别："), self.office_level)
        form.addRow(self.tr("地区："), self.office_region)
        return page

    def _defaults_page(self, plans: PlanService) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setToolTip(self.tr("界面文字的语言；重新启动程序后生效。打印的表格始终为中文"))
        self.default_plan = QComboBox()
        self.default_plan.addItem(self.tr("（第一个计划）"), "")
        for plan in plans.catalogue().plans():
            self.default_plan.addItem(plan.name, plan.code)
        self.default_plan.setToolTip(self.tr("参保缴费页启动时选中的保障计划"))
        self.default_period = QComboBox()
        self.default_period.setToolTip(self.tr("启动时选中的期数；“最新一期”随新建期数自动变化"))
        self.default_plan.currentIndexChanged.connect(self._fill_periods)
        self.backup_folder = QLineEdit()
        self.backup_folder.setPlaceholderText(self.tr("（默认：数据文件夹下的 backups）"))
        self.backup_folder.setToolTip(
            self.tr("启动和退出时的自动备份存放在这里；须是已存在的文件夹，最好在另一块硬盘上")
        )
        form.addRow(self.tr("界面语言："), self.language)
        form.addRow(self.tr("默认保障计划："), self.default_plan)
        form.addRow(self.tr("默认期数："), self.default_period)
        form.addRow(self.tr("备份文件夹："), self._with_browse(self.backup_folder, self.tr("选择备份文件夹")))
        self.approver_may_pay = QCheckBox(self.tr("一人办事处：批准人也可以登记同一理赔的支付"))
        self.approver_may_pay.setToolTip(
            self.tr(
                "默认批准人不能登记自己批准的理赔的支付；只有一名经办人员的办事处可放宽此项，修改记入审计日志"
            )
        )
        form.addRow(self.tr("职责分离："), self.approver_may_pay)
        return page

    def _holidays_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        hint = QLabel(
            self.tr(
                "计算“10 个工作日内支付”等期限时使用。程序已知 2004–2026 年的法定节假日和调休；"
                "其他年份或本地另行放假时在此填写，每行一个日期：\n"
                "  2027-01-01 元旦　　（放假）\n"
                "  2027-02-07 上班 春节调休　　（调休上班）\n"
                "“#”之后为注释。保存时逐行检查。"
            )
        )
        hint.setWordWrap(True)
        self.holidays = QPlainTextEdit()
        self.holidays.setToolTip(self.tr("每行 YYYY-MM-DD [说明] 为放假；YYYY-MM-DD 上班 [说明] 为调休上班"))
        layout.addWidget(hint)
        layout.addWidget(self.holidays)
        return page

    def _printing_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.application_copies = self._copies(self.tr("打印团体申请表的份数（1–{n}）").format(n=MAX_COPIES))
        self.roster_copies = self._copies(
            self.tr("打印人员手册的份数（1–{n}）；表格注明“此表一式三份”").format(n=MAX_COPIES)
        )
        self.own_copy = self._copies(self.tr("本处留存的是第几联：印章图片只印在这一联上"))
        self.open_after = QCheckBox(self.tr("生成 PDF 后打开打印预览（从预览选择打印机、份数、页码和双面）"))
        self.output_folder = QLineEdit()
        self.output_folder.setPlaceholderText(self.tr("（默认：上次保存的位置）"))
        self.output_folder.setToolTip(self.tr("保存 PDF 时对话框首先打开的文件夹；须是已存在的文件夹"))
        self.seal_preview = QLabel()
        self.seal_preview.setFixedSize(SEAL_PREVIEW, SEAL_PREVIEW)
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seal_preview.setStyleSheet("border: 1px dashed #888")
        choose = QPushButton(self.tr("选择印章图片…"))
        choose.setToolTip(self.tr("PNG（最好透明背景）或 JPEG，至少 100×100 像素，不超过 2 MB"))
        choose.clicked.connect(self._on_choose_seal)
        clear = QPushButton(self.tr("清除"))
        clear.clicked.connect(self.clear_seal)
        self.seal_on_own_copy = QCheckBox(self.tr("在本处留存联的盖章处印上印章图片"))
        self.seal_on_own_copy.setToolTip(
            self.tr("只印在本处留存的那一联；上报和交给单位的各联仍须加盖实物印章")
        )
        seal_box = QWidget()
        seal_row = QHBoxLayout(seal_box)
        seal_row.setContentsMargins(0, 0, 0, 0)
        seal_row.addWidget(self.seal_preview, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(clear)
        buttons.addStretch(1)
        seal_row.addLayout(buttons)
        seal_row.addStretch(1)
        form.addRow(self.tr("团体申请表份数："), self.application_copies)
        form.addRow(self.tr("人员手册份数："), self.roster_copies)
        form.addRow(self.tr("本处留存第几联："), self.own_copy)
        form.addRow("", self.open_after)
        form.addRow(
            self.tr("PDF 保存位置："), self._with_browse(self.output_folder, self.tr("选择 PDF 保存位置"))
        )
        form.addRow(self.tr("印章图片："), seal_box)
        form.addRow("", self.seal_on_own_copy)
        return page

    def _copies(self, tooltip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, MAX_COPIES)
        spin.setMaximumWidth(110)
        spin.setToolTip(tooltip)
        return spin

    def _with_browse(self, edit: QLineEdit, title: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        browse = QPushButton(self.tr("浏览…"))

        def pick() -> None:
            folder = QFileDialog.getExistingDirectory(self, title, edit.text())
            if folder:
                edit.setText(folder)

        browse.clicked.connect(pick)
        row.addWidget(browse)
        return box

    # ---------------------------------------------------------------- values

    def _show(self, settings: Settings) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.default_plan.setCurrentIndex(max(0, self.default_plan.findData(settings.default_plan)))
        self._fill_periods()
        if settings.default_period_id is not None:
            self.default_period.setCurrentIndex(
                max(0, self.default_period.findData(settings.default_period_id))
            )
        self.holidays.setPlainText(settings.holidays)
        self.backup_folder.setText(settings.backup_folder)
        self.approver_may_pay.setChecked(settings.approver_may_pay)
        p = settings.printing
        self.application_copies.setValue(p.application_copies)
        self.roster_copies.setValue(p.roster_copies)
        self.own_copy.setValue(p.own_copy)
        self.open_after.setChecked(p.open_after_print)
        self.output_folder.setText(p.output_folder)
        self.seal_on_own_copy.setChecked(p.seal_on_own_copy)
        self._show_seal()

    def _fill_periods(self, *_args: object) -> None:
        self.default_period.clear()
        self.default_period.addItem(self.tr("（最新一期）"), None)
        code = self.default_plan.currentData()
        if code:
            for period in self._periods.list(code):
                self.default_period.addItem(period.label, period.id)

    def _show_seal(self) -> None:
        image = self._seal_image if self._seal is KEEP else self._seal
        if isinstance(image, bytes):
            pixmap = QPixmap.fromImage(QImage.fromData(image))
            self.seal_preview.setPixmap(
                pixmap.scaled(
                    SEAL_PREVIEW - 4,
                    SEAL_PREVIEW - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.seal_preview.clear()
            self.seal_preview.setText(self.tr("无"))

    def values(self) -> tuple[Settings, OfficeInfo]:
        settings = Settings(
            language=self.language.currentData(),
            default_plan=self.default_plan.currentData() or "",
            default_period_id=self.default_period.currentData(),
            holidays=self.holidays.toPlainText(),
            backup_folder=self.backup_folder.text().strip(),
            approver_may_pay=self.approver_may_pay.isChecked(),
            printing=PrintDefaults(
                application_copies=self.application_copies.value(),
                roster_copies=self.roster_copies.value(),
                own_copy=self.own_copy.value(),
                seal_on_own_copy=self.seal_on_own_copy.isChecked(),
                open_after_print=self.open_after.isChecked(),
                output_folder=self.output_folder.text().strip(),
            ),
        )
        office = OfficeInfo(
            self.office_name.text(), self.office_level.currentData(), self.office_region.text()
        )
        return settings, office

    def choose_seal_file(self, path: Path) -> None:
        """Take the image at ``path`` as the new seal (checked when saved)."""
        try:
            self._seal = path.read_bytes()
        except OSError as exc:
            self.error.setText(
                self.tr("无法读取文件“{path}”：{reason}").format(path=path, reason=exc.strerror)
            )
            return
        self.error.clear()
        self._show_seal()

    def clear_seal(self) -> None:
        self._seal = None
        self.seal_on_own_copy.setChecked(False)
        self._show_seal()

    def _on_choose_seal(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择印章图片"), "", self.tr("图片 (*.png *.jpg *.jpeg)")
        )
        if path:
            self.choose_seal_file(Path(path))

    def save(self) -> bool:
        """Store everything in one go; on a refusal show why, keep the dialog open, change nothing."""
        settings, office = self.values()
        try:
            self._service.save_all(settings=settings, office=office, seal=self._seal)  # type: ignore[arg-type]
        except ServiceError as exc:
            self.error.setText(str(exc))
            return False
        self.language_changed = settings.language != self._saved.language
        self._saved = settings
        self.sig_saved.emit(settings)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
