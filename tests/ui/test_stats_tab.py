"""The 统计 tab on a small office: every chart has data, pictures and Excel sheets are written."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from sqlalchemy import text

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.ui.stats.bar_chart import BarChart, nice_ticks, tick_text
from app.ui.stats.stats_tab import OVERDUE, StatsTab
from tests.factories_claims import JILIN
from tests.services.test_statistics import JILIN_NAME, RELIEF_NAME, TODAY, build_office


def _sheet(path: Path) -> list[list[object]]:
    return [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]


def test_tab_shows_charts_and_saves_them(
    qtbot, sessions: SessionFactory, clerk: Actor, auditor: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    build_office(sessions, clerk, auditor)
    tab = StatsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.sig_refreshed):
        tab.refresh(TODAY)

    benefits = tab.charts["benefits"]
    assert benefits.y_label == "互助金额(万元)" and benefits.categories == ["2020", "2021"]
    assert benefits.series == [
        (RELIEF_NAME, [Decimal("6.00"), Decimal("0.00")]),
        (JILIN_NAME, [Decimal("0.05"), Decimal("0.04")]),
    ]
    enrolled = tab.charts["enrollments"]
    assert enrolled.y_label == "参保人次(人次)" and enrolled.series[1] == (JILIN_NAME, [5, 1])
    assert tab.charts["claims"].categories == ["草稿", "已受理", "已批准", "已支付"]
    assert tab.plan.currentData() is not None
    with qtbot.waitSignal(tab.sig_refreshed):  # participation of the chosen plan, off the UI thread
        tab.plan.setCurrentIndex(tab.plan.findData(JILIN))
    assert tab.charts["participation"].categories == ["单位U001", "单位U002"]
    assert tab.charts["participation"].series == [("占会员总数比例", [Decimal("0.0"), Decimal("33.3")])]
    assert tab.due_model.rowCount() == 2 and tab.due_model.row_at(0).overdue
    background = Qt.ItemDataRole.BackgroundRole
    assert tab.due_model.data(tab.due_model.index(0, 0), background) == OVERDUE
    assert tab.due_model.data(tab.due_model.index(1, 0), background) is None
    assert "1 笔已逾期" in tab.due_summary.text()

    for key in ("benefits", "enrollments", "claims", "payments", "participation"):
        png = tmp_path / f"{key}.png"
        assert tab.save_chart_png(key, png) is None
        image = QImage(str(png))
        assert png.stat().st_size > 1000 and image.width() >= 320 and image.height() >= 220, key

    out = tmp_path / "benefits.xlsx"
    assert tab.export_chart_data("benefits", out) is None
    cells = _sheet(out)  # exact 元, not the chart's 万元
    assert cells[0] == ["年度", f"{RELIEF_NAME}(元)", f"{JILIN_NAME}(元)"]
    assert cells[1:] == [["2020", 60000, 500], ["2021", 0, 400]]
    assert tab.export_chart_data("payments", tmp_path / "due.xlsx") is None
    due = _sheet(tmp_path / "due.xlsx")
    assert due[1][0] == "C2020-00004" and due[1][4] == 500 and due[1][6] == "逾期 3 天"
    assert tab.export_chart_data("participation", tmp_path / "p.xlsx") is None
    assert _sheet(tmp_path / "p.xlsx")[2] == ["U002", "单位U002", 1, 3, 33.3]


def test_empty_office_draws_no_data(qtbot, sessions: SessionFactory, clerk: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = StatsTab(sessions, clerk)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    with qtbot.waitSignal(tab.sig_refreshed):
        tab.show()  # the figures are read when the tab is first shown
    assert all(chart.empty for chart in tab.charts.values())
    assert tab.due_summary.text() == "本周没有到期的理赔支付"
    assert tab.save_chart_png("claims", tmp_path / "empty.png") is None
    assert tab.export_chart_data("claims", tmp_path / "empty.xlsx") is None
    assert _sheet(tmp_path / "empty.xlsx") == [["状态"]]


def test_bar_chart_ticks_and_painting(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert nice_ticks(0, 0.09) == [0, 0.02, 0.04, 0.06, 0.08, 0.1]
    assert nice_ticks(0, 60000) == [0, 20000, 40000, 60000]
    assert nice_ticks(0, 9) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(0, 1, integer=True) == [0, 1] and nice_ticks(0, 12, integer=True) == [0, 5, 10, 15]
    assert [tick_text(t, 2.5) for t in nice_ticks(0, 11)] == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert tick_text(20000, 20000) == "20,000" and tick_text(0.04, 0.02) == "0.04"
    assert nice_ticks(-3, 7) == [-4, -2, 0, 2, 4, 6, 8]
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 320)
    many = [f"很长的单位名称第{i}号机械制造有限公司" for i in range(30)]
    chart.set_data("多单位", "占会员总数比例(%)", many, [("占会员总数比例", [Decimal(i) for i in range(30)])])
    assert chart.save_png(tmp_path / "many.png") and QImage(str(tmp_path / "many.png")).width() == 500


def test_figures_are_read_off_the_ui_thread(
    qtbot, sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:  # type: ignore[no-untyped-def]
    build_office(sessions, clerk, auditor)
    tab = StatsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    readers: list[threading.Thread] = []
    real = tab._service.snapshot

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        readers.append(threading.current_thread())
        return real(*args, **kwargs)

    tab._service.snapshot = recording  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.sig_refreshed):
        tab.refresh(TODAY)
        assert not tab.refresh_button.isEnabled() and tab.stamp.text() == "正在统计…"
        tab.refresh(TODAY)  # asked again while counting: done once more after the first
    qtbot.waitUntil(lambda: len(readers) == 2 and tab.refresh_button.isEnabled())
    assert readers and all(t is not threading.main_thread() for t in readers)
    assert tab.charts["claims"].categories == ["草稿", "已受理", "已批准", "已支付"]


def test_a_failed_count_is_said_in_chinese(
    qtbot, sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:  # type: ignore[no-untyped-def]
    build_office(sessions, clerk, auditor)
    tab = StatsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    with sessions() as s, s.begin():
        s.execute(text("ALTER TABLE claims RENAME TO claims_gone"))
    try:
        tab.refresh(TODAY)
        qtbot.waitUntil(lambda: tab.refresh_button.isEnabled())
        assert tab.stamp.text().startswith("统计失败") and not tab.loaded
    finally:
        with sessions() as s, s.begin():
            s.execute(text("ALTER TABLE claims_gone RENAME TO claims"))
