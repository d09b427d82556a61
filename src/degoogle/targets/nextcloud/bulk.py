"""Many small files in one request: Nextcloud's bulk upload (``POST /remote.php/dav/bulk``).

A Nextcloud that announces ``dav.bulkupload`` takes a ``multipart/related`` body whose parts each
carry one file: ``X-File-Path`` (from the user's root, leading ``/``), ``X-File-MD5`` and
``Content-Length`` (both required), ``X-OC-Mtime``, then the bytes. It answers 200 with, per path,
``{"error": false, "etag", "fileid", "permissions"}`` or ``{"error": true, "message"}``; a malformed
part stops it with 400 and the files written before it (``apps/dav/lib/BulkUpload/`` in
nextcloud/server). On a server whose cost is per request (PHP) this moves small files several times
faster than one PUT each.

Bulk upload **replaces** a file already at a path (it honours no ``If-None-Match``), so what it sends
is chosen to keep the promises of ``NextcloudFiles.write``:

1. a batch may hold files of many folders (``NextcloudFiles.batches_span_collections``). Each folder
   of the batch is made if missing and listed just before the batch, ``FOLDERS_AT_ONCE`` at a time
   (round trips); an item whose name is taken there (or by an earlier item of the batch; names
   compared as ``convert.names.name_key`` does) goes the usual way (``write``: same content = already
   there, different = kept both), as do files larger than ``FILE_MAX`` and a batch of one. The
   listing replaces the folder's cached one, so that a resumed run recognises what landed before a
   kill. A folder this run made is not listed: it holds only this run's items, whose names the plan
   made distinct (a resumed run finds the folder there, so lists it);
2. the others are read once (SHA-1 for the journal and MD5 for the server, computed while reading)
   and sent in one POST, their mtime with them;
3. per item, the server's answer decides: written → done (``SHA1:…`` recorded as for a PUT); an error,
   no answer for it, or a request that failed → the usual way, which sets it aside if the server
   refuses it.

"The usual way" is a ``RetryableError`` result: the engine then writes that item on its own with
``write``, with its tries and backoff. A server that answers the endpoint with 404, 405 or 501, or
refuses our body as malformed without writing anything, is not asked again this run. Nextcloud
stores no checksum for a bulk-written file: the journal keeps the SHA-1, and a later comparison
downloads the file (``NextcloudFiles._same``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from degoogle.convert.names import name_key
from degoogle.errors import BadItemError, Cancelled, DegoogleError, FatalError, RetryableError, SkipItem
from degoogle.model import Item, Outcome, WriteResult
from degoogle.targets.base import BatchContext, BatchResult
from degoogle.targets.nextcloud.webdav import raise_for_status

if TYPE_CHECKING:
    from degoogle.targets.nextcloud.files import NextcloudFiles

log = logging.getLogger(__name__)

#: files and bytes at most in one POST (the desktop client sends up to 100 files)
BATCH_FILES = 100
BATCH_BYTES = 5 * 1024 * 1024
#: folders made or listed at once for bulk uploads, all workers together (each a round trip)
FOLDERS_AT_ONCE = 8
#: bigger files go one PUT (or chunked upload) each
FILE_MAX = 1024 * 1024
_BLOCK = 1024 * 1024
#: answers that say the server has no bulk endpoint
_NO_ENDPOINT = frozenset({404, 405, 501})


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


class _Ready:
    """An item read and ready to go in a POST: its place in the batch, hashes and bytes."""

    __slots__ = ("data", "index", "item", "md5", "sha1")

    def __init__(self, index: int, item: Item, sha1: str, md5: str, data: bytes) -> None:
        self.index, self.item, self.sha1, self.md5, self.data = index, item, sha1, md5, data

    @property
    def key(self) -> str:
        """The ``X-File-Path`` it is sent under, which keys the server's answer."""
        return "/" + self.item.target_path


