"""resources/: the icon, the desktop entry and the AppStream metadata, shipped and found."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from distutils.core import run_setup  # setuptools' copy: reads setup.py + pyproject.toml
from pathlib import Path

import pytest

from kursk_annotator import APP_ID
from kursk_annotator import desktop_entry as assets
from kursk_annotator.core.resources import resource_path
from kursk_annotator.desktop_entry import entry_text

REPO = Path(__file__).resolve().parents[1]
COMMAND = (sys.executable, "-m", "kursk_annotator")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_checkout_resources_folder_is_the_one_found() -> None:
    assert resource_path("icons") == REPO / "resources" / "icons"


@pytest.mark.parametrize("size", assets.ICON_SIZES)
def test_each_icon_size_is_a_square_png_of_that_size(size: int) -> None:
    assert png_size(assets.icon_png(size).read_bytes()) == (size, size)


def test_the_svg_icon_is_square_svg() -> None:
    root = ET.fromstring(assets.icon_svg().read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


def test_desktop_entry_names_the_app_its_icon_and_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read_string(assets.desktop_entry().read_text(encoding="utf-8"))
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Kursk Annotator"
    assert section["Icon"] == APP_ID
    assert section["Exec"] == "kursk-annotator"
    assert section["Categories"].endswith(";")


def test_appstream_metadata_launches_the_desktop_entry() -> None:
    root = ET.fromstring(assets.appstream_metadata().read_bytes())
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == "kursk-annotator"


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstreamcli is not installed")
def test_appstream_metadata_passes_the_validator() -> None:
    path = assets.appstream_metadata()
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.filterwarnings("ignore:Support for")
def test_the_build_installs_resources_as_package_data_of_kursk_annotator() -> None:
    """setup.py maps resources/ to kursk_annotator.resources (what importlib finds in a
    wheel) and keeps finding every package under kursk_annotator/."""
    dist = run_setup(str(REPO / "setup.py"), stop_after="config")
    assert dist.package_dir["kursk_annotator.resources"] == "resources"
    assert "**/*" in dist.package_data["kursk_annotator.resources"]
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "kursk_annotator").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert on_disk | {"kursk_annotator.resources"} <= set(dist.packages)


def test_install_desktop_writes_entry_icons_and_metadata(tmp_path: Path) -> None:
    home = tmp_path / "share"
    done = subprocess.run(
        [*COMMAND, "install-desktop", "--data-home", str(home)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    entry = home / "applications" / f"{APP_ID}.desktop"
    assert f"wrote {entry}" in done.stdout
    exec_line = next(x for x in entry.read_text().splitlines() if x.startswith("Exec="))
    assert exec_line != "Exec=kursk-annotator"  # names this installation's command
    icon = home / "icons/hicolor/48x48/apps" / f"{APP_ID}.png"
    assert png_size(icon.read_bytes()) == (48, 48)
    assert (home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (home / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    again = subprocess.run(
        [*COMMAND, "install-desktop", "--remove", "--data-home", str(home)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert again.returncode == 0, again.stderr
    assert not entry.exists() and not icon.exists()


def test_exec_line_quotes_a_command_with_spaces() -> None:
    text = entry_text('"/opt/my apps/bin/kursk-annotator"')
    assert 'Exec="/opt/my apps/bin/kursk-annotator"' in text.splitlines()
