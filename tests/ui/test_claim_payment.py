"""登记支付 in the window (issue 12 item 13): the dialog proposes the roster's account, the approved
amount and today; the clerk adds the voucher number and pays; the detail shows the payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.ui.claims.claims_tab import ClaimsTab
from tests.services.test_payments import _approved


def test_pay_from_the_prefilled_account(
    qtbot,  # type: ignore[no-untyped-def]
    sessions: SessionFactory,
    clerk: Actor,
    auditor: Actor,
    tmp_path: Path,
) -> None:
    no = _approved(sessions, clerk, auditor, bank_name="工商银行", bank_account="6222020200001111")
    tab = ClaimsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.select_claim(no)
    assert "批准 450.00 元（规则计算 500.00 元），原因：按结算清单核减" in tab.detail.toPlainText()
    assert tab.export_payments(tmp_path / "due.xlsx").startswith("已导出 1 笔")
    tab.actions["pay"].click()
    dialog = tab.payer
    assert dialog is not None and dialog.isVisible()
    assert dialog.account.text() == "6222020200001111" and dialog.amount.text() == "450.00"
    assert dialog.paid_on.text() == dt.date.today().isoformat()
    dialog.amount.setText("五百")
    dialog.ok_button.click()
    assert "五百" in dialog.error.text() and dialog.isVisible()  # named in the dialog, nothing paid
    dialog.amount.setText("450.00")
    dialog.reference.setText("HD-0601-7")
    dialog.ok_button.click()
    assert tab.payer is None and not dialog.isVisible()
    full = ClaimQueries(sessions).get(no)
    assert (full.row.status, full.row.paid, full.paid_account, full.paid_reference) == (
        "paid", Decimal("450.00"), "6222020200001111", "HD-0601-7",
    )  # fmt: skip
    text = tab.detail.toPlainText()
    assert f"已于 {dt.date.today()} 支付 450.00 元到账号 6222020200001111，凭证号 HD-0601-7" in text
    out = tmp_path / "day.xlsx"
    assert "1 笔" in tab.export_payments(out, dt.date.today())
    rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows()]
    assert rows[1][1] == no and rows[1][7] == "HD-0601-7"
