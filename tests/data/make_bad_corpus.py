"""Regenerate the bad-input corpus in tests/data/bad/ (issue 7 item 6) and its README.

Run from the repository root: ``.venv/bin/python tests/data/make_bad_corpus.py``. Output is
byte-for-byte deterministic (fixed zip timestamps and document dates, seeded encryption
salt), so a regenerated corpus shows no diff. ``CORPUS`` is also what tests/test_bad_input.py
checks each file against: what is wrong and the key words of the expected message.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import random
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from app.rules.idnumber import check_char  # noqa: E402

BAD = Path(__file__).resolve().parent / "bad"
UNIT = "荣成市石岛渔业公司"
HEADER = ["序号", "姓名", "性别", "身份证号码", "医保卡号", "联系电话", "入会日期", "在职状态"]
PASSWORD = "正确密码123"
# Kinds: roster (import refused), roster_ok (imported, canonical ID stored), encrypted (refused;
# wrong password refused), batch (verify_batch), bundle (batch_import.read_bundle), claims /
# enrollment (rules CLI exit 2), plan (PlanError).
Kind = Literal["roster", "roster_ok", "encrypted", "batch", "bundle", "claims", "enrollment", "plan"]


@dataclass(frozen=True)
class Bad:
    name: str  # path under tests/data/bad/
    kind: Kind
    what: str  # what is wrong (README)
    expect: tuple[str, ...]  # key words of the message (for roster_ok: the canonical IDs stored)
    row: int = 0  # Excel row of the first error (0: file-level)
    column: str = ""  # column header of that error
    make: Callable[[Path], None] | None = field(default=None, repr=False, compare=False)


def idn(birth: str, seq: int, male: bool = True) -> str:
    """A valid ID number born on ``birth`` (YYYYMMDD)."""
    first17 = f"110105{birth}{seq * 2 + male:03d}"
    return first17 + check_char(first17)


ID1, ID2, ID3 = idn("19800102", 1), idn("19851215", 2, male=False), idn("19900630", 3)
ID_X = next(n for s in range(1, 400) if (n := idn("19750301", s)).endswith("X"))


# --------------------------------------------------------------------------- xlsx helpers

_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _deterministic(data: bytes) -> bytes:
    """The same zip with fixed member timestamps and fixed document dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_DATE.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", body)
            dst.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _save(wb: Workbook, path: Path, patch: Callable[[bytes], bytes] | None = None) -> None:
    raw = io.BytesIO()
    wb.save(raw)
    data = raw.getvalue()
    if patch is not None:
        data = patch(data)
    path.write_bytes(_deterministic(data))


def roster_book(rows: list[list[object]], header: list[str] | None = None, title: bool = True) -> Workbook:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["威海市工会会员爱心互助补充医疗保险工程"])
        ws.append([f"单位名称：{UNIT}"])
    ws.append(header or HEADER)
    for r in rows:
        ws.append(r)
    return wb


def row(
    seq: int, name: str, number: object, since: object = "2010-01-01", status: str = "在职"
) -> list[object]:
    return [seq, name, "", number, "", "", since, status]


def roster_file(rows: list[list[object]], **kw: Any) -> Callable[[Path], None]:
    return lambda path: _save(roster_book(rows, **kw), path)


def _merged(path: Path) -> None:
    wb = roster_book(
        [row(1, "张三", ID1, status="退休"), row(2, "李四", ID2, status=""), row(3, "王五", ID3)]
    )
    wb.active.merge_cells("H4:H5")  # 退休 for two people, but only the first cell holds it
    _save(wb, path)


