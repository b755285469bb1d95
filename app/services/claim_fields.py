"""The facts a claim needs, by calculator kind: one spec drives the intake form and the checks.

Field names are those of the headless JSON claim case (RULES.md), so a claim's stored facts are
exactly the ``event`` object the rules read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Literal

from app.rules.calc_lump import DisabilityByGrade, LumpSumByDays
from app.rules.calc_medical import DeductibleProportion
from app.rules.calc_relief import ReliefCap
from app.rules.money import parse_amount
from app.rules.plans import Benefit, Plan
from app.services.roster_types import RowError

FieldType = Literal["date", "bool", "int", "money", "text", "choice"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: FieldType
    choices: tuple[tuple[str, str], ...] = ()  # (value, Chinese label)
    required: bool = True
    low: int | None = None
    high: int | None = None
    hint: str = ""


# Coded numbers are chosen by name, not typed (issue 18 item 4); the fact stays the number.
HOSPITAL_GRADES = (("1", "一级"), ("2", "二级"), ("3", "三级"))
DISABILITY_GRADES = tuple((str(n), f"{n} 级") for n in range(1, 11))
OUTCOMES = (("disability", "伤残"), ("death", "身故"))
# A relief benefit's causes and condolence reasons, by the codes its plan file declares.
CAUSE_CHOICES = (
    ("critical_illness", "重大疾病"),
    ("accident", "意外伤害"),
    ("long_term_illness", "患病需长期治疗"),
    ("accident_disability", "意外伤害致残"),
)
REASON_CHOICES = (
    ("waiting_period", "因免责期、减责期未获赔付"),
    ("outside_scope", "保障范围外（连续参加 2 年以上）"),
)

EVENT_ID = FieldSpec(
    "event_id", "事件编号", "text", hint="同一事件填同一编号，如 2020-车祸-01；同一事件只给付一次"
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "daily_allowance": (
        FieldSpec("admission_date", "入院日期", "date"),
        FieldSpec("discharge_date", "出院日期", "date"),
        FieldSpec("local", "本地住院", "bool", hint="不勾选为异地住院"),
        FieldSpec(
            "hospital_grade", "医院等级", "int", HOSPITAL_GRADES, low=1, high=3, hint="一级 1、二级 2、三级 3"
        ),
    ),
    "lump_sum_by_days": (
        FieldSpec("diagnosis_date", "确诊日期", "date"),
        FieldSpec("disease", "疾病", "choice"),  # choices come from the plan's list
        FieldSpec("first_diagnosis", "首次确诊", "bool"),
    ),
    "disability_by_grade": (
        EVENT_ID,
        FieldSpec("accident_date", "意外发生日期", "date"),
        FieldSpec("outcome", "结果", "choice", OUTCOMES),
        FieldSpec(
            "disability_grade", "伤残等级", "int", DISABILITY_GRADES, required=False, low=1, high=10,
            hint="伤残时填 1–10 级",
        ),
        FieldSpec("during_illness_hospitalization", "因病住院期间发生", "bool", required=False),
    ),
    "relief_cap": (
        EVENT_ID,
        FieldSpec("event_date", "患病或受伤日期", "date"),
        FieldSpec("cause", "原因", "choice", CAUSE_CHOICES),
        FieldSpec("self_pay_1", "自付一（元）", "money"),
        FieldSpec("self_pay_2", "自付二（元）", "money"),
        FieldSpec("out_of_pocket", "自费（元）", "money"),
        FieldSpec("reason", "慰问原因", "choice", REASON_CHOICES, required=False),
        FieldSpec(
            "member_deceased", "会员已身故", "bool", required=False, hint="会员已身故、由受救助人申请时勾选"
        ),
    ),
    "deductible_proportion": (
        FieldSpec("period", "申报期间", "text", hint="门诊按季度写 2021-Q1，住院按月份写 2021-03"),
        FieldSpec("self_pay_1", "自付一金额（元）", "money"),
        FieldSpec("first_stay_of_year", "年内首次住院", "bool", required=False),
        FieldSpec("treatment_start", "就诊或入院日期", "date", required=False, hint="印在申请表的治疗时间"),
        FieldSpec("treatment_end", "末次就诊或出院日期", "date", required=False),
        FieldSpec("total_cost", "医疗费用总额（元）", "money", required=False, hint="收据或费用清单的合计"),
    ),
    "banded_cumulative": (
        EVENT_ID,
        FieldSpec("treatment_start", "治疗开始日期", "date"),
        FieldSpec("treatment_end", "治疗结束日期", "date"),
        FieldSpec("total_cost", "医疗费总额（元）", "money"),
        FieldSpec("insurance_paid", "基本医疗保险支付（元）", "money"),
    ),
    "tiered_daily_allowance": (
        EVENT_ID,
        FieldSpec("injury_date", "受伤日期", "date"),
        FieldSpec("life_days", "生活津贴天数", "int", low=0),
        FieldSpec("hospital_days", "住院津贴天数", "int", low=0),
    ),
}
# The date that places the event in a coverage period, by kind.
EVENT_DATE_FIELD = {
    "daily_allowance": "admission_date",
    "lump_sum_by_days": "diagnosis_date",
    "disability_by_grade": "accident_date",
    "relief_cap": "event_date",
    "banded_cumulative": "treatment_start",
    "tiered_daily_allowance": "injury_date",
}


def _asked(benefit: Benefit, name: str) -> bool:
    """Whether the benefit's declarations give the kind's optional fact ``name`` a meaning."""
    calc = benefit.calculator
    if name == "reason":  # a condolence: paid for the reasons it declares
        return isinstance(calc, ReliefCap) and bool(calc.reasons)
    if name == "member_deceased":  # another applies for a deceased member, with more materials
        return bool(benefit.materials_if_member_deceased)
    if name == "first_stay_of_year":  # a deductible per stay, lower after the year's first
        return isinstance(calc, DeductibleProportion) and calc.deductible_scope == "claim"
    if name == "during_illness_hospitalization":  # a higher base for an accident in hospital
        return isinstance(calc, DisabilityByGrade) and calc.in_hospital_disability_base is not None
    return True


def _choices(benefit: Benefit, f: FieldSpec) -> tuple[tuple[str, str], ...]:
    """The choices the benefit declares: its diseases, causes and reasons, in the plan file's order."""
    calc = benefit.calculator
    if f.name == "disease" and isinstance(calc, LumpSumByDays):
        return tuple((d, d) for d in calc.diseases)
    if f.name in ("cause", "reason") and isinstance(calc, ReliefCap):
        declared = calc.causes if f.name == "cause" else calc.reasons
        labels = dict(f.choices)
        return tuple((c, labels.get(c, c)) for c in declared) if declared else f.choices
    return f.choices


