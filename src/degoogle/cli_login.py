"""``degoogle login`` and ``degoogle logout``: the Nextcloud sign-in of the command line.

``login`` runs Nextcloud's Login Flow v2 (``targets/nextcloud/login.py``): it prints the address to
open (a support person can read it aloud on the phone), opens the browser unless ``--no-browser``,
waits for the approval and keeps the app password in the OS keyring, where ``plan``/``run``/``verify``
find it. ``logout`` revokes that app password at the server and removes it from the keyring.

Exit codes (the CLI contract's): 0 done, 1 error (server unreachable, sign-in not approved in time,
logout not complete), 2 usage (bad address, no usable keyring), 130 interrupted (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from degoogle.errors import Cancelled, FatalError, UserError
from degoogle.logs import Redactor, setup_logging
from degoogle.secrets import TARGET_ENV, SecretStore
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.wording import N_, translate

# The sign-in modules (and the HTTP client they bring) are imported by the commands that use them:
# every other command builds this parser too and should not pay for them (issue 17: start-up time).

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: how long to let a browser command start before polling goes on without knowing whether it did
BROWSER_START = 10.0

#: what these commands say, in English: the source strings of the catalogues (``degoogle/wording.py``)
MESSAGES: dict[str, str] = {
    "server": N_("Signing in to {base} ({product} {version})."),
    "open": N_("Open this address in a browser, sign in and allow “degoogle”:"),
    "opened": N_("Your browser was opened on it."),
    "no_browser": N_("No browser could be opened here: open the address yourself, on any device."),
    "waiting": N_("Waiting up to {duration} for your approval (Ctrl-C to cancel)…"),
    "signed_in": N_("Signed in as {login}. The app password is kept in this computer's keyring (service degoogle, "
                    "user {name}); it is never shown."),
    "other_user": N_("Note: you signed in as {login}, not {asked}."),
    "user_id": N_("Note: your user id at this Nextcloud is {uid}; it differs from the login name {login}."),
    "replaced": N_("The previous app password of degoogle for this account was revoked at the server."),
    "use": N_("Use this TARGET from now on (no password needed):"),
    "cancelled": N_("Sign-in cancelled; nothing was stored."),
    "no_keyring": N_("no usable keyring on this computer to keep the app password: unlock the keyring (log in to your"
                     " desktop session) and try again, or create an app password in Nextcloud (Settings → Security) "
                     "and pass it for each run with {env} or --password-file"),
    "revoked": N_("Signed out: the app password of {name} was revoked at {base} and removed from this computer."),
    "already_invalid": N_("The app password of {name} no longer worked at {base}; removed from this computer."),
    "refused": N_("{base} did not confirm revoking the app password of {name}; it was removed from this computer. To "
                  "be sure, remove “degoogle” in Nextcloud → Settings → Security."),
    "unreachable": N_("Could not reach {base} (or it is busy): the app password of {name} may still work there."),
    "ask_local": N_("Remove it from this computer anyway? [y/N] "),
    "removed_local": N_("Removed from this computer. Remove “degoogle” in Nextcloud → Settings → Security when the "
                        "server is back."),
    "kept_local": N_("Kept in the keyring. Try again later, or run: degoogle logout {spec} --yes"),
    "nothing": N_("No app password of {name} is kept on this computer; nothing to do."),
}


def _say(lang: str, key: str, **values: object) -> str:
    return translate(lang, MESSAGES[key]).format(env=TARGET_ENV, **values)


def add_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``login`` and ``logout`` through cli.py's ``add(name, help=…)``."""
    sp = add("login", help="sign in to a Nextcloud in the browser; keep an app password "
                                                    "in this computer's keyring")
    sp.add_argument("target", help="nextcloud:https://[user@]cloud.example.org (the user name is optional)")
    sp.add_argument("--no-browser", action="store_true", help="only print the address to open")
    sp.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                    help="how long to wait for the approval (default 1200: Login Flow v2's 20 minutes)")
    sp = add("logout", help="revoke degoogle's app password at the Nextcloud and remove it from the keyring")
    sp.add_argument("target", help="nextcloud:https://user@cloud.example.org")
    sp.add_argument("--yes", action="store_true",
                    help="also remove it from this computer when the server cannot be reached")


def _login_target(spec: str) -> tuple[str, str | None]:
    """(typed address, user name or None) from ``nextcloud:https://[user@]host[/path]``."""
    body = spec.strip().removeprefix("nextcloud:")
    try:
        parts = urlsplit(body if "://" in body else "//" + body)
        password = parts.password
    except ValueError as exc:
        raise UserError(f"not a server address: {spec!r}", code="bad_target") from exc
    if password is not None:
        raise UserError("do not put the password in the target address: degoogle login asks the server for "
                        "an app password", code="password_in_spec")
    return body, parts.username or None


