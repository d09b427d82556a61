"""The WSGI application the sandbox serves: Nextcloud's URL space in front of WsgiDAV and the handlers.

Per request, in this order:

1. the body stream is wrapped to count the bytes actually read, the path is url-decoded (UTF-8);
   With a per-request cost set, every request first waits that long (a PHP server pays its bootstrap,
   app loading and session handling on each request, whatever the request carries);
2. a queued fault matching (method, path) answers instead of anything else — after reading the body, so
   the client sees the answer rather than a broken pipe; status 0 drops the connection without answer.
   A fault added with ``after`` lets the request be served first (the file lands) and then replaces
   its answer with the fault's status and headers (the server's own headers are dropped, as a proxy
   that timed out drops them), or drops the connection for status 0;
3. routing:

   - ``/status.php`` (no auth): Nextcloud's status JSON, ``"maintenance"`` included;
   - ``/.well-known/caldav`` and ``/.well-known/carddav``: 301 to ``/remote.php/dav/``, as Nextcloud's
     ``.htaccess`` rewrites them (the web server does it, so maintenance does not stop it);
   - in maintenance (``client_apis/general.rst``, "Maintenance Mode": 503 and
     ``X-Nextcloud-Maintenance-Mode: 1``) every PHP entry point answers 503 in its own way:
     ``remote.php`` with sabre's ``ServiceUnavailable`` "System in maintenance mode."
     (``MaintenancePlugin``, no ``Retry-After``), ``ocs/v*.php`` with an OCS envelope (``ocs/v1.php``),
     ``index.php`` with an HTML page and ``Retry-After: 120`` (``base.php``'s ``checkMaintenanceMode``);
   - ``/index.php/login/v2…`` (no auth): Login Flow v2 (``loginflow``);
   - ``/ocs/v1.php/…`` and ``/ocs/v2.php/…``: the OCS API (``ocs``), which checks auth per route;
   - ``POST /remote.php/dav/bulk`` (``bulk``, when the server offers bulk upload; else 404) needs the
     same auth as the files;
   - ``/remote.php/dav/files/<user>/…``, the legacy ``/remote.php/webdav/…`` and
     ``/remote.php/dav/uploads/<user>/…`` need HTTP Basic auth with a live app password (401 with
     ``WWW-Authenticate: Basic realm="Nextcloud"``); another user's tree is 404. A PUT into the tree
     whose announced length does not fit the quota is refused here with 507 before its body is read
     (``QuotaPlugin``), a name longer than 250 bytes with 400 (PUT, MKCOL) and a PUT whose part file's
     name would not fit ext4 (more than 227 bytes) with 500 "File name too long", as a real Nextcloud
     answered (chunked assembly is not held to this); then files go to WsgiDAV, uploads to ``chunking``;
   - ``/remote.php/dav/photos/<user>/…`` (the same auth): the Photos app's albums (``albums``), and a
     COPY of a file whose destination is an album goes there too; 404 without the Photos app;
   - every other ``/remote.php/dav…`` path (calendars and contacts) needs the same auth and goes to
     Radicale (``groupware``) with ``SCRIPT_NAME=/remote.php/dav``, except Radicale's web pages (a GET
     of ``/remote.php/dav/`` itself, ``.web``), which are 404 as on Nextcloud; anything else is 404;
4. headers a resource left in the environ (``files.RESPONSE_HEADERS_KEY``) are added to the response,
   and the request is recorded (``traffic.RequestLog``) when its status is known.
"""

from __future__ import annotations

import errno
import json
import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

from wsgidav import util
from wsgidav.dav_error import DAVError

from degoogle.sandbox.accounts import AppPasswords
from degoogle.sandbox.albums import PhotoAlbums, copies_into_album, is_photos
from degoogle.sandbox.bulk import BULK_PATH
from degoogle.sandbox.chunking import UPLOADS_PREFIX, ChunkedUploads
from degoogle.sandbox.files import RESPONSE_HEADERS_KEY
from degoogle.sandbox.groupware import Groupware, is_groupware, is_radicale_page
from degoogle.sandbox.loginflow import LoginFlowPages, is_login_flow
from degoogle.sandbox.ocs import OcsApi, is_ocs, maintenance_answer
from degoogle.sandbox.quota import Quota
from degoogle.sandbox.sabre import XML_TYPE, sabre_error
from degoogle.sandbox.traffic import Fault, FaultPlan, RequestLog, RequestRecord
from degoogle.sandbox.wire import CountingInput, StartResponse, WsgiApp, answer, base_url, header, status_line

log = logging.getLogger(__name__)

__all__ = [
    "DAV_FILES_PREFIX", "LEGACY_PREFIX", "REALM", "CountingInput", "NextcloudGateway", "sabre_error", "status_line",
]

