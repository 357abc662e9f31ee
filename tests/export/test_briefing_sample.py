"""The briefing made from the sample store, read back as its reader's Word would."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from kursk_annotator.core import kinds
from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.palette import hex_digits
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import (
    anchors,
    annotation_comments,
    collapse_blank_lines,
    heading_texts,
    open_docx,
    part_text,
    row_texts,
    table_with_header,
)

MARKING = "UNCLASSIFIED — FOR TRAINING"
STATUS_WORDS = {
    "accepted": "accepted",
    "pending": "pending review",
    "changes_requested": "changes requested",
}


@pytest.fixture
def briefing(sample_workspace: Workspace, tmp_path: Path) -> Path:
    out = tmp_path / "briefing.docx"
    options = BriefingOptions(title="Kursk week 6", marking=MARKING, author="Test Analyst")
    result = export_briefing(sample_workspace, options, out)
    assert result.path == out.resolve()
    return out


def test_sections_appear_in_reading_order(briefing: Path, sample_workspace: Workspace) -> None:
    document = open_docx(briefing)
    assert heading_texts(document, 1) == [
        "Summary",
        "Key figures",
        "Claims",
        "Places",
        "Annotated sources",
        "Sources",
    ]
    titles = [a.title for a in sample_workspace.articles.list()]
    assert heading_texts(document, 2) == [f"[{n}] {t}" for n, t in enumerate(titles, 1)]
    assert document.paragraphs[1].text == "Kursk week 6"
    assert document.paragraphs[1].style.name == "Title"


def test_cover_properties_header_and_footer(briefing: Path) -> None:
    document = open_docx(briefing)
    props = document.core_properties
    assert props.title == "Kursk week 6"
    assert props.author == "Test Analyst"
    assert props.created is not None
    scope = row_texts(table_with_header(document, "Scope"))
    assert ["Prepared by", "Test Analyst"] in scope
    assert any(r[0] == "Articles" and r[1].startswith("all 5 articles") for r in scope)
    section = document.sections[0]
    assert part_text(section.header._element) == MARKING
    footer = section.footer._element
    assert MARKING in part_text(footer)
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]


def _groups_and_blocks(rows: list[list[str]]) -> dict[str, list[list[str]]]:
    """Measure group row -> the rows under it (verdict rows and report rows)."""
    out: dict[str, list[list[str]]] = {}
    current = None
    for r in rows[1:]:
        if len(set(r)) == 1 and re.search(r" — \d+ reports?, \d+ claimants?$", r[0]):
            current = r[0]
            out[current] = []
        elif current is not None:
            out[current].append(r)
    return out


def test_key_figures_tell_change_from_disagreement(briefing: Path) -> None:
    rows = row_texts(table_with_header(open_docx(briefing), "Figure as quoted"))
    blocks = _groups_and_blocks(rows)
    territory = next(v for k, v in blocks.items() if k.startswith("territory held by Ukraine"))
    verdicts = [r[0] for r in territory if len(set(r)) == 1]
    assert verdicts[0].startswith(
        "Changed: about 1,300 km² (12–31 August 2024) → about 500 km² (January 2025) → "
        "hundreds (200–999 km²)"
    )
    assert not any(v.startswith("Disagreement") for v in verdicts)
    # The August figure is one statement of Ukrainian officials reported by two articles.
    assert any(v.startswith("Echo: Ukrainian officials: about 1,300 km²") for v in verdicts)
    settlements = next(v for k, v in blocks.items() if k.startswith("settlements held"))
    assert settlements[0][0].startswith(
        "Changed: 11 settlements (7 August 2024) → 100 settlements (12–31 August 2024)"
    )
    # Each report row names its claimant, grade, as-of and review status.
    report = next(r for r in territory if r[0] == "“approximately 500 square kilometers”")
    assert report[1:5] == ["about 500 km²", "RFE/RL", "B", "January 2025"]
    assert report[6] == "accepted" and report[7] == "MD OK"


def test_north_korean_troops_by_what_each_counts(briefing: Path) -> None:
    rows = row_texts(table_with_header(open_docx(briefing), "Figure as quoted"))
    blocks = _groups_and_blocks(rows)
    in_kursk = next(v for k, v in blocks.items() if k.startswith("North Korean troops in Kursk"))
    verdicts = [r[0] for r in in_kursk if len(set(r)) == 1]
    # Only the autumn estimates clash: two claimants, the same time, incompatible numbers.
    [disagreement] = [v for v in verdicts if v.startswith("Disagreement")]
    assert "October – November 2024" in disagreement
    assert "about 12,000 troops" in disagreement and "Historica Wiki: 10,000 troops" in disagreement
    # In December–January, "thousands" (an unnamed outlet, RFE/RL) and "about 11,000"
    # (unattributed reports) fit together, but only RFE/RL's reliability can be judged:
    # one claimant who can confirm is no agreement.
    assert not any(v.startswith("Agreement") for v in verdicts)
    # The series is told without calling its values compatible: the autumn ones clash.
    [change] = [v for v in verdicts if v.startswith(("Changed", "Over time"))]
    assert change.startswith("Over time: about 12,000 troops / 10,000 troops")
    # Figures of other things are not compared with these: sent to Russia, fighting, losses.
    assert any(k.startswith("North Korean troops sent to Russia (total)") for k in blocks)
    assert any(k.startswith("North Korean troops involved in the fighting") for k in blocks)
    no_voice = [r for v in blocks.values() for r in v if len(set(r)) > 1 and not r[2]]
    assert no_voice == []  # every figure row names its claimant


def test_claims_stand_under_canonical_speakers_with_echoes(briefing: Path) -> None:
    rows = row_texts(table_with_header(open_docx(briefing), "Claim"))
    groups = [r[0] for r in rows if len(set(r)) == 1]
    zelensky = next(g for g in groups if g.startswith("Volodymyr Zelensky"))
    assert zelensky.startswith("Volodymyr Zelensky (Ukraine, government, reliability B)")
    assert not any(g.startswith(("Zelenskyy", "Zelenskiy")) for g in groups)
    yermak = next(g for g in groups if g.startswith("Andriy Yermak"))
    assert yermak.endswith("— 1 statement in 3 reports")  # one post, three reports
    start = rows.index(next(r for r in rows if r[0] == yermak))
    statement = rows[start + 1]
    assert statement[1] == "5 January 2025" and statement[2] == "[2], [3], [5]"
    assert rows[start + 2][0].startswith("also reported: “")


def test_places_table_counts_mentions_and_gives_coordinates(briefing: Path) -> None:
    rows = row_texts(table_with_header(open_docx(briefing), "No."))
    assert rows[0] == ["No.", "Place", "Mentions", "Tagged", "Sources", "Coordinates", "Review"]
    sudzha = next(r for r in rows if r[1] == "Sudzha")
    assert sudzha[2:] == ["5", "3", "[1], [2], [5]", "51.1919° N, 35.2706° E", "pending review"]
    # Mentions are counted in the texts: the oblast is named 24 times, tagged three times
    # ("southern border region of Kursk" is tagged as the oblast, so it counts as well).
    oblast = next(r for r in rows if r[1] == "Kursk Oblast")
    assert oblast[:4] == ["1", "Kursk Oblast", "24", "3"]
    vague = next(r for r in rows if r[1] == "Sumy and Kharkiv oblasts")
    assert vague[0] == "" and vague[5] == "not known"  # no number: not on the map


def test_summary_counts_per_kind_and_source(briefing: Path, sample_workspace: Workspace) -> None:
    exported = sample_workspace.annotations.list(
        statuses=["accepted", "pending", "changes_requested"]
    )
    by_kind = Counter(a.kind for a in exported)
    rows = row_texts(table_with_header(open_docx(briefing), "Kind"))
    assert [[r[0].strip(), r[1]] for r in rows[1:]] == [
        ["Claims", str(by_kind["claim"])],
        ["Figures", str(by_kind["figure"])],
        ["Places", str(by_kind["place"])],
    ]
    sources = row_texts(table_with_header(open_docx(briefing), "Source"))
    assert sources[-1] == [
        "All sources",
        str(by_kind["claim"]),
        str(by_kind["figure"]),
        str(by_kind["place"]),
        str(len(exported)),
    ]
    assert sources[1][0].startswith("[1] Historica Wiki: 2024 Kursk offensive")


def test_each_annotation_is_one_comment_on_its_highlighted_span(
    briefing: Path, sample_workspace: Workspace
) -> None:
    document = open_docx(briefing)
    exported = sample_workspace.annotations.list(
        statuses=["accepted", "pending", "changes_requested"]
    )
    initials = {a.name: a.initials for a in sample_workspace.analysts.all()}
    comments = {c.comment_id: c for c in annotation_comments(document)}
    ranges = {cid: r for cid, r in anchors(document).items() if cid in comments}
    assert len(comments) == len(exported) == len(ranges)
    assert all(r.closed for r in ranges.values())
    got = Counter(
        (c.author, c.initials, c.paragraphs[0].text, collapse_blank_lines(ranges[cid].text))
        for cid, c in comments.items()
    )
    want = Counter(
        (
            a.analyst,
            initials[a.analyst],
            f"{kinds.label(a.kind)} · {STATUS_WORDS[a.status]}",
            collapse_blank_lines(a.quote),
        )
        for a in exported
    )
    assert got == want
    # Every run inside a range is highlighted; where a span holds no other, in its colour.
    colours = {hex_digits(k.colour) for k in kinds.all_kinds()}
    for r in ranges.values():
        assert r.fills and all(f in colours for f in r.fills)
    lone = next(a for a in exported if a.quote == "Pokrovsk")
    cid = next(i for i, r in ranges.items() if r.text == "Pokrovsk")
    assert ranges[cid].fills == [hex_digits(kinds.colour(lone.kind))]


def test_comment_text_carries_attributes_and_note(briefing: Path) -> None:
    document = open_docx(briefing)
    texts = [c.text for c in document.comments]
    assert any(
        "North Korean troops in Kursk Oblast: 10,000 troops; claimed by Historica Wiki; "
        "as of 10 November 2024"
        in t
        and "Note: Early estimate (November)." in t
        for t in texts
    )
    assert any("Attributed to Vladimir Putin (Russia); credibility: doubtful" in t for t in texts)
    assert any("Sudzha (51.1919° N, 35.2706° E)" in t for t in texts)


def test_no_rejected_annotation_reaches_the_reader(briefing: Path) -> None:
    document = open_docx(briefing)
    assert not any(r.text == "Read more" for r in anchors(document).values())


def test_filters_narrow_what_goes_in(sample_workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "figures.docx"
    options = BriefingOptions(
        article_ids=(4,), kinds=("figure",), status="accepted", analysts=("Olena Kovalchuk",)
    )
    result = export_briefing(sample_workspace, options, out)
    want = sample_workspace.annotations.list(
        article_id=4, kinds=["figure"], statuses=["accepted"], analysts=["Olena Kovalchuk"]
    )
    assert result.annotations == len(want) == len(annotation_comments(open_docx(out)))
    document = open_docx(out)
    assert heading_texts(document, 2) == [
        "[1] Kursk offensive: General Staff reports enemy losses of about 40 thousand"
    ]
    # Kinds left out get no section at all.
    assert heading_texts(document, 1) == ["Summary", "Key figures", "Annotated sources", "Sources"]
