"""Roles are enforced in the services, whatever the window shows: every write entry point × role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.contributions import ContributionService
from app.services.enrollment import EnrollmentService
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.errors import PermissionDenied, ServiceError
from app.services.periods import PeriodService
from app.services.plans import PlanService
from app.services.roster import RosterService, UnitDraft
from app.services.roster_import import import_roster
from app.services.users import UserService
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay

D = dt.date
Entry = Callable[[SessionFactory, Actor, dict], object]  # type: ignore[type-arg]

# (name, call, roles allowed). A call by an allowed role may still fail for other reasons
# (ServiceError); what matters is that a refused role gets PermissionDenied and changes nothing.
ENTRY_POINTS: list[tuple[str, Entry, set[str]]] = [
    ("save_unit", lambda s, a, c: RosterService(s, a).save_unit(UnitDraft("X9", "某厂")), {"admin", "clerk"}),
    (
        "add_member",
        lambda s, a, c: factories.member(RosterService(s, a), c["unit"], "新人"),
        {"admin", "clerk"},
    ),
    (
        "update_member",
        lambda s, a, c: RosterService(s, a).update_member(c["member"], c["draft"], (), None),
        {"admin", "clerk"},
    ),
    (
        "move_member",
        lambda s, a, c: RosterService(s, a).move_member(c["member"], c["unit2"], None),
        {"admin", "clerk"},
    ),
    (
        "mark_left",
        lambda s, a, c: RosterService(s, a).mark_left(c["member"], D(2021, 1, 1), None),
        {"admin", "clerk"},
    ),
    ("import_roster", lambda s, a, c: import_roster(s, a, c["file"], "U001"), {"admin", "clerk"}),
    ("create_user", lambda s, a, c: UserService(s).create_user(a, "x1", "fine-pass-1", "clerk"), {"admin"}),
    (
        "set_figure",
        lambda s, a, c: PlanService(s, a).set_figure(
            "beijing-inservice-medical", "benefits.outpatient.deductible", "1900"
        ),
        {"admin"},
    ),
    (
        "create_period",
        lambda s, a, c: PeriodService(s, a).create(
            "weihai-2012-supplementary-medical", 7, D(2012, 3, 12), D(2013, 3, 11), "36"
        ),
        {"admin", "clerk"},
    ),
    (
        "enroll",
        lambda s, a, c: EnrollmentService(s, a).enroll(c["unit"], c["period"], [c["member"]], D(2020, 2, 1)),
        {"admin", "clerk"},
    ),
    (
        "cancel_enrollment",
        lambda s, a, c: EnrollmentService(s, a).cancel(c["enrollment"], "调离"),
        {"admin", "clerk"},
    ),
    (
        "record_payment",
        lambda s, a, c: ContributionService(s, a).record_payment(
            c["unit"], c["period"], "1", "cash", D(2020, 2, 1)
        ),
        {"admin", "clerk"},
    ),
    (
        "export_batch",
        lambda s, a, c: EnrollmentDocuments(s, a).export_batch(c["unit"], c["period"], c["tmp"]),
        {"admin", "clerk"},
    ),
    (
        "create_claim",
        lambda s, a, c: ClaimService(s, a).create(hospital_stay(c["member"])),
        {"admin", "clerk"},
    ),
    ("submit_claim", lambda s, a, c: ClaimService(s, a).act(c["claim"], "submit"), {"admin", "clerk"}),
    (
        "review_claim",
        lambda s, a, c: ClaimService(s, a).act(c["claim"], "review"),
        {"admin", "clerk", "auditor"},
    ),
    ("audit_claim", lambda s, a, c: ClaimService(s, a).act(c["claim"], "audit"), {"admin", "auditor"}),
    ("approve_claim", lambda s, a, c: ClaimService(s, a).act(c["claim"], "approve"), {"admin", "auditor"}),
    (
        "reject_claim",
        lambda s, a, c: ClaimService(s, a).act(c["claim"], "reject", reason="x"),
        {"admin", "auditor"},
    ),
    ("pay_claim", lambda s, a, c: ClaimService(s, a).act(c["claim"], "pay", account="1"), {"admin", "clerk"}),
]


@pytest.fixture
def context(sessions: SessionFactory, clerk: Actor, tmp_path):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    unit, member = enrolled_member(sessions, clerk)
    unit2 = factories.unit(RosterService(sessions, clerk), "U002", "二厂")
    period = PeriodService(sessions, clerk).list("jilin-2020-hospital-combo")[0].id
    ov = EnrollmentService(sessions, clerk).overview(unit, period, D(2020, 2, 1))
    other = factories.member(RosterService(sessions, clerk), unit, "李四", factories.id_number(D(1981, 1, 1)))
    claim = ClaimService(sessions, clerk).create(hospital_stay(member))
    wb = Workbook()
    wb.active.append(["姓名", "身份证号码"])
    wb.active.append(["王五", factories.id_number(D(1982, 2, 2))])
    wb.save(tmp_path / "r.xlsx")
    return {
        "unit": unit,
        "unit2": unit2,
        "member": other,
        "period": period,
        "claim": claim,
        "enrollment": ov.members[0].enrollment_id,
        "draft": RosterService(sessions, clerk).member(other).draft,
        "file": tmp_path / "r.xlsx",
        "tmp": tmp_path / "usb",
    }


@pytest.mark.parametrize("role", ["admin", "clerk", "auditor"])
@pytest.mark.parametrize(("name", "call", "allowed"), ENTRY_POINTS, ids=[e[0] for e in ENTRY_POINTS])
def test_every_entry_point_checks_the_role(  # type: ignore[no-untyped-def]
    sessions: SessionFactory,
    admin: Actor,
    clerk: Actor,
    auditor: Actor,
    context,
    role: str,
    name: str,
    call: Entry,
    allowed: set[str],
) -> None:
    actor = {"admin": admin, "clerk": clerk, "auditor": auditor}[role]
    if role in allowed:
        try:
            call(sessions, actor, context)
        except PermissionDenied as exc:  # pragma: no cover - the failure message says which
            pytest.fail(f"{role} was refused {name}: {exc}")
        except ServiceError:
            pass  # allowed, but refused for another reason (e.g. the submitter approving)
    else:
        with pytest.raises(PermissionDenied, match="无权"):
            call(sessions, actor, context)
