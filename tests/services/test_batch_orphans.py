"""An export killed after its folder was renamed into place, before the database recorded it,
leaves an orphan batch on the stick; the next export numbers past it instead of failing on
“已存在” every time that day (issue 15 item 5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.services.batch_import import BatchImporter
from tests.services.test_batch_import import (  # noqa: F401 - make_site and office are fixtures
    Site,
    export,
    make_site,
    office,
    unit_a,
)


def test_the_next_export_numbers_past_an_orphan_folder(
    tmp_path: Path,
    make_site,  # noqa: F811
    office: Site,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    unit = unit_a(make_site)
    stick = tmp_path / "stick"
    first = export(unit, stick)
    assert first.name.endswith("_批001")
    # What a kill right after the rename leaves: batch 002 on the stick, unknown to the database.
    orphan = first.with_name(first.name.replace("_批001", "_批002"))
    shutil.copytree(first, orphan)
    third = export(unit, stick)
    assert third.name.endswith("_批003")
    assert json.loads((third / "manifest.json").read_text(encoding="utf-8"))["batch_no"] == 3
    assert orphan.exists()  # a whole, signed batch: left as it is
    assert export(unit, stick).name.endswith("_批004")  # and numbering goes on from the database
    assert BatchImporter(office.sessions, office.clerk).import_batch(third).imported
