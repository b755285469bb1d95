"""The bad-input corpus (issue 7 item 6) and formula injection (item 7).

Every file or case in tests/data/bad/ gets a clear Chinese message, never a traceback, and
changes nothing; the few marked ACCEPTED import and store the canonical ID number. Formula-
looking text written to .xlsx reads back as text, not as a formula.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.commands import rules_cmd
from app.io.batch import decrypt_office_file, verify_batch
from app.io.group_application_xlsx import write_group_application_xlsx
from app.io.pdf_enrollment import GroupApplication
from app.models import Member, Unit
from app.models.audit import AuditEvent
from app.models.db import SessionFactory
from app.rules.errors import PlanError
from app.rules.plans import load_plans, plan_from_toml_text
from app.services import roster_import
from app.services.auth import Actor
from app.services.errors import InputErrors
from app.services.roster import RosterService
from tests import factories
from tests.cli_helpers import login, run
from tests.conftest import ADMIN_PASSWORD, CLERK_PASSWORD

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"


def _load_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad_corpus", DATA / "make_bad_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()
CORPUS = corpus.CORPUS


def cases(*kinds: str) -> list[object]:
    return [pytest.param(b, id=b.name) for b in CORPUS if b.kind in kinds]


def counts(sessions: SessionFactory) -> tuple[int, int, int]:
    with sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0 for m in (Member, Unit, AuditEvent))  # type: ignore[return-value]


@pytest.fixture
def populated(sessions: SessionFactory, clerk: Actor) -> SessionFactory:
    """A unit with one member, so "unchanged" is not just "still empty"."""
    roster = RosterService(sessions, clerk)
    factories.member(roster, factories.unit(roster), "老会员", factories.id_number(dt.date(1960, 1, 1)))
    return sessions


# --------------------------------------------------------------------------- the corpus itself


def test_corpus_is_big_enough_listed_and_present() -> None:
    assert len(CORPUS) >= 40
    names = [b.name for b in CORPUS]
    assert len(set(names)) == len(names)
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert (BAD / name).exists(), f"{name} missing: run tests/data/make_bad_corpus.py"
        assert f"`{name}`" in readme
    on_disk = {f"{d.name}/{p.name}" for d in BAD.iterdir() if d.is_dir() for p in d.iterdir()}
    assert on_disk == set(names), "files in tests/data/bad/ not in the corpus list"


def test_corpus_regenerates_byte_for_byte(tmp_path: Path) -> None:
    corpus.build(tmp_path / "bad")
    fresh = {
        p.relative_to(tmp_path / "bad"): p.read_bytes() for p in (tmp_path / "bad").rglob("*") if p.is_file()
    }
    stored = {p.relative_to(BAD): p.read_bytes() for p in BAD.rglob("*") if p.is_file()}
    assert fresh.keys() == stored.keys()
    assert [k for k in fresh if fresh[k] != stored[k]] == [], "corpus out of date: rerun make_bad_corpus.py"


def _has_words(text: str, words: tuple[str, ...]) -> None:
    assert "Traceback" not in text and "Error:" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    for word in words:
        assert word in text, f"“{word}” not in: {text[:500]}"


# --------------------------------------------------------------------------- rosters


@pytest.mark.parametrize("bad", cases("roster"))
def test_bad_roster_is_refused_and_changes_nothing(bad, populated: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    before = counts(populated)
    with pytest.raises(InputErrors) as info:
        roster_import.import_roster(populated, clerk, BAD / bad.name)
    _has_words(str(info.value), bad.expect)
    errors = info.value.errors
    assert errors and all(e.message for e in errors)
    if bad.row:
        assert any(e.row == bad.row and e.column == bad.column for e in errors), errors
        assert f"第 {bad.row} 行“{bad.column}”列" in str(info.value)
    assert counts(populated) == before


def test_every_bad_roster_by_the_command_exits_2_and_changes_nothing(
    populated: SessionFactory, clerk: Actor, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15 item 9: every refused roster of the corpus through ``import-roster`` as a clerk
    types it, on both databases (one database for all files): exit 2, the row and field named,
    no traceback; row counts and ``audit verify`` as they were."""
    before = counts(populated)
    clerk_login = login(tmp_path, "clerk1", CLERK_PASSWORD)
    for bad in (b for b in CORPUS if b.kind in ("roster", "encrypted")):
        code, out, err = run(capsys, "--db", db_url, *clerk_login, "import-roster", str(BAD / bad.name))
        assert code == 2 and out == "", (bad.name, err)
        _has_words(err, bad.expect if bad.kind == "roster" else ("已加密",))
        assert "内部错误" not in err, (bad.name, err)
        if bad.row:
            assert f"第 {bad.row} 行“{bad.column}”列" in err, (bad.name, err)
        assert counts(populated) == before, bad.name
    code, out, err = run(capsys, "--db", db_url, *login(tmp_path, "admin", ADMIN_PASSWORD), "audit", "verify")
    assert code == 0, err


