"""The annotations table model keeps its rows in the chosen order through edits."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from kursk_annotator.ui.annotation_model import AnnotationTableModel
from kursk_annotator.ui.article_state import AnnotationRow

QUOTES = ["Sudzha", "Kyiv", "Kursk", "12,000 troops", "ministry", "Berdin", "about 1,300 sq km"]


def row(i: int, rng: random.Random) -> AnnotationRow:
    start = rng.randrange(0, 5000)
    return AnnotationRow(
        i,
        rng.choice(["claim", "figure", "place"]),
        start,
        start + rng.randrange(1, 40),
        rng.choice(["Olena Kovalchuk", "Mark Davies"]),
        rng.choice(["pending", "accepted"]),
        rng.choice(QUOTES),
        rng.choice(["", "check", "source?"]),
    )


@pytest.mark.parametrize("column", [-1, 0, 1, 2, 3, 4])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_rows_stay_sorted_and_findable_through_edits(qtmodeltester, column, order):
    rng = random.Random(column * 10 + int(order == Qt.SortOrder.DescendingOrder))
    model = AnnotationTableModel()
    model.set_rows([row(i, rng) for i in range(200)])
    model.sort(column, order)
    live = {a.id: a for a in (model.annotation(r) for r in range(model.rowCount()))}
    for step in range(300):
        action = rng.random()
        if action < 0.4:
            new = row(1000 + step, rng)
            model.add_row(new)
            live[new.id] = new
        elif action < 0.7 and live:
            gone = rng.choice(sorted(live))
            model.remove_row(gone)
            del live[gone]
        elif live:
            changed = row(rng.choice(sorted(live)), rng)
            model.update_row(changed)
            live[changed.id] = changed
    shown = [model.annotation(r) for r in range(model.rowCount())]
    assert {a.id for a in shown} == set(live)
    probe = AnnotationTableModel()
    probe.set_rows(list(live.values()))
    probe.sort(column, order)
    assert [a.id for a in shown] == [probe.annotation(r).id for r in range(probe.rowCount())]
    for r, a in enumerate(shown):
        assert model.row_of(a.id) == r
    qtmodeltester.check(model)
