"""``python -m app --self-test``: prove an installation works end to end, on a temporary database.

Used by CI on the frozen (PyInstaller) build: migrations, the plan files, the rules, the PDF font,
openpyxl and Qt (offscreen) must all be inside the bundle for this to pass.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["HZBZ_DATA_DIR"] = str(tmp / "data")
        from app.models.db import open_database
        from app.services import demo, roster_import
        from app.services.claim_decisions import ClaimDraft
        from app.services.claim_documents import ClaimDocuments
        from app.services.claims import ClaimService
        from app.services.users import OfficeInfo, UserService

        engine, sessions = open_database(f"sqlite:///{tmp / 'self-test.db'}")
        UserService(sessions).set_up(OfficeInfo("自检办事处", "办事处", ""), "admin", "self-test-2026")
        admin = UserService(sessions).authenticate("Admin", "self-test-2026")  # scrypt at full cost
        demo.generate(sessions, admin, units=2, members=40, seed=1)
        demo.activity(sessions, admin, dt.date(2026, 6, 1))
        steps.append("数据库与示例数据")
        from sqlalchemy import select

        from app.models import Enrollment

        with sessions() as s:
            member_id = s.scalars(select(Enrollment.member_id).order_by(Enrollment.id)).first()
        assert member_id is not None
        service = ClaimService(sessions, admin)
        materials = service.catalogue.get("jilin-2020-hospital-combo").benefit("hospital_allowance").materials
        draft = ClaimDraft(
            member_id,
            "jilin-2020-hospital-combo",
            "hospital_allowance",
            {
                "admission_date": "2025-05-01",
                "discharge_date": "2025-05-11",
                "local": True,
                "hospital_grade": 2,
            },
            dt.date(2025, 6, 1),
            materials_received=materials,
        )
        decision = service.preview(draft).decision
        if decision.amount != 500:
            raise AssertionError(f"规则计算异常：{decision}")
        claim_no = service.create(draft)
        steps.append(f"理赔计算（{claim_no} 应付 {decision.amount} 元）")
        pdf = tmp / "claim.pdf"
        ClaimDocuments(sessions, admin).print_forms([claim_no], pdf)
        if not pdf.read_bytes().startswith(b"%PDF") or b"FontFile2" not in pdf.read_bytes():
            raise AssertionError("PDF 未生成或未嵌入中文字体")
        steps.append("PDF（嵌入中文字体）")
        xlsx = tmp / "roster.xlsx"
        roster_import.export_roster(sessions, "D0001", "personnel", xlsx)
        from openpyxl import load_workbook

        if not any(c.value == "身份证" for row in load_workbook(xlsx).active.iter_rows() for c in row):
            raise AssertionError("Excel 名册未生成")
        steps.append("Excel 名册")
        from PySide6.QtWidgets import QApplication

        from app.ui.fonts import install_cjk_font
        from app.ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(sys.argv)
        family = install_cjk_font(app)
        window = MainWindow(sessions, admin, UserService(sessions).office(), "自检")
        window.show()
        app.processEvents()
        window.close()
        steps.append(f"窗口（字体 {family or '未找到中文字体'}）")
        from app.ui.i18n import install_translator

        english = install_translator(app, "en") and MainWindow(sessions, admin, None, "").tabs.tabText(0)
        install_translator(app, "zh_CN")
        if not english or english.startswith("会员名册"):
            raise AssertionError("英文界面翻译（hzbz_en.qm）未找到")
        steps.append(f"英文界面（{english}）")
        from app.resources import resources_dir

        if not (resources_dir() / "icons" / "hzbz.png").is_file():
            raise AssertionError("程序图标 resources/icons/hzbz.png 未打包")
        engine.dispose()
    print("自检通过：" + "；".join(steps))
    return 0
