"""Each commit tells what it changed to the listeners of its database, and only a commit does
(issue 18 item 1: the window refreshes from these)."""

from __future__ import annotations

import pytest

from app.models.db import SessionFactory, make_engine, make_session_factory, migrate
from app.services import changes
from app.services.auth import Actor
from app.services.changes import Changes
from app.services.errors import ServiceError
from app.services.roster import RosterService
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay


def test_a_commit_tells_the_areas_its_audited_writes_touched(sessions: SessionFactory, clerk: Actor) -> None:
    heard: list[Changes] = []
    stop = changes.listen(sessions.kw["bind"], heard.append)
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, "U100", "新单位")
    assert heard == [Changes(frozenset({changes.ROSTER}))]
    heard.clear()
    with pytest.raises(ServiceError):  # refused: nothing written, nothing told
        factories.unit(roster, "U100", "重复编码的单位")
    assert heard == []
    factories.member(roster, uid, "李四")
    assert heard == [Changes(frozenset({changes.ROSTER}))]
    heard.clear()
    _unit, mid = enrolled_member(sessions, clerk, name="王五")  # a period, a member, an enrollment
    assert changes.ENROLLMENT in {a for c in heard for a in c.areas}
    heard.clear()
    from app.services.claims import ClaimService

    ClaimService(sessions, clerk).create(hospital_stay(mid))
    assert heard == [Changes(frozenset({changes.CLAIMS}))]
    stop()
    factories.member(roster, uid, "赵六")
    assert len(heard) == 1  # stopped listening


def test_a_listener_hears_only_its_own_database_and_cannot_break_a_write(
    sessions: SessionFactory, clerk: Actor, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    migrate(other)
    make_session_factory(other)
    elsewhere: list[Changes] = []
    stop_other = changes.listen(other, elsewhere.append)

    def broken(_c: Changes) -> None:
        raise RuntimeError("a closed window")

    stop = changes.listen(sessions.kw["bind"], broken)
    uid = factories.unit(RosterService(sessions, clerk), "U200", "又一单位")  # the write stands
    assert uid and elsewhere == []
    stop()
    stop_other()
    other.dispose()


def test_every_audited_entity_is_placed_in_an_area() -> None:
    """A new kind of write is told as touching everything until it is placed (safe, but slow)."""
    assert changes.areas_of("create", "unit") == {changes.ROSTER}
    assert changes.areas_of("enroll", "unit") == {changes.ENROLLMENT}
    assert changes.areas_of("import_batch", "unit") == changes.AREAS
    assert changes.areas_of("create", "something_new") == changes.AREAS
