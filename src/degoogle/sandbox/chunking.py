"""Chunked upload (v2, and v1 as its fallback): ``/remote.php/dav/uploads/<user>/<id>/…``.

Followed: developer manual ``client_apis/WebDAV/chunking.rst``; for what it leaves out,
nextcloud/server's ``apps/dav/lib/Upload/ChunkingV2Plugin.php``, ``ChunkingPlugin.php`` and
``apps/dav/lib/Connector/Sabre/QuotaPlugin.php``.

- ``MKCOL …/uploads/<user>/<id>`` → 201 (405 if it exists). With a ``Destination`` header (a URL
  under ``/remote.php/dav/files/<user>/``) the upload is v2; without, v1.
- ``PUT …/<id>/<n>`` stores one chunk atomically (a part file renamed into place) → 201. In a v2
  upload ``n`` must be a number from 1 to 10000 (``00001`` is 1; else 400 "Invalid chunk name, must be
  numeric between 1 and 10000"), and ``Destination`` must come with every chunk: Nextcloud would
  silently treat a chunk without it as a v1 chunk, which on S3 storage is lost at assembly; the
  sandbox refuses it with 400 instead so the bug shows. With ``Destination`` and ``OC-Total-Length``
  the quota is checked before the chunk is read (507). A missing upload folder is 404.
- ``PROPFIND`` (Depth 0 or 1) on ``…/uploads/<user>/``, an upload folder or a chunk lists folders and
  chunks with ``getcontentlength``; ``GET`` of a chunk is 405 "Reading intermediate uploads is not
  allowed"; ``DELETE`` of the folder aborts the upload (204).
- ``MOVE …/<id>/.file`` with ``Destination`` assembles: Sabre's preconditions first (``If-None-Match:
  *`` is always 412, since ``.file`` exists; ``Overwrite: F`` onto an existing file is 412; a missing
  destination folder is 409), then the quota (507, "Insufficient space in …"), then ``OC-Total-Length``
  (400 "Chunks on server do not sum up to X but to Y bytes"), then, for v2, the size rule: every chunk
  but the last between 5 MiB and 5 GiB. Nextcloud leaves that rule to S3 (primary object storage),
  whose refusal of the multipart upload it reports as 500 ``OCP\\Files\\GenericFileException`` "Could
  not write chunked file" after aborting the upload; the sandbox does the same and drops the upload
  folder. Chunks are then streamed, in numeric order (v1: natural name order), into a part file,
  checked against ``OC-Checksum`` like a PUT, given ``X-OC-Mtime``, renamed over the destination;
  201 (new) or 204 (replaced) with ``OC-ETag``, ``ETag``, ``OC-FileId``, ``X-OC-MTime: accepted``;
  the upload folder is removed.

Upload metadata (v1 or v2) is kept in memory, as Nextcloud keeps it in its distributed cache; an
upload whose metadata is gone (a new sandbox process) is handled as v1, as Nextcloud handles it.
"""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path
from typing import Any

from wsgidav import util
from wsgidav.dav_error import DAVError

from degoogle.sandbox.assembly import Assembler, destination_path
from degoogle.sandbox.quota import Quota
from degoogle.sandbox.sabre import XML_TYPE, SabreAnswer, multistatus, requested_properties
from degoogle.sandbox.upload import PartFile
from degoogle.sandbox.wire import SMALL_BODY_LIMIT, StartResponse, answer, content_length, header

log = logging.getLogger(__name__)

UPLOADS_PREFIX = "/remote.php/dav/uploads/"
FUTURE_FILE = ".file"
MAX_CHUNK_NUMBER = 10000
_BLOCK = 1024 * 1024


