"""An IMAP account: where it is, signing in to it safely, and what goes wrong in doing so.

Shared by the IMAP source (``sources.imap``) and the hoster's mailbox (``targets.imap``), hence here in
``protocols/`` rather than on either side (issue 14).

Specs: ``imaps://user@host[:port]`` (TLS, port 993), ``imap://user@host[:port]`` (STARTTLS, port
143; without encryption only to this computer: a loopback address such as 127.0.0.1, or localhost),
``icloud-mail:APPLE_ID`` (iCloud's ``imap.mail.me.com:993``, with an app-specific password). A login
holding ``@`` is written as is (``imaps://marie@gmail.com@imap.gmail.com``) or as ``%40``.

Promises: TLS is verified against the system's authorities; what imapclient and the network raise
becomes degoogle's errors (``imap_errors_as_ours``), with the reason codes of the side concerned.
A source's ``Session`` opens folders read-only (EXAMINE, RFC 3501 §6.3.2).
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from degoogle.errors import SOURCE_UNREACHABLE, BadItemError, FatalError, RetryableError, UserError
from degoogle.locality import is_this_computer

log = logging.getLogger(__name__)

Security = Literal["tls", "starttls"]
Side = Literal["source", "target"]
ICLOUD_HOST = "imap.mail.me.com"


@dataclass(frozen=True)
class ImapAccount:
    """Where an IMAP account is and how to reach it safely."""

    user: str
    host: str
    port: int
    security: Security

    @property
    def loopback(self) -> bool:
        """This computer, written as a loopback address (127.0.0.1, ::1) or ``localhost``."""
        return is_this_computer(self.host)

    @property
    def icloud(self) -> bool:
        return self.host.casefold() == ICLOUD_HOST

    def describe(self) -> str:
        return f"{self.user} on {self.host}" + ("" if self.port in (993, 143) else f":{self.port}")

    @classmethod
    def parse(cls, spec: str) -> ImapAccount:
        """``imaps://user@host[:port]``, ``imap://…`` or ``icloud-mail:APPLE_ID``; ``UserError`` otherwise."""
        scheme, sep, rest = spec.partition(":")
        scheme = scheme.casefold()
        if scheme == "icloud-mail" and sep and rest.strip("/"):
            return cls(unquote(rest.strip("/")), ICLOUD_HOST, 993, "tls")
        if scheme not in ("imap", "imaps") or not rest.startswith("//"):
            raise UserError(f"a mail account looks like imaps://user@mail.example.org, not {spec!r}",
                            code="bad_source")
        where = rest[2:].split("/", 1)[0].split("?", 1)[0]
        user, at, hostport = where.rpartition("@")
        if not at or not user or not hostport:
            raise UserError(f"say which account: imaps://user@host, not {spec!r}", code="bad_source")
        host, port_text = hostport, ""
        if hostport.startswith("["):  # [::1]:1143
            host, _, port_text = hostport[1:].partition("]")
            port_text = port_text.removeprefix(":")
        elif hostport.count(":") == 1:
            host, _, port_text = hostport.partition(":")
        try:
            port = int(port_text) if port_text else (993 if scheme == "imaps" else 143)
        except ValueError:
            raise UserError(f"the port in {spec!r} is not a number", code="bad_source") from None
        return cls(unquote(user), host.casefold(), port, "tls" if scheme == "imaps" else "starttls")


#: the reason codes of each side: the account moved from, or the hoster's mailbox
_CODES: dict[str, dict[str, str]] = {
    "source": {"auth": "source_auth_failed", "tls": "source_tls_error", "net": SOURCE_UNREACHABLE},
    "target": {"auth": "auth_failed", "tls": "tls_error", "net": "unreachable"},
}


@contextmanager
def imap_errors_as_ours(what: str, side: Side = "target") -> Iterator[None]:
    """Turn what imapclient and the network raise into degoogle's errors (``what`` names the step).

    A refused login or an unverifiable certificate is ``FatalError`` (``auth_failed``, ``tls_error``,
    or ``source_…`` for a source); a dropped or refused connection, or a login refused for now
    (``[UNAVAILABLE]``: too many sessions), ``RetryableError`` (``unreachable``). Command refusals
    (``IMAPClientError``) pass through for the caller to judge.
    """
    codes = _CODES[side]
    try:
        yield
    except imap_errors.LoginError as exc:
        if "UNAVAILABLE" in str(exc).upper():
            raise RetryableError(f"{what}: the server cannot take the login now ({error_text(exc)})",
                                 code=codes["net"], retry_after=10) from exc
        raise FatalError(f"{what}: the server refused the login ({error_text(exc)})", code=codes["auth"]) from exc
    except ssl.SSLCertVerificationError as exc:
        raise FatalError(f"{what}: the server's certificate could not be verified ({exc.verify_message})",
                         code=codes["tls"]) from exc
    except (imap_errors.IMAPClientAbortError, ssl.SSLError, OSError) as exc:  # socket errors are OSError
        raise RetryableError(f"{what}: {error_text(exc)}", code=codes["net"]) from exc


