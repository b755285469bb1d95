"""Use cases: each takes a SQLAlchemy session factory and returns plain values."""