DAV_FILES_PREFIX = "/remote.php/dav/files/"
LEGACY_PREFIX = "/remote.php/webdav"
REALM = "Nextcloud"
#: FilenameValidator's limit (``isset($name[250])``)
MAX_NAME_BYTES = 250
#: the longest name whose part file ``<name>.ocTransferId<10 digits>.part`` fits ext4's 255 bytes; a
#: real Nextcloud 29 answered 500 "File name too long" (in nextcloud.log) for 228 to 250 bytes
MAX_PUT_NAME_BYTES = 255 - len(".ocTransferId") - 10 - len(".part")
WELL_KNOWN = frozenset({"/.well-known/caldav", "/.well-known/carddav"})
_MAINTENANCE = [("X-Nextcloud-Maintenance-Mode", "1")]
_NOT_AUTHENTICATED = (
    "No public access to this resource., Username or password was incorrect, No 'Authorization: Bearer' "
    "header found. Either the client didn't send one, or the server did not understand it."
)


class NextcloudGateway:
    """Routes, authenticates, injects faults and records; files are ``dav_app``'s, uploads
    ``uploads``', calendars and contacts ``groupware``'s, the OCS API ``ocs``'s and the login flow
    ``login``'s."""

    def __init__(
        self,
        dav_app: WsgiApp,
        *,
        accounts: AppPasswords,
        status: dict[str, Any],
        request_log: RequestLog,
        faults: FaultPlan,
        quota: Quota,
        maintenance: threading.Event,
        login: LoginFlowPages,
        ocs: OcsApi,
        uploads: ChunkedUploads,
        groupware: Groupware,
        albums: PhotoAlbums | None = None,
        bulk: WsgiApp | None = None,
        request_cost: float = 0.0,
    ) -> None:
        self._dav_app = dav_app
        self._accounts = accounts
        self._user = accounts.user
        self._status = dict(status)
        self._log = request_log
        self._faults = faults
        self._quota = quota
        self._maintenance = maintenance
        self._login_pages = login
        self._ocs_api = ocs
        self._upload_space = uploads
        self._groupware = groupware
        self._albums = albums
        self._bulk = bulk
        #: seconds every request waits before it is served (see the module docstring)
        self.request_cost = request_cost

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        # A plain function, not a generator: an exception raised here reaches cheroot before any answer
        # is started, which is what lets a status-0 fault drop the connection.
        with self._log.serving_one():
            return self._serve(environ, start_response)

    def _serve(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if self.request_cost > 0:
            time.sleep(self.request_cost)
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

        self._faults.wait_if_held(method, path)
        fault = self._faults.take(method, path)
        if fault is None:
            return self._route(environ, recording_start_response, method, path, path_ok)
        if fault.after:
            self._serve_and_drop(environ, method, path, path_ok)
        return self._fault_answer(environ, recording_start_response, fault, method, path, body)

    def _serve_and_drop(self, environ: dict[str, Any], method: str, path: str, path_ok: bool) -> None:
        """Serve the request to the end and forget its answer (for a fault added with ``after``)."""

        def unheard(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            log.debug("fault after %s %s: the server answered %s", method, path, status)
            return lambda data: None

        result = self._route(environ, unheard, method, path, path_ok)
        try:
            for _ in result:
                pass
        finally:
            close = getattr(result, "close", None)
            if callable(close):
                close()
        environ[RESPONSE_HEADERS_KEY] = []

    def _fault_answer(
        self, environ: dict[str, Any], start: StartResponse, fault: Fault, method: str, path: str, body: CountingInput
    ) -> Iterable[bytes]:
        body.drain()
        if fault.status == 0:
            self._log.add(RequestRecord(method, path, 0, body.count))
            log.debug("fault: dropping %s %s", method, path)
            raise ConnectionResetError(errno.ECONNRESET, "sandbox fault: connection dropped on purpose")
        message = sabre_error("Sabre\\DAV\\Exception", f"Fault {fault.status} injected by the sandbox")
        return answer(environ, start, fault.status, message, XML_TYPE, list(fault.headers.items()))

    def _route(
        self, environ: dict[str, Any], start: StartResponse, method: str, path: str, path_ok: bool
    ) -> Iterable[bytes]:
        if not path_ok:
            message = sabre_error("Sabre\\DAV\\Exception\\BadRequest", "The path is not valid UTF-8")
            return answer(environ, start, 400, message, XML_TYPE)
        if path == "/status.php":
            status = {**self._status, "maintenance": self._maintenance.is_set()}
            return answer(environ, start, 200, json.dumps(status, separators=(",", ":")).encode(), "application/json")
        if path.rstrip("/") in WELL_KNOWN:
            return self._well_known(environ, start)
        try:
            route = util.normalize_path(path)
        except DAVError:
            return self._not_found(environ, start)
        if self._maintenance.is_set():
            return self._in_maintenance(environ, start, route)
        if is_login_flow(route):
            return self._login_pages(environ, start, route)
        if is_ocs(route):
            environ["PATH_INFO"] = route
            return self._ocs_api(environ, start, route)
        if route.startswith(DAV_FILES_PREFIX):
            owner, _, inside = route[len(DAV_FILES_PREFIX) :].partition("/")
        elif route == LEGACY_PREFIX or route.startswith(LEGACY_PREFIX + "/"):
            owner, inside = self._user, route[len(LEGACY_PREFIX) :].lstrip("/")
        elif route == BULK_PATH and self._bulk is not None:
            owner, inside = self._user, None
        elif route.startswith(UPLOADS_PREFIX):
            owner, inside = route[len(UPLOADS_PREFIX) :].partition("/")[0], None
        elif is_photos(route):
            if self._accounts.authenticate(environ) is None:
                return self._not_authenticated(environ, start)
            if self._albums is None:
                return self._not_found(environ, start)
            return self._albums(environ, start, method, route)
        elif route == BULK_PATH:
            return self._not_found(environ, start)  # bulk upload turned off: no such node
        elif is_groupware(route):
            if self._accounts.authenticate(environ) is None:
                return self._not_authenticated(environ, start)
            if is_radicale_page(method, route):
                return self._not_found(environ, start)
            return self._groupware(environ, start, route, self._user)
        else:
            return self._not_found(environ, start)

        if self._accounts.authenticate(environ) is None:
            return self._not_authenticated(environ, start)
        if owner != self._user:
            return self._not_found(environ, start)
        if inside is None:
            if route == BULK_PATH and self._bulk is not None:
                return self._bulk(environ, start)
            return self._upload_space(environ, start, route)
        too_long = _name_refusal(method, inside.rstrip("/").rpartition("/")[2])
        if too_long is not None:
            return answer(environ, start, too_long[0], too_long[1], XML_TYPE)
        if copies_into_album(method, environ):
            if self._albums is None:
                message = sabre_error("Sabre\\DAV\\Exception\\Conflict", "The destination node is not found")
                return answer(environ, start, 409, message, XML_TYPE)
            return self._albums(environ, start, method, route, files_inside=inside)
        if method == "PUT":
            refusal = self._quota.refusal(_announced_length(environ), "/" + inside.rstrip("/"))
            if refusal is not None:
                message = sabre_error("Sabre\\DAV\\Exception\\InsufficientStorage", refusal)
                return answer(environ, start, 507, message, XML_TYPE)
        environ["PATH_INFO"] = route
        environ["wsgidav.auth.user_name"] = self._user
        environ["wsgidav.auth.realm"] = REALM
        return self._dav_app(environ, start)

    def _not_authenticated(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        message = sabre_error("Sabre\\DAV\\Exception\\NotAuthenticated", _NOT_AUTHENTICATED)
        return answer(environ, start, 401, message, XML_TYPE, [("WWW-Authenticate", f'Basic realm="{REALM}"')])

    def _well_known(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        location = base_url(environ) + "/remote.php/dav/"
        page = (
            '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently'
            f'</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="{location}">'
            "here</a>.</p>\n</body></html>\n"
        ).encode()
        return answer(environ, start, 301, page, "text/html; charset=iso-8859-1", [("Location", location)])

    def _in_maintenance(self, environ: dict[str, Any], start: StartResponse, route: str) -> Iterable[bytes]:
        if route.startswith("/remote.php/"):
            message = sabre_error("Sabre\\DAV\\Exception\\ServiceUnavailable", "System in maintenance mode.")
            return answer(environ, start, 503, message, XML_TYPE, list(_MAINTENANCE))
        if is_ocs(route):
            environ["PATH_INFO"] = route
            return maintenance_answer(environ, start)
        if route == "/index.php" or route.startswith("/index.php/") or is_login_flow(route):
            page = (
                b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Nextcloud</title></head><body>'
                b"<h2>Maintenance mode</h2><p>This Nextcloud instance is currently in maintenance mode, "
                b"which may take a while.</p><p>This page will refresh itself when the instance is "
                b"available again.</p></body></html>\n"
            )
            headers = [*_MAINTENANCE, ("Retry-After", "120")]
            return answer(environ, start, 503, page, "text/html; charset=utf-8", headers)
        return self._not_found(environ, start)

    def _not_found(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        message = sabre_error("Sabre\\DAV\\Exception\\NotFound", "Not found")
        return answer(environ, start, 404, message, XML_TYPE)


def _name_refusal(method: str, name: str) -> tuple[int, bytes] | None:
    """What Nextcloud on ext4 answers a ``method`` creating ``name``, when the name is too long:
    more than ``MAX_NAME_BYTES`` is refused by ``FilenameValidator`` (400); a PUT of more than
    ``MAX_PUT_NAME_BYTES`` fails writing its part file ``<name>.ocTransferId<digits>.part`` (500)."""
    length = len(name.encode())
    if method in ("PUT", "MKCOL") and length > MAX_NAME_BYTES:
        return 400, sabre_error("OCA\\DAV\\Connector\\Sabre\\Exception\\InvalidPath", "Filename is too long")
    if method == "PUT" and length > MAX_PUT_NAME_BYTES:
        return 500, sabre_error("Sabre\\DAV\\Exception", "File name too long")
    return None


def _announced_length(environ: dict[str, Any]) -> int | None:
    """The largest of ``X-Expected-Entity-Length``, ``Content-Length`` and ``OC-Total-Length``, as
    ``QuotaPlugin::getLength`` takes it; None when none is a number."""
    values = [header(environ, name) for name in ("X-Expected-Entity-Length", "Content-Length", "OC-Total-Length")]
    numbers = [int(v) for v in values if v is not None and v.strip().isdigit()]
    return max(numbers) if numbers else None
