"""Use cases: each takes a SQLAlchemy session factory and returns plain values."""

from app.services import text_guard  # noqa: F401  every flush checks its text (issue 15 item 3)
