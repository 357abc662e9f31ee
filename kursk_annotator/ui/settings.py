"""Every persistent GUI setting, declared once (key, type, default) over QSettings.

Widgets read and write ``settings.get(ZOOM)`` instead of scattering
``QSettings().value("x", default)`` with ad-hoc keys and types around the code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from kursk_annotator import APP_NAME

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    doc: str = ""


ANALYST_NAME = Setting("analyst/name", str, "", "the name annotations are stored under")
SNAP_WHOLE_WORDS = Setting("tagging/snap_whole_words", bool, True, "extend selections to words")
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "main window geometry")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "dock and toolbar layout")
LAST_ARTICLE = Setting("reader/last_article", int, 0, "article shown at the next start")
ZOOM = Setting("reader/zoom", int, 0, "reader font size steps above/below the default")
# Hidden rather than shown kinds are kept, so a kind added in a later version shows at once.
HIDDEN_KINDS = Setting("filter/hidden_kinds", list, [], "kinds not highlighted")
ANALYST_FILTER = Setting("filter/analyst", str, "", "'' all, '\\x00me' only mine, else a name")
STATUS_FILTER = Setting("filter/status", str, "", "'' all but rejected, 'all', else one status")
LIBRARY_SORT = Setting("library/sort", str, "date", "'date' or 'title'")
# The last team store connected to: never its password (that is in the system keyring).
TEAM_SERVER = Setting("team/server", str, "", "host:port/database of the last team store")
TEAM_LOGIN = Setting("team/login", str, "", "the login used on that team store")
THEME = Setting("view/theme", str, "system", "'light', 'dark' or 'system' (follow the desktop)")

ALL_SETTINGS: tuple[Setting[Any], ...] = (
    TEAM_SERVER,
    TEAM_LOGIN,
    ANALYST_NAME,
    SNAP_WHOLE_WORDS,
    GEOMETRY,
    WINDOW_STATE,
    LAST_ARTICLE,
    ZOOM,
    HIDDEN_KINDS,
    ANALYST_FILTER,
    STATUS_FILTER,
    LIBRARY_SORT,
    THEME,
)


class Settings:
    """Typed access to the registry above; a value of the wrong type reads as the default."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(APP_NAME, APP_NAME)

    @classmethod
    def at(cls, path: str | Path) -> Settings:
        """Settings kept in one INI file (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def get(self, setting: Setting[T]) -> T:
        raw = self.q.value(setting.key)
        if raw is None:
            return setting.default
        try:
            if setting.type is bool:
                if isinstance(raw, str):
                    return raw.lower() in ("true", "1", "yes")  # type: ignore[return-value]
                return bool(raw)  # type: ignore[return-value]
            if setting.type is list:
                # Stored as JSON text: INI files flatten one-element lists to a string.
                value = json.loads(raw) if isinstance(raw, str) else list(raw)
                return value if isinstance(value, list) else setting.default
            if setting.type is QByteArray:
                return raw if isinstance(raw, QByteArray) else setting.default
            return setting.type(raw)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if setting.type is list:
            self.q.setValue(setting.key, json.dumps(list(value)))  # type: ignore[arg-type]
        else:
            self.q.setValue(setting.key, value)

    def sync(self) -> None:
        self.q.sync()
