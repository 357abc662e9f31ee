"""Fixtures for the map panel tests: the main window over the sample store."""

from __future__ import annotations

import pytest

from tests.ui.conftest import make_window, settings_path  # noqa: F401  (shared fixtures)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/map/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
