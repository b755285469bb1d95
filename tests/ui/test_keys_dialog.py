"""密钥管理 in the window: the fingerprint shown, the key file exported, a partner's key registered only
with the fingerprint from its paper; and the dialog in English."""

# ruff: noqa: F811 - the english fixture is imported
from __future__ import annotations

from pathlib import Path

from app.io import signing
from app.models.db import SessionFactory, open_database
from app.services.auth import Actor
from app.services.keys import KeyService
from app.services.users import OfficeInfo, UserService
from app.ui.exchange.keys_dialog import KeysDialog, RegisterKeyDialog
from tests.ui.i18n_helpers import english, untranslated_texts  # noqa: F401 - fixture


def unit_key_file(tmp_path: Path) -> tuple[Path, str]:
    _engine, unit = open_database(f"sqlite:///{tmp_path / 'unit.db'}")
    admin = UserService(unit).set_up(OfficeInfo("第一机械厂工会", "基层工会", ""), "admin", "admin-pass")
    keys = KeyService(unit, admin)
    return keys.export_public(tmp_path / "unit.hzbzkey"), keys.identity().fingerprint


def test_a_clerk_registers_a_unit_key_after_checking_the_paper(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, sessions: SessionFactory, clerk: Actor
) -> None:
    dialog = KeysDialog(sessions, clerk)
    qtbot.addWidget(dialog)
    me = KeyService(sessions, clerk).identity()
    assert dialog.fingerprint.text() == me.fingerprint and dialog.partners.rowCount() == 0
    exported = dialog.export_to(tmp_path / "office.hzbzkey")
    assert exported is not None and signing.read_key_file(exported).fingerprint == me.fingerprint

    key_file, fingerprint = unit_key_file(tmp_path)
    register = RegisterKeyDialog(KeyService(sessions, clerk), dialog)
    qtbot.addWidget(register)
    register.file.setText(str(key_file))
    register._on_file_edited()
    assert "第一机械厂工会" in register.claimed.text() and fingerprint not in register.claimed.text()
    assert register.name.text() == "第一机械厂工会"
    register.fingerprint.setText("ABCD-EFGH-JKMN-PQRS")
    assert not register.register() and "不符" in register.error.text()
    register.fingerprint.setText(fingerprint)
    assert register.register()
    dialog.refresh()
    assert dialog.partners.rowCount() == 1 and dialog.partners.item(0, 0).text() == fingerprint
    assert dialog.partners.item(0, 1).text() == "下级单位"


def test_keys_dialogs_in_english(  # type: ignore[no-untyped-def]
    english, qtbot, tmp_path: Path, sessions: SessionFactory, admin: Actor
) -> None:
    dialog = KeysDialog(sessions, admin)
    qtbot.addWidget(dialog)
    assert untranslated_texts(dialog) == []
    register = RegisterKeyDialog(KeyService(sessions, admin), dialog)
    qtbot.addWidget(register)
    assert untranslated_texts(register) == []
