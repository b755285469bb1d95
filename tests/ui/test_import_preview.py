"""Before a roster import (issue 16 item 1): the dialog names the unit that receives the rows and
lets the clerk pick another, shows the first rows and how many the file holds; nothing is written
until 导入."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.roster.roster_tab import RosterTab
from tests import factories


def _roster(path: Path, title: str | None) -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(["姓名", "身份证号码", "联系电话"])
    for i, name in enumerate(("孙悟空", "猪八戒", "沙悟净")):
        ws.append([name, factories.id_number(dt.date(1990, 1, 1 + i)), f"1390000000{i}"])
    ws.append(["合计", "3人"])
    wb.save(path)
    return path


def test_the_import_dialog_names_and_lets_the_clerk_pick_the_unit(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    chosen = factories.unit(roster, "U1", "一厂")
    tab = RosterTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    rows = {tab.units.item(r).data(0x0100): r for r in range(tab.units.count())}
    tab.units.setCurrentRow(rows[chosen])
    path = _roster(tmp_path / "名册.xlsx", "单位名称：花果山水帘洞有限公司")
    dialog = tab.preview_dialog(path)
    qtbot.addWidget(dialog)
    assert dialog.receiving.text() == "导入到所选单位：一厂（U1）"
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "孙悟空",
        "猪八戒",
        "沙悟净",
    ]
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == [
        "姓名",
        "身份证号码",
        "联系电话",
    ]
    assert "共 4 行" in dialog.counts.text() and dialog.import_button.isEnabled()
    assert len(roster.member_rows()) == 0  # nothing written by looking

    dialog.unit.setCurrentIndex(dialog.unit.findData(""))  # as the file's title says
    assert dialog.receiving.text() == "按文件标题新建单位“花果山水帘洞有限公司”并导入"
    with qtbot.waitSignal(tab.sig_import_finished, timeout=20000) as done:
        tab.import_file(path, unit_code=dialog.chosen_code(), as_chosen=True)
    assert done.args[0].imported == 3 and done.args[0].unit_name == "花果山水帘洞有限公司"

    untitled = tab.preview_dialog(_roster(tmp_path / "无标题.xlsx", None))
    qtbot.addWidget(untitled)
    untitled.unit.setCurrentIndex(untitled.unit.findData(""))
    assert not untitled.import_button.isEnabled()
    assert "文件标题中没有单位名称" in untitled.notices.text()
    untitled.unit.setCurrentIndex(untitled.unit.findData("U1"))
    assert untitled.import_button.isEnabled()
