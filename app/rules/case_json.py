"""The headless JSON formats (RULES.md, "Headless interface"): cases in, results out.

Every problem raises ``CaseError`` naming the case id and the field, in Chinese. JSON is
read with ``parse_float=Decimal`` by the command, so an amount written as a number keeps
its digits; amounts are normally decimal strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from app.rules.decision import ClaimDecision, EnrollmentResult
from app.rules.errors import CaseError, RulesError, UnknownPlan
from app.rules.money import parse_amount
from app.rules.plans import Benefit, PlanCatalogue
from app.rules.values import (
    CATEGORIES,
    EMPLOYMENTS,
    ENGAGEMENTS,
    RELATIONS,
    Accident,
    ClaimCase,
    Coverage,
    Diagnosis,
    EnrollmentCase,
    Event,
    HistoryEntry,
    HospitalStay,
    Injury,
    MedicalHardship,
    MemberFacts,
    MemberRecord,
    PaidStay,
    PeriodCost,
    Relation,
    Treatment,
    UnitFacts,
)

_MISSING: Any = object()
_MAX_INTEGER = 1_000_000_000  # days, shares, headcounts, years: far above any real one
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class _Reader:
    """Typed reads from one JSON object; ``path`` prefixes field names in errors."""

    __slots__ = ("case_id", "data", "path")

    def __init__(self, case_id: str, data: Any, path: str = "") -> None:
        self.case_id, self.path = case_id, path
        if not isinstance(data, Mapping):
            raise CaseError(case_id, path.rstrip(".") or "（整个案件）", "须为 JSON 对象")
        self.data = data

    def fail(self, key: str, problem: str) -> CaseError:
        return CaseError(self.case_id, self.path + key, problem)

    def get(self, key: str, default: Any = _MISSING) -> Any:
        value = self.data.get(key)
        if value is None:
            if default is _MISSING:
                raise self.fail(key, "缺失")
            return default
        return value

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self.get(key, default)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "须为非空文本")
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        return None if self.data.get(key) is None else self.text(key)

    def date(self, key: str) -> dt.date:
        value = self.get(key)
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"须为 YYYY-MM-DD 日期，实际为 {value!r}") from None

    def money(self, key: str) -> Decimal:
        value = self.get(key)
        try:
            amount = parse_amount(value, field="")
        except RulesError as exc:  # “五百”不是有效金额：… (the field is named by fail)
            raise self.fail(key, str(exc)) from None
        except ArithmeticError:  # 1e999 or 10**30: too many digits for two decimals
            raise self.fail(key, f"不是有效金额：{str(value)[:40]!r} 超出可处理的范围") from None
        if "E" in str(value).upper():
            # 1e5 is not how an amount is written on any form: refused, never read as 100000.
            raise self.fail(key, f"不是有效金额：{str(value)[:40]!r} 须写成普通小数，不能用指数形式")
        return amount

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "须为 true 或 false")
        return value

    def integer(self, key: str, low: int, high: int | None = None, default: Any = _MISSING) -> int:
        value = self.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < low
            or (high is not None and value > high)
        ):
            span = f"{low} 到 {high}" if high is not None else f"不小于 {low}"
            raise self.fail(key, f"须为{span}的整数，实际为 {str(value)[:40]!r}")
        if value > _MAX_INTEGER:  # sums and fees on such counts overflow Decimal's 28 digits
            raise self.fail(key, f"过大（不能超过 {_MAX_INTEGER}），实际为 {str(value)[:40]}")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: Any = _MISSING) -> Any:
        value = self.get(key, default)
        if value not in options and not (value is None and default is None):
            raise self.fail(key, f"须为 {'、'.join(options)} 之一，实际为 {value!r}")
        return value

    def sub(self, key: str) -> _Reader:
        return _Reader(self.case_id, self.get(key), f"{self.path}{key}.")

    def items(self, key: str) -> list[Any]:
        value = self.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "须为 JSON 数组")
        return value


def _stay(r: _Reader) -> HospitalStay:
    stay = HospitalStay(
        r.date("admission_date"),
        r.date("discharge_date"),
        r.boolean("local"),
        r.integer("hospital_grade", 1, 3),
        r.optional_text("event_id"),
    )
    if stay.discharge_date < stay.admission_date:
        raise r.fail("discharge_date", "早于入院日期")
    return stay


def _diagnosis(r: _Reader) -> Diagnosis:
    return Diagnosis(
        r.date("diagnosis_date"), r.text("disease"), r.boolean("first_diagnosis"), r.optional_text("event_id")
    )


def _accident(r: _Reader) -> Accident:
    outcome = r.choice("outcome", ("death", "disability"))
    grade = r.integer("disability_grade", 1, 10) if outcome == "disability" else None
    return Accident(
        r.text("event_id"),
        r.date("accident_date"),
        outcome,
        grade,
        r.boolean("during_illness_hospitalization", False),
    )


def _hardship(r: _Reader) -> MedicalHardship:
    reason = r.choice("reason", ("waiting_period", "outside_scope"), None)
    return MedicalHardship(
        r.text("event_id"),
        r.date("event_date"),
        r.text("cause"),
        r.money("self_pay_1"),
        r.money("self_pay_2"),
        r.money("out_of_pocket"),
        reason,
    )


def _period_cost(r: _Reader) -> PeriodCost:
    period = r.text("period")
    if quarter := _QUARTER.match(period):
        year, q = int(quarter[1]), int(quarter[2])
        first = dt.date(year, 3 * q - 2, 1)
        last = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - dt.timedelta(days=1)
    elif month := _MONTH.match(period):
        year, m = int(month[1]), int(month[2])
        first = dt.date(year, m, 1)
        last = dt.date(year + (m == 12), 1 if m == 12 else m + 1, 1) - dt.timedelta(days=1)
    else:
        raise r.fail("period", f"须写成 2021-Q1（季度）或 2021-03（月份），实际为 {period!r}")
    return PeriodCost(
        period,
        first,
        last,
        r.money("self_pay_1"),
        r.boolean("first_stay_of_year", True),
        r.optional_text("event_id"),
    )


def _treatment(r: _Reader) -> Treatment:
    t = Treatment(
        r.text("event_id"),
        r.date("treatment_start"),
        r.date("treatment_end"),
        r.money("total_cost"),
        r.money("insurance_paid"),
    )
    if t.treatment_end < t.treatment_start:
        raise r.fail("treatment_end", "早于治疗开始日期")
    if t.insurance_paid > t.total_cost:
        raise r.fail("insurance_paid", "大于医疗费总额")
    return t


def _injury(r: _Reader) -> Injury:
    return Injury(
        r.text("event_id"), r.date("injury_date"), r.integer("life_days", 0), r.integer("hospital_days", 0)
    )


# The event's shape follows the calculator kind, so an office's new plan needs no code here.
EVENT_READERS: dict[str, Callable[[_Reader], Event]] = {
    "daily_allowance": _stay,
    "lump_sum_by_days": _diagnosis,
    "disability_by_grade": _accident,
    "relief_cap": _hardship,
    "deductible_proportion": _period_cost,
    "banded_cumulative": _treatment,
    "tiered_daily_allowance": _injury,
}


def _kind(r: _Reader, catalogue: PlanCatalogue) -> tuple[str, str, Benefit]:
    """(plan code, benefit code, the benefit as in the newest plan version that has it)."""
    plan_code = r.text("plan")
    try:
        versions = catalogue.versions[plan_code]
    except KeyError:
        raise r.fail("plan", f"为未知方案 {plan_code}（已有：{'、'.join(catalogue.codes())}）") from None
    benefit = r.text("benefit")
    for plan in reversed(versions):
        if benefit in plan.benefits:
            return plan_code, benefit, plan.benefits[benefit]
    raise r.fail(
        "benefit", f"为方案 {plan_code} 中没有的项目 {benefit}（可选：{'、'.join(versions[-1].benefits)}）"
    )


def _case_id(data: Any, position: int) -> str:
    value = data.get("id") if isinstance(data, Mapping) else None
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    raise CaseError(f"第 {position} 个", "id", "缺失或不是文本")


# Calculators that add self-borne cost up over a period or a year: their history must carry it.
CUMULATIVE_KINDS = frozenset({"banded_cumulative", "deductible_proportion"})


def _required_facts(benefit: Benefit) -> tuple[str, ...]:
    """Facts that change the money under this benefit, hence never defaulted (RULES.md)."""
    calc = benefit.calculator
    needed = []
    if getattr(calc, "deductible_scope", None) == "claim" and calc.later_deductible != calc.deductible:  # type: ignore[attr-defined]
        needed.append("event.first_stay_of_year")
    if getattr(calc, "in_hospital_disability_base", None) is not None:
        needed.append("event.during_illness_hospitalization")
    if getattr(calc, "min_consecutive_years", 0):
        needed.append("coverage.consecutive_years")
    return tuple(needed)


def _check_required(r: _Reader, benefit: Benefit) -> None:
    for path in _required_facts(benefit):
        section, key = path.split(".")
        if r.data[section].get(key) is None:
            raise r.fail(path, "缺失（影响给付金额，不能按默认值计算）")


def _event_start(event: Event) -> dt.date:
    return event.period_first_day if isinstance(event, PeriodCost) else event.event_date


def _history(r: _Reader, key: str, cumulative: frozenset[str] = frozenset()) -> tuple[HistoryEntry, ...]:
    entries = []
    for i, item in enumerate(r.items(key)):
        h = _Reader(r.case_id, item, f"{key}[{i}].")
        if h.text("benefit") in cumulative and h.data.get("self_borne") is None:
            raise h.fail("self_borne", "缺失（本项目按累计自负费用计算，每次已审核的理赔都须写明）")
        self_borne = None if h.data.get("self_borne") is None else h.money("self_borne")
        entries.append(
            HistoryEntry(
                h.text("benefit"), h.optional_text("event_id"), h.money("paid"), h.date("date"), self_borne
            )
        )
    return tuple(entries)


def _stays(r: _Reader) -> tuple[PaidStay, ...]:
    """``stays``: the member's stays already paid or approved by the day, under any plan."""
    out = []
    for i, item in enumerate(r.items("stays")):
        h = _Reader(r.case_id, item, f"stays[{i}].")
        stay = PaidStay(h.text("claim"), h.date("admission_date"), h.date("discharge_date"))
        if stay.discharge_date < stay.admission_date:
            raise h.fail("discharge_date", "早于入院日期")
        out.append(stay)
    return tuple(out)


