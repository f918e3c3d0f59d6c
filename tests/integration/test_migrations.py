"""The schema is made only by migrations, and models never drift from them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hotline.db import Base
from hotline.extensions import make_engine


def test_models_match_migrations(database_url):
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == [], f"models and migrations drift: {differences}"


def test_history_is_one_line():
    """One head and no branch points: every deployment applies the same steps in the same order."""
    from alembic.script import ScriptDirectory

    from hotline.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1, scripts.get_heads()
    for revision in scripts.walk_revisions():
        assert not revision.is_branch_point, f"{revision.revision} has several children"


def test_downgrade_to_base_and_up_again(tmp_path):
    """Every revision's downgrade undoes its upgrade, on a scratch database of the suite's backend."""
    from alembic import command
    from sqlalchemy import inspect

    from hotline.migrate import alembic_config, upgrade
    from tests.conftest import scratch_database

    with scratch_database(tmp_path, "hotline_scratch") as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            tables = set(inspect(engine).get_table_names())
            config = alembic_config()
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, "base")
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
            upgrade(engine)
            assert set(inspect(engine).get_table_names()) == tables
        finally:
            engine.dispose()
