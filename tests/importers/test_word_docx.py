"""Word documents, and archives built to hurt: corrupt, truncated, bombs, entities."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import read_source
from tests.importers.builders import make_docx, rewrite_docx, write

PARAGRAPHS = [
    "The General Staff said 12,000 North Korean soldiers were deployed to Kursk Oblast.",
    "Fighting continued near Sudzha and Makhnovka through the night.",
]


def docx_file(tmp_path: Path, data: bytes, name: str = "report.docx") -> Path:
    return write(tmp_path / name, data)


def document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_paragraphs_headings_tables_and_properties(tmp_path: Path) -> None:
    data = make_docx(
        PARAGRAPHS,
        heading="Kursk situation report",
        table=[["Figure", "Value"], ["troops", "12,000"]],
        title="Situation report 14",
        author="Olena Kovalchuk",
        language="uk-UA",
    )
    article = read_source(docx_file(tmp_path, data))
    assert article.text.splitlines() == [
        "Kursk situation report",
        *PARAGRAPHS,
        "Figure | Value",
        "troops | 12,000",
        "After the table.",
    ]
    assert article.title == "Situation report 14"
    assert article.author == "Olena Kovalchuk"
    assert article.language == "uk"
    assert article.source_format == "docx"


def test_title_falls_back_to_first_heading(tmp_path: Path) -> None:
    article = read_source(docx_file(tmp_path, make_docx(PARAGRAPHS, heading="Berdin retaken")))
    assert article.title == "Berdin retaken"


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda d: d[: len(d) // 2], "corrupt or truncated"),
        (lambda d: d[:40], "corrupt or truncated"),
        (lambda d: b"just some text pretending to be Word", "not a Word .docx"),
        (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003"),
    ],
)
def test_corrupt_archives_are_refused(tmp_path: Path, mangle, reason: str) -> None:
    with pytest.raises(UserError, match=reason):
        read_source(docx_file(tmp_path, mangle(make_docx(PARAGRAPHS))))


def test_damaged_member_is_refused(tmp_path: Path) -> None:
    data = bytearray(make_docx(PARAGRAPHS))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    # Flip bytes inside the compressed document body: the CRC check catches it.
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    for i in range(start, start + 40):
        data[i] ^= 0x5A
    with pytest.raises(UserError, match="corrupt"):
        read_source(docx_file(tmp_path, bytes(data)))


def test_zip_without_a_document_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(UserError, match="not a Word document"):
        read_source(docx_file(tmp_path, out.getvalue()))


def test_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(make_docx(PARAGRAPHS)))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        # 64 MB of zeros squeeze to about 64 KB: a classic bomb member.
        with archive.open("word/media/image1.png", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(64):
                member.write(chunk)
    path = docx_file(tmp_path, out.getvalue())
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(UserError, match="zip bomb"):
        read_source(path)
    assert time.monotonic() - started < 30  # generous: it takes milliseconds


def test_too_many_members_is_refused(tmp_path: Path) -> None:
    extra = {f"customXml/item{i}.bin": b"" for i in range(5001)}
    data = rewrite_docx(make_docx(PARAGRAPHS), {}, extra)
    with pytest.raises(UserError, match="parts"):
        read_source(docx_file(tmp_path, data))


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    body = document_xml(make_docx(PARAGRAPHS))
    declaration = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
    body = body.replace(b"?>", b"?>" + declaration, 1).replace(
        b"Fighting continued", b"&xxe; Fighting continued"
    )
    data = rewrite_docx(make_docx(PARAGRAPHS), {"word/document.xml": body})
    with pytest.raises(UserError, match="XML external entities"):
        read_source(docx_file(tmp_path, data))


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    declaration = f"<!DOCTYPE w:document [{''.join(lol)}]>".encode()
    body = document_xml(make_docx(PARAGRAPHS)).replace(b"?>", b"?>" + declaration, 1)
    data = rewrite_docx(
        make_docx(PARAGRAPHS),
        {"word/document.xml": body.replace(b"Fighting continued", b"&lol9; Fighting continued")},
    )
    with pytest.raises(UserError, match="entities"):
        read_source(docx_file(tmp_path, data))


def test_document_without_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no text"):
        read_source(docx_file(tmp_path, make_docx([])))


def test_member_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    # The archive's directory claims 2 KB for a document body that inflates to 64 MB:
    # reading stops at the claimed size and the checksum gives the lie away.
    huge_body = document_xml(make_docx(PARAGRAPHS)).replace(
        b"Fighting continued", b"Fighting continued" + b" " * (64 * 1024 * 1024), 1
    )
    data = bytearray(rewrite_docx(make_docx(PARAGRAPHS), {"word/document.xml": huge_body}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    central = bytes(data).rfind(b"PK\x01\x02", 0, len(data))
    while bytes(data[central + 46 : central + 46 + len(info.filename)]) != b"word/document.xml":
        central = bytes(data).rfind(b"PK\x01\x02", 0, central)
    data[central + 24 : central + 28] = (2048).to_bytes(4, "little")  # uncompressed size
    data[info.header_offset + 22 : info.header_offset + 26] = (2048).to_bytes(4, "little")
    started = time.monotonic()
    with pytest.raises(UserError, match="corrupt"):
        read_source(docx_file(tmp_path, bytes(data)))
    assert time.monotonic() - started < 30  # generous: it takes milliseconds