def parse_claim_case(data: Any, catalogue: PlanCatalogue, position: int = 1) -> ClaimCase:
    case_id = _case_id(data, position)
    r = _Reader(case_id, data)
    plan_code, benefit, spec = _kind(r, catalogue)
    kind = spec.kind
    m = r.sub("member")
    categories = m.items("categories")
    for c in categories:
        if c not in CATEGORIES:
            raise m.fail("categories", f"只能包含 {'、'.join(CATEGORIES)}，实际有 {c!r}")
    member = MemberFacts(m.date("birth_date"), m.choice("employment", EMPLOYMENTS), frozenset(categories))
    relation: Relation = (
        r.sub("beneficiary").choice("relation", RELATIONS)
        if r.data.get("beneficiary") is not None
        else "self"
    )
    c = r.sub("coverage")
    coverage = Coverage(
        c.date("period_start"),
        c.date("period_end"),
        c.date("effective_date"),
        c.optional_text("tier"),
        c.integer("consecutive_years", 0, default=1),
    )
    if coverage.period_end < coverage.period_start:
        raise c.fail("period_end", "早于保障期开始日期")
    event: Event = EVENT_READERS[kind](r.sub("event"))
    _check_required(r, spec)
    applied_on = r.date("applied_on")
    if applied_on < _event_start(event):
        raise r.fail(
            "applied_on", f"为 {applied_on.isoformat()}，早于事件日期 {_event_start(event).isoformat()}"
        )
    newest = catalogue.versions[plan_code][-1]
    cumulative = frozenset(code for code, b in newest.benefits.items() if b.kind in CUMULATIVE_KINDS)
    materials = None
    if r.data.get("materials") is not None:
        names = r.items("materials")
        if not all(isinstance(n, str) for n in names):
            raise r.fail("materials", "须为文本数组")
        materials = frozenset(names)
    return ClaimCase(
        case_id,
        plan_code,
        benefit,
        applied_on,
        member,
        coverage,
        event,
        relation,
        _history(r, "history", cumulative),
        materials,
        _stays(r),
    )


