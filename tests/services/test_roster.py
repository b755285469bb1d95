from __future__ import annotations

import datetime as dt

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import Conflict, InputErrors, PermissionDenied, ServiceError
from app.services.roster import FamilyDraft, RosterService, UnitDraft
from tests import factories


@pytest.fixture
def roster(sessions: SessionFactory, clerk: Actor) -> RosterService:
    return RosterService(sessions, clerk)


def test_add_member_derives_gender_and_birth_and_stores_canonical(roster: RosterService) -> None:
    uid = factories.unit(roster)
    number = factories.id_number(dt.date(1990, 2, 28), male=False)
    messy = (
        " " + number[:17].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + number[17].lower()
    )
    mid = factories.member(roster, uid, "王芳", messy, phone="13800000000")
    detail = roster.member(mid)
    assert detail.draft.id_number == number
    assert (detail.gender, detail.birth_date) == ("女", dt.date(1990, 2, 28))
    rows = roster.member_rows(uid)
    assert [r.name for r in rows] == ["王芳"]


def test_duplicate_id_number_is_refused_naming_the_holder(roster: RosterService) -> None:
    uid = factories.unit(roster)
    other = factories.unit(roster, "U002", "荣成市水产公司")
    number = factories.id_number()
    factories.member(roster, uid, "张三", number)
    with pytest.raises(Conflict, match="张三（威海市第一机械厂）"):
        factories.member(roster, other, "张叁", number)
    assert len(roster.member_rows()) == 1


def test_bad_member_input_lists_every_problem(roster: RosterService) -> None:
    uid = factories.unit(roster)
    good = factories.id_number()
    wrong_check = good[:17] + ("1" if good[17] != "1" else "2")
    with pytest.raises(InputErrors) as info:
        roster.add_member(uid, factories.member_draft("", wrong_check, phone="12a"), ())
    columns = {e.column for e in info.value.errors}
    assert {"姓名", "身份证号码", "联系电话"} <= columns
    assert "校验位错误" in str(info.value)
    assert roster.member_rows() == []


def test_family_members_are_validated_and_kept(roster: RosterService) -> None:
    uid = factories.unit(roster)
    me = factories.id_number()
    spouse = factories.id_number(dt.date(1987, 1, 1), male=False)
    child = factories.id_number(dt.date(2012, 9, 9))
    mid = factories.member(
        roster,
        uid,
        "赵六",
        me,
        family=(FamilyDraft("spouse", "钱七", spouse), FamilyDraft("child", "赵小六", child)),
    )
    assert [f.relation for f in roster.member(mid).family] == ["spouse", "child"]
    own = factories.id_number()
    with pytest.raises(InputErrors) as info:
        factories.member(
            roster,
            uid,
            "孙八",
            own,
            family=(FamilyDraft("spouse", "周九", own), FamilyDraft("spouse", "吴十", spouse)),
        )
    text = str(info.value)
    assert "家属第 1 行：家属身份证号码不能与会员本人相同" in text and "配偶只能登记一人" in text


def test_edit_move_and_mark_left_with_versions(roster: RosterService) -> None:
    a = factories.unit(roster)
    b = factories.unit(roster, "U002", "荣成市水产公司")
    mid = factories.member(roster, a, "张三")
    before = roster.member(mid)
    changed = before.draft.__class__(
        **{**before.draft.__dict__, "phone": "0631-5200000", "categories": frozenset({"model_worker"})}
    )
    roster.update_member(mid, changed, (), before.version)
    after = roster.member(mid)
    assert after.draft.phone == "0631-5200000" and "model_worker" in after.draft.categories
    with pytest.raises(Conflict, match="已被其他用户修改"):
        roster.update_member(mid, changed, (), before.version)  # a stale copy
    roster.move_member(mid, b, after.version)
    assert roster.member(mid).unit_id == b
    roster.mark_left(mid, dt.date(2026, 1, 31), roster.member(mid).version)
    left = roster.member(mid)
    assert (left.draft.employment, left.left_on) == ("left", dt.date(2026, 1, 31))
    with pytest.raises(ServiceError, match="已是离职"):
        roster.mark_left(mid, dt.date(2026, 1, 31), left.version)


def test_units_validate_and_codes_are_unique(roster: RosterService) -> None:
    factories.unit(roster)
    with pytest.raises(Conflict, match="已被“威海市第一机械厂”使用"):
        factories.unit(roster, "U001", "另一个")
    with pytest.raises(InputErrors, match="在职人数不能多于总人数"):
        roster.save_unit(UnitDraft("U009", "某厂", headcount=5, in_service_count=6))
    assert [u.code for u in roster.list_units()] == ["U001"]


def test_auditor_cannot_change_the_roster(sessions: SessionFactory, auditor: Actor, clerk: Actor) -> None:
    uid = factories.unit(RosterService(sessions, clerk))
    ro = RosterService(sessions, auditor)
    with pytest.raises(PermissionDenied, match="无权修改会员名册"):
        factories.member(ro, uid)
    with pytest.raises(PermissionDenied):
        factories.unit(ro, "U777", "某厂")
