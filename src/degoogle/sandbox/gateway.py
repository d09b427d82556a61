"""The WSGI application the sandbox serves: Nextcloud's URL space in front of WsgiDAV.

Per request, in this order:

1. the body stream is wrapped to count the bytes actually read, the path is url-decoded (UTF-8);
2. a queued fault matching (method, path) answers instead of anything else — after reading the body, so
   the client sees the answer rather than a broken pipe; status 0 drops the connection without answer;
3. routing: ``/status.php`` (no auth) answers Nextcloud's status JSON; ``/remote.php/dav/files/<user>/…``
   and the legacy ``/remote.php/webdav/…`` need HTTP Basic auth (401 with ``WWW-Authenticate: Basic
   realm="Nextcloud"``), another user's tree is 404, and they go to WsgiDAV; anything else is 404;
4. headers a resource left in the environ (``files.RESPONSE_HEADERS_KEY``) are added to the response,
   and the request is recorded (``traffic.RequestLog``) when its status is known.
"""

from __future__ import annotations

import base64
import binascii
import errno
import hmac
import json
import logging
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from wsgidav import util
from wsgidav.dav_error import DAVError

from degoogle.sandbox.files import RESPONSE_HEADERS_KEY
from degoogle.sandbox.traffic import FaultPlan, RequestLog, RequestRecord

log = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
StartResponse = Callable[..., Any]

DAV_FILES_PREFIX = "/remote.php/dav/files/"
LEGACY_PREFIX = "/remote.php/webdav"
REALM = "Nextcloud"
_DRAIN_BLOCK = 1024 * 1024


class CountingInput:
    """A ``wsgi.input`` wrapper that counts the body bytes the application actually read."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int | None = -1) -> bytes:
        data = self._stream.read() if size is None or size < 0 else self._stream.read(size)
        self.count += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = self._stream.readline() if size is None or size < 0 else self._stream.readline(size)
        self.count += len(data)
        return data

    def readlines(self, hint: int = -1) -> list[bytes]:
        lines = self._stream.readlines(hint)
        self.count += sum(len(line) for line in lines)
        return lines

    def __iter__(self) -> CountingInput:
        return self

    def __next__(self) -> bytes:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def drain(self) -> None:
        """Read and drop whatever is left of the body."""
        while self.read(_DRAIN_BLOCK):
            pass


def status_line(status: int) -> str:
    """``"503 Service Unavailable"`` for 503; unknown codes get a generic reason phrase."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Sandbox Fault"


def sabre_error(exception: str, message: str) -> bytes:
    """An error body shaped like the ones Nextcloud's WebDAV server (sabre/dav) sends."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n'
        f"  <s:exception>{exception}</s:exception>\n"
        f"  <s:message>{message}</s:message>\n"
        "</d:error>\n"
    ).encode()


class NextcloudGateway:
    """Routes, authenticates, injects faults and records; the file tree itself is ``dav_app``."""

    def __init__(
        self,
        dav_app: WsgiApp,
        *,
        user: str,
        password: str,
        status: dict[str, Any],
        request_log: RequestLog,
        faults: FaultPlan,
    ) -> None:
        self._dav_app = dav_app
        self._user = user
        self._password = password
        self._status_body = json.dumps(status, separators=(",", ":")).encode()
        self._log = request_log
        self._faults = faults

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        # A plain function, not a generator: an exception raised here reaches cheroot before any answer
        # is started, which is what lets a status-0 fault drop the connection.
        body = CountingInput(environ["wsgi.input"])
        environ["wsgi.input"] = body
        method = environ["REQUEST_METHOD"].upper()
        raw_path = environ.get("PATH_INFO", "").encode("latin-1")
        try:
            path, path_ok = raw_path.decode("utf-8"), True
        except UnicodeDecodeError:
            path, path_ok = raw_path.decode("utf-8", "replace"), False
        environ[RESPONSE_HEADERS_KEY] = []
        recorded = False

        def recording_start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            nonlocal recorded
            if not recorded:
                recorded = True
                self._log.add(RequestRecord(method, path, int(status[:3]), body.count))
            return start_response(status, list(headers) + environ[RESPONSE_HEADERS_KEY], exc_info)

        fault = self._faults.take(method, path)
        if fault is not None:
            body.drain()
            if fault.status == 0:
                self._log.add(RequestRecord(method, path, 0, body.count))
                log.debug("fault: dropping %s %s", method, path)
                raise ConnectionResetError(errno.ECONNRESET, "sandbox fault: connection dropped on purpose")
            message = sabre_error("Sabre\\DAV\\Exception", f"Fault {fault.status} injected by the sandbox")
            return self._answer(
                environ,
                recording_start_response,
                fault.status,
                message,
                "application/xml; charset=utf-8",
                list(fault.headers.items()),
            )

        if not path_ok:
            message = sabre_error("Sabre\\DAV\\Exception\\BadRequest", "The path is not valid UTF-8")
            return self._answer(environ, recording_start_response, 400, message, "application/xml; charset=utf-8")
        if path == "/status.php":
            return self._answer(environ, recording_start_response, 200, self._status_body, "application/json")
        try:
            route = util.normalize_path(path)
        except DAVError:
            return self._not_found(environ, recording_start_response)
        if route.startswith(DAV_FILES_PREFIX):
            owner = route[len(DAV_FILES_PREFIX) :].split("/", 1)[0]
        elif route == LEGACY_PREFIX or route.startswith(LEGACY_PREFIX + "/"):
            owner = self._user
        else:
            return self._not_found(environ, recording_start_response)

        if not self._authenticated(environ):
            message = sabre_error(
                "Sabre\\DAV\\Exception\\NotAuthenticated",
                "No public access to this resource., Username or "
                "password was incorrect, No 'Authorization: Bearer' header found. Either the client didn't "
                "send one, or the server did not understand it.",
            )
            return self._answer(
                environ,
                recording_start_response,
                401,
                message,
                "application/xml; charset=utf-8",
                [("WWW-Authenticate", f'Basic realm="{REALM}"')],
            )
        if owner != self._user:
            return self._not_found(environ, recording_start_response)

        environ["PATH_INFO"] = route
        environ["wsgidav.auth.user_name"] = self._user
        environ["wsgidav.auth.realm"] = REALM
        return self._dav_app(environ, recording_start_response)

    def _authenticated(self, environ: dict[str, Any]) -> bool:
        """True when the request carries HTTP Basic credentials for the sandbox's user."""
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, sep, password = decoded.partition(":")
        if not sep:
            return False
        user_ok = hmac.compare_digest(user.encode(), self._user.encode())
        password_ok = hmac.compare_digest(password.encode(), self._password.encode())
        return user_ok and password_ok

    def _not_found(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        message = sabre_error("Sabre\\DAV\\Exception\\NotFound", "Not found")
        return self._answer(environ, start_response, 404, message, "application/xml; charset=utf-8")

    def _answer(
        self,
        environ: dict[str, Any],
        start_response: StartResponse,
        status: int,
        body: bytes,
        content_type: str,
        headers: list[tuple[str, str]] | None = None,
    ) -> Iterable[bytes]:
        """Answer without WsgiDAV, after reading the request body to its end (so that the client, still
        sending, reads the answer instead of failing on a closed socket)."""
        environ["wsgi.input"].drain()
        if status < 200 or status in (204, 304):
            body = b""
        all_headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *(headers or [])]
        start_response(status_line(status), all_headers)
        return [] if environ["REQUEST_METHOD"].upper() == "HEAD" else [body]
