"""At a city office's size the window's tables hold a few pages, never the table.

One 100,000-member database with a 20,000-member unit (built once for this module, as the scale
benchmark builds its million) is shown in the tabs; scrolling to the end, jumping about,
searching and sorting keep every model's row cache within its page budget, and no statement the
window sends reads a big table without a LIMIT (counts aside).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from app.models.db import SessionFactory, open_database
from app.services.auth import Actor
from app.services.users import UserService
from app.ui.paged_model import PagedTableModel

MEMBERS = 100_000  # the smallest size at which the builder makes its big unit
BIG_TABLES = ("members", "claims", "audit_events", "enrollments")


@pytest.fixture(scope="module")
def city_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from benchmarks.scale_data import build

    url = f"sqlite:///{tmp_path_factory.mktemp('city') / 'city.db'}"
    build(url, MEMBERS, say=lambda _text: None)
    return url


@pytest.fixture
def city(city_db: str) -> Iterator[tuple[SessionFactory, Actor, list[str]]]:
    engine, sessions = open_database(city_db)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    yield sessions, UserService(sessions).actor_for("admin"), statements
    engine.dispose()


def _unbounded(statements: list[str]) -> list[str]:
    """SELECTs from a big table with neither LIMIT nor an aggregate: those would load it whole."""
    found = []
    for sql in statements:
        flat = " ".join(sql.split()).lower()
        if not flat.startswith(("select", "with")):
            continue
        if not any(re.search(rf"\bfrom {t}\b|\bjoin {t}\b", flat) for t in BIG_TABLES):
            continue
        if " limit " in flat or "count(" in flat or "max(" in flat or "min(" in flat:
            continue
        if re.search(r"where [\w.]+\.id = ", flat):  # one record by its key
            continue
        found.append(flat[:200])
    return found


def _bounded(model: PagedTableModel) -> None:
    assert model.cached_rows() <= model.max_pages * model.page_size


def _visit(qtbot, model: PagedTableModel) -> None:  # type: ignore[no-untyped-def]
    if model.count is None:
        with qtbot.waitSignal(model.sig_counted, timeout=60_000):
            pass
    n = model.rowCount()
    for row in [*range(0, n, max(n // 37, 1)), n - 1, 5, n // 2, n // 2 + 1, n - 2]:
        if 0 <= row < n:
            assert model.index(row, 0).data() is not None
            _bounded(model)


def test_roster_tab_pages_a_city_roster(qtbot, city) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app.ui.roster.roster_tab import RosterTab

    sessions, admin, statements = city
    tab = RosterTab(sessions, admin)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    model = tab.model
    _visit(qtbot, model)
    assert model.rowCount() == MEMBERS and tab.status.text().startswith(f"共 {MEMBERS} 人")
    tab.table.scrollToBottom()
    qtbot.wait(1)
    _bounded(model)
    for section in range(model.columnCount()):
        tab.table.sortByColumn(section, Qt.SortOrder.DescendingOrder)
        _visit(qtbot, model)
    for text in ("张", "1380", "zw", "110101199"):
        tab.search.setText(text)
        _visit(qtbot, model)
    assert len(statements) > 50 and _unbounded(statements) == []


def test_a_scroll_through_keeps_the_cache_bounded(city) -> None:  # type: ignore[no-untyped-def]
    from app.services.roster_pages import RosterPages, RosterView
    from app.ui.roster.member_model import MemberTableModel

    sessions, _admin, _statements = city
    pages = RosterPages(sessions)
    model = MemberTableModel(max_pages=4)
    model.set_view(lambda sort, desc: pages.query(RosterView(None, ""), sort, desc)[0])
    assert model.wait_for_count() == MEMBERS
    seen = 0
    previous = ""
    for row in range(0, MEMBERS, 47):  # a scroll from top to bottom, page after page
        key = model.member_at(row).name_key
        assert key >= previous
        previous = key
        seen += 1
        _bounded(model)
    assert seen > 2000 and model.cached_rows() <= 4 * model.page_size


def test_city_db_is_what_the_benchmark_builds(city_db: str) -> None:
    assert Path(city_db.removeprefix("sqlite:///")).stat().st_size > 10_000_000


def test_claims_and_audit_tabs_page_too(qtbot, city) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app.ui.audit_tab import AuditTab
    from app.ui.claims.claims_tab import ClaimsTab

    sessions, admin, statements = city
    claims = ClaimsTab(sessions, admin)
    claims.quiet = True
    audit = AuditTab(sessions, admin)
    for tab in (claims, audit):
        qtbot.addWidget(tab)
        tab.resize(1200, 700)
        tab.show()
        _visit(qtbot, tab.model)
        for section in range(tab.model.columnCount()):
            tab.table.sortByColumn(section, Qt.SortOrder.AscendingOrder)
            _visit(qtbot, tab.model)
    assert claims.model.rowCount() == (MEMBERS - 20_000) // 50  # the big unit has no claims
    assert audit.model.rowCount() > MEMBERS // 2
    claims.table.selectRow(3)  # the detail pane: one claim, its member's history
    no = claims.selected_claim_no()
    assert no and no in claims.detail.toPlainText()
    for text in ("张", "C20", "0001"):
        claims.search.setText(text)
        _visit(qtbot, claims.model)
    # One member's claims, one claim's steps: bounded by the member, not the table.
    per_record = re.compile(r"where (claims\.member_id|claim_steps\.claim_id|claims\.claim_no) = ")
    assert _unbounded([s for s in statements if not per_record.search(" ".join(s.split()).lower())]) == []


def test_enrollment_grid_pages_a_big_unit(qtbot, city) -> None:  # type: ignore[no-untyped-def]
    import json

    from PySide6.QtCore import Qt
    from sqlalchemy import text

    from app.ui.enrollment.enrollment_tab import EnrollmentTab

    sessions, admin, statements = city
    with sessions() as s:
        marker = json.loads(
            s.execute(text("SELECT value FROM app_settings WHERE key = 'bench_scale'")).scalar()
        )
    tab = EnrollmentTab(sessions, admin)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.select("jilin-2020-hospital-combo", marker["busy_period"], marker["big_unit"])
    model = tab.model
    _visit(qtbot, model)
    assert model.rowCount() == 20_000
    for section in (1, 2, 4, 7):
        tab.table.sortByColumn(section, Qt.SortOrder.DescendingOrder)
        _visit(qtbot, model)
    # The unit's summary judges every member of the unit (the rules need them all): bounded by the unit.
    by_unit = re.compile(r"where (members\.unit_id|enrollments\.period_id) = ")
    assert _unbounded([s for s in statements if not by_unit.search(" ".join(s.split()).lower())]) == []
