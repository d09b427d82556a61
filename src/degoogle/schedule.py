"""Overnight runs on Linux: a systemd user service (and a timer) that runs ``degoogle run`` until the move
is done, resuming by itself after a crash, a dropped link or a reboot.

What gets written, in the user's unit folder (``$XDG_CONFIG_HOME/systemd/user``):

- ``degoogle-<journal>-<hash>.service`` runs ``degoogle run --journal FILE``. ``Restart=on-failure``
  starts it again after an error; once enabled (``WantedBy=default.target``) it starts again with the
  person's session after a reboot. It enables itself on its first start (so a timer-started move also
  survives a reboot), and when it stops on a finished move it removes itself
  (``degoogle unschedule --if-finished``): a finished journal is not run again at every login.
- ``degoogle-<journal>-<hash>.timer`` (with ``at``): starts the service at that time of day; a start
  missed while the computer was off is made up when it comes back (``Persistent=true``).

Secrets never go into a unit: ``run`` finds the app password in the keyring, or in the files named
by the ``--*-password-file`` options, passed on as paths. Exit codes follow the CLI contract: 0 and 3
(finished, some items need attention) are a finished move, 2 (usage) and 4 (a person must fix
something: password refused, hoster full) are not retried until the next start.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from degoogle.errors import UserError

#: how long to wait before starting a failed run again (the engine itself waits out short outages)
RESTART_AFTER = "10min"
SYSTEMCTL_TIMEOUT = 30


@dataclass(frozen=True)
class ScheduledUnits:
    """The unit files of one journal's overnight move (``timer`` is None when it starts at once)."""

    name: str
    service: Path
    timer: Path | None

    @property
    def started_by(self) -> str:
        """The unit to enable and start: the timer if there is one, else the service."""
        return (self.timer or self.service).name


def unit_name(journal: Path) -> str:
    """The units' base name for ``journal``: readable, and unique per journal file (a hash of its path)."""
    path = journal.expanduser().resolve()
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-")[:40] or "move"
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    return f"degoogle-{readable}-{digest}"


def user_unit_dir() -> Path:
    """Where systemd looks for a user's own units (``$XDG_CONFIG_HOME/systemd/user``)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def degoogle_command() -> list[str]:
    """How a unit starts this same degoogle: the bundle's executable when frozen (PyInstaller), else this
    Python running the package, so a virtualenv or pipx install needs nothing on PATH."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "degoogle"]


