"""Awkward text, overlapping spans, empty selections and failed writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.document import Document
from docx.oxml.ns import qn

from kursk_annotator.core.errors import NotFoundError, UserError
from kursk_annotator.core.export.briefing_docx import ExportCancelled, export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.export.docx_xml import clean_text
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import anchors, collapse_blank_lines, open_docx, part_text


def add_article(ws: Workspace, text: str, title: str = "Test article") -> int:
    return ws.articles.add(NewArticle(text=text, title=title, outlet="Test Wire")).id or 0


def tag(ws: Workspace, article_id: int, kind: str, quote: str, occurrence: int = 1, **kw: object):
    return ws.annotations.create_from_quote(
        article_id, kind, quote, ws.analyst, occurrence=occurrence, **kw
    )


def source_paragraphs(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Source Text"]


def assert_every_span_anchored(path: Path, annotations: list[AnnotationInfo]) -> None:
    document = open_docx(path)
    ranges = anchors(document)
    assert len(ranges) == len(annotations) == len(document.comments)
    assert all(r.closed for r in ranges.values())
    assert sorted(collapse_blank_lines(r.text) for r in ranges.values()) == sorted(
        collapse_blank_lines(clean_text(a.quote)) for a in annotations
    )
    # Every range has its reference mark, and every reference names a comment.
    refs = [int(e.get(qn("w:id"))) for e in document.element.body.iter(qn("w:commentReference"))]
    assert sorted(refs) == sorted(ranges) == sorted(c.comment_id for c in document.comments)


def test_overlapping_nested_crossing_and_adjacent_spans_lose_no_text(
    workspace: Workspace, tmp_path: Path
) -> None:
    text = (
        "Alpha beta gamma delta epsilon zeta.\n"
        "Second line here.\n\n"
        "Third paragraph after a blank line."
    )
    article = add_article(workspace, text)
    made = [
        tag(workspace, article, "claim", "beta gamma delta"),  # outer
        tag(workspace, article, "figure", "gamma"),  # nested
        tag(workspace, article, "place", "delta epsilon"),  # crossing the outer
        tag(workspace, article, "place", "Second"),  # adjacent to the next
        tag(workspace, article, "figure", " line"),
        tag(workspace, article, "claim", "here.\n\nThird"),  # across paragraphs
    ]
    other = workspace.switch_analyst("Second Analyst")
    made.append(workspace.annotations.create(article, "figure", made[1].start, made[1].end, other))
    out = tmp_path / "overlaps.docx"
    export_briefing(workspace, BriefingOptions(), out)
    document = open_docx(out)
    # A single line break stays one inside its paragraph; blank lines part paragraphs.
    assert source_paragraphs(document) == [
        "Alpha beta gamma delta epsilon zeta.\nSecond line here.",
        "Third paragraph after a blank line.",
    ]
    assert_every_span_anchored(out, made)
    # The nested figure shows in its own colour inside the claim's.
    ranges = anchors(document)
    outer = next(r for r in ranges.values() if r.text == "beta gamma delta")
    assert len(set(outer.fills)) == 3  # claim, figure inside, then place where it crosses


def test_control_astral_and_right_to_left_text(workspace: Workspace, tmp_path: Path) -> None:
    text = (
        "Bad bytes \x00 and \x0b and \x1b and \ufffe survive.\n"
        "Flags 🇺🇦 and 😀 precede 12,000 troops; 𝔸 maths too.\n"
        "قال المتحدث إن القوات تقدمت\n"
        "Mixed: the spokesman said שלום today.\tTabbed."
    )
    article = add_article(workspace, text, title="Awkward \x07 text 😀")
    made = [
        tag(workspace, article, "claim", "\x0b and \x1b"),
        tag(workspace, article, "figure", "12,000 troops"),
        tag(workspace, article, "claim", "قال المتحدث"),
        tag(workspace, article, "place", "שלום"),
        tag(workspace, article, "claim", "said שלום today.\tTabbed"),
    ]
    out = tmp_path / "awkward.docx"
    marking = "RESTRICTED \ud800 \x01 — TRAINING"
    export_briefing(workspace, BriefingOptions(title="Title \x1b with 😀", marking=marking), out)
    document = open_docx(out)
    assert_every_span_anchored(out, made)
    assert document.core_properties.title == "Title \ufffd with 😀"
    assert part_text(document.sections[0].header._element) == "RESTRICTED \ufffd \ufffd — TRAINING"
    assert any("😀" in p for p in source_paragraphs(document))
    # The Arabic paragraph reads right to left; the Hebrew word is a right-to-left run.
    arabic = next(p for p in document.paragraphs if p.text.startswith("قال"))
    assert arabic._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    hebrew = [r for r in document.element.body.iter(qn("w:r")) if r.text == "שלום"]
    assert len(hebrew) == 2  # in the Places table and in the text
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for r in hebrew)


def test_a_very_long_span_over_many_paragraphs(workspace: Workspace, tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {i}: " + "the front line moved again. " * 30 for i in range(300)]
    text = "\n\n".join(paragraphs)
    article = add_article(workspace, text)
    made = [workspace.annotations.create(article, "claim", 0, len(text), workspace.analyst)]
    made += [tag(workspace, article, "figure", f"Paragraph {i}:") for i in range(0, 300, 7)]
    out = tmp_path / "long.docx"
    result = export_briefing(workspace, BriefingOptions(), out)
    assert result.comments == len(made)
    assert_every_span_anchored(out, made)


def test_an_article_without_annotations_still_shows_its_text(
    workspace: Workspace, tmp_path: Path
) -> None:
    tagged = add_article(workspace, "Sudzha was taken on 6 August.", "Tagged")
    add_article(workspace, "Nothing here is tagged yet.", "Untagged")
    made = [tag(workspace, tagged, "place", "Sudzha")]
    out = tmp_path / "mixed.docx"
    export_briefing(workspace, BriefingOptions(), out)
    document = open_docx(out)
    texts = [p.text for p in document.paragraphs]
    assert "[2] Untagged" in texts
    assert "Nothing here is tagged yet." in source_paragraphs(document)
    assert "No annotations in this selection for this article." in texts
    assert_every_span_anchored(out, made)


def test_an_empty_store_or_selection_is_a_clear_message(
    workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "empty.docx"
    with pytest.raises(UserError, match=r"^nothing to export: there are no articles yet"):
        export_briefing(workspace, BriefingOptions(), out)
    article = add_article(workspace, "Kursk Oblast, early August.")
    with pytest.raises(UserError, match=r"^nothing to export: no annotations match"):
        export_briefing(workspace, BriefingOptions(), out)
    tag(workspace, article, "place", "Kursk Oblast")
    with pytest.raises(UserError, match=r"no annotations match .*kinds claim.*status accepted"):
        export_briefing(workspace, BriefingOptions(kinds=("claim",), status="accepted"), out)
    assert not out.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (BriefingOptions(status="maybe"), "unknown status scope 'maybe'"),
        (BriefingOptions(kinds=("rumour",)), "unknown kind 'rumour'"),
        (BriefingOptions(title="x" * 201), "the title has 201 characters"),
        (BriefingOptions(marking="x" * 121), "the marking has 121 characters"),
        (BriefingOptions(analysts=("Nobody",)), "no analyst called 'Nobody'"),
    ],
)
def test_bad_options_are_one_line_errors(
    sample_workspace: Workspace, tmp_path: Path, options: BriefingOptions, message: str
) -> None:
    with pytest.raises(UserError) as caught:
        export_briefing(sample_workspace, options, tmp_path / "b.docx")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert not (tmp_path / "b.docx").exists()


def test_an_unknown_article_is_named(sample_workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no article with id 99"):
        export_briefing(sample_workspace, BriefingOptions(article_ids=(99,)), tmp_path / "b.docx")


def test_bad_targets_are_refused_before_anything_is_written(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    (folder / "folder.docx").mkdir(parents=True)
    cases = {
        folder / "brief.txt": "not a .docx file name",
        folder / "missing" / "b.docx": "does not exist",
        folder / "folder.docx": "is a folder",
    }
    for target, message in cases.items():
        with pytest.raises(UserError, match=message):
            export_briefing(sample_workspace, BriefingOptions(), target)
    assert [p.name for p in folder.iterdir()] == ["folder.docx"]


@pytest.mark.parametrize("when", ["Article 3", "Saving the document"])
def test_a_cancelled_export_leaves_the_previous_file_untouched(
    sample_workspace: Workspace, tmp_path: Path, when: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "briefing.docx"
    out.write_bytes(b"the briefing from last week")
    seen: list[str] = []

    def cancel() -> bool:
        return any(label.startswith(when) for label in seen)

    with pytest.raises(ExportCancelled, match="no file was written"):
        export_briefing(
            sample_workspace,
            BriefingOptions(),
            out,
            progress=lambda done, total, label: seen.append(label),
            cancel=cancel,
        )
    assert out.read_bytes() == b"the briefing from last week"
    assert [p.name for p in folder.iterdir()] == ["briefing.docx"]  # no temporary file left


def test_progress_counts_up_to_done(sample_workspace: Workspace, tmp_path: Path) -> None:
    steps: list[tuple[int, int, str]] = []
    export_briefing(
        sample_workspace,
        BriefingOptions(),
        tmp_path / "b.docx",
        progress=lambda *step: steps.append(step),
    )
    assert steps[-1] == (8, 8, "Done")
    assert [s[2] for s in steps if s[2].startswith("Article")] == [
        f"Article {n} of 5" for n in range(1, 6)
    ]
    done = [s[0] for s in steps[1:]]
    assert done == sorted(done)


def test_briefing_is_readable_by_others_like_any_new_file(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        target = tmp_path / "shared.docx"
        export_briefing(sample_workspace, BriefingOptions(), target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