class BulkUpload:
    """Bulk upload for one ``NextcloudFiles`` (thread-safe: each call works on its own batch)."""

    def __init__(self, files: NextcloudFiles) -> None:
        self.files = files
        self.available = False
        # shared by every worker's batches: at most FOLDERS_AT_ONCE folder steps at once in all
        self._pool = ThreadPoolExecutor(FOLDERS_AT_ONCE, thread_name_prefix="degoogle-bulk-folders")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def adapt(self, capabilities: dict[str, Any]) -> None:
        """Use bulk upload when the server's capabilities announce it (``dav.bulkupload``)."""
        dav = capabilities.get("dav")
        self.available = isinstance(dav, dict) and bool(dav.get("bulkupload"))
        log.info("bulk upload %s", "announced: small files go in batches" if self.available else "not offered")

    def limits(self) -> tuple[int, int] | None:
        """``(files, bytes)`` at most per batch while the server takes bulk uploads, else None."""
        return (BATCH_FILES, BATCH_BYTES) if self.available else None

    def url(self) -> str:
        return f"{self.files.account.base_url}/remote.php/dav/bulk"

    # -- one batch -----------------------------------------------------------------------------------

    def write_batch(self, items: Sequence[Item], ctx: BatchContext) -> list[BatchResult]:
        """Per item, in order, what ``NextcloudFiles.write`` would have said (see the module docstring).
        Raises nothing itself: a fatal error or a stop is that item's result, and the items not tried
        after it are ``Cancelled`` (they stay pending)."""
        results: list[BatchResult | None] = [None] * len(items)
        try:
            self._write(items, ctx, results)
        except (FatalError, Cancelled) as exc:
            first = next((n for n, r in enumerate(results) if r is None), None)
            if first is not None:
                results[first] = exc
        return [r if r is not None else Cancelled("not tried: the batch stopped before it") for r in results]

    def _write(self, items: Sequence[Item], ctx: BatchContext, results: list[BatchResult | None]) -> None:
        by_folder: dict[str, list[int]] = {}
        alone: list[int] = []
        for n, item in enumerate(items):
            if not self.available or len(items) == 1 or item.size > FILE_MAX or not _sendable(item.target_path):
                alone.append(n)
            else:
                by_folder.setdefault(_parent(item.target_path), []).append(n)
        ready: list[_Ready] = []
        if len(by_folder) > 1:
            found = list(self._pool.map(self._taken, by_folder))
        else:
            found = [self._taken(folder) for folder in by_folder]
        for (_folder, indexes), taken in zip(by_folder.items(), found, strict=True):
            for n in indexes:
                key = name_key(_base(items[n].target_path))
                if key in taken:
                    alone.append(n)  # a name taken, or twice in this batch: compared, kept both if different
                    continue
                taken.add(key)
                got = self._read(n, items[n], ctx)
                if isinstance(got, _Ready):
                    ready.append(got)
                else:
                    results[n] = got
        if ready:
            self._send(ready, ctx, results)
        for n in alone:
            # the engine writes it on its own next (``write``, with its tries and the server's Retry-After)
            results[n] = RetryableError(f"{items[n].target_path}: written on its own", code="temporary")

    def _taken(self, folder: str) -> set[str]:
        """The folder made if missing; the names in it as the server might equate them (case, Unicode
        form): none when this run made it (see the module docstring)."""
        self.files.folder(folder)
        if self.files.made_here(folder):
            return set()
        return {name_key(name) for name in self.files.relist(folder)}

    def _read(self, n: int, item: Item, ctx: BatchContext) -> _Ready | DegoogleError:
        """The item's bytes with their SHA-1 and MD5, or the source's error for it."""
        sha1 = hashlib.sha1(usedforsecurity=False)
        md5 = hashlib.md5(usedforsecurity=False)
        kept: list[bytes] = []
        try:
            with ctx.source.open(item) as stream:
                while chunk := stream.read(_BLOCK):
                    if ctx.should_stop():
                        raise Cancelled("stopped while reading")
                    sha1.update(chunk)
                    md5.update(chunk)
                    kept.append(chunk)
        except (RetryableError, BadItemError, SkipItem) as exc:
            return exc
        data = b"".join(kept)
        if len(data) != item.size:
            return BadItemError(f"{item.source_path}: {len(data)} bytes instead of {item.size}", code="source_changed")
        return _Ready(n, item, sha1.hexdigest(), md5.hexdigest(), data)

    def _send(self, ready: list[_Ready], ctx: BatchContext, results: list[BatchResult | None]) -> None:
        """One POST of ``ready``; each item's result from the server's answer."""
        boundary = f"boundary_{uuid.uuid4().hex}"
        body = _body(ready, boundary)
        what = f"bulk upload of {len(ready)} files"
        try:
            response = self.files.request_url("POST", self.url(), what, data=body, headers={
                "Content-Type": f"multipart/related; boundary={boundary}"})
        except RetryableError as exc:
            for r in ready:  # some may have landed: written alone, they are recognised
                results[r.index] = exc
            return
        del body
        answer = _json_object(response.content)
        if response.status_code in _NO_ENDPOINT or (response.status_code == 400 and not answer):
            log.info("the server refuses bulk upload (HTTP %d): one request per file from now on",
                     response.status_code)
            self.available = False
        elif response.status_code not in (200, 400):
            try:
                raise_for_status(response, what)
            except (RetryableError, BadItemError) as exc:
                wait = exc.retry_after if isinstance(exc, RetryableError) else None
                for r in ready:  # each tried alone, where the server says what it thinks of that file
                    results[r.index] = RetryableError(exc.detail, code=exc.code, retry_after=wait)
                return
        for r in ready:
            entry = answer.get(r.key)
            if isinstance(entry, dict) and entry.get("error") is False:
                ctx.on_bytes(r.item, r.item.size)
                results[r.index] = WriteResult(Outcome.MOVED, r.item.target_path, f"SHA1:{r.sha1}")
            else:
                message = entry.get("message") if isinstance(entry, dict) else None
                said = f": {message}" if isinstance(message, str) else " (no answer for it)"
                # written alone next, where the server's answer to a PUT says done, retry or set aside
                results[r.index] = RetryableError(f"bulk upload {r.item.target_path}{said}", code="temporary")


def _sendable(path: str) -> bool:
    """Whether ``path`` can be a part header's value as it is."""
    return not any(c in path for c in "\r\n\0")


def _body(ready: list[_Ready], boundary: str) -> bytes:
    parts: list[bytes] = []
    for r in ready:
        headers = [f"X-File-Path: {r.key}", f"X-File-MD5: {r.md5}", f"Content-Length: {len(r.data)}",
                   f"OC-Checksum: SHA1:{r.sha1}"]
        if r.item.mtime is not None:
            headers.append(f"X-OC-Mtime: {int(r.item.mtime)}")
        parts += [f"--{boundary}\r\n".encode(), "\r\n".join(headers).encode(), b"\r\n\r\n", r.data, b"\r\n"]
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


def _json_object(content: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(content)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
