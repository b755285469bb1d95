"""The roster's plain values (drafts, row errors, labels) live in app.io.roster_types, where the
file readers and writers use them without importing the service layer; the same objects here for
the services and the window."""

from app.io.roster_types import (
    CATEGORY_LABELS,
    EMPLOYMENT_LABELS,
    ENGAGEMENT_LABELS,
    MAX_ENGAGEMENT_MONTHS,
    RELATION_LABELS,
    Category,
    DraftRow,
    Employment,
    Engagement,
    MemberDraft,
    Relation,
    RowError,
)

__all__ = [
    "CATEGORY_LABELS", "EMPLOYMENT_LABELS", "ENGAGEMENT_LABELS", "MAX_ENGAGEMENT_MONTHS", "RELATION_LABELS",
    "Category", "DraftRow", "Employment", "Engagement", "MemberDraft", "Relation", "RowError",
]  # fmt: skip
