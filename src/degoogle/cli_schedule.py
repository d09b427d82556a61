"""``degoogle schedule`` and ``degoogle unschedule``: leave a move running overnight (Linux, systemd).

``schedule --journal FILE [--at 22:00]`` writes a systemd user service (and a timer with ``--at``) that
runs ``degoogle run --journal FILE`` until the move is done, resuming after a reboot
(``schedule.py``), then asks systemd to take it. ``unschedule --journal FILE`` stops it and removes it.

Exit codes (the CLI contract's): 0 done; 1 the units were written but systemd could not take them
(no user session manager: the message gives the commands to run); 2 usage (no such journal, bad time,
not Linux).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from degoogle import schedule
from degoogle.errors import UserError
from degoogle.wording import N_, translate

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

#: what these commands say, in English: the source strings of the catalogues (``degoogle/wording.py``)
MESSAGES: dict[str, str] = {
    "scheduled_now": N_("The move runs now in the background and resumes by itself after a reboot until it is done."),
    "scheduled_at": N_("The move starts at {at} and resumes by itself after a reboot until it is done."),
    "units": N_("Units: {paths}"),
    "follow": N_("Follow it: degoogle status --journal {journal}   (log: journalctl --user -u {name})"),
    "not_taken": N_("The units are written, but systemd did not take them ({why}). In your session, run:"),
    "unscheduled": N_("No longer scheduled: {name}."),
    "not_scheduled": N_("Nothing scheduled for {journal}."),
    "not_finished": N_("The move is not finished: still scheduled."),
    "linux_only": N_("degoogle schedule needs Linux with systemd. On Windows use the Task Scheduler, on macOS a "
                     "launchd agent (README, Overnight runs)."),
}

#: the ``run`` options naming secret files, passed on to the service as paths (never the secrets)
SECRET_FILE_OPTIONS = ("--password-file", "--mail-password-file", "--source-password-file")


def _say(lang: str, key: str, **values: object) -> str:
    return translate(lang, MESSAGES[key]).format(**values)


def add_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register ``schedule`` and ``unschedule`` with the CLI's ``add`` (which adds the common options)."""
    sp = add("schedule", help="run the move in the background until it is done, also after a reboot "
                              "(Linux: a systemd user service)")
    sp.add_argument("--journal", required=True, type=Path, help="the migration's journal file")
    sp.add_argument("--at", metavar="HH:MM", help="start at this time of day (e.g. 22:00) instead of now")
    for option in SECRET_FILE_OPTIONS:
        sp.add_argument(option, type=Path, help=f"passed on to `degoogle run {option}` (the path, not the secret)")
    sp = add("unschedule", help="stop the background move and remove it")
    sp.add_argument("--journal", required=True, type=Path, help="the migration's journal file")
    sp.add_argument("--if-finished", action="store_true",
                    help="only if the move is finished (what the service itself runs when it stops)")


def cmd_schedule(args: argparse.Namespace, lang: str) -> int:
    if not sys.platform.startswith("linux"):
        print(_say(lang, "linux_only"), file=sys.stderr)
        return EXIT_USAGE
    at = schedule.parse_at(args.at) if args.at else None
    secret_files = {option: getattr(args, option.lstrip("-").replace("-", "_")) for option in SECRET_FILE_OPTIONS}
    for path in secret_files.values():
        if path is not None and not path.is_file():
            raise UserError(f"no such file: {path}")
    units = schedule.write_units(args.journal, at, {k: v for k, v in secret_files.items() if v is not None})
    print(_say(lang, "units", paths=", ".join(str(p) for p in (units.service, units.timer) if p)))
    problem = schedule.activate(units)
    if problem:
        print(_say(lang, "not_taken", why=problem))
        print(f"  systemctl --user daemon-reload && systemctl --user enable --now {units.started_by}")
        return EXIT_ERROR
    print(_say(lang, "scheduled_at", at=f"{at[0]:02d}:{at[1]:02d}") if at else _say(lang, "scheduled_now"))
    print(_say(lang, "follow", journal=args.journal, name=units.service.name))
    return EXIT_OK


def cmd_unschedule(args: argparse.Namespace, lang: str) -> int:
    units = schedule.scheduled(args.journal)
    if units is None:
        print(_say(lang, "not_scheduled", journal=args.journal))
        return EXIT_OK
    if args.if_finished and not schedule.move_is_done(args.journal):
        print(_say(lang, "not_finished"))
        return EXIT_OK
    problem = schedule.remove(units, from_inside=args.if_finished)
    if problem:
        print(f"degoogle: systemctl: {problem}", file=sys.stderr)
    print(_say(lang, "unscheduled", name=units.name))
    return EXIT_OK
