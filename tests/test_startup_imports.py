"""A command loads only what it uses (issue 17: what a person waits for before the move starts).

Each check runs a fresh Python, as the ``degoogle`` command does, and reads which libraries it
loaded: the wizard's Qt, the CalDAV and HTTP clients, Babel's CLDR data and the progress bar each
cost tenths of a second, paid again by every command that imports them without using them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from degoogle.model import Kind
from degoogle.targets.nextcloud.photos import NextcloudPhotos
from degoogle.targets.registry import FILES_KINDS, GROUPWARE_KINDS, PHOTOS_KINDS
from tests.mail_samples import takeout_mbox

if TYPE_CHECKING:
    from tests.dovecot import Dovecot

pytest_plugins = ["tests.dovecot"]  # the dovecot fixture

#: libraries only some commands need: the wizard (PySide6), writing to a Nextcloud (requests and
#: webdav3 for files, caldav/niquests/vobject for calendars and contacts), numbers and dates in words
#: (babel), a progress bar on a terminal (rich)
HEAVY = {"PySide6", "caldav", "niquests", "requests", "urllib3", "webdav3", "vobject", "lxml", "babel", "rich",
         "googleapiclient"}

LOADED = ("import json, sys; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {heavy!r})))")


def _run(code: str, tmp_path: Path, **extra: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """Run ``code`` then print the heavy libraries loaded; (those libraries, the process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEGOOGLE_")} | extra
    # no password anywhere: planning then asks no hoster for anything
    env.update({"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "HOME": str(tmp_path),
                "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")})
    done = subprocess.run([sys.executable, "-c", code + "\n" + LOADED.format(heavy=HEAVY)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1])), done


def test_importing_the_command_line_loads_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    loaded, _ = _run("import degoogle.cli", tmp_path)
    assert loaded == set()


def test_a_mail_only_plan_and_its_status_load_no_nextcloud_client_and_no_qt(tmp_path: Path) -> None:
    sample = takeout_mbox(20)
    mbox = tmp_path / "All mail Including Spam and Trash.mbox"
    mbox.write_bytes(sample.data)
    journal = tmp_path / "mail.journal"
    plan = (f"from degoogle.cli import main\n"
            f"assert main(['plan', 'mbox:{mbox}', 'nextcloud:https://marie@cloud.example.org', '--journal', "
            f"'{journal}', '--mail-to', 'imaps://marie@imap.example.org', '--only', 'mail']) == 0")
    loaded, done = _run(plan, tmp_path)
    assert "plan:" in done.stdout  # it listed the mailbox and said so, numbers in words (babel) included
    assert loaded <= {"babel"}, loaded

    status = (f"from degoogle.cli import main\n"
              f"assert main(['status', '--journal', '{journal}', '--json']) == 0")
    loaded, done = _run(status, tmp_path)
    counts = json.loads(done.stdout[: done.stdout.rindex("\n", 0, len(done.stdout) - 1)])["counts"]
    assert counts["mail"]["pending"] == sum(1 for m in sample.messages if m.moved)
    assert loaded == set(), loaded


def test_listing_a_mailbox_for_another_mailbox_loads_no_calendar_or_files_client(tmp_path: Path,
                                                                                 dovecot: Dovecot) -> None:
    source, destination = dovecot.add_user(), dovecot.add_user()
    client = source.client()
    try:
        for n in range(3):
            client.append("INBOX", f"Message-ID: <{n}@startup.test>\r\nSubject: {n}\r\n\r\nbody\r\n".encode())
    finally:
        client.logout()
    journal = tmp_path / "imap.journal"
    plan = (f"from degoogle.cli import main\n"
            f"assert main(['plan', '{source.spec()}', 'nextcloud:https://marie@cloud.example.org', '--journal', "
            f"'{journal}', '--mail-to', '{destination.spec()}']) == 0")
    loaded, done = _run(plan, tmp_path, DEGOOGLE_SOURCE_PASSWORD=source.password)
    assert "3 to move" in done.stdout, done.stdout
    # no Nextcloud password at hand: nothing asked of the hoster, so no HTTP client either
    assert loaded <= {"babel"}, loaded


def test_the_registry_names_the_kinds_its_targets_write() -> None:
    # the registry knows the kinds without importing the targets: they must stay the targets' own
    from degoogle.targets.nextcloud.files import NextcloudFiles
    from degoogle.targets.nextcloud.groupware import NextcloudGroupware

    assert NextcloudFiles.kinds == FILES_KINDS
    assert GROUPWARE_KINDS == NextcloudGroupware.kinds == {Kind.CALENDAR, Kind.CONTACTS}
    assert NextcloudPhotos.kinds == PHOTOS_KINDS
