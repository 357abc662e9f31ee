"""The comparison of a generated library gives exactly the recorded result.

``fixtures/compared-library.json.gz`` was written by the comparison as it stood before it
was made faster; the faster one must give every report, statement and verdict (with
its words) unchanged. To record again after a deliberate change of the output:
``PYTHONPATH=. python tests/evidence/test_comparison_recorded.py --record``.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from kursk_annotator.core.evidence.comparison import compare

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.evidence.generated import library

RECORDED = Path(__file__).parent / "fixtures" / "compared-library.json.gz"


def _compared() -> list[dict]:
    figures, claims, articles, actors, measures = library()
    out = []
    for c in compare(figures, claims, articles, actors, measures):
        data = c.as_json()
        data["claimants"] = c.claimants
        data["statement_numbers"] = [s.number for s in c.statements]
        data["statement_reports"] = [[r.id for r in s.reports] for s in c.statements]
        data["verdict_statements"] = [list(v.statements) for v in c.verdicts]
        out.append(data)
    return out


def test_generated_library_compares_as_recorded() -> None:
    recorded = json.loads(gzip.decompress(RECORDED.read_bytes()))
    compared = _compared()
    assert len(compared) == len(recorded)
    for got, want in zip(compared, recorded, strict=True):
        assert got == want, got["measure"]


def test_generated_library_exercises_every_verdict() -> None:
    recorded = json.loads(gzip.decompress(RECORDED.read_bytes()))
    kinds = {v["kind"] for m in recorded for v in m["verdicts"]}
    assert kinds == {"disagreement", "change", "echo", "agreement"}
    froms = {r["claimant_from"] for m in recorded for r in m["reports"]}
    assert froms == {"given", "speaker", "outlet", "unknown"}
    assert any(len(r["annotation_ids"]) > 1 for m in recorded for r in m["reports"])


if __name__ == "__main__" and "--record" in sys.argv:
    RECORDED.write_bytes(gzip.compress(json.dumps(_compared()).encode(), mtime=0))
    print(f"recorded {RECORDED}")