def parse_enrollment_case(data: Any, position: int = 1) -> EnrollmentCase:
    case_id = _case_id(data, position)
    r = _Reader(case_id, data)
    u = r.sub("unit")
    unit = UnitFacts(
        u.boolean("has_union"), u.integer("headcount", 0), u.boolean("remits_union_funds", False)
    )
    members = []
    for i, item in enumerate(r.items("members")):
        m = _Reader(case_id, item, f"members[{i}].")
        given = m.get("engagement_months", None) is not None
        months = m.integer("engagement_months", 1, 1200) if given else None
        members.append(
            MemberRecord(
                m.text("key"),
                m.date("birth_date"),
                m.choice("employment", EMPLOYMENTS),
                m.boolean("union_member"),
                m.boolean("basic_medical_insurance"),
                m.integer("shares", 0, default=1),
                m.boolean("jingka", False),
                m.choice("engagement", ENGAGEMENTS, default="regular"),
                months,
            )
        )
    keys = [m.key for m in members]
    if len(set(keys)) != len(keys):
        raise r.fail("members", "中有重复的 key")
    enrolled = r.items("enrolled")
    if not all(isinstance(k, str) for k in enrolled):
        raise r.fail("enrolled", "须为文本数组")
    if len(set(enrolled)) != len(enrolled):
        raise r.fail("enrolled", "中有重复的 key")
    return EnrollmentCase(
        case_id,
        r.text("plan"),
        r.date("as_of"),
        unit,
        tuple(members),
        tuple(enrolled),
        r.optional_text("tier"),
    )


def check_plan_code(case_id: str, code: str, catalogue: PlanCatalogue) -> None:
    try:
        catalogue.get(code)
    except UnknownPlan as exc:
        raise CaseError(case_id, "plan", f"无效：{exc}") from None


def claim_result_to_dict(case_id: str, decision: ClaimDecision) -> dict[str, Any]:
    return {
        "id": case_id,
        "eligible": decision.eligible,
        "amount": f"{decision.amount:.2f}",
        "cap": f"{decision.cap:.2f}",
        "reasons": [{"code": r.code, "message": r.message} for r in decision.reasons],
        "trace": list(decision.trace),
    }


def enrollment_result_to_dict(case_id: str, result: EnrollmentResult) -> dict[str, Any]:
    return {
        "id": case_id,
        "ok": result.ok,
        "findings": [{"code": f.code, "member": f.member, "message": f.message} for f in result.findings],
        "fee": {
            "per_person": f"{result.fee.per_person:.2f}",
            "subsidy": f"{result.fee.subsidy:.2f}",
            "payable": f"{result.fee.payable:.2f}",
        },
    }
