"""The printed claim forms: figures, words, boxes, check marks, the rules trace, page numbers, notice."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab import rl_config

from app.io.pdf_claims import ClaimForm, write_claim_forms, write_missing_materials_notice
from app.services.tasks import Cancelled

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) not installed")
ABSENT = "\U00020000"  # CJK Extension B 𠀀: not in WenQuanYi Zen Hei

# A trace as the rules engine writes it, U+2212 minus signs included (Zen Hei has no glyph for them).
TRACE = (
    "工会会员爱心互助补充医疗保险工程 · 爱心互助补充医疗保险金",
    "事件日期 2012-03-15 在保障期 2012-03-12 至 2013-03-11 内",
    "本次自负 15680.32 − 医保支付 3000.00 = 12680.32 元；"
    "本期累计 8000.00 + 12680.32 = 20680.32 元（第 3 次申请）",
    "10000 至 40000 元段：10680.32 × 80% = 8544.26 元",
    "累计应付 8544.26 − 已付 6400.00 = 2144.26 元",
    "结论：应付 2144.26 元（上限 50000.00 元）",
)
MATERIALS = (
    ("单位证明（加盖工会公章）", True),
    ("身份证及银行卡复印件", True),
    ("诊断证明", False),
    ("出院证明", True),
    ("医疗费用收据或结算单", False),
)
WEIHAI = ClaimForm(
    claim_no="WH-2012-0003",
    plan_code="weihai-2012-supplementary-medical",
    plan_name="威海市工会会员爱心互助补充医疗保险工程",
    layout="weihai",
    benefit_name="爱心互助补充医疗保险金",
    applicant_name="王堃",
    gender="男",
    age=42,
    id_number="37100219700501123X",
    phone="13806301234",
    unit_name="威海市环翠区海港机械有限公司",
    in_basic_insurance=True,
    treatment_start=date(2012, 3, 1),
    treatment_end=date(2012, 3, 20),
    total_cost=Decimal("15680.32"),
    insurance_paid=Decimal("3000.00"),
    amount_due=Decimal("2144.26"),
    cap=Decimal("50000.00"),
    trace=TRACE,
    reasons=("10000 元以下部分不予给付",),
    materials=MATERIALS,
    slots=(Decimal("4000.00"), Decimal("2400.00"), Decimal("2144.26")),
    status_label="办事处审核",
    office_name="威海市总工会环翠区办事处",
)
BEIJING = replace(
    WEIHAI,
    claim_no="BJ-2021-0007",
    plan_code="beijing-inservice-medical",
    plan_name="在职职工医疗互助保障计划",
    layout="beijing-medical",
    benefit_name="住院医疗费用互助金",
    claim_type="inpatient",
    jingka_card="6217000012345678901",
    social_security_card="110105197005011234",
    slots=(),
)
GENERAL = replace(
    WEIHAI,
    claim_no="BR-2021-0033",
    plan_code="beijing-relief",
    plan_name="日常互助互济救助慰问活动",
    layout="general",
    benefit_name="互助互济救助金",
    beneficiary_name="李喆",
    relation="配偶",
    event_date=date(2021, 3, 1),
    amount_due=Decimal("70000.00"),
    cap=Decimal("140000.00"),
    bank_name="中国建设银行",
    bank_account="6227000012345678901",
    slots=(),
)


def _text(path: Path) -> str:
    """The PDF's text: pdftotext reads the ☑ / ☐ marks (ActualText); pypdf is the fallback."""
    if PDFTOTEXT:
        return subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def _printed(line: str) -> str:
    return _flat(line.replace("−", "–"))  # the minus sign prints as an en dash


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_weihai_form_has_figures_words_boxes_and_slots(tmp_path: Path) -> None:
    out = tmp_path / "weihai.pdf"
    assert write_claim_forms(out, [WEIHAI]) == []
    text = _text(out)
    flat = _flat(text)
    assert "15,680.32" in text and "3,000.00" in text
    assert "壹万伍仟陆佰捌拾元零叁角贰分" in flat and "叁仟元整" in flat
    # The boxes 万 仟 佰 拾 元 角 分, each holding its digit.
    assert "壹万伍仟陆佰捌拾零元叁角贰分" in flat
    assert "万叁仟零佰零拾零元零角零分" in flat
    for slot in ("4,000.00", "2,400.00", "2,144.26"):
        assert slot in text
    assert "8,544.26元（大写：捌仟伍佰肆拾肆元贰角陆分）" in flat  # 互助金额累计 = sum of slots
    assert "2012 年 3 月 1 日 至 2012 年 3 月 20 日" in text
    for value in (
        "互助补充保险金申请审核表", "威海市工会会员爱心互助补充医疗保险工程", "王堃", "男", "42", "是",
        "37100219700501123X", "13806301234", "威海市环翠区海港机械有限公司", "申请次数", "互助金额累计",
        "所在单位工会意见（盖章）", "办事处审核意见（盖章）", "威海市困难职工帮扶中心审核意见（盖章）",
        "经办人：", "负责人：", "WH-2012-0003", "第1页共1页",
    ):  # fmt: skip
        assert value in flat, value
    assert flat.count("（盖章）") >= 6  # three labels and three stamp places


