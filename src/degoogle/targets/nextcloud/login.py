"""Sign in to a Nextcloud without ever seeing the user's password: Login Flow v2, and sign out.

Followed: Nextcloud developer manual, ``client_apis/LoginFlow/index.rst``:

- "Login flow v2": an anonymous ``POST <base>/index.php/login/v2`` answers ``{"poll": {"token",
  "endpoint"}, "login"}``. The ``login`` address is opened in the user's own browser, where they sign
  in (with their second factor, if any) and grant access to the client named by our ``User-Agent``
  (``degoogle``: that name is what they later see in Settings → Security). Meanwhile the client
  ``POST``\\s ``token=<token>`` to the poll endpoint: 404 until the user is done, then once a 200 with
  ``{"server", "loginName", "appPassword"}``. Nextcloud forgets a flow after 20 minutes.
- "Obtaining the login credentials": ``loginName`` is what signs in and may differ from the user id
  that names the WebDAV folder (``NextcloudServer.current_user`` tells the id).
- "Deleting an app password": ``DELETE <base>/ocs/v2.php/core/apppassword`` with the app password and
  ``OCS-APIREQUEST: true``; "If a non 200 status code is returned the client should still proceed
  with removing the account".

Neither the poll token nor the app password is ever logged or put in an error's text.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

import requests

from degoogle.errors import Cancelled, DegoogleError, FatalError, RetryableError, UserError
from degoogle.locality import is_this_computer
from degoogle.protocols.http import RedirectRefused
from degoogle.secrets import SecretStore
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.server import OCS_HEADERS, TIMEOUT, check_answer, make_session

log = logging.getLogger(__name__)

LOGIN_TIMEOUT = 20 * 60.0
POLL_INTERVAL = 2.0


def duration(seconds: float) -> str:
    """``20 min`` or ``45 s``: how long a wait is, for messages."""
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"


class LoginTimedOut(DegoogleError):
    """Nobody approved the sign-in in the browser in time (Nextcloud forgets a flow after 20 min)."""

    code = "login_timeout"


@dataclass(frozen=True)
class LoginStart:
    """A started flow: ``login_url`` is for the person (their browser); the rest is for polling."""

    login_url: str
    poll_endpoint: str
    token: str = field(repr=False)


@dataclass(frozen=True)
class Credentials:
    """What a finished flow gives: ``server`` is the base URL we signed in to (``NextcloudAccount``'s)."""

    server: str
    login_name: str
    app_password: str = field(repr=False)

    @property
    def account(self) -> NextcloudAccount:
        return NextcloudAccount(self.server, self.login_name)


def _same_origin_or_https(url: str, base_url: str) -> None:
    """Refuse an address from the server that would carry the token over plain http elsewhere."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if parts.scheme == "https" or (parts.scheme == "http" and is_this_computer(parts.hostname)
                                   and base.scheme == "http"):
        return
    raise FatalError(f"{base.netloc} gave a sign-in address that is not https; refusing it", code="insecure_target")


class LoginFlow:
    """One Login Flow v2 sign-in: ``start``, show ``login_url`` (``open_browser``), ``wait``, ``store``.

    ``session`` is a ``requests`` session (``server.make_session()`` by default: its User-Agent
    "degoogle" names the app password on the server).
    """

    def __init__(self, session: requests.Session | None = None) -> None:
        self.session = session or make_session()
        self._base_url: str | None = None
        self._started: LoginStart | None = None

    def start(self, base_url: str) -> LoginStart:
        """Ask the server at ``base_url`` (see ``server.normalise_base_url``) for a sign-in.

        Raises ``RetryableError`` (``unreachable``, ``server_maintenance``, ``temporary``),
        ``FatalError`` (``tls_error``, ``insecure_target``, ``server_refused``), ``UserError``
        ``not_nextcloud`` when the answer is not a Login Flow v2 one (a server older than 16).
        """
        base_url = base_url.rstrip("/")
        what = f"{base_url}: start sign-in"
        response = self._post(f"{base_url}/index.php/login/v2", None, what)
        check_answer(response, what)
        try:
            body = response.json()
            started = LoginStart(str(body["login"]), str(body["poll"]["endpoint"]), str(body["poll"]["token"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError(f"{base_url} did not answer like a Nextcloud sign-in (Login Flow v2)",
                            code="not_nextcloud") from exc
        _same_origin_or_https(started.login_url, base_url)
        _same_origin_or_https(started.poll_endpoint, base_url)
        self._base_url, self._started = base_url, started
        log.info("sign-in started at %s", base_url)
        return started

    @staticmethod
    def open_browser(url: str) -> bool:
        """Open ``url`` in the person's browser (Python's ``webbrowser``: honours ``BROWSER``).
        False when no browser could be started, so the caller says "open this address yourself"."""
        if not os.environ.get("BROWSER") and sys.platform.startswith(("linux", "freebsd", "openbsd")) \
                and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            # no graphical session (ssh, a server): webbrowser would start a text browser such as
            # lynx in this terminal, where Nextcloud's sign-in page does not work
            return False
        try:
            return webbrowser.open(url, new=1)
        except webbrowser.Error:
            return False

    def wait(self, cancel: threading.Event | None = None, timeout: float = LOGIN_TIMEOUT,
             interval: float = POLL_INTERVAL) -> Credentials:
        """Poll until the person approved the sign-in; the credentials.

        Network errors, 429, 5xx and maintenance are retried quietly until ``timeout`` seconds have
        passed. Raises ``Cancelled`` (code ``login_cancelled``) as soon as ``cancel`` is set,
        ``LoginTimedOut`` after ``timeout``, ``FatalError`` when the certificate is refused
        (``tls_error``) or the server refuses the polling itself (``server_refused``, ``auth_failed``),
        ``RuntimeError`` before ``start``.
        """
        if self._started is None or self._base_url is None:
            raise RuntimeError("LoginFlow.wait() before start()")
        started, base_url = self._started, self._base_url
        cancel = cancel or threading.Event()
        deadline = time.monotonic() + timeout
        while True:
            if cancel.is_set():
                raise Cancelled("sign-in cancelled", code="login_cancelled")
            answer = self._poll_once(started)
            if answer is not None:
                self._started = None  # the server gives the credentials only once
                server, login_name, password = answer
                if server.rstrip("/") != base_url:
                    log.info("the server calls itself %s; keeping %s", server, base_url)
                log.info("sign-in approved for %s at %s", login_name, base_url)
                return Credentials(base_url, login_name, password)
            left = deadline - time.monotonic()
            if left <= 0:
                raise LoginTimedOut(f"nobody approved the sign-in at {base_url} within {duration(timeout)}; "
                                    "run degoogle login again")
            if cancel.wait(min(interval, left)):
                raise Cancelled("sign-in cancelled", code="login_cancelled")

    def _poll_once(self, started: LoginStart) -> tuple[str, str, str] | None:
        """(server, loginName, appPassword) once approved, None while not yet (or on a passing fault)."""
        try:
            response = self._post(started.poll_endpoint, {"token": started.token}, "poll sign-in")
            if response.status_code == 404:
                return None
            check_answer(response, "poll sign-in")
            body = response.json()
            return str(body["server"]), str(body["loginName"]), str(body["appPassword"])
        except RetryableError as exc:
            log.debug("sign-in poll: %s", exc.code)
        except (ValueError, KeyError, TypeError):
            log.debug("sign-in poll: an answer that is not the credentials")
        return None

    def _post(self, url: str, data: dict[str, str] | None, what: str) -> requests.Response:
        try:
            return self.session.post(url, data=data, timeout=TIMEOUT, allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise FatalError(f"{what}: the server's certificate could not be verified", code="tls_error") from exc
        except requests.RequestException as exc:
            raise RetryableError(f"{what}: no answer ({type(exc).__name__})", code="unreachable") from exc


def store(credentials: Credentials, secrets: SecretStore) -> NextcloudAccount:
    """Keep the app password in the keyring under the account's ``keyring_name`` (``user@host[:port]``),
    where ``secrets.target_password`` finds it; the account. ``UserError`` ``no_keyring`` when there is
    no usable keyring."""
    account = credentials.account
    secrets.set(account.keyring_name, credentials.app_password)
    return account


class Revocation(StrEnum):
    """What the server said to "forget this app password"."""

    REVOKED = "revoked"  # 200: the app password no longer works
    ALREADY_INVALID = "already_invalid"  # 401: it did not work any more
    REFUSED = "refused"  # another refusal (403: what is stored is not an app password)
    UNREACHABLE = "unreachable"  # no answer, or a passing fault (5xx, 429, maintenance): it may still work
    NOTHING_STORED = "nothing_stored"  # no app password for this account in the keyring


@dataclass(frozen=True)
class Logout:
    """What ``forget`` did: the server's side (``revocation``), and whether the keyring entry went."""

    account: NextcloudAccount
    revocation: Revocation
    removed_locally: bool

    @property
    def complete(self) -> bool:
        """True when no working app password is left on either side."""
        ok = (Revocation.REVOKED, Revocation.ALREADY_INVALID, Revocation.NOTHING_STORED)
        return self.revocation in ok and (self.removed_locally or self.revocation is Revocation.NOTHING_STORED)


