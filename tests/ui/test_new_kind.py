"""A kind is declared once: one registered here (an "event" with a date) is tagged, listed,
filtered, edited, given on the command line, exchanged as W3C and briefed, with no other
file of the product changed."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from pydantic import Field
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from kursk_annotator.cli import main
from kursk_annotator.core import kinds
from kursk_annotator.core.attributes import AttributeModel, shown
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.legend import Legend
from tests.export.reading import heading_texts, open_docx, row_texts, table_with_header
from tests.ui.conftest import TEXT, select_text


class EventAttrs(AttributeModel):
    """Something that happened, and when."""

    date: datetime.date | None = Field(
        default=None, json_schema_extra=shown("Date", metavar="YYYY-MM-DD")
    )
    actor: str | None = Field(default=None, max_length=120, json_schema_extra=shown("Actor"))


EVENT = kinds.KindSpec(
    "event",
    "Event",
    "Events",
    key="V",
    colour="#BBCCEE",
    attributes=EventAttrs,
    description="something that happened",
)


@pytest.fixture
def event_kind():
    with kinds.registered(EVENT) as spec:
        yield spec


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_registered_kind_is_tagged_shown_filtered_and_edited_in_the_window(
    qtbot, make_window, workspace: Workspace, article_id: int, event_kind
):
    window = make_window(workspace)
    window.open_article(article_id)
    texts = {a.text() for a in window.findChildren(QAction)}
    assert {"Tag as Event", "Show Events", "Event"} <= texts  # Annotate, View, Change Kind To
    box = window.annotations.kind_box
    assert "Event" in [box.itemText(i) for i in range(box.count())]
    legend = window.findChild(Legend, "legend")
    assert "Event (accepted)" in legend.accessibleName()

    select_text(window, "were deployed")
    qtbot.keyClick(window.reader, Qt.Key.Key_V)
    event = window.state.selected_annotation
    assert event is not None and event.kind == "event"
    assert window.annotations.model.index(0, 0).data() == "Event"

    when = window.inspector.editor("event", "date")
    when.setText("2024-08-06")
    when.editingFinished.emit()
    assert workspace.annotations.get(event.id).attributes == {"date": "2024-08-06"}
    when.setText("the sixth")
    when.editingFinished.emit()
    assert "date" in window.inspector.problems["date"]  # the model's own message, at the field
    assert workspace.annotations.get(event.id).attributes == {"date": "2024-08-06"}

    show_events = next(a for a in window.findChildren(QAction) if a.text() == "Show Events")
    show_events.trigger()  # hide events
    assert event.id not in {a.id for a in window.state.visible_annotations()}
    show_events.trigger()
    assert event.id in {a.id for a in window.state.visible_annotations()}


def test_a_registered_kind_on_the_command_line_in_w3c_and_in_the_briefing(
    capsys, tmp_path: Path, workspace: Workspace, article_id: int, event_kind
):
    db = str(workspace.store.url.removeprefix("sqlite:///"))
    code, out, err = run(
        capsys, "--db", db, "annotate", str(article_id), "--kind", "event",
        "--quote", "were deployed", "--date", "2024-08-06", "--actor", "North Korea", "--json",
    )  # fmt: skip
    assert code == 0, err
    created = json.loads(out)
    assert created["kind"] == "event"
    assert created["attributes"] == {"date": "2024-08-06", "actor": "North Korea"}

    code, _out, err = run(
        capsys, "--db", db, "annotate", str(article_id), "--kind", "claim",
        "--quote", "The ministry said", "--date", "2024-08-06",
    )  # fmt: skip
    assert code == 2 and "--date applies to an event, not a claim" in err

    code, out, _err = run(capsys, "--db", db, "annotations", "--kind", "event", "--json")
    assert [a["quote"] for a in json.loads(out)] == ["were deployed"]

    # W3C: out of this store and into another holding the same article.
    shared = tmp_path / "shared.jsonld"
    assert run(capsys, "--db", db, "export-annotations", str(shared))[0] == 0
    other = Workspace(open_store(str(tmp_path / "other.sqlite")), "Mark Davies")
    other.articles.add(NewArticle(text=TEXT, title="Sudzha report"))
    other_db = str(tmp_path / "other.sqlite")
    code, out, err = run(capsys, "--db", other_db, "import-annotations", str(shared))
    assert code == 0, err
    (imported,) = other.annotations.list(kinds=["event"])
    assert imported.quote == "were deployed"
    assert other.annotations.get(imported.id).attributes == created["attributes"]
    other.close()

    briefing = tmp_path / "briefing.docx"
    code, _out, err = run(
        capsys, "--db", db, "export-docx", str(briefing), "--status", "all"
    )  # fmt: skip
    assert code == 0, err
    document = open_docx(briefing)
    assert "Events" in heading_texts(document, 1)
    rows = row_texts(table_with_header(document, "Event"))
    assert rows[1][:3] == ["“were deployed”", "2024-08-06", "North Korea"]


def test_registering_refuses_a_taken_name_or_key(event_kind):
    with pytest.raises(ValueError, match="already registered"):
        kinds.register(EVENT)
    with pytest.raises(ValueError, match="key 'C'"):
        kinds.register(kinds.KindSpec("count", "Count", "Counts", "C", "#FFFFFF", EventAttrs))


def test_kinds_the_product_ships():
    assert kinds.names() == ("claim", "figure", "place")
    assert [k.key for k in kinds.all_kinds()] == ["C", "F", "P"]
    assert kinds.label("rumour") == "rumour" and kinds.colour("rumour") == kinds.NEUTRAL_COLOUR
