"""Sign in with Login Flow v2 and out again, end to end against the sandbox, with a real keyring backend.

The person's click in the browser is a tiny ``BROWSER`` script that fetches the address it is given
(the sandbox approves a sign-in when its page is opened). The keyring is keyrings.alt's plaintext
file in a temporary ``XDG_DATA_HOME`` (conftest): the same backend for the tests and the CLI
processes they start, chosen explicitly through ``PYTHON_KEYRING_BACKEND`` as a person would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
import requests
from keyring.backends import fail

from degoogle.cli import main
from degoogle.errors import Cancelled, FatalError
from degoogle.sandbox import Sandbox
from degoogle.secrets import SecretStore
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.login import LoginFlow, LoginTimedOut, Revocation, forget, store
from degoogle.targets.nextcloud.server import NextcloudServer
from tests.conftest import APP_PASSWORD, tree
from tests.waiting import wait_until

CLI = [sys.executable, "-m", "degoogle"]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Sandbox]:
    """The sandbox in demo mode: opening a sign-in page approves it for the sandbox's user."""
    with Sandbox(tmp_path / "server", user="marie", password=APP_PASSWORD, auto_approve_login=True,
                 request_log=tmp_path / "server-requests.log") as sandbox:
        yield sandbox


def keyring_name(sandbox: Sandbox) -> str:
    return f"{sandbox.user}@{sandbox.url.split('://', 1)[1]}"


def spec(sandbox: Sandbox, user: str | None = None) -> str:
    return "nextcloud:" + (sandbox.url.replace("://", f"://{user}@", 1) if user else sandbox.url)


def browser(tmp_path: Path) -> Path:
    """A ``BROWSER`` command that "clicks": fetches the address, and notes that it was called."""
    script = tmp_path / "browser"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys, urllib.request\n"
        "urllib.request.urlopen(sys.argv[1], timeout=30).read()\n"
        f"pathlib.Path({str(tmp_path / 'browser-was-called')!r}).touch()\n"
    )
    script.chmod(0o755)
    return script


def works(sandbox: Sandbox, password: str) -> bool:
    """Whether the server takes ``password`` for its user, as a WebDAV client would find out."""
    response = requests.request("PROPFIND", f"{sandbox.url}/remote.php/dav/files/{sandbox.user}/",
                                auth=(sandbox.user, password), headers={"Depth": "0"}, timeout=10)
    return response.status_code == 207


def sign_in(sandbox: Sandbox) -> str:
    """Sign in through the API (the person's click: a GET of the page); the new app password."""
    flow = LoginFlow()
    started = flow.start(sandbox.url)
    requests.get(started.login_url, timeout=10)
    credentials = flow.wait(timeout=30, interval=0.1)
    store(credentials, SecretStore())
    return credentials.app_password


def folder(tmp_path: Path, n: int = 3) -> Path:
    src = tmp_path / "Papiers"
    src.mkdir()
    for i in range(n):
        (src / f"lettre {i}.txt").write_text(f"Chère Marie, n°{i}\n" * 50, encoding="utf-8")
    return src


# --- the whole path a person takes ------------------------------------------------------------------


