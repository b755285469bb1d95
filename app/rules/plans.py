"""Plans as data: one TOML file per plan version, interpreted by benefit calculators.

A plan file names, for each benefit, a calculator ``kind`` and its parameters; an office
adds a plan by adding a file. ``load_plans`` reads every ``*.toml`` of the shipped
directory (``resources/plans``) and of any extra directory; ``PlanCatalogue.get`` picks the
version in force. Plans are compiled once at load time, so deciding a claim never re-reads
or re-parses the plan.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.rules import tomlwrite
from app.rules.calculators import Calculator, build_calculator
from app.rules.errors import PlanError, UnknownPlan
from app.rules.params import Figure, Params, unconfirmed_figures

DEFAULT_PLAN_DIR = Path(__file__).resolve().parents[2] / "resources" / "plans"
FREE_CONDITION_NAMES = ("unit_remits_union_funds", "member_has_jingka")


@dataclass(frozen=True, slots=True)
class ParticipationRule:
    """Applies to units of at most ``max_headcount`` people (None: any size)."""

    max_headcount: int | None
    min_ratio: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class EnrollmentRules:
    age_min: int | None = None
    age_max: int | None = None
    employment: tuple[str, ...] = ()
    unit_union_required: bool = False
    union_member_required: bool = False
    basic_medical_insurance_required: bool = False
    max_shares: int | None = None
    # Temporary staff qualify only with an engagement of more than this many months (seed 001).
    temporary_engagement_over_months: int | None = None
    participation: tuple[ParticipationRule, ...] = ()
    fee_per_person: Decimal = Decimal("0.00")
    subsidy: Decimal = Decimal("0.00")
    # Conditions that together make a member's fee free (Beijing in-service medical).
    free_when: tuple[str, ...] = ()
    collection_start: dt.date | None = None
    collection_end: dt.date | None = None
    fee_tiers: Mapping[str, tuple[Decimal, ...]] = field(default_factory=dict)
    # Which of a tier's fees is charged (seed 002 gives two per tier without saying which).
    fee_tier_index: int = 0


COVERED_BY = ("own", "fee_based_plans")
# The printed application form a plan declares (``form = "weihai"``); its layouts are app.io's.
FORMS = {
    "general": "通用互助金申请审核表（附计算说明）",
    "weihai": "威海互助补充保险金申请审核表（每期 4 栏）",
    "beijing-medical": "北京在职职工医疗互助保障计划领取互助金申请表",
}
# The 申请赔付类型 a benefit ticks on the Beijing medical form (``claim_type = "inpatient"``).
CLAIM_TYPES = {"outpatient": "门诊", "inpatient": "普通住院", "special_inpatient": "特病住院"}
# Declarations added to plan files after offices had stored versions of them: a version that does
# not state one keeps the plan's latest known version's (an office's Weihai version keeps its form).
INHERITED_KEYS = ("form",)
INHERITED_BENEFIT_KEYS = ("claim_type",)


@dataclass(frozen=True, slots=True)
class Benefit:
    code: str
    kind: str
    name: str
    calculator: Calculator
    relations: tuple[str, ...] = ("self",)
    materials: tuple[str, ...] = ()
    # Apply within the event's year or the next n years (None: no deadline).
    apply_within_years: int | None = None
    # Added when the member has died and another applies (the claim then asks 会员已身故).
    materials_if_member_deceased: tuple[str, ...] = ()
    # A minor child's benefit: [the beneficiary's bank card, the member's] — the second replaces the first.
    minor_child_bank_card: tuple[str, ...] = ()
    # The box the benefit ticks on a form that has them (CLAIM_TYPES; None: none ticked).
    claim_type: str | None = None


@dataclass(frozen=True, eq=False)
class Plan:
    code: str
    version: dt.date
    name: str
    description: str
    source: str
    enrollment: EnrollmentRules
    benefits: Mapping[str, Benefit]
    claim_employment: tuple[str, ...]
    raw: Mapping[str, Any]
    # Who may claim: "own" — members enrolled in this plan; "fee_based_plans" — members in coverage
    # of any plan whose period fee is above 0 on the event date (seed 000's relief activities).
    covered_by: str = "own"
    # 同一事件只能享受一次 across the plan's benefits (seed 000's relief activities: one of the three);
    # otherwise an event is paid once per benefit (Jilin: a stay and a critical illness both pay).
    one_benefit_per_event: bool = False
    # The printed application form (FORMS): its layout, and the Weihai form's four claim slots.
    form: str = "general"

    def benefit(self, code: str) -> Benefit:
        try:
            return self.benefits[code]
        except KeyError:
            known = "、".join(self.benefits)
            raise UnknownPlan(f"方案 {self.code} 没有项目 {code}（可选：{known}）") from None

    def unconfirmed_figures(self) -> list[Figure]:
        return unconfirmed_figures(self.raw)

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}，{self.version.isoformat()} 版）"


def _enrollment(p: Params) -> EnrollmentRules:
    rules = [
        ParticipationRule(r.optional_integer("max_headcount"), r.ratio("min_ratio"), r.text("label"))
        for r in p.tables("participation")
    ]
    tiers = p.table("fee_tiers") if p.has("fee_tiers") else None
    free_when = p.texts("free_when", [])
    fee_tiers = {k: tiers.moneys(k) for k in tiers.data} if tiers else {}
    index = p.integer("fee_tier_index", 0)
    if any(index >= len(fees) for fees in fee_tiers.values()):
        raise PlanError(f"{p.where}：fee_tier_index 超出会费档次的标准个数")
    if any(c not in FREE_CONDITION_NAMES for c in free_when):
        raise PlanError(f"{p.where}：free_when 只能包含 {'、'.join(FREE_CONDITION_NAMES)}")
    return EnrollmentRules(
        age_min=p.optional_integer("age_min"),
        age_max=p.optional_integer("age_max"),
        employment=p.texts("employment", []),
        unit_union_required=p.boolean("unit_union_required", False),
        union_member_required=p.boolean("union_member_required", False),
        basic_medical_insurance_required=p.boolean("basic_medical_insurance_required", False),
        max_shares=p.optional_integer("max_shares"),
        temporary_engagement_over_months=p.optional_integer("temporary_engagement_over_months"),
        participation=tuple(rules),
        fee_per_person=p.money("fee_per_person", 0),
        subsidy=p.money("subsidy", 0),
        free_when=free_when,
        collection_start=p.date("collection_start", None),
        collection_end=p.date("collection_end", None),
        fee_tiers=fee_tiers,
        fee_tier_index=index,
    )


def _benefit(code: str, p: Params) -> Benefit:
    kind = p.text("kind")
    swap = p.texts("minor_child_bank_card", [])
    if swap and len(swap) != 2:
        raise PlanError(f"{p.where}：参数 minor_child_bank_card 须为两项：受救助人银行卡、会员银行卡")
    claim_type = p.choice("claim_type", CLAIM_TYPES) if p.has("claim_type") else None
    return Benefit(
        code=code,
        kind=kind,
        name=p.text("name"),
        calculator=build_calculator(kind, p),
        relations=p.texts("relations", ["self"]),
        materials=p.texts("materials", []),
        apply_within_years=p.optional_integer("apply_within_years"),
        materials_if_member_deceased=p.texts("materials_if_member_deceased", []),
        minor_child_bank_card=swap,
        claim_type=claim_type,
    )


def plan_from_dict(data: Mapping[str, Any], origin: str = "方案数据") -> Plan:
    """Build and validate a plan; ``origin`` (a file name …) prefixes every error."""
    top = Params(data, origin)
    code = top.text("code")
    where = f"{origin}（{code}）"
    top = Params(data, where)
    version = top.date("version")
    assert version is not None  # a missing version raises above
    benefits_table = top.table("benefits")
    if not benefits_table.data:
        raise PlanError(f"{where}：没有任何保障项目（benefits）")
    benefits = {k: _benefit(k, benefits_table.table(k)) for k in benefits_table.data}
    covered_by = top.text("covered_by", "own")
    if covered_by not in COVERED_BY:
        raise PlanError(f"{where}：covered_by 须为 {'、'.join(COVERED_BY)} 之一")
    return Plan(
        code=code,
        version=version,
        name=top.text("name"),
        description=top.text("description", ""),
        source=top.text("source", ""),
        enrollment=_enrollment(top.table("enrollment")) if top.has("enrollment") else EnrollmentRules(),
        benefits=benefits,
        claim_employment=top.texts("claim_employment", []),
        raw=copy.deepcopy(dict(data)),
        covered_by=covered_by,
        one_benefit_per_event=top.boolean("one_benefit_per_event", False),
        form=top.choice("form", FORMS, "general"),
    )


def plan_from_toml_text(text: str, origin: str = "方案文本") -> Plan:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{origin}：TOML 格式错误：{exc}") from exc
    return plan_from_dict(data, origin)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """A deep copy of the plan's data, to edit and turn into a new version."""
    return copy.deepcopy(dict(plan.raw))


