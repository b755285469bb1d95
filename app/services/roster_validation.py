"""Check every row of an imported roster at once and turn the good ones into MemberDraft.

Pure: no database, no Qt. Each problem becomes a RowError naming the Excel row and the
column header as the clerk sees it, with a Chinese reason; a row with any problem yields no
draft. Duplicates against the database are the caller's job.

Built for 100k-row files, it works column by column: a whole clean column is recognised
by C-level operations (one regex over the joined column, a set of the values), and only the
cells that fail that test go through the per-cell canonicalisation and ``idnumber.validate``
that word the error message; the good rows leave as tuples zipped from the columns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, repeat
from operator import itemgetter
from typing import cast

from app.io.roster_xlsx import RosterSheet
from app.services.roster_cells import (
    CATEGORY_SETS,
    CLEAN_CODES,
    CLEAN_NAMES,
    CLEAN_PHONES,
    CLEAN_TEXTS,
    EARLIEST,
    EMPLOYMENT,
    ENGAGEMENT,
    FLAGS,
    GENDER_OF_DIGIT,
    GENDERS,
    SEP,
    SLOW,
    YearMonth,
    clean_name,
    code_cell,
    date_cell,
    employment_cell,
    engagement_cell,
    fast_ids,
    flag_cell,
    gender_cell,
    id_cell,
    months_cell,
    name_cell,
    phone_cell,
    text_cell,
)
from app.services.roster_types import (
    DraftRow,
    MemberDraft,
    RowError,
)

# A cell check of the slow path: one raw cell in, (its value, the reason it is bad or None) out.
CellCheck = Callable[[object], tuple[object, str | None]]


class _Columns:
    """The sheet's cells column by column; ``fail`` records a problem and marks its row bad."""

    def __init__(self, sheet: RosterSheet) -> None:
        self.row_nos: list[int] = sheet.row_numbers
        self._sheet = sheet
        self.labels = sheet.headers
        self._order = {f: i for i, f in enumerate(sheet.headers)}
        self.found: list[tuple[int, int, RowError]] = []
        self.bad: set[int] = set()

    def has(self, fname: str) -> bool:
        return fname in self.labels

    def cells(self, fname: str) -> list[object]:
        return self._sheet.column(fname)  # not to be changed: it may be the sheet's own list

    def person(self, index: int) -> str:
        if "name" not in self.labels:
            return ""
        value = self.cells("name")[index]
        return clean_name(value) if isinstance(value, str) else ""

    def fail(self, index: int, fname: str, message: str) -> None:
        self.bad.add(index)
        error = RowError(self.row_nos[index], self.labels.get(fname, ""), message, self.person(index))
        self.found.append((index, self._order.get(fname, -1), error))

    def _slow(self, fname: str, cells: list[object], out: list[object], check: CellCheck) -> None:
        if SLOW not in out:
            return
        for i in [i for i, v in enumerate(out) if v is SLOW]:
            out[i], message = check(cells[i])
            if message:
                self.fail(i, fname, message)

    def text(self, fname: str, clean: re.Pattern[str], check: CellCheck) -> list[object]:
        """Text column: one regex over the joined column when every cell is already clean."""
        cells = self.cells(fname)
        if set(map(type, cells)) == {str}:
            joined = SEP.join(cells)  # type: ignore[arg-type]
            if joined.count(SEP) == len(cells) - 1 and clean.fullmatch(joined):
                return cells
        match = clean.fullmatch
        out = [v if v.__class__ is str and match(v) else SLOW for v in cells]
        self._slow(fname, cells, out, check)
        return out

    def mapped(self, fname: str, table: Mapping[str, object], check: CellCheck) -> list[object]:
        """Column of a few known words (性别, 在职状态, 是/否) translated through ``table``."""
        cells = self.cells(fname)
        # calamine's values all hash; a cell that is not a str key (a number, a date) just misses.
        lookup = cast(Callable[[object, object], object], table.get)
        out = list(map(lookup, cells, repeat(SLOW)))
        self._slow(fname, cells, out, check)
        return out

    def dates(self, fname: str, today: dt.date, months: bool = False) -> list[object]:
        cells = self.cells(fname)
        out = [v if v.__class__ is dt.date and EARLIEST <= v <= today else SLOW for v in cells]
        self._slow(fname, cells, out, date_cell(today, months))
        return out

    def errors(self) -> list[RowError]:
        return [error for _, _, error in sorted(self.found, key=itemgetter(0, 1))]


def _or_default(
    columns: _Columns, fname: str, default: object, build: Callable[[], list[object]]
) -> Iterable[object]:
    return build() if columns.has(fname) else repeat(default)


def validate_rows(
    sheet: RosterSheet, *, today: dt.date | None = None
) -> tuple[list[tuple[int, MemberDraft]], list[RowError]]:
    """Good drafts with their Excel row numbers, and every problem of every row (see validate_table)."""
    table, errors = validate_table(sheet, today=today)
    cats = CATEGORY_SETS
    # Positional MemberDraft arguments (a third faster than keywords); DRAFT_ORDER guards the order.
    drafts = [
        (row_no, MemberDraft(name, idn, phone, medical, social, jingka, bank, account, employment, since,
                             cats[model, hardship], insured, unit or None, engagement, months))
        for row_no, name, idn, phone, medical, social, jingka, bank, account, employment, since, model,
            hardship, insured, unit, engagement, months in table
    ]  # fmt: skip
    return drafts, errors


