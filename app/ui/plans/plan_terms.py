"""The 保障计划 tab's names of plan-file keys, sections and calculator kinds (app.services.plan_labels),
listed for lupdate: the tab shows them translated. A figure's own label from a plan file is data and
has no translation, so it shows as written.

tests/ui/test_i18n_tabs.py fails when a name is added there and not here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

SECTIONS = (
    QT_TRANSLATE_NOOP("PlanTerms", "参保条件"),
    QT_TRANSLATE_NOOP("PlanTerms", "保障项目"),
)
KINDS = (
    QT_TRANSLATE_NOOP("PlanTerms", "按住院天数给付津贴"),
    QT_TRANSLATE_NOOP("PlanTerms", "按生效天数定额给付"),
    QT_TRANSLATE_NOOP("PlanTerms", "按伤残等级比例给付"),
    QT_TRANSLATE_NOOP("PlanTerms", "起付线以上按比例给付"),
    QT_TRANSLATE_NOOP("PlanTerms", "分段累进、期内累计给付"),
    QT_TRANSLATE_NOOP("PlanTerms", "救助/慰问最高额（门槛、加倍）"),
    QT_TRANSLATE_NOOP("PlanTerms", "按档次给付生活、住院津贴"),
)
KEYS = (
    QT_TRANSLATE_NOOP("PlanTerms", "最高年龄（周岁，含）"),
    QT_TRANSLATE_NOOP("PlanTerms", "最低年龄（周岁，含）"),
    QT_TRANSLATE_NOOP("PlanTerms", "金额（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "年度累计最高（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "共用年度上限的项目"),
    QT_TRANSLATE_NOOP("PlanTerms", "申请期限（事件当年及以后几年）"),
    QT_TRANSLATE_NOOP("PlanTerms", "须参加基本医疗保险"),
    QT_TRANSLATE_NOOP("PlanTerms", "最高给付（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "适用原因"),
    QT_TRANSLATE_NOOP("PlanTerms", "理赔时须为的在职状态"),
    QT_TRANSLATE_NOOP("PlanTerms", "申报起始日（每月几日起）"),
    QT_TRANSLATE_NOOP("PlanTerms", "会费收缴截止日"),
    QT_TRANSLATE_NOOP("PlanTerms", "会费收缴起始日"),
    QT_TRANSLATE_NOOP("PlanTerms", "身故给付（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "起付线（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "起付线计算范围"),
    QT_TRANSLATE_NOOP("PlanTerms", "伤残给付基数（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "加倍给付的人员类别"),
    QT_TRANSLATE_NOOP("PlanTerms", "参保须为的在职状态"),
    QT_TRANSLATE_NOOP("PlanTerms", "会费（元/人·期）"),
    QT_TRANSLATE_NOOP("PlanTerms", "免费参保条件"),
    QT_TRANSLATE_NOOP("PlanTerms", "起"),
    QT_TRANSLATE_NOOP("PlanTerms", "伤残等级比例"),
    QT_TRANSLATE_NOOP("PlanTerms", "住院津贴（元/天）"),
    QT_TRANSLATE_NOOP("PlanTerms", "生效日期"),
    QT_TRANSLATE_NOOP("PlanTerms", "住院期间意外伤残基数（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "计算方式"),
    QT_TRANSLATE_NOOP("PlanTerms", "说明"),
    QT_TRANSLATE_NOOP("PlanTerms", "生活津贴（元/天）"),
    QT_TRANSLATE_NOOP("PlanTerms", "本地住院每天（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "本地住院每次最高（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "所需材料"),
    QT_TRANSLATE_NOOP("PlanTerms", "每期最多申请次数"),
    QT_TRANSLATE_NOOP("PlanTerms", "最多给付天数"),
    QT_TRANSLATE_NOOP("PlanTerms", "单位人数上限（含）"),
    QT_TRANSLATE_NOOP("PlanTerms", "每期最多给付次数"),
    QT_TRANSLATE_NOOP("PlanTerms", "每人最多份数"),
    QT_TRANSLATE_NOOP("PlanTerms", "范围外慰问须连续参加年数"),
    QT_TRANSLATE_NOOP("PlanTerms", "最低医院等级"),
    QT_TRANSLATE_NOOP("PlanTerms", "每次最低给付（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "最低参保比例"),
    QT_TRANSLATE_NOOP("PlanTerms", "最少住院天数"),
    QT_TRANSLATE_NOOP("PlanTerms", "名称"),
    QT_TRANSLATE_NOOP("PlanTerms", "每期限一次"),
    QT_TRANSLATE_NOOP("PlanTerms", "每期累计最高（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "申报周期"),
    QT_TRANSLATE_NOOP("PlanTerms", "给付比例"),
    QT_TRANSLATE_NOOP("PlanTerms", "给付比例"),
    QT_TRANSLATE_NOOP("PlanTerms", "适用情形"),
    QT_TRANSLATE_NOOP("PlanTerms", "可申请人"),
    QT_TRANSLATE_NOOP("PlanTerms", "异地住院每天（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "异地住院每次最高（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "补助（元/人·期）"),
    QT_TRANSLATE_NOOP("PlanTerms", "自负费用门槛（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "止"),
    QT_TRANSLATE_NOOP("PlanTerms", "须为工会会员"),
    QT_TRANSLATE_NOOP("PlanTerms", "单位须建立工会"),
    QT_TRANSLATE_NOOP("PlanTerms", "生效后天数（含）以内"),
    QT_TRANSLATE_NOOP("PlanTerms", "保障疾病"),
    QT_TRANSLATE_NOOP("PlanTerms", "再次住院起付线（元）"),
    QT_TRANSLATE_NOOP("PlanTerms", "参保率要求"),
    QT_TRANSLATE_NOOP("PlanTerms", "档次"),
    QT_TRANSLATE_NOOP("PlanTerms", "分段"),
    QT_TRANSLATE_NOOP("PlanTerms", "申请表式样"),
    QT_TRANSLATE_NOOP("PlanTerms", "申请表上的赔付类型"),
    QT_TRANSLATE_NOOP("PlanTerms", "保障对象"),
    QT_TRANSLATE_NOOP("PlanTerms", "会员已身故时另需材料"),
    QT_TRANSLATE_NOOP("PlanTerms", "未成年子女：以会员银行卡代替受救助人银行卡"),
    QT_TRANSLATE_NOOP("PlanTerms", "同一事件只能享受一项"),
    QT_TRANSLATE_NOOP("PlanTerms", "临时职工聘用期须超过（月）"),
)


def plan_term(text: str) -> str:
    """A plan-file term as the window's language shows it; a plan file's own words stay as written."""
    return QCoreApplication.translate("PlanTerms", text)
