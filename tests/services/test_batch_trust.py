"""Who made a batch and for whom: every forgery of the exchange refused with a Chinese reason and
nothing changed — an unknown key, a changed byte, another office's batch, a replay, one unit
signing for another, a unit's key sending results, an unsigned folder."""

# ruff: noqa: F811 - make_site and office are fixtures imported from test_batch_import
from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.io import signing
from app.models import Installation, PartnerKey
from app.models.db import SessionFactory, open_database
from app.services.auth import Actor
from app.services.batch_import import BatchImporter, BatchRefused
from app.services.batch_results import BatchResults
from app.services.keys import KeyRefused, KeyService, key_path
from app.services.users import OfficeInfo, UserService
from tests.exchange_helpers import resign
from tests.services.test_batch_import import (  # noqa: F401 - make_site and office are fixtures
    SHARED_ID,
    Site,
    counts,
    export,
    make_site,
    office,
    unit_a,
    unit_b,
    weihai_period,
)

D = dt.date


def other_office(tmp_path: Path, name: str = "另一办事处") -> Site:
    _engine, sessions = open_database(f"sqlite:///{tmp_path / name}.db")
    admin = UserService(sessions).set_up(OfficeInfo(name, "办事处", "威海市"), "admin", "admin-pass")
    return Site(sessions, admin, admin, 0, weihai_period(sessions, admin))


def refused(office: Site, folder: Path, *words: str) -> None:
    """The batch is refused for the given reason and the office's database is unchanged."""
    importer = BatchImporter(office.sessions, office.clerk)
    before = counts(office.sessions)
    reasons = importer.preview_batch(folder).refusals
    assert reasons, "the batch should have been refused"
    assert any(all(w in r for w in words) for r in reasons), reasons
    with pytest.raises(BatchRefused):
        importer.import_batch(folder)
    assert counts(office.sessions) == before


def test_a_batch_signed_by_an_unregistered_key_is_refused(tmp_path: Path, make_site, office: Site) -> None:
    stranger = other_office(tmp_path, "某办事处")
    a = unit_a(make_site, pair_with=(stranger.sessions, stranger.admin))  # registered elsewhere only
    refused(office, export(a, tmp_path / "usb"), "未登记的密钥", "第一机械厂工会")


def test_one_changed_byte_of_the_manifest_breaks_the_signature(
    tmp_path: Path, make_site, office: Site
) -> None:
    folder = export(unit_a(make_site), tmp_path / "usb")
    path = folder / "manifest.json"
    path.write_bytes(path.read_bytes().replace("王芳".encode(), "王方".encode()))
    refused(office, folder, "签名不符")


def test_an_unsigned_folder_is_refused(tmp_path: Path, make_site, office: Site) -> None:
    folder = export(unit_a(make_site), tmp_path / "usb")
    (folder / "manifest.sig").unlink()
    refused(office, folder, "没有签名")


def test_a_batch_made_for_another_office_is_refused(tmp_path: Path, make_site, office: Site) -> None:
    other = other_office(tmp_path)
    a = unit_a(make_site, pair_with=(other.sessions, other.admin))  # the unit reports to the other office
    KeyService(office.sessions, office.admin).register(  # … but this office knows its key too
        KeyService(a.sessions, a.clerk).export_public(tmp_path / "a.hzbzkey"),
        KeyService(a.sessions, a.clerk).identity().fingerprint,
    )
    folder = export(a, tmp_path / "usb")
    refused(office, folder, "是发给“另一办事处”", "不是发给本机")
    assert BatchImporter(other.sessions, other.clerk).import_batch(folder).imported


def test_a_replayed_batch_id_with_other_content_is_refused(tmp_path: Path, make_site, office: Site) -> None:
    a = unit_a(make_site)
    folder = export(a, tmp_path / "usb")
    replay = tmp_path / "replay"
    shutil.copytree(folder, replay)
    importer = BatchImporter(office.sessions, office.clerk)
    assert importer.import_batch(folder).imported
    settled = counts(office.sessions)
    assert importer.preview_batch(folder).already_imported  # the same batch again: nothing happens
    # The unit's own key re-signs the same batch id with one more share for a member.
    resign(replay, a.sessions, lambda m: m["members"][0].update(shares=2))
    refused(office, replay, "已于", "导入过", "重放")
    assert counts(office.sessions) == settled


def test_one_unit_cannot_sign_for_another(tmp_path: Path, make_site, office: Site) -> None:
    a, b = unit_a(make_site), unit_b(make_site)
    folder = export(a, tmp_path / "usb")
    # Unit B's insider takes A's batch, names B as its sender and signs it with B's registered key.
    b_fp = KeyService(b.sessions, b.clerk).identity().fingerprint
    resign(folder, b.sessions, lambda m: m["sender"].update(fingerprint=b_fp, name="第二纺织厂工会"))
    refused(office, folder, "单位“WH001”的批次须由该单位登记的密钥签名")