def revoke(account: NextcloudAccount, app_password: str) -> Revocation:
    """Ask the server to delete ``app_password`` (it then answers 401 to it). Never raises for
    the server's answer; returns what happened.

    Always on a connection of its own, with no cookies: Nextcloud signs a request carrying session
    cookies in as the cookie's session whatever its ``Authorization`` header says, so a ``DELETE``
    sent on a session that had used another app password would delete *that* one.
    """
    url = f"{account.base_url}/ocs/v2.php/core/apppassword"
    with make_session() as session:
        try:
            response = session.delete(url, auth=(account.user, app_password), headers=OCS_HEADERS,
                                      params={"format": "json"}, timeout=TIMEOUT)
        except requests.RequestException as exc:
            log.info("revoking the app password of %s: no answer (%s)", account.keyring_name, type(exc).__name__)
            return Revocation.UNREACHABLE
        except RedirectRefused as exc:
            # the server sent the request to another origin: the password was not sent there, so it
            # may still work; a redirect will not go away by waiting
            log.info("revoking the app password of %s: %s", account.keyring_name, exc.detail)
            return Revocation.REFUSED
    log.info("revoking the app password of %s: HTTP %d", account.keyring_name, response.status_code)
    if response.status_code == 200:
        return Revocation.REVOKED
    if response.status_code == 401:
        return Revocation.ALREADY_INVALID
    if response.status_code in (408, 425, 429) or response.status_code >= 500:
        return Revocation.UNREACHABLE
    return Revocation.REFUSED


def forget(account: NextcloudAccount, secrets: SecretStore, *, even_if_unreachable: bool = False) -> Logout:
    """Sign out: revoke the stored app password on the server, then remove it from the keyring.

    As the manual asks, the keyring entry goes whatever the server answered — except when no answer
    came or a passing fault did (``Revocation.UNREACHABLE``): then the app password may still work
    there, and it stays unless ``even_if_unreachable`` (the caller asked the person). ``UserError`` ``no_keyring`` when
    no keyring is usable.
    """
    password = secrets.require(account.keyring_name)
    if password is None:
        return Logout(account, Revocation.NOTHING_STORED, removed_locally=False)
    revocation = revoke(account, password)
    if revocation is Revocation.UNREACHABLE and not even_if_unreachable:
        return Logout(account, revocation, removed_locally=False)
    removed = secrets.delete(account.keyring_name)
    return Logout(account, revocation, removed_locally=removed)
