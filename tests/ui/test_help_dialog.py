from __future__ import annotations

from app.ui.help_dialog import HelpDialog, guide_path


def test_guide_opens_with_its_screenshots(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "用户指南" in text and "快捷键" in text and "受理人不能批准" in text
    images = [
        line.split("(")[1].rstrip(")")
        for line in guide_path().read_text(encoding="utf-8").splitlines()
        if line.startswith("![")
    ]
    assert len(images) == 7 and all((guide_path().parent / image).is_file() for image in images)
