"""Alembic environment: runs on the connection the store hands over (never an ini URL)."""

from alembic import context
from sqlmodel import SQLModel

from kursk_annotator.core import models  # noqa: F401  (registers the tables)
from kursk_annotator.core.evidence import models as evidence_models  # noqa: F401
from kursk_annotator.core.exchange import orphans  # noqa: F401

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
