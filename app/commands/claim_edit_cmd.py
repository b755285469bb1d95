"""claim update CLAIM_NO FILE.json and claim materials CLAIM_NO --received NAME … | all.

Both correct a draft or returned claim (app.services.claim_editing); a returned claim whose
materials are then complete goes back to 已受理. Exit 0 done, 2 refused (nothing changed).
"""

from __future__ import annotations

import argparse
import sys

from app.commands.common import actor_for, sessions_for
from app.models.db import SessionFactory
from app.services.errors import ServiceError


def run_edit(args: argparse.Namespace) -> int:
    from app.services.claim_editing import ClaimEditing, EditResult, merged_draft
    from app.services.claims import STATUS_LABELS

    sessions = sessions_for(args)
    editing = ClaimEditing(sessions, actor_for(args, sessions))
    result: EditResult
    if args.action == "update":
        if len(args.extra) != 1 or args.received:
            raise ServiceError("用法：claim update 理赔编号 修改文件.json")
        from app.commands.claims_cmd import _read_case

        data = _read_case(args.extra[0])
        old, _status, version = editing.draft(args.target)
        _same_person(sessions, args.target, data)
        data.pop("id_number", None)
        data.pop("beneficiary", None)
        draft = merged_draft(old, data, editing.materials_of(args.target))
        result = editing.update(args.target, draft, version)
    else:
        names = list(args.received) + list(args.extra)
        if args.extra and args.extra != ["all"]:
            raise ServiceError(
                "用法：claim materials 理赔编号 --received 材料名称 …，或 claim materials 理赔编号 all"
            )
        result = editing.receive(args.target, names)
    if not result.changes:
        print(f"{result.claim_no}：无变化（{STATUS_LABELS[result.status]}）")
        return 0
    for line in result.changes:
        print(f"  {line}", file=sys.stderr)
    missing = result.assessment.missing_materials
    if missing:
        print(f"  仍缺材料：{'、'.join(missing)}", file=sys.stderr)
    d = result.assessment.decision
    print(f"  {'应付' if d.eligible else '不予给付，计算额'} {d.amount} 元", file=sys.stderr)
    print(f"{result.claim_no}：{STATUS_LABELS[result.status]}")
    return 0


def _same_person(sessions: SessionFactory, claim_no: str, data: dict[str, object]) -> None:
    """A correction file may repeat the claim's id_number and beneficiary; they must match."""
    from app.rules.idnumber import compact
    from app.services.claim_queries import ClaimQueries

    full = ClaimQueries(sessions).get(claim_no)
    if "id_number" in data and compact(str(data["id_number"])) != full.row.id_number:
        raise ServiceError(f"字段 id_number：理赔 {claim_no} 不是该会员的理赔；会员不能修改")
    beneficiary = data.get("beneficiary")
    if isinstance(beneficiary, dict) and beneficiary.get("relation", "self") != full.relation:
        raise ServiceError(
            f"字段 beneficiary：理赔 {claim_no} 的受益人不能修改；如有错误，请撤回后受理新理赔"
        )
