from __future__ import annotations

import pytest

from app.cli import main


def test_self_test_passes(capsys: pytest.CaptureFixture[str], qapp) -> None:  # type: ignore[no-untyped-def]
    assert main(["--self-test"]) == 0
    assert "自检通过" in capsys.readouterr().out
