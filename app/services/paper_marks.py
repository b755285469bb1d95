"""The verification marks the services put on printed forms (one small call per form builder)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from app.io.batch import content_digest
from app.services.paper_code import PaperMark, claim_figures, enrollment_figures, mark_of


def enrollment_mark(kind: str, members: Sequence[Any], unit: str, plan: str, period: object, count: int,
                    amount: Decimal | None, fingerprint: str = "") -> PaperMark:  # fmt: skip
    """团体申请表 (``GA``) or 人员手册 (``PR``): bound to the digest of the members the batch lists;
    ``fingerprint`` (the 团体申请表's) is the key the partner registers against this paper."""
    digest = content_digest({"members": list(members)})
    money = f"{amount:.2f}" if amount is not None else ""
    return replace(
        mark_of(enrollment_figures(kind, digest, unit, plan, period, count, money)), fingerprint=fingerprint
    )


def claim_mark(unit: str, row: Any) -> PaperMark:
    """申请审核表: bound to the claim's own entry (number, ID, plan, benefit, event) and its amount."""
    amount = row.approved if row.approved is not None else row.amount
    figures = claim_figures(unit, row.claim_no, row.id_number, row.plan_code, row.benefit, row.event_key,
                            f"{amount:.2f}")  # fmt: skip
    return mark_of(figures)
