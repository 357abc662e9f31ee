"""Count the figures of each measure from the expression index alone (SQLite).

The Figures view opens on a list of measures ordered by how many claimants and figures
each has. Index 0009 held kind, measure and claimant, so the live, not rejected figures
could only be told apart by reading every figure's row for its status and deletion date
(and its article, the claimant of a figure without one): about 20 ms at 10,000 figures.
With those columns (and the analyst, for the analyst filter) in the index, SQLite counts
per measure from the index alone, reading one row per measure for its name.

Revision ID: 0010_figure_measure_covering
Revises: 0009_figure_measure_index
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_figure_measure_covering"
down_revision: str | None = "0009_figure_measure_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_annotation_figure_measure"
MEASURE = "json_extract(attributes, '$.counts')"
CLAIMANT = "json_extract(attributes, '$.claimant')"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(
        f"CREATE INDEX {INDEX} ON annotation "
        f"(kind, {MEASURE}, {CLAIMANT}, status, deleted_at, article_id, analyst_id)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(f"CREATE INDEX {INDEX} ON annotation (kind, {MEASURE}, {CLAIMANT})")
