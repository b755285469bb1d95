"""Fast inserts of many members at once (imports, demo data): Core executemany in the caller's
transaction — about 5x faster than ORM ``add_all`` at 100k rows (PITFALLS.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import FamilyMember, Member, Unit
from app.models.base import now
from app.rules import idnumber
from app.services.collation import name_key
from app.services.roster_types import MemberDraft

CHUNK = 5000


def existing_holders(s: Session, numbers: Iterable[str]) -> dict[str, str]:
    """ID number → '张三（某单位）' for those already in the roster."""
    wanted = list(dict.fromkeys(numbers))
    found: dict[str, str] = {}
    for i in range(0, len(wanted), 900):  # stay below SQLite's bound-parameter limit
        part = wanted[i : i + 900]
        q = select(Member.id_number, Member.name, Unit.name).join(Unit).where(Member.id_number.in_(part))
        for number, name, unit in s.execute(q):
            found[number] = f"{name}（{unit}）"
    return found


def member_values(unit_id: int, d: MemberDraft, stamp: dt.datetime) -> dict[str, object]:
    number = d.id_number
    return {
        "unit_id": unit_id,
        "name": d.name,
        "name_key": name_key(d.name),
        "id_number": number,
        "gender": idnumber.gender_of(number),
        "birth_date": idnumber.birth_date_of(number),
        "phone": d.phone,
        "medical_card": d.medical_card,
        "social_security_card": d.social_security_card,
        "jingka_card": d.jingka_card,
        "bank_name": d.bank_name,
        "bank_account": d.bank_account,
        "employment": d.employment,
        "left_on": None,
        "union_member_since": d.union_member_since,
        "is_model_worker": "model_worker" in d.categories,
        "is_hardship": "hardship" in d.categories,
        "basic_medical_insurance": d.basic_medical_insurance,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
    }


def insert_members(
    s: Session,
    rows: Sequence[tuple[int, MemberDraft]],
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Insert (unit_id, draft) pairs whose ID numbers are canonical and new; returns the count.

    Raises ``Cancelled`` (from the io layer's convention) through ``cancel``: the caller's
    transaction then rolls back, so a cancelled import writes nothing.
    """
    from app.services.tasks import Cancelled

    stamp = now()
    total = len(rows)
    for i in range(0, total, CHUNK):
        if cancel and cancel():
            raise Cancelled()
        chunk = [member_values(unit_id, d, stamp) for unit_id, d in rows[i : i + CHUNK]]
        s.execute(insert(Member), chunk)
        if progress:
            progress(min(i + CHUNK, total), total)
    return total


def insert_family(s: Session, rows: Sequence[tuple[str, str, str, str]]) -> None:
    """(member ID number, relation, name, family ID number) — members must exist already."""
    if not rows:
        return
    ids = dict(s.execute(select(Member.id_number, Member.id)).all())
    values = [
        {
            "member_id": ids[m],
            "relation": rel,
            "name": name,
            "id_number": fam,
            "gender": idnumber.gender_of(fam),
            "birth_date": idnumber.birth_date_of(fam),
        }
        for m, rel, name, fam in rows
    ]
    for i in range(0, len(values), CHUNK):
        s.execute(insert(FamilyMember), values[i : i + CHUNK])