def _formulas(cached: bool) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        wb = roster_book([row(1, "张三", ID1), row(2, '=A1&"x"', ID2), row(3, "王五", ID3, since="=1/0")])
        if not cached:
            _save(wb, path)
            return

        def excel_like(data: bytes) -> bytes:
            # Excel stores the last computed value beside the formula; openpyxl cannot.
            src = zipfile.ZipFile(io.BytesIO(data))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as dst:
                for info in src.infolist():
                    body = src.read(info.filename)
                    if info.filename == "xl/worksheets/sheet1.xml":
                        body = body.replace(
                            b'<c r="B5"><f>A1&amp;"x"</f><v></v></c>',
                            b'<c r="B5" t="str"><f>A1&amp;"x"</f><v>\xe5\xbc\xa0x</v></c>',
                        ).replace(
                            b'<c r="G6"><f>1/0</f><v></v></c>',
                            b'<c r="G6" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
                        )
                    dst.writestr(info, body)
            return out.getvalue()

        _save(wb, path, excel_like)

    return make


def _second_sheet(path: Path) -> None:
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["请在第二个工作表填写人员名单"])
    data = wb.create_sheet("人员手册")
    data.append([f"单位名称：{UNIT}"])
    data.append(HEADER)
    data.append(row(1, "张三", ID1))
    data.append(row(2, "李四", ID2))
    _save(wb, path)


def _empty_workbook(path: Path) -> None:
    wb = Workbook()
    wb.create_sheet("Sheet2")
    _save(wb, path)


def _truncated(path: Path) -> None:
    roster_file([row(1, "张三", ID1)])(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zip_not_ooxml(path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("名单.txt", _FIXED_TIME), "张三,110105198001020038\n")
    path.write_bytes(out.getvalue())


def _png(path: Path) -> None:
    # A 1x1 PNG renamed .xlsx.
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )


