"""``python -m degoogle.sandbox --root DIR [--port N] [--user U] [--password P] [--request-log FILE]
[--quota BYTES] [--calendar-limits PER/SECONDS/MAX] [--request-cost-ms MS] [--no-bulk-upload]
    [--no-auto-approve]``

Runs the sandbox in the foreground and prints its URL, user and password, one per line, then serves
until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from degoogle.sandbox.calendar_limits import CalendarLimits
from degoogle.sandbox.server import Sandbox

log = logging.getLogger(__name__)


def _calendar_limits(text: str) -> CalendarLimits:
    try:
        per, seconds, most = text.split("/")
        limits = CalendarLimits(int(per), float(seconds), int(most))
    except ValueError:
        raise argparse.ArgumentTypeError("expected PER/SECONDS/MAX, e.g. 10/3600/30") from None
    if limits.per_period < 0 or limits.period <= 0:
        raise argparse.ArgumentTypeError("PER must be 0 or more and SECONDS more than 0")
    return limits


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, parsed (argparse exits with code 2 on a usage error)."""
    summary = " ".join(__doc__.split("\n\n")[1].split())
    parser = argparse.ArgumentParser(prog="python -m degoogle.sandbox", description=summary)
    parser.add_argument("--root", type=Path, required=True, help="directory holding the server's data")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--user", default="demo", help="the one account (default: demo)")
    parser.add_argument("--password", default=None, help="its password (default: a random app password)")
    parser.add_argument("--request-log", type=Path, default=None, help="append one line per request here")
    parser.add_argument("--quota", type=int, default=None, metavar="BYTES", help="the user's quota (default: none)")
    parser.add_argument("--calendar-limits", type=_calendar_limits, default=None, metavar="PER/SECONDS/MAX",
                        help="calendar creations allowed per SECONDS, and calendars at most (-1: none); "
                             "default Nextcloud's 10/3600/30")
    parser.add_argument("--request-cost-ms", type=float, default=0.0, metavar="MS",
                        help="every request waits this long first, like a PHP server's per-request cost (default 0)")
    parser.add_argument("--no-bulk-upload", action="store_true",
                        help="do not offer bulk upload (POST /remote.php/dav/bulk), as with bulkupload.enabled off")
    parser.add_argument("--no-auto-approve", action="store_true",
                        help="login flows wait for someone to click 'Grant access' on their page")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the server does")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted; returns the process exit code."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    if not args.verbose:
        # WsgiDAV warns on every request it answers before reading the body (412, 401…): noise here.
        logging.getLogger("wsgidav").setLevel(logging.ERROR)
    stop = threading.Event()
    # SIGTERM is turned into the same orderly stop as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    if args.quota is not None and args.quota < 0:
        print("--quota must be a number of bytes", file=sys.stderr)
        return 2
    if args.request_cost_ms < 0:
        print("--request-cost-ms must be a number of milliseconds", file=sys.stderr)
        return 2
    sandbox = Sandbox(args.root, user=args.user, password=args.password, port=args.port, request_log=args.request_log,
                      quota=args.quota, auto_approve_login=not args.no_auto_approve,
                      calendar_limits=args.calendar_limits, bulk_upload=not args.no_bulk_upload,
                      request_cost_ms=args.request_cost_ms)
    with sandbox:
        print(sandbox.url, sandbox.user, sandbox.password, sep="\n", flush=True)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
