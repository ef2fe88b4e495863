"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from eport.bootstrap import Platform
from eport.db.migrate import current_revisions, head_revisions, is_at_head
from eport.db.tables import metadata


def test_the_test_database_was_migrated_from_empty_to_the_single_head(platform: Platform) -> None:
    heads = head_revisions(platform.settings.database_url)
    assert len(heads) == 1, f"migrations must form one line, found heads {heads}"
    assert current_revisions(platform.engine) == heads
    assert is_at_head(platform.engine)


def test_models_and_migrations_do_not_drift(platform: Platform) -> None:
    with platform.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == [], (
        "the models differ from the migrated schema; add a migration "
        f"(alembic autogenerate): {differences}"
    )