@pytest.mark.parametrize("bad", cases("roster_ok"))
def test_accepted_roster_stores_canonical_ids(bad, populated: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    members, units, _ = counts(populated)
    report = roster_import.import_roster(populated, clerk, BAD / bad.name)
    assert report.imported == len(bad.expect) and report.errors == []
    with populated() as s:
        stored = s.execute(select(Member.id_number, Member.name, Member.union_member_since)).all()
    new = {number: (name, since) for number, name, since in stored if number in bad.expect}
    assert sorted(new) == sorted(bad.expect)
    assert all(name.isprintable() and name == name.strip() and " " not in name for name, _ in new.values())
    if "dates_valid" in bad.name:
        assert {since for _, since in new.values()} == {dt.date(2012, 3, 1)}
    assert counts(populated)[:2] == (members + len(bad.expect), units + 1)  # the unit named in the title


@pytest.mark.parametrize("bad", cases("encrypted"))
def test_encrypted_roster(bad, populated: SessionFactory, clerk: Actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = counts(populated)
    with pytest.raises(InputErrors, match="已加密"):
        roster_import.import_roster(populated, clerk, BAD / bad.name)
    with pytest.raises(ValueError, match="密码不正确"):
        decrypt_office_file(BAD / bad.name, "错误密码", tmp_path / "plain.xlsx")
    assert counts(populated) == before
    decrypt_office_file(BAD / bad.name, corpus.PASSWORD, tmp_path / "plain.xlsx")  # the right one works
    assert roster_import.import_roster(populated, clerk, tmp_path / "plain.xlsx").imported == 1


# --------------------------------------------------------------------------- batches


@pytest.mark.parametrize("bad", cases("batch"))
def test_bad_batch_is_reported(bad) -> None:  # type: ignore[no-untyped-def]
    problems = verify_batch(BAD / bad.name)
    assert problems
    _has_words("\n".join(problems), bad.expect)


@pytest.mark.parametrize("bad", cases("bundle"))
def test_batch_whose_manifest_lies_is_refused(bad) -> None:  # type: ignore[no-untyped-def]
    batch_import = pytest.importorskip("app.services.batch_import")
    assert verify_batch(BAD / bad.name) == []  # the checksums are right: only the counts lie
    with pytest.raises(batch_import.BatchRefused) as info:
        batch_import.read_bundle(BAD / bad.name, today=dt.date(2024, 1, 1))
    _has_words(str(info.value), bad.expect)


# --------------------------------------------------------------------------- rules CLI and plans


@pytest.mark.parametrize("bad", cases("claims", "enrollment"))
def test_bad_case_exits_2_naming_case_and_field(bad, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    command = "evaluate" if bad.kind == "claims" else "check-enrollment"
    code = rules_cmd.main(["rules", command, str(BAD / bad.name)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    _has_words(err, bad.expect)


@pytest.mark.parametrize("bad", cases("plan"))
def test_bad_plan_file_raises_plan_error(bad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = BAD / bad.name
    with pytest.raises(PlanError) as info:
        plan_from_toml_text(path.read_text(encoding="utf-8"), path.name)
    _has_words(str(info.value), (path.name, *bad.expect))
    (tmp_path / path.name).write_bytes(path.read_bytes())  # the same through a plan folder
    with pytest.raises(PlanError, match=path.name):
        load_plans(tmp_path)


def test_amount_in_words_refuses_absurd_amounts(capsys: pytest.CaptureFixture[str]) -> None:
    for amount in ("1e999", "9" * 40, "-1", "1.234", "abc"):
        assert rules_cmd.main(["rules", "amount-in-words", amount]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("错误：")


# --------------------------------------------------------------------------- formula injection (item 7)

FORMULAS = ("=1+1", "+8613800000000", "-5", "@SUM(A1)")


def _formula_looking_cells(path: Path) -> list[tuple[str, str]]:
    """(value, data_type) of every cell whose text starts like a formula."""
    ws = load_workbook(path).active
    return [
        (c.value if c.data_type != "f" else str(c.value), c.data_type)
        for r in ws.iter_rows()
        for c in r
        if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]


def test_roster_exports_write_formula_looking_text_as_text(
    sessions: SessionFactory, clerk: Actor, tmp_path: Path
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, name='=HYPERLINK("http://x")单位')
    names = ["=张三", "+李四", "-王五", "@赵六"]
    for i, name in enumerate(names):
        factories.member(roster, uid, name, phone="+8613800000000", medical_card=f"-00{i}",
                         bank_name="=SUM(A1:A9)", bank_account=f"-62220{i}")  # fmt: skip
    for layout in ("personnel", "full"):
        out = tmp_path / f"{layout}.xlsx"
        assert roster_import.export_roster(sessions, "U001", layout, out) == 4
        cells = _formula_looking_cells(out)
        values = {v for v, _ in cells}
        assert set(names) <= values and {"-000", "-003"} <= values
        if layout == "full":
            assert {"+8613800000000", "=SUM(A1:A9)", "-622200"} <= values
        assert cells and all(t == "s" for _, t in cells), [c for c in cells if c[1] != "s"]


def _application(plan_title: str = "威海市工会会员爱心互助补充医疗保险工程") -> GroupApplication:
    return GroupApplication(
        plan_title=plan_title, period_no="=1", unit_name="=cmd|' /C calc'!A0", unit_code="-U001",
        payment_date=None, chair_name="@张三", chair_contact="+8613800000000", handler_name="-李四",
        handler_contact="=2+3", address="@地址", fee_standard=Decimal("36"), payer_count=2,
        amount=Decimal("72"), participation_ratio="=2/2", in_service=2, office_opinion="+同意",
    )  # fmt: skip


def test_group_application_writes_formula_looking_text_as_text(tmp_path: Path) -> None:
    out = tmp_path / "团体申请表.xlsx"
    write_group_application_xlsx(out, _application())
    cells = _formula_looking_cells(out)
    values = {v for v, _ in cells}
    assert {"=cmd|' /C calc'!A0", "-U001", "@张三", "+8613800000000", "=2+3", "=2/2", "+同意"} <= values
    assert all(t == "s" for _, t in cells), [c for c in cells if c[1] != "s"]


def test_group_application_title_is_text_too(tmp_path: Path) -> None:
    out = tmp_path / "团体申请表.xlsx"
    write_group_application_xlsx(out, _application("=标题"))
    assert load_workbook(out).active["A1"].data_type == "s"
