"""What the rules layer returns: claim decisions and enrollment results, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.rules.money import ZERO


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a claim was refused, or what limited it; ``code`` is stable, ``message`` Chinese."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ClaimDecision:
    eligible: bool
    amount: Decimal
    cap: Decimal
    reasons: tuple[Reason, ...] = ()
    trace: tuple[str, ...] = ()

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    member: str | None = None


@dataclass(frozen=True, slots=True)
class Fee:
    per_person: Decimal
    subsidy: Decimal
    payable: Decimal


@dataclass(frozen=True, slots=True)
class EnrollmentResult:
    ok: bool
    findings: tuple[Finding, ...]
    fee: Fee


@dataclass(frozen=True, slots=True)
class MemberEligibility:
    """One member's eligibility for a plan, for the enrollment tab."""

    key: str
    eligible: bool
    findings: tuple[Finding, ...]


class Audit:
    """Collects reasons and trace lines while a calculator works, then builds the decision."""

    __slots__ = ("reasons", "trace")

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.trace: list[str] = []

    def note(self, line: str) -> None:
        self.trace.append(line)

    def reason(self, code: str, message: str) -> None:
        self.reasons.append(Reason(code, message))

    def refuse(self, cap: Decimal = ZERO) -> ClaimDecision:
        if not self.trace or self.trace[-1] != "结论：不予给付":
            self.trace.append("结论：不予给付")
        return ClaimDecision(False, ZERO, cap, tuple(self.reasons), tuple(self.trace))

    def pay(self, amount: Decimal, cap: Decimal) -> ClaimDecision:
        """Eligible; ``amount`` is clamped to [0, cap] so no calculator can overpay."""
        due = min(max(amount, ZERO), cap)
        self.trace.append(f"结论：应付 {due:.2f} 元（上限 {cap:.2f} 元）")
        return ClaimDecision(True, due, cap, tuple(self.reasons), tuple(self.trace))