def test_weihai_boxes_above_one_hundred_thousand(tmp_path: Path) -> None:
    out = tmp_path / "big.pdf"
    write_claim_forms(out, [replace(WEIHAI, total_cost=Decimal("107000.53"))])
    flat = _flat(_text(out))
    assert "壹拾万零柒仟元零伍角叁分" in flat
    assert "壹拾万柒仟零佰零拾零元伍角叁分" in flat


def test_weihai_refuses_a_fifth_claim(tmp_path: Path) -> None:
    form = replace(WEIHAI, slots=(Decimal(1),) * 5)
    with pytest.raises(ValueError, match="最多申请 4 次"):
        write_claim_forms(tmp_path / "x.pdf", [form])
    assert list(tmp_path.iterdir()) == []


@needs_pdftotext
@pytest.mark.parametrize(
    ("claim_type", "marked"),
    [("outpatient", "门诊"), ("inpatient", "普通住院"), ("special_inpatient", "特病住院")],
)
def test_beijing_claim_type_is_checked(tmp_path: Path, claim_type: str, marked: str) -> None:
    out = tmp_path / "bj.pdf"
    write_claim_forms(out, [replace(BEIJING, claim_type=claim_type)])
    flat = _flat(_text(out))
    for label in ("门诊", "普通住院", "特病住院"):
        mark = "☑" if label == marked else "☐"
        assert f"{mark}{label}" in flat, label
    assert flat.count("☑") == 1


def test_beijing_free_member_form(tmp_path: Path) -> None:
    out = tmp_path / "free.pdf"
    write_claim_forms(out, [BEIJING])
    flat = _flat(_text(out))
    assert "《在职职工医疗互助保障计划》持京卡职工领取互助金申请表" in flat and "缴费人员" not in flat
    for value in (
        "申请单位：威海市环翠区海港机械有限公司", "京卡·互助服务卡", "6217000012345678901",
        "110105197005011234", "13806301234", "2,144.26元（大写：贰仟壹佰肆拾肆元贰角陆分）", "15,680.32元",
        "职工本人签字：", "所在单位工会意见（盖章）", "持京卡·互助服务卡职工，均需填写此表",
    ):  # fmt: skip
        assert value in flat, value


def test_beijing_paying_member_form(tmp_path: Path) -> None:
    form = replace(BEIJING, paying_member=True, jingka_card="", bank_name="中国工商银行")
    form = replace(form, bank_account="6222020200112233445")
    out = tmp_path / "paying.pdf"
    write_claim_forms(out, [form])
    flat = _flat(_text(out))
    assert "《在职职工医疗互助保障计划》缴费人员领取互助金申请表" in flat
    assert "银行卡号" in flat and "6222020200112233445" in flat and "中国工商银行" in flat
    assert "京卡" not in flat.replace("缴费参保职工", "")
    assert "缴费参保职工，均需填写此表" in flat


def test_beijing_unknown_claim_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="申请赔付类型"):
        write_claim_forms(tmp_path / "x.pdf", [replace(BEIJING, claim_type="dental")])


def test_the_layout_is_the_declared_form_not_the_plan_code(tmp_path: Path) -> None:
    """A plan under a new code declaring form = "weihai" prints the Weihai table (issue 18 item 9)."""
    from app.io.pdf_claims import LAYOUTS
    from app.io.pdf_claims_beijing import CLAIM_TYPES
    from app.rules.plans import CLAIM_TYPES as DECLARABLE
    from app.rules.plans import FORMS

    assert set(LAYOUTS) == set(FORMS) and dict(CLAIM_TYPES) == DECLARABLE
    out = tmp_path / "new.pdf"
    write_claim_forms(out, [replace(WEIHAI, plan_code="testcity-2027", plan_name="测试市补充医疗")])
    assert "互助补充保险金申请审核表" in _flat(_text(out))
    write_claim_forms(out, [replace(WEIHAI, plan_code="testcity-2027", layout="general")])
    assert "互助补充保险金申请审核表" not in _flat(_text(out))
    with pytest.raises(ValueError, match="未知的申请表式样“shanghai”"):
        write_claim_forms(tmp_path / "x.pdf", [replace(WEIHAI, layout="shanghai")])


