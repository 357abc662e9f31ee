"""A store written by the previous version migrates: speakers and "counts" become
actor and measure records, with a backup first and nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from kursk_annotator.core.evidence.models import norm_name
from kursk_annotator.core.store import head_revision, open_store
from kursk_annotator.core.workspace import Workspace

# Built with the version before actors and measures (schema 0003): the sample set plus
# a claim attributed to "Zelenskyy".
OLD_STORE = Path(__file__).with_name("fixtures") / "store-0003.sqlite"


def _rows(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT id, kind, start_offset, end_offset, quote, attributes, status, version "
            "FROM annotation ORDER BY id"
        ).fetchall()
    finally:
        con.close()


def test_old_store_migrates_to_actors_and_measures(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copyfile(OLD_STORE, db)
    before = _rows(db)
    store = open_store(str(db))
    try:
        assert len(store.backups) == 1 and store.backups[0].exists()
        assert _rows(store.backups[0]) == before  # the backup is the old store
        assert _rows(db) == before  # annotations untouched: nothing lost
        ws = Workspace(store, "Test Analyst")
        actors, measures = ws.evidence.actor_index(), ws.evidence.measure_index()
        import json

        for _id, kind, *_rest, attributes, _status, _version in [
            (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in before
        ]:
            attrs = json.loads(attributes)
            if kind == "claim" and attrs.get("attributed_to"):
                assert actors.get(attrs["attributed_to"]) is not None, attrs
            if kind == "figure" and attrs.get("counts"):
                assert measures.get(attrs["counts"]) is not None, attrs
        names = {norm_name(a.name) for a in ws.evidence.actors()}
        assert {"zelenskyy", "russian defence ministry", "rfe/rl"} <= names
        rfe = ws.evidence.actor("RFE/RL")
        assert rfe.type == "media"  # outlets become actors that can be graded
        territory = ws.evidence.measure("territory held by Ukraine in Kursk Oblast")
        assert (territory.dimension, territory.unit) == ("area", "km²")
    finally:
        store.close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    con.close()
