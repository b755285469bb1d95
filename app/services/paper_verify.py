"""At the office: does the stamped paper in hand agree with the batch that was taken in?

The clerk types the code printed on the form, or scans its QR code (a USB scanner types it). The
code's first group finds the imported batch (or the claim) it was printed for; the other groups,
or the figures the QR code carries, say which of the paper's figures differ from the batch's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Batch, Claim, ExchangeLink, Member, Unit
from app.models.db import SessionFactory
from app.rules.money import from_fen
from app.services.auth import Actor
from app.services.paper_code import (
    KIND_LABELS,
    PaperFigures,
    PaperInput,
    claim_figures,
    code_groups,
    enrollment_figures,
    groups,
    parse_input,
)

_DIGEST = re.compile(r'"content_digest"\s*:\s*"([0-9a-f]{64})"')
_FIELD_LABELS = {"unit": "单位编码", "ref": "保障期", "count": "人数", "amount": "金额"}


@dataclass(frozen=True)
class Difference:
    label: str
    paper: str  # "" when only the typed code is known: the paper's figure is not readable from it
    batch: str


@dataclass(frozen=True)
class PaperCheck:
    code: str
    found: bool
    agree: bool = False
    form: str = ""
    source: str = ""
    differences: tuple[Difference, ...] = ()

    def lines(self) -> list[str]:
        if not self.found:
            return [f"核验码 {self.code}：没有找到对应的已导入批次或理赔，纸质表不是按本处收到的批次打印的"]
        head = f"核验码 {self.code}：{self.form}，对应{self.source}"
        if self.agree:
            return [head, "纸质表与导入的批次一致"]
        out = [head, "纸质表与导入的批次不一致："]
        for d in self.differences:
            paper = f"纸质表为“{d.paper}”，" if d.paper else "纸质表上的数字与核验码不符，"
            out.append(f"  {d.label}：{paper}批次为“{d.batch}”")
        return out


@dataclass(frozen=True)
class _Candidate:
    figures: PaperFigures
    source: str


class PaperVerifier:
    def __init__(self, sessions: SessionFactory, actor: Actor | None = None) -> None:
        self._sessions = sessions
        self.actor = actor

    def verify(self, text: str) -> PaperCheck:
        """ValueError (Chinese) for text that is no code at all."""
        given = parse_input(text)
        wanted = code_groups(given.code)
        with self._sessions() as s:
            found = [c for c in self._candidates(s, given.kind) if groups(c.figures)[0] == wanted[0]]
            if not found and given.figures is not None:
                # The names changed after printing: the same unit and period, another digest.
                found = [c for c in self._candidates(s, given.kind) if _same_place(c.figures, given)]
                if found:
                    return _compare(given, found[-1], digest_differs=True)
        if not found:
            return PaperCheck(given.code, False)
        exact = [c for c in found if groups(c.figures) == wanted]
        return _compare(given, (exact or found)[-1])

    def _candidates(self, s: Session, kind: str | None) -> Iterator[_Candidate]:
        if kind in (None, "GA", "PR"):
            yield from _enrollment_candidates(s, kind)
        if kind in (None, "CF"):
            yield from _claim_candidates(s)


def _enrollment_candidates(s: Session, kind: str | None) -> Iterator[_Candidate]:
    q = select(Batch.manifest, Batch.number, Batch.direction, Batch.created_at).where(
        Batch.kind == "enrollment"
    )
    for text, number, direction, at in s.execute(q.order_by(Batch.id)):
        hit = _DIGEST.search(text or "")
        if hit is None:
            continue
        try:
            m = json.loads(text)
            unit, plan, period = str(m["unit"]["code"]), str(m["plan"]), m["period"]
            count, amount = int(m["counts"]["members"]), str(m["totals"]["amount"])
            name = str(m["unit"].get("name", ""))
        except (ValueError, KeyError, TypeError):
            continue
        how = "导入" if direction == "import" else "导出"
        source = f"{name}（{unit}）第 {period} 期参保上报批次第 {number} 批（{at:%Y-%m-%d} {how}）"
        for k in ("GA", "PR") if kind is None else (kind,):
            yield _Candidate(enrollment_figures(k, hit.group(1), unit, plan, period, count, amount), source)


def _claim_candidates(s: Session) -> Iterator[_Candidate]:
    linked = (
        select(ExchangeLink.unit_ref, Claim.claim_no, Unit.code, Member.id_number, Claim.plan_code,
               Claim.benefit, Claim.event_key, Claim.approved_fen, Claim.amount_fen)
        .join(Claim, ExchangeLink.claim_id == Claim.id)
        .join(Member, Claim.member_id == Member.id)
        .join(Unit, Claim.unit_id == Unit.id)
        .where(ExchangeLink.kind == "claim")
    )  # fmt: skip
    own = (
        select(Claim.claim_no, Claim.claim_no, Unit.code, Member.id_number, Claim.plan_code, Claim.benefit,
               Claim.event_key, Claim.approved_fen, Claim.amount_fen)
        .select_from(Claim)
        .join(Member, Claim.member_id == Member.id)
        .join(Unit, Claim.unit_id == Unit.id)
    )  # fmt: skip
    for q, linked_here in ((linked, True), (own, False)):
        for ref, no, unit, number, plan, benefit, event, approved, amount in s.execute(q):
            fen = approved if approved is not None else amount
            source = f"理赔 {no}（单位理赔编号 {ref}）" if linked_here else f"理赔 {no}"
            figures = claim_figures(unit, ref, number, plan, benefit, event, f"{from_fen(fen):.2f}")
            yield _Candidate(figures, source)


def _same_place(f: PaperFigures, given: PaperInput) -> bool:
    assert given.figures is not None
    return (f.unit, f.ref) == (given.figures.get("unit"), given.figures.get("ref"))


def _compare(given: PaperInput, c: _Candidate, digest_differs: bool = False) -> PaperCheck:
    f, wanted = c.figures, code_groups(given.code)
    have = groups(f)
    diffs: list[Difference] = []
    if digest_differs:
        what = "理赔资料（会员、项目、事件）" if f.kind == "CF" else "参保名单（人员、份数、生效日期）"
        diffs.append(Difference(what, "打印后有改动", "与纸质表不同"))
    ref_label = "理赔编号" if f.kind == "CF" else "保障期"
    if given.figures is not None:
        for key in ("unit", "ref", "count", "amount"):
            paper, batch = given.figures.get(key, ""), getattr(f, key)
            if paper != batch:
                diffs.append(Difference(ref_label if key == "ref" else _FIELD_LABELS[key], paper, batch))
    else:
        if wanted[1] != have[1]:
            diffs.append(Difference(f"单位编码或{ref_label}", "", f"{f.unit}，{f.ref}"))
        if f.kind == "CF":
            if wanted[2] != have[2]:
                diffs.append(Difference("金额", "", f.amount))
        else:
            if wanted[2] >> 10 != have[2] >> 10:
                diffs.append(Difference("人数", "", f.count))
            if wanted[2] & 1023 != have[2] & 1023:
                diffs.append(Difference("金额", "", f.amount))
    if not diffs and wanted != have:
        diffs.append(Difference("核验码", given.code, "与二维码中的数字不符"))
    return PaperCheck(given.code, True, not diffs, KIND_LABELS[f.kind], c.source, tuple(diffs))