def plan_to_toml_text(plan: Plan | Mapping[str, Any]) -> str:
    return tomlwrite.dumps(plan.raw if isinstance(plan, Plan) else plan)


@dataclass(frozen=True)
class PlanCatalogue:
    """All known versions of all plans, oldest version first per code."""

    versions: Mapping[str, tuple[Plan, ...]]

    def codes(self) -> list[str]:
        return list(self.versions)

    def plans(self) -> list[Plan]:
        """The version of each plan in force today (the latest)."""
        return [v[-1] for v in self.versions.values()]

    def get(self, code: str, as_of: dt.date | None = None) -> Plan:
        """The latest version in force on ``as_of`` (default: the latest version).

        An ``as_of`` before the first version gives the first version: its coverage
        checks then explain why the event is not covered.
        """
        try:
            versions = self.versions[code]
        except KeyError:
            known = "、".join(self.versions) or "无"
            raise UnknownPlan(f"未知方案 {code}（已有：{known}）") from None
        if as_of is None:
            return versions[-1]
        chosen = versions[0]
        for plan in versions:
            if plan.version <= as_of:
                chosen = plan
        return chosen

    def with_plan(self, plan: Plan) -> PlanCatalogue:
        """A catalogue with ``plan`` added, replacing a version of the same code and date.

        What the version does not state of INHERITED_KEYS it keeps from the latest known version.
        """
        known = self.versions.get(plan.code, ())
        if known:
            plan = _inherit(plan, known[-1])
        kept = [p for p in known if p.version != plan.version]
        merged = dict(self.versions)
        merged[plan.code] = tuple(sorted([*kept, plan], key=lambda p: p.version))
        return PlanCatalogue(merged)


