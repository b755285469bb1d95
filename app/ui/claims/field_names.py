"""The claim facts' Chinese names, hints and choices (app.services.claim_fields) and the family
relations (app.services.roster_types), listed for lupdate: the intake form shows them translated.

tests/ui/test_i18n_tabs.py fails when a field is added there and not here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ClaimFields"

LABELS = (
    QT_TRANSLATE_NOOP("ClaimFields", "入院日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "出院日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "本地住院"),
    QT_TRANSLATE_NOOP("ClaimFields", "医院等级"),
    QT_TRANSLATE_NOOP("ClaimFields", "确诊日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "疾病"),
    QT_TRANSLATE_NOOP("ClaimFields", "首次确诊"),
    QT_TRANSLATE_NOOP("ClaimFields", "事件编号"),
    QT_TRANSLATE_NOOP("ClaimFields", "意外发生日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "结果"),
    QT_TRANSLATE_NOOP("ClaimFields", "伤残等级"),
    QT_TRANSLATE_NOOP("ClaimFields", "因病住院期间发生"),
    QT_TRANSLATE_NOOP("ClaimFields", "患病或受伤日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "原因"),
    QT_TRANSLATE_NOOP("ClaimFields", "自付一（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "自付二（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "自费（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "慰问原因"),
    QT_TRANSLATE_NOOP("ClaimFields", "申报期间"),
    QT_TRANSLATE_NOOP("ClaimFields", "自付一金额（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "年内首次住院"),
    QT_TRANSLATE_NOOP("ClaimFields", "治疗开始日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "治疗结束日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "医疗费总额（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "基本医疗保险支付（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "会员已身故"),
    QT_TRANSLATE_NOOP("ClaimFields", "就诊或入院日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "末次就诊或出院日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "医疗费用总额（元）"),
    QT_TRANSLATE_NOOP("ClaimFields", "受伤日期"),
    QT_TRANSLATE_NOOP("ClaimFields", "生活津贴天数"),
    QT_TRANSLATE_NOOP("ClaimFields", "住院津贴天数"),
)
HINTS = (
    QT_TRANSLATE_NOOP("ClaimFields", "不勾选为异地住院"),
    QT_TRANSLATE_NOOP("ClaimFields", "一级 1、二级 2、三级 3"),
    QT_TRANSLATE_NOOP("ClaimFields", "同一事件填同一编号，如 2020-车祸-01；同一事件只给付一次"),
    QT_TRANSLATE_NOOP("ClaimFields", "伤残时填 1–10 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "门诊按季度写 2021-Q1，住院按月份写 2021-03"),
    QT_TRANSLATE_NOOP("ClaimFields", "会员已身故、由受救助人申请时勾选"),
    QT_TRANSLATE_NOOP("ClaimFields", "印在申请表的治疗时间"),
    QT_TRANSLATE_NOOP("ClaimFields", "收据或费用清单的合计"),
)
CHOICES = (
    QT_TRANSLATE_NOOP("ClaimFields", "一级"),
    QT_TRANSLATE_NOOP("ClaimFields", "二级"),
    QT_TRANSLATE_NOOP("ClaimFields", "三级"),
    QT_TRANSLATE_NOOP("ClaimFields", "1 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "2 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "3 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "4 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "5 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "6 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "7 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "8 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "9 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "10 级"),
    QT_TRANSLATE_NOOP("ClaimFields", "伤残"),
    QT_TRANSLATE_NOOP("ClaimFields", "身故"),
    QT_TRANSLATE_NOOP("ClaimFields", "重大疾病"),
    QT_TRANSLATE_NOOP("ClaimFields", "意外伤害"),
    QT_TRANSLATE_NOOP("ClaimFields", "患病需长期治疗"),
    QT_TRANSLATE_NOOP("ClaimFields", "意外伤害致残"),
    QT_TRANSLATE_NOOP("ClaimFields", "因免责期、减责期未获赔付"),
    QT_TRANSLATE_NOOP("ClaimFields", "保障范围外（连续参加 2 年以上）"),
    QT_TRANSLATE_NOOP("ClaimFields", "配偶"),
    QT_TRANSLATE_NOOP("ClaimFields", "子女"),
)


def field_text(text: str) -> str:
    """A claim field's label, hint or choice as the window's language shows it."""
    return QCoreApplication.translate(CONTEXT, text)
