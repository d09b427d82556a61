"""Who may sign in: the sandbox user and their app passwords.

Nextcloud gives every client its own app password (developer manual, ``client_apis/LoginFlow/
index.rst``: "This will assure that each client gets it own set of credentials … The user can revoke
on a per client basis"). ``AppPasswords`` keeps that list for the one sandbox user: the password the
sandbox was started with, plus one per completed login flow; each works with HTTP Basic auth until
revoked (``DELETE /ocs/v2.php/core/apppassword``, see ``ocs``).

The list lives in memory, in the ``Sandbox`` object: it survives a stop/start of the same sandbox,
not a new process (the first password is given again by whoever starts it).

Session cookies, as a real Nextcloud 29 sets them (seen against one, Apache + mod_php): a request
signed in with Basic auth is answered with ``Set-Cookie`` for ``oc_sessionPassphrase``,
``oc<instanceid>`` (the PHP session) and ``nc_sameSiteCookielax``/``nc_sameSiteCookiestrict``. A later
request carrying that session's cookies is signed in *as the session*, whatever its ``Authorization``
header says (``base.php``'s ``handleLogin`` finds the user logged in through the session before it
looks at Basic credentials). A session whose app password was revoked no longer counts (Nextcloud's
``Session::validateSession`` logs it out), and the request's Basic credentials are tried instead.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import secrets
import string
import threading
from http.cookies import CookieError, SimpleCookie
from typing import Any

from degoogle.sandbox.files import RESPONSE_HEADERS_KEY

log = logging.getLogger(__name__)

_ALPHABET = string.ascii_letters + string.digits
#: cookie sessions kept at most (oldest forgotten first), so a benchmark's million requests stay small
MAX_SESSIONS = 10_000


def app_password() -> str:
    """A random password shaped like a Nextcloud app password: five groups of five letters/digits."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(5))


def basic_credentials(environ: dict[str, Any]) -> tuple[str, str] | None:
    """``(user, password)`` from an HTTP Basic ``Authorization`` header, or None when there is none or
    it is malformed."""
    scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


class AppPasswords:
    """The app passwords of ``user``, oldest first; thread-safe. ``login`` is the name signed in with
    (``user``, the user id, when not given)."""

    def __init__(self, user: str, first: str, *, login: str | None = None, instance_id: str = "ocsandbox") -> None:
        self.user = user
        self.login = login or user
        self.instance_id = instance_id
        self._lock = threading.Lock()
        self._passwords: list[str] = [first]
        #: session id -> (passphrase, the app password the session was opened with)
        self._sessions: dict[str, tuple[str, str]] = {}

    def check(self, user: str, password: str) -> bool:
        """True when ``password`` is a live app password of ``user`` (compared in constant time)."""
        user_ok = hmac.compare_digest(user.encode(), self.login.encode())
        with self._lock:
            known = list(self._passwords)
        # every candidate is compared, so the time taken does not tell which one matched
        matches = [hmac.compare_digest(password.encode(), candidate.encode()) for candidate in known]
        return user_ok and any(matches)

    def authenticate(self, environ: dict[str, Any]) -> str | None:
        """The app password a request is signed in with, or None when it is not signed in: its
        session cookies' password when they name a live session (whatever its ``Authorization``
        header says), else its valid Basic credentials' — and then a new session's cookies are
        left in ``environ`` for the response (see the module docstring)."""
        session = self._session_password(environ)
        if session is not None:
            return session
        credentials = basic_credentials(environ)
        if credentials is None or not self.check(*credentials):
            return None
        self._open_session(environ, credentials[1])
        return credentials[1]

    def _session_password(self, environ: dict[str, Any]) -> str | None:
        raw = environ.get("HTTP_COOKIE")
        if not raw:
            return None
        try:
            cookies = SimpleCookie(raw)
        except CookieError:
            return None
        sid = cookies.get(self.instance_id)
        passphrase = cookies.get("oc_sessionPassphrase")
        if sid is None or passphrase is None:
            return None
        with self._lock:
            known = self._sessions.get(sid.value)
            if known is None or not hmac.compare_digest(known[0], passphrase.value):
                return None
            if known[1] not in self._passwords:
                del self._sessions[sid.value]  # its app password was revoked: the session ends
                return None
            return known[1]

    def _open_session(self, environ: dict[str, Any], password: str) -> None:
        sid = secrets.token_hex(16)
        passphrase = secrets.token_urlsafe(24)
        with self._lock:
            self._sessions[sid] = (passphrase, password)
            if len(self._sessions) > MAX_SESSIONS:  # a client that never sends cookies back opens one per request
                del self._sessions[next(iter(self._sessions))]
        headers = environ.setdefault(RESPONSE_HEADERS_KEY, [])
        headers += [
            # plain http on 127.0.0.1: no "secure" flag, or no client would send the cookies back
            ("Set-Cookie", f"oc_sessionPassphrase={passphrase}; path=/; HttpOnly; SameSite=Lax"),
            ("Set-Cookie", f"{self.instance_id}={sid}; path=/; HttpOnly; SameSite=Lax"),
            ("Set-Cookie", "nc_sameSiteCookielax=true; path=/; httponly; expires=Fri, 31-Dec-2100 23:59:59 GMT; "
                           "SameSite=lax"),
            ("Set-Cookie", "nc_sameSiteCookiestrict=true; path=/; httponly; expires=Fri, 31-Dec-2100 23:59:59 GMT; "
                           "SameSite=strict"),
        ]

    def create(self) -> str:
        """A new app password for the user (what a completed login flow hands out)."""
        password = app_password()
        with self._lock:
            self._passwords.append(password)
        log.info("app password created for %s (%d live)", self.user, len(self._passwords))
        return password

    def revoke(self, password: str) -> bool:
        """Make ``password`` stop working; False when it was not a live app password."""
        with self._lock:
            if password not in self._passwords:
                return False
            self._passwords.remove(password)
            left = len(self._passwords)
        log.info("app password revoked for %s (%d live)", self.user, left)
        return True

    def snapshot(self) -> list[str]:
        """The live app passwords, oldest first."""
        with self._lock:
            return list(self._passwords)
