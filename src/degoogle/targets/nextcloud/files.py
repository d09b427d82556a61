"""Files into a Nextcloud over WebDAV (``/remote.php/dav/files/<user>/``).

webdavclient3 holds the connection settings and session and creates folders (MKCOL); uploads and
listings go through the same session with ``requests`` because they need headers webdavclient3
does not send (``X-OC-Mtime``, ``OC-Checksum``, ``If-None-Match``) and properties it does not ask
for (``oc:checksums``). Its ``upload`` also checks the parent folder before every file: with
thousands of small files that doubles the requests, so we remember the folders we made or listed.

Idempotent write of one file (see DESIGN.md, "Idempotent writes"):
1. hash the source (SHA-1, streamed) — the checksum must be in the headers before the body;
2. if the folder listing shows a file of that name: identical (size + checksum, or the downloaded
   bytes when the server stored no checksum) → already there; different → keep both under the
   next free "name (2).ext";
3. ``PUT`` with ``If-None-Match: *`` so a file that appeared since the listing is never replaced
   (412 → back to step 2 for that name);
4. the body is streamed from the source with a constant-size buffer, hashed again on the way:
   a source that changed under us aborts the upload (Nextcloud discards a partial upload).

Many small files go in batches, one request each, when the server offers bulk upload (``bulk``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import groupby
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter
from webdav3.client import Client
from webdav3.exceptions import MethodNotSupported, WebDavException
from webdav3.urn import Urn

from degoogle.convert.names import name_key, numbered
from degoogle.errors import BadItemError, Cancelled, FatalError, RetryableError, UserError
from degoogle.model import Item, Kind, Outcome, RemoteFile, WriteResult
from degoogle.protocols.http import peer_session
from degoogle.targets.base import (
    NO_JOURNAL,
    BatchContext,
    BatchResult,
    Target,
    VerifyContext,
    VerifyResult,
    WriteContext,
)
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.body import StreamBody
from degoogle.targets.nextcloud.bulk import FOLDERS_AT_ONCE, BulkUpload
from degoogle.targets.nextcloud.chunked import DEFAULT_CHUNK, ChunkedUpload, ChunkingUnavailable
from degoogle.targets.nextcloud.server import NextcloudServer
from degoogle.targets.nextcloud.webdav import (
    PROPFIND_BODY,
    parse_multistatus,
    raise_for_status,
    transport_error,
)

log = logging.getLogger(__name__)

BUFFER = 1024 * 1024
#: files up to this size are read once into memory (hashed, then sent from the same bytes): opening
#: and reading each small file twice cost ~25 % of the client's CPU on 5,000 files of 20 KB
SMALL = BUFFER
TIMEOUT = (15, 300)
#: folders listed at once by ``verify`` (each a round trip: over a home link 4 left it idle)
VERIFY_AHEAD = 8
#: folder listings kept while verifying: items of a Takeout come interleaved across folders
LISTINGS_KEPT = 256


class LargeBlockAdapter(HTTPAdapter):
    """Sends request bodies in 1 MiB blocks instead of urllib3's 16 KiB: 60,000 fewer reads,
    hash updates and progress events per GB uploaded."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["blocksize"] = BUFFER
        super().init_poolmanager(*args, **kwargs)


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


