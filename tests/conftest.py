from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from degoogle.sandbox import Sandbox

#: a password that is easy to search for in every file the tests can read
APP_PASSWORD = "Zq7Rw-Kp3Xe-Lm9Ta-Vb2Ny-Hs5Gd"


@pytest.fixture
def sandbox(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """The sandbox; a test can pass more ``Sandbox`` options by indirect parametrization
    (``@pytest.mark.parametrize("sandbox", [{"bulk_upload": False}], indirect=True)``)."""
    options = getattr(request, "param", {})
    with Sandbox(tmp_path / "server", user="marie", password=APP_PASSWORD,
                 request_log=tmp_path / "server-requests.log", **options) as server:
        yield server


@pytest.fixture
def target_env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> str:
    """The sandbox as a TARGET spec, its password in the environment as a script would pass it."""
    monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", sandbox.password)
    return "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@", 1)


@pytest.fixture(autouse=True)
def _no_keyring_surprises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # keyrings.alt's file backend in a private folder: tests never touch the user's real keyring
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("DEGOOGLE_TARGET_PASSWORD", raising=False)
    monkeypatch.setenv("LANG", os.environ.get("LANG", "C.UTF-8"))


def tree(root: Path) -> dict[str, str]:
    """Every file below ``root`` as relative POSIX path → SHA-1 of its content."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }
