"""The Figures view's chart draws every report of a series whole and visible."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from kursk_annotator.ui.figures_chart import MIN_BAR, PALETTE, SeriesChart, value_axis_top

LEFT, RIGHT = 46, 10  # the plot area's margins in SeriesChart.paintEvent


def _columns_of(image, colour: str) -> list[int]:
    """The x of every column holding a pixel of ``colour`` (outline or see-through fill)."""
    want = QColor(colour)
    columns = set()
    for x in range(image.width()):
        for y in range(image.height()):
            got = image.pixelColor(x, y)
            # The fill is the colour at alpha 90 over the background: same hue direction.
            if abs(got.hueF() - want.hueF()) < 0.03 and got.saturationF() > 0.25:
                columns.add(x)
                break
    return sorted(columns)


def test_the_first_and_last_reports_of_a_series_are_drawn_whole_inside_the_axes(qtbot) -> None:
    chart = SeriesChart()
    qtbot.addWidget(chart)
    chart.resize(420, 160)
    aug, jan = date(2024, 8, 27).toordinal(), date(2025, 1, 15).toordinal()
    chart.set_points(
        [(aug, aug, 1200.0, 1300.0, "Ukraine"), (jan, jan, 450.0, 550.0, "ISW")], "km²"
    )
    image = chart.grab().toImage()
    first, last = _columns_of(image, PALETTE[0]), _columns_of(image, PALETTE[1])
    assert first and last
    # Neither report is squeezed against the frame: both sit clear of the axes.
    assert first[0] > LEFT + 2
    assert last[-1] < chart.width() - RIGHT - 2
    # A one-day report is still wide enough to see and to hover.
    assert first[-1] - first[0] + 1 >= MIN_BAR - 1
    assert last[-1] - last[0] + 1 >= MIN_BAR - 1
    assert first[-1] < last[0]  # August before January


def test_the_value_axis_ends_on_a_round_number_above_every_value() -> None:
    # 13,200 (about 12,000 as an interval) read "14,520" at the top of the axis.
    assert value_axis_top(13_200) == 15_000
    assert value_axis_top(1_300) == 1_500
    assert value_axis_top(950) == 1_200
    assert value_axis_top(40) == 50 and value_axis_top(0.5) == 1.2
    for highest in (0.7, 3, 99, 1_234, 45_000, 9_999_999):
        top = value_axis_top(highest)
        assert top >= highest * 1.1
