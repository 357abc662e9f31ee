"""The one output format of every benchmark: a JSON object per metric, one per line."""

from __future__ import annotations

import json


def emit(metric: str, value: float, unit: str, baseline: float | None = None) -> None:
    """Print ``metric``; ``ratio`` is value / baseline, the baseline measured in the same run."""
    ratio = round(value / baseline, 3) if baseline else None
    print(
        json.dumps(
            {
                "metric": metric,
                "value": round(value, 3),
                "unit": unit,
                "baseline": None if baseline is None else round(baseline, 3),
                "ratio": ratio,
            }
        ),
        flush=True,
    )
