"""What a committed write changed, told to whoever shows it (issue 18 item 1, after Anki's OpChanges).

Every write is audited in its own transaction (``audit.record``), so a transaction's entries name
what it touched. When it commits, each listener registered for that database hears one
``Changes`` — the areas touched — and a window refreshes only what shows them. A rolled-back
transaction tells nothing. Listeners run on the committing thread (a background task's, too) and
must not raise: the data is already written; a listener's failure is logged, never the writer's.
This is within one process: another PC's writes show on the next read.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

ROSTER, ENROLLMENT, CLAIMS, PLANS, SETTINGS, USERS = (
    "roster", "enrollment", "claims", "plans", "settings", "users",
)  # fmt: skip
AREAS = frozenset({ROSTER, ENROLLMENT, CLAIMS, PLANS, SETTINGS, USERS})

# The audit entity of a write → the areas whose views show it.
_ENTITY_AREAS: dict[str, frozenset[str]] = {
    "unit": frozenset({ROSTER}),
    "member": frozenset({ROSTER}),
    "roster": frozenset({ROSTER}),
    "office": frozenset({ROSTER, SETTINGS}),
    "enrollment": frozenset({ENROLLMENT}),
    "period": frozenset({ENROLLMENT}),
    "contribution": frozenset({ENROLLMENT}),
    "claim": frozenset({CLAIMS}),
    "plan": frozenset({PLANS, ENROLLMENT, CLAIMS}),
    "settings": frozenset({SETTINGS}),
    "office_profile": frozenset({SETTINGS}),
    "user": frozenset({USERS}),
    "login": frozenset({USERS}),
    "installation": frozenset({USERS}),
    "partner_key": frozenset({USERS}),
}
# Actions whose entity is the unit but whose rows are elsewhere.
_ACTION_AREAS: dict[str, frozenset[str]] = {
    "enroll": frozenset({ENROLLMENT}),
    "export_claims": frozenset({CLAIMS}),
    "import_batch": AREAS,
    "import_results": AREAS,
    "demo_data": AREAS,
    "restore": AREAS,
    "export_batch": frozenset({ENROLLMENT}),
    "undo_enroll": frozenset({ENROLLMENT}),
}


@dataclass(frozen=True)
class Changes:
    areas: frozenset[str]

    def touches(self, areas: Iterable[str]) -> bool:
        return not self.areas.isdisjoint(areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas)


def areas_of(action: str, entity: str) -> frozenset[str]:
    """The areas one audited write touches; an entity not named here touches every area."""
    return _ACTION_AREAS.get(action) or _ENTITY_AREAS.get(entity) or AREAS


Listener = Callable[[Changes], None]
_listeners: weakref.WeakKeyDictionary[Engine, list[Listener]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_PENDING = "changed_areas"


def listen(engine: Engine, listener: Listener) -> Callable[[], None]:
    """Call ``listener`` after each commit on ``engine`` that wrote something; returns the undo."""
    with _lock:
        _listeners.setdefault(engine, []).append(listener)

    def stop() -> None:
        with _lock:
            found = _listeners.get(engine, [])
            if listener in found:
                found.remove(listener)

    return stop


def note(session: Session, action: str, entity: str) -> None:
    """Called by ``audit.record``: this transaction touches what the entry names."""
    pending: set[str] = session.info.setdefault(_PENDING, set())
    pending |= areas_of(action, entity)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    engine = session.get_bind()
    with _lock:
        listeners = list(_listeners.get(engine, ())) if isinstance(engine, Engine) else []
    changes = Changes(frozenset(pending))
    for listener in listeners:
        try:
            listener(changes)
        except Exception:  # noqa: BLE001 - the write stands; a window that cannot show it logs why
            log.exception("a change listener failed")


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
