"""Real CalDAV/CardDAV servers for the tests: Radicale and Xandikos, each started once per session.

Import the fixtures into a test module (``from tests.dav_servers import radicale_server, xandikos_server``).
Both listen on 127.0.0.1 on a free port; each fixture waits until the port answers and stops the
process at the end of the session.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.waiting import answers, wait_until

RADICALE_USER = "marie"
RADICALE_PASSWORD = "Tz4-calendrier-Lg8"


@dataclass(frozen=True)
class DavServer:
    """A running server: its base URL and the credentials to give ``DavCollections`` (empty: no auth)."""

    name: str
    url: str
    user: str
    password: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serve(command: list[str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        try:
            wait_until(lambda: process.poll() is not None or answers(port), f"an answer on port {port}", timeout=30,
                       interval=0.1)
        except AssertionError as exc:
            raise RuntimeError(f"no answer on port {port}: {log.read_text(errors='replace')[-2000:]}") from exc
        if process.poll() is not None:
            raise RuntimeError(f"{command[0]} exited: {log.read_text(errors='replace')[-2000:]}")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    root = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    (root / "users").write_text(f"{RADICALE_USER}:{RADICALE_PASSWORD}\n")
    config = root / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {root / 'users'}\nhtpasswd_encryption = plain\n"
        f"[storage]\nfilesystem_folder = {root / 'collections'}\n"
        "[logging]\nlevel = warning\n"
    )
    command = [sys.executable, "-m", "radicale", "--config", str(config)]
    with _serve(command, port, root / "radicale.log"):
        yield DavServer("radicale", f"http://127.0.0.1:{port}/", RADICALE_USER, RADICALE_PASSWORD)


@contextmanager
def serve_xandikos(root: Path) -> Iterator[DavServer]:
    """A Xandikos of its own, its data under ``root``: for tests that list a whole account and want
    only their own collections in it."""
    port = _free_port()
    command = [sys.executable, "-m", "xandikos", "serve", "-d", str(root / "data"), "--defaults",
               "-l", "127.0.0.1", "-p", str(port)]
    with _serve(command, port, root / "xandikos.log"):
        yield DavServer("xandikos", f"http://127.0.0.1:{port}/", "", "")


@pytest.fixture(scope="session")
def xandikos_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    with serve_xandikos(tmp_path_factory.mktemp("xandikos")) as server:
        yield server
