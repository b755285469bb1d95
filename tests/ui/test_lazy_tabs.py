"""Start-up builds only the roster tab (issue 17 item 4); the others are built the first time they
are shown — by a click or Alt+number — and then behave as if they had been there from the start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.services.users import UserService
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.enrollment.enrollment_tab import EnrollmentTab
from app.ui.main_window import MainWindow
from app.ui.roster.roster_tab import RosterTab
from tests import factories


def _window(qtbot, sessions: SessionFactory, actor: Actor) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(sessions, actor, UserService(sessions).office(), "数据库：测试")
    qtbot.addWidget(window)
    window.show()
    return window


def test_only_the_roster_is_built_at_start_and_the_others_when_shown(
    qtbot, sessions: SessionFactory, admin: Actor  # type: ignore[no-untyped-def]
) -> None:
    window = _window(qtbot, sessions, admin)
    pages = [window.tabs.widget(i) for i in range(window.tabs.count())]
    assert isinstance(pages[0], RosterTab)
    assert not any(isinstance(p, (EnrollmentTab, ClaimsTab)) for p in pages[1:])
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels == ["会员名册(&1)", "参保缴费(&2)", "理赔(&3)", "保障计划(&4)", "统计(&5)", "审计日志(&6)"]

    # A unit added before the enrollment tab exists is in its list when the tab is first shown.
    factories.unit(RosterService(sessions, admin), "U700", "晚到的单位")
    window.tabs.setCurrentIndex(1)  # what a click on the tab does
    page = window.tabs.currentWidget()
    assert isinstance(page, EnrollmentTab) and page is window.enrollment_tab
    assert window.tabs.currentIndex() == 1
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == labels  # same place
    combo = page.unit
    assert any("晚到的单位" in combo.itemText(i) for i in range(combo.count()))

    # Built now, it follows later writes like any tab on screen.
    factories.unit(RosterService(sessions, admin), "U701", "再晚到的单位")
    qtbot.waitUntil(lambda: any("再晚到的单位" in combo.itemText(i) for i in range(combo.count())))
    window.close()


def test_alt_number_builds_the_tab_it_opens(
    qtbot, sessions: SessionFactory, admin: Actor  # type: ignore[no-untyped-def]
) -> None:
    window = _window(qtbot, sessions, admin)
    window.activateWindow()  # a mnemonic is a shortcut: it works in the active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.roster_tab, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), ClaimsTab))
    assert window.tabs.currentIndex() == 2
    window.close()


def test_a_clerks_window_has_no_audit_tab(
    qtbot, sessions: SessionFactory, clerk: Actor  # type: ignore[no-untyped-def]
) -> None:
    window = _window(qtbot, sessions, clerk)
    assert window.tabs.count() == 5
    assert not hasattr(window, "audit_tab")
    window.close()
