"""The printed enrollment forms: every value on paper, pages numbered, font embedded, no half files."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from app.io import pdf_common
from app.io.pdf_common import FontUnavailable, glyph_warning, missing_glyphs
from app.io.pdf_enrollment import (
    GroupApplication,
    PersonnelRoster,
    RosterLine,
    check_printable,
    write_group_application,
    write_personnel_roster,
)
from app.services.tasks import Cancelled

PLAN = "威海市工会会员爱心互助补充医疗保险工程"
UNIT = "威海市环翠区海港机械有限公司"
ABSENT = "\U00020000"  # CJK Extension B 𠀀: not in WenQuanYi Zen Hei
RARE = "䶮堃喆赟"


def _application(**changes: object) -> GroupApplication:
    values: dict[str, object] = dict(
        plan_title=PLAN,
        period_no="2012年第1期",
        unit_name=UNIT,
        unit_code="WH0012",
        payment_date=date(2012, 3, 1),
        chair_name="王堃",
        chair_contact="0631-5201234",
        handler_name="李喆",
        handler_contact="13806301234",
        address="山东省威海市环翠区新威路18号",
        fee_standard=Decimal("30"),
        payer_count=150,
        amount=Decimal("4500"),
        participation_ratio="149/150 = 99.3%",
        in_service=149,
        office_opinion="同意参加本期互助保障。",
    )
    values.update(changes)
    return GroupApplication(**values)  # type: ignore[arg-type]


def _id_number(i: int) -> str:
    return f"37100219{80 + i % 20}{1 + i % 12:02d}{1 + i % 28:02d}{i % 10000:04d}"


def _roster(count: int) -> PersonnelRoster:
    names = ["王䶮", "李堃", "张喆", "赵赟", "阿依古丽·买买提", "陈秀英"]
    rows = [
        RosterLine(i, names[i % len(names)] + str(i), "男" if i % 2 else "女", _id_number(i), f"WH{i:010d}")
        for i in range(1, count + 1)
    ]
    return PersonnelRoster(PLAN, UNIT, rows)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_group_application_prints_every_field(tmp_path: Path) -> None:
    out = tmp_path / "申请表.pdf"
    assert write_group_application(out, _application()) == []
    (text,) = _pages(out)
    for value in (
        f"{PLAN}团体申请表", "2012年第1期", UNIT, "WH0012", "2012-03-01", "王堃", "0631-5201234", "李喆",
        "13806301234", "山东省威海市环翠区新威路18号", "30.00 元", "150 人", "4,500.00 元", "肆仟伍佰元整",
        "149/150 = 99.3%", "149", "同意参加本期互助保障。", "单位名称（盖章）", "办事处意见（盖章）",
        "缴费标准（元/人·期）", "参加活动的人数占会员总数比例", "在职（人）", "（盖章）", "经办人：",
    ):  # fmt: skip
        assert value in text, value
    assert text.count("年　　月　　日") == 2  # the office's signature line and the filler's


def test_group_application_copies_and_blank_date(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    write_group_application(out, _application(payment_date=None, office_opinion=""), copies=2)
    pages = _pages(out)
    assert len(pages) == 2
    assert "第 2 联 / 共 2 联" in pages[1]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", pages[0])


def test_group_application_long_values_wrap_whole(tmp_path: Path) -> None:
    address = "山东省威海市经济技术开发区崮山镇某某工业园区海滨北路一百二十八号综合办公楼三层东侧" * 2
    opinion = "经审核，该单位参保人数与会员名册一致，缴费金额无误，同意参加本期互助保障活动。" * 3
    out = tmp_path / "a.pdf"
    write_group_application(out, _application(address=address, office_opinion=opinion))
    flat = re.sub(r"\s", "", _pages(out)[0])  # wrapped lines joined again
    assert address in flat and opinion in flat


def test_group_application_refuses_text_that_does_not_fit(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="内容过长"):
        write_group_application(tmp_path / "a.pdf", _application(office_opinion="同意。" * 400))
    assert list(tmp_path.iterdir()) == []


def test_roster_spans_pages_with_header_numbers_and_copies(tmp_path: Path) -> None:
    roster = _roster(120)
    out = tmp_path / "人员手册.pdf"
    assert write_personnel_roster(out, roster, copies=3) == []
    pages = _pages(out)
    per_copy = len(pages) // 3
    assert len(pages) == 3 * per_copy and per_copy >= 3
    for index, text in enumerate(pages):
        copy_no, page_no = divmod(index, per_copy)
        assert f"第 {page_no + 1} 页 共 {per_copy} 页" in text
        assert f"第 {copy_no + 1} 联 / 共 3 联" in text
        assert all(head in text for head in ("序号", "姓名", "性别", "身份证", "医保卡号")), index
        assert f"单位名称：{UNIT}" in text
    assert PLAN in pages[0] and "人员手册" in pages[0]
    first_copy = "\n".join(pages[:per_copy])
    for line in roster.rows:
        assert line.id_number in first_copy  # all 18 characters, never wrapped or cut
        assert line.name in first_copy and line.medical_card in first_copy
    last = pages[per_copy - 1]
    assert "说明：1、表格以Excel形式报送" in last and "2、此表一式三份。" in last
    assert "单位（盖章）" in last and "经办人：" in last and "日期：" in last


def test_roster_never_wraps_long_values(tmp_path: Path) -> None:
    long_card = "WH-2012-000000000012345678"
    rows = [RosterLine(1, "阿卜杜热合曼·买买提明", "男", "37100219800101123X", long_card)]
    out = tmp_path / "r.pdf"
    write_personnel_roster(out, PersonnelRoster(PLAN, UNIT, rows), copies=1)
    (text,) = _pages(out)
    assert "37100219800101123X" in text and long_card in text and "阿卜杜热合曼·买买提明" in text
    assert "第 1 页 共 1 页" in text and "联" not in text


def test_empty_roster_still_prints_the_form(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    write_personnel_roster(out, PersonnelRoster(PLAN, UNIT, []), copies=1)
    (text,) = _pages(out)
    assert "人员手册" in text and "此表一式三份" in text


def test_roster_progress_and_cancel_leave_no_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_personnel_roster(
        tmp_path / "ok.pdf", _roster(500), copies=1, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (500, 500)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(Cancelled):
        write_personnel_roster(tmp_path / "no.pdf", _roster(500), cancel=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.pdf"]


def test_missing_folder_gives_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="不存在"):
        write_personnel_roster(tmp_path / "gone" / "r.pdf", _roster(1))


def _font_files(path: Path) -> list[DictionaryObject]:
    descriptors = []
    for page in PdfReader(path).pages:
        resources = page["/Resources"]
        fonts = dict(resources.get("/Font", {}))
        for xobject in resources.get("/XObject", {}).values():  # page bodies are form XObjects
            fonts.update(xobject.get_object()["/Resources"].get("/Font", {}))
        for font in fonts.values():
            descriptors.append(font.get_object()["/FontDescriptor"].get_object())
    return descriptors


@pytest.mark.parametrize("kind", ["application", "roster"])
def test_font_is_embedded(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "x.pdf"
    if kind == "application":
        write_group_application(out, _application())
    else:
        write_personnel_roster(out, _roster(40), copies=1)
    descriptors = _font_files(out)
    assert descriptors and all("/FontFile2" in d for d in descriptors)
    assert b"STSong" not in out.read_bytes()


def test_missing_glyphs_and_warnings() -> None:
    assert missing_glyphs(RARE + "张三 ABC 0123·（）") == set()
    assert missing_glyphs(f"王{ABSENT}😀") == {ABSENT, "😀"}
    assert (
        glyph_warning("姓名", f"王{ABSENT}") == f"姓名“王{ABSENT}”中的字“{ABSENT}”字体缺少，打印会显示为空白"
    )
    warnings = check_printable(["王䶮", "李堃", "张喆", "赵赟", f"刘{ABSENT}", f"刘{ABSENT}"])
    assert warnings == [f"姓名“刘{ABSENT}”中的字“{ABSENT}”字体缺少，打印会显示为空白"]


def test_writers_return_missing_glyph_warnings(tmp_path: Path) -> None:
    roster = PersonnelRoster(PLAN, UNIT, [RosterLine(1, f"刘{ABSENT}", "男", _id_number(1), "")])
    assert write_personnel_roster(tmp_path / "r.pdf", roster, copies=1) == check_printable([f"刘{ABSENT}"])
    assert ABSENT in write_group_application(tmp_path / "a.pdf", _application(chair_name=f"王{ABSENT}"))[0]


def test_no_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_common, "cjk_font_path", lambda: None)
    pdf_common._font.cache_clear()
    try:
        with pytest.raises(FontUnavailable, match="未找到中文字体"):
            pdf_common.register_font()
    finally:
        monkeypatch.undo()
        pdf_common._font.cache_clear()
        pdf_common.register_font()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_renders(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "r.pdf"
    write_personnel_roster(out, _roster(10), copies=1)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True
    )
    (png,) = tmp_path.glob("p*.png")
    with Image.open(png) as image:
        low, high = image.convert("L").getextrema()
    assert low < 80 and high > 200  # ink on paper, not a blank page
