"""What a Nextcloud says about itself: where it lives, whether it is up, its rules and the user's space.

Terminology: the *base URL* is where Nextcloud is installed (``https://cloud.example.org`` or, for a
sub-path install, ``https://example.org/nextcloud``), with no trailing slash and no ``/index.php``;
every endpoint below is relative to it.

Sections of Nextcloud's developer manual followed:

- ``client_apis/OCS/ocs-api-overview.rst`` ("Capabilities API", "User metadata"): OCS requests carry
  ``OCS-APIRequest: true``; ``format=json`` (or ``Accept: application/json``) gives the JSON envelope
  ``{"ocs": {"meta": {...}, "data": {...}}}``; on ``/ocs/v2.php`` the HTTP status mirrors
  ``meta.statuscode``. ``/cloud/capabilities`` holds ``data.capabilities.files`` (forbidden names and
  ``chunked_upload.max_size``, server's ``apps/files/lib/Capabilities.php``); ``/cloud/user`` holds the
  signed-in user's ``id`` and ``quota`` (``free``, ``used``, ``total``, ``relative``, ``quota``; a
  negative ``quota`` is "unlimited", and then ``free`` is the free space of the server's disk).
- ``client_apis/general.rst`` ("Generic Errors, Maintenance Mode"): a server in maintenance answers 503
  with ``X-Nextcloud-Maintenance-Mode: 1`` (and ``Retry-After: 120``); ``/status.php`` still answers,
  with ``"maintenance": true``.
- Admin manual ``issues/general_troubleshooting.rst`` ("Service discovery"): ``/.well-known/caldav``
  redirects to ``<base>/remote.php/dav``; that is how a web root tells where a sub-path Nextcloud is.
"""

from __future__ import annotations

import logging
import re
import socket
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from defusedxml import ElementTree
from urllib3.exceptions import NameResolutionError

from degoogle.convert.names import NameRules
from degoogle.errors import FatalError, RetryableError, UserError
from degoogle.locality import is_this_computer
from degoogle.protocols.http import PeerSession, peer_session
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.webdav import retry_after

log = logging.getLogger(__name__)

#: what Nextcloud shows in the user's list of devices and sessions (Settings → Security)
TIMEOUT = (10, 30)
OCS_HEADERS = {"OCS-APIRequest": "true", "Accept": "application/json"}
#: Nextcloud's own default for ``files.chunked_upload.max_size`` (``ChunkedUploadConfig``), used when
#: a server (older than 28, or answering anonymously) does not say
DEFAULT_CHUNK_SIZE = 100 * 1024 * 1024
DEFAULT_PARALLEL_CHUNKS = 5
#: seconds to wait when a server in maintenance does not say (Nextcloud itself sends 120)
MAINTENANCE_RETRY = 120.0

_QUOTA_PROPFIND = (
    b'<?xml version="1.0"?>\n<d:propfind xmlns:d="DAV:"><d:prop><d:quota-available-bytes/>'
    b"</d:prop></d:propfind>"
)

# Path segments that are Nextcloud's entry points or its "pretty URL" routes: whatever follows one of
# them in a typed address is a page inside Nextcloud, never part of where it is installed.
_ENTRY_SEGMENTS = frozenset({
    "index.php", "remote.php", "public.php", "status.php", "ocs", "ocs-provider", "cron.php",
    ".well-known", "apps", "login", "settings", "s", "f",
})


def make_session() -> PeerSession:
    """An anonymous session that names degoogle to the server (``protocols.http``: credentials passed
    per request never follow a redirect to another origin)."""
    return peer_session()


