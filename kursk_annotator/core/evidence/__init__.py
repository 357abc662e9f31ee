"""Figures and claims as evidence: actors, measures, units, intervals, as-of dates,
statements and the comparison that tells disagreement from change (Qt-free)."""
