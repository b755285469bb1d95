from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError
from app.services.plans import PlanService, figure_rows

CODE = "beijing-inservice-medical"
PATH = "benefits.outpatient.deductible"


def test_catalogue_lists_the_five_plans_with_pending_figures(sessions: SessionFactory, admin: Actor) -> None:
    catalogue = PlanService(sessions, admin).catalogue()
    assert set(catalogue.codes()) >= {
        "jilin-2020-hospital-combo",
        "beijing-relief",
        CODE,
        "weihai-2012-supplementary-medical",
        "beijing-accident",
    }
    rows = figure_rows(dict(catalogue.get(CODE).raw))
    assert any(r.path == PATH and not r.confirmed and r.value == Decimal("1800.00") for r in rows)


def test_admin_change_makes_a_new_dated_version_and_is_audited(
    sessions: SessionFactory, admin: Actor
) -> None:
    service = PlanService(sessions, admin)
    old = service.catalogue().get(CODE)
    today = dt.date(2026, 11, 22)
    new = service.set_figure(CODE, PATH, "2000", "京工发〔2026〕1号", today=today)
    assert new.version == today
    catalogue = service.catalogue()
    assert catalogue.get(CODE).version == today
    assert catalogue.get(CODE, as_of=dt.date(2025, 1, 1)).version == old.version  # old claims keep theirs
    row = next(r for r in figure_rows(dict(catalogue.get(CODE).raw)) if r.path == PATH)
    assert (row.value, row.confirmed) == (Decimal("2000"), True)
    with sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "set_figure")).one()
        assert '"new": "2000"' in event.detail and '"old": "1800.00"' in event.detail
    assert service.office_versions(CODE)[0][2] == "京工发〔2026〕1号"


def test_list_figures_and_bad_values(sessions: SessionFactory, admin: Actor) -> None:
    service = PlanService(sessions, admin)
    service.set_figure(
        "jilin-2020-hospital-combo", "benefits.critical_illness.diseases", "恶性肿瘤、急性心肌梗塞"
    )
    plan = service.catalogue().get("jilin-2020-hospital-combo")
    assert plan.raw["benefits"]["critical_illness"]["diseases"]["value"] == ["恶性肿瘤", "急性心肌梗塞"]
    with pytest.raises(ServiceError, match="格式不对"):
        service.set_figure(CODE, PATH, "一千八")
    with pytest.raises(NotFound):
        service.set_figure(CODE, "benefits.nothing.here", "1")


def test_only_administrators_change_plans(sessions: SessionFactory, clerk: Actor) -> None:
    with pytest.raises(PermissionDenied, match="无权管理保障计划"):
        PlanService(sessions, clerk).set_figure(CODE, PATH, "2000")
