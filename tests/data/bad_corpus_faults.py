# ruff: noqa: E501
"""Issue 15's cases for the bad-input corpus: files that would take the memory, files named for
another format, encrypted OpenDocument, amounts a clerk might type in a claims batch.

Imported by make_bad_corpus.py, which turns ``CASES`` into its ``Bad`` entries. Every file is
made without holding its uncompressed size: the 1 GiB cell is deflated once per megabyte with
full flushes and the same compressed block repeated, so the corpus regenerates in a second.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

_DOS_TIME, _DOS_DATE = 0, (2020 - 1980) << 9 | 1 << 5 | 1  # 2020-01-01 00:00
_MB = 1 << 20
HEADER = ["序号", "姓名", "性别", "身份证号码"]
ID_ODS, ID_XLSX = "110105198001020636", "110105198512150643"  # valid, born 1980 and 1985
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


class Part:
    """A zip member: bytes, or (head, a one-byte fill repeated ``size`` times, tail)."""

    def __init__(self, name: str, body: bytes = b"", fill: bytes = b"", size: int = 0, tail: bytes = b"") -> None:
        self.name, self.body, self.fill, self.size, self.tail = name, body, fill, size, tail

    def deflated(self) -> tuple[bytes, int, int]:
        """(raw deflate data, CRC-32, uncompressed size)."""
        if not self.size:
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            return co.compress(self.body) + co.flush(), zlib.crc32(self.body), len(self.body)
        pieces, crc = [], 0
        for data, final in ((self.body, False), (self.fill * _MB, False), (self.tail, True)):
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            pieces.append(co.compress(data) + co.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH))
        head, block, tail = pieces
        crc = zlib.crc32(self.body)
        chunk = self.fill * _MB
        for _ in range(self.size // _MB):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(self.tail, crc)
        return head + block * (self.size // _MB) + tail, crc, len(self.body) + self.size // _MB * _MB + len(self.tail)


def zip_bytes(parts: list[Part]) -> bytes:
    """A plain zip (no zip64, no data descriptors) of ``parts``, deterministic."""
    out, central = bytearray(), bytearray()
    for part in parts:
        name = part.name.encode()
        data, crc, size = part.deflated()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, _DOS_TIME, _DOS_DATE, crc, len(data), size,
                           len(name), 0) + name + data  # fmt: skip
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, _DOS_TIME, _DOS_DATE, crc,
                               len(data), size, len(name), 0, 0, 0, 0, 0, offset) + name  # fmt: skip
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), start, 0)
    return bytes(out)


# --------------------------------------------------------------------------- .xlsx by hand


def _cell(ref: str, value: str) -> str:
    text = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(number: int, values: list[str]) -> str:
    cols = "ABCDEFGHIJ"
    return f'<row r="{number}">' + "".join(_cell(f"{cols[i]}{number}", v) for i, v in enumerate(values)) + "</row>"


def xlsx_parts(sheet: Part) -> list[Part]:
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
          'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>')  # fmt: skip
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
    wb = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="http://schemas.openxmlformats.org/'
          'officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets>'
          "</workbook>")  # fmt: skip
    wb_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
               'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')  # fmt: skip
    return [Part("[Content_Types].xml", ct.encode()), Part("_rels/.rels", rels.encode()),
            Part("xl/workbook.xml", wb.encode()), Part("xl/_rels/workbook.xml.rels", wb_rels.encode()),
            sheet]  # fmt: skip


def _sheet_head(rows: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>{rows}'.encode()


_SHEET_TAIL = b"</sheetData></worksheet>"


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def zip_bomb(path: Path) -> None:
    """One 1 GiB cell in a ~1 MB file: the header row, then B2 holds 2**30 letters A."""
    head = _sheet_head(_row(1, HEADER) + '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c>'
                       '<c r="B2" t="inlineStr"><is><t>')  # fmt: skip
    sheet = Part("xl/worksheets/sheet1.xml", head, b"A", 1 << 30, b"</t></is></c></row>" + _SHEET_TAIL)
    path.write_bytes(zip_bytes(xlsx_parts(sheet)))


def long_cell(path: Path) -> None:
    """A 50,000-character name: more than Excel itself allows in a cell."""
    rows = _row(1, ["单位名称：荣成市石岛渔业公司"]) + _row(2, HEADER)
    rows += _row(3, ["1", "张" * 50_000, "男", ID_ODS])
    path.write_bytes(zip_bytes(xlsx_parts(Part("xl/worksheets/sheet1.xml", _sheet_head(rows) + _SHEET_TAIL))))


def cell_20mb(path: Path) -> None:
    head = _sheet_head(_row(1, HEADER) + '<row r="2"><c r="B2" t="inlineStr"><is><t>')
    sheet = Part("xl/worksheets/sheet1.xml", head, b"Z", 20 << 20, b"</t></is></c></row>" + _SHEET_TAIL)
    path.write_bytes(zip_bytes(xlsx_parts(sheet)))


def far_cell(path: Path) -> None:
    """A small roster plus one cell at XFD1048576: a dense reader lays out 17 billion cells."""
    rows = _row(1, HEADER) + _row(2, ["1", "张三", "男", "110105198001020038"])
    rows += '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path.write_bytes(zip_bytes(xlsx_parts(Part("xl/worksheets/sheet1.xml", _sheet_head(rows) + _SHEET_TAIL))))


# --------------------------------------------------------------------------- .ods by hand

_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"')  # fmt: skip


def _ods_cell(value: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{value}</text:p></table:table-cell>'


def ods_bytes(rows_xml: str, encrypted: bool = False) -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:body>'
               f'<office:spreadsheet><table:table table:name="名册">{rows_xml}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")  # fmt: skip
    crypt = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
             '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
             '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
             'manifest:salt="AAAA"/></manifest:encryption-data>') if encrypted else ""  # fmt: skip
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                f'manifest:full-path="/" manifest:media-type="{_ODS_MIME.decode()}"/><manifest:file-entry '
                f'manifest:full-path="content.xml" manifest:media-type="text/xml">{crypt}</manifest:file-entry>'
                "</manifest:manifest>")  # fmt: skip
    body = bytes(b ^ 0x5A for b in content.encode()) if encrypted else content.encode()  # scrambled, as if
    return zip_bytes([Part("mimetype", _ODS_MIME), Part("META-INF/manifest.xml", manifest.encode()),
                      Part("content.xml", body)])  # fmt: skip


def _ods_rows(*rows: list[str]) -> str:
    return "".join("<table:table-row>" + "".join(_ods_cell(v) for v in r) + "</table:table-row>" for r in rows)


def ods_repeat_bomb(path: Path) -> None:
    """A filled cell repeated 1,000,000,000 times across a row (LibreOffice repeats blank ones)."""
    rows = _ods_rows(HEADER) + "<table:table-row>" + _ods_cell("张三", 1_000_000_000) + "</table:table-row>"
    path.write_bytes(ods_bytes(rows))


def ods_encrypted(path: Path) -> None:
    path.write_bytes(ods_bytes(_ods_rows(HEADER, ["1", "张三", "男", "110105198001020038"]), encrypted=True))


def ods_as_xlsx(path: Path) -> None:
    """A good OpenDocument roster saved under the name .xlsx: read by content, it imports."""
    path.write_bytes(ods_bytes(_ods_rows(["威海市工会会员爱心互助补充医疗保险工程"], ["单位名称：荣成市石岛渔业公司"], HEADER, ["1", "张三", "男", ID_ODS])))


def xlsx_as_ods(path: Path) -> None:
    """A good .xlsx roster saved under the name .ods: read by content, it imports."""
    rows = _row(1, ["威海市工会会员爱心互助补充医疗保险工程"]) + _row(2, ["单位名称：荣成市石岛渔业公司"])
    rows += _row(3, HEADER) + _row(4, ["1", "李四", "女", ID_XLSX])
    path.write_bytes(zip_bytes(xlsx_parts(Part("xl/worksheets/sheet1.xml", _sheet_head(rows) + _SHEET_TAIL))))


def batch_no_5000_digits(folder: Path) -> None:
    """A batch folder whose manifest's batch number has 5,000 digits (Python's int limit is 4,300)."""
    import hashlib
    import json

    folder.mkdir(parents=True)
    body = "第一批参保名单\n".encode()
    (folder / "说明.txt").write_bytes(body)
    manifest = {"format": "hzbz-batch", "format_version": 1, "created_at": "2020-01-01T00:00:00",
                "kind": "enrollment", "unit": {"code": "U001", "name": "荣成市石岛渔业公司"}, "batch_no": 1,
                "files": [{"name": "说明.txt", "sha256": hashlib.sha256(body).hexdigest(), "size": len(body),
                           "encrypted": False}]}  # fmt: skip
    text = json.dumps(manifest, ensure_ascii=False, indent=2).replace('"batch_no": 1', '"batch_no": ' + "9" * 5000)
    (folder / "manifest.json").write_text(text, encoding="utf-8")


# (name, kind, what, expect, row, column, make) — see make_bad_corpus.Bad.
CASES: list[tuple[str, str, str, tuple[str, ...], int, str, Any]] = [
    ("roster/zip_bomb_1gib_cell.xlsx", "roster", "a 1 MB .xlsx holding one 1 GiB cell (zip bomb)",
     ("解压后过大", "拒绝读取"), 0, "", zip_bomb),
    ("roster/cell_50000_chars.xlsx", "roster", "a 50,000-character name cell (Excel allows 32,767)",
     ("姓名过长",), 3, "姓名", long_cell),
    ("roster/cell_20mb.xlsx", "roster", "one 20 MB cell (~20 KB compressed)",
     ("16 MB", "拒绝读取"), 0, "", cell_20mb),
    ("roster/cell_at_xfd1048576.xlsx", "roster", "one cell at XFD1048576 (a dense reader's memory bomb)",
     ("列数过多", "拒绝读取"), 0, "", far_cell),
    ("roster/ods_repeated_cell.ods", "roster", "an .ods repeating one filled cell 10^9 times",
     ("重复", "拒绝读取"), 0, "", ods_repeat_bomb),
    ("roster/ods_encrypted.ods", "roster", "a password-protected .ods",
     ("已加密", "密码"), 0, "", ods_encrypted),
    ("roster/ods_named_xlsx.xlsx", "roster_ok", "an OpenDocument roster named .xlsx (read by content)",
     (ID_ODS,), 0, "", ods_as_xlsx),
    ("batch/batch_no_5000_digits", "batch", "a manifest whose batch number has 5,000 digits",
     ("manifest.json", "5,000 位"), 0, "", batch_no_5000_digits),
    ("roster/xlsx_named_ods.ods", "roster_ok", "an .xlsx roster named .ods (read by content)",
     (ID_XLSX,), 0, "", xlsx_as_ods),
]  # fmt: skip
