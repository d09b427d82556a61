"""degoogle as a person installs it: the wheel and sdist, the desktop entry and AppStream metadata, the
application id, the Flatpak manifest. Run by scripts/test (so CI); ``-m packaging`` picks them alone.

The wheel test builds with ``python -m build`` (sdist, then the wheel from the sdist), installs the wheel
into a fresh virtualenv (dependencies from the package index, as pipx would) and runs ``degoogle demo``
from there, from a folder outside the source tree: the translations and the hoster list must come from
inside the installed package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.degoogle.Degoogle"


def _run(args: list[str], cwd: Path | None = None, timeout: float = 300,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False,
                          env=env)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build`` of the source tree: an sdist and the wheel built from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    done = _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def _wheel(folder: Path) -> Path:
    (wheel,) = folder.glob("degoogle-*.whl")
    return wheel


def _contents(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_wheel_carries_resources_and_the_sdist_builds_the_same_wheel(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("degoogle-*.tar.gz")
    from_sdist = _contents(_wheel(dist))
    assert "degoogle/resources/chatons.json" in from_sdist
    for lang in ("fr", "en", "nl"):
        assert f"degoogle/resources/translations/degoogle_{lang}.qm" in from_sdist
        assert f"degoogle/locale/{lang}/LC_MESSAGES/degoogle.mo" in from_sdist
    assert not [name for name in from_sdist if name.endswith((".ts", ".po"))]
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in from_sdist)
    metadata = next(v for k, v in from_sdist.items() if k.endswith(".dist-info/METADATA")).decode()
    assert "License-Expression: GPL-3.0-or-later" in metadata
    assert "Classifier: Natural Language :: French" in metadata
    # the wheel straight from the source tree is the same, file for file. A copy of the tree: setuptools
    # reuses a build/ folder left in a working tree, with modules since removed (a clean clone has none)
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"))
    done = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(tree)])
    assert done.returncode == 0, done.stderr[-3000:]
    assert _contents(_wheel(tmp_path)) == from_sdist
    assert sdist.stat().st_size > 0


def test_wheel_in_a_fresh_virtualenv_runs_the_demo_with_its_own_resources(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    done = _run([str(python), "-m", "pip", "install", "-q", str(_wheel(dist))], timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"HOME": str(elsewhere), "XDG_DATA_HOME": str(elsewhere / "data"), "QT_QPA_PLATFORM": "offscreen"}

    demo = _run([str(env_dir / "bin" / "degoogle"), "demo", "--lang", "fr"], cwd=elsewhere, env=env)
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
    assert "Agendas" in demo.stdout and "Transférés" in demo.stdout

    probe = ("import json; from degoogle.hosters import bundled_path, load_bundled; "
             "from degoogle.gui.language import translations_dir; from PySide6.QtCore import QTranslator; "
             "t = QTranslator(); "
             "print(json.dumps({'chatons': str(bundled_path()), 'hosters': len(load_bundled()), "
             "'qm': str(translations_dir()), 'loaded': t.load('degoogle_nl', str(translations_dir()))}))")
    found = _run([str(python), "-c", probe], cwd=elsewhere, env=env)
    assert found.returncode == 0, found.stderr[-3000:]
    where = json.loads(found.stdout)
    site = str(env_dir)
    assert where["chatons"].startswith(site) and where["hosters"] > 0
    assert where["qm"].startswith(site) and where["loaded"] is True


def test_desktop_entry_is_valid() -> None:
    done = _run(["desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop")])
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_appstream_metainfo_is_valid() -> None:
    done = _run(["appstreamcli", "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")])
    assert done.returncode == 0, done.stdout + done.stderr


def test_one_application_id_everywhere() -> None:
    desktop = (PACKAGING / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in desktop and "Terminal=false" in desktop and "Exec=degoogle wizard" in desktop
    meta = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert {s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in meta.findall("summary")} == {None, "fr", "nl"}
    for shot in meta.iter("image"):
        name = (shot.text or "").rsplit("/", 1)[-1]
        assert (PACKAGING / "screenshots" / name).is_file(), name
    assert (PACKAGING / "icons" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (PACKAGING / "icons" / f"{size}x{size}" / f"{APP_ID}.png").is_file()
    manifest = json.loads((PACKAGING / "flatpak" / f"{APP_ID}.json").read_text(encoding="utf-8"))
    assert manifest["id"] == APP_ID

    # Qt tells the desktop which entry the running window belongs to (a process of its own: the suite's
    # QApplication may have been made by pytest-qt)
    probe = "from degoogle.gui.app import application; print(application().desktopFileName())"
    done = _run([sys.executable, "-c", probe], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == APP_ID, done.stderr


FINISH_ARGS = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
               "--filesystem=xdg-download:ro", "--talk-name=org.freedesktop.secrets"}


def test_flatpak_manifest_on_the_pyside_base_app_with_every_dependency_pinned(tmp_path: Path) -> None:
    flatpak = PACKAGING / "flatpak"
    manifest = json.loads((flatpak / f"{APP_ID}.json").read_text(encoding="utf-8"))
    assert (manifest["base"], manifest["base-version"]) == ("io.qt.PySide.BaseApp", "6.10")
    assert manifest["runtime"] == "org.kde.Platform" and manifest["command"] == "degoogle"
    assert set(manifest["finish-args"]) == FINISH_ARGS  # nothing more than degoogle needs

    generated_file, app = manifest["modules"]
    generated = json.loads((flatpak / generated_file).read_text(encoding="utf-8"))
    pinned: dict[str, str] = {}
    for module in generated["modules"]:
        (command,) = module["build-commands"]
        found = re.search(r'"([A-Za-z0-9_.-]+)==([^"]+)"', command)
        assert found, command
        name, version = found.groups()
        pinned[name.lower().replace("_", "-").replace(".", "-")] = version
        for source in module["sources"]:
            assert source["url"].startswith("https://files.pythonhosted.org/packages/")
            assert f"-{version}" in source["url"].rsplit("/", 1)[-1], source["url"]
            assert len(source["sha256"]) == 64 and int(source["sha256"], 16) >= 0
        arches = sorted(a for s in module["sources"] for a in s.get("only-arches", []))
        assert arches in ([], ["aarch64", "x86_64"]), module["name"]

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for text in project["dependencies"]:
        requirement = Requirement(text)
        key = requirement.name.lower().replace("_", "-")
        if key.startswith("pyside6"):
            assert key not in pinned  # the base app brings PySide6
            continue
        assert key in pinned, f"{key} is missing: run packaging/flatpak/generate-pip-modules"
        assert requirement.specifier.contains(pinned[key], prereleases=True), (key, pinned[key])

    # flatpak-builder itself reads the manifest and the generated modules it includes
    shown = _run(["flatpak-builder", "--show-manifest", str(flatpak / f"{APP_ID}.json")], cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    read = json.loads(shown.stdout)
    assert read["id"] == APP_ID and set(read["finish-args"]) == FINISH_ARGS
    assert [m["name"] for m in read["modules"][0]["modules"]] == [m["name"] for m in generated["modules"]]

    # what the app module installs is there in the tree
    for command in app["build-commands"][1:4]:
        assert (ROOT / command.split()[2]).is_file(), command
    assert app["sources"][0]["path"] == "../.."
