"""Complete member views (issue 18 item 7): the member dialog names the unit (a new member's is
chosen there, even from 全部单位), and each family row shows the sex and birth date its ID gives."""

from __future__ import annotations

import datetime as dt

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.roster.roster_tab import RosterTab
from tests import factories


def test_the_unit_is_named_and_chosen_in_the_member_dialog(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    factories.unit(roster, "U1", "一厂")
    second = factories.unit(roster, "U2", "二厂")
    tab = RosterTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.units.setCurrentRow(0)  # 全部单位: no longer a dead end
    dialog = tab.open_add_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert [dialog.unit.itemText(i) for i in range(dialog.unit.count())] == [
        "（请选择）",
        "二厂（U2）",
        "一厂（U1）",
    ]
    dialog.name.setText("新会员")
    dialog.id_number.setText(factories.id_number(dt.date(1990, 3, 4)))
    dialog.accept()
    assert dialog.error.text() == "请选择会员所在的单位"
    dialog.unit.setCurrentIndex(dialog.unit.findData(second))
    dialog.accept()
    mid = next(r.id for r in roster.member_rows() if r.name == "新会员")
    assert roster.member(mid).unit_id == second and tab.current_unit_id() == second

    edit = tab.open_edit_dialog(mid)
    qtbot.addWidget(edit)
    assert edit.unit.currentText() == "二厂（U2）" and not edit.unit.isEnabled()  # moves are 调动单位


def test_family_rows_show_the_sex_and_birth_date_of_their_id(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    tab = RosterTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    factories.unit(roster, "U1", "一厂")
    tab.reload_units()
    tab.units.setCurrentRow(1)
    dialog = tab.open_add_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog._add_family_row("子女", "小明", factories.id_number(dt.date(2012, 6, 1)))
    derived = dialog.family.item(0, 3)
    assert derived.text() in ("男　2012-06-01", "女　2012-06-01")
    assert not derived.flags() & derived.flags().ItemIsEditable
    dialog.family.item(0, 2).setText("1101051980")
    assert "18" in derived.text()  # the number's fault, said in the row
