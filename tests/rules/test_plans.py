"""Plan files: loading, versions, unconfirmed figures, round trip, and errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.rules.claims import evaluate_claim
from app.rules.errors import PlanError, UnknownPlan
from app.rules.plans import (
    DEFAULT_PLAN_DIR,
    PlanCatalogue,
    load_plan_file,
    load_plans,
    plan_from_dict,
    plan_from_toml_text,
    plan_to_dict,
    plan_to_toml_text,
)
from tests.rules.builders import JILIN, D, catalogue, claim, diagnosis, plan

DATA = Path(__file__).parent / "data"
CODES = {
    "jilin-2020-hospital-combo",
    "beijing-relief",
    "beijing-inservice-medical",
    "weihai-2012-supplementary-medical",
    "beijing-accident",
}


def test_shipped_plans_have_exactly_the_codes() -> None:
    assert set(catalogue().codes()) == CODES
    assert {p.code for p in catalogue().plans()} == CODES
    assert DEFAULT_PLAN_DIR.is_dir()


def test_unconfirmed_figures_are_listed() -> None:
    figures = plan("beijing-inservice-medical").unconfirmed_figures()
    paths = {f.path for f in figures}
    assert "benefits.outpatient.deductible" in paths
    assert "enrollment.fee_per_person" in paths
    deductible = next(f for f in figures if f.path == "benefits.outpatient.deductible")
    assert deductible.label == "门诊起付线（元/年）"
    assert deductible.value == Decimal("1800.00")
    jilin = [f for f in plan(JILIN).unconfirmed_figures() if not f.path.endswith(".materials")]
    assert [f.path for f in jilin] == ["benefits.critical_illness.diseases"]
    assert len(jilin[0].value) == 15


def test_descriptions_carry_the_interpretations() -> None:
    assert "含 200 人" in plan(JILIN).description
    assert "每次" in plan(JILIN).description
    assert plan(JILIN).label.startswith("在职职工住院津贴综合互助保障计划（jilin-2020-hospital-combo")


@pytest.mark.parametrize("code", sorted(CODES))
def test_round_trip_through_toml_text(code: str) -> None:
    original = plan(code)
    text = plan_to_toml_text(original)
    again = plan_from_toml_text(text)
    assert plan_to_dict(again) == plan_to_dict(original)
    assert plan_to_toml_text(plan_to_dict(again)) == text


def test_admin_edits_a_figure_into_a_new_version() -> None:
    data = plan_to_dict(plan(JILIN))
    data["version"] = "2021-01-01"
    data["benefits"]["critical_illness"]["diseases"]["confirmed"] = True
    data["benefits"]["hospital_allowance"]["local_daily"] = Decimal("60.00")
    edited = plan_from_toml_text(plan_to_toml_text(data))
    assert [f for f in edited.unconfirmed_figures() if not f.path.endswith(".materials")] == []
    both = catalogue().with_plan(edited)
    assert both.get(JILIN).version == D(2021, 1, 1)
    assert both.get(JILIN, D(2020, 6, 1)).version == D(2020, 1, 8)
    assert both.get(JILIN, D(2019, 1, 1)).version == D(2020, 1, 8)  # before the first: the first
    assert both.get(JILIN, D(2021, 6, 1)) is edited
    # Original untouched: plan_to_dict hands out a copy.
    assert plan(JILIN).raw["benefits"]["hospital_allowance"]["local_daily"] == Decimal("50.00")


def test_unseen_plan_file_from_an_extra_directory() -> None:
    loaded = load_plans(DATA)
    women = loaded.get("beijing-womens-special-disease")
    assert len(women.unconfirmed_figures()) == 3
    case = claim(women.code, "womens_disease", diagnosis(D(2020, 6, 1), disease="乳腺癌"))
    decision = evaluate_claim(case, women)
    assert decision.amount == Decimal("8000.00")
    early = evaluate_claim(
        claim(women.code, "womens_disease", diagnosis(D(2020, 3, 1), disease="乳腺癌")), women
    )
    assert early.reason_codes == ("waiting_period",)
    only_extra = load_plans([str(DATA)], include_default=False)
    assert only_extra.codes() == ["beijing-womens-special-disease"]


def test_unknown_plan_code() -> None:
    with pytest.raises(UnknownPlan, match="未知方案"):
        catalogue().get("nope")
    with pytest.raises(UnknownPlan, match="无"):
        PlanCatalogue({}).get("nope")


def test_directory_errors(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="不存在"):
        load_plans(tmp_path / "missing")
    source = (DATA / "womens-special-disease.toml").read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(source, encoding="utf-8")
    (tmp_path / "b.toml").write_text(source, encoding="utf-8")
    with pytest.raises(PlanError, match="同时出现"):
        load_plans(tmp_path, include_default=False)
    with pytest.raises(PlanError, match="无法读取"):
        load_plan_file(tmp_path / "none.toml")


def test_office_file_overrides_shipped_version(tmp_path: Path) -> None:
    data = plan_to_dict(plan(JILIN))
    data["name"] = "改名"
    (tmp_path / "jilin.toml").write_text(plan_to_toml_text(data), encoding="utf-8")
    assert load_plans(tmp_path).get(JILIN).name == "改名"


def minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "x",
        "version": dt.date(2020, 1, 1),
        "name": "测试",
        "benefits": {"b": {"kind": "relief_cap", "name": "救助", "threshold": 1, "cap": 2}},
    }
    data.update(changes)
    return data


def test_minimal_plan_with_native_toml_date() -> None:
    built = plan_from_dict(minimal())
    assert built.version == dt.date(2020, 1, 1)
    assert "version = 2020-01-01" in plan_to_toml_text(built)


BAD_BENEFITS: list[tuple[dict[str, Any], str]] = [
    ({"kind": "magic", "name": "x"}, "未知的计算方式"),
    ({"kind": "relief_cap", "name": "x", "threshold": 1}, "cap 缺失"),
    ({"kind": "relief_cap", "name": "x", "threshold": 1.5, "cap": 2}, "不用浮点"),
    ({"kind": "relief_cap", "name": "x", "threshold": "abc", "cap": 2}, "不是数字"),
    ({"kind": "relief_cap", "name": "x", "threshold": -1, "cap": 2}, "非负数"),
    ({"kind": "relief_cap", "name": "x", "threshold": 1, "cap": 2, "causes": "a"}, "文本列表"),
    # What a benefit declares is checked against what the kind knows, naming the parameter and the value.
    (
        {"kind": "relief_cap", "name": "x", "threshold": 1, "cap": 2, "causes": ["accident", "flood"]},
        r"参数 causes 中的 “flood” 不可用，只能包含 critical_illness（重大疾病）、",
    ),
    (
        {"kind": "relief_cap", "name": "x", "threshold": 1, "cap": 2, "reasons": ["whim"]},
        r"参数 reasons 中的 “whim” 不可用，只能包含 waiting_period（",
    ),
    (
        {"kind": "relief_cap", "name": "x", "threshold": 1, "cap": 2, "minor_child_bank_card": ["a"]},
        "minor_child_bank_card 须为两项",
    ),
    (
        {"kind": "relief_cap", "name": "x", "threshold": 1, "cap": 2, "materials_if_member_deceased": "a"},
        "materials_if_member_deceased 须为文本列表",
    ),
    ({"kind": "relief_cap", "name": 3, "threshold": 1, "cap": 2}, "须为文本"),
    (
        {
            "kind": "relief_cap",
            "name": "x",
            "threshold": 1,
            "cap": 2,
            "min_consecutive_years_outside_scope": -1,
        },
        "非负整数",
    ),
    ({"kind": "daily_allowance", "name": "x"}, "local_daily 缺失"),
    (
        {"kind": "relief_cap", "name": "x", "threshold": 1, "cap": 2, "claim_type": "dental"},
        r"参数 claim_type “dental”不可用，须为 outpatient（门诊）、inpatient（普通住院）、special_inpatient",
    ),
    (
        {
            "kind": "lump_sum_by_days",
            "name": "x",
            "diseases": [],
            "tiers": [{"up_to_days": 3, "amount": 1, "label": "a"}],
        },
        "最后一档",
    ),
    ({"kind": "lump_sum_by_days", "name": "x", "diseases": [], "tiers": [1]}, "表的数组"),
    (
        {
            "kind": "lump_sum_by_days",
            "name": "x",
            "diseases": [],
            "once_per_period": "yes",
            "tiers": [{"amount": 1, "label": "a"}],
        },
        "true 或 false",
    ),
    (
        {
            "kind": "disability_by_grade",
            "name": "x",
            "death_amount": 1,
            "disability_base": 1,
            "grade_proportions": [1],
        },
        "10 个比例",
    ),
    (
        {
            "kind": "disability_by_grade",
            "name": "x",
            "death_amount": 1,
            "disability_base": 1,
            "grade_proportions": 1,
        },
        "数字列表",
    ),
    (
        {
            "kind": "disability_by_grade",
            "name": "x",
            "death_amount": 1,
            "disability_base": 1,
            "grade_proportions": [Decimal("0.1")] * 10,
            "in_force_from": "soon",
        },
        "YYYY-MM-DD",
    ),
    ({"kind": "deductible_proportion", "name": "x", "period_kind": "week"}, "period_kind"),
    (
        {
            "kind": "deductible_proportion",
            "name": "x",
            "period_kind": "month",
            "deductible": 1,
            "proportion": 2,
            "annual_cap": 1,
        },
        "比例",
    ),
    ({"kind": "banded_cumulative", "name": "x", "period_cap": 1, "max_claims_per_period": 1}, "至少须有一档"),
    ({"kind": "tiered_daily_allowance", "name": "x"}, "至少须有一个时期"),
    ({"kind": "tiered_daily_allowance", "name": "x", "eras": [{"max_days": 1, "tiers": 3}]}, "须为表"),
]


@pytest.mark.parametrize(("benefit", "message"), BAD_BENEFITS)
def test_bad_benefit_parameters(benefit: dict[str, Any], message: str) -> None:
    with pytest.raises(PlanError, match=message):
        plan_from_dict(minimal(benefits={"b": benefit}))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"benefits": {}}, "没有任何保障项目"),
        ({"version": "someday"}, "YYYY-MM-DD"),
        ({"enrollment": {"free_when": ["sunny"]}}, "free_when"),
        ({"enrollment": {"fee_tiers": {"a": [Decimal(1)]}, "fee_tier_index": 1}}, "fee_tier_index"),
        ({"form": "shanghai"}, "参数 form “shanghai”不可用，须为 general（通用互助金申请审核表"),
        ({"form": 3}, "参数 form 须为文本"),
    ],
)
def test_bad_plan_tables(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(PlanError, match=message):
        plan_from_dict(minimal(**changes))


def test_form_and_claim_type_are_declared_and_kept_by_later_versions() -> None:
    """A version that does not state its form keeps the plan's (an office's version stored before
    the plan files declared forms); one that states it keeps its own."""
    weihai = load_plans().get("weihai-2012-supplementary-medical")
    assert weihai.form == "weihai" and plan_from_dict(minimal()).form == "general"
    data = plan_to_dict(weihai)
    del data["form"]
    data["version"] = dt.date(2013, 3, 1)
    older = catalogue().with_plan(plan_from_dict(data))
    assert older.get(weihai.code).form == "weihai" and "form" in older.get(weihai.code).raw
    data["form"] = "general"
    assert catalogue().with_plan(plan_from_dict(data)).get(weihai.code).form == "general"
    medical = load_plans().get("beijing-inservice-medical")
    data = plan_to_dict(medical)
    del data["form"], data["benefits"]["inpatient"]["claim_type"]
    data["version"] = dt.date(2013, 1, 1)
    kept = catalogue().with_plan(plan_from_dict(data)).get(medical.code)
    assert kept.form == "beijing-medical" and kept.benefit("inpatient").claim_type == "inpatient"
    new = plan_from_dict({**data, "code": "testcity-medical"})
    assert new.form == "general" and new.benefit("inpatient").claim_type is None  # nothing to keep


def test_bad_toml_text_and_unwritable_value() -> None:
    with pytest.raises(PlanError, match="TOML 格式错误"):
        plan_from_toml_text("code = ")
    with pytest.raises(PlanError, match="无法写成 TOML"):
        plan_to_toml_text({"x": object()})
    built = plan_from_dict(minimal(extra={"inner": {"k": True}}, dotted={"a b": Decimal("1E+1")}))
    text = plan_to_toml_text(built)
    assert '"a b" = 10.0' in text and "k = true" in text
