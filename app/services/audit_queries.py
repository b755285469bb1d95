"""Reading the audit log: filtered lists for the window and the command line, and chain checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.services import audit_witness
from app.services.audit_verify import Report

ACTION_LABELS = {
    "setup": "初始化",
    "create": "新建",
    "update": "修改",
    "move": "调动",
    "mark_left": "离职",
    "import": "导入",
    "demo_data": "示例数据",
    "set_figure": "修改方案数值",
    "enroll": "参保",
    "cancel": "取消参保",
    "payment": "缴费",
    "export_batch": "导出批次",
    "submit": "受理",
    "review": "单位审核",
    "audit": "办事处审核",
    "approve": "批准",
    "reject": "拒绝",
    "return": "退回补件",
    "pay": "支付",
    "withdraw": "撤回",
    "export_claims": "导出理赔批次",
}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str
    detail: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


class AuditQueries:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def events(
        self,
        username: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        record: str = "",
        limit: int = 5000,
    ) -> list[AuditRow]:
        """Newest first; ``record`` matches the entity name or its id (e.g. "claim", "C2026-00001")."""
        q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
        if username.strip():
            q = q.where(AuditEvent.username == username.strip())
        if date_from:
            q = q.where(AuditEvent.at >= dt.datetime.combine(date_from, dt.time.min))
        if date_to:
            q = q.where(AuditEvent.at <= dt.datetime.combine(date_to, dt.time.max))
        if record.strip():
            needle = record.strip()
            q = q.where((AuditEvent.entity == needle) | (AuditEvent.entity_id == needle))
        with self._sessions() as s:
            return [
                AuditRow(e.id, e.at, e.username, e.action, e.entity, e.entity_id, e.detail)
                for e in s.scalars(q)
            ]

    def users(self) -> list[str]:
        with self._sessions() as s:
            return sorted(s.scalars(select(AuditEvent.username).distinct()))

    def verify(self) -> tuple[int, list[str]]:
        """(number of entries, problems in Chinese — empty when the chain is intact)."""
        report = self.verify_report()
        return report.count, report.problems + ([f"……另有 {report.more} 处问题"] if report.more else [])

    def verify_report(self, witness_files: tuple[Path, ...] = ()) -> Report:
        """The chain, every witness (the data folder's, the backups', ``witness_files``) and the
        business tables; a passed check is witnessed in today's checkpoint."""
        from app.services.audit_verify import verify_connection
        from app.services.backup import automatic_folder
        from app.services.settings import SettingsService

        folders = [automatic_folder(), *filter(None, [SettingsService(self._sessions).backup_folder()])]
        extra: list[audit_witness.Witness] = []
        bad: list[str] = []
        for path in witness_files:
            try:
                extra.append(audit_witness.from_file(path))
            except ValueError as exc:
                bad.append(str(exc))
        with self._sessions() as s:
            conn = s.connection()
            report = verify_connection(conn, witnesses=None, backup_folders=folders, extra=extra)
            for problem in bad:
                report.add(problem)
        if report.ok:
            with self._sessions() as s:
                audit_witness.checkpoint_now(s)
        return report
