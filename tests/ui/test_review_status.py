"""Review status in the reader: drawn by status, rejected hidden by default, a status filter."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat

from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.article_state import ALL_STATUSES
from tests.ui.conftest import format_at, highlighted_text

UNDERLINE = QTextCharFormat.UnderlineStyle

pytestmark = pytest.mark.gui


@pytest.fixture
def reviewed(workspace: Workspace, article_id: int) -> dict[str, int]:
    """Mark's annotations on the article, one per status (Test Analyst reviews them)."""
    ws = workspace
    mark = ws.analysts.ensure("Mark Davies")
    make = ws.annotations.create_from_quote
    ids = {
        "pending": make(article_id, "figure", "12,000 North Korean soldiers", mark).id,
        "accepted": make(article_id, "figure", "1,300 sq km", mark).id,
        "changes_requested": make(article_id, "place", "Kyiv", mark).id,
        "rejected": make(article_id, "place", "Kursk Oblast", mark).id,
    }
    ws.reviews.review(ids["accepted"], ws.analyst, "accept", "matches the source")
    ws.reviews.review(ids["changes_requested"], ws.analyst, "request_changes", "a city?")
    ws.reviews.review(ids["rejected"], ws.analyst, "reject", "a region, not a place")
    return ids


def test_pending_accepted_and_changes_requested_are_drawn_differently(
    qtbot, window, reviewed
) -> None:
    window.reload_library()
    pending = format_at(window, reviewed["pending"])
    accepted = format_at(window, reviewed["accepted"])
    changes = format_at(window, reviewed["changes_requested"])
    assert pending is not None and accepted is not None and changes is not None
    # Same kind (figure): the fill and the line tell the status, not the colour alone.
    assert accepted.underlineStyle() == UNDERLINE.NoUnderline
    assert pending.underlineStyle() == UNDERLINE.DashUnderline
    assert pending.background().color() != accepted.background().color()
    page = window.reader.palette().base().color()

    def distance(colour) -> int:
        return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], page.getRgb()[:3], strict=True))

    # Pending is lighter (nearer the page) than accepted, yet still tinted.
    assert 0 < distance(pending.background().color()) < distance(accepted.background().color())
    assert changes.underlineStyle() == UNDERLINE.WaveUnderline
    assert changes.underlineColor() == window.reader.highlighter._colours.warning
    # The hover text names the status too.
    from kursk_annotator.ui.reader_view import tooltip_html

    row = window.state.annotations[reviewed["changes_requested"]]
    tip = tooltip_html(window.reader.annotations_at(window.state.utf16.to_utf16(row.start)))
    assert "changes requested" in tip


def test_an_overlap_stays_distinguishable_from_each_of_its_parts(qtbot, window, reviewed) -> None:
    ws = window.workspace
    mark = ws.analysts.ensure("Mark Davies")
    claim = ws.annotations.create_from_quote(
        window.state.article.id, "claim", "The ministry said 12,000 North Korean soldiers", mark
    )
    ws.reviews.review(claim.id, ws.analyst, "accept")
    window.reload_library()
    both = format_at(window, reviewed["pending"])  # the pending figure inside the claim
    claim_only = format_at(window, claim.id)
    assert both is not None and claim_only is not None
    assert both.background().color() != claim_only.background().color()
    assert both.underlineStyle() == UNDERLINE.DashUnderline  # the pending part shows