class UploadBook:
    """What the sandbox remembers about uploads in progress: each upload's v2 destination (None for
    v1) and a lock per upload, so one upload is never assembled twice at once. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._destinations: dict[str, str | None] = {}
        self._locks: dict[str, threading.Lock] = {}

    def started(self, upload_id: str, destination: str | None) -> None:
        with self._lock:
            self._destinations[upload_id] = destination

    def is_v2(self, upload_id: str) -> bool:
        with self._lock:
            return self._destinations.get(upload_id) is not None

    def lock_for(self, upload_id: str) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(upload_id, threading.Lock())

    def forget(self, upload_id: str | None = None) -> None:
        """Forget one upload, or every upload when ``upload_id`` is None."""
        with self._lock:
            if upload_id is None:
                self._destinations.clear()
                self._locks.clear()
            else:
                self._destinations.pop(upload_id, None)
                self._locks.pop(upload_id, None)


def expire_uploads(uploads_dir: Path, book: UploadBook) -> int:
    """Delete every pending upload folder under ``uploads_dir`` (Nextcloud's ``UploadCleanup`` job does
    it after 24 h of inactivity); returns how many there were."""
    count = 0
    for folder in uploads_dir.iterdir() if uploads_dir.is_dir() else []:
        if folder.is_dir():
            with book.lock_for(folder.name):
                shutil.rmtree(folder, ignore_errors=True)
            count += 1
    book.forget()
    return count


def _chunk_number(name: str) -> int | None:
    return int(name) if name.isascii() and name.isdigit() and 1 <= int(name) <= MAX_CHUNK_NUMBER else None


class ChunkedUploads:
    """The uploads URL space of one user, served from ``uploads_dir`` (beside the part files, on the
    same filesystem as ``files_dir`` so that assembling ends with one atomic rename)."""

    def __init__(
        self, *, user: str, uploads_dir: Path, book: UploadBook, quota: Quota, assembler: Assembler
    ) -> None:
        self.user = user
        self.uploads_dir = uploads_dir
        self.book = book
        self.quota = quota
        self.assembler = assembler
        self.home = UPLOADS_PREFIX + user

    def __call__(self, environ: dict[str, Any], start_response: StartResponse, path: str) -> list[bytes]:
        """Answer ``path`` (``/remote.php/dav/uploads/<user>…``, normalised, user authenticated)."""
        parts = [p for p in path[len(self.home) :].split("/") if p]
        method = environ["REQUEST_METHOD"].upper()
        try:
            if len(parts) > 2 or any(p in (".", "..") for p in parts):
                raise SabreAnswer(404, "NotFound", f"File with name {path} could not be located")
            upload_id, name = (parts + [None, None])[:2]
            return self._dispatch(environ, start_response, method, upload_id, name)
        except SabreAnswer as refused:
            return answer(environ, start_response, refused.status, refused.body(), XML_TYPE)

    # --- routing --------------------------------------------------------------------------------

    def _dispatch(
        self, environ: dict[str, Any], start: StartResponse, method: str, upload_id: str | None, name: str | None
    ) -> list[bytes]:
        if method == "PROPFIND":
            return self._propfind(environ, start, upload_id, name)
        if upload_id is None:
            raise SabreAnswer(405, "MethodNotAllowed", f"{method} is not allowed on the uploads home")
        folder = self.uploads_dir / upload_id
        if method == "MKCOL" and name is None:
            return self._mkcol(environ, start, upload_id, folder)
        if method == "DELETE":
            return self._delete(environ, start, upload_id, folder, name)
        if method in ("GET", "HEAD") and name is not None:
            raise SabreAnswer(405, "MethodNotAllowed", "Reading intermediate uploads is not allowed")
        if method == "PUT" and name is not None:
            return self._put(environ, start, upload_id, folder, name)
        if method == "MOVE" and name == FUTURE_FILE:
            with self.book.lock_for(upload_id):
                # checked under the lock: a MOVE that waited for another one finds the folder gone
                self._require_folder(folder, upload_id)
                try:
                    status, headers = self.assembler.assemble(environ, folder, v2=self.book.is_v2(upload_id))
                finally:
                    if not folder.exists():
                        self.book.forget(upload_id)
            return answer(environ, start, status, b"", XML_TYPE, headers)
        raise SabreAnswer(405, "MethodNotAllowed", f"{method} is not allowed here")

    @staticmethod
    def _require_folder(folder: Path, upload_id: str) -> None:
        if not folder.is_dir():
            raise SabreAnswer(404, "NotFound", f"File with name {upload_id} could not be located")

    # --- methods --------------------------------------------------------------------------------

    def _mkcol(self, environ: dict[str, Any], start: StartResponse, upload_id: str, folder: Path) -> list[bytes]:
        if folder.exists():
            raise SabreAnswer(405, "MethodNotAllowed", "The resource you tried to create already exists")
        destination = header(environ, "Destination")
        if destination is not None and destination_path(destination, self.user) is None:
            raise SabreAnswer(400, "BadRequest", "The Destination header is not a file of this user")
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        folder.mkdir()
        self.book.started(upload_id, destination)
        log.debug("upload %s started (%s)", upload_id, "v2" if destination else "v1")
        return answer(environ, start, 201, b"", "text/html; charset=UTF-8")

    def _delete(
        self, environ: dict[str, Any], start: StartResponse, upload_id: str, folder: Path, name: str | None
    ) -> list[bytes]:
        target = folder if name is None else folder / name
        if name == FUTURE_FILE or not target.exists():
            raise SabreAnswer(404, "NotFound", f"File with name {name or upload_id} could not be located")
        if name is None:
            with self.book.lock_for(upload_id):
                shutil.rmtree(folder, ignore_errors=True)
                self.book.forget(upload_id)
        else:
            target.unlink()
        return answer(environ, start, 204, b"", XML_TYPE)

    def _put(
        self, environ: dict[str, Any], start: StartResponse, upload_id: str, folder: Path, name: str
    ) -> list[bytes]:
        self._require_folder(folder, upload_id)
        if name == FUTURE_FILE:
            raise SabreAnswer(403, "Forbidden", "Permission denied to put into this file")
        v2 = self.book.is_v2(upload_id)
        destination = header(environ, "Destination")
        if v2 and _chunk_number(name) is None:
            raise SabreAnswer(400, "BadRequest", "Invalid chunk name, must be numeric between 1 and 10000")
        if v2 and destination is None:
            raise SabreAnswer(400, "BadRequest", "Chunks of a chunked upload v2 need the Destination header")
        total = header(environ, "OC-Total-Length") or ""
        target = destination_path(destination, self.user) if destination else None
        if target is not None and total.isdigit():
            message = self.quota.refusal(int(total), self.assembler.quota_path(target))
            if message is not None:
                raise SabreAnswer(507, "InsufficientStorage", message)
        chunk = folder / name
        existed = chunk.exists()
        part = PartFile(self.assembler.new_part_path(), expected_length=content_length(environ), checksum=None)
        try:
            stream = environ["wsgi.input"]
            while block := stream.read(_BLOCK):
                part.write(block)
            part.verify()
        except DAVError as refused:
            raise SabreAnswer(400, "BadRequest", str(refused.context_info or refused)) from None
        except BaseException:
            part.discard()
            raise
        try:
            part.move_to(chunk, mtime=None)
        except FileNotFoundError:  # the upload was aborted or expired while the chunk arrived
            raise SabreAnswer(404, "NotFound", f"File with name {upload_id} could not be located") from None
        return answer(environ, start, 204 if existed and not v2 else 201, b"", "text/html; charset=UTF-8")

    def _propfind(
        self, environ: dict[str, Any], start: StartResponse, upload_id: str | None, name: str | None
    ) -> list[bytes]:
        length = content_length(environ) or 0
        body = environ["wsgi.input"].read(length) if 0 < length <= SMALL_BODY_LIMIT else b""
        depth = (header(environ, "Depth") or "1").lower()
        home = self.uploads_dir
        target = home if upload_id is None else home / upload_id if name is None else home / upload_id / name
        if name == FUTURE_FILE or not target.exists() or (upload_id is None and not home.is_dir()):
            raise SabreAnswer(404, "NotFound", f"File with name {name or upload_id} could not be located")
        href = "/".join([self.home, *(p for p in (upload_id, name) if p)])
        entries = [(href + ("/" if target.is_dir() else ""), _props(target))]
        if target.is_dir() and depth != "0":
            for child in sorted(target.iterdir()):
                # the uploads home lists upload folders (not the PUT part files beside them); an upload
                # folder lists its chunks
                if child.is_dir() != (upload_id is None):
                    continue
                try:
                    entries.append((f"{href}/{child.name}" + ("/" if child.is_dir() else ""), _props(child)))
                except FileNotFoundError:
                    continue  # removed while listed
        payload = multistatus(entries, requested_properties(body))
        return answer(environ, start, 207, payload, XML_TYPE)


def _props(path: Path) -> dict[str, Any]:
    st = path.stat()
    props: dict[str, Any] = {
        "{DAV:}resourcetype": path.is_dir(),
        "{DAV:}getlastmodified": util.get_rfc1123_time(st.st_mtime),
        "{DAV:}getetag": f'"{st.st_ino:x}-{st.st_size:x}-{st.st_mtime_ns:x}"',
    }
    if not path.is_dir():
        props["{DAV:}getcontentlength"] = st.st_size
        props["{DAV:}getcontenttype"] = "application/octet-stream"
    return props
