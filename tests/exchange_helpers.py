"""Key exchange between two installations in tests, as two clerks would do it with key files and
the fingerprints printed on their stamped paper."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.io import signing
from app.io.batch import MANIFEST, SIGNATURE, content_digest, signature_text
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.batch_seal import PERSONAL_KEYS
from app.services.keys import KeyService, key_path


def pair(unit: tuple[SessionFactory, Actor], office: tuple[SessionFactory, Actor], folder: Path) -> None:
    """The office registers the unit's key and the unit the office's, each checked by fingerprint."""
    folder.mkdir(parents=True, exist_ok=True)
    unit_keys, office_keys = KeyService(*unit), KeyService(*office)
    unit_me, office_me = unit_keys.identity(), office_keys.identity()
    unit_file = unit_keys.export_public(folder / f"{unit_me.installation}{signing.KEY_FILE_SUFFIX}")
    office_file = office_keys.export_public(folder / f"{office_me.installation}{signing.KEY_FILE_SUFFIX}")
    office_keys.register(unit_file, unit_me.fingerprint, role="unit")
    unit_keys.register(office_file, office_me.fingerprint, role="office")


def resign(folder: Path, sender: SessionFactory, change: Any = None) -> dict[str, Any]:
    """Edit a batch's manifest and sign it again with the sender's own key: what a sender's insider
    (who has the key) could do. Returns the new manifest."""
    path = folder / MANIFEST
    body = json.loads(path.read_text(encoding="utf-8"))
    if change is not None:
        change(body)
    if not body.get("encrypted"):  # as the sender's program computes it
        body["content_digest"] = content_digest({k: body[k] for k in PERSONAL_KEYS if k in body})
    raw = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")
    path.write_bytes(raw)
    me = KeyService(sender).identity()
    pem = key_path(me.installation).read_bytes()
    (folder / SIGNATURE).write_text(signature_text(me.fingerprint, signing.sign(pem, raw)), encoding="utf-8")
    return body


def office_for(unit: tuple[SessionFactory, Actor], folder: Path) -> tuple[SessionFactory, Actor]:
    """A fresh office database (SQLite, in ``folder``) whose key the unit has registered and which
    has registered the unit's: for tests that export batches without importing them anywhere."""
    from app.models.db import open_database
    from app.services.users import OfficeInfo, UserService

    folder.mkdir(parents=True, exist_ok=True)
    _engine, sessions = open_database(f"sqlite:///{folder / 'office.db'}")
    admin = UserService(sessions).set_up(OfficeInfo("市办事处", "办事处", "威海市"), "admin", "admin-pass")
    pair(unit, (sessions, admin), folder)
    return sessions, admin


def rewrite_file(folder: Path, name: str, edit: Any) -> None:
    """Change one file of a batch and its manifest entry (size, SHA-256): the sender's insider again."""
    import hashlib

    edit(folder / name)
    data = (folder / name).read_bytes()

    def fix(body: dict[str, Any]) -> None:
        for entry in body["files"]:
            if entry["name"] == name:
                entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())

    return fix  # type: ignore[return-value]