def normalise_base_url(typed: str) -> str:
    """The base URL for what a person typed: ``cloud.example.org``, ``https://cloud.example.org/``,
    ``…/index.php``, ``…/index.php/apps/files?dir=/``, ``https://example.org/nextcloud/``.

    No network: a bare host gets ``https://`` (``http://`` on this computer); user names, queries,
    fragments, default ports and Nextcloud pages are dropped. Raises ``UserError`` (``bad_target``)
    when there is no host or an unknown scheme, and (``insecure_target``) for plain http anywhere
    but this computer (``locality.is_this_computer``).
    """
    text = typed.strip().removeprefix("nextcloud:")
    if any(c.isspace() for c in text):
        raise UserError(f"not a server address (it holds a space): {typed!r}", code="address_has_spaces",
                        subject=typed.strip())
    if "://" not in text:
        host = urlsplit("//" + text).hostname or ""
        text = ("http://" if is_this_computer(host) else "https://") + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise UserError(f"not a server address: {typed!r}", code="bad_target") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not parts.hostname or not _HOST.fullmatch(parts.hostname):
        raise UserError(f"not a server address: {typed!r} (try cloud.example.org)", code="bad_target",
                        subject=typed.strip())
    host = parts.hostname.lower()
    if scheme == "http" and not is_this_computer(host):
        raise UserError("plain http is only allowed for a server on this computer (127.0.0.1); use https",
                        code="insecure_target")
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != {"https": 443, "http": 80}[scheme]:
        host = f"{host}:{port}"
    kept: list[str] = []
    for segment in parts.path.split("/"):
        if segment.lower() in _ENTRY_SEGMENTS:
            break
        if segment:
            kept.append(segment)
    path = "".join(f"/{segment}" for segment in kept)
    return f"{scheme}://{host}{path}"


#: a host name (letters of any script, digits, hyphens, dots), an IPv4 address or an IPv6 one in brackets
_HOST = re.compile(r"[\w-]+(\.[\w-]+)*\.?|[0-9a-fA-F:.]+", re.UNICODE)


def _name_not_found(exc: BaseException) -> bool:
    """Whether a connection failed because the host name does not resolve (a typo, most often), as
    opposed to a server that does not answer."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        err = todo.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, socket.gaierror | NameResolutionError):
            return True
        todo += [e for e in (err.__cause__, err.__context__, getattr(err, "reason", None), *err.args)
                 if isinstance(e, BaseException)]
    return False


def no_answer(base_url: str, exc: requests.RequestException) -> UserError | RetryableError:
    """The error for a request that got no answer: ``host_not_found`` (``UserError``, no use waiting)
    when the name does not resolve, else ``unreachable`` (``RetryableError``: the server is down)."""
    parts = urlsplit(base_url)
    if _name_not_found(exc):
        return UserError(f"{base_url}: no server has this name", code="host_not_found",
                         subject=parts.hostname or base_url)
    return RetryableError(f"{base_url}: no answer ({type(exc).__name__})", code="unreachable",
                          subject=parts.netloc or base_url)


@dataclass(frozen=True)
class ServerStatus:
    """``/status.php``: no authentication needed, and answered even in maintenance."""

    installed: bool
    maintenance: bool
    needs_db_upgrade: bool
    version: str
    versionstring: str
    productname: str

    @property
    def ready(self) -> bool:
        """True when the server takes requests (installed, not in maintenance, not mid-upgrade)."""
        return self.installed and not self.maintenance and not self.needs_db_upgrade


@dataclass(frozen=True)
class ServerCapabilities:
    """The OCS capabilities that shape a migration. ``chunk_size`` is the largest chunk the server
    takes in a chunked upload (``files.chunked_upload.max_size``; ``DEFAULT_CHUNK_SIZE`` when not said);
    ``chunking`` is False when the server's administrator turned chunked uploads off (max_size 0)."""

    version: str
    name_rules: NameRules
    chunk_size: int
    chunking: bool
    max_parallel_chunks: int
    raw: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Quota:
    """The signed-in user's space, in bytes. ``free`` is what the server will still take, or None
    when it does not say; with an unlimited quota (``limit`` None) Nextcloud reports its disk's free
    space as ``free``, which is a limit too. ``total`` is used + free when the server says."""

    used: int
    free: int | None
    total: int | None
    limit: int | None

    def room_for(self, size: int) -> bool:
        """True unless the server said it has less than ``size`` bytes free."""
        return self.free is None or size <= self.free


