"""Find an article's annotations by where they start.

A long article opens in parts (``ui/article_state.py``): the rows starting in its first
screens, then the rest a part at a time. With the index on article_id alone, each part
read every annotation row of the article to test its start: about 30 ms per part at
100,000 annotations. The index on (article_id, start_offset) finds a part's rows
directly, and serves every lookup by article the old index served, so it replaces it.

Revision ID: 0011_article_start_index
Revises: 0010_figure_measure_covering
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_article_start_index"
down_revision: str | None = "0010_figure_measure_covering"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_annotation_article_start", "annotation", ["article_id", "start_offset"], unique=False
    )
    op.drop_index("ix_annotation_article_id", table_name="annotation")


def downgrade() -> None:
    op.create_index("ix_annotation_article_id", "annotation", ["article_id"], unique=False)
    op.drop_index("ix_annotation_article_start", table_name="annotation")
