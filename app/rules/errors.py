"""Typed errors raised by the rules layer."""

from __future__ import annotations


class RulesError(ValueError):
    """Base of every error the rules layer raises; the message is Chinese, for the clerk."""


class ValidationError(RulesError):
    """A value (ID number, amount, date …) is malformed."""


class InvalidIdNumber(ValidationError):
    """An ID number fails the GB 11643-1999 checks."""


class InvalidAmount(ValidationError):
    """A money amount is negative, not a number or has more than two decimals."""


class PlanError(RulesError):
    """A plan file or plan text is malformed or names an unknown calculator."""


class UnknownPlan(RulesError):
    """No plan (or no benefit of a plan) has the code asked for."""


class CaseError(ValidationError):
    """A claim or enrollment case is incomplete or malformed; names the case id and field."""

    def __init__(self, case_id: str | None, field: str, problem: str) -> None:
        self.case_id = case_id
        self.field = field
        self.problem = problem
        who = f"案件 {case_id}" if case_id else "案件（无编号）"
        super().__init__(f"{who}：字段 {field} {problem}")
