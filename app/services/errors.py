"""Errors a service raises for the clerk: the message is Chinese and says what to do."""

from __future__ import annotations

from app.services.roster_types import RowError


class ServiceError(Exception):
    """A use case refused: bad input, a conflict or a missing permission. Nothing was written."""


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else changed the record since it was read, or a unique value is taken."""


class InputErrors(ServiceError):
    """Every problem found in one input (a form or a file) at once."""

    def __init__(
        self, errors: list[RowError], message: str = "输入有误", notices: tuple[str, ...] = ()
    ) -> None:
        self.errors = errors
        self.notices = notices  # what the reader noticed besides the errors (skipped sheets, columns …)
        super().__init__(f"{message}：共 {len(errors)} 处\n" + "\n".join(str(e) for e in errors[:50]))
