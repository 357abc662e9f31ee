"""Exports of annotated material; ``briefing_docx.export_briefing`` writes Word briefings.

Qt-free like the rest of the core: the GUI runs these functions on a worker thread.
"""
