"""The role-by-command matrix: every headless command that writes or reads personal data, run by
each role with the right password and by an administrator with a wrong one.

A role the command is for gets exit 0; any other role gets exit 2 with 无权 and nothing written
(the audit log, where every write is recorded, has not grown); a wrong password gets exit 2
with 用户名或密码错误, nothing written, and the failure counted. Each run works on its own copy
of a template office (and, for the results batch, a unit's copy) built once for the module.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.models.db import open_database
from app.services.auth import Actor
from app.services.backup import backup_now
from app.services.batch_import import BatchImporter
from app.services.batch_results import BatchResults
from app.services.claims import ClaimService
from app.services.contributions import ContributionService
from app.services.enrollment import EnrollmentService
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.keys import KeyService
from app.services.roster import RosterService, UnitDraft
from app.services.user_admin import UserAdmin
from app.services.users import OfficeInfo, UserService
from tests import conftest, factories
from tests.cli_helpers import login, new_password, run
from tests.exchange_helpers import office_for, pair
from tests.factories_claims import JILIN, enrolled_member, hospital_stay
from tests.services.test_batch_import import weihai_period

PASSWORDS = {
    "admin": "admin-pass",
    "clerk1": "clerk-pass",
    "auditor1": "auditor-pass",
    "intake": "clerk-pass",
}
ROLES = {"admin": "admin", "clerk": "clerk1", "auditor": "auditor1"}
ALL = {"admin", "clerk", "auditor"}
WRITERS = {"admin", "clerk"}  # roster, enrollment and claim intake
AUDITORS = {"admin", "auditor"}
ADMIN = {"admin"}


def _site(path: Path, office: str) -> tuple[object, object, dict[str, Actor]]:
    engine, sessions = open_database(f"sqlite:///{path}")
    admin = UserService(sessions).set_up(OfficeInfo(office, "办事处", "威海市"), "admin", PASSWORDS["admin"])
    actors = {"admin": admin}
    for name, role in (("clerk1", "clerk"), ("auditor1", "auditor"), ("intake", "clerk")):
        info = UserAdmin(sessions, admin).create_user(name, PASSWORDS[name], role, temporary=False)
        actors[name] = Actor(info.id, info.username, info.role)
    return engine, sessions, actors


@dataclass
class Template:
    folder: Path
    claims: dict[str, str]  # status → claim number
    spare_id: str  # an unenrolled member's ID number
    files: dict[str, Path]
    unit_fingerprint: str = ""  # the unit's key, as printed on its paper


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    folder = tmp_path_factory.mktemp("matrix")
    with pytest.MonkeyPatch.context() as mp:
        conftest.cheap_password_hashes(mp)
        mp.setenv("HZBZ_DATA_DIR", str(folder / "data"))
        return _build(folder)


@pytest.fixture(autouse=True)
def _template_keys(template: Template, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The copies of the template's databases sign with the template's keys; each test has its own
    copy of the data folder, so one copy's audit checkpoints do not witness against another's."""
    shutil.copytree(template.folder / "data", tmp_path / "data")
    monkeypatch.setenv("HZBZ_DATA_DIR", str(tmp_path / "data"))