def _inherit(plan: Plan, latest: Plan) -> Plan:
    data = copy.deepcopy(dict(plan.raw))
    missing = [k for k in INHERITED_KEYS if k not in data and k in latest.raw]
    data.update({k: copy.deepcopy(latest.raw[k]) for k in missing})
    before = latest.raw.get("benefits", {})
    for code, table in data.get("benefits", {}).items():
        gaps = [k for k in INHERITED_BENEFIT_KEYS if k not in table and k in before.get(code, {})]
        table.update({k: copy.deepcopy(before[code][k]) for k in gaps})
        missing += gaps
    return plan_from_dict(data, f"方案 {plan.code}") if missing else plan


def load_plan_file(path: Path) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"无法读取方案文件 {path}：{exc}") from exc
    return plan_from_toml_text(text, path.name)


def load_plans(
    dirs: Iterable[Path | str] | Path | str | None = None, *, include_default: bool = True
) -> PlanCatalogue:
    """Read every ``*.toml`` in the shipped plan directory and in ``dirs`` (in that order).

    A later directory may replace a version (same code and version) of an earlier one, so an
    office can override a shipped file; the same version twice in one directory is an error.
    """
    extra = [dirs] if isinstance(dirs, str | Path) else list(dirs or [])
    directories = ([DEFAULT_PLAN_DIR] if include_default else []) + [Path(d) for d in extra]
    catalogue = PlanCatalogue({})
    for directory in directories:
        if not directory.is_dir():
            raise PlanError(f"方案目录不存在：{directory}")
        seen: dict[tuple[str, dt.date], str] = {}
        for path in sorted(directory.glob("*.toml")):
            plan = load_plan_file(path)
            key = (plan.code, plan.version)
            if key in seen:
                raise PlanError(f"方案 {plan.code} 的 {plan.version} 版同时出现在 {seen[key]} 和 {path.name}")
            seen[key] = path.name
            catalogue = catalogue.with_plan(plan)
    return catalogue
