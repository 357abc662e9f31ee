"""Fixtures shared by every test: private user directories, real stores in tmp_path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Qt must never look for a screen in tests, and must be told so before it loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kursk_annotator.core.samples import load_samples
from kursk_annotator.core.store import Store, open_store
from kursk_annotator.core.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_data"


@pytest.fixture(autouse=True)
def private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every user directory (data, config, cache, settings) into a temp folder."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("KURSK_ANNOTATOR_DB", raising=False)
    monkeypatch.setenv("KURSK_ANNOTATOR_ANALYST", "Test Analyst")
    return home


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A new, empty store in a real SQLite file."""
    opened = open_store(str(tmp_path / "store.sqlite"))
    yield opened
    opened.close()


@pytest.fixture
def workspace(store: Store) -> Workspace:
    return Workspace(store, "Test Analyst")


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "samples.sqlite"
    template = open_store(str(path))
    load_samples(template, SAMPLES)
    template.close()
    return path


@pytest.fixture
def sample_db(_sample_template: Path, tmp_path: Path) -> Path:
    """A copy of a store holding the sample corpus and annotations."""
    target = tmp_path / "samples.sqlite"
    shutil.copyfile(_sample_template, target)
    return target


@pytest.fixture
def sample_workspace(sample_db: Path) -> Workspace:
    ws = Workspace(open_store(str(sample_db)), "Test Analyst")
    yield ws
    ws.close()
