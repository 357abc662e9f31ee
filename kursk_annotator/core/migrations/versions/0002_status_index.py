"""Index annotations by review status (the review queue filters on it).

Revision ID: 0002_status_index
Revises: 0001_initial
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_status_index"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("annotation") as batch_op:
        batch_op.create_index("ix_annotation_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("annotation") as batch_op:
        batch_op.drop_index("ix_annotation_status")