@dataclass(frozen=True)
class UserInfo:
    """``/cloud/user``: ``id`` names the WebDAV folder (``/remote.php/dav/files/<id>/``); it can
    differ from the login name (an e-mail address, an LDAP login)."""

    id: str
    display_name: str
    quota: Quota


def _object(parent: dict[str, Any], key: str) -> dict[str, Any]:
    """``parent[key]`` when it is a JSON object, else an empty one (PHP sends ``[]`` for empty maps)."""
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _byte_count(value: Any) -> int | None:
    """A byte count from OCS (int, float or numeric string); None for missing or negative values,
    which Nextcloud uses for "unknown", "not computed" and "unlimited" (-2, -1, -3)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    else:
        return None
    return number if number >= 0 else None


class NextcloudServer:
    """One Nextcloud at ``base_url`` (see ``normalise_base_url``), spoken to through ``session``.

    ``auth`` is (login name, app password) for the calls that need a user. Every call raises
    ``RetryableError`` ``unreachable`` when no answer came, ``server_maintenance`` in maintenance,
    ``temporary`` on 429/5xx; ``FatalError`` ``tls_error`` when the certificate is refused,
    ``auth_failed`` on 401, ``server_refused`` on another refusal; ``UserError`` ``not_nextcloud``
    when the answer is not Nextcloud's.
    """

    def __init__(self, base_url: str, session: requests.Session | None = None, *,
                 auth: tuple[str, str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or make_session()
        self.auth = auth

    @classmethod
    def for_account(cls, account: NextcloudAccount, password: str,
                    session: requests.Session | None = None) -> NextcloudServer:
        """The server of ``account``, signed in with its app password."""
        return cls(account.base_url, session, auth=(account.user, password))

    @classmethod
    def discover(cls, typed: str, session: requests.Session | None = None) -> NextcloudServer:
        """Find the Nextcloud a person means by ``typed`` and check it is installed and up.

        Probes ``<base>/status.php``, following the server's redirects (http → https, another host):
        where it finally answered is the base. If that is not a Nextcloud, asks the web root's
        ``/.well-known/caldav``, which a sub-path install redirects to ``<base>/remote.php/dav``.
        Raises as the class says; maintenance is ``RetryableError`` ``server_maintenance``.
        """
        session = session or make_session()
        base = normalise_base_url(typed)
        try:
            return cls(base, session)._checked_base()
        except UserError as first:
            if first.code != "not_nextcloud":
                raise
            found = cls._well_known_base(base, session)
            if found is None or found == base:
                raise
            log.info("%s points to Nextcloud at %s", base, found)
            return cls(found, session)._checked_base()

    def _checked_base(self) -> NextcloudServer:
        response = self._get("/status.php", "status.php", ocs=False)
        final = urlsplit(response.url)
        self._refuse_downgrade(response.url)
        status = self._parse_status(response)
        moved = final.path.removesuffix("/status.php").rstrip("/")
        server = NextcloudServer(f"{final.scheme}://{final.netloc}{moved}", self.session, auth=self.auth)
        if server.base_url != self.base_url:
            log.info("%s moved to %s", self.base_url, server.base_url)
        server.require_ready(status)
        return server

    @staticmethod
    def _well_known_base(base: str, session: requests.Session) -> str | None:
        parts = urlsplit(base)
        try:
            response = session.get(f"{parts.scheme}://{parts.netloc}/.well-known/caldav", timeout=TIMEOUT)
        except requests.RequestException:
            return None
        path = urlsplit(response.url).path.rstrip("/")
        if not path.endswith("/remote.php/dav"):
            return None
        found = urlsplit(response.url)
        try:
            NextcloudServer._refuse_downgrade(response.url)
        except UserError:
            return None
        return f"{found.scheme}://{found.netloc}{path.removesuffix('/remote.php/dav')}"

    @staticmethod
    def _refuse_downgrade(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" and not is_this_computer(parts.hostname):
            raise UserError(f"the server sent us to plain http ({parts.netloc}); refusing to go on without https",
                            code="insecure_target")

    # --- the calls ------------------------------------------------------------------------------

    def status(self) -> ServerStatus:
        """``/status.php`` as it is, maintenance included (see ``require_ready``)."""
        return self._parse_status(self._get("/status.php", "status.php", ocs=False))

    def require_ready(self, status: ServerStatus | None = None) -> ServerStatus:
        """The status, or ``RetryableError`` ``server_maintenance`` when the server is in maintenance
        or mid-upgrade, ``UserError`` ``not_installed`` when Nextcloud is not installed there yet."""
        status = status or self.status()
        if not status.installed:
            raise UserError(f"{self.base_url}: Nextcloud is not installed there yet", code="not_installed")
        if status.maintenance or status.needs_db_upgrade:
            raise RetryableError(f"{self.base_url} is in maintenance; try again later",
                                 code="server_maintenance", retry_after=MAINTENANCE_RETRY)
        return status

    def capabilities(self) -> ServerCapabilities:
        """``/ocs/v2.php/cloud/capabilities``. Signed in (``auth``) the answer holds the ``files``
        rules; anonymous, a server may leave them out and ``nextcloud_default`` rules apply."""
        data = self._ocs("/ocs/v2.php/cloud/capabilities", "capabilities")
        caps = _object(data, "capabilities")
        files = _object(caps, "files")
        chunked = _object(files, "chunked_upload")
        max_size = _byte_count(chunked.get("max_size"))
        parallel = _byte_count(chunked.get("max_parallel_count"))
        version = _object(data, "version")
        return ServerCapabilities(
            version=str(version.get("string", "")),
            name_rules=NameRules.from_capabilities(files),
            chunk_size=max_size or DEFAULT_CHUNK_SIZE,
            chunking=max_size != 0,
            max_parallel_chunks=parallel or DEFAULT_PARALLEL_CHUNKS,
            raw=caps,
        )

    def current_user(self) -> UserInfo:
        """``/ocs/v2.php/cloud/user``: who ``auth`` signs in as, and their quota. Needs ``auth``."""
        data = self._ocs("/ocs/v2.php/cloud/user", "user", needs_auth=True)
        quota = _object(data, "quota")
        used = _byte_count(quota.get("used")) or 0
        free = _byte_count(quota.get("free"))
        limit = _byte_count(quota.get("quota"))
        if free is None and limit is not None:
            # an account whose files were never touched: Nextcloud sends only "quota" and "used"
            free = max(limit - used, 0)
        total = _byte_count(quota.get("total"))
        if total is None and free is not None:
            total = used + free
        user_id = data.get("id")
        if not isinstance(user_id, str) or not user_id:
            raise UserError(f"{self.base_url}: the user endpoint gave no user id", code="not_nextcloud")
        name = data.get("display-name") or data.get("displayname") or user_id
        return UserInfo(user_id, str(name), Quota(used, free, total, limit))

    def quota(self) -> Quota:
        """The signed-in user's space: ``free`` is ``cloud/user``'s ``free``, else ``quota - used``
        when a quota is set, else the ``quota-available-bytes`` WebDAV property of the user's files
        root; None only when none of these says. Needs ``auth``; raises as the class says."""
        user = self.current_user()
        if user.quota.free is not None:
            return user.quota
        available = self.files_root_available(user.id)
        if available is None:
            return user.quota
        return replace(user.quota, free=available, total=user.quota.used + available)

    def files_root_available(self, user_id: str) -> int | None:
        """``{DAV:}quota-available-bytes`` of ``/remote.php/dav/files/<user_id>/`` (RFC 4331); None
        when the server does not say, or says "unknown"/"unlimited" (negative values)."""
        url = f"{self.base_url}/remote.php/dav/files/{quote(user_id, safe='')}/"
        try:
            response = self.session.request("PROPFIND", url, auth=self.auth, headers={"Depth": "0"},
                                            data=_QUOTA_PROPFIND, timeout=TIMEOUT)
        except requests.RequestException as exc:
            log.info("no quota-available-bytes (%s)", type(exc).__name__)
            return None
        if response.status_code != 207:
            log.info("no quota-available-bytes: HTTP %d", response.status_code)
            return None
        try:
            root = ElementTree.fromstring(response.content)
        except ElementTree.ParseError:
            return None
        return _byte_count((root.findtext(".//{DAV:}quota-available-bytes") or "").strip())

    # --- HTTP -----------------------------------------------------------------------------------

    def _ocs(self, path: str, what: str, *, needs_auth: bool = False) -> dict[str, Any]:
        if needs_auth and self.auth is None:
            raise ValueError(f"{what} needs a signed-in NextcloudServer (auth)")
        response = self._get(path, what, ocs=True)
        try:
            body = response.json()
            data = body["ocs"]["data"]
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError(f"{self.base_url}: {what} did not answer like Nextcloud's OCS API",
                            code="not_nextcloud") from exc
        return data if isinstance(data, dict) else {}

    def _get(self, path: str, what: str, *, ocs: bool) -> requests.Response:
        params = {"format": "json"} if ocs else None
        try:
            # credentials go only where a user is needed (OCS), never to status.php
            response = self.session.get(self.base_url + path, params=params, auth=self.auth if ocs else None,
                                        headers=OCS_HEADERS if ocs else None, timeout=TIMEOUT)
        except requests.exceptions.SSLError as exc:
            raise FatalError(f"{self.base_url}: the server's certificate could not be verified",
                             code="tls_error") from exc
        except requests.RequestException as exc:
            raise no_answer(self.base_url, exc) from exc
        check_answer(response, f"{self.base_url}: {what}")
        return response

    def _parse_status(self, response: requests.Response) -> ServerStatus:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or "installed" not in body or "version" not in body:
            raise UserError(f"{self.base_url} does not look like a Nextcloud (no status.php there)",
                            code="not_nextcloud")
        return ServerStatus(
            installed=bool(body.get("installed")),
            maintenance=bool(body.get("maintenance")),
            needs_db_upgrade=bool(body.get("needsDbUpgrade")),
            version=str(body.get("version", "")),
            versionstring=str(body.get("versionstring", "")),
            productname=str(body.get("productname", "")),
        )


def check_answer(response: requests.Response, what: str) -> None:
    """Raise the degoogle error for a refused answer from a server-level call; nothing for < 400.

    401 → ``FatalError`` ``auth_failed``; 503 in maintenance (``X-Nextcloud-Maintenance-Mode`` or
    the word in the body) → ``RetryableError`` ``server_maintenance`` honouring ``Retry-After``;
    507 → ``FatalError`` ``no_space``; 408/425/429/5xx → ``RetryableError`` ``temporary``; 404 →
    ``UserError`` ``not_nextcloud``; anything else → ``FatalError`` ``server_refused``.
    """
    status = response.status_code
    if status < 400:
        return
    detail = f"{what}: HTTP {status} {response.reason}"
    if status == 401:
        raise FatalError(f"{detail}: the server refused the password; sign in again with degoogle login",
                         code="auth_failed")
    if status == 503 and (response.headers.get("X-Nextcloud-Maintenance-Mode") == "1"
                          or "maintenance" in response.text[:2000].lower()):
        raise RetryableError(f"{detail}: the server is in maintenance", code="server_maintenance",
                             retry_after=retry_after(response) or MAINTENANCE_RETRY)
    if status == 507:
        raise FatalError(f"{detail}: no space left at the hoster", code="no_space")
    if status in (408, 425, 429) or status >= 500:
        raise RetryableError(detail, code="temporary", retry_after=retry_after(response))
    if status == 404:
        raise UserError(f"{detail}: not found; is this a Nextcloud?", code="not_nextcloud")
    raise FatalError(detail, code="server_refused")