def fields_for(benefit: Benefit) -> tuple[FieldSpec, ...]:
    """The facts a claim on ``benefit`` is taken with: its kind's, as the benefit's declarations
    (not its code) tailor them, so the same benefit under a new code is asked the same."""
    specs = FIELDS.get(benefit.kind, ())
    return tuple(replace(f, choices=_choices(benefit, f)) for f in specs if _asked(benefit, f.name))


def specs_of(plan: Plan, benefit_code: str) -> tuple[FieldSpec, ...]:
    """The facts a claim on this plan's benefit is taken with (and decided on), in the form's order."""
    return fields_for(plan.benefit(benefit_code))


def _date(text: str) -> dt.date:
    raw = (
        text.strip()
        .replace("/", "-")
        .replace(".", "-")
        .replace("年", "-")
        .replace("月", "-")
        .replace("日", "")
    )
    y, m, d = (int(p) for p in raw.split("-"))
    return dt.date(y, m, d)


def clean_facts(specs: tuple[FieldSpec, ...], raw: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """Facts in the headless JSON form (dates ISO text, money decimal text), and every bad field."""
    facts: dict[str, Any] = {}
    errors: list[RowError] = []
    for f in specs:
        value = raw.get(f.name)
        blank = value is None or (isinstance(value, str) and not value.strip())
        if f.type == "bool":
            facts[f.name] = bool(value)
            continue
        if blank:
            if f.required and not (f.name == "disability_grade"):
                errors.append(RowError(0, f.label, "不能为空"))
            continue
        try:
            if f.type == "date":
                day = value if isinstance(value, dt.date) else _date(str(value))
                if day > dt.date.today():
                    raise ValueError("不能晚于今天")
                facts[f.name] = day.isoformat()
            elif f.type == "int":
                number = int(str(value).strip())
                if (f.low is not None and number < f.low) or (f.high is not None and number > f.high):
                    raise ValueError(f"应在 {f.low} 至 {f.high if f.high is not None else '不限'} 之间")
                facts[f.name] = number
            elif f.type == "money":
                facts[f.name] = str(parse_amount(value, field=f.label))
            elif f.type == "choice":
                allowed = {v for v, _label in f.choices}
                if allowed and value not in allowed:
                    raise ValueError("不在可选范围内")
                facts[f.name] = value
            else:
                facts[f.name] = str(value).strip()
        except (ValueError, TypeError) as exc:
            message = str(exc) if any("\u4e00" <= c <= "\u9fff" for c in str(exc)) else "格式不对"
            errors.append(RowError(0, f.label, f"“{value}”{message}"))
    if facts.get("outcome") == "disability" and "disability_grade" not in facts:
        errors.append(RowError(0, "伤残等级", "伤残时须填写伤残等级"))
    return facts, errors


def event_date_of(kind: str, facts: dict[str, Any]) -> dt.date:
    """The date that places the event in a period (for a Beijing medical claim: the period's first day)."""
    if kind == "deductible_proportion":
        period = str(facts["period"])
        year = int(period[:4])
        month = 3 * int(period[-1]) - 2 if "Q" in period else int(period[5:7])
        return dt.date(year, month, 1)
    return dt.date.fromisoformat(facts[EVENT_DATE_FIELD[kind]])


def event_key_of(kind: str, benefit: str, facts: dict[str, Any]) -> str:
    """What makes two claims 'the same event': the clerk's event number, or the stay / diagnosis."""
    if facts.get("event_id"):
        return str(facts["event_id"])
    if kind == "daily_allowance":
        return f"住院:{facts['admission_date']}:{facts['discharge_date']}"
    if kind == "lump_sum_by_days":
        return f"确诊:{facts['disease']}:{facts['diagnosis_date']}"
    if kind == "deductible_proportion":
        return f"{benefit}:{facts['period']}"
    return f"{benefit}:{event_date_of(kind, facts).isoformat()}"