def _build(folder: Path) -> Template:
    engine, sessions, who = _site(folder / "office.db", "市办事处")
    clerk, auditor = who["clerk1"], who["auditor1"]
    claims: dict[str, str] = {}
    # Claims are taken in by a clerk outside the matrix: the duty rules keep a claim's submitter
    # from reviewing, auditing or approving it (tests/services/test_duties.py).
    service, checking = ClaimService(sessions, who["intake"]), ClaimService(sessions, auditor)
    stages = {
        "draft": [],
        "submitted": ["submit"],
        "unit_reviewed": ["submit", "review"],
        "office_audited": ["submit", "review", "audit"],
        "approved": ["submit", "review", "audit", "approve"],
    }
    for k, (status, steps) in enumerate(stages.items()):
        _uid, mid = enrolled_member(sessions, clerk, name="张王李赵钱孙"[k] + "三")
        no = service.create(hospital_stay(mid, admission=dt.date(2020, 5, 1 + k)))
        for step in steps:
            (service if step == "submit" else checking).act(no, step, today=dt.date(2020, 6, 1))
        claims[status] = no
    roster = RosterService(sessions, clerk)
    unit = roster.unit_by_code("U001").id
    spare_id = factories.id_number(dt.date(1983, 3, 3))
    factories.member(roster, unit, "未参保", spare_id)
    _uid, case_member = enrolled_member(sessions, clerk, name="新理赔")
    files = {}
    wb = Workbook()
    wb.active.append(["姓名", "身份证号码"])
    wb.active.append(["王五", factories.id_number(dt.date(1982, 2, 2))])
    wb.save(folder / "roster.xlsx")
    files["roster"] = folder / "roster.xlsx"
    case = {
        "id_number": roster.member(case_member).draft.id_number,
        "plan": JILIN,
        "benefit": "hospital_allowance",
        "applied_on": "2020-06-01",
        "materials": "all",
        "event": {
            "admission_date": "2020-05-01",
            "discharge_date": "2020-05-04",
            "local": False,
            "hospital_grade": 3,
        },
    }
    files["case"] = folder / "case.json"
    files["case"].write_text(json.dumps(case), encoding="utf-8")
    files["backup"] = backup_now(f"sqlite:///{folder / 'office.db'}", folder / "backups")

    # A unit's own copy: its enrollment batch comes to the office, the office's results go back.
    unit_engine, unit_sessions, unit_who = _site(folder / "unit.db", "第一机械厂工会")
    unit_clerk = unit_who["clerk1"]
    unit_roster = RosterService(unit_sessions, unit_clerk)
    wh = unit_roster.save_unit(UnitDraft("WH001", "威海市第一机械厂", "张主席", "", "李经办", "", "", 2, 2))
    for i in range(2):
        factories.member(unit_roster, wh, ("王芳", "赵磊")[i], factories.id_number(dt.date(1980, 3, 1 + i)))
    period = weihai_period(unit_sessions, unit_clerk)
    EnrollmentService(unit_sessions, unit_clerk).enroll_all_eligible(
        wh, period, dt.date(2012, 3, 12), as_of=dt.date(2012, 3, 5)
    )
    ContributionService(unit_sessions, unit_clerk).record_payment(
        wh, period, "72", "现金", dt.date(2012, 3, 6), today=dt.date(2012, 3, 6)
    )
    # Keys: the unit and the office register each other's; the office reports to a city office.
    pair((unit_sessions, unit_clerk), (sessions, who["admin"]), folder / "keys")
    office_for((sessions, who["admin"]), folder / "city")
    files["unitkey"] = folder / "keys" / "unit.hzbzkey"
    unit_keys = KeyService(unit_sessions, unit_clerk)
    unit_keys.export_public(files["unitkey"])
    unit_fingerprint = unit_keys.identity().fingerprint
    files["batch"] = EnrollmentDocuments(unit_sessions, unit_clerk).export_batch(
        wh, period, folder / "usb", today=dt.date(2012, 3, 8)
    )
    _snapshot(folder / "office.db", folder / "office_pre.db")  # before it takes the batch in
    importer = BatchImporter(sessions, clerk)
    preview = importer.preview_batch(files["batch"])
    assert not preview.refusals and not preview.unresolved({})
    importer.import_batch(files["batch"])
    files["results"] = BatchResults(sessions, clerk).export_results("WH001", folder / "results")
    engine.dispose()  # type: ignore[attr-defined]
    unit_engine.dispose()  # type: ignore[attr-defined]
    for name in ("office.db", "office_pre.db", "unit.db"):
        _checkpoint(folder / name)
    return Template(folder, claims, spare_id, files, unit_fingerprint)


