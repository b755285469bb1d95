from __future__ import annotations

from app.ui.help_dialog import HelpDialog, guide_path


def test_guide_opens_with_its_screenshots(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "用户指南" in text and "快捷键" in text and "受理人不能批准" in text
    images = [
        line.split("(")[1].rstrip(")")
        for line in guide_path().read_text(encoding="utf-8").splitlines()
        if line.startswith("![")
    ]
    assert len(images) == 7 and all((guide_path().parent / image).is_file() for image in images)


def test_the_guide_has_contents_search_and_opens_at_the_tabs_section(  # type: ignore[no-untyped-def]
    qtbot, sessions, admin
) -> None:
    """Issue 18 item 8: the guide becomes help where it is needed."""
    from app.services.users import UserService
    from app.ui.main_window import MainWindow

    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    sections = [dialog.contents.item(i).text() for i in range(dialog.contents.count())]
    assert sections[:3] == ["第一次使用", "会员名册", "参保缴费"] and "快捷键" in sections
    dialog.search.setText("受理人不能批准")
    assert dialog.browser.textCursor().selectedText() == "受理人不能批准" and dialog.found.text() == ""
    dialog.search.setText("没有这句话的文字")
    assert dialog.found.text() == "指南中没有“没有这句话的文字”"

    window = MainWindow(sessions, admin, UserService(sessions).office(), "数据库：测试")
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.claims_tab)
    helped = window.open_help()
    qtbot.addWidget(helped)
    helped.show()
    assert helped.contents.currentItem().text() == "理赔"
    top = helped.browser.cursorForPosition(helped.browser.viewport().rect().topLeft())
    assert "理赔" in top.block().text() or helped.browser.textCursor().block().text() == "理赔"
    assert window.tabs.cornerWidget().toolTip() == "本页的使用说明（F1）"


def test_the_first_start_tour_walks_every_tab(qtbot, sessions, admin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 18 item 8: the first start with demo data offers a two-minute tour (which tab does what)."""
    from PySide6.QtWidgets import QMessageBox

    from app.services.users import UserService
    from app.ui.main_window import MainWindow

    window = MainWindow(sessions, admin, UserService(sessions).office(), "数据库：测试")
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window.offer_tour()
    tour = window.tour
    seen = []
    while tour.isVisible():
        seen.append((window.tabs.currentIndex(), tour.text.text()[:4]))
        tour.next.click()
    assert seen == [
        (0, "会员名册"),
        (1, "参保缴费"),
        (2, "理赔：受"),
        (3, "保障计划"),
        (4, "统计：参"),
        (5, "审计日志"),
    ]


def test_work_at_the_first_start_runs_behind_a_busy_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 18 item 5: demo data at the first start ran on the UI thread (the screen stayed black)."""
    import threading

    import pytest

    from app.ui.tasks import run_busy

    where: list[str] = []

    def work(_p: object, _c: object) -> int:
        where.append(threading.current_thread().name)
        return 42

    assert run_busy("正在生成示例数据…", work) == 42
    assert where and where[0] != threading.main_thread().name

    def broken(_p: object, _c: object) -> None:
        raise ValueError("示例数据写不进去")

    with pytest.raises(ValueError, match="示例数据写不进去"):
        run_busy("正在生成示例数据…", broken)