def parse_at(text: str) -> tuple[int, int]:
    """``"22:00"`` → ``(22, 0)``. Raises UserError for anything that is not a time of day."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not match:
        raise UserError(f"not a time of day (HH:MM): {text!r}")
    return int(match.group(1)), int(match.group(2))


def _exec_line(args: list[str]) -> str:
    # systemd.service, "Command lines": a word in double quotes may hold spaces, with C escapes for '\\'
    # and '"'; "%" starts a specifier and "$" a variable, so both are doubled to stay literal in a path
    def word(arg: str) -> str:
        if re.fullmatch(r"[A-Za-z0-9_./:@+=,-]+", arg):
            return arg
        return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return " ".join(word(a) for a in args).replace("%", "%%").replace("$", "$$")


def service_text(journal: Path, command: list[str], secret_files: dict[str, Path], systemctl: str) -> str:
    """The service unit running ``command run --journal journal`` until the move is done."""
    journal = journal.expanduser().resolve()
    name = unit_name(journal)
    run = [*command, "run", "--journal", str(journal)]
    for option, path in sorted(secret_files.items()):
        run += [option, str(path.expanduser().resolve())]
    unschedule = [*command, "unschedule", "--journal", str(journal), "--if-finished"]
    return "\n".join([
        "[Unit]",
        f"Description=degoogle: move of {journal.name}, resumed until it is done",
        "Documentation=https://github.com/degoogle/degoogle#overnight-runs",
        # restarts are spaced by RestartSec: never give up on a long move
        "StartLimitIntervalSec=0",
        "",
        "[Service]",
        "Type=exec",
        f"ExecStartPre=-{_exec_line([systemctl, '--user', 'enable', name + '.service'])}",
        f"ExecStart={_exec_line(run)}",
        f"ExecStopPost=-{_exec_line(unschedule)}",
        # 3: finished with items needing attention; 130: stopped by systemd's SIGTERM, resumable
        "SuccessExitStatus=3 130",
        "Restart=on-failure",
        f"RestartSec={RESTART_AFTER}",
        "RestartPreventExitStatus=2 4",
        # the run finishes the items in flight after SIGTERM before it exits
        "TimeoutStopSec=2min",
        "Environment=PYTHONUNBUFFERED=1",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ])


def timer_text(journal: Path, at: tuple[int, int]) -> str:
    """The timer starting the service each day at ``at`` (hour, minute) until the move is done."""
    hour, minute = at
    return "\n".join([
        "[Unit]",
        f"Description=degoogle: start the move of {journal.expanduser().resolve().name} at {hour:02d}:{minute:02d}",
        "",
        "[Timer]",
        f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00",
        "Persistent=true",
        f"Unit={unit_name(journal)}.service",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])


def systemctl_path() -> str:
    """``systemctl``'s full path (a unit's Exec lines need one)."""
    return shutil.which("systemctl") or "/usr/bin/systemctl"


def write_units(journal: Path, at: tuple[int, int] | None = None, secret_files: dict[str, Path] | None = None,
                unit_dir: Path | None = None, command: list[str] | None = None) -> ScheduledUnits:
    """Write the service (and with ``at`` the timer) for ``journal``; replaces an earlier schedule of it.

    Raises UserError when the journal does not exist, OSError when the folder cannot be written."""
    if not journal.expanduser().is_file():
        raise UserError(f"no journal at {journal}")
    folder = unit_dir or user_unit_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = unit_name(journal)
    service = folder / f"{name}.service"
    service.write_text(service_text(journal, command or degoogle_command(), secret_files or {}, systemctl_path()),
                       encoding="utf-8")
    timer = folder / f"{name}.timer"
    if at is None:
        timer.unlink(missing_ok=True)
        return ScheduledUnits(name, service, None)
    timer.write_text(timer_text(journal, at), encoding="utf-8")
    return ScheduledUnits(name, service, timer)


def scheduled(journal: Path, unit_dir: Path | None = None) -> ScheduledUnits | None:
    """The units written for ``journal``, or None when it is not scheduled."""
    folder = unit_dir or user_unit_dir()
    name = unit_name(journal)
    service, timer = folder / f"{name}.service", folder / f"{name}.timer"
    if not service.exists():
        return None
    return ScheduledUnits(name, service, timer if timer.exists() else None)


def systemctl(*args: str) -> str | None:
    """Run ``systemctl --user ARGS``; None when it worked, else what went wrong (for the person to read)."""
    try:
        done = subprocess.run([systemctl_path(), "--user", *args], capture_output=True, text=True,
                              timeout=SYSTEMCTL_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return None if done.returncode == 0 else (done.stderr or done.stdout).strip() or f"exit {done.returncode}"


def activate(units: ScheduledUnits) -> str | None:
    """Have systemd take the units and start the move (now, or at the timer's time); None when it did,
    else systemctl's complaint (no user session manager, for instance)."""
    return systemctl("daemon-reload") or systemctl("enable", "--now", units.started_by)


def remove(units: ScheduledUnits, from_inside: bool = False) -> str | None:
    """Stop and disable the units, delete their files and tell systemd. ``from_inside``: called by the
    service's own ExecStopPost, which is stopping already, so only disable it. Returns systemctl's
    complaint if it had one; the files are deleted either way."""
    names = [units.service.name] + ([units.timer.name] if units.timer else [])
    problem = systemctl("disable", *([] if from_inside else ["--now"]), *names)
    for path in (units.service, units.timer):
        if path is not None:
            path.unlink(missing_ok=True)
    return systemctl("daemon-reload") or problem


def move_is_done(journal: Path) -> bool:
    """Whether the move in ``journal`` has finished: its last run ended ``finished`` and nothing is
    pending. Raises the journal's errors when it cannot be opened."""
    from degoogle.app.migration import Migration

    with Migration.open(journal) as m:
        last = m.journal.last_run()
        return bool(last and last["state"] == "finished" and not m.journal.pending(limit=1))