def test_rejected_hidden_by_default_and_shown_by_the_status_filter(qtbot, window, reviewed) -> None:
    window.reload_library()
    rejected = window.workspace.annotations.get(reviewed["rejected"])
    assert window.state.filter.status == ""  # the default
    table = window.annotations.model
    shown_ids = {table.annotation(r).id for r in range(table.rowCount())}
    assert shown_ids == set(reviewed.values()) - {rejected.id}
    assert "Kursk Oblast" not in highlighted_text(window)
    assert "1 rejected, not shown" in window.counts_label.text()
    assert "Places: 1" in window.counts_label.text()  # counts leave rejected aside

    box = window.annotations.status_box
    box.setCurrentIndex(box.findData(ALL_STATUSES))
    box.activated.emit(box.currentIndex())
    assert table.rowCount() == 4
    assert "Kursk Oblast" in highlighted_text(window)
    struck = format_at(window, rejected.id)
    assert struck is not None and struck.fontStrikeOut()
    assert window.actions_by_name["status_all"].isChecked()

    window.actions_by_name["status_rejected"].trigger()
    assert [table.annotation(r).id for r in range(table.rowCount())] == [rejected.id]
    assert box.currentData() == "rejected"
    assert highlighted_text(window) == ["Kursk Oblast"]
    window.actions_by_name["status_default"].trigger()
    assert table.rowCount() == 3 and "Kursk Oblast" not in highlighted_text(window)


def test_the_status_filter_persists_across_a_restart(
    qtbot, make_window, workspace, article_id, reviewed
) -> None:
    first = make_window(workspace)
    first.open_article(article_id)
    first.actions_by_name["status_all"].trigger()
    first.close()
    second = make_window(workspace)
    assert second.state.filter.status == ALL_STATUSES
    assert second.annotations.status_box.currentData() == ALL_STATUSES
    assert second.actions_by_name["status_all"].isChecked()
    assert second.annotations.model.rowCount() == 4
    assert "Kursk Oblast" in highlighted_text(second)


def test_a_status_change_made_elsewhere_repaints_the_open_article(qtbot, window, reviewed) -> None:
    window.reload_library()
    pending = reviewed["pending"]
    assert format_at(window, pending).underlineStyle() == UNDERLINE.DashUnderline
    window.workspace.reviews.review(pending, window.workspace.analyst, "accept")
    window.reload_library()
    assert window.state.annotations[pending].status == "accepted"
    assert format_at(window, pending).underlineStyle() == UNDERLINE.NoUnderline
    window.workspace.reviews.review(pending, window.workspace.analyst, "reject")
    window.reload_library()
    assert pending not in {a.id for a in window.state.visible_annotations()}
    assert format_at(window, pending) is None


def _luminance(colour) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def _contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(("page", "text"), [("#ffffff", "#000000"), ("#1d1f21", "#e8e8e8")])
def test_status_styles_stay_legible_on_light_and_dark_pages(page: str, text: str) -> None:
    from PySide6.QtGui import QColor

    from kursk_annotator.ui.highlighter import char_format, span_style
    from kursk_annotator.ui.span_index import Span
    from kursk_annotator.ui.theme import HighlightColours

    colours = HighlightColours(dark=page != "#ffffff", page=QColor(page))
    for kind in ("claim", "figure", "place"):
        styles = {
            status: char_format(colours, span_style([Span(0, 1, kind, 1, status)]))
            for status in ("accepted", "pending", "changes_requested", "rejected")
        }
        fills = {s: f.background().color() for s, f in styles.items() if s != "rejected"}
        assert fills["accepted"] != fills["pending"]
        for fill in fills.values():
            assert _contrast(fill, QColor(text)) >= 4.5, (kind, fill.name())
        lines = {s: f.underlineStyle() for s, f in styles.items() if s != "rejected"}
        assert len(set(lines.values())) == 3  # none, dashed, wavy: not told by colour alone
        assert styles["rejected"].fontStrikeOut()
        assert _contrast(styles["pending"].underlineColor(), QColor(page)) >= 3, kind
    assert _contrast(colours.warning, QColor(page)) >= 3
    assert _contrast(colours.muted_text, QColor(page)) >= 4.5


def test_a_verdict_reloaded_keeps_the_reading_position(qtbot, sample_window) -> None:
    win = sample_window
    longest = max(win.workspace.articles.list(), key=lambda a: a.length)
    win.open_article(longest.id)
    bar = win.reader.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    win.reload_library()
    assert win.state.article.id == longest.id and bar.value() == kept
