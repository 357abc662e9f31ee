"""Text files in the encodings analysts receive them in, and junk that is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import read_source
from tests.importers.builders import write

RUSSIAN = (
    "Министерство обороны России заявило, что штурмовая группа была разгромлена "
    "у Суджи в Курской области."
)
UKRAINIAN = (
    "Українські сили утримують позиції біля Махнівки; їхні командири кажуть, "
    "що ґрунтові дороги є під контролем."
)
ENGLISH = "Ukraine’s forces held “about 1,300 sq km” of Kursk Oblast — officials said."


@pytest.mark.parametrize(
    ("data", "expected", "note"),
    [
        (ENGLISH.encode("utf-8"), ENGLISH, None),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH, "UTF-8 (byte-order mark)"),
        (codecs.BOM_UTF16_LE + UKRAINIAN.encode("utf-16-le"), UKRAINIAN, "UTF-16"),
        (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN, "UTF-16"),
        (RUSSIAN.encode("cp1251"), RUSSIAN, "windows-1251"),
        (UKRAINIAN.encode("cp1251"), UKRAINIAN, "windows-1251"),
        (RUSSIAN.encode("koi8_r"), RUSSIAN, "koi8-r"),
        (RUSSIAN[:45].encode("koi8_r"), RUSSIAN[:45], "koi8-r"),
        (UKRAINIAN.encode("koi8_u"), UKRAINIAN, "koi8-u"),
        (UKRAINIAN.encode("utf-16-le"), UKRAINIAN, "UTF-16LE (no byte-order mark"),
        (ENGLISH.encode("utf-16-be"), ENGLISH, "UTF-16BE (no byte-order mark"),
    ],
)
def test_encodings_are_detected_and_recorded(
    tmp_path: Path, data: bytes, expected: str, note: str | None
) -> None:
    article = read_source(write(tmp_path / "article.txt", data))
    assert article.text.lstrip("\ufeff") == expected
    if note is None:
        assert article.normalisation is None
    else:
        assert note in article.normalisation


def test_invalid_bytes_in_mostly_utf8_are_replaced_and_counted(tmp_path: Path) -> None:
    data = (ENGLISH.encode("utf-8") + b"\n") * 3 + b"A stray \x97 dash and \xff.\n"
    article = read_source(write(tmp_path / "mixed.txt", data))
    assert article.text.count("\ufffd") == 2
    assert ENGLISH in article.text
    assert "2 invalid byte sequences replaced with U+FFFD" in article.normalisation


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    article = read_source(write(tmp_path / "note.md", "# Sudzha retaken\n\nText of the note.\n"))
    assert article.title == "Sudzha retaken"
    assert article.source_format == "md"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n   \n", "whitespace"),
        (codecs.BOM_UTF16_LE + "   \n ".encode("utf-16-le"), "whitespace"),
        (bytes(range(256)) * 20, "binary"),
        (bytes((i * 7 + 3) % 256 for i in range(5000)), "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00junk", "ZIP"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    ],
)
def test_junk_under_a_text_extension_is_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(UserError) as refused:
        read_source(write(tmp_path / "notes.txt", data))
    message = str(refused.value)
    assert reason.lower() in message.lower()
    assert "\n" not in message


def test_high_bytes_without_nul_are_refused(tmp_path: Path) -> None:
    # Compressed or encrypted data without NUL bytes: no encoding makes text of it.
    data = bytes(128 + (i * 37) % 128 for i in range(8000))
    with pytest.raises(UserError, match=r"binary data|unknown encoding"):
        read_source(write(tmp_path / "blob.txt", data))


def test_stray_bad_bytes_in_ascii_text_are_replaced_not_read_as_windows_1252(
    tmp_path: Path,
) -> None:
    """No valid multi-byte character at all, one broken sequence: still UTF-8 (it used to
    come out as windows-1252 mojibake, "Ã(")."""
    data = b"Ukrainian forces held the town \xc3\x28 for a week. " * 2 + b"Plain text. " * 100
    article = read_source(write(tmp_path / "stray.txt", data))
    assert "Ã" not in article.text
    assert article.text.count("\ufffd") == 2
    assert "decoded as UTF-8; 2 invalid byte sequences replaced" in article.normalisation


def test_few_valid_and_few_bad_sequences_in_long_ascii_text_stay_utf8(tmp_path: Path) -> None:
    data = b"Sudzha \xe2\x80\x94 town. " + b"\xc3\x28 x \xff " + b"Plain English text. " * 200
    article = read_source(write(tmp_path / "few.txt", data))
    assert "Sudzha — town." in article.text and "Ã" not in article.text


def test_legacy_western_text_is_still_recognised(tmp_path: Path) -> None:
    french = "Les forces ukrainiennes ont pénétré à Soudja; l'état-major a déclaré être prêt."
    article = read_source(write(tmp_path / "fr.txt", french.encode("cp1252")))
    # Many accented letters and no UTF-8 at all: a legacy code page, not stray bytes.
    assert "\ufffd" not in article.text and "pénétré" in article.text