def test_general_form_carries_trace_reasons_and_materials(tmp_path: Path) -> None:
    out = tmp_path / "general.pdf"
    assert write_claim_forms(out, [GENERAL]) == []
    text = _text(out)
    flat = _flat(text)
    assert "互助金申请审核表" in flat and "日常互助互济救助慰问活动" in flat
    for no, line in enumerate(TRACE, 1):
        assert f"{no}{_printed(line)}" in flat, line
    assert "10000元以下部分不予给付" in flat
    assert "70,000.00元" in flat and "柒万元整" in flat and "140,000.00元" in flat
    assert "李喆（配偶）" in flat and "6227000012345678901" in flat
    roles = ("申请人（签字）：", "经办人：", "审核人：", "所在单位工会意见（盖章）", "办事处审核意见（盖章）")
    assert all(role in flat for role in roles)
    if PDFTOTEXT:
        for name, received in MATERIALS:
            mark = "☑已收到" if received else "☐缺少（待补）"
            assert f"{name}{mark}" in flat, name


def test_long_general_form_continues_on_numbered_pages(tmp_path: Path) -> None:
    form = replace(GENERAL, trace=TRACE * 6, materials=MATERIALS * 3)
    out = tmp_path / "long.pdf"
    write_claim_forms(out, [form])
    pages = _pages(out)
    assert len(pages) >= 2
    for index, page in enumerate(pages, 1):
        assert f"第 {index} 页 共 {len(pages)} 页" in page
        assert "BR-2021-0033" in page
    assert "互助金申请审核表（续）" in pages[1]
    assert "办事处审核意见（盖章）" in pages[-1]
    assert f"{len(TRACE) * 6}" in _flat("".join(pages))


def test_three_claims_in_one_pdf(tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    seen: list[tuple[int, int | None]] = []
    write_claim_forms(out, [WEIHAI, BEIJING, GENERAL], progress=lambda d, t: seen.append((d, t)))
    pages = _pages(out)
    assert len(pages) >= 3
    for number, page in zip(("WH-2012-0003", "BJ-2021-0007", "BR-2021-0033"), pages, strict=False):
        assert number in page
    assert all(f"共 {len(pages)} 页" in page for page in pages)
    assert seen[-1] == (3, 3)


def test_notice_lists_only_missing_materials(tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    assert write_missing_materials_notice(out, GENERAL, deadline=date(2021, 6, 30)) == []
    flat = _flat(_text(out))
    assert "补件通知" in flat and "BR-2021-0033" in flat
    assert "王堃同志、威海市环翠区海港机械有限公司工会：" in flat
    assert "1诊断证明" in flat and "2医疗费用收据或结算单" in flat
    for name, received in MATERIALS:
        assert (name in flat) is not received, name
    assert "请于2021年6月30日前补齐上述材料" in flat
    assert "威海市总工会环翠区办事处（盖章）" in flat and re.search("年.*月.*日", flat)


def test_notice_without_missing_materials_is_refused(tmp_path: Path) -> None:
    complete = replace(GENERAL, materials=tuple((name, True) for name, _ in MATERIALS))
    with pytest.raises(ValueError, match="无需补件"):
        write_missing_materials_notice(tmp_path / "n.pdf", complete)
    assert list(tmp_path.iterdir()) == []


def test_glyph_warnings_name_the_claim(tmp_path: Path) -> None:
    form = replace(GENERAL, applicant_name=f"刘{ABSENT}")
    warnings = write_claim_forms(tmp_path / "w.pdf", [form])
    expected = f"申请 BR-2021-0033 的申请人姓名“刘{ABSENT}”中的字“{ABSENT}”字体缺少，打印会显示为空白"
    assert warnings == [expected]
    assert write_missing_materials_notice(tmp_path / "n.pdf", form) == warnings


def test_cancel_and_empty_input_leave_no_file(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        write_claim_forms(tmp_path / "c.pdf", [WEIHAI] * 5, cancel=lambda: True)
    with pytest.raises(ValueError, match="没有要打印的申请"):
        write_claim_forms(tmp_path / "e.pdf", [])
    assert list(tmp_path.iterdir()) == []


def test_font_embedded_and_reportlab_setting_restored(tmp_path: Path) -> None:
    out = tmp_path / "f.pdf"
    before = rl_config.useA85
    write_claim_forms(out, [WEIHAI, BEIJING, GENERAL])
    assert rl_config.useA85 == before
    for page in PdfReader(out).pages:
        fonts = cast(DictionaryObject, cast(DictionaryObject, page["/Resources"])["/Font"])
        for font in fonts.values():
            assert "/FontFile2" in font.get_object()["/FontDescriptor"].get_object()
    assert b"STSong" not in out.read_bytes()


def test_many_forms_make_one_page_each(tmp_path: Path) -> None:
    # Speed is the claims benchmark's business (benchmarks/), not a test's: tests do not time things.
    forms = [replace(f, claim_no=f"C{i}") for i in range(60) for f in (WEIHAI, BEIJING, GENERAL)]
    write_claim_forms(tmp_path / "many.pdf", forms)
    assert len(PdfReader(tmp_path / "many.pdf").pages) == 180
