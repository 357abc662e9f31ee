"""The registry: size limits, provenance, format by content, and batches into a store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlmodel import select

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import ENV_MAX_MB, read_source
from kursk_annotator.core.importers.batch import ImportSummary, import_file
from kursk_annotator.core.importers.clipboard import read_clipboard
from kursk_annotator.core.models import Article
from kursk_annotator.core.workspace import Workspace
from tests.importers.builders import make_docx, make_encrypted_pdf, make_pdf, write

TEXT = "Ukrainian forces held about 1,300 sq km of Kursk Oblast at the peak.\n"


def test_provenance_is_kept(tmp_path: Path, workspace: Workspace) -> None:
    data = TEXT.encode("cp1251") + "Суджа и Махновка.\r\n".encode("cp1251")
    path = write(tmp_path / "cable.txt", data)
    outcome = import_file(workspace, path)
    article = workspace.articles.get(outcome.article_id)
    assert article.source_name == "cable.txt"
    assert article.source_format == "txt"
    assert article.source_size == len(data)
    assert article.source_hash == hashlib.sha256(data).hexdigest()
    assert "Суджа и Махновка.\n" in article.text
    # The note says what was done: the store's normalisation and the decoding.
    assert "CRLF" in article.normalisation
    assert "windows-1251" in article.normalisation


def test_size_limit_is_enforced_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", TEXT * 100)
    with pytest.raises(UserError, match=r"file is 6\.7 KB, over the 1\.0 KB import limit"):
        read_source(path, max_bytes=1024)
    assert read_source(path, max_bytes=len(TEXT) * 100).text == TEXT * 100


def test_size_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.txt", TEXT * 20_000)  # about 1.4 MB
    monkeypatch.setenv(ENV_MAX_MB, "1")
    with pytest.raises(UserError, match=r"file is 1\.3 MB, over the 1\.0 MB import limit"):
        read_source(path)
    monkeypatch.setenv(ENV_MAX_MB, "lots")
    with pytest.raises(UserError, match="not a number"):
        read_source(path)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.txt", "not found"), ("folder", "is a folder"), ("photo.jpg", "unsupported")],
)
def test_paths_that_are_not_importable(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "folder").mkdir()
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0 jpeg")
    with pytest.raises(UserError, match=reason):
        read_source(tmp_path / name)


def test_format_by_content_when_there_is_no_extension(tmp_path: Path) -> None:
    assert read_source(write(tmp_path / "download", make_pdf([["From a PDF."]]))).text == (
        "From a PDF."
    )
    docx_article = read_source(write(tmp_path / "attachment", make_docx(["From Word."])))
    assert docx_article.text == "From Word."
    assert docx_article.source_format == "docx"
    assert read_source(write(tmp_path / "plain", TEXT)).source_format == "txt"


def test_bad_files_do_not_stop_the_others_and_leave_nothing(
    tmp_path: Path, workspace: Workspace
) -> None:
    files = [
        write(tmp_path / "good.txt", TEXT),
        write(tmp_path / "junk.txt", bytes(range(256)) * 4),
        write(tmp_path / "locked.pdf", make_encrypted_pdf([["Secret."]])),
        write(tmp_path / "scan.pdf", make_pdf([[]])),
        write(tmp_path / "empty.txt", b""),
        write(tmp_path / "again.txt", TEXT),
        write(tmp_path / "report.docx", make_docx(["Fighting near Sudzha."])),
        write(tmp_path / "broken.docx", make_docx(["Half a file."])[:500]),
    ]
    summary = ImportSummary([import_file(workspace, path) for path in files])
    assert [o.file.rsplit("/", 1)[-1] for o in summary.imported] == ["good.txt", "report.docx"]
    assert [o.file.rsplit("/", 1)[-1] for o in summary.duplicates] == ["again.txt"]
    assert len(summary.failed) == 5
    assert all(o.reason and "\n" not in o.reason for o in summary.failed)
    assert summary.headline() == "2 imported, 1 duplicate, 5 failed"
    with workspace.store.session() as session:
        stored = session.exec(select(Article.source_name)).all()
    assert sorted(stored) == ["good.txt", "report.docx"]


def test_clipboard_plain_text_and_html(workspace: Workspace) -> None:
    plain = read_clipboard("  Sudzha was retaken, the ministry said.\r\n", "text/plain")
    assert plain.source_format == "clipboard-text"
    html = read_clipboard(
        '<html lang="ru"><body><p>Бои у <b>Суджи</b></p><script>x()</script>'
        "<p>продолжаются.</p></body></html>",
        "text/html;charset=utf-8",
    )
    assert html.text == "Бои у Суджи\nпродолжаются."
    assert html.language == "ru"
    assert html.source_format == "clipboard-html"
    article = workspace.articles.add(html, workspace.analyst)
    assert article.source_name == "clipboard"
    assert "clipboard HTML" in article.normalisation


@pytest.mark.parametrize(
    ("content", "mime", "reason"),
    [
        ("", "text/plain", "empty"),
        ("   \n ", "text/plain", "empty"),
        ("<p> </p><script>x()</script>", "text/html", "no visible text"),
        ("x", "image/png", "copy plain text or HTML"),
    ],
)
def test_clipboard_refusals(content: str, mime: str, reason: str) -> None:
    with pytest.raises(UserError, match=reason):
        read_clipboard(content, mime)
