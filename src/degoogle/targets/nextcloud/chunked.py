"""Nextcloud chunked upload v2, resumable across crashes and restarts.

Followed: Nextcloud developer manual, client_apis/WebDAV/chunking ("Chunked upload v2"):
``MKCOL /remote.php/dav/uploads/<user>/<id>``; chunks ``PUT …/<n>`` with n from 1 to 10000, assembled
in the order of their names, each 5 MB to 5 GB but the last; every request carries ``Destination``
(the final file's URL) and ``OC-Total-Length``; ``MOVE …/.file`` assembles, with ``X-OC-Mtime`` and
``OC-Checksum``; the server drops an upload folder after 24 h of inactivity.

webdavclient3 has no chunked upload, so these steps are written here on the same requests session.

Resuming: the upload id and each chunk's SHA-1 are kept in the journal (``UploadLedger``). On a
restart the upload folder is listed and only the chunks the server lacks, or whose bytes changed at
the source since, are sent; the source is read once from the start either way (chunks already sent
are hashed, not sent) so the SHA-1 that goes with the final MOVE covers the whole file. If the server
dropped the folder, the file starts over.

A slow assembly (MOVE answering 502, 504 or timing out) is followed, as the desktop client does, by
polling the destination until the file is there with the right size; a 423 (locked) gets one look
at the destination and the MOVE is tried again later. The chunks stay on the server meanwhile: a
retry resumes at the MOVE — never a second upload.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from typing import TYPE_CHECKING, BinaryIO

import requests

from degoogle.errors import BadItemError, Cancelled, RetryableError
from degoogle.model import Item, UploadState
from degoogle.targets.base import WriteContext
from degoogle.targets.nextcloud.body import StreamBody
from degoogle.targets.nextcloud.chunk_sizes import DEFAULT_CHUNK, MAX_CHUNKS, MIN_CHUNK
from degoogle.targets.nextcloud.webdav import PROPFIND_BODY, parse_multistatus, raise_for_status, retry_after

if TYPE_CHECKING:
    from degoogle.targets.nextcloud.files import NextcloudFiles

__all__ = ["ASSEMBLY_PENDING", "DEFAULT_CHUNK", "MAX_CHUNKS", "MIN_CHUNK", "ChunkedUpload", "ChunkingUnavailable"]

log = logging.getLogger(__name__)

#: statuses of a MOVE that may mean "still assembling": look at the destination before anything else
ASSEMBLY_PENDING = frozenset({502, 504})
#: how long to watch for a slow assembly: at least this, more for big files (about 50 MB/s of assembly)
ASSEMBLY_WAIT_MIN = 8.0
ASSEMBLY_RATE = 50e6


class ChunkingUnavailable(Exception):
    """The server has no chunked upload v2 (no uploads endpoint): send big files in one PUT."""


class ChunkedUpload:
    """Uploads big files for one ``NextcloudFiles`` target."""

    def __init__(self, files: NextcloudFiles, chunk_size: int = DEFAULT_CHUNK) -> None:
        self.files = files
        self.chunk_size = max(MIN_CHUNK, chunk_size)
        #: False when asked for (chunk size 0) or once the server showed it has no uploads endpoint
        self.available = chunk_size > 0
        self.root = files.account.uploads_url_for(files.dav_user)

    def adapt(self, enabled: bool, max_chunk: int) -> None:
        """Follow the server's capabilities: chunking turned off, or chunks capped below ours."""
        self.available = self.available and enabled
        if max_chunk > 0:
            self.chunk_size = max(MIN_CHUNK, min(self.chunk_size, max_chunk))

    def _chunk_size_for(self, total: int) -> int:
        # 10000 chunks at most: a very big file gets bigger chunks
        return max(self.chunk_size, -(-total // MAX_CHUNKS))

    def upload(self, item: Item, path: str, ctx: WriteContext) -> tuple[bool, str]:
        """Upload ``item`` to ``path``. Returns ``(written, sha1)``; ``written`` is False when a file
        already held the name (nothing replaced). Raises as ``Target.write`` does."""
        state = ctx.ledger.get()
        have: dict[int, int] | None = None
        if state is not None and (state.target_path, state.total) == (path, item.size):
            have = self.chunks_on_server(state.upload_id)
            if have is None and self.files.exists_with_size(path, item.size):
                # assembled before a crash and the journal never heard: let the name check decide
                ctx.ledger.end()
                return False, ""
            if have is None:
                log.info("the server dropped the unfinished upload of %s: starting it over", path)
        elif state is not None:
            self._abort(state.upload_id)  # meant for another name or another version of the file
        if state is None or have is None:
            state = UploadState(f"degoogle-{uuid.uuid4().hex}", path, item.size,
                                self._chunk_size_for(item.size), 0)
            response = self.files.request_url("MKCOL", self.root + state.upload_id, f"start upload of {path}",
                                              headers={"Destination": self.files.url(path)})
            if response.status_code in (404, 405, 501):
                self.available = False
                raise ChunkingUnavailable(f"HTTP {response.status_code} on the uploads endpoint")
            raise_for_status(response, f"start upload of {path}")
            ctx.ledger.start(state)
            have = {}
        sha1 = self._send_chunks(item, path, state, have, ctx)
        return self._assemble(item, path, state, sha1, ctx), sha1

    def chunks_on_server(self, upload_id: str) -> dict[int, int] | None:
        """The chunks the server holds (number → size), or None when the upload folder is gone."""
        folder = self.root + upload_id + "/"
        response = self.files.request_url("PROPFIND", folder, "list upload", headers={"Depth": "1"},
                                          data=PROPFIND_BODY)
        if response.status_code == 404:
            return None
        raise_for_status(response, "list upload")
        return {int(name): f.size for name, f in parse_multistatus(response.content, folder).items()
                if name.isdigit() and not f.is_dir}

    def _send_chunks(self, item: Item, path: str, state: UploadState, have: dict[int, int],
                     ctx: WriteContext) -> str:
        """Send the chunks the server lacks; returns the whole file's SHA-1.

        A chunk the server has is skipped only if the journal knows its SHA-1 and the source's
        bytes still match it: a source edited between two runs, or a chunk whose journal entry a
        crash prevented, is sent again rather than assembled with stale bytes.
        """
        sha1 = hashlib.sha1(usedforsecurity=False)
        sent = ctx.ledger.chunks()
        count = max(1, -(-state.total // state.chunk_size))
        headers = {"Destination": self.files.url(path), "OC-Total-Length": str(state.total),
                   "Content-Type": "application/octet-stream"}
        with ctx.source.open(item) as stream:
            for n in range(1, count + 1):
                length = min(state.chunk_size, state.total - (n - 1) * state.chunk_size)
                body: StreamBody | bytes
                if have.get(n) == length and n in sent:
                    body = self._read_chunk(stream, length, sha1, ctx)
                    part = hashlib.sha1(body, usedforsecurity=False).hexdigest()
                    if part == sent[n]:
                        continue
                    log.info("part %d of %s changed since it was sent: sending it again", n, path)
                else:
                    part_sha1 = hashlib.sha1(usedforsecurity=False)
                    body = StreamBody(stream, length, ctx, sha1, part_sha1)
                what = f"upload part {n}/{count} of {path}"
                response = self.files.request_url("PUT", f"{self.root}{state.upload_id}/{n:05d}", what,
                                                  data=body, headers=headers)
                raise_for_status(response, what)
                if isinstance(body, StreamBody):
                    part = part_sha1.hexdigest()
                else:
                    ctx.on_bytes(length)
                ctx.ledger.progress(n, part)
            if stream.read(1):
                raise BadItemError("the file grew while it was being copied", code="source_changed")
        return sha1.hexdigest()

    @staticmethod
    def _read_chunk(stream: BinaryIO, length: int, sha1: hashlib._Hash, ctx: WriteContext) -> bytes:
        """``length`` bytes of the source (one chunk, in memory), hashed into the whole file's SHA-1."""
        blocks: list[bytes] = []
        left = length
        while left:
            if ctx.should_stop():
                raise Cancelled("stopped while reading")
            block = stream.read(min(left, 1 << 20))
            if not block:
                raise BadItemError("the file shrank while it was being copied", code="source_changed")
            sha1.update(block)
            blocks.append(block)
            left -= len(block)
        return b"".join(blocks)

    def _assemble(self, item: Item, path: str, state: UploadState, sha1: str, ctx: WriteContext) -> bool:
        headers = {"Destination": self.files.url(path), "OC-Total-Length": str(state.total),
                   "OC-Checksum": f"SHA1:{sha1}", "Overwrite": "F"}
        if item.mtime is not None:
            headers["X-OC-Mtime"] = str(int(item.mtime))
        what = f"assemble {path}"
        try:
            response = self.files.request_url("MOVE", f"{self.root}{state.upload_id}/.file", what,
                                              headers=headers, timeout=(15, 900))
        except RetryableError:
            response = None  # reset or timed out: the server may still be assembling
        if response is not None and response.status_code == 412:
            self._abort(state.upload_id)
            ctx.ledger.end()
            return False
        if response is not None and response.status_code == 400:
            # the chunks do not make the file (length or checksum refused): start it over next try
            self._abort(state.upload_id)
            ctx.ledger.end()
            raise RetryableError(f"{what}: HTTP 400, the parts did not add up; sending the file again",
                                 code="checksum_mismatch")
        if response is not None and response.status_code == 423:
            # locked: the server is busy with this file and is not assembling it for us; one look at
            # the destination, then the MOVE is tried again later (the chunks stay on the server)
            wait = retry_after(response) or 1.0
            time.sleep(min(wait, 30.0))
            if self.files.exists_with_size(path, state.total):
                return True
            raise RetryableError(f"{what}: HTTP 423 (locked)", code="temporary", retry_after=wait)
        if response is None or response.status_code in ASSEMBLY_PENDING:
            status = "no answer" if response is None else f"HTTP {response.status_code}"
            if self.await_assembly(path, state.total):
                return True
            raise RetryableError(f"{what}: {status}, and the file has not appeared yet", code="temporary")
        raise_for_status(response, what)
        return True

    def await_assembly(self, path: str, total: int) -> bool:
        """Watch the destination until it holds ``total`` bytes (True) or the wait runs out."""
        budget = max(ASSEMBLY_WAIT_MIN, total / ASSEMBLY_RATE)
        waited, delay = 0.0, 0.5
        while waited < budget:
            time.sleep(delay)
            waited += delay
            if self.files.exists_with_size(path, total):
                log.info("%s appeared after %.1fs of assembly", path, waited)
                return True
            delay = min(delay * 2, budget - waited, 30.0)
        return False

    def _abort(self, upload_id: str) -> None:
        """Delete an upload folder we will not finish (best effort: the server expires it anyway)."""
        try:
            self.files.request_url("DELETE", self.root + upload_id + "/", "abort upload")
        except (RetryableError, requests.RequestException):
            log.info("could not delete upload folder %s; the server will expire it", upload_id)
