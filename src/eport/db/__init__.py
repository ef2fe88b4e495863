"""Database adapter: engine, unit of work, column types and Alembic migrations."""
