"""Who may sign in: the sandbox user and their app passwords.

Nextcloud gives every client its own app password (developer manual, ``client_apis/LoginFlow/
index.rst``: "This will assure that each client gets it own set of credentials … The user can revoke
on a per client basis"). ``AppPasswords`` keeps that list for the one sandbox user: the password the
sandbox was started with, plus one per completed login flow; each works with HTTP Basic auth until
revoked (``DELETE /ocs/v2.php/core/apppassword``, see ``ocs``).

The list lives in memory, in the ``Sandbox`` object: it survives a stop/start of the same sandbox,
not a new process (the first password is given again by whoever starts it).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import secrets
import string
import threading
from typing import Any

log = logging.getLogger(__name__)

_ALPHABET = string.ascii_letters + string.digits


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

    def __init__(self, user: str, first: str, *, login: str | None = None) -> None:
        self.user = user
        self.login = login or user
        self._lock = threading.Lock()
        self._passwords: list[str] = [first]

    def check(self, user: str, password: str) -> bool:
        """True when ``password`` is a live app password of ``user`` (compared in constant time)."""
        user_ok = hmac.compare_digest(user.encode(), self.login.encode())
        with self._lock:
            known = list(self._passwords)
        # every candidate is compared, so the time taken does not tell which one matched
        matches = [hmac.compare_digest(password.encode(), candidate.encode()) for candidate in known]
        return user_ok and any(matches)

    def authenticate(self, environ: dict[str, Any]) -> str | None:
        """The password of a request's valid Basic credentials, or None when they are missing or wrong."""
        credentials = basic_credentials(environ)
        if credentials is None or not self.check(*credentials):
            return None
        return credentials[1]

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
