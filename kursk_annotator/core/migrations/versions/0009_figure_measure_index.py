"""Read each figure's measure and claimant from an index (SQLite).

The Figures view opens by ordering the measures by their claimants and figures, which
reads the measure and claimant of every figure. Taken from the JSON attributes, that
parses every figure's attributes twice: about 50 ms of the view's first 80 ms at 10,000
figures. An index on the two expressions lets SQLite read them from the index instead
(about half the time). PostgreSQL stores are left as they are: they read the same
values with ``->>`` and are not where the bar is measured; an expression index there
needs the administrator's role (``team upgrade``).

Revision ID: 0009_figure_measure_index
Revises: 0008_count_index
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_figure_measure_index"
down_revision: str | None = "0008_count_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_annotation_figure_measure"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON annotation "
        "(kind, json_extract(attributes, '$.counts'), json_extract(attributes, '$.claimant'))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
