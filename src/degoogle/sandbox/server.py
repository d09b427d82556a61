"""``Sandbox``: a local server shaped like Nextcloud, for the demo, the tests and the benchmarks.

It is WsgiDAV (in-process, as a WSGI app) served by cheroot on 127.0.0.1, behind ``NextcloudGateway``
(routing, auth, maintenance, faults, request log) and with ``NextcloudFilesProvider`` (Nextcloud's PUT
semantics); beside WsgiDAV, the parts of Nextcloud a client meets before and around WebDAV: Login
Flow v2 (``loginflow``), app passwords (``accounts``), the OCS API (``ocs``, ``capabilities``), the
quota (``quota``), chunked upload v2 (``chunking``, ``assembly``) and bulk upload (``bulk``); calendars and contacts are
Radicale's, mounted under ``/remote.php/dav/`` (``groupware``). Each module names the section of
Nextcloud's developer manual it follows.

On disk, under ``root``::

    data/<user>/files/                 the user's tree, as served under /remote.php/dav/files/<user>/
    data/<user>/uploads/               chunked-upload folders (/remote.php/dav/uploads/<user>/<id>/) and
                                       part files of uploads in progress (same filesystem: atomic rename)
    data/<user>/properties.sqlite3     dead properties (checksums), kept across restarts
    radicale/collection-root/<user>/   Radicale's calendars and address books (/remote.php/dav/<user>/)
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from cheroot import server as cheroot_server
from cheroot import wsgi
from wsgidav.error_printer import ErrorPrinter
from wsgidav.request_resolver import RequestResolver
from wsgidav.wsgidav_app import WsgiDAVApp

from degoogle.sandbox.accounts import AppPasswords, app_password
from degoogle.sandbox.albums import PhotoAlbums
from degoogle.sandbox.assembly import Assembler
from degoogle.sandbox.bulk import BulkUpload
from degoogle.sandbox.calendar_limits import CalendarLimits
from degoogle.sandbox.capabilities import STATUS
from degoogle.sandbox.chunking import ChunkedUploads, UploadBook, expire_uploads
from degoogle.sandbox.files import FolderGetHead, NextcloudFilesProvider
from degoogle.sandbox.gateway import DAV_FILES_PREFIX, LEGACY_PREFIX, NextcloudGateway
from degoogle.sandbox.groupware import Groupware
from degoogle.sandbox.loginflow import LoginFlowPages, LoginFlows
from degoogle.sandbox.ocs import OcsApi
from degoogle.sandbox.properties import SqlitePropertyStore
from degoogle.sandbox.quota import Quota, TreeSizes
from degoogle.sandbox.traffic import FaultPlan, Hold, RequestLog, RequestRecord

log = logging.getLogger(__name__)

__all__ = ["HOST", "MAX_KEEPALIVE_REQUESTS", "STATUS", "THREADS", "Sandbox", "app_password"]

HOST = "127.0.0.1"
THREADS = 16
#: requests on one connection before the server closes it (Apache's ``MaxKeepAliveRequests``)
MAX_KEEPALIVE_REQUESTS = 100


class _Request(cheroot_server.HTTPRequest):
    """One request of a connection that Apache would close after its ``MAX_KEEPALIVE_REQUESTS``th."""

    conn: _Connection

    def send_headers(self) -> None:
        self.conn.requests_answered += 1
        if self.conn.requests_answered >= MAX_KEEPALIVE_REQUESTS:
            self.close_connection = True  # cheroot then answers ``Connection: close`` and closes
        super().send_headers()


class _Connection(cheroot_server.HTTPConnection):
    """A client's connection, counting the requests it carried."""

    RequestHandlerClass = _Request

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requests_answered = 0


