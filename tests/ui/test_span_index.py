"""The span index answers "which annotations touch this line / this position"."""

from __future__ import annotations

from kursk_annotator.core.text import Utf16Map
from kursk_annotator.ui.span_index import LONG_SPAN, Span, SpanIndex

TEXT = "first line\nsecond 😀 line\n" + "x" * (LONG_SPAN + 100) + "\nlast line\n"


def index_with(*spans: Span) -> SpanIndex:
    index = SpanIndex(TEXT, Utf16Map(TEXT))
    index.add_all(spans)
    return index


def test_spans_are_found_in_every_line_they_touch():
    index = SpanIndex(TEXT, Utf16Map(TEXT))
    across = index.span_for(1, "claim", 6, 17)  # "line\nsecond"
    index.add_all([across])
    assert index.in_block(0) == [across] and index.in_block(1) == [across]
    assert index.in_block(2) == [] and index.in_block(3) == []


def test_astral_characters_shift_later_positions_by_one():
    index = SpanIndex(TEXT, Utf16Map(TEXT))
    start = TEXT.index("line", 12)  # after the emoji
    span = index.span_for(1, "place", start, start + 4)
    assert (span.start, span.end) == (start + 1, start + 5)
    index.add(span)
    assert index.at(start + 1) == [span]


def test_long_spans_do_not_hide_or_widen_lookups():
    start = TEXT.index("x")
    long_span = Span(0, len(TEXT) + 1, "claim", 1)
    short = Span(start + 10, start + 20, "figure", 2)
    index = index_with(long_span, short)
    last = len(index.block_starts) - 2  # "last line"
    assert index.in_block(last) == [long_span]
    assert [s.annotation_id for s in index.at(start + 15)] == [2, 1]  # shortest first


def test_add_and_remove_one_span_report_the_lines_to_repaint():
    index = index_with(Span(0, 5, "claim", 1))
    new = Span(12, 18, "place", 2)
    assert list(index.add(new)) == [1]
    assert index.in_block(1) == [new]
    assert list(index.remove(2)) == [1]
    assert index.in_block(1) == [] and len(index) == 1
    assert index.remove(99) == range(0)


def test_batch_conversions_match_one_by_one_with_astral_characters() -> None:
    import random

    from kursk_annotator.core.text import Utf16Map
    from kursk_annotator.ui.span_index import Span, SpanIndex

    rng = random.Random(14)
    for _ in range(200):
        text = "".join(rng.choice("ab\n😀c") for _ in range(rng.randrange(0, 300)))
        utf16 = Utf16Map(text)
        offsets = sorted(rng.randrange(0, len(text) + 1) for _ in range(50))
        assert utf16.to_utf16_sorted(offsets) == [utf16.to_utf16(o) for o in offsets]
        shuffled = rng.sample(offsets, len(offsets))
        assert utf16.to_utf16_all(shuffled) == [utf16.to_utf16(o) for o in shuffled]
        index = SpanIndex(text, utf16)
        lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        assert index.block_starts == [utf16.to_utf16(x) for x in lines]
        if len(text) < 2:
            continue
        rows = []
        for n in range(40):
            start = rng.randrange(0, len(text) - 1)
            rows.append((n, "claim", start, rng.randrange(start + 1, len(text) + 1), "pending"))
        expected = [
            Span(utf16.to_utf16(s), utf16.to_utf16(e), kind, i, status)
            for i, kind, s, e, status in rows
        ]
        assert sorted(index.spans_for(rows)) == sorted(expected)
        # Filed at once, each span is found in every line it touches, and only there.
        index.add_all(index.spans_for(rows))
        for block in range(len(index.block_starts)):
            first = index.block_starts[block]
            end = index.block_starts[block + 1] if block + 1 < len(index.block_starts) else 1e9
            touching = {s.annotation_id for s in expected if s.start < end and s.end > first}
            assert {s.annotation_id for s in index.in_block(block)} == touching


def test_rows_filed_in_code_points_answer_each_painted_line_in_utf16() -> None:
    """An article's rows are filed as they are (code points); each line asks by its Qt
    position and length and gets the same spans a UTF-16 index gave, emoji included."""
    import random

    rng = random.Random(1414)
    for _ in range(150):
        text = "".join(rng.choice("ab\n😀c𝔸") for _ in range(rng.randrange(2, 300)))
        utf16 = Utf16Map(text)
        rows = []
        for n in range(rng.randrange(1, 40)):
            start = rng.randrange(0, len(text) - 1)
            end = rng.randrange(start + 1, len(text) + 1)
            kind = rng.choice(("claim", "figure", "place"))
            rows.append((n, kind, start, end, "Olena", rng.choice(("pending", "accepted")), "", ""))
        rows.sort(key=lambda r: (r[2], r[3], r[0]))  # the store's order
        expected = [
            Span(utf16.to_utf16(s), utf16.to_utf16(e), kind, i, status)
            for i, kind, s, e, _a, status, _q, _n in rows
        ]
        index = SpanIndex(text, utf16)
        index.add_rows(rows)
        assert len(index) == len(rows)
        starts = index.block_starts
        ends = [*starts[1:], utf16.length_utf16 + 1]  # Qt counts the last line's end too
        for first, end in zip(starts, ends, strict=True):
            touching = sorted(s for s in expected if s.start < end and s.end > first)
            assert sorted(index.in_range(first, end)) == touching
        # Every Qt position, the second half of a surrogate pair included.
        for position in range(utf16.length_utf16 + 1):
            covering = [s for s in expected if s.start <= position < s.end]
            covering.sort(key=lambda s: (s.end - s.start, s.start, s.kind, s.annotation_id))
            assert index.at(position) == covering
        for span in expected:
            assert index.get(span.annotation_id) == span


def test_a_span_added_after_the_rows_is_found_and_removed_like_them() -> None:
    text = "one 😀 two\nthree four\n"
    utf16 = Utf16Map(text)
    index = SpanIndex(text, utf16)
    index.add_rows([(1, "claim", 0, 3, "A", "accepted", "one", "")])
    start = text.index("two")
    added = index.span_for(2, "place", start, start + 3, "pending")
    assert added.start == start + 1  # after the emoji's two UTF-16 units
    assert list(index.add(added)) == [0]
    assert index.at(added.start) == [added] and index.get(2) == added
    assert list(index.remove(1)) == [0]
    assert index.in_block(0) == [added]
    # With the document's own line lookup (the reader's), the lines come from it.
    index.block_finder = lambda position: 0 if position < len("one 😀 two\n") + 1 else 1
    assert list(index.remove(2)) == [0] and len(index) == 0
