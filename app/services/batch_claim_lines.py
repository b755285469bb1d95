"""Claims of a unit's claims batch at the office: planned (conflicts listed), then written.

An office claim gets the office's own number (units number theirs independently); the link
keeps the unit's number so the results batch can answer in it. The unit's figure never becomes
the office's: every claim is recomputed from the facts it carries with the office's own plan
versions, as for a claim typed in at the counter. A claim whose facts are missing or do not
suffice for its benefit (or that the office's rules cannot price) is refused, named in the
preview, and the unit hears why from the results batch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select

from app.models import Claim, ClaimStep, FamilyMember, Member, Unit
from app.rules.errors import RulesError
from app.rules.money import to_fen
from app.services import audit
from app.services.batch_claim_checks import facts_problem, office_assessment
from app.services.batch_import import CLAIMS_FILE, ClaimLine
from app.services.batch_lines import Line, LinePlan, chunks, existing_members, who
from app.services.claim_decisions import LIVE_STATUSES, ClaimDraft
from app.services.claims import STATUS_LABELS, _next_number, _store
from app.services.roster_bulk import insert_members
from app.services.roster_types import MemberDraft


class ClaimsPlan(LinePlan):
    def _plan(self) -> None:
        s, b = self.s, self.b
        if self.unit is None:
            self._bump("新建单位")
        existing = existing_members(s, (c.id_number for c in b.claims))
        links = self._links("claim", None)
        live: dict[tuple[str, str], tuple[str, int]] = {}
        for part in chunks(sorted({c.id_number for c in b.claims})):
            q = (
                select(Member.id_number, Claim.event_key, Claim.claim_no, Claim.unit_id)
                .join(Member)
                .where(Member.id_number.in_(part), Claim.status.in_(LIVE_STATUSES))
            )
            live.update({(n, e): (no, u) for n, e, no, u in s.execute(q)})
        new_members: set[str] = set()
        for c in b.claims:
            where = f"“{CLAIMS_FILE}”第 {c.row} 行"
            try:
                self.catalogue.get(c.plan).benefit(c.benefit)
            except RulesError as exc:
                self.refusals.append(f"{where}“项目”列：{exc}")
                continue
            if c.status in ("draft", "withdrawn"):
                self.notes.append(f"{where}：单位理赔 {c.claim_no} 为“{STATUS_LABELS.get(c.status)}”，不受理")
                continue
            ex = existing.get(c.id_number)
            line = Line(c.claim_no, ex, None, c)
            link = links.get(c.claim_no)
            if (problem := facts_problem(self.catalogue, c)) is not None:
                if link is not None and link.claim_id is not None:
                    self.notes.append(f"{where}：单位理赔 {c.claim_no} {problem}，已受理的理赔未按批次更新")
                elif link is None:
                    line.conflict = self._conflict(
                        "claim_lacks_facts", c.claim_no, f"{where}：单位理赔 {c.claim_no}（{c.member_name}）"
                        f"{problem}，办事处无法按本办事处方案核算，不予受理", ("skip",),
                    )  # fmt: skip
                    self.lines.append(line)
                continue
            if ex is not None:
                self._compare(c, ex.id, where)
            claim = s.get(Claim, link.claim_id) if link and link.claim_id else None
            if claim is not None:
                again = claim.status == "returned" and c.status == "submitted"
                same = (claim.amount_fen, claim.event_key, claim.event_date) == (
                    to_fen(c.amount),
                    c.event_key,
                    c.event_date,
                )
                if same and not again:
                    self._bump("已受理（不变）")
                    continue
                what = "单位补件后重新上报" if again else "本批次内容有变化"
                line.conflict = self._conflict(
                    "claim_already_received",
                    c.claim_no,
                    f"{where}：单位理赔 {c.claim_no}（{c.member_name}）已受理为 {claim.claim_no}，{what}",
                    ("skip", "update"),
                )
            elif link is not None:
                continue  # refused before; the unit hears it from the results batch
            elif (hit := live.get((c.id_number, c.event_key))) is not None:
                line.conflict = self._conflict(
                    "claim_same_event",
                    c.claim_no,
                    f"{where}：{who(c.member_name, c.id_number)} 同一事件已有理赔 "
                    f"{hit[0]}（{self.unit_names.get(hit[1], '')}）",
                    ("skip", "update"),
                )
            elif ex is not None and ex.unit_id != self.uid:
                line.conflict = self._unit_conflict(c.id_number, where, ex)
            else:
                self._bump("新增理赔")
                if ex is None and c.id_number not in new_members:
                    new_members.add(c.id_number)
                    self._bump("新增会员")
            self.lines.append(line)

    def apply(self, batch_id: int, resolutions: Mapping[str, str]) -> tuple[int, None]:
        s = self.s
        unit = self._ensure_unit({"name": self.b.unit_name})
        self.uid = unit.id
        chosen = [(ln, resolutions.get(ln.conflict.id) if ln.conflict else None) for ln in self.lines]
        self._move(sorted({ln.existing.id for ln, c in chosen if c == "move_member"}), unit)
        fresh = {
            ln.payload.id_number: ln.payload.member_name
            for ln, c in chosen
            if ln.existing is None and c != "skip"
        }
        insert_members(s, [(unit.id, MemberDraft(name, n)) for n, name in fresh.items()])
        found = existing_members(s, (ln.payload.id_number for ln in self.lines))
        members = {number: r.id for number, r in found.items()}
        links = self._links("claim", None)
        for ln, choice in chosen:
            c: ClaimLine = ln.payload
            code = ln.conflict.code if ln.conflict else ""
            if choice == "skip":
                if code != "claim_already_received":
                    self._link(
                        links,
                        batch_id,
                        "claim",
                        c.claim_no,
                        member_id=members.get(c.id_number),
                        outcome="refused",
                        reason=ln.conflict.message if ln.conflict else "",
                    )
            elif code == "claim_already_received":
                claim = s.get(Claim, links[c.claim_no].claim_id)
                # The plan met this claim in this transaction, and claims are never deleted.
                assert claim is not None
                self._refresh(claim, c)
            elif code == "claim_same_event":
                q = (
                    select(Claim.id)
                    .join(Member)
                    .where(
                        Member.id_number == c.id_number,
                        Claim.event_key == c.event_key,
                        Claim.status.in_(LIVE_STATUSES),
                    )
                )
                self._link(
                    links,
                    batch_id,
                    "claim",
                    c.claim_no,
                    member_id=members[c.id_number],
                    claim_id=s.scalars(q).first(),
                    outcome="accepted",
                    reason="",
                )
            else:
                claim, why = self._create(c, members[c.id_number], unit)
                if claim is None:
                    self._link(links, batch_id, "claim", c.claim_no, member_id=members[c.id_number],
                               outcome="refused", reason=why)  # fmt: skip
                    continue
                self._link(
                    links,
                    batch_id,
                    "claim",
                    c.claim_no,
                    member_id=claim.member_id,
                    claim_id=claim.id,
                    outcome="accepted",
                    reason="",
                )
        s.flush()
        return unit.id, None

    def _draft(self, c: ClaimLine, member_id: int) -> ClaimDraft:
        family = self.s.scalars(
            select(FamilyMember.id).where(
                FamilyMember.member_id == member_id, FamilyMember.name == c.beneficiary
            )
        ).first()
        return ClaimDraft(member_id, c.plan, c.benefit, dict(c.facts or {}), c.applied_on, c.relation,
                          family if c.relation != "self" else None, c.materials)  # fmt: skip

    def _compare(self, c: ClaimLine, member_id: int, where: str) -> None:
        """The preview names every claim whose unit figure differs from the office's own."""
        a, why = office_assessment(self.s, self.catalogue, self._draft(c, member_id))
        if a is None:
            self.notes.append(f"{where}：单位理赔 {c.claim_no} 无法按本办事处方案核算（{why}），将不予受理")
        elif to_fen(a.decision.amount) != to_fen(c.amount):
            self.notes.append(
                f"{where}：单位理赔 {c.claim_no} 单位计算 {c.amount:.2f} 元，办事处按本办事处方案计算 "
                f"{a.decision.amount:.2f} 元，以办事处计算为准"
            )

    def _create(self, c: ClaimLine, member_id: int, unit: Unit) -> tuple[Claim | None, str]:
        """The office's own claim from the unit's facts, or None and why it cannot be priced."""
        s = self.s
        draft = self._draft(c, member_id)
        a, why = office_assessment(s, self.catalogue, draft)
        if a is None:
            reason = f"单位理赔 {c.claim_no}：无法按本办事处方案核算（{why}），不予受理"
            batch_id = self.b.opened.batch_id if self.b.opened else ""
            audit.record(s, self.actor, "refuse", "claim", c.claim_no, source="batch", reason=reason,
                         batch=self.b.batch_no, batch_id=batch_id)  # fmt: skip
            return None, reason
        claim = Claim(
            claim_no=_next_number(s, c.applied_on.year),
            unit_id=unit.id,
            status="submitted",
            submitted_by=self.actor.user_id,
            created_by=self.actor.user_id,
        )
        _store(claim, draft, a)
        trace = (
            f"单位上报计算金额 {c.amount:.2f} 元（{unit.name} 第 {self.b.batch_no} 批，单位理赔编号 "
            f"{c.claim_no}）；办事处按本办事处方案重新计算为 {a.decision.amount:.2f} 元"
        )
        decision = json.loads(claim.decision)
        decision["trace"] = [*decision.get("trace", []), trace]
        claim.decision = json.dumps(decision, ensure_ascii=False)
        s.add(claim)
        s.flush()
        reason = (
            f"据{unit.name}上报批次第 {self.b.batch_no} 批受理；单位理赔编号 {c.claim_no}，单位状态："
            f"{STATUS_LABELS.get(c.status, c.status)}"
        )
        self._step(claim, "", reason)
        audit.record(s, self.actor, "create", "claim", claim.claim_no, source="batch", unit_claim=c.claim_no,
                     unit_amount=f"{c.amount:.2f}", amount=f"{a.decision.amount:.2f}",
                     batch_id=self.b.opened.batch_id if self.b.opened else "")  # fmt: skip
        return claim, ""

    def _refresh(self, claim: Claim, c: ClaimLine) -> None:
        if claim.status not in ("submitted", "returned"):
            self.notes.append(
                f"理赔 {claim.claim_no} 办事处已在办理（{STATUS_LABELS[claim.status]}），未按批次更新"
            )
            return
        draft = self._draft(c, claim.member_id)
        a, why = office_assessment(self.s, self.catalogue, draft, claim.id)
        if a is None:
            self.notes.append(
                f"理赔 {claim.claim_no}：单位重新上报的资料无法按本办事处方案核算（{why}），未更新"
            )
            return
        _store(claim, draft, a)  # the office's own figure from the new facts, never the unit's
        if claim.status == "returned" and c.status == "submitted":
            claim.status = "submitted"
            self._step(claim, "returned", f"单位补件后重新上报（第 {self.b.batch_no} 批）")
        self.s.flush()
        audit.record(
            self.s, self.actor, "update", "claim", claim.claim_no, source="batch", unit_claim=c.claim_no
        )

    def _step(self, claim: Claim, previous: str, reason: str) -> None:
        self.s.add(
            ClaimStep(
                claim_id=claim.id,
                user_id=self.actor.user_id,
                username=self.actor.username,
                action="submit",
                from_status=previous,
                to_status="submitted",
                reason=reason[:500],
            )
        )
