"""The briefing's Key figures and Claims, built on the comparison of the evidence.

No figure is stated in the briefing's own voice: every row names its claimant (with the
Admiralty reliability grade and the analyst's credibility grade), the date it holds
for, and its review status. Per measure the verdicts come first, in words: a change over
time, a disagreement at one time, an agreement of independent claimants, an echo of
one statement. Claims stand under their speakers' canonical names, one row per
statement, with every report that carries it.
"""

from __future__ import annotations

from kursk_annotator.core.attributes import CREDIBILITY_GRADES
from kursk_annotator.core.evidence.comparison import Report
from kursk_annotator.core.export.briefing_data import BriefingData, Source
from kursk_annotator.core.export.briefing_options import STATUS_LABELS
from kursk_annotator.core.export.briefing_tables import (
    DISAGREE_COLOUR,
    MUTED_COLOUR,
    _quoted,
    _refs,
    heading,
    note,
    write_analyst_key,
)
from kursk_annotator.core.export.docx_tables import Column, Runs, TableWriter
from kursk_annotator.core.export.docx_xml import Element, plain_run_xml, run_xml

VERDICT_COLOURS = {
    "disagreement": DISAGREE_COLOUR,
    "change": "#1F4E79",
    "agreement": "#2E6B30",
    "echo": MUTED_COLOUR,
}


def _grade(reliability: str | None, credibility: list[str] | str | None) -> str:
    """The Admiralty code: source reliability A-F and information credibility 1-6."""
    words = [credibility] if isinstance(credibility, str) else list(credibility or [])
    numbers = "/".join(str(CREDIBILITY_GRADES[w]) for w in words if w in CREDIBILITY_GRADES)
    return f"{reliability or '–'}{numbers}" if reliability or numbers else ""


def _initials(data: BriefingData, names: list[str]) -> str:
    return " ".join(sorted({data.initials.get(n, n) for n in names}))


def _when(report: Report) -> Runs | str:
    if report.window is None:
        return "not known"
    if report.window.inferred:  # the article's date, not a date the text gives
        return Runs(run_xml(f"{report.window.label} (article date)", italic=True))
    return report.window.label


def write_figures(parent: Element, data: BriefingData) -> None:
    heading(parent, "Key figures", 1)
    if not data.figures:
        note(parent, "No figures in this selection.")
        return
    note(
        parent,
        "Every figure is someone's claim: Claimant says whose, As of when it holds. Per "
        "measure, the verdicts come first: values at different times are a change, not a "
        "disagreement; one statement reported by several articles is an echo and counts "
        "once; agreement counts independent claimants, never articles, and not those "
        "graded F (reliability cannot be judged). Grade is the Admiralty code (claimant "
        "reliability A–F, credibility 1–6).",
    )
    table = TableWriter(
        [
            Column("Figure as quoted", 3.5),
            Column("Value", 2.4),
            Column("Claimant", 2.9),
            Column("Grade", 1.4),
            Column("As of", 2.4),
            Column("Source", 1.7),
            Column("Status", 1.8),
            Column("By", 1.1),
        ]
    )
    for comparison in data.figures:
        name = comparison.measure or "What these figures count was not recorded"
        claimants = len(comparison.claimants)
        runs = run_xml(name, bold=True) + run_xml(
            f" — {len(comparison.reports)} report{'s' if len(comparison.reports) != 1 else ''}"
            f", {claimants} claimant{'s' if claimants != 1 else ''}",
            colour=MUTED_COLOUR,
        )
        table.add_group_row(runs)
        for verdict in comparison.verdicts:
            label, _, rest = verdict.explanation.partition(": ")
            table.add_group_row(
                run_xml(f"{label}: ", bold=True, colour=VERDICT_COLOURS[verdict.kind])
                + plain_run_xml(rest)
            )
        for report in comparison.reports:
            source: Source = data.source_of(report.article_id)
            table.add_row(
                [
                    _quoted(report.quote),
                    report.words,
                    report.claimant,
                    _grade(report.grade, report.credibility),
                    _when(report),
                    _refs([source]),
                    STATUS_LABELS.get(report.status, report.status),
                    _initials(data, report.analysts),
                ]
            )
    table.write(parent)
    write_analyst_key(parent, data, "figure")


def write_claims(parent: Element, data: BriefingData) -> None:
    heading(parent, "Claims", 1)
    if not data.claims:
        note(parent, "No claims in this selection.")
        return
    note(
        parent,
        "Claims stand under their speakers' names (aliases merged). One row per statement: "
        "a statement reported by several articles lists every report, and counts once. "
        "Grade is the Admiralty code (speaker reliability A–F, credibility 1–6).",
    )
    table = TableWriter(
        [
            Column("Claim", 8.2),
            Column("Said", 2.6),
            Column("Sources", 1.9),
            Column("Grade", 1.4),
            Column("Status", 2.0),
            Column("By", 1.1),
        ]
    )
    for speaker in data.claims:
        actor = speaker.actor
        runs = run_xml(speaker.name or "Not attributed", bold=True)
        facts = [actor.side if actor and actor.side else ", ".join(speaker.sides)]
        if actor and actor.type:
            facts.append(actor.type)
        if actor and actor.grade:
            facts.append(f"reliability {actor.grade}")
        facts = [f for f in facts if f]
        if facts:
            runs += plain_run_xml(f" ({', '.join(facts)})")
        n, reports = len(speaker.statements), speaker.report_count
        count = f" — {n} statement{'s' if n != 1 else ''}"
        if reports != n:
            count += f" in {reports} reports"
        runs += run_xml(count, colour=MUTED_COLOUR)
        table.add_group_row(runs)
        for statement in speaker.statements:
            first = statement.reports[0]
            by_number = {
                data.source_of(r.article_id).number: data.source_of(r.article_id)
                for r in statement.reports
            }
            sources = [by_number[n] for n in sorted(by_number)]
            credibility = list(dict.fromkeys(c for r in statement.reports for c in r.credibility))
            table.add_row(
                [
                    _quoted(first.quote),
                    statement.when,
                    _refs(sources),
                    _grade(actor.grade if actor else None, credibility),
                    STATUS_LABELS.get(first.status, first.status),
                    _initials(data, [a for r in statement.reports for a in r.analysts]),
                ]
            )
            for other in statement.reports[1:]:
                source = data.source_of(other.article_id)
                table.add_row(
                    [
                        Runs(
                            run_xml("also reported: ", italic=True, colour=MUTED_COLOUR)
                            + run_xml(_quoted(other.quote), colour=MUTED_COLOUR)
                        ),
                        "",
                        _refs([source]),
                        "",
                        STATUS_LABELS.get(other.status, other.status),
                        _initials(data, other.analysts),
                    ]
                )
    table.write(parent)
    write_analyst_key(parent, data, "claim")