def test_login_in_the_browser_then_plan_and_run_need_no_password(
        tmp_path: Path, server: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "BROWSER": str(browser(tmp_path))}
    assert "DEGOOGLE_TARGET_PASSWORD" not in env
    done = subprocess.run([*CLI, "-v", "login", spec(server), "--timeout", "60"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "browser-was-called").exists()
    stored = keyring.get_password("degoogle", keyring_name(server))
    assert stored and stored != APP_PASSWORD  # an app password of its own, issued by the flow
    assert works(server, stored)
    assert stored not in done.stdout + done.stderr
    assert "/login/v2/flow/" in done.stdout  # the address a support person can read aloud
    assert f"\n  {spec(server, 'marie')}\n" in done.stdout  # the TARGET to use from now on

    src = folder(tmp_path)
    journal = tmp_path / "marie.journal"
    assert main(["plan", f"folder:{src}", spec(server, "marie"), "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    assert tree(server.files_dir() / "Papiers") == tree(src)
    printed = capsys.readouterr()
    for text in (printed.out, printed.err, journal.with_name(journal.name + ".log").read_text(encoding="utf-8"),
                 (tmp_path / "server-requests.log").read_text(encoding="utf-8")):
        assert stored not in text


def test_no_browser_prints_the_address_for_someone_to_open(tmp_path: Path, server: Sandbox) -> None:
    env = {**os.environ, "BROWSER": str(browser(tmp_path))}
    proc = subprocess.Popen([*CLI, "login", spec(server, "marie"), "--no-browser", "--timeout", "60"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    address = ""
    while not address:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        if line.startswith("  http"):
            address = line.strip()
    requests.get(address, timeout=10)  # the person opens it on their phone
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, out + err
    assert not (tmp_path / "browser-was-called").exists()
    assert keyring.get_password("degoogle", keyring_name(server))


def test_ctrl_c_while_waiting_cancels_with_130_and_stores_nothing(server: Sandbox) -> None:
    proc = subprocess.Popen([*CLI, "login", spec(server), "--no-browser"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    while "Waiting" not in proc.stdout.readline():
        assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, out + err
    assert "cancelled" in err
    assert keyring.get_password("degoogle", keyring_name(server)) is None


def test_nobody_approving_in_time_is_an_error_with_a_message(server: Sandbox,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    assert main(["login", spec(server), "--no-browser", "--timeout", "1"]) == 1
    assert time.monotonic() - started < 15
    assert "nobody approved the sign-in" in capsys.readouterr().err
    assert keyring.get_password("degoogle", keyring_name(server)) is None


def test_polling_rides_out_a_flaky_network_and_can_be_cancelled(server: Sandbox) -> None:
    flow = LoginFlow()
    started = flow.start(server.url)
    server.add_fault("POST", r"/login/v2/poll", 0, times=2)  # connection dropped
    server.add_fault("POST", r"/login/v2/poll", 502, times=2)
    requests.get(started.login_url, timeout=10)
    credentials = flow.wait(timeout=30, interval=0.05)
    assert credentials.login_name == "marie" and works(server, credentials.app_password)

    again = LoginFlow()
    again.start(server.url)
    cancel = threading.Event()
    raised: list[BaseException] = []

    def wait_for_the_login() -> None:
        try:
            again.wait(cancel, timeout=60, interval=5)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            raised.append(exc)

    polling = server.hold("POST", r"/login/v2/poll")
    server.clear_requests()
    waiting = threading.Thread(target=wait_for_the_login)
    waiting.start()
    wait_until(lambda: polling.waiting, "the first poll to reach the server")
    cancel.set()  # while that poll is under way; the next would come 5 s later
    polling.release()
    waiting.join(30)
    assert not waiting.is_alive() and [type(e) for e in raised] == [Cancelled]
    assert [r.method for r in server.requests if r.path.endswith("/login/v2/poll")] == ["POST"]  # no other poll
    with pytest.raises(LoginTimedOut):
        again.wait(timeout=0.2, interval=0.05)


def test_login_to_a_server_in_maintenance_says_so(server: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    server.set_maintenance(True)
    assert main(["login", spec(server), "--no-browser", "--timeout", "5"]) == 1
    assert "maintenance" in capsys.readouterr().err


# --- signing out -----------------------------------------------------------------------------------------


def test_logout_revokes_at_the_server_and_empties_the_keyring(server: Sandbox,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    password = sign_in(server)
    assert works(server, password)
    assert main(["logout", spec(server, "marie")]) == 0
    assert "revoked" in capsys.readouterr().out
    assert keyring.get_password("degoogle", keyring_name(server)) is None
    assert not works(server, password)
    with pytest.raises(FatalError) as refused:
        NextcloudServer.for_account(NextcloudAccount(server.url, "marie"), password).quota()
    assert refused.value.code == "auth_failed"
    assert works(server, APP_PASSWORD)  # other devices keep theirs
    assert main(["logout", spec(server, "marie")]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_a_second_login_revokes_the_app_password_it_replaces(tmp_path: Path, server: Sandbox) -> None:
    first = sign_in(server)
    env = {**os.environ, "BROWSER": str(browser(tmp_path))}
    done = subprocess.run([*CLI, "login", spec(server, "marie")], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    second = keyring.get_password("degoogle", keyring_name(server))
    assert second and second != first
    assert works(server, second) and not works(server, first)


def test_login_twice_then_logout_leaves_nothing_of_degoogle_valid(tmp_path: Path, server: Sandbox) -> None:
    # Nextcloud's session cookies sign a request in as the cookie's session whatever its Basic
    # credentials say: the old password must be revoked on a connection of its own
    env = {**os.environ, "BROWSER": str(browser(tmp_path))}
    passwords = []
    for _ in range(2):
        done = subprocess.run([*CLI, "login", spec(server, "marie")], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        passwords.append(keyring.get_password("degoogle", keyring_name(server)))
    first, second = passwords
    assert first and second and first != second
    assert "revoked" in done.stdout
    assert not works(server, first)
    assert works(server, second)
    assert server.app_passwords() == [APP_PASSWORD, second]
    assert main(["logout", spec(server, "marie")]) == 0
    assert not works(server, second)
    assert server.app_passwords() == [APP_PASSWORD]  # only the one degoogle never had


def test_logout_with_the_server_unreachable_keeps_the_password_unless_told(server: Sandbox) -> None:
    password = sign_in(server)
    account = NextcloudAccount(server.url, "marie")
    server.stop()
    kept = forget(account, SecretStore())
    assert kept.revocation is Revocation.UNREACHABLE and not kept.removed_locally and not kept.complete
    assert keyring.get_password("degoogle", keyring_name(server)) == password
    assert main(["logout", spec(server, "marie")]) == 1
    assert keyring.get_password("degoogle", keyring_name(server)) == password
    assert main(["logout", spec(server, "marie"), "--yes"]) == 1  # gone from here, maybe not there
    assert keyring.get_password("degoogle", keyring_name(server)) is None


# --- no keyring -------------------------------------------------------------------------------------------


def test_no_keyring_is_a_usage_error_with_what_to_do(tmp_path: Path, server: Sandbox) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([*CLI, "login", spec(server)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "no usable keyring" in done.stderr and "DEGOOGLE_TARGET_PASSWORD" in done.stderr
    assert not server.requests  # nobody was sent to a browser for nothing

    src = folder(tmp_path)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", spec(server, "marie"), "--journal", str(journal)]) == 0
    done = subprocess.run([*CLI, "run", "--journal", str(journal)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "keyring" in done.stderr and "DEGOOGLE_TARGET_PASSWORD" in done.stderr


def test_the_app_never_picks_a_plaintext_keyring_by_itself(tmp_path: Path, server: Sandbox) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "no-keyring-config")
    chosen = subprocess.run([sys.executable, "-c", "import keyring; b = keyring.get_keyring(); "
                             "print(type(b).__module__, b.priority)"], env=env, capture_output=True, text=True)
    if not chosen.stdout.startswith("keyrings.alt"):
        pytest.skip(f"keyring chose {chosen.stdout.strip()} here, not a fallback one")
    done = subprocess.run([*CLI, "login", spec(server)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "no usable keyring" in done.stderr
    assert not SecretStore(backend=fail.Keyring()).available()
