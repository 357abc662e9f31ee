"""Team stores: an analyst may be a database login (and that login may be disabled).

Revision ID: 0004_team_logins
Revises: 0003_orphans
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_team_logins"
down_revision: str | None = "0003_orphans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("analyst") as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=63), nullable=True))
        batch_op.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint("uq_analyst_login", ["login"])


def downgrade() -> None:
    with op.batch_alter_table("analyst") as batch_op:
        batch_op.drop_constraint("uq_analyst_login", type_="unique")
        batch_op.drop_column("disabled_at")
        batch_op.drop_column("login")
