"""PDFs: the text layer in order; scans, encrypted and broken files refused clearly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import read_source
from tests.importers.builders import make_encrypted_pdf, make_pdf, make_pdf_bomb, write

PAGE_ONE = ["Kursk Oblast, 6 February 2025.", "Ukrainian units attacked near Makhnovka (east)."]
PAGE_TWO = ["The ministry reported 689 armored combat vehicles lost."]


def test_text_of_all_pages_in_order(tmp_path: Path) -> None:
    data = make_pdf([PAGE_ONE, PAGE_TWO], title="General Staff update")
    article = read_source(write(tmp_path / "update.pdf", data))
    assert article.text.splitlines() == [*PAGE_ONE, *PAGE_TWO]
    assert article.title == "General Staff update"
    assert article.author == "Test Desk"
    assert article.source_format == "pdf"
    assert "reading order" in article.normalisation


def test_image_pages_are_skipped_when_others_have_text(tmp_path: Path) -> None:
    article = read_source(write(tmp_path / "mixed.pdf", make_pdf([[], PAGE_TWO])))
    assert article.text == PAGE_TWO[0]


def test_scanned_pdf_is_refused_with_ocr_hint(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"no text layer \(2 pages of images.*OCR"):
        read_source(write(tmp_path / "scan.pdf", make_pdf([[], []])))


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="encrypted with a password"):
        read_source(write(tmp_path / "locked.pdf", make_encrypted_pdf([PAGE_ONE])))


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    # "No copying" flags without a password to open: readers open these without asking.
    article = read_source(write(tmp_path / "flags.pdf", make_encrypted_pdf([PAGE_ONE], "")))
    assert article.text.splitlines() == PAGE_ONE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_pdf([PAGE_ONE])[:150], "corrupt or truncated"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "corrupt or truncated"),
        (b"Dear editor, this is a letter, not a PDF at all.", "not a PDF"),
    ],
)
def test_broken_pdfs_are_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(UserError, match=reason) as refused:
        read_source(write(tmp_path / "broken.pdf", data))
    assert "\n" not in str(refused.value)


def test_decompression_bomb_is_refused_quickly(tmp_path: Path) -> None:
    data = make_pdf_bomb(inflated_mb=100)
    assert len(data) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(UserError, match="decompression bomb"):
        read_source(write(tmp_path / "bomb.pdf", data))
    assert time.monotonic() - started < 60  # generous: it takes well under a second
