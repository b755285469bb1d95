"""The headless JSON formats: parsing every event kind, and errors naming case and field."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from app.rules.case_json import (
    check_plan_code,
    claim_result_to_dict,
    enrollment_result_to_dict,
    parse_claim_case,
    parse_enrollment_case,
)
from app.rules.claims import evaluate_claim
from app.rules.enrollment import check_enrollment
from app.rules.errors import CaseError
from app.rules.values import Accident, HospitalStay, Injury, MedicalHardship, PeriodCost, Treatment
from tests.rules.builders import catalogue

BASE: dict[str, Any] = {
    "id": "c1",
    "plan": "jilin-2020-hospital-combo",
    "benefit": "hospital_allowance",
    "applied_on": "2020-06-01",
    "member": {"birth_date": "1980-05-01", "employment": "in_service", "categories": ["model_worker"]},
    "beneficiary": {"relation": "self"},
    "coverage": {
        "period_start": "2020-02-01",
        "period_end": "2021-01-31",
        "effective_date": "2020-02-01",
        "tier": None,
        "consecutive_years": 1,
    },
    "event": {
        "admission_date": "2020-05-01",
        "discharge_date": "2020-05-11",
        "local": True,
        "hospital_grade": 2,
    },
    "history": [
        {
            "benefit": "hospital_allowance",
            "event_id": "e0",
            "paid": "500.00",
            "self_borne": None,
            "date": "2020-03-01",
        }
    ],
}

EVENTS: dict[tuple[str, str], dict[str, Any]] = {
    ("jilin-2020-hospital-combo", "critical_illness"): {
        "diagnosis_date": "2020-08-01",
        "disease": "恶性肿瘤",
        "first_diagnosis": True,
    },
    ("jilin-2020-hospital-combo", "accident"): {
        "event_id": "a1",
        "accident_date": "2020-05-01",
        "outcome": "disability",
        "disability_grade": 3,
        "during_illness_hospitalization": True,
    },
    ("beijing-relief", "condolence"): {
        "event_id": 7,
        "event_date": "2020-05-01",
        "cause": "accident",
        "self_pay_1": "100000",
        "self_pay_2": 50000,
        "out_of_pocket": Decimal("60000.5"),
        "reason": "waiting_period",
    },
    ("beijing-inservice-medical", "outpatient"): {"period": "2020-Q4", "self_pay_1": "3000"},
    ("beijing-inservice-medical", "inpatient"): {
        "period": "2020-12",
        "self_pay_1": "3000",
        "first_stay_of_year": False,
    },
    ("weihai-2012-supplementary-medical", "medical"): {
        "event_id": "w1",
        "treatment_start": "2020-05-01",
        "treatment_end": "2020-05-09",
        "total_cost": "50000",
        "insurance_paid": "30000",
    },
    ("beijing-accident", "accident_allowance"): {
        "event_id": "i1",
        "injury_date": "2020-05-01",
        "life_days": 3,
        "hospital_days": 4,
    },
}


def variant(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for p in parents:
            target = target[p]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return data


def test_parse_the_rules_md_example_and_evaluate() -> None:
    case = parse_claim_case(BASE, catalogue())
    assert isinstance(case.event, HospitalStay)
    assert case.member.categories == {"model_worker"}
    assert case.history[0].paid == Decimal("500.00")
    result = claim_result_to_dict(case.id, evaluate_claim(case, catalogue().get(case.plan)))
    assert result["amount"] == "500.00" and result["cap"] == "4500.00" and result["eligible"] is True


@pytest.mark.parametrize(("plan", "benefit"), list(EVENTS))
def test_every_event_kind_parses(plan: str, benefit: str) -> None:
    data = variant(
        plan=plan,
        benefit=benefit,
        event=EVENTS[(plan, benefit)],
        beneficiary=KeyError,
        applied_on="2021-01-25",
    )
    data["coverage"]["tier"] = "26/32"
    case = parse_claim_case(data, catalogue())
    assert case.relation == "self"
    kinds = {
        "accident": Accident,
        "condolence": MedicalHardship,
        "outpatient": PeriodCost,
        "inpatient": PeriodCost,
        "medical": Treatment,
        "accident_allowance": Injury,
    }
    assert isinstance(case.event, kinds.get(benefit, type(case.event)))
    decision = evaluate_claim(case, catalogue().get(plan))
    assert decision.amount >= 0


def test_materials_are_read() -> None:
    case = parse_claim_case(variant(materials=["会员身份证复印件"]), catalogue())
    assert case.materials == {"会员身份证复印件"}
    assert parse_claim_case(BASE, catalogue()).materials is None


def test_quarter_and_month_periods() -> None:
    q4 = parse_claim_case(
        variant(
            plan="beijing-inservice-medical",
            benefit="outpatient",
            event={"period": "2020-Q4", "self_pay_1": "1"},
            applied_on="2021-01-25",
        ),
        catalogue(),
    )
    assert isinstance(q4.event, PeriodCost)
    assert (q4.event.period_first_day, q4.event.period_last_day) == (
        dt.date(2020, 10, 1),
        dt.date(2020, 12, 31),
    )
    feb = parse_claim_case(
        variant(
            plan="beijing-inservice-medical",
            benefit="inpatient",
            event={"period": "2020-02", "self_pay_1": "1", "first_stay_of_year": True},
        ),
        catalogue(),
    )
    assert isinstance(feb.event, PeriodCost)
    assert feb.event.period_last_day == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"plan": "nope"}, "plan"),
        ({"benefit": "nope"}, "benefit"),
        ({"benefit": KeyError}, "benefit"),
        ({"applied_on": "2020-6-1"}, "applied_on"),
        ({"applied_on": "2020-02-30"}, "applied_on"),
        ({"member": "x"}, "member"),
        ({"member__birth_date": KeyError}, "member.birth_date"),
        ({"member__employment": "boss"}, "member.employment"),
        ({"member__categories": ["vip"]}, "member.categories"),
        ({"member__categories": "model_worker"}, "member.categories"),
        ({"beneficiary__relation": "cousin"}, "beneficiary.relation"),
        ({"coverage__period_end": "2019-01-01"}, "coverage.period_end"),
        ({"coverage__consecutive_years": -1}, "coverage.consecutive_years"),
        ({"coverage__tier": ""}, "coverage.tier"),
        ({"event__local": "yes"}, "event.local"),
        ({"event__hospital_grade": 4}, "event.hospital_grade"),
        ({"event__hospital_grade": True}, "event.hospital_grade"),
        ({"event__discharge_date": "2020-04-30"}, "event.discharge_date"),
        ({"history": {}}, "history"),
        ({"history": [{"benefit": "x", "paid": "1.234", "date": "2020-01-01"}]}, "history[0].paid"),
        ({"history": [{"benefit": "x", "paid": "-1", "date": "2020-01-01"}]}, "history[0].paid"),
        ({"history": [{"benefit": "x", "paid": 1.5, "date": "2020-01-01"}]}, "history[0].paid"),
        ({"materials": [1]}, "materials"),
        # Found by the fuzz test: a list where the history's benefit code goes was a TypeError.
        ({"history": [{"benefit": [], "paid": "1", "date": "2020-01-01"}]}, "history[0].benefit"),
        # Issue 12 item 10: an application dated before the admission is refused.
        ({"applied_on": "2020-04-30"}, "applied_on"),
    ],
)
def test_claim_errors_name_case_and_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_claim_case(variant(**changes), catalogue())
    assert info.value.case_id == "c1"
    assert info.value.field == field
    assert str(info.value).startswith(f"案件 c1：字段 {field} ")


@pytest.mark.parametrize(
    ("plan", "benefit", "event", "field"),
    [
        ("beijing-inservice-medical", "outpatient", {"period": "2020Q1", "self_pay_1": "1"}, "event.period"),
        (
            "weihai-2012-supplementary-medical",
            "medical",
            {
                "event_id": "w",
                "treatment_start": "2020-05-02",
                "treatment_end": "2020-05-01",
                "total_cost": "1",
                "insurance_paid": "0",
            },
            "event.treatment_end",
        ),
        (
            "weihai-2012-supplementary-medical",
            "medical",
            {
                "event_id": "w",
                "treatment_start": "2020-05-01",
                "treatment_end": "2020-05-01",
                "total_cost": "1",
                "insurance_paid": "2",
            },
            "event.insurance_paid",
        ),
        (
            "jilin-2020-hospital-combo",
            "accident",
            {"event_id": "a", "accident_date": "2020-05-01", "outcome": "disability"},
            "event.disability_grade",
        ),
        (
            "beijing-relief",
            "relief",
            {
                "event_id": "h",
                "event_date": "2020-05-01",
                "cause": "accident",
                "self_pay_1": "x",
                "self_pay_2": "0",
                "out_of_pocket": "0",
            },
            "event.self_pay_1",
        ),
    ],
)
def test_event_errors(plan: str, benefit: str, event: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_claim_case(variant(plan=plan, benefit=benefit, event=event), catalogue())
    assert info.value.field == field


@pytest.mark.parametrize("data", [{"plan": "x"}, {"id": "  "}, {"id": True}, [1]])
def test_missing_case_id_names_position(data: Any) -> None:
    with pytest.raises(CaseError, match="案件 第 3 个：字段 id"):
        parse_claim_case(data, catalogue(), position=3)


def test_not_an_object_with_an_id() -> None:
    with pytest.raises(CaseError, match="member"):
        parse_claim_case(variant(member=[1]), catalogue())


ENROLLMENT: dict[str, Any] = {
    "id": "u1",
    "plan": "jilin-2020-hospital-combo",
    "as_of": "2020-02-01",
    "unit": {"has_union": True, "headcount": 150},
    "members": [
        {
            "key": "m1",
            "birth_date": "1980-01-01",
            "employment": "in_service",
            "union_member": True,
            "basic_medical_insurance": True,
            "shares": 1,
        }
    ],
    "enrolled": ["m1"],
}


def test_enrollment_round() -> None:
    case = parse_enrollment_case(ENROLLMENT)
    check_plan_code(case.id, case.plan, catalogue())
    result = enrollment_result_to_dict(case.id, check_enrollment(case, catalogue().get(case.plan)))
    assert result["ok"] is False
    assert result["findings"][0] == {
        "code": "participation_below_required",
        "member": None,
        "message": "单位 150 人，已参保 1 人：200 人以下单位须全员参保",
    }
    assert result["fee"] == {"per_person": "110.00", "subsidy": "30.00", "payable": "80.00"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"unit": {"has_union": True, "headcount": -1}}, "unit.headcount"),
        ({"members": [ENROLLMENT["members"][0], ENROLLMENT["members"][0]]}, "members"),
        ({"members": [{"key": "m1"}]}, "members[0].birth_date"),
        ({"enrolled": [1]}, "enrolled"),
        ({"enrolled": ["m1", "m1"]}, "enrolled"),
        ({"as_of": None}, "as_of"),
    ],
)
def test_enrollment_errors(changes: dict[str, Any], field: str) -> None:
    data = {**copy.deepcopy(ENROLLMENT), **changes}
    with pytest.raises(CaseError) as info:
        parse_enrollment_case(data)
    assert info.value.field == field


def test_unknown_enrollment_plan() -> None:
    with pytest.raises(CaseError, match="plan"):
        check_plan_code("u1", "nope", catalogue())


WEIHAI_EVENT = {
    "event_id": "w1",
    "treatment_start": "2012-05-01",
    "treatment_end": "2012-05-09",
    "total_cost": "50000",
    "insurance_paid": "30000",
}
WEIHAI_COVERAGE = {"period_start": "2012-03-12", "period_end": "2013-03-11", "effective_date": "2012-03-12"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # Issue 12 item 10: facts that change the money are required, never defaulted.
        (
            {
                "plan": "weihai-2012-supplementary-medical",
                "benefit": "medical",
                "event": WEIHAI_EVENT,
                "coverage": WEIHAI_COVERAGE,
                "applied_on": "2012-06-01",
                "history": [{"benefit": "medical", "event_id": "w0", "paid": "0.00", "date": "2012-04-01"}],
            },
            "history[0].self_borne",
        ),
        (
            {
                "plan": "weihai-2012-supplementary-medical",
                "benefit": "medical",
                "event": {**WEIHAI_EVENT, "total_cost": "1e5"},
                "coverage": WEIHAI_COVERAGE,
                "applied_on": "2012-06-01",
                "history": [],
            },
            "event.total_cost",
        ),
        (
            {
                "plan": "weihai-2012-supplementary-medical",
                "benefit": "medical",
                "event": WEIHAI_EVENT,
                "coverage": WEIHAI_COVERAGE,
                "applied_on": "2012-04-30",
                "history": [],
            },
            "applied_on",
        ),
        (
            {
                "plan": "beijing-inservice-medical",
                "benefit": "inpatient",
                "event": {"period": "2020-03", "self_pay_1": "3000"},
                "history": [],
            },
            "event.first_stay_of_year",
        ),
        (
            {
                "plan": "jilin-2020-hospital-combo",
                "benefit": "accident",
                "event": {
                    "event_id": "a1",
                    "accident_date": "2020-05-01",
                    "outcome": "disability",
                    "disability_grade": 3,
                },
                "history": [],
            },
            "event.during_illness_hospitalization",
        ),
        (
            {
                "plan": "beijing-relief",
                "benefit": "condolence",
                "event": {
                    "event_id": "r1",
                    "event_date": "2020-05-01",
                    "cause": "accident",
                    "self_pay_1": "100000",
                    "self_pay_2": "0",
                    "out_of_pocket": "0",
                    "reason": "outside_scope",
                },
                "coverage__consecutive_years": KeyError,
                "history": [],
            },
            "coverage.consecutive_years",
        ),
    ],
)
def test_facts_that_change_money_are_never_defaulted(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_claim_case(variant(**changes), catalogue())
    assert (info.value.case_id, info.value.field) == ("c1", field)
