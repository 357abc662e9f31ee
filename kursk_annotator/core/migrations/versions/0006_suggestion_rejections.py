"""Suggestions an analyst rejected, remembered per article and analyst.

Revision ID: 0006_suggestion_rejections
Revises: 0005_kinds_in_code
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_suggestion_rejections"
down_revision: str | None = "0005_kinds_in_code"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "suggestion_rejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("analyst_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["analyst_id"], ["analyst.id"]),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "article_id",
            "analyst_id",
            "kind",
            "start_offset",
            "end_offset",
            name="uq_suggestion_rejection",
        ),
    )
    with op.batch_alter_table("suggestion_rejection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suggestion_rejection_article_id"), ["article_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("suggestion_rejection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestion_rejection_article_id"))
    op.drop_table("suggestion_rejection")