def _snapshot(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _checkpoint(path: Path) -> None:
    """One self-contained file to copy (no -wal beside it)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def audit_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_events").fetchone()[0])


def failures(path: Path, name: str) -> int:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT failures FROM login_failures WHERE name_key = ?", (name,)).fetchone()
        return int(row[0]) if row else 0


Argv = Callable[[Template, Path], list[str]]


def argv(line: str) -> Argv:
    """``line`` with {out} (this run's folder), {draft} … {approved} (claim numbers), {spare}
    (an unenrolled member's ID number) and the template's files filled in."""

    def build(t: Template, out: Path) -> list[str]:
        fields = {**t.claims, **{k: str(v) for k, v in t.files.items()}, "out": str(out), "spare": t.spare_id,
                  "unitfp": t.unit_fingerprint}  # fmt: skip
        words = [w.format(**fields) for w in line.split()]
        if words[-1] == "NEWPW":  # a new password for user add / user passwd
            words[-1:] = new_password(out, "new-pass-2026")
        return words

    return build


PERIOD = f"--plan {JILIN} --period 1"
# (command, database, what is run, roles it is for, whether the audit log grows when it runs)
COMMANDS: list[tuple[str, str, Argv, set[str], bool]] = [
    ("import-roster", "office", argv("import-roster {roster} --unit U001"), WRITERS, True),
    ("export-roster", "office", argv("export-roster --unit U001 --out {out}/r.xlsx"), ALL, False),
    ("demo-data", "office", argv("demo-data --units 1 --members 2 --seed 8"), WRITERS, True),
    ("user add", "office", argv("user add newbie --role clerk NEWPW"), ADMIN, True),
    ("user passwd NAME", "office", argv("user passwd clerk1 NEWPW"), ADMIN, True),
    ("user passwd (own)", "office", argv("user passwd NEWPW"), ALL, True),
    ("user disable", "office", argv("user disable auditor1"), ADMIN, True),
    ("user enable", "office", argv("user enable auditor1"), ADMIN, False),
    ("user role", "office", argv("user role auditor1 clerk"), ADMIN, True),
    ("user unlock", "office", argv("user unlock auditor1"), ADMIN, False),
    ("user list", "office", argv("user list"), ADMIN, False),
    ("enroll", "office",
     argv(f"enroll {PERIOD} --unit U001 --id-number {{spare}} --as-of 2020-02-01"), WRITERS, True),
    ("record-payment", "office",
     argv(f"record-payment --unit U001 {PERIOD} --amount 10 --method cash --date 2020-02-03"), WRITERS, True),
    ("print", "office", argv(f"print personnel-roster --unit U001 {PERIOD} --out {{out}}/p.pdf"), ALL, False),
    ("print claim-form", "office", argv("print claim-form --claim {approved} --out {out}/c.pdf"), ALL, False),
    ("export-batch", "office", argv(f"export-batch --unit U001 {PERIOD} --out {{out}}/usb"), WRITERS, True),
    ("claim new", "office", argv("claim new {case}"), WRITERS, True),
    ("claim show", "office", argv("claim show {approved} --json"), ALL, False),
    ("claim submit", "office", argv("claim submit {draft}"), WRITERS, True),
    ("claim review", "office", argv("claim review {submitted}"), ALL, True),
    ("claim audit", "office", argv("claim audit {unit_reviewed}"), AUDITORS, True),
    ("claim approve", "office", argv("claim approve {office_audited}"), AUDITORS, True),
    ("claim reject", "office", argv("claim reject {submitted} --reason 重复申报"), AUDITORS, True),
    ("claim return", "office", argv("claim return {submitted} --reason 缺出院小结"), ALL, True),
    ("claim pay", "office", argv("claim pay {approved} --account 6217000010001234567"), WRITERS, True),
    ("claim withdraw", "office", argv("claim withdraw {submitted} --reason 本人撤回"), WRITERS, True),
    ("export-claims", "office",
     argv("export-claims --unit U001 --from 2020-01-01 --to 2030-12-31 --out {out}/usb"), WRITERS, True),
    ("payment-list", "office", argv("payment-list --out {out}/pay.xlsx"), ALL, False),
    ("audit list", "office", argv("audit list"), AUDITORS, False),
    ("audit verify", "office", argv("audit verify"), AUDITORS, False),
    ("backup", "office", argv("backup --out {out}/bk"), ALL, False),
    ("restore", "office", argv("restore {backup}"), ADMIN, False),
    ("import-batch", "office_pre", argv("import-batch {batch}"), WRITERS, True),
    ("export-results", "office", argv("export-results --unit WH001 --out {out}/res"), WRITERS, True),
    ("import-results", "unit", argv("import-results {results}"), WRITERS, True),
    ("keys export", "office", argv("keys export --out {out}/k.hzbzkey"), ALL, True),
    ("keys register", "office", argv("keys register {unitkey} --fingerprint {unitfp}"), WRITERS, True),
    ("keys list", "office", argv("keys list"), ALL, False),
    ("unit add", "office", argv("unit add --code U009 --name 新单位 --headcount 3"), WRITERS, True),
    ("period add", "office",
     argv(f"period add --plan {JILIN} --number 8 --start 2027-02-01 --end 2028-01-31 --fee 110"),
     WRITERS, True),
    ("enrollment show", "office", argv(f"enrollment show {PERIOD} --unit U001 --json"), ALL, False),
    ("claim materials", "office", argv("claim materials {draft} all"), WRITERS, False),  # all in already
    ("payment-list --paid-on", "office",
     argv("payment-list --paid-on 2020-06-01 --out {out}/d.xlsx"), ALL, False),
]  # fmt: skip


def _copy(template: Template, database: str, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{database}.db"
    shutil.copyfile(template.folder / f"{database}.db", path)
    return path


@pytest.mark.parametrize(
    ("command", "database", "command_line", "roles", "writes"), COMMANDS, ids=[c[0] for c in COMMANDS]
)
def test_each_role_runs_only_its_commands(  # type: ignore[no-untyped-def]
    template: Template,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    database: str,
    command_line: Argv,
    roles: set[str],
    writes: bool,
) -> None:
    for role, user in ROLES.items():
        out = tmp_path / role
        db = _copy(template, database, out)
        before = audit_count(db)
        code, stdout, err = run(
            capsys,
            "--db",
            f"sqlite:///{db}",
            *login(out, user, PASSWORDS[user]),
            *command_line(template, out),
        )
        if role in roles:
            assert code == 0, f"{command} as {user}: {err}"
            assert "Traceback" not in err
            if writes and command != "restore":
                assert audit_count(db) > before, f"{command} as {user} wrote no audit entry"
        else:
            assert code == 2 and "无权" in err, f"{command} as {user} was not refused: {code} {stdout} {err}"
            assert audit_count(db) == before, f"{command} as {user} wrote although refused"
            assert not any(p.is_file() and p.suffix in (".xlsx", ".pdf") for p in out.rglob("*")), command
    # An administrator's name with a wrong password: nothing done, the failure counted.
    out = tmp_path / "wrong"
    db = _copy(template, database, out)
    before = audit_count(db)
    code, _, err = run(
        capsys, "--db", f"sqlite:///{db}", *login(out, "admin", "wrong-pass-1"), *command_line(template, out)
    )
    assert code == 2 and "用户名或密码错误" in err and "Traceback" not in err
    assert audit_count(db) == before and failures(db, "admin") == 1
    assert not any(p.is_file() and p.suffix in (".xlsx", ".pdf", ".db") for p in out.rglob("*") if p != db)
