"""A worksheet read in pieces gives exactly the rows calamine gives for the whole sheet."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from app.io import roster_stream, xlsx_chunks

SHEET = "xl/worksheets/sheet1.xml"


def _whole(path: Path) -> list[list[object]]:
    return list(CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows())


def _pieces(path: Path) -> list[list[object]]:
    got = xlsx_chunks.sheet_rows(path, SHEET)
    assert got is not None, "this file should be read in pieces"
    return list(got.rows)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_chunks, "PIECE_BYTES", 600)  # a few rows a piece: every boundary is crossed


def test_inline_strings_numbers_dates_and_gaps_across_many_pieces(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "w.xlsx"
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("名册")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_string(1, 1, "单位名称：某公司")  # starts in column B, row 2
    for r in range(3, 300):
        if r % 37 == 0:
            continue  # blank rows inside the sheet, some at a piece's edge
        ws.write_string(r, 1, f"张{r}")
        ws.write_string(r, 2, f"11010119900307{r:04d}")
        ws.write_number(r, 3, r * 1.5)
        ws.write_datetime(r, 4, dt.datetime(2020, 1, 1) + dt.timedelta(days=r), day)
    ws.write_string(310, 6, "尾注")  # wider than the rows above, far below
    wb.close()
    assert _pieces(path) == _whole(path)


def test_openpyxl_files_and_a_column_left_of_the_first_piece(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "o.xlsx"
    wb = Workbook()
    ws = wb.active
    ws["B1"] = "姓名"
    ws["C1"] = "身份证号码"
    for r in range(2, 200):
        ws.cell(r, 2, f"李{r % 7}")
        ws.cell(r, 3, f"1101011990030{r:05d}")
    ws.cell(150, 1, "备注")  # left of everything the first piece holds
    wb.save(path)
    assert _pieces(path) == _whole(path)


def test_shared_strings_as_excel_writes_them(tmp_path: Path, small_pieces: None) -> None:
    strings = "".join(f"<si><t>赵{n}</t></si>" for n in range(10))
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n % 10}</v></c></row>' for n in range(1, 150))
    path = _hand_made(tmp_path, f'<dimension ref="A1:A149"/><sheetData>{rows}</sheetData>', sst.encode())
    got = _pieces(path)
    assert got == _whole(path)
    assert got[148] == ["赵9"]


def test_rows_without_r_attributes_keep_their_numbers(tmp_path: Path, small_pieces: None) -> None:
    rows = "".join(f'<row><c t="inlineStr"><is><t>行{n}</t></is></c></row>' for n in range(1, 120))
    path = _hand_made(tmp_path, f'<dimension ref="A1:A119"/><sheetData>{rows}</sheetData>')
    got = _pieces(path)
    assert got == _whole(path)
    assert got[118] == ["行119"]


def test_files_it_cannot_read_in_pieces_are_left_to_the_whole_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_dimension = _hand_made(tmp_path, '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')
    assert xlsx_chunks.sheet_rows(no_dimension, SHEET) is None
    empty = _hand_made(tmp_path, '<dimension ref="A1"/><sheetData/>')
    assert xlsx_chunks.sheet_rows(empty, SHEET) is None
    assert xlsx_chunks.sheet_rows(tmp_path / "nothing.xlsx", SHEET) is None
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>'
    strings = _hand_made(
        tmp_path,
        '<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
        sst,
    )
    monkeypatch.setattr(xlsx_chunks, "SHARED_STRINGS_LIMIT", 10)  # every piece would parse it again
    assert xlsx_chunks.sheet_rows(strings, SHEET) is None


def test_a_damaged_piece_refuses_the_import_with_the_row_it_is_near(
    tmp_path: Path, small_pieces: None
) -> None:
    rows = [
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{text}</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>{number}</t></is></c></row>'
        for n, text, number in [(1, "姓名", "身份证号码")]
        + [(n, f"王{n}", f"1101011990030{n:05d}") for n in range(2, 300)]
    ]
    rows[250] = rows[250].replace("</is></c>", "</is>", 1)  # an element left open
    path = _hand_made(tmp_path, f'<dimension ref="A1:B299"/><sheetData>{"".join(rows)}</sheetData>')
    stream = roster_stream.stream_roster(path, chunk=20)
    assert not stream.head.errors
    parts = list(stream.chunks)
    last = parts[-1].errors
    assert len(last) == 1 and last[0].row == 0
    assert "工作表内容已损坏" in last[0].message


def _hand_made(folder: Path, sheet_body: str, strings: bytes = b"") -> Path:
    """A minimal .xlsx whose one sheet is ``sheet_body`` (the package a piece is parsed in)."""
    path = folder / f"hand{len(list(folder.iterdir()))}.xlsx"
    frame = xlsx_chunks._Frame(b"", b"", strings, False)
    with zipfile.ZipFile(path, "w") as zf:
        with zipfile.ZipFile(io.BytesIO(frame.workbook(b""))) as template:
            for name in template.namelist():
                if name != SHEET:
                    zf.writestr(name, template.read(name))
        zf.writestr(
            SHEET,
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet_body}</worksheet>',
        )
    return path


def test_a_reader_that_stops_early_leaves_no_worker_behind(tmp_path: Path, small_pieces: None) -> None:
    """The preview reads one chunk and drops the rest: the parsing thread ends by itself and
    closes the file; dropping the rows never waits for it."""
    import threading

    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>行{n}</t></is></c></row>' for n in range(1, 400)
    )
    path = _hand_made(tmp_path, f'<dimension ref="A1:A399"/><sheetData>{rows}</sheetData>')
    got = xlsx_chunks.sheet_rows(path, SHEET)
    assert got is not None
    assert next(got.rows) == ["行1"]
    workers = [t for t in threading.enumerate() if t.name == "xlsx-pieces"]
    assert workers
    got.rows.close()
    for worker in workers:
        worker.join(timeout=30)
        assert not worker.is_alive()


def test_rows_that_go_back_to_earlier_numbers_are_refused(tmp_path: Path, small_pieces: None) -> None:
    """A forged sheet puts row 3 again after row 199: in pieces it would be misnumbered (and a
    formula or merge check would look at the wrong row), so the import stops there."""
    rows = [
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{text}</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>{number}</t></is></c></row>'
        for n, text, number in [(1, "姓名", "身份证号码")]
        + [(n, f"王{n}", f"1101011990030{n:05d}") for n in [*range(2, 200), 3]]
    ]
    path = _hand_made(tmp_path, f'<dimension ref="A1:B199"/><sheetData>{"".join(rows)}</sheetData>')
    parts = list(roster_stream.stream_roster(path, chunk=20).chunks)
    last = parts[-1].errors
    assert len(last) == 1 and last[0].row == 0
    assert "行号倒退" in last[0].message
