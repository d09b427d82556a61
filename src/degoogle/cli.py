"""The command line: ``degoogle plan | run | status | verify | report | diagnose | demo | login | logout``.

This contract is public (support staff script against it): keep commands, options and exit codes
stable; add, never change.

Exit codes: 0 all done, 1 error, 2 usage, 3 finished with items needing attention,
4 paused on a condition a person must fix (no space, password refused), 130 interrupted (resumable).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from degoogle import __version__
from degoogle.app.migration import Migration, MigrationOptions, parse_kinds
from degoogle.app.moving import Move, Passwords, RunControl
from degoogle.app.planning import plan
from degoogle.app.status import status
from degoogle.awake import stay_awake
from degoogle.cli_login import add_parsers as add_login_parsers
from degoogle.cli_login import cmd_login, cmd_logout
from degoogle.cli_schedule import add_parsers as add_schedule_parsers
from degoogle.cli_schedule import cmd_schedule, cmd_unschedule
from degoogle.console import ConsoleProgress, calendar_room_lines, count_text, human_bytes, say
from degoogle.engine.reasons import TOLD_BY_DETAIL, about, known_codes, reason
from degoogle.engine.report import counts_text, default_lang, to_html, to_json, to_text
from degoogle.errors import DegoogleError, FatalError, RetryableError, UserError
from degoogle.logs import Redactor, setup_logging
from degoogle.reasons import Reason
from degoogle.secrets import mail_password, optional_password, source_password, target_password
from degoogle.specs import source_needs_password
from degoogle.targets.nextcloud.chunk_sizes import DEFAULT_CHUNK

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_ATTENTION, EXIT_PAUSED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _parser() -> argparse.ArgumentParser:
    # the common options are accepted before and after the command name
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("en", "fr", "nl"), default=argparse.SUPPRESS,
                        help="language of messages and reports (default: from the system)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="also print the log on the terminal")
    p = argparse.ArgumentParser(prog="degoogle", parents=[common],
                                description="Move your data out of Google and iCloud to a CHATON.")
    p.add_argument("--version", action="version", version=f"degoogle {__version__}")
    sub = p.add_subparsers(dest="command")  # none: the wizard
    add_parser = sub.add_parser

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return add_parser(name, parents=[common], help=help)

    def journal(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--journal", required=True, type=Path, help="the migration's journal file")

    def password(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--password-file", type=Path, help="read the Nextcloud app password from this file")
        sp.add_argument("--mail-password-file", type=Path,
                        help="read the mailbox password (--mail-to imaps://…) from this file")

    def source_secret(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--source-password-file", type=Path,
                        help="read the source account's password (IMAP, CalDAV, iCloud app-specific) from this file")

    sp = add("plan", help="list what the source holds into a journal")
    sp.add_argument("source", help="takeout:PATH[,PATH…], folder:PATH, ics:PATH, vcf:PATH, mbox:PATH, "
                                   "caldav:URL, carddav:URL, icloud:APPLE_ID, imap(s)://user@host[:port]")
    sp.add_argument("target", help="nextcloud:https://user@cloud.example.org")
    journal(sp)
    sp.add_argument("--only", help="comma-separated: files,calendar,contacts,mail (default: all)")
    sp.add_argument("--into", help="folder of the Nextcloud that receives the files "
                                   "(default: 'Google Drive' for Takeout, the folder's name for folder:)")
    sp.add_argument("--mail-to", help="where mail goes: imaps://user@mail.example.org[:port] (the hoster's "
                                      "mailbox) or 'archive' (mbox files in the Nextcloud); without it mail stays")
    sp.add_argument("--mail-policy", choices=("one_copy", "copy_per_label"), default="one_copy",
                    help="a message with several Gmail labels: one copy, other labels as keywords (default), "
                         "or a copy in each label's folder")
    sp.add_argument("--include-spam-trash", action="store_true", help="also move Spam and Trash")
    sp.add_argument("--floating-unknown-zones", action="store_true",
                    help="an event whose time zone no zone table knows moves at the same clock time everywhere "
                         "(floating time) instead of being set aside")
    sp.add_argument("--merge-calendars", action="store_true",
                    help="write into an existing calendar or address book of the same name (default: a new one)")
    sp.add_argument("--on-conflict", choices=("kept_both", "skip"), default="kept_both",
                    help="an event or contact already at the hoster with other content: keep both (default) "
                         "or leave ours out")
    sp.add_argument("--calendar-limits", type=_calendar_limits, default=None, metavar="PER/SECONDS/MAX",
                    help="the hoster's limits on making calendars: PER new ones every SECONDS, MAX in all "
                         "(-1: none); default Nextcloud's 10/3600/30")
    sp.add_argument("--calendars-over-limit", choices=("merge", "leave_out"), default="merge",
                    help="calendars past the hoster's maximum: their events into an existing calendar "
                         "(default) or left out; the report names them")
    source_secret(sp)
    sp = add("run", help="run or resume the migration")
    journal(sp)
    password(sp)
    source_secret(sp)
    sp.add_argument("--workers", type=int, default=None,
                    help="items (or batches of messages, for a mailbox) in flight at once for each kind of data, "
                         "the kinds side by side (default 4; calendars and contacts may ask for more)")
    sp.add_argument("--no-verify", action="store_true", help="skip the verification pass at the end")
    sp.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK, metavar="BYTES",
                    help="files bigger than this go up in chunks of this size, resumable "
                         "(default 10 MiB, at least 5 MiB; 0: one PUT per file)")
    sp.add_argument("--allow-sleep", action="store_true",
                    help="do not keep the computer awake during the run (it is by default)")
    sp.add_argument("--until-full", action="store_true",
                    help="start even when the hoster reports less free space than there is to move")
    for name, text in (("status", "how far the migration is"), ("verify", "check the target against the journal")):
        sp = add(name, help=text)
        journal(sp)
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        if name == "verify":
            password(sp)
    sp = add("report", help="the migration report")
    journal(sp)
    sp.add_argument("--html", type=Path, help="also write the report as an HTML page")
    sp.add_argument("--json", type=Path, help="also write the report as JSON")
    sp = add("diagnose", help="write the diagnostic bundle a helper asks for (a zip file; secrets and names masked)")
    journal(sp)
    sp.add_argument("--out", type=Path, help="the zip file to write (default: degoogle-diagnostic-DATE.zip here)")
    sp = add("demo", help="a practice migration: sample Takeout → local Nextcloud-shaped server")
    sp.add_argument("--dir", type=Path, help="keep the demo's files here (default: a temporary folder)")
    add("practice", help="the wizard in practice mode: a sample Takeout and a local server, no account needed "
                         "(without a display: the same as demo)")
    add("wizard", help="open the wizard (what `degoogle` with no arguments does)")
    add_login_parsers(add)
    add_schedule_parsers(add)
    return p


def _secret(m: Migration, args: argparse.Namespace) -> str:
    return target_password(m.account.keyring_name, password_file=getattr(args, "password_file", None))


def _source_secret(spec: str, args: argparse.Namespace) -> str | None:
    if not source_needs_password(spec):
        return None
    return source_password(spec, password_file=getattr(args, "source_password_file", None))


def _mail_secret(m: Migration, args: argparse.Namespace) -> str | None:
    mail_to = m.options.mail_to
    if not mail_to or mail_to == "archive":
        return None
    return mail_password(mail_to, password_file=getattr(args, "mail_password_file", None))


def _calendar_limits(text: str) -> str:
    from degoogle.targets.nextcloud.calendar_limits import CalendarLimits

    try:
        return CalendarLimits.parse(text).text()
    except ValueError:
        raise argparse.ArgumentTypeError("expected PER/SECONDS/MAX, e.g. 10/3600/30") from None


def _secrets(*secrets: str | None) -> list[str]:
    return [s for s in secrets if s]


def cmd_plan(args: argparse.Namespace, lang: str) -> int:
    kinds = parse_kinds(args.only)
    options = MigrationOptions(mail_to=args.mail_to, mail_policy=args.mail_policy,
                               include_spam_trash=args.include_spam_trash, merge_calendars=args.merge_calendars,
                               on_conflict=args.on_conflict, floating_unknown_zones=args.floating_unknown_zones,
                               calendar_limits=args.calendar_limits, over_limit=args.calendars_over_limit)
    with Migration.create(args.journal, args.source, args.target, kinds=kinds, target_root=args.into,
                          options=options) as m:
        secret = optional_password(m.account.keyring_name)
        from_secret = _source_secret(m.source_spec, args)
        setup_logging(m.files.log, Redactor(_secrets(secret, from_secret)))
        with ConsoleProgress(lang) as progress:
            planned = plan(m, progress, password=secret, source_password=from_secret, lang=lang, strict=False)
        summary = planned.summary
        print("\n".join(counts_text(planned.report)))
        if planned.preflight is not None:
            for line in calendar_room_lines(planned.preflight.calendars, m.options.over_limit, lang):
                print(line)
        print("\n" + say(lang, "next", items=count_text(lang, "items", summary.to_move),
                          msize=human_bytes(summary.bytes_to_move, lang),
                          journal=args.journal))
    return EXIT_OK


def _install_stop_handlers(stop: Callable[[], None]) -> None:
    def handler(signum: int, _frame: FrameType | None) -> None:
        log.warning("signal %d: stopping; run again to resume", signum)
        stop()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def _print_room(m: Migration, secret: str, lang: str, journal: Path) -> None:
    """After a pause for want of space: what is left to move against what the hoster has left."""
    try:
        room = m.preflight(secret)
    except FatalError:
        return
    if room.free is not None:
        print(say(lang, "no_room", moving=human_bytes(room.total, lang), free=human_bytes(room.free, lang),
                  journal=journal))


def cmd_run(args: argparse.Namespace, lang: str) -> int:
    with Migration.open(args.journal) as m:
        passwords = Passwords(_secret(m, args), _source_secret(m.source_spec, args), _mail_secret(m, args))
        redact = Redactor(passwords.known())
        setup_logging(m.files.log, redact, verbose=args.verbose)
        move = Move(m, passwords, lang=lang, redact=redact)
        try:
            room = move.check_room()
        except FatalError as exc:
            print(f"{reason(exc.code).text(lang)} {reason(exc.code).todo(lang)}")
            return EXIT_PAUSED
        if not room.fits:
            print(say(lang, "no_room", moving=human_bytes(room.total, lang), free=human_bytes(room.free or 0, lang),
                      journal=args.journal))
            if not args.until_full:
                return EXIT_PAUSED  # before anything moves
        for line in calendar_room_lines(room.calendars, m.options.over_limit, lang):
            print(line)
        control = RunControl()
        with ConsoleProgress(lang) as progress, stay_awake(not args.allow_sleep) as awake:
            if not awake and not args.allow_sleep and sys.stdout.isatty():
                print(say(lang, "no_keep_awake"))
            _install_stop_handlers(control.cancel)
            try:
                moved = move.run(progress, control=control, workers=args.workers or 4, chunk_size=args.chunk_size,
                                 verify=not args.no_verify)
            finally:
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
        print(to_text(moved.report))
        result = moved.result
        if result.state == "paused":
            if result.reason == "no_space":
                _print_room(m, passwords.target, lang, args.journal)
            return EXIT_PAUSED
        if result.state == "cancelled":
            print("\n" + say(lang, "stopped", journal=args.journal))
            return EXIT_INTERRUPTED
        return EXIT_ATTENTION if moved.report.needs_attention else EXIT_OK


def cmd_status(args: argparse.Namespace, lang: str) -> int:
    with Migration.open(args.journal) as m:
        if args.json:
            print(json.dumps(status(m.journal), indent=2, ensure_ascii=False))
        else:
            print(to_text(m.report(lang)))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, lang: str) -> int:
    with Migration.open(args.journal) as m:
        secret = _secret(m, args)
        mail_secret = _mail_secret(m, args)
        setup_logging(m.files.log, Redactor(_secrets(secret, mail_secret)), verbose=args.verbose)
        summary = m.verify(secret, mail_password=mail_secret)
        if args.json:
            print(json.dumps({
                "checked": summary.checked, "ok": summary.ok,
                "problems": [{"path": r.item.target_path, "reason": r.reason, "detail": r.detail}
                             for r in summary.problems],
            }, indent=2, ensure_ascii=False))
        else:
            print(say(lang, "checked", n=summary.checked, ok=summary.ok, bad=len(summary.problems)))
            for r in summary.problems[:100]:
                # the words in the person's language; the code and the detail for support staff
                print("  ! " + about(r.item.target_path, reason(r.reason).text(lang), lang))
                print(f"      ({r.reason}) {r.detail}".rstrip())
    return EXIT_ATTENTION if summary.problems else EXIT_OK


def cmd_report(args: argparse.Namespace, lang: str) -> int:
    with Migration.open(args.journal) as m:
        report = m.report(lang)
        print(to_text(report))
        if args.html:
            args.html.write_text(to_html(report), encoding="utf-8")
            print("\n" + say(lang, "html", path=args.html))
        if args.json:
            args.json.write_text(to_json(report), encoding="utf-8")
    return EXIT_OK


def cmd_diagnose(args: argparse.Namespace, lang: str) -> int:
    from degoogle.app.diagnose import diagnose

    # the path alone on stdout: what a helper's script (or the person, reading it to them) needs
    print(diagnose(args.journal, args.out, lang=lang))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, lang: str) -> int:
    from degoogle.demo import run_demo

    return run_demo(args.dir, lang)


def _has_display() -> bool:
    """Whether a window can be shown (Qt's offscreen platform counts: tests and screenshots use it)."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_practice(args: argparse.Namespace, lang: str) -> int:
    if not _has_display():
        print(say(lang, "no_display"))
        return cmd_demo(argparse.Namespace(dir=None), lang)
    from degoogle.gui.app import practice

    return practice(getattr(args, "lang", None))


def cmd_wizard(args: argparse.Namespace, lang: str) -> int:
    if not _has_display():
        print(say(lang, "no_display_wizard"))
        return EXIT_USAGE
    from degoogle.gui.app import main as wizard

    given = getattr(args, "lang", None)
    return wizard(["--lang", given] if given else [])


COMMANDS = {"plan": cmd_plan, "run": cmd_run, "status": cmd_status, "verify": cmd_verify,
            "report": cmd_report, "diagnose": cmd_diagnose, "demo": cmd_demo, "login": cmd_login, "logout": cmd_logout,
            "practice": cmd_practice, "wizard": cmd_wizard, "schedule": cmd_schedule, "unschedule": cmd_unschedule}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.command = args.command or "wizard"
    args.verbose = getattr(args, "verbose", False)
    lang = getattr(args, "lang", None) or default_lang()
    try:
        return COMMANDS[args.command](args, lang)
    except UserError as exc:
        print(f"degoogle: {error_words(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except FatalError as exc:
        print(f"degoogle: {error_words(exc, lang)}", file=sys.stderr)
        return EXIT_PAUSED
    except (DegoogleError, RetryableError) as exc:
        print(f"degoogle: {error_words(exc, lang)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader stopped reading (`degoogle status | head`): not an error of ours, and no traceback;
        # stdout goes to /dev/null so that Python's flush at exit does not fail a second time
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK if args.command in ("status", "report", "verify") else EXIT_ERROR


#: codes told by their detail whose words speak of the wizard's buttons or of one item: the detail alone
_DETAIL_ONLY = frozenset({Reason.PLAN_INCOMPLETE, Reason.LOGIN_TIMEOUT, Reason.CANCELLED})


def error_words(exc: DegoogleError, lang: str) -> str:
    """An error in ``lang``: what the person gave that is wrong (``subject``), why and what to do, from
    the reasons table. A code told by its detail (``TOLD_BY_DETAIL``: the option's value, the journal's
    path) gives that English detail, after the words in another language (on a line of its own, for
    support staff); an unknown code gives the detail alone."""
    if exc.code not in known_codes():
        return exc.detail
    found = reason(exc.code)
    words = f"{found.text(lang)} {found.todo(lang)}".strip()
    if exc.code in TOLD_BY_DETAIL:
        if lang == "en" or exc.code in _DETAIL_ONLY:
            return exc.detail
        return f"{words}\n  ({exc.detail})"
    return about(exc.subject, words, lang) if exc.subject else words
