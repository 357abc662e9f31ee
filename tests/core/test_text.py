"""Text normalisation and the code-point <-> UTF-16 offset conversion."""

from __future__ import annotations

import unicodedata

import pytest

from kursk_annotator.core.anchoring import find_quote, selector_for, snap_span
from kursk_annotator.core.text import Utf16Map, content_hash, normalise_text


def test_crlf_and_cr_become_lf() -> None:
    assert normalise_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_bom_is_dropped_and_text_is_nfc() -> None:
    decomposed = "\ufeffCafe\u0301 in Sudzha"  # e + combining acute accent
    stored = normalise_text(decomposed)
    assert stored == "Café in Sudzha"
    assert unicodedata.is_normalized("NFC", stored)
    assert len(stored) == len("Café in Sudzha")


def test_same_text_in_other_form_has_same_hash() -> None:
    assert content_hash("Cafe\u0301\r\nline") == content_hash("Café\nline")
    assert content_hash("Café") != content_hash("Cafe")


@pytest.mark.parametrize(
    "prefix",
    ["", "🇺🇦 ", "😀😀 ", "𝐁𝐨𝐥𝐝 ", "a\u0301b ", "emoji 👩‍👩‍👧 then "],
    ids=["plain", "flag", "two-emoji", "math-letters", "combining", "zwj-family"],
)
def test_utf16_round_trip_lands_on_the_quoted_characters(prefix: str) -> None:
    text = normalise_text(prefix + "Ukrainian forces captured Sudzha.\nEnd 🚀.")
    start, end = find_quote(text, "Sudzha")
    mapping = Utf16Map(text)
    u16 = text.encode("utf-16-le")
    # Qt would see the same characters at the converted UTF-16 positions.
    qt_start, qt_end = mapping.to_utf16(start), mapping.to_utf16(end)
    assert u16[qt_start * 2 : qt_end * 2].decode("utf-16-le") == "Sudzha"
    assert mapping.from_utf16(qt_start) == start
    assert mapping.from_utf16(qt_end) == end
    assert mapping.length_utf16 == len(u16) // 2
    for offset in range(len(text) + 1):
        assert mapping.from_utf16(mapping.to_utf16(offset)) == offset


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    text = "a😀b"
    mapping = Utf16Map(text)
    assert mapping.to_utf16(2) == 3  # "b" sits after the two code units of the emoji
    assert mapping.from_utf16(2) == 1  # middle of the emoji -> the emoji itself


def test_long_text_finds_the_same_astral_characters() -> None:
    """Long texts are scanned by another regular-expression engine: same positions."""
    from kursk_annotator.core.text import LONG_TEXT

    text = ("Ukrainian forces 🚀 captured Sudzha, 𝐁𝐨𝐥𝐝 é\n" * (LONG_TEXT // 40 + 1))[
        : LONG_TEXT + 7
    ]
    mapping = Utf16Map(text)
    expected = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
    assert len(text) >= LONG_TEXT and mapping.astral_positions == expected
    assert mapping.length_utf16 == len(text.encode("utf-16-le")) // 2
    assert mapping.to_utf16(expected[-1] + 1) == expected[-1] + 1 + len(expected)
    assert Utf16Map("plain ASCII " * (LONG_TEXT // 10)).astral_positions == []


def test_selector_keeps_32_characters_of_context() -> None:
    text = "x" * 50 + "QUOTE" + "y" * 50
    sel = selector_for(text, 50, 55)
    assert (sel.quote, sel.prefix, sel.suffix) == ("QUOTE", "x" * 32, "y" * 32)


def test_crlf_input_offsets_point_at_the_same_words() -> None:
    raw = "Line one\r\nBerdin is 15 km\r\nfrom the border"
    text = normalise_text(raw)
    start, end = find_quote(text, "15 km")
    assert text[start:end] == "15 km"
    # Each CRLF became one character, so the offset moved back by one.
    assert start == raw.index("15 km") - 1


def test_snap_span_extends_to_words_and_trims_punctuation() -> None:
    text = "He said: “Sudzha, Kursk Oblast.” Then left."
    start = text.index("udzha")
    end = text.index("Obl") + 2
    s, e = snap_span(text, start, end)
    assert text[s:e] == "Sudzha, Kursk Oblast"
    s, e = snap_span(text, start, end, whole_words=False)
    assert text[s:e] == "udzha, Kursk Ob"
    assert snap_span(text, 7, 9) == (9, 9)  # only ": " selected: nothing left to tag