def error_text(exc: BaseException) -> str:
    """What an error says, at most 300 characters (its type's name when it says nothing)."""
    text = str(exc) or type(exc).__name__
    return text[:300]


def connect(account: ImapAccount, password: str, *, side: Side = "target", timeout: float = 60.0,
            tls: Callable[[], ssl.SSLContext] = ssl.create_default_context) -> IMAPClient:
    """A signed-in client. TLS is verified against the system's authorities; ``imap://`` must offer
    STARTTLS, except on this computer (a loopback address) where it is used when offered. ``tls``
    makes the TLS context when one is needed (a caller making many connections hands one it keeps:
    loading the authorities costs tens of milliseconds).

    Raises ``FatalError`` (``auth_failed``, ``tls_error``) or ``RetryableError`` (``unreachable``);
    with ``side="source"`` the ``source_…`` codes.
    """
    with imap_errors_as_ours(f"connecting to {account.host}", side):
        if account.security == "tls":
            client = IMAPClient(account.host, port=account.port, ssl=True, ssl_context=tls(), timeout=timeout)
        else:
            client = IMAPClient(account.host, port=account.port, ssl=False, timeout=timeout)
            if client.has_capability("STARTTLS"):
                client.starttls(tls())
            elif not account.loopback:
                client.shutdown()
                raise FatalError(f"{account.host} offers no encryption (no STARTTLS): use imaps:// or ask your "
                                 "hoster", code=_CODES[side]["tls"])
        client.normalise_times = False
        # imapclient turns imaplib's protocol trace on (debug 5): imaplib then formats the repr of
        # every line and every message it reads, whole, for a logger that drops it — most of the CPU
        # a FETCH of bodies costs, and message contents bound for a log. Off.
        client._imap.debug = 0  # noqa: SLF001
        try:
            client.login(account.user, password)
        except BaseException:
            close_quietly(client)
            raise
    return client


class TlsContext:
    """One verifying TLS context, made when first asked for and then shared by every connection of
    a source or target (``connect``'s ``tls``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context: ssl.SSLContext | None = None

    def __call__(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                self._context = ssl.create_default_context()
            return self._context


def close_quietly(client: IMAPClient) -> None:
    """Log out, or at least close the socket; a connection already gone is no error."""
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection may be gone already; closing is best effort
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001
            log.debug("IMAP connection already closed")


class Session:
    """One signed-in connection of a source and the folder it has open (EXAMINE); used under ``lock``.
    ``sign_in`` makes the connection when one is first needed, and again after ``close``."""

    def __init__(self, sign_in: Callable[[], IMAPClient]) -> None:
        self.lock = threading.Lock()
        self.client: IMAPClient | None = None
        self.selected: tuple[str, int] | None = None
        self._sign_in = sign_in

    def connection(self) -> IMAPClient:
        if self.client is None:
            self.client = self._sign_in()
            self.selected = None
        return self.client

    def examine(self, folder: str, validity: int | None = None) -> int:
        """Open ``folder`` read-only unless it is open already; its UIDVALIDITY. ``BadItemError``
        (``source_changed``) when the server no longer opens it, or when ``validity`` is given and
        the folder has been renumbered since."""
        client = self.connection()
        if self.selected is None or self.selected[0] != folder:
            try:
                status = client.select_folder(folder, readonly=True)
            except imap_errors.IMAPClientError as exc:
                if isinstance(exc, imap_errors.IMAPClientAbortError):
                    raise
                raise BadItemError(f"{folder}: the server no longer opens this folder ({error_text(exc)})",
                                   code="source_changed") from exc
            self.selected = (folder, int(status.get(b"UIDVALIDITY", 0)))
        if validity is not None and self.selected[1] != validity:
            raise BadItemError(f"{folder}: the server renumbered this folder since the listing (plan again)",
                               code="source_changed")
        return self.selected[1]

    def close(self) -> None:
        client, self.client, self.selected = self.client, None, None
        if client is not None:
            close_quietly(client)
