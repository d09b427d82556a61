"""``degoogle schedule`` / ``unschedule``: the systemd user units of an overnight move, checked by
``systemd-analyze verify`` (as the user manager would load them) and run through the real CLI.

There is no user session manager in these containers, so ``schedule`` writes the units and says how
to hand them to systemd (exit 1); the units themselves are what is verified here.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from degoogle.migration import Migration

pytestmark = pytest.mark.packaging


def _cli(args: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "degoogle", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def _verify(paths: list[Path], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return subprocess.run(["systemd-analyze", "--user", "verify", *map(str, paths)], capture_output=True,
                          text=True, timeout=120, check=False, env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)})


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A real, planned-but-not-run journal: a folder of one file to a Nextcloud."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("hello", encoding="utf-8")
    path = tmp_path / "marie move.journal"
    with Migration.create(path, f"folder:{folder}", "nextcloud:https://marie@cloud.example.org"):
        pass
    return path


def _units(home: Path) -> list[Path]:
    return sorted((home / "config" / "systemd" / "user").glob("degoogle-*"))


def test_schedule_at_writes_a_timer_and_a_service_that_verify(journal: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    secret = tmp_path / "app-password"
    secret.write_text("not-in-the-unit", encoding="utf-8")
    done = _cli(["schedule", "--journal", journal.name, "--at", "22:00", "--password-file", str(secret)],
                home, journal.parent)
    units = _units(home)
    assert [p.suffix for p in units] == [".service", ".timer"], done.stdout + done.stderr
    # no user manager here: written, and the person is told the commands that hand them to systemd
    assert done.returncode in (0, 1), done.stderr
    if done.returncode == 1:
        assert f"systemctl --user daemon-reload && systemctl --user enable --now {units[1].name}" in done.stdout

    checked = _verify(units, tmp_path)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr

    service, timer = (p.read_text(encoding="utf-8") for p in units)
    assert "OnCalendar=*-*-* 22:00:00" in timer and "Persistent=true" in timer
    assert "WantedBy=default.target" in service and "Restart=on-failure" in service
    assert "not-in-the-unit" not in service  # the path to the secret, never the secret
    start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    args = shlex.split(start.removeprefix("ExecStart="))
    assert args[-5:] == ["run", "--journal", str(journal.resolve()), "--password-file", str(secret.resolve())]

    # the unit's own command line is a working degoogle (asked for its help, so nothing is moved)
    helped = subprocess.run([*args[:-5], "run", "--help"], capture_output=True, text=True, timeout=120,
                            check=False)
    assert helped.returncode == 0 and "--journal" in helped.stdout


def test_schedule_now_has_no_timer_and_verifies(journal: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    _cli(["schedule", "--journal", str(journal), "--at", "06:30"], home, tmp_path)
    _cli(["schedule", "--journal", str(journal)], home, tmp_path)  # again, starting now: the timer goes
    units = _units(home)
    assert [p.suffix for p in units] == [".service"]
    checked = _verify(units, tmp_path)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_unschedule_if_finished_keeps_an_unfinished_move_and_unschedule_removes_it(journal: Path,
                                                                                  tmp_path: Path) -> None:
    home = tmp_path / "home"
    _cli(["schedule", "--journal", str(journal), "--at", "22:00"], home, tmp_path)
    assert len(_units(home)) == 2

    kept = _cli(["unschedule", "--journal", str(journal), "--if-finished"], home, tmp_path)
    assert kept.returncode == 0 and len(_units(home)) == 2, kept.stdout + kept.stderr

    removed = _cli(["unschedule", "--journal", str(journal)], home, tmp_path)
    assert removed.returncode == 0 and _units(home) == [], removed.stdout + removed.stderr


def test_unschedule_if_finished_removes_a_finished_move(tmp_path: Path) -> None:
    home = tmp_path / "home"
    demo = _cli(["demo", "--dir", str(tmp_path / "demo")], home, tmp_path)
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]
    journal = tmp_path / "demo" / "demo.journal"
    _cli(["schedule", "--journal", str(journal)], home, tmp_path)
    assert len(_units(home)) == 1

    gone = _cli(["unschedule", "--journal", str(journal), "--if-finished"], home, tmp_path)
    assert gone.returncode == 0 and _units(home) == [], gone.stdout + gone.stderr


def test_schedule_refuses_a_bad_time_and_a_missing_journal(journal: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    bad_time = _cli(["schedule", "--journal", str(journal), "--at", "25:00"], home, tmp_path)
    missing = _cli(["schedule", "--journal", str(tmp_path / "nope.journal")], home, tmp_path)
    assert bad_time.returncode == 2 and "HH:MM" in bad_time.stderr
    assert missing.returncode == 2 and "nope.journal" in missing.stderr
    assert _units(home) == []


def test_a_journal_path_with_spaces_percent_and_dollar_stays_one_literal_argument(tmp_path: Path) -> None:
    from degoogle.schedule import write_units

    folder = tmp_path / 'Marie "M" 100% $HOME'
    folder.mkdir()
    journal = folder / "move.journal"
    journal.write_bytes(b"")
    units = write_units(journal, unit_dir=tmp_path / "units")
    checked = _verify([units.service], tmp_path)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr
    start = next(line for line in units.service.read_text(encoding="utf-8").splitlines()
                 if line.startswith("ExecStart="))
    # what systemd would pass: its specifiers and variables undone, then split like the shell
    words = shlex.split(start.removeprefix("ExecStart=").replace("%%", "%").replace("$$", "$"))
    assert words[-2:] == ["--journal", str(journal.resolve())]
