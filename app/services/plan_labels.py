"""Chinese names of plan-file keys and calculator kinds, for the 保障计划 tab."""

from __future__ import annotations

import re

from app.rules.plans import FORMS

KEY_LABELS = {
    "age_max": "最高年龄（周岁，含）",
    "age_min": "最低年龄（周岁，含）",
    "amount": "金额（元）",
    "annual_cap": "年度累计最高（元）",
    "annual_cap_benefits": "共用年度上限的项目",
    "apply_within_years": "申请期限（事件当年及以后几年）",
    "basic_medical_insurance_required": "须参加基本医疗保险",
    "cap": "最高给付（元）",
    "causes": "适用原因",
    "claim_employment": "理赔时须为的在职状态",
    "claim_from_day": "申报起始日（每月几日起）",
    "collection_end": "会费收缴截止日",
    "collection_start": "会费收缴起始日",
    "covered_by": "保障对象",
    "death_amount": "身故给付（元）",
    "deductible": "起付线（元）",
    "deductible_scope": "起付线计算范围",
    "disability_base": "伤残给付基数（元）",
    "double_for": "加倍给付的人员类别",
    "employment": "参保须为的在职状态",
    "fee_per_person": "会费（元/人·期）",
    "free_when": "免费参保条件",
    "from": "起",
    "grade_proportions": "伤残等级比例",
    "hospital": "住院津贴（元/天）",
    "in_force_from": "生效日期",
    "in_hospital_disability_base": "住院期间意外伤残基数（元）",
    "kind": "计算方式",
    "label": "说明",
    "life": "生活津贴（元/天）",
    "local_daily": "本地住院每天（元）",
    "local_stay_cap": "本地住院每次最高（元）",
    "materials": "所需材料",
    "materials_if_member_deceased": "会员已身故时另需材料",
    "minor_child_bank_card": "未成年子女：以会员银行卡代替受救助人银行卡",
    "max_claims_per_period": "每期最多申请次数",
    "max_days": "最多给付天数",
    "max_headcount": "单位人数上限（含）",
    "max_paid_per_period": "每期最多给付次数",
    "max_shares": "每人最多份数",
    "temporary_engagement_over_months": "临时职工聘用期须超过（月）",
    "min_consecutive_years_outside_scope": "范围外慰问须连续参加年数",
    "min_hospital_grade": "最低医院等级",
    "min_payment": "每次最低给付（元）",
    "min_ratio": "最低参保比例",
    "min_stay_days": "最少住院天数",
    "name": "名称",
    "once_per_period": "每期限一次",
    "one_benefit_per_event": "同一事件只能享受一项",
    "period_cap": "每期累计最高（元）",
    "period_kind": "申报周期",
    "proportion": "给付比例",
    "rate": "给付比例",
    "reasons": "适用情形",
    "relations": "可申请人",
    "remote_daily": "异地住院每天（元）",
    "remote_stay_cap": "异地住院每次最高（元）",
    "subsidy": "补助（元/人·期）",
    "threshold": "自负费用门槛（元）",
    "to": "止",
    "union_member_required": "须为工会会员",
    "unit_union_required": "单位须建立工会",
    "up_to_days": "生效后天数（含）以内",
    "diseases": "保障疾病",
    "later_deductible": "再次住院起付线（元）",
    "participation": "参保率要求",
    "tiers": "档次",
    "bands": "分段",
    "form": "申请表式样",
    "claim_type": "申请表上的赔付类型",
}
KIND_LABELS = {
    "daily_allowance": "按住院天数给付津贴",
    "lump_sum_by_days": "按生效天数定额给付",
    "disability_by_grade": "按伤残等级比例给付",
    "deductible_proportion": "起付线以上按比例给付",
    "banded_cumulative": "分段累进、期内累计给付",
    "relief_cap": "救助/慰问最高额（门槛、加倍）",
    "tiered_daily_allowance": "按档次给付生活、住院津贴",
}
# Coded values inside plan files, as the 保障计划 tab shows them (and takes them back when edited).
VALUE_LABELS = {
    "in_service": "在职", "retired": "退休", "left": "离职", "self": "本人", "spouse": "配偶",
    "child": "子女",
    "accident": "意外伤害", "accident_disability": "意外伤残", "critical_illness": "重大疾病",
    "long_term_illness": "长期慢性病", "claim": "每次理赔", "year": "全年累计", "hardship": "特困",
    "model_worker": "劳模", "member_has_jingka": "会员持有京卡",
    "unit_remits_union_funds": "单位上缴工会经费",
    "month": "按月", "quarter": "按季度", "outside_scope": "保障范围外", "waiting_period": "等待期内",
    "inpatient": "住院", "outpatient": "门诊",
    "own": "参加本计划的会员", "fee_based_plans": "参加任一会费型互助保障活动在保障期内的会员",
    "special_inpatient": "特病住院",
    **FORMS, **KIND_LABELS,
}  # fmt: skip
VALUE_CODES = {label: code for code, label in VALUE_LABELS.items()}
SECTION_LABELS = {"enrollment": "参保条件", "benefits": "保障项目"}


def label_of(path: str, own_label: str) -> str:
    """The figure's own label when the plan file gives one, else the key's Chinese name."""
    last = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1])
    if own_label and own_label != last and own_label != path:
        return own_label
    return KEY_LABELS.get(last, last)
