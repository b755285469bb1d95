from __future__ import annotations

import stat
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from app.models import Base, db
from app.models.db import SCHEMA_HEAD, current_revision, make_engine, migrate


def test_schema_head_constant_matches_alembic() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).with_name("migrations")))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def test_migrations_build_every_model_table_and_rerun_is_a_no_op(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    assert current_revision(engine) is None
    migrate(engine)
    migrate(engine)
    assert current_revision(engine) == SCHEMA_HEAD
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "x.db"
    migrate(make_engine(f"sqlite:///{path}"))
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
