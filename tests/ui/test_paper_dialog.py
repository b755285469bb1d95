"""文件 → 核对纸质表 at the office: a code typed or scanned (the scanner types it and presses Enter)
says whether the paper agrees with the imported batch, and which figure differs; in English too."""

# ruff: noqa: F811 - fixtures are imported
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.services.batch_import import BatchImporter
from app.services.enrollment_documents import EnrollmentDocuments
from app.ui.exchange.paper_dialog import PaperDialog
from tests.services.test_batch_import import Site, export, make_site, office, unit_a  # noqa: F401
from tests.services.test_paper_code import scan
from tests.ui.i18n_helpers import english, untranslated_texts  # noqa: F401 - fixture


def test_scanning_the_printed_form_shows_agreement_and_a_changed_figure(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, make_site, office: Site
) -> None:
    a = unit_a(make_site)
    BatchImporter(office.sessions, office.clerk).import_batch(export(a, tmp_path / "a"))
    docs = EnrollmentDocuments(a.sessions, a.clerk)
    docs.print_group_application(a.unit_id, a.period_id, tmp_path / "团体申请表.pdf", copies=1)
    scanned = scan(tmp_path / "团体申请表.pdf", tmp_path)
    dialog = PaperDialog(office.sessions, office.clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, scanned)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.check is not None and dialog.check.agree
    assert dialog.verdict.text().startswith("一致") and "第一机械厂" in dialog.details.text()
    dialog.grab().save(str(tmp_path / "verify-agree.png"))

    dialog.code.setText(scanned.rsplit("|", 1)[0] + "|999.00")  # the amount written over on the paper
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.check is not None and not dialog.check.agree
    assert dialog.verdict.text().startswith("不一致") and "金额：纸质表为“999.00”" in dialog.details.text()
    dialog.grab().save(str(tmp_path / "verify-differs.png"))

    dialog.code.setText("not a code")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.check is None and "不是核验码" in dialog.details.text()


def test_paper_dialog_in_english(english, qtbot, sessions, admin) -> None:  # type: ignore[no-untyped-def]
    dialog = PaperDialog(sessions, admin)
    qtbot.addWidget(dialog)
    assert untranslated_texts(dialog) == []
    assert dialog.windowTitle() == "Check Paper Form"
