"""导入上报批次 in the window: the preview, a conflict chosen per line, the import."""
# ruff: noqa: F811 - the batch fixtures are imported from the service tests

from __future__ import annotations

from pathlib import Path

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.batch_dialog import BatchImportDialog
from tests.services.test_batch_import import export, make_site, office, unit_a, unit_b  # noqa: F401 - fixtures


def test_two_batches_with_a_conflict_resolved_in_the_dialog(  # type: ignore[no-untyped-def]
    qtbot,
    tmp_path: Path,
    make_site,
    office,
    sessions: SessionFactory,
    clerk: Actor,  # noqa: F811
) -> None:
    first = export(unit_a(make_site), tmp_path / "a")
    second = export(unit_b(make_site), tmp_path / "b")
    dialog = BatchImportDialog(sessions, clerk, first)
    qtbot.addWidget(dialog)
    assert dialog.preview.ok and not dialog.preview.conflicts and "WH001" in dialog.summary.text()
    assert dialog.run_import()
    dialog = BatchImportDialog(sessions, clerk, second)
    qtbot.addWidget(dialog)
    conflict = dialog.preview.conflicts[0]
    assert conflict.code in ("enrolled_elsewhere", "member_other_unit")
    assert not dialog.run_import() and "冲突" in dialog.error.text()  # nothing chosen yet
    dialog.choose(conflict.id, "skip")
    assert dialog.run_import()
    names = sorted(r.name for r in RosterService(sessions, clerk).member_rows())
    assert names == sorted(["王芳", "赵磊", "孙丽", "李强"])
    again = BatchImportDialog(sessions, clerk, second)
    qtbot.addWidget(again)
    assert again.preview.already_imported and not again.import_button.isEnabled()