def test_a_unit_key_cannot_send_results(tmp_path: Path, make_site, office: Site) -> None:
    a, b = unit_a(make_site), unit_b(make_site)
    BatchImporter(office.sessions, office.clerk).import_batch(export(a, tmp_path / "a"))
    results = BatchResults(office.sessions, office.clerk).export_results("WH001", tmp_path / "back")
    # Unit A happens to know unit B's key; B's insider signs a results batch for A with it.
    KeyService(a.sessions, a.admin).register(
        KeyService(b.sessions, b.clerk).export_public(tmp_path / "b.hzbzkey"),
        KeyService(b.sessions, b.clerk).identity().fingerprint,
        role="unit",
    )
    resign(results, b.sessions)
    before = counts(a.sessions)
    with pytest.raises(BatchRefused, match="登记为下级单位，不能发来处理结果批次"):
        BatchResults(a.sessions, a.clerk).import_results(results)
    assert counts(a.sessions) == before


def test_registration_checks_the_fingerprint_typed_from_paper(
    tmp_path: Path, sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    unit = other_office(tmp_path, "第一机械厂工会")
    unit_keys = KeyService(unit.sessions, unit.admin)
    key_file = unit_keys.export_public(tmp_path / "unit.hzbzkey")
    fp = unit_keys.identity().fingerprint
    office_keys = KeyService(sessions, clerk)
    with pytest.raises(KeyRefused, match="与密钥文件的指纹"):
        office_keys.register(key_file, "0000-0000-0000-0000")
    with pytest.raises(KeyRefused, match="格式不对"):
        office_keys.register(key_file, "12345")
    # A key file whose key was swapped (the claimed name kept) no longer matches the paper.
    body = json.loads(key_file.read_text(encoding="utf-8"))
    forged = dict(body, public_key=signing.b64(signing.public_of(signing.new_private_key())))
    (tmp_path / "forged.hzbzkey").write_text(json.dumps(forged), encoding="utf-8")
    with pytest.raises(KeyRefused, match="不符"):
        office_keys.register(tmp_path / "forged.hzbzkey", fp)
    with pytest.raises(KeyRefused, match="本机自己的密钥"):
        office_keys.register(
            office_keys.export_public(tmp_path / "mine.hzbzkey"), office_keys.identity().fingerprint
        )
    assert office_keys.partners() == []
    # Typed as people type it: lower case, spaces, O for 0.
    done = office_keys.register(key_file, fp.lower().replace("-", " ").replace("0", "o"), role="unit")
    assert (
        done.new
        and done.partner.fingerprint == fp
        and [p.name for p in office_keys.partners()] == ["第一机械厂工会"]
    )
    assert not office_keys.register(key_file, fp, role="unit").new  # registering again updates


def test_the_private_key_is_owner_only_and_the_key_file_public(
    tmp_path: Path, sessions: SessionFactory, admin: Actor
) -> None:
    keys = KeyService(sessions, admin)
    me = keys.identity()
    path = key_path(me.installation)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = keys.export_public(tmp_path / "k.hzbzkey").read_text(encoding="utf-8")
    assert "PRIVATE" not in text and me.fingerprint in text
    assert signing.read_key_file(tmp_path / "k.hzbzkey").fingerprint == me.fingerprint
    path.unlink()
    with pytest.raises(Exception, match="没有本数据库的签名密钥"):
        keys.private_key()


def test_an_existing_database_gets_its_key_on_first_use(sessions: SessionFactory, admin: Actor) -> None:
    with sessions.begin() as s:  # as a database made before signatures
        s.execute(delete(Installation))
    first = KeyService(sessions, admin).identity()
    assert KeyService(sessions).identity() == first and key_path(first.installation).is_file()
    with sessions() as s:
        assert s.scalar(select(Installation.fingerprint)) == first.fingerprint
        assert s.scalar(select(PartnerKey.id)) is None


def test_init_makes_the_key_and_prints_its_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    db = f"sqlite:///{tmp_path / 'new.db'}"
    (tmp_path / "pw").write_text("admin-pass\n", encoding="utf-8")
    assert (
        main(
            [
                "--db",
                db,
                "init",
                "--office",
                "第一机械厂工会",
                "--level",
                "基层工会",
                "--password-file",
                str(tmp_path / "pw"),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.split("本机密钥指纹：")[1].strip()
    assert main(["--db", db, "keys", "show"]) == 0
    assert printed in capsys.readouterr().out
    assert signing.normalize_fingerprint(printed) == printed