def _account(spec: str) -> NextcloudAccount:
    from degoogle.targets.nextcloud.server import normalise_base_url

    body, user = _login_target(spec)
    if not user:
        raise UserError(f"the target address has no user name: {spec!r} (user@host)", code="bad_target")
    return NextcloudAccount(normalise_base_url(body), user)


def _open_in_background(url: str) -> bool:
    """Start the browser without holding up polling (some browser commands only return when closed)."""
    from degoogle.targets.nextcloud.login import LoginFlow

    opened: list[bool] = []
    thread = threading.Thread(target=lambda: opened.append(LoginFlow.open_browser(url)), daemon=True,
                              name="browser")
    thread.start()
    thread.join(BROWSER_START)
    return opened[0] if opened else True


def _cancel_on_signals(cancel: threading.Event) -> dict[int, Any]:
    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, lambda _signum, _frame: cancel.set())
    return previous


def cmd_login(args: argparse.Namespace, lang: str) -> int:
    """Login Flow v2 from the command line; see the module's docstring for the exit codes."""
    from degoogle.app.signin import finish_sign_in
    from degoogle.targets.nextcloud.login import LOGIN_TIMEOUT, LoginFlow, Revocation, duration, store
    from degoogle.targets.nextcloud.server import NextcloudServer

    timeout = LOGIN_TIMEOUT if args.timeout is None else args.timeout
    typed, asked = _login_target(args.target)
    setup_logging(None, Redactor(), verbose=args.verbose)
    secrets = SecretStore()
    if not secrets.available():
        raise UserError(_say(lang, "no_keyring"), code="no_keyring")
    try:
        server = NextcloudServer.discover(typed)
        status = server.status()
        print(_say(lang, "server", base=server.base_url, product=status.productname or "Nextcloud",
                   version=status.versionstring), flush=True)
        flow = LoginFlow(server.session)
        started = flow.start(server.base_url)
        # from here Ctrl-C and SIGTERM end the wait cleanly (nothing stored) instead of interrupting it
        cancel = threading.Event()
        previous = _cancel_on_signals(cancel)
        try:
            print(_say(lang, "open") + f"\n  {started.login_url}", flush=True)
            if not args.no_browser:
                opened = _open_in_background(started.login_url)
                print(_say(lang, "opened" if opened else "no_browser"), flush=True)
            print(_say(lang, "waiting", duration=duration(timeout)), flush=True)
            credentials = flow.wait(cancel, timeout=timeout)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        account = credentials.account

        def keep(account: NextcloudAccount, password: str) -> bool:
            store(credentials, secrets)
            return True

        done = finish_sign_in(credentials, previous=secrets.require(account.keyring_name), keep=keep)
        print(_say(lang, "signed_in", login=credentials.login_name, name=account.keyring_name), flush=True)
        if asked and asked != credentials.login_name:
            print(_say(lang, "other_user", login=credentials.login_name, asked=asked))
        if done.user_id is not None and done.user_id != credentials.login_name:
            print(_say(lang, "user_id", uid=done.user_id, login=credentials.login_name))
        if done.replaced is Revocation.REVOKED:
            print(_say(lang, "replaced"))
        print(_say(lang, "use") + f"\n  {account.spec}")
    except Cancelled:
        print(_say(lang, "cancelled"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except FatalError as exc:
        # not a paused run (exit 4): the sign-in itself failed
        print(f"degoogle: {exc.detail}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_logout(args: argparse.Namespace, lang: str) -> int:
    """Revoke at the server, then forget locally; see the module's docstring for the exit codes."""
    from degoogle.targets.nextcloud.login import Revocation, forget

    account = _account(args.target)
    setup_logging(None, Redactor(), verbose=args.verbose)
    secrets = SecretStore()
    result = forget(account, secrets, even_if_unreachable=args.yes)
    where = {"name": account.keyring_name, "base": account.base_url, "spec": account.spec}
    if result.revocation is Revocation.NOTHING_STORED:
        print(_say(lang, "nothing", **where))
        return EXIT_OK
    if result.revocation is not Revocation.UNREACHABLE:
        print(_say(lang, result.revocation.value, **where))
        return EXIT_OK if result.complete else EXIT_ERROR
    print(_say(lang, "unreachable", **where))
    removed = result.removed_locally
    if not removed and sys.stdin.isatty():
        answer = input(_say(lang, "ask_local")).strip().lower()
        removed = answer[:1] in ("y", "o", "j") and secrets.delete(account.keyring_name)
    print(_say(lang, "removed_local" if removed else "kept_local", **where))
    return EXIT_ERROR
