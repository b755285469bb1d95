"""Batch exchange commands at the office and back: import-batch, export-results, import-results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.common import EXIT_BAD_INPUT, actor_for, sessions_for
from app.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import-batch", help="导入单位上报的批次（先校验清单、校验码和行数，再预览冲突）")
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--password-file", type=Path, help="从文件第一行读取批次密码")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="CONFLICT_ID=CHOICE",
        help="处理一处冲突：skip 跳过 / move_member 转入本单位 / update 更新已有记录（可重复）",
    )
    p.set_defaults(func=_import_batch)

    p = sub.add_parser("export-results", help="导出办事处对某单位的处理结果批次（理赔、参保）")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--password-file", type=Path)
    p.set_defaults(func=_export_results)

    p = sub.add_parser("import-results", help="在单位导入办事处的处理结果批次（先校验并列出将要的改动）")
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--password-file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="只列出将要的改动，不写入")
    p.set_defaults(func=_import_results)


def warn_if_clear(password: str | None) -> None:
    """Said plainly after every export without a batch password."""
    if not password:
        from app.services.batch_seal import CLEAR_WARNING

        print(CLEAR_WARNING, file=sys.stderr)


def _password(path: Path | None) -> str | None:
    if path is None:
        return None
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    if not lines or not lines[0]:
        raise ServiceError(f"密码文件 {path} 不存在或为空")
    return lines[0]


def _resolutions(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, choice = item.partition("=")
        if not sep or not key.strip() or not choice.strip():
            raise ServiceError(f"--resolve “{item}”应写成 冲突编号=选择，如 member_other_unit:110105…=skip")
        out[key.strip()] = choice.strip()
    return out


def _import_batch(args: argparse.Namespace) -> int:
    from app.services.batch_import import BatchImporter

    sessions = sessions_for(args)
    importer = BatchImporter(sessions, actor_for(args, sessions))
    password = _password(args.password_file)
    resolutions = _resolutions(args.resolve)
    preview = importer.preview_batch(args.folder, password)
    for line in preview.lines():
        print(line)
    if preview.refusals:
        print("批次被拒收，未做任何修改", file=sys.stderr)
        return EXIT_BAD_INPUT
    if preview.already_imported:
        return 0
    pending = preview.unresolved(resolutions)
    if pending:
        message = f"有 {len(pending)} 处冲突未处理，未做任何修改。请用 --resolve 冲突编号=选择："
        print(message, file=sys.stderr)
        for c in pending:
            print(f"  {c.id}  （{'/'.join(c.choices)}）", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = importer.import_batch(args.folder, password, resolutions, dry_run=args.dry_run)
    print("试运行：未写入任何数据" if args.dry_run else f"已导入批次 {args.folder.name}")
    return 0 if result.imported or args.dry_run else EXIT_BAD_INPUT


def _export_results(args: argparse.Namespace) -> int:
    from app.services.batch_results import BatchResults

    sessions = sessions_for(args)
    service = BatchResults(sessions, actor_for(args, sessions))
    password = _password(args.password_file)
    folder = service.export_results(args.unit, args.out, password)
    print(f"已生成处理结果批次：{folder}")
    warn_if_clear(password)
    return 0


def _import_results(args: argparse.Namespace) -> int:
    from app.services.batch_results import BatchResults

    sessions = sessions_for(args)
    service = BatchResults(sessions, actor_for(args, sessions))
    password = _password(args.password_file)
    preview = service.preview_results(args.folder, password)
    for line in preview.lines():
        print(line)
    if preview.refusals:
        print("批次被拒收，未做任何修改", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.dry_run:
        print("试运行：未写入任何数据")
        return 0
    report = service.import_results(args.folder, password)
    if report.already_imported:
        print("该处理结果已导入过，未做任何修改")
        return 0
    print(f"已导入处理结果：理赔更新 {report.claims_changed} 笔，不予参保 {report.enrollments_changed} 人")
    for note in report.notes:
        print(f"  注意：{note}")
    return 0