class _FixedNow(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FixedNow:
        return cls(2020, 1, 1)


def _encrypted(path: Path) -> None:
    import msoffcrypto
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    plain = path.with_suffix(".plain")
    roster_file([row(1, "张三", ID1)])(plain)
    seeded = random.Random(7)
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    # Fixed salt, key and OLE timestamps: a stable file.
    ecma376_agile._random_buffer, ecma376_encrypted.datetime = seeded.randbytes, _FixedNow
    try:
        with open(plain, "rb") as src, open(path, "wb") as dst:
            msoffcrypto.OfficeFile(src).encrypt(PASSWORD, dst)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
        plain.unlink()


# --------------------------------------------------------------------------- batch folders


def _batch(files: dict[str, bytes], manifest: dict[str, Any], tamper: Callable[[Path], None] | None = None):
    """A batch folder as app.io.batch.write_batch makes it, with a fixed created_at."""
    import hashlib

    def make(folder: Path) -> None:
        folder.mkdir(parents=True)
        entries = []
        for name, body in files.items():
            (folder / name).write_bytes(body)
            entries.append({"name": name, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body),
                            "encrypted": False})  # fmt: skip
        body = {"format": "hzbz-batch", "format_version": 1, "created_at": "2020-01-01T00:00:00",
                **manifest, "files": entries}  # fmt: skip
        (folder / "manifest.json").write_text(
            json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        if tamper is not None:
            tamper(folder)

    return make


def _xlsx_bytes(wb: Workbook) -> bytes:
    raw = io.BytesIO()
    wb.save(raw)
    return _deterministic(raw.getvalue())


def _enrollment_batch(count_said: int) -> Callable[[Path], None]:
    roster = Workbook()
    ws = roster.active
    ws.append(["人员手册"])
    ws.append([f"单位名称：{UNIT}"])
    ws.append(["序号", "姓名", "性别", "身份证", "医保卡号"])
    ws.append([1, "张三", "男", ID1, ""])
    ws.append([2, "李四", "女", ID2, ""])
    application = Workbook()
    for label, value in (
        ("期数", "1"),
        ("单位编码", "U001"),
        ("缴费人数", str(count_said)),
        ("缴费金额", "72.00"),
    ):
        application.active.append([label, value])
    manifest = {
        "kind": "enrollment",
        "unit": {"code": "U001", "name": UNIT},
        "batch_no": 1,
        "period": 1,
        "counts": {"members": count_said},
        "totals": {"amount": "72.00"},
        "members": [{"id_number": ID1, "name": "张三"}, {"id_number": ID2, "name": "李四"}],
    }
    return _batch(
        {"人员手册.xlsx": _xlsx_bytes(roster), "团体申请表.xlsx": _xlsx_bytes(application)}, manifest
    )


def _flip_byte(name: str) -> Callable[[Path], None]:
    def tamper(folder: Path) -> None:
        data = bytearray((folder / name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (folder / name).write_bytes(bytes(data))

    return tamper


def _manifest_text(text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / "manifest.json").write_text(text, encoding="utf-8")


def _manifest_size(folder: Path) -> None:
    body = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    body["files"][0]["size"] += 100
    (folder / "manifest.json").write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")


_NOTE = {"说明.txt": "第一批参保名单\n".encode()}


# --------------------------------------------------------------------------- JSON cases and plans

CLAIM: dict[str, Any] = {
    "id": "c1",
    "plan": "jilin-2020-hospital-combo",
    "benefit": "hospital_allowance",
    "applied_on": "2020-06-01",
    "member": {"birth_date": "1980-05-01", "employment": "in_service", "categories": []},
    "beneficiary": {"relation": "self"},
    "coverage": {"period_start": "2020-02-01", "period_end": "2021-01-31", "effective_date": "2020-02-01",
                 "tier": None, "consecutive_years": 1},
    "event": {"admission_date": "2020-05-01", "discharge_date": "2020-05-11", "local": True,
              "hospital_grade": 2},
    "history": [],
}  # fmt: skip
RELIEF_EVENT = {"event_id": "e1", "event_date": "2020-05-01", "cause": "accident", "self_pay_1": "150000",
                "self_pay_2": "50000", "out_of_pocket": "10000"}  # fmt: skip
ENROLLMENT: dict[str, Any] = {
    "id": "u1",
    "plan": "jilin-2020-hospital-combo",
    "as_of": "2020-02-01",
    "unit": {"has_union": True, "headcount": 2},
    "members": [{"key": "m1", "birth_date": "1980-01-01", "employment": "in_service", "union_member": True,
                 "basic_medical_insurance": True, "shares": 1}],
    "enrolled": ["m1"],
}  # fmt: skip


def variant(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of ``base`` with ``a__b=value`` set (``...`` deletes the key)."""
    data = copy.deepcopy(base)
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for p in parents:
            target = target[int(p)] if isinstance(target, list) else target[p]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return data


def relief(**changes: Any) -> dict[str, Any]:
    return variant(CLAIM, benefit="relief", plan="beijing-relief", event=dict(RELIEF_EVENT), **changes)


def json_file(data: Any) -> Callable[[Path], None]:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1)
    return lambda path: path.write_text(text, encoding="utf-8")


PLAN = """code = "corpus-plan"
version = "2020-01-01"
name = "语料测试方案"

[benefits.hospital_allowance]
kind = "daily_allowance"
name = "住院津贴"
local_daily = 50.00
local_stay_cap = 4500.00
remote_daily = 40.00
remote_stay_cap = 3600.00
min_stay_days = 2
min_hospital_grade = 2
max_paid_per_period = 2
period_cap = 9000.00
min_payment = 100.00
"""


def plan_file(old: str, new: str) -> Callable[[Path], None]:
    assert old in PLAN, old
    return lambda path: path.write_text(PLAN.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- the corpus

_NOT_XLSX = ("不是有效的 Excel 文件",)
_NO_HEADER = ("没有找到", "姓名", "身份证号码", "表头")

CORPUS: list[Bad] = [
    # Files that are not workbooks at all.
    Bad(
        "roster/text_renamed.xlsx",
        "roster",
        "a CSV file renamed .xlsx: read by its content (issue 16), refused only for naming no unit",
        ("单位名称", "--unit"),
        make=lambda p: p.write_text("姓名,身份证号码\n张三,110105198001020038\n", encoding="utf-8"),
    ),
    Bad("roster/png_renamed.xlsx", "roster", "a PNG picture renamed .xlsx", _NOT_XLSX, make=_png),
    Bad(
        "roster/zip_not_ooxml.xlsx",
        "roster",
        "a zip archive holding a .txt, not an Office workbook",
        _NOT_XLSX,
        make=_zip_not_ooxml,
    ),
    Bad(
        "roster/truncated.xlsx",
        "roster",
        "an xlsx cut off half way (pulled USB stick)",
        _NOT_XLSX,
        make=_truncated,
    ),
    Bad(
        "roster/zero_bytes.xlsx",
        "roster",
        "an empty (0-byte) file",
        ("文件为空",),
        make=lambda p: p.write_bytes(b""),
    ),
    Bad(
        "roster/encrypted.xlsx",
        "encrypted",
        f"password-protected workbook (password {PASSWORD}); read plainly, and decrypted with a wrong "
        "password",
        ("已加密", "密码"),
        make=_encrypted,
    ),
    # Workbooks without a usable roster.
    Bad(
        "roster/empty_workbook.xlsx",
        "roster",
        "two sheets, no cell filled",
        ("工作簿为空",),
        make=_empty_workbook,
    ),
    Bad(
        "roster/header_only.xlsx",
        "roster",
        "the header row and nothing under it",
        ("表头下没有任何人员数据",),
        make=roster_file([]),
    ),
    Bad(
        "roster/missing_name_header.xlsx",
        "roster",
        "no 姓名 column",
        _NO_HEADER,
        make=roster_file([[1, "", ID1]], header=["序号", "名字", "身份证号码"]),
    ),
    Bad(
        "roster/missing_id_header.xlsx",
        "roster",
        "no 身份证 column",
        _NO_HEADER,
        make=roster_file([[1, "张三", ID1]], header=["序号", "姓名", "证件"]),
    ),
    Bad(
        "roster/foreign_headers.xlsx",
        "roster",
        "English headers only (Name, ID No.)",
        _NO_HEADER,
        make=roster_file([[1, "Zhang San", ID1]], header=["No.", "Name", "ID No."]),
    ),
    Bad(
        "roster/second_sheet.xlsx",
        "roster_ok",
        "notes on the first sheet, the roster on the second: ACCEPTED (the reader takes the first sheet "
        "with a 姓名 + 身份证 header)",
        (ID1, ID2),
        make=_second_sheet,
    ),
    # Cells Excel made wrong.
    Bad(
        "roster/merged_rows.xlsx",
        "roster",
        "在职状态 退休 merged over two member rows (H4:H5)",
        ("合并单元格", "第 4–5 行"),
        4,
        "在职状态",
        make=_merged,
    ),
    Bad(
        "roster/formulas.xlsx",
        "roster",
        'formulas =A1&"x" (姓名) and =1/0 (入会日期), no cached value',
        ("公式", '=A1&"x"', "粘贴为数值"),
        5,
        "姓名",
        make=_formulas(cached=False),
    ),
    Bad(
        "roster/formulas_cached.xlsx",
        "roster",
        'the same formulas with the values Excel caches ("张x", #DIV/0!)',
        ("公式", "=1/0"),
        5,
        "姓名",
        make=_formulas(cached=True),
    ),
    Bad(
        "roster/numeric_id.xlsx",
        "roster",
        "ID typed as a number (float, last digits lost)",
        ("数字格式", "设为文本"),
        5,
        "身份证号码",
        make=roster_file([row(1, "张三", ID1), row(2, "李四", float(ID3[:17] + "1"))]),
    ),
    Bad(
        "roster/numeric_card.xlsx",
        "roster",
        "医保卡号 typed as a number",
        ("医保卡号", "数字格式"),
        4,
        "医保卡号",
        make=roster_file([[1, "张三", "", ID1, 12345678.0, "", "", "在职"]]),
    ),
    Bad(
        "roster/check_digit.xlsx",
        "roster",
        "ID with a wrong check digit",
        ("校验位错误",),
        4,
        "身份证号码",
        make=roster_file([row(1, "张三", ID1[:17] + ("1" if ID1[17] != "1" else "2"))]),
    ),
    Bad(
        "roster/short_id.xlsx",
        "roster",
        "ID of 15 characters (old format)",
        ("应为 18 位",),
        4,
        "身份证号码",
        make=roster_file([row(1, "张三", ID1[:6] + ID1[8:17])]),
    ),
    Bad(
        "roster/future_birth_id.xlsx",
        "roster",
        "ID whose birth date is 2090-01-01",
        ("出生日期", "不合理"),
        4,
        "身份证号码",
        make=roster_file([row(1, "张三", idn("20900101", 5))]),
    ),
    Bad(
        "roster/fullwidth_digits.xlsx",
        "roster_ok",
        "ID in full-width digits: ACCEPTED, stored half-width",
        (ID1,),
        make=roster_file(
            [row(1, "张三", ID1.translate(str.maketrans("0123456789", "０１２３４５６７８９")))]
        ),
    ),
    Bad(
        "roster/lowercase_x.xlsx",
        "roster_ok",
        "ID ending in lower-case x: ACCEPTED, stored with X",
        (ID_X,),
        make=roster_file([row(1, "张三", ID_X.lower())]),
    ),
    Bad(
        "roster/invisible_chars.xlsx",
        "roster_ok",
        "spaces, NBSP, ideographic and zero-width spaces, BOM in IDs and names: ACCEPTED, stored clean",
        (ID1, ID2),
        make=roster_file(
            [
                row(1, " 张\u200b三 ", f" {ID1[:6]}\u00a0{ID1[6:14]}\u200b{ID1[14:]}\ufeff"),
                row(2, "李\u3000四", f"\u3000{ID2}\t"),
            ]
        ),
    ),
    Bad(
        "roster/duplicate_rows.xlsx",
        "roster",
        "the same person on two rows",
        ("与第 4 行身份证号码重复",),
        5,
        "身份证号码",
        make=roster_file([row(1, "张三", ID1), row(2, "张三", ID1)]),
    ),
    Bad(
        "roster/huge_cell.xlsx",
        "roster",
        "a 10 MB name (3.5 million characters)",
        ("姓名过长",),
        4,
        "姓名",
        make=roster_file([row(1, "张" * 3_500_000, ID1)]),
    ),
    Bad(
        "roster/name_with_digits.xlsx",
        "roster",
        "a name holding digits",
        ("姓名中含有数字",),
        4,
        "姓名",
        make=roster_file([row(1, "张三3", ID1)]),
    ),
    Bad(
        "roster/dates_text_bad.xlsx",
        "roster",
        "入会日期 as text with month 13",
        ("无法识别的日期", "2012年13月1日"),
        4,
        "入会日期",
        make=roster_file([row(1, "张三", ID1, since="2012年13月1日")]),
    ),
    Bad(
        "roster/dates_serial_absurd.xlsx",
        "roster",
        "入会日期 as serials 2958465 (9999-12-31) and -5",
        ("晚于今天", "9999-12-31"),
        4,
        "入会日期",
        make=roster_file([row(1, "张三", ID1, since=2958465), row(2, "李四", ID2, since=-5)]),
    ),
    Bad(
        "roster/dates_before_birth.xlsx",
        "roster",
        "入会日期 1970-01-01, before the 1980 birth in the ID",
        ("入会日期早于出生日期",),
        4,
        "入会日期",
        make=roster_file([row(1, "张三", ID1, since="1970-01-01")]),
    ),
    Bad(
        "roster/dates_valid_forms.xlsx",
        "roster_ok",
        "入会日期 as text 2012年3月1日, as 2012/3/1 and as serial 40969: ACCEPTED (all 2012-03-01)",
        (ID1, ID2, ID3),
        make=roster_file(
            [
                row(1, "张三", ID1, since="2012年3月1日"),
                row(2, "李四", ID2, since="2012/3/1"),
                row(3, "王五", ID3, since=40969),
            ]
        ),
    ),
    Bad(
        "roster/bad_status.xlsx",
        "roster",
        "在职状态 上班 (not 在职/退休/离职)",
        ("在职状态应为",),
        4,
        "在职状态",
        make=roster_file([row(1, "张三", ID1, status="上班")]),
    ),
    # Batch folders.
    Bad(
        "batch/changed_byte",
        "batch",
        "one byte of 说明.txt changed after the manifest was written",
        ("说明.txt", "与清单不符"),
        make=_batch(_NOTE, {"kind": "enrollment"}, _flip_byte("说明.txt")),
    ),
    Bad(
        "batch/manifest_not_json",
        "batch",
        "manifest.json is not JSON",
        ("manifest.json", "已损坏"),
        make=_batch(_NOTE, {}, _manifest_text("{这不是 JSON")),
    ),
    Bad(
        "batch/manifest_foreign",
        "batch",
        "manifest.json is JSON of another program",
        ("不是本程序",),
        make=_batch(_NOTE, {}, _manifest_text('{"format": "other"}')),
    ),
    Bad(
        "batch/manifest_missing",
        "batch",
        "no manifest.json",
        ("没有 manifest.json",),
        make=_batch(_NOTE, {}, lambda f: (f / "manifest.json").unlink()),
    ),
    Bad(
        "batch/manifest_lies_size",
        "batch",
        "the manifest gives 说明.txt a size 100 bytes too big",
        ("与清单不符",),
        make=_batch(_NOTE, {}, _manifest_size),
    ),
    Bad(
        "batch/extra_file",
        "batch",
        "a file not in the manifest",
        ("清单中没有的文件", "多余.txt"),
        make=_batch(_NOTE, {}, lambda f: (f / "多余.txt").write_text("?", encoding="utf-8")),
    ),
    Bad(
        "batch/manifest_lies_count",
        "bundle",
        "an enrollment batch whose manifest says 3 members; the files have 2",
        ("清单称有 3 人",),
        make=_enrollment_batch(3),
    ),
    # Claim cases for `rules evaluate`.
    Bad("claims/not_json.json", "claims", "not JSON", ("不是有效的 JSON",), make=json_file("[{'id': 'c1'}")),
    Bad("claims/not_array.json", "claims", "one case, not an array", ("JSON 数组",), make=json_file(CLAIM)),
    Bad(
        "claims/case_not_object.json", "claims", "an array of numbers", ("第 1 个", "id"), make=json_file([1])
    ),
    Bad(
        "claims/missing_plan.json",
        "claims",
        "no plan",
        ("案件 c1", "plan", "缺失"),
        make=json_file([variant(CLAIM, plan=...)]),
    ),
    Bad(
        "claims/missing_event_field.json",
        "claims",
        "event without discharge_date",
        ("案件 c1", "event.discharge_date", "缺失"),
        make=json_file([variant(CLAIM, event__discharge_date=...)]),
    ),
    Bad(
        "claims/wrong_type_grade.json",
        "claims",
        'hospital_grade "二级" (text)',
        ("event.hospital_grade", "整数"),
        make=json_file([variant(CLAIM, event__hospital_grade="二级")]),
    ),
    Bad(
        "claims/wrong_type_local.json",
        "claims",
        'local "是" (not true/false)',
        ("event.local", "true 或 false"),
        make=json_file([variant(CLAIM, event__local="是")]),
    ),
    Bad(
        "claims/member_not_object.json",
        "claims",
        "member is a string",
        ("member", "JSON 对象"),
        make=json_file([variant(CLAIM, member="张三")]),
    ),
    Bad(
        "claims/unknown_plan.json",
        "claims",
        "plan no-such-plan",
        ("plan", "未知方案", "no-such-plan"),
        make=json_file([variant(CLAIM, plan="no-such-plan")]),
    ),
    Bad(
        "claims/unknown_benefit.json",
        "claims",
        "benefit dental (not in the plan)",
        ("benefit", "dental"),
        make=json_file([variant(CLAIM, benefit="dental")]),
    ),
    Bad(
        "claims/negative_amount.json",
        "claims",
        "self_pay_1 -100",
        ("event.self_pay_1", "负数"),
        make=json_file([relief(event__self_pay_1="-100")]),
    ),
    Bad(
        "claims/nonnumeric_amount.json",
        "claims",
        "self_pay_2 一万元",
        ("event.self_pay_2", "不是有效金额"),
        make=json_file([relief(event__self_pay_2="一万元")]),
    ),
    Bad(
        "claims/three_decimals.json",
        "claims",
        "out_of_pocket 100.123",
        ("event.out_of_pocket", "两位小数"),
        make=json_file([relief(event__out_of_pocket="100.123")]),
    ),
    Bad(
        "claims/float_amount.json",
        "claims",
        "amount true (a boolean)",
        ("event.self_pay_1", "金额"),
        make=json_file([relief(event__self_pay_1=True)]),
    ),
    Bad(
        "claims/huge_amount.json",
        "claims",
        "self_pay_1 1e999",
        ("event.self_pay_1", "不是有效金额"),
        make=json_file([relief(event__self_pay_1="1e999")]),
    ),
    Bad(
        "claims/bad_date.json",
        "claims",
        "admission_date 2020-02-30",
        ("event.admission_date", "YYYY-MM-DD"),
        make=json_file([variant(CLAIM, event__admission_date="2020-02-30")]),
    ),
    Bad(
        "claims/date_slashes.json",
        "claims",
        "applied_on 2020/06/01",
        ("applied_on", "YYYY-MM-DD"),
        make=json_file([variant(CLAIM, applied_on="2020/06/01")]),
    ),
    Bad(
        "claims/discharge_before_admission.json",
        "claims",
        "discharged before admitted",
        ("event.discharge_date", "早于入院日期"),
        make=json_file([variant(CLAIM, event__discharge_date="2020-04-01")]),
    ),
    Bad(
        "claims/bad_category.json",
        "claims",
        "category vip",
        ("member.categories", "vip"),
        make=json_file([variant(CLAIM, member__categories=["vip"])]),
    ),
    Bad(
        "claims/bad_history.json",
        "claims",
        "history paid 五百",
        ("history[0].paid", "不是有效金额"),
        make=json_file(
            [
                variant(
                    CLAIM, history=[{"benefit": "hospital_allowance", "paid": "五百", "date": "2020-03-01"}]
                )
            ]
        ),
    ),
    Bad(
        "claims/second_case_bad.json",
        "claims",
        "a good case then one without id",
        ("第 2 个", "id"),
        make=json_file([CLAIM, variant(CLAIM, id=...)]),
    ),
    # Enrollment cases for `rules check-enrollment`.
    Bad(
        "enrollment/missing_unit.json",
        "enrollment",
        "no unit",
        ("案件 u1", "unit", "缺失"),
        make=json_file([variant(ENROLLMENT, unit=...)]),
    ),
    Bad(
        "enrollment/negative_headcount.json",
        "enrollment",
        "headcount -3",
        ("unit.headcount", "-3"),
        make=json_file([variant(ENROLLMENT, unit__headcount=-3)]),
    ),
    Bad(
        "enrollment/bad_birth_date.json",
        "enrollment",
        "birth_date 1980-13-01",
        ("members[0].birth_date", "YYYY-MM-DD"),
        make=json_file([variant(ENROLLMENT, members__0__birth_date="1980-13-01")]),
    ),
    Bad(
        "enrollment/bad_employment.json",
        "enrollment",
        "employment 上班",
        ("members[0].employment", "in_service"),
        make=json_file([variant(ENROLLMENT, members__0__employment="上班")]),
    ),
    Bad(
        "enrollment/huge_shares.json",
        "enrollment",
        "shares 10^30",
        ("members[0].shares", "过大"),
        make=json_file([variant(ENROLLMENT, members__0__shares=10**30)]),
    ),
    Bad(
        "enrollment/unknown_plan.json",
        "enrollment",
        "plan no-such-plan",
        ("plan", "no-such-plan"),
        make=json_file([variant(ENROLLMENT, plan="no-such-plan")]),
    ),
    Bad(
        "enrollment/duplicate_key.json",
        "enrollment",
        "two members with key m1",
        ("members", "重复"),
        make=json_file([variant(ENROLLMENT, members=ENROLLMENT["members"] * 2)]),
    ),
    Bad(
        "enrollment/enrolled_not_text.json",
        "enrollment",
        "enrolled [1]",
        ("enrolled", "文本数组"),
        make=json_file([variant(ENROLLMENT, enrolled=[1])]),
    ),
    # Plan files.
    Bad(
        "plans/syntax_error.toml",
        "plan",
        "TOML syntax error (unclosed string)",
        ("TOML 格式错误",),
        make=plan_file('name = "语料测试方案"', 'name = "语料测试方案'),
    ),
    Bad(
        "plans/missing_code.toml",
        "plan",
        "no code",
        ("code", "缺失"),
        make=plan_file('code = "corpus-plan"\n', ""),
    ),
    Bad(
        "plans/negative_cap.toml",
        "plan",
        "local_stay_cap = -4500",
        ("local_stay_cap", "非负数"),
        make=plan_file("local_stay_cap = 4500.00", "local_stay_cap = -4500.00"),
    ),
    Bad(
        "plans/unknown_kind.toml",
        "plan",
        "kind = magic",
        ("未知的计算方式", "magic"),
        make=plan_file('kind = "daily_allowance"', 'kind = "magic"'),
    ),
    Bad(
        "plans/figure_not_number.toml",
        "plan",
        'local_daily = "五十"',
        ("local_daily", "不是数字"),
        make=plan_file("local_daily = 50.00", 'local_daily = "五十"'),
    ),
    Bad(
        "plans/bad_version.toml",
        "plan",
        'version = "2020-13-01"',
        ("version", "日期"),
        make=plan_file('version = "2020-01-01"', 'version = "2020-13-01"'),
    ),
    Bad(
        "plans/no_benefits.toml",
        "plan",
        "no benefits table",
        ("benefits",),
        make=lambda p: p.write_text(PLAN.split("[benefits")[0], encoding="utf-8"),
    ),
]

# Issue 15: zip bombs, oversized cells and sheets, encrypted and misnamed OpenDocument files.
from tests.data.bad_corpus_faults import CASES  # noqa: E402

CORPUS += [Bad(*case) for case in CASES]


def readme() -> str:
    lines = [
        "# Bad-input corpus (issue 7 item 6)",
        "",
        "Generated by `tests/data/make_bad_corpus.py` (run it from the repository root; output is",
        "deterministic); checked by `tests/test_bad_input.py`. One line per file or folder: what is",
        "wrong → key words of the Chinese message expected (row and column where the problem is a cell).",
        "ACCEPTED files import and store the canonical ID numbers.",
        "",
    ]
    for bad in CORPUS:
        where = f" (第 {bad.row} 行“{bad.column}”列)" if bad.row else ""
        if bad.kind == "roster_ok":
            expect = "imports; stores " + ", ".join(bad.expect)
        else:
            expect = " / ".join(f"“{w}”" for w in bad.expect) + where
        lines.append(f"- `{bad.name}` [{bad.kind}] — {bad.what} → {expect}")
    return "\n".join(lines) + "\n"


def build(target: Path = BAD) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for bad in CORPUS:
        path = target / bad.name
        path.parent.mkdir(parents=True, exist_ok=True)
        assert bad.make is not None
        bad.make(path)
    (target / "README.md").write_text(readme(), encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else BAD)
    print(f"{len(CORPUS)} files and cases in {BAD if len(sys.argv) < 2 else sys.argv[1]}")
