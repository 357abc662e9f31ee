"""The default store's first start: the sample corpus goes in to the end, even when the
first start is cut short half-way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kursk_annotator.core import samples
from kursk_annotator.core.workspace import open_workspace

REPO = Path(__file__).resolve().parents[2]


def _counts(ws) -> tuple[int, int]:
    return len(ws.articles.list()), len(ws.annotations.list())


def test_a_first_start_cut_short_is_finished_by_the_next(tmp_path, monkeypatch):
    full = open_workspace(str(tmp_path / "reference.sqlite"))  # not the default: no samples
    samples.load_samples(full.store)
    expected = _counts(full)
    full.close()

    # A sample folder whose last annotation cannot be placed stops the load half-way,
    # after the articles and most annotations are stored: as a killed first start would.
    broken = tmp_path / "broken_samples"
    shutil.copytree(REPO / "sample_data", broken)
    data = json.loads((broken / "annotations.json").read_text(encoding="utf-8"))
    data["annotations"][-1]["quote"] = "a quote that is in no sample article"
    (broken / "annotations.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(samples, "samples_dir", lambda: broken)
    with pytest.raises(Exception, match="quote"):
        open_workspace(None)

    monkeypatch.setattr(samples, "samples_dir", lambda: REPO / "sample_data")
    ws = open_workspace(None)
    assert _counts(ws) == expected
    ws.close()
    again = open_workspace(None)  # and later starts load nothing more
    assert _counts(again) == expected
    again.close()