class _HTTPServer(wsgi.Server):
    """cheroot's WSGI server, logging through ``logging`` instead of writing to stderr, and keeping
    connections open as Apache in front of a Nextcloud does (``KeepAlive On``, ``MaxKeepAliveRequests
    100``): cheroot answers ``Connection: close`` once 10 connections are held open at once, so a client
    with a dozen requests in flight would pay a new connection per request, which no Nextcloud costs it."""

    # How often the serving loop wakes up; stop() waits for that loop, so keep it short.
    expiration_interval = 0.05
    keep_alive_conn_limit = None  # type: ignore[assignment]  # None: no limit (cheroot's stub says int)
    ConnectionClass = _Connection

    def error_log(self, msg: str = "", level: int = logging.INFO, traceback: bool = False) -> None:
        log.log(level, "cheroot: %s", msg, exc_info=traceback)

    @classmethod
    def prepare_socket(cls, bind_addr: Any, family: Any, type: Any, proto: Any, *args: Any, **kwargs: Any) -> Any:
        sock = super().prepare_socket(bind_addr, family, type, proto, *args, **kwargs)
        # cheroot leaves SO_REUSEADDR off for port 0; accepted connections inherit that, and one still
        # closing would then keep a restarted sandbox from binding its old port again. (Not on Windows,
        # where the option lets another socket take a port that is in use.)
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        return sock


