"""Plain values that cross the roster's layers (file readers and writers, services, the window):
drafts of members, row errors, the labels of coded fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Employment = Literal["in_service", "retired", "left"]
Engagement = Literal["regular", "contract", "temporary"]
Category = Literal["model_worker", "hardship"]
Relation = Literal["spouse", "child"]

EMPLOYMENT_LABELS: dict[str, str] = {"in_service": "在职", "retired": "退休", "left": "离职"}
# Seed 001's kinds of in-service worker; a temporary worker's engagement is given in months.
ENGAGEMENT_LABELS: dict[str, str] = {"regular": "正式职工", "contract": "合同制职工", "temporary": "临时职工"}
MAX_ENGAGEMENT_MONTHS = 1200
CATEGORY_LABELS: dict[str, str] = {"model_worker": "劳模", "hardship": "特困"}
RELATION_LABELS: dict[str, str] = {"spouse": "配偶", "child": "子女"}


@dataclass(frozen=True)
class MemberDraft:
    """What a clerk (or a file row) gives for one member; id_number is canonical."""

    name: str
    id_number: str
    phone: str = ""
    medical_card: str = ""
    social_security_card: str = ""
    jingka_card: str = ""
    bank_name: str = ""
    bank_account: str = ""
    employment: Employment = "in_service"
    union_member_since: dt.date | None = None
    categories: frozenset[str] = field(default_factory=frozenset)
    basic_medical_insurance: bool = True
    unit_code: str | None = None  # only from a full-layout file row
    engagement: Engagement = "regular"
    engagement_months: int | None = None  # a temporary worker's engagement


# A validated file row as a plain tuple (bulk imports: no per-row object to build):
# (Excel row, name, id_number, phone, medical_card, social_security_card, jingka_card, bank_name,
#  bank_account, employment, union_member_since, model_worker, hardship, basic_medical_insurance,
#  unit_code or "", engagement, engagement_months); employment and engagement are their codes.
DraftRow = tuple[
    int, str, str, str, str, str, str, str, str,
    Employment, dt.date | None, bool, bool, bool, str, Engagement, int | None,
]  # fmt: skip


@dataclass(frozen=True)
class RowError:
    """One bad cell or row of an import: Excel row number (1-based), column header, reason."""

    row: int
    column: str
    message: str
    person: str = ""  # the row's name as written, so the clerk finds the person, not only the row

    def __str__(self) -> str:
        if self.row:
            col = f"“{self.column}”列" if self.column else ""
            who = f"（{self.person}）" if self.person else ""
            return f"第 {self.row} 行{col}{who}：{self.message}"
        # Row 0: a form field or the file as a whole.
        return f"{self.column}：{self.message}" if self.column else self.message
