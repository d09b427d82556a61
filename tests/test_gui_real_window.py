"""The wizard on a real X server: ``degoogle practice`` started under Xvfb with Qt's xcb platform (what a
desktop uses, not the tests' offscreen one) maps its window, closes on Escape and exits cleanly. Needs
Xvfb, xdotool and xwininfo (``scripts/setup`` installs them with the libraries the xcb plugin links to)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.waiting import wait_until

pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in ("Xvfb", "xdotool", "xwininfo")),
                                reason="Xvfb, xdotool and xwininfo are installed by scripts/setup (EXTRAS=dev)")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb server; its display name (":N", chosen by Xvfb itself)."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _x(display: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), env={**os.environ, "DISPLAY": display}, capture_output=True, text=True,
                          timeout=20, check=False)


def test_practice_opens_a_real_window_driven_by_the_keyboard(display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), LANG="fr_FR.UTF-8", LANGUAGE="fr")
    os.chmod(tmp_path, 0o700)
    wizard = subprocess.Popen([str(Path(sys.executable).parent / "degoogle"), "practice", "--lang", "fr"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        def window() -> str | None:
            if wizard.poll() is not None:
                pytest.fail(f"degoogle practice ended (rc {wizard.returncode}): {wizard.stderr.read()[-2000:]}")
            found = _x(display, "xdotool", "search", "--onlyvisible", "--name", "degoogle").stdout.split()
            return found[0] if found else None

        window_id = str(wait_until(window, "the wizard's window", timeout=60, interval=0.1))
        info = _x(display, "xwininfo", "-id", window_id).stdout
        assert "Map State: IsViewable" in info, info
        assert "(entraînement)" in _x(display, "xdotool", "getwindowname", window_id).stdout
        width = int(next(line for line in info.splitlines() if "Width:" in line).split()[-1])
        assert width >= 600
        # the keyboard closes it: Escape, as a person presses it (an X key event, no window manager)
        _x(display, "xdotool", "windowfocus", "--sync", window_id)
        _x(display, "xdotool", "key", "--window", window_id, "Escape")
        wait_until(lambda: wizard.poll() is not None, "the wizard to close on Escape", timeout=30, interval=0.1)
        assert wizard.returncode == 0, wizard.stderr.read()[-2000:]
    finally:
        if wizard.poll() is None:
            wizard.terminate()
            wizard.wait(timeout=20)

