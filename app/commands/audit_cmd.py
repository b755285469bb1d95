"""audit verify | audit list: check the hash chain of the audit log, or list entries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.common import EXIT_BAD_INPUT, actor_for, sessions_for
from app.commands.enrollment_cmd import _date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("audit", help="审计日志：verify 校验是否被改动或删除；list 列出记录")
    p.add_argument("action", choices=["verify", "list"])
    p.add_argument("--by", default="", help="只看该用户的记录")
    p.add_argument("--from", dest="date_from", type=_date)
    p.add_argument("--to", dest="date_to", type=_date)
    p.add_argument("--record", default="", help="记录类别或编号，如 claim、C2026-00001")
    p.add_argument(
        "--witness",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="verify：另存的见证（导出批次的文件夹或 manifest.json、备份 .db、检查点 .json），可多次给出",
    )
    p.set_defaults(func=_audit)


def _audit(args: argparse.Namespace) -> int:
    from app.services.audit_queries import AuditQueries

    sessions = sessions_for(args)
    # The log names every clerk's work and the members it touched: administrators and auditors.
    actor_for(args, sessions).require("audit.read")
    queries = AuditQueries(sessions)
    if args.action == "verify":
        report = queries.verify_report(tuple(args.witness))
        if not report.ok:
            total = len(report.problems) + report.more
            print(f"审计日志有 {total} 处问题（共 {report.count} 条）：", file=sys.stderr)
            for p in report.problems:
                print(f"  {p}", file=sys.stderr)
            if report.more:
                print(f"  ……另有 {report.more} 处问题", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(
            f"审计日志完整：共 {report.count} 条，逐条校验通过；{report.witnesses} 处见证一致；"
            f"{report.records} 条理赔、用户和缴费记录与日志相符"
        )
        return 0
    for row in queries.events(args.by, args.date_from, args.date_to, args.record):
        fields = (
            f"{row.at:%Y-%m-%d %H:%M:%S}",
            row.username,
            row.action_label,
            row.entity,
            row.entity_id,
            row.detail,
        )
        print("\t".join(fields))
    return 0
