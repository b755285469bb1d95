"""Two clerks saving the same record at once: the second save is refused, nothing is overwritten.

Runs on SQLite and on PostgreSQL (see conftest: BOTH_BACKENDS)."""

from __future__ import annotations

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.errors import Conflict
from app.services.roster import RosterService
from app.services.users import UserService
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay


@pytest.fixture
def second_clerk(sessions: SessionFactory, admin: Actor) -> Actor:
    info = UserService(sessions).create_user(admin, "clerk2", "clerk-pass", "clerk", "经办员丙")
    return Actor(info.id, info.username, info.role)


def test_second_save_of_a_member_is_refused(
    sessions: SessionFactory, clerk: Actor, second_clerk: Actor
) -> None:
    first, second = RosterService(sessions, clerk), RosterService(sessions, second_clerk)
    uid = factories.unit(first)
    mid = factories.member(first, uid, "张三")
    copy_a, copy_b = first.member(mid), second.member(mid)  # both open the edit dialog
    first.update_member(
        mid, copy_a.draft.__class__(**{**copy_a.draft.__dict__, "phone": "13800000001"}), (), copy_a.version
    )
    with pytest.raises(Conflict, match="已被其他用户修改"):
        second.update_member(
            mid,
            copy_b.draft.__class__(**{**copy_b.draft.__dict__, "phone": "13900000002"}),
            (),
            copy_b.version,
        )
    assert first.member(mid).draft.phone == "13800000001"


def test_second_action_on_a_claim_is_refused(
    sessions: SessionFactory, clerk: Actor, second_clerk: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    a, b = ClaimService(sessions, clerk), ClaimService(sessions, second_clerk)
    no = a.create(hospital_stay(mid))
    from app.services.claim_queries import ClaimQueries

    version = ClaimQueries(sessions).get(no).row.version  # both clerks have the claim open
    a.act(no, "submit", version=version)
    with pytest.raises(Conflict, match="已被其他用户修改"):
        b.act(no, "withdraw", reason="重复", version=version)
    assert ClaimQueries(sessions).get(no).row.status == "submitted"
