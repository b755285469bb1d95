"""The 团体申请表 (seed 004, attachment 2) as an .xlsx: label | value, every value as text."""

from __future__ import annotations

import os

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from app.io.pdf_enrollment import GroupApplication
from app.io.xlsx_safe import atomic_write

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def application_rows(a: GroupApplication) -> list[tuple[str, str]]:
    """The form's fields in the seed's order, formatted as printed."""
    return [
        ("期数", str(a.period_no)),
        ("单位名称（盖章）", a.unit_name),
        ("单位编码", a.unit_code),
        ("缴款日期（2012—01—01格式）", a.payment_date.isoformat() if a.payment_date else ""),
        ("工会主席姓名", a.chair_name),
        ("联系方式", a.chair_contact),
        ("经办人姓名", a.handler_name),
        ("经办人联系方式", a.handler_contact),
        ("申请单位地址", a.address),
        ("保障期", a.period_text),
        ("缴费标准（元/人·期）", f"{a.fee_standard:.2f}"),
        ("补助（元/人）", f"{a.subsidy:.2f}"),
        ("每人缴费（元）", f"{a.pays:.2f}"),
        ("参加人数", str(a.payer_count + a.free_count if a.enrolled is None else a.enrolled)),
        ("免缴人数", str(a.free_count)),
        ("缴费人数", str(a.payer_count)),
        ("缴费金额", f"{a.amount:.2f}"),
        ("参加活动的人数占会员总数比例", a.participation_ratio),
        ("在职（人）", str(a.in_service)),
        ("办事处意见（盖章）", a.office_opinion),
    ]


def write_group_application_xlsx(path: str | os.PathLike[str], a: GroupApplication) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "团体申请表"
    ws.append([f"{a.plan_title}团体申请表"])
    ws["A1"].data_type = "s"  # a plan name beginning with = must stay text
    ws.merge_cells("A1:B1")
    ws["A1"].font = Font(size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    for label, value in application_rows(a):
        ws.append([label, value])
        row = ws.max_row
        cell = ws.cell(row, 2)
        cell.data_type = "s"  # text even when it looks like a number or a formula
        cell.number_format = "@"
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
        for col in (1, 2):
            ws.cell(row, col).border = _BOX
            ws.cell(row, col).alignment = Alignment(vertical="center", wrap_text=True)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 48
    with atomic_write(path) as tmp:
        wb.save(tmp)