class Sandbox:
    """A Nextcloud-shaped server on 127.0.0.1 holding its data under ``root``.

    ``password=None`` picks a random app-password-like string (the user's first app password);
    ``port=0`` picks a free port (kept for a later restart of the same instance, so its URL does not
    change). ``request_log``, if given, gets one line ``METHOD path status bytes_in`` per request,
    flushed at once. ``auto_approve_login`` (demo mode) grants a login flow as soon as its page is
    visited; without it the page asks, and ``approve_login`` answers for the person.
    ``windows_compatible`` picks the "Windows compatible filenames" lists in the capabilities (else a
    stock server's). ``quota`` is the user's quota in bytes (None: unlimited). ``photos_app`` False
    serves a Nextcloud without the Photos app (no albums). ``calendar_limits``:
    Nextcloud's limits on making calendars (its defaults when None; ``calendar_limits`` module).
    ``bulk_upload`` offers
    bulk upload (``bulk``; Nextcloud's ``bulkupload.enabled``, on by default). ``request_cost_ms`` makes
    every request wait that long first, to model a PHP server whose cost is per request.
    """

    def __init__(
        self,
        root: Path,
        *,
        user: str = "demo",
        password: str | None = None,
        port: int = 0,
        request_log: Path | None = None,
        auto_approve_login: bool = True,
        windows_compatible: bool = True,
        quota: int | None = None,
        login: str | None = None,
        photos_app: bool = True,
        calendar_limits: CalendarLimits | None = None,
        bulk_upload: bool = True,
        request_cost_ms: float = 0.0,
    ) -> None:
        if not user or "/" in user or user != user.strip():
            raise ValueError(f"not a usable user name: {user!r}")
        self.root = Path(root)
        self.user = user
        #: the name to sign in with; Nextcloud's user id (``user``, in every DAV path) can differ from
        #: it, e.g. an LDAP account whose internal name is a UUID or an account that signs in by e-mail
        self.login = login or user
        self.password = app_password() if password is None else password
        self.windows_compatible = windows_compatible
        self.bulk_upload = bulk_upload
        if request_cost_ms < 0:
            raise ValueError(f"a negative request cost: {request_cost_ms}")
        self.request_cost_ms = request_cost_ms
        self._port = port
        self._log = RequestLog(request_log)
        self._faults = FaultPlan()
        resolved = str(self.root.resolve()).encode()
        self.instance_id = "oc" + hashlib.sha1(resolved, usedforsecurity=False).hexdigest()[:10]
        self._accounts = AppPasswords(user, self.password, login=self.login, instance_id=self.instance_id)
        self._flows = LoginFlows(self._accounts, auto_approve=auto_approve_login)
        self._book = UploadBook()
        self._sizes = TreeSizes()
        self._quota = Quota(self.files_dir(), self._sizes)
        self._quota.set_limit(quota)
        self._maintenance = threading.Event()
        self._groupware = Groupware(self.groupware_dir(), calendar_limits)
        self._lock = threading.Lock()
        self._server: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._store: SqlitePropertyStore | None = None
        self.files_dir().mkdir(parents=True, exist_ok=True)
        self._uploads_dir().mkdir(parents=True, exist_ok=True)
        #: the Photos app's albums (``photos_app=False``: a server without the app, albums answer 404)
        self.photo_albums = PhotoAlbums(self.root / "albums.json", self.files_dir(), user, self.instance_id,
                                        enabled=photos_app)

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> Sandbox:
        """Start serving in a background thread; returns once the port accepts connections.
        Starting a running sandbox does nothing. Raises ``OSError`` when the port cannot be bound."""
        with self._lock:
            if self._server is not None:
                return self
            self._remove_stale_parts()
            store = SqlitePropertyStore(self.root / "data" / self.user / "properties.sqlite3")
            try:
                server = _HTTPServer(
                    (HOST, self._port),
                    self._gateway(store),
                    numthreads=THREADS,
                    server_name="nextcloud-sandbox",
                    request_queue_size=128,
                )
                server.prepare()  # binds and listens: connections queue from here on
            except BaseException:
                store.close()
                raise
            self._port = server.bind_addr[1]
            self._log.open()
            thread = threading.Thread(target=server.serve, name=f"sandbox-{self._port}", daemon=True)
            thread.start()
            self._server, self._thread, self._store = server, thread, store
            log.info("sandbox serving %s for user %s", self.url, self.user)
            return self

    def stop(self) -> None:
        """Stop serving and release the port and files. Idempotent."""
        with self._lock:
            server, thread, store = self._server, self._thread, self._store
            self._server = self._thread = self._store = None
        if server is None:
            return
        self._faults.release_holds()  # a request kept waiting would keep its worker from stopping
        server.stop()
        if thread is not None:
            thread.join(timeout=10)
        if store is not None:
            store.close()
        self._log.close()
        log.info("sandbox on port %s stopped", self._port)

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """True between ``start`` and ``stop``."""
        return self._server is not None

    # --- what tests and the demo use ----------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash). Raises ``RuntimeError`` before the first start
        when the port was left to the system."""
        if not self._port:
            raise RuntimeError("the sandbox has no port yet: call start() first")
        return f"http://{HOST}:{self._port}"

    def files_dir(self, user: str | None = None) -> Path:
        """Where ``user``'s (default: the sandbox user's) files live on disk."""
        return self.root / "data" / (user or self.user) / "files"

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of the requests seen since the last ``clear_requests`` (the last 200,000 of them;
        the request-log file keeps every one), oldest first."""
        return self._log.snapshot()

    @property
    def serving(self) -> int:
        """How many requests the server is handling right now: 0 once it has answered (or given up
        on) every request it received, a killed client's half-sent ones included."""
        return self._log.serving

    def clear_requests(self) -> None:
        """Forget the recorded requests (the request-log file keeps its lines)."""
        self._log.clear()

    def add_fault(
        self,
        method: str,
        path_pattern: str,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        after: bool = False,
    ) -> None:
        """Answer the next ``times`` requests with this method ("*": any) whose decoded path matches the
        regex ``path_pattern`` (``re.search``) with ``status`` and ``headers``, without reaching the file
        tree; the request body is read first. ``status=0`` closes the connection without an answer.
        With ``after`` the request is served as usual first (a MOVE assembles its file) and only then
        answered with ``status`` (the server's answer discarded), or dropped for 0: "the work was done
        but the client never heard". Raises ``ValueError`` on a bad status, ``times`` or pattern."""
        self._faults.add(method, path_pattern, status, times=times, headers=headers, after=after)

    def hold(self, method: str, path_pattern: str) -> Hold:
        """From now on keep every request with this method ("*": any) whose decoded path matches the
        regex ``path_pattern`` waiting, as a busy server does, until ``release()`` on the returned
        hold; its ``waiting`` says how many wait. Raises ``re.error`` on a bad pattern."""
        return self._faults.hold(method, path_pattern)

    # --- Nextcloud's account, quota and maintenance, as an admin would set them -------------------

    def app_passwords(self) -> list[str]:
        """The user's live app passwords, oldest first (the first is ``password`` until revoked)."""
        return self._accounts.snapshot()

    def approve_login(self) -> bool:
        """Grant the oldest pending login flow, as the person in the browser would; False if none."""
        return self._flows.approve_oldest()

    @property
    def quota(self) -> int | None:
        """The user's quota in bytes; None is unlimited."""
        return self._quota.limit

    def set_quota(self, quota: int | None) -> None:
        """Change the user's quota (bytes; None: unlimited), effective for the next request. Raises
        ``ValueError`` for a negative quota."""
        self._quota.set_limit(quota)

    def used_bytes(self) -> int:
        """Bytes the user stores (what counts against the quota)."""
        return self._quota.used()

    @property
    def calendar_limits(self) -> CalendarLimits:
        """Nextcloud's limits on making calendars, as set now."""
        return self._groupware.creations.limits

    def set_calendar_limits(self, limits: CalendarLimits) -> None:
        """Change the limits on making calendars (``occ config:app:set dav …``), effective at once."""
        self._groupware.creations.set_limits(limits)

    @property
    def maintenance(self) -> bool:
        """True while the server is in maintenance mode."""
        return self._maintenance.is_set()

    def set_maintenance(self, on: bool) -> None:
        """Enter or leave maintenance mode: ``/status.php`` says so and everything else answers 503."""
        if on:
            self._maintenance.set()
        else:
            self._maintenance.clear()

    def expire_uploads(self) -> int:
        """Delete every pending chunked-upload folder, as Nextcloud does after 24 h; returns how many."""
        return expire_uploads(self._uploads_dir(), self._book)

    # --- internals ------------------------------------------------------------------------------

    def _gateway(self, store: SqlitePropertyStore) -> NextcloudGateway:
        assembler = Assembler(
            user=self.user,
            files_dir=self.files_dir(),
            uploads_dir=self._uploads_dir(),
            store=store,
            sizes=self._sizes,
            quota=self._quota,
            instance_id=self.instance_id,
        )
        bulk = BulkUpload(assembler)
        uploads = ChunkedUploads(
            user=self.user, uploads_dir=self._uploads_dir(), book=self._book, quota=self._quota, assembler=assembler
        )
        return NextcloudGateway(
            self._dav_app(store),
            accounts=self._accounts,
            status=STATUS,
            request_log=self._log,
            faults=self._faults,
            quota=self._quota,
            maintenance=self._maintenance,
            login=LoginFlowPages(self._flows),
            ocs=OcsApi(self._accounts, self._quota, windows_compatible=self.windows_compatible,
                       bulk_upload=self.bulk_upload),
            uploads=uploads,
            groupware=self._groupware,
            albums=self.photo_albums,
            bulk=bulk if self.bulk_upload else None,
            request_cost=self.request_cost_ms / 1000,
        )

    def groupware_dir(self) -> Path:
        """Radicale's storage folder (its collections are under ``collection-root/<user>/``)."""
        return self.root / "radicale"

    def _uploads_dir(self) -> Path:
        return self.root / "data" / self.user / "uploads"

    def _remove_stale_parts(self) -> None:
        """Part files left by a previous run that was killed mid-upload are never completed (upload
        folders, whatever their name, are left for their clients)."""
        for part in self._uploads_dir().glob("*.part"):
            if part.is_file():
                part.unlink(missing_ok=True)

    def _dav_app(self, store: SqlitePropertyStore) -> WsgiDAVApp:
        """WsgiDAV serving the user's tree at both Nextcloud URLs, without its own auth or logging."""
        share = DAV_FILES_PREFIX + self.user
        shared: dict[str, Any] = {"instance_id": self.instance_id, "sizes": self._sizes, "quota": self._quota}
        files = NextcloudFilesProvider(self.files_dir(), self._uploads_dir(), **shared)
        legacy = NextcloudFilesProvider(self.files_dir(), self._uploads_dir(), **shared)
        config: dict[str, Any] = {
            # WsgiDAV 4.4 finds a share by its lower-cased path in a map keyed by the path as given, so
            # a share must be registered lower-case; its real spelling is restored below for hrefs.
            "provider_mapping": {share.lower(): files, LEGACY_PREFIX: legacy},
            "lock_storage": True,
            "property_manager": store,
            "middleware_stack": [ErrorPrinter, FolderGetHead, RequestResolver],
            "verbose": 1,
            "logging": {"enable": False},
            "dir_browser": {"enable": False},
            # The gateway hands over PATH_INFO already decoded to str.
            "hotfixes": {"re_encode_path_info": False, "unquote_path_info": False},
            "honor_mtime_header": False,  # X-OC-MTime is NextcloudFile's job (Nextcloud's rules)
            "add_header_MS_Author_Via": False,
            "suppress_version_info": True,
            "block_size": 256 * 1024,
        }
        app = WsgiDAVApp(config)
        files.set_share_path(share)
        return app