class NextcloudFiles(Target):
    """The user's files in a Nextcloud. Thread-safe: one instance serves every worker."""

    kinds = frozenset({Kind.FILES})
    #: a bulk upload takes files of any folder
    batches_span_collections = True

    def __init__(self, account: NextcloudAccount, password: str, *, workers: int = 4,
                 verify_tls: bool | str = True, chunk_size: int = DEFAULT_CHUNK) -> None:
        self.account = account
        self.spec = account.spec
        base = urlsplit(account.base_url)
        self._client = Client({
            # webdavclient3 quotes the root itself: give it unquoted
            "webdav_hostname": f"{base.scheme}://{base.netloc}",
            "webdav_root": f"{base.path}/remote.php/dav/files/{account.user}",
            "webdav_login": account.user,
            "webdav_password": password,
            "webdav_timeout": TIMEOUT[1],
        })
        self._client.verify = verify_tls
        self._auth = (account.user, password)
        # webdavclient3 stays for its MKCOL (``mkdir``; the design card's WebDAV client); its own
        # requests.Session would follow a redirect anywhere, so it runs on ours (protocols.http)
        self._client.session.close()
        self.session: requests.Session = peer_session(account.base_url, self._auth)
        self._client.session = self.session
        self.session.verify = verify_tls
        self.session.headers["User-Agent"] = "degoogle (Nextcloud files)"
        # the workers, the bulk upload's folder steps and verify's listings each hold a connection
        adapter = LargeBlockAdapter(pool_connections=2, pool_maxsize=workers + 4 + max(FOLDERS_AT_ONCE, VERIFY_AHEAD),
                                    max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        #: Nextcloud's user id, which names the DAV folders: the login until the server says otherwise
        self.dav_user = account.user
        self.files_url = account.files_url
        self.chunked = ChunkedUpload(self, chunk_size)
        self.bulk = BulkUpload(self)
        self._folders: dict[str, dict[str, RemoteFile]] = {}
        self._folder_locks: dict[str, threading.Lock] = {}
        #: folders this run made (MKCOL answered 201): they hold only what this run wrote into them
        self._made: set[str] = set()
        self._lock = threading.Lock()

    def describe(self) -> str:
        return f"Nextcloud {self.account.host}, {self.account.user}"

    def url(self, path: str) -> str:
        return self.files_url + quote(path, safe="/")

    def _request(self, method: str, path: str, what: str, **kw: Any) -> requests.Response:
        return self.request_url(method, self.url(path), what, **kw)

    def request_url(self, method: str, url: str, what: str, *, timeout: tuple[float, float] = TIMEOUT,
                    **kw: Any) -> requests.Response:
        """One request on the shared session; transport failures become degoogle errors."""
        try:
            return self.session.request(method, url, timeout=timeout, **kw)
        except requests.RequestException as exc:
            raise transport_error(exc, what) from exc

    # -- checks --------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Check the server is up (not in maintenance), learn its chunking limits, check the password."""
        server = NextcloudServer(self.account.base_url, self.session, auth=self._auth)
        server.require_ready()
        try:
            caps = server.capabilities()
        except (UserError, BadItemError, FatalError) as exc:
            log.info("no capabilities from the server (%s): default chunking", exc.code)
        else:
            self.chunked.adapt(caps.chunking, caps.chunk_size)
            self.bulk.adapt(caps.raw)
        try:
            user_id = server.current_user().id
        except (UserError, BadItemError) as exc:
            log.info("user id not known (%s): using the login name in WebDAV paths", exc.code)
        else:
            self._use_user_id(user_id)
        response = self._request("PROPFIND", "", "sign in", headers={"Depth": "0"}, data=PROPFIND_BODY)
        raise_for_status(response, "sign in")

    def _use_user_id(self, user_id: str) -> None:
        """Address the DAV folders of ``user_id`` when it is not the login name."""
        if user_id == self.dav_user:
            return
        log.info("the account signs in as %s; its files live under user id %s", self.account.user, user_id)
        self.dav_user = user_id
        self.files_url = self.account.files_url_for(user_id)
        self.chunked.root = self.account.uploads_url_for(user_id)
        base = urlsplit(self.account.base_url)
        self._client.webdav.root = Urn(f"{base.path}/remote.php/dav/files/{user_id}").quote().rstrip(Urn.separate)
        self._folders.clear()

    # -- folders -------------------------------------------------------------------------------

    def _folder_lock(self, path: str) -> threading.Lock:
        with self._lock:
            return self._folder_locks.setdefault(path, threading.Lock())

    def list_folder(self, path: str) -> dict[str, RemoteFile]:
        """The folder's members by name, asked of the server (``{}`` if the folder does not exist)."""
        folder = f"{path}/" if path else ""
        response = self._request("PROPFIND", folder, f"list {path}", headers={"Depth": "1"}, data=PROPFIND_BODY)
        if response.status_code == 404:
            return {}
        raise_for_status(response, f"list {path}")
        return parse_multistatus(response.content, self.url(folder))

    def folder(self, path: str) -> dict[str, RemoteFile]:
        """Make sure the folder exists; its listing as we know it (made or listed once per run)."""
        if path == "":
            return self._known("", lambda: self.list_folder(""))
        known = self._folders.get(path)
        if known is not None:
            return known
        self.folder(_parent(path))
        return self._known(path, lambda: self._make_folder(path))

    def relist(self, path: str) -> dict[str, RemoteFile]:
        """The folder's listing asked of the server again, and known from now on (see ``folder``)."""
        with self._folder_lock(path):
            listing = self._folders[path] = self.list_folder(path)
            return listing

    def _known(self, path: str, fetch: Callable[[], dict[str, RemoteFile]]) -> dict[str, RemoteFile]:
        with self._folder_lock(path):
            known = self._folders.get(path)
            if known is None:
                known = fetch()
                self._folders[path] = known
            return known

    def made_here(self, path: str) -> bool:
        """Whether this run made the folder: it did not exist before, so what is in it was written
        by this run (the plan gave its items distinct names, ``plan`` and ``convert.names.name_key``)."""
        with self._lock:
            return path in self._made

    def _make_folder(self, path: str) -> dict[str, RemoteFile]:
        try:
            response = self._client.execute_request("mkdir", "/" + quote(path, safe="/") + "/")
            # webdavclient3 asks for a streamed answer and never reads it: read, its connection goes
            # back to the pool (else one new connection per folder: a round trip more, two with TLS)
            _ = response.content
            response.close()
            with self._lock:
                self._made.add(path)
            return {}
        except MethodNotSupported:
            # 405: it exists already (RFC 4918 §9.3.1) — learn what it holds
            return self.list_folder(path)
        except WebDavException as exc:
            code = getattr(exc, "code", None)
            if code in (401,):
                raise FatalError(f"create folder {path}: HTTP 401", code="auth_failed") from exc
            if code is not None and (code >= 500 or code in (423, 429)):
                raise RetryableError(f"create folder {path}: HTTP {code}", code="temporary") from exc
            if code == 507:
                raise FatalError(f"create folder {path}: HTTP 507", code="no_space") from exc
            raise BadItemError(f"create folder {path}: {type(exc).__name__} {code or ''}".strip(),
                               code="refused_by_server") from exc
        except requests.RequestException as exc:
            raise transport_error(exc, f"create folder {path}") from exc

    # -- writing -------------------------------------------------------------------------------

    def _read(self, item: Item, ctx: WriteContext, keep: bool) -> tuple[str, bytes | None]:
        """The source's SHA-1 (streamed), and its bytes when ``keep`` (small files only)."""
        sha1 = hashlib.sha1(usedforsecurity=False)
        kept: list[bytes] = []
        with ctx.source.open(item) as stream:
            while chunk := stream.read(BUFFER):
                if ctx.should_stop():
                    raise Cancelled("stopped while reading")
                sha1.update(chunk)
                if keep:
                    kept.append(chunk)
        data = b"".join(kept) if keep else None
        if data is not None and len(data) != item.size:
            raise BadItemError(f"{item.source_path}: {len(data)} bytes instead of {item.size}", code="source_changed")
        return sha1.hexdigest(), data

    def exists_with_size(self, path: str, size: int) -> bool:
        """Whether ``path`` is a file of ``size`` bytes now (asked of the server, not the cache)."""
        response = self._request("PROPFIND", path, f"look at {path}", headers={"Depth": "0"}, data=PROPFIND_BODY)
        if response.status_code == 404:
            return False
        raise_for_status(response, f"look at {path}")
        found = parse_multistatus(response.content, self.url(_parent(path) + "/") if _parent(path) else self.url(""))
        remote = found.get(_base(path))
        return remote is not None and not remote.is_dir and remote.size == size

    def _remote_sha1(self, path: str, remote: RemoteFile) -> str:
        if "SHA1" in remote.checksums:
            return remote.checksums["SHA1"]
        sha1 = hashlib.sha1(usedforsecurity=False)
        response = self._request("GET", path, f"compare {path}", stream=True)
        with response:
            raise_for_status(response, f"compare {path}")
            for chunk in response.iter_content(BUFFER):
                sha1.update(chunk)
        return sha1.hexdigest()

    def _same(self, path: str, remote: RemoteFile, size: int, sha1: str) -> bool:
        return not remote.is_dir and remote.size == size and self._remote_sha1(path, remote) == sha1

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        folder = _parent(item.target_path)
        listing = self.folder(folder)
        sha1: str | None = None
        data: bytes | None = None
        if item.size <= SMALL:
            sha1, data = self._read(item, ctx, keep=True)
        path = item.target_path
        n = 1
        while True:
            remote = listing.get(_base(path))
            if remote is None:
                uploaded, sha1 = self._upload(path, item, ctx, sha1, data)
                if uploaded:
                    break
                # the name was taken since we listed the folder (or before a crash): look at it
                remote = self.list_folder(folder).get(_base(path))
                if remote is None:
                    raise RetryableError(f"upload {path}: name taken then gone", code="temporary")
                listing[remote.name] = remote
            sha1 = sha1 or self._read(item, ctx, keep=False)[0]
            if self._same(path, remote, item.size, sha1):
                if n == 1:
                    return WriteResult(Outcome.ALREADY_THERE, path, f"SHA1:{sha1}")
                break  # our own earlier "kept both" copy, written before a crash
            path, n = self._numbered(item.target_path, n + 1, listing)
        if n > 1:
            return WriteResult(Outcome.KEPT_BOTH, path, f"SHA1:{sha1}", reason="kept_both",
                               detail=f"{item.target_path} held a different file")
        return WriteResult(Outcome.MOVED, path, f"SHA1:{sha1}")

    @staticmethod
    def _numbered(target_path: str, n: int, listing: dict[str, RemoteFile]) -> tuple[str, int]:
        """``(name (n).ext, n)`` in the same folder, skipping numbers whose name differs only by case."""
        folder, name = _parent(target_path), _base(target_path)
        while True:
            candidate = numbered(name, n)
            if not any(name_key(other) == name_key(candidate) and other != candidate for other in listing):
                return (f"{folder}/{candidate}" if folder else candidate), n
            n += 1

    def _upload(self, path: str, item: Item, ctx: WriteContext, sha1: str | None,
                data: bytes | None) -> tuple[bool, str | None]:
        """Write a new file at ``path``: in chunks when it is big and the server can, else in one PUT.
        Returns ``(written, sha1 if known)``."""
        if item.size > self.chunked.chunk_size and self.chunked.available:
            try:
                uploaded, sent = self.chunked.upload(item, path, ctx)
                return uploaded, sent or sha1
            except ChunkingUnavailable as exc:
                log.info("no chunked upload on this server (%s): one PUT per file", exc)
        sha1 = sha1 or self._read(item, ctx, keep=False)[0]
        return self._put(path, item, sha1, ctx, data), sha1

    def _put(self, path: str, item: Item, sha1: str, ctx: WriteContext, data: bytes | None) -> bool:
        """Upload ``data``, or stream the source when it is None; True when written, False when
        the name was taken (412)."""
        headers = {"If-None-Match": "*", "OC-Checksum": f"SHA1:{sha1}", "Content-Type": "application/octet-stream"}
        if item.mtime is not None:
            headers["X-OC-Mtime"] = str(int(item.mtime))
        if data is not None:
            response = self._request("PUT", path, f"upload {path}", data=data, headers=headers)
            sent = sha1
            if response.status_code < 300:
                ctx.on_bytes(len(data))
        else:
            digest = hashlib.sha1(usedforsecurity=False)
            with ctx.source.open(item) as stream:
                body = StreamBody(stream, item.size, ctx, digest, whole=True)
                response = self._request("PUT", path, f"upload {path}", data=body, headers=headers)
            sent = digest.hexdigest()
        if response.status_code == 412:
            return False
        if response.status_code == 400 and sent != sha1:
            raise BadItemError(f"upload {path}: the file changed while it was being copied", code="source_changed")
        raise_for_status(response, f"upload {path}")
        if sent != sha1:
            raise RetryableError(f"upload {path}: content changed during upload", code="checksum_mismatch")
        # What we upload is not added to the folder's listing: names come from the plan, and the
        # listing stays as small as what was there before us (memory flat whatever the run's size).
        return True

    def batch_limits(self) -> tuple[int, int] | None:
        """Small files go in batches when the server takes bulk uploads (``bulk``)."""
        return self.bulk.limits()

    def write_batch(self, items: Sequence[Item], ctx: BatchContext) -> list[BatchResult]:
        return self.bulk.write_batch(items, ctx)

    # -- verification --------------------------------------------------------------------------

    def verify(self, items: Iterable[Item], ctx: VerifyContext = NO_JOURNAL) -> Iterator[VerifyResult]:
        """One listing per folder, kept for the items that come back to it (a Takeout's items come
        interleaved across folders: up to ``LISTINGS_KEPT`` listings are kept, the oldest dropped);
        up to ``VERIFY_AHEAD`` runs of items are looked at ahead, their folders listed at once (a
        listing costs the server far more than our compare)."""
        with ThreadPoolExecutor(VERIFY_AHEAD, thread_name_prefix="degoogle-verify") as pool:
            listings: OrderedDict[str, Future[dict[str, RemoteFile]]] = OrderedDict()
            ahead: deque[tuple[Future[dict[str, RemoteFile]], list[Item]]] = deque()
            for folder, group in groupby(items, key=lambda item: _parent(item.target_path)):
                listing = listings.get(folder)
                if listing is None:
                    listing = listings[folder] = pool.submit(self.list_folder, folder)
                    while len(listings) > LISTINGS_KEPT:
                        listings.popitem(last=False)
                else:
                    listings.move_to_end(folder)
                ahead.append((listing, list(group)))
                if len(ahead) > VERIFY_AHEAD:
                    yield from self._verified(*ahead.popleft())
            while ahead:
                yield from self._verified(*ahead.popleft())

    @staticmethod
    def _verified(listing: Future[dict[str, RemoteFile]], items: list[Item]) -> Iterator[VerifyResult]:
        found = listing.result()
        for item in items:
            remote = found.get(_base(item.target_path))
            if remote is None or remote.is_dir:
                yield VerifyResult(item, False, "missing_at_target")
            elif remote.size != item.size:
                yield VerifyResult(item, False, "size_mismatch", f"{remote.size} bytes, expected {item.size}")
            elif item.checksum and "SHA1" in remote.checksums and f"SHA1:{remote.checksums['SHA1']}" != item.checksum:
                yield VerifyResult(item, False, "checksum_mismatch", f"server has SHA1:{remote.checksums['SHA1']}")
            else:
                yield VerifyResult(item, True)

    def close(self) -> None:
        self.bulk.close()
        self.session.close()