def validate_table(
    sheet: RosterSheet, *, today: dt.date | None = None
) -> tuple[list[DraftRow], list[RowError]]:
    """The good rows as plain DraftRow tuples, and every problem of every row.

    The errors start with ``sheet.errors`` (file-level problems found while reading), so the
    caller can show one list; row errors follow in row order, then column order. A blank
    劳模/特困 means 否, a blank 参加基本医保 means 是, a blank 在职状态 means 在职. A phone typed
    as a number is accepted (no digits are lost below 1e15); card and account numbers typed
    as numbers are refused. Tuples, not MemberDraft: at 100k rows the dataclass instances cost
    a third of the validation.
    """
    today = today or dt.date.today()
    cols = _Columns(sheet)
    label = cols.labels.get
    names = cols.text("name", CLEAN_NAMES, name_cell)

    id_cells = cols.cells("id_number")
    ids = list(id_cells)
    borns = fast_ids(id_cells, today)
    for i in [i for i, born in enumerate(borns) if born is None]:
        ids[i], borns[i], message = id_cell(id_cells[i], today)
        if message:
            cols.fail(i, "id_number", message)
    valid = [idn for idn in ids if idn]
    if len(set(valid)) < len(valid):
        seen: dict[object, int] = {}
        for i, idn in enumerate(ids):
            if idn and (first := seen.setdefault(idn, i)) != i:
                cols.fail(i, "id_number", f"与第 {cols.row_nos[first]} 行身份证号码重复")

    if cols.has("gender"):
        genders = cols.mapped("gender", {**GENDERS, "": ""}, gender_cell)
        for i, (gender, idn) in enumerate(zip(genders, ids, strict=True)):
            if gender and idn and gender != (expected := GENDER_OF_DIGIT[idn[16]]):  # type: ignore[index]
                cols.fail(i, "gender", f"性别与身份证号码不符（身份证号码显示为{expected}）")
    if cols.has("birth_date"):
        births = cols.dates("birth_date", today, months=True)
        for i, (birth, born) in enumerate(zip(births, borns, strict=True)):
            if isinstance(birth, YearMonth) and born:
                if (birth.year, birth.month) != (born.year, born.month):
                    cols.fail(i, "birth_date", f"出生年月与身份证号码不符（身份证号码中为 {born:%Y-%m}）")
            elif birth and born and birth != born:
                cols.fail(i, "birth_date", f"出生日期与身份证号码不符（身份证号码中为 {born.isoformat()}）")
    sinces = _or_default(cols, "union_member_since", None, lambda: cols.dates("union_member_since", today))
    if cols.has("union_member_since"):
        for i, (since, born) in enumerate(zip(sinces, borns, strict=True)):
            if since and born and since < born:  # type: ignore[operator]
                cols.fail(i, "union_member_since", "入会日期早于出生日期")

    def code(fname: str, **kw: bool) -> Iterable[object]:
        return _or_default(
            cols, fname, "", lambda: cols.text(fname, CLEAN_CODES, code_cell(label(fname, ""), **kw))
        )

    def flag(fname: str, default: bool) -> Iterable[object]:
        table = {**FLAGS, "": default}
        return _or_default(cols, fname, default, lambda: cols.mapped(fname, table, flag_cell(default)))

    kinds = {**ENGAGEMENT, "": "regular"}
    engagements = _or_default(
        cols, "engagement", "regular", lambda: cols.mapped("engagement", kinds, engagement_cell)
    )
    months: Iterable[object] = repeat(None)
    if cols.has("engagement_months"):
        given: list[object] = []
        for i, cell in enumerate(cols.cells("engagement_months")):
            month, message = months_cell(cell)
            given.append(month)
            if message:
                cols.fail(i, "engagement_months", message)
        months = given
    if cols.has("engagement"):
        engagements = list(engagements)
        for i, (kind, engaged) in enumerate(zip(engagements, months, strict=False)):
            if kind == "temporary" and engaged is None and i not in cols.bad:
                cols.fail(i, "engagement", "临时职工须填写聘用期（月数）")
    columns = zip(
        cols.row_nos,
        names,
        ids,
        _or_default(cols, "phone", "", lambda: cols.text("phone", CLEAN_PHONES, phone_cell)),
        code("medical_card"),
        code("social_security_card"),
        code("jingka_card"),
        _or_default(cols, "bank_name", "", lambda: cols.text("bank_name", CLEAN_TEXTS, text_cell)),
        code("bank_account"),
        _or_default(
            cols,
            "employment",
            "in_service",
            lambda: cols.mapped("employment", {**EMPLOYMENT, "": "in_service"}, employment_cell),
        ),
        sinces,
        flag("model_worker", False),
        flag("hardship", False),
        flag("basic_medical_insurance", True),
        code("unit_code", numbers_ok=True),
        engagements,
        months,
        strict=False,  # absent columns are endless repeat(default)
    )
    if cols.bad:  # C-level from here: zip builds the tuples, compress drops the bad rows
        good = [True] * len(cols.row_nos)
        for i in cols.bad:
            good[i] = False
        table = list(compress(columns, good))
    else:
        table = list(columns)
    return table, [*sheet.errors, *cols.errors()]
